#include "ui/results/ReportExporter.h"

#include "common/Error.h"
#include "database/Store.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

namespace dl::ui {

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString isoTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

void writeFile(const QString& path, const QByteArray& data)
{
    // QSaveFile: a failed export never leaves a half-written report behind.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        throw Error::forFile(path.toStdString(), "cannot write the report: " + file.errorString().toStdString());
}

} // namespace

ReportExporter::ReportExporter(const db::Store& store, db::RowId runId, int maxRows)
{
    const std::optional<db::RunRecord> run = store.run(runId);
    if (!run)
        throw Error(tr("Run %1 does not exist in %2").arg(runId).arg(store.path()).toStdString());
    run_ = *run;
    if (run_.modelId)
        model_ = store.model(*run_.modelId);
    rows_ = loadResultRows(store, runId, maxRows);
}

ReportExporter::Summary ReportExporter::summary() const
{
    Summary s;
    for (const ResultRow& row : rows_) {
        ++s.images;
        (row.result.verdict == db::Verdict::Defect ? s.modelDefect : s.modelOk)++;
        if (row.override)
            ++s.overrides;
        (row.finalVerdict() == db::Verdict::Defect ? s.finalDefect : s.finalOk)++;
    }
    return s;
}

std::optional<double> ReportExporter::threshold() const
{
    // Fit runs store it with the model's metrics; some runs record it in their parameters.
    if (model_)
        if (const std::optional<double> threshold = db::numberAt(model_->metrics, "threshold"))
            return threshold;
    return db::numberAt(run_.params, "threshold");
}

QString ReportExporter::thumbnail(const QString& path, QTextDocument* document, int& serial) const
{
    if (path.isEmpty())
        return {};
    QImage image(path);
    if (image.isNull())
        return {};
    image = image.scaled(thumbnailSize_, thumbnailSize_, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QString source;
    if (document) {
        const QUrl url(QStringLiteral("thumbnail://%1.png").arg(++serial));
        document->addResource(QTextDocument::ImageResource, url, image);
        source = url.toString();
    } else {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        source = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
    }
    return QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"\">")
        .arg(source)
        .arg(image.width())
        .arg(image.height());
}

QString ReportExporter::buildHtml(QTextDocument* document) const
{
    const Summary s = summary();
    const QString title = tr("DefectLens inspection report \u2014 run #%1").arg(run_.id);
    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
                           "<style>body{font-family:sans-serif;font-size:10pt}"
                           "table{border-collapse:collapse}td,th{border:1px solid #999;padding:3px 6px}"
                           "th{background:#eee;text-align:left}.defect{color:#c62828;font-weight:bold}"
                           "</style></head><body>\n")
                .arg(esc(title));
    html += QStringLiteral("<h1>%1</h1>\n").arg(esc(title));

    html += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(esc(tr("Summary")));
    auto summaryRow = [&html](const QString& label, const QString& value) {
        html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(esc(label), esc(value));
    };
    summaryRow(tr("Run"), tr("#%1 %2, %3").arg(QString::number(run_.id), db::toText(run_.kind),
                                               db::toText(run_.status)));
    summaryRow(tr("Started"), isoTime(run_.startedAt));
    summaryRow(tr("Finished"), isoTime(run_.finishedAt));
    summaryRow(tr("Images"), QString::number(s.images));
    summaryRow(tr("Model verdict OK"), QString::number(s.modelOk));
    summaryRow(tr("Model verdict defect"), QString::number(s.modelDefect));
    summaryRow(tr("Operator overrides"), QString::number(s.overrides));
    summaryRow(tr("Final OK"), QString::number(s.finalOk));
    summaryRow(tr("Final defect"), QString::number(s.finalDefect));
    const std::optional<double> limit = threshold();
    summaryRow(tr("Threshold"), limit ? QString::number(*limit, 'g', 6) : tr("unknown"));
    html += QStringLiteral("</table>\n");

    html += QStringLiteral("<h2>%1</h2>\n").arg(esc(tr("Model")));
    if (model_) {
        html += QStringLiteral("<table>\n");
        summaryRow(tr("Method"), model_->method);
        summaryRow(tr("Categories"), model_->categories.join(QStringLiteral(", ")));
        summaryRow(tr("Bundle"), model_->bundlePath);
        summaryRow(tr("Bundle checksum (SHA-256)"), model_->bundleChecksum);
        summaryRow(tr("Created"), isoTime(model_->createdAt));
        html += QStringLiteral("</table>\n");
    } else {
        const QString bundle = db::textAt(run_.params, "model");
        html += QStringLiteral("<p>%1</p>\n")
                    .arg(esc(bundle.isEmpty() ? tr("The run's model is not recorded in the database.")
                                              : tr("Model bundle %1 (not recorded in the database).").arg(bundle)));
    }

    html += QStringLiteral("<h2>%1</h2>\n<table>\n<tr>").arg(esc(tr("Images")));
    const QStringList headers = {tr("Image"), tr("Heatmap"), tr("File"), tr("Category"), tr("Score"),
                                 tr("Model verdict"), tr("Operator verdict"), tr("Reason"), tr("User"), tr("Time")};
    for (const QString& header : headers)
        html += QStringLiteral("<th>%1</th>").arg(esc(header));
    html += QStringLiteral("</tr>\n");
    int serial = 0;
    for (const ResultRow& row : rows_) {
        const db::ResultRecord& r = row.result;
        auto verdictCell = [](db::Verdict verdict) {
            const QString text = esc(verdictDisplayText(verdict));
            return verdict == db::Verdict::Defect ? QStringLiteral("<span class=\"defect\">%1</span>").arg(text)
                                                  : text;
        };
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td title=\"%3\">%4</td><td>%5</td><td>%6</td>"
                               "<td>%7</td><td>%8</td><td>%9</td><td>%10</td><td>%11</td></tr>\n")
                    .arg(thumbnail(r.imagePath, document, serial), thumbnail(r.heatmapPath, document, serial),
                         esc(r.imagePath), esc(QFileInfo(r.imagePath).fileName()), esc(row.category),
                         QString::number(r.score, 'f', 4), verdictCell(r.verdict),
                         row.override ? verdictCell(row.override->verdict) : QString(),
                         esc(row.override ? row.override->reason : QString()))
                    .arg(esc(row.override ? row.override->user : QString()),
                         esc(isoTime(row.override ? row.override->createdAt : r.createdAt)));
    }
    html += QStringLiteral("</table>\n</body></html>\n");
    return html;
}

QString ReportExporter::html() const
{
    return buildHtml(nullptr);
}

QString ReportExporter::csvField(const QString& value)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool needsQuotes = false;
    for (QChar c : value)
        needsQuotes = needsQuotes || special.contains(c);
    if (!needsQuotes)
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString ReportExporter::csvTextField(const QString& value)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!value.isEmpty() && formulaStarts.contains(value.front()))
        return csvField(QLatin1Char('\'') + value);
    return csvField(value);
}

QString ReportExporter::csv() const
{
    // Fixed English headers and ISO times: the CSV is for other programs, not for reading.
    QString out = QStringLiteral("image,category,score,model_verdict,operator_verdict,reason,user,time\r\n");
    for (const ResultRow& row : rows_) {
        const db::ResultRecord& r = row.result;
        // The score is a number (it may be negative); every other field is text
        // that a user or a file name controls.
        const QStringList quoted = {
            csvTextField(r.imagePath), csvTextField(row.category), csvField(QString::number(r.score, 'g', 9)),
            csvTextField(db::toText(r.verdict)),
            csvTextField(row.override ? db::toText(row.override->verdict) : QString()),
            csvTextField(row.override ? row.override->reason : QString()),
            csvTextField(row.override ? row.override->user : QString()),
            csvTextField(isoTime(row.override ? row.override->createdAt : r.createdAt))};
        out += quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

void ReportExporter::writeHtml(const QString& path) const
{
    writeFile(path, html().toUtf8());
}

void ReportExporter::writeCsv(const QString& path) const
{
    writeFile(path, csv().toUtf8());
}

void ReportExporter::writePdf(const QString& path) const
{
    // Into a QSaveFile as for HTML and CSV: a crash or a full disk while the
    // PDF is written leaves the previous report (or none), never a torn one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error::forFile(path.toStdString(), "cannot write the PDF report: " + file.errorString().toStdString());
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        writer.setResolution(150);
        writer.setTitle(tr("DefectLens inspection report \u2014 run #%1").arg(run_.id));
        writer.setCreator(QStringLiteral("DefectLens"));
        QTextDocument document;
        const QString html = buildHtml(&document);
        document.setHtml(html);
        document.print(&writer);
    } // the PDF is complete once the writer is gone
    // QPdfWriter reports no errors; an empty document means it failed.
    if (file.size() <= 0 || !file.commit())
        throw Error::forFile(path.toStdString(), "cannot write the PDF report: " + file.errorString().toStdString());
}

} // namespace dl::ui
