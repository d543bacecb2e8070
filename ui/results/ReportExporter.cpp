#include "ui/results/ReportExporter.h"

#include "common/Error.h"
#include "data/ImageIO.h"
#include "database/Store.h"
#include "ui/common/ImageConvert.h"
#include "ui/results/ResultsTable.h"
#include "ui/viewer/ResultView.h"

#include <QBuffer>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImageReader>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPromise>
#include <QSaveFile>
#include <QTextBoundaryFinder>
#include <QTextLayout>
#include <QTextStream>
#include <QtConcurrent/QtConcurrentRun>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace dl::ui {

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

// Full ISO 8601 in UTC, for the CSV (other programs read it).
QString isoTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

// "2026-12-02 19:05" in UTC, for people: short enough for a narrow column.
QString shortTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

// "test_fraction" -> "test fraction": run parameter keys read as words.
QString keyWords(const std::string& key)
{
    return QString::fromStdString(key).replace(QLatin1Char('_'), QLatin1Char(' '));
}

// A run parameter for people: text as it is; a dataset ({path, format, ...}) as its path with
// the options that are set in parentheses; a list as its entries, one per line.
QString parameterText(const nlohmann::json& value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_array()) {
        QStringList items;
        for (const nlohmann::json& item : value)
            items << parameterText(item);
        return items.join(QLatin1Char('\n'));
    }
    if (value.is_object()) {
        QString head;
        QStringList options;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it.key() == "path") {
                head = parameterText(it.value());
                continue;
            }
            if (it.value().is_null() || (it.value().is_string() && it.value().get<std::string>().empty()))
                continue; // unset options say nothing
            options << QStringLiteral("%1 %2").arg(keyWords(it.key()), parameterText(it.value()));
        }
        if (head.isEmpty())
            return options.join(QStringLiteral(", "));
        return options.isEmpty() ? head : QStringLiteral("%1 (%2)").arg(head, options.join(QStringLiteral(", ")));
    }
    return QString::fromStdString(value.dump());
}

// The date and the time of day as two paragraphs: Qt's line breaking finds no
// break between "2026-12-02" and "19:05", so one text would be squeezed.
std::vector<QString> shortTimeLines(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    return {utc.toString(QStringLiteral("yyyy-MM-dd")), utc.toString(QStringLiteral("HH:mm"))};
}

QString ratio(double value)
{
    return QString::number(value, 'f', 4);
}

void writeFile(const QString& path, const QByteArray& data)
{
    // QSaveFile: a failed export never leaves a half-written report behind.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        throw Error::forFile(path.toStdString(), "cannot write the report: " + file.errorString().toStdString());
}

// ---- Columns and cells, shared by HTML and PDF ----

enum class ColumnKind { ImageThumbnail, HeatmapThumbnail, Text };

struct Column {
    QString header;
    int percent; // of the page (PDF) or table (HTML) width; the columns sum to 100
    ColumnKind kind;
};

// Fixed widths: the layout does not depend on the contents, so a long file name
// cannot squeeze another column until its words break.
std::vector<Column> imageColumns()
{
    using R = ReportExporter;
    return {{R::tr("Image"), 11, ColumnKind::ImageThumbnail},
            {R::tr("Heatmap"), 11, ColumnKind::HeatmapThumbnail},
            {R::tr("File"), 17, ColumnKind::Text},
            {R::tr("Category"), 10, ColumnKind::Text},
            {R::tr("Defect type"), 11, ColumnKind::Text},
            {R::tr("Score"), 7, ColumnKind::Text},
            {R::tr("Model verdict"), 8, ColumnKind::Text},
            {R::tr("Operator review"), 15, ColumnKind::Text},
            {R::tr("Time (UTC)"), 10, ColumnKind::Text}};
}

// One paragraph of a cell.
struct Fragment {
    QString text;
    bool emphasised = false; // a defect verdict: bold red
    bool quiet = false;      // a remark ("no heatmap stored"): grey
};
using Cell = std::vector<Fragment>;

Fragment verdictFragment(db::Verdict verdict)
{
    return {verdictDisplayText(verdict), verdict == db::Verdict::Defect, false};
}

// The text cells of a row, in the order of the Text columns of imageColumns().
std::vector<Cell> textCellsOf(const ResultRow& row)
{
    const db::ResultRecord& r = row.result;
    Cell review;
    if (row.override) {
        review.push_back(verdictFragment(row.override->verdict));
        // A reason can be long; the PDF row must still fit on a page.
        QString reason = row.override->reason;
        if (reason.size() > 300)
            reason = reason.left(300) + QChar(0x2026);
        if (!reason.isEmpty())
            review.push_back({reason});
        if (!row.override->user.isEmpty())
            review.push_back({QStringLiteral("\u2014 ") + row.override->user, false, true});
    }
    Cell time;
    for (const QString& line : shortTimeLines(row.override ? row.override->createdAt : r.createdAt))
        time.push_back({line});
    return {{{row.relativePath}},
            {{row.category}},
            {{row.defectType}},
            {{QString::number(r.score, 'f', 4)}},
            {verdictFragment(r.verdict)},
            review,
            time};
}

// ---- Thumbnails ----

struct Thumbnails {
    QImage image;
    QImage heatmap;
    QString imageNote;   // why there is no image thumbnail
    QString heatmapNote; // why there is no heatmap thumbnail
};

// A decompression bomb is refused before decoding, as the engine does.
bool withinPixelLimit(const QSize& size)
{
    return !size.isValid()
           || static_cast<std::uint64_t>(size.width()) * static_cast<std::uint64_t>(size.height())
                  <= maxImagePixels();
}

// A copy of the picture whose longest side is at most `size`; null when it cannot be read.
QImage loadThumbnail(const QString& path, int size)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid()) {
        if (!withinPixelLimit(full))
            return {};
        // Decoding at the small size is much faster for JPEG.
        if (full.width() > size || full.height() > size)
            reader.setScaledSize(full.scaled(size, size, Qt::KeepAspectRatio));
        QImage image = reader.read();
        if (!image.isNull())
            return image;
    }
    // Formats Qt does not read here (TIFF, 16-bit PNG variants): the engine's decoder.
    try {
        const QImage image = toQImage(loadImageRgb(path.toStdString()));
        if (image.width() <= size && image.height() <= size)
            return image;
        return image.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    } catch (const Error&) {
        return {};
    }
}

// A raw anomaly map (single-channel float, as `test --maps-dir` writes it as TIFF);
// empty when the file is a picture (an overlay PNG) or cannot be read.
cv::Mat loadRawMap(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("tif") && suffix != QLatin1String("tiff") && suffix != QLatin1String("exr"))
        return {};
    const ImageFileInfo info = inspectImageFile(path.toStdString());
    if (!info.problem.empty() || !withinPixelLimit(QSize(info.size.width, info.size.height)))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    const cv::Mat encoded(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.constData()));
    const cv::Mat map = cv::imdecode(encoded, cv::IMREAD_UNCHANGED);
    if (map.empty() || map.channels() != 1 || (map.depth() != CV_32F && map.depth() != CV_64F))
        return {};
    cv::Mat map32;
    map.convertTo(map32, CV_32F);
    return map32;
}

struct HeatmapScale {
    double low = 0.0;
    double high = 1.0;
    std::optional<double> contour;
};

Thumbnails makeThumbnails(const ResultRow& row, int size, const HeatmapScale& scale)
{
    Thumbnails thumbnails;
    thumbnails.image = loadThumbnail(row.result.imagePath, size);
    if (thumbnails.image.isNull())
        thumbnails.imageNote = QFileInfo::exists(row.result.imagePath) ? ReportExporter::tr("image unreadable")
                                                                       : ReportExporter::tr("image file missing");
    const QString& heatmapPath = row.result.heatmapPath;
    if (heatmapPath.isEmpty()) {
        thumbnails.heatmapNote = ReportExporter::tr("no heatmap stored");
        return thumbnails;
    }
    if (!QFileInfo::exists(heatmapPath)) {
        thumbnails.heatmapNote = ReportExporter::tr("heatmap file missing");
        return thumbnails;
    }
    const cv::Mat rawMap = loadRawMap(heatmapPath);
    if (!rawMap.empty()) {
        // Coloured over the image like the viewer does; alone (fully opaque) when the image is gone.
        HeatmapStyle style;
        style.contourThreshold = scale.contour;
        QImage base = thumbnails.image;
        if (base.isNull()) {
            base = QImage(QSize(rawMap.cols, rawMap.rows).scaled(size, size, Qt::KeepAspectRatio),
                          QImage::Format_RGB888);
            base.fill(Qt::black);
            style.opacity = 1.0;
        }
        thumbnails.heatmap = renderHeatmap(base, rawMap, scale.low, scale.high, style);
    } else {
        thumbnails.heatmap = loadThumbnail(heatmapPath, size); // an overlay picture
    }
    if (thumbnails.heatmap.isNull())
        thumbnails.heatmapNote = ReportExporter::tr("heatmap unreadable");
    return thumbnails;
}

QString pngDataUri(const QImage& image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
}

// ---- HTML ----

QString htmlOfCell(const Cell& cell)
{
    QStringList parts;
    for (const Fragment& fragment : cell) {
        const QString text = esc(fragment.text);
        if (fragment.emphasised)
            parts << QStringLiteral("<span class=\"defect\">%1</span>").arg(text);
        else if (fragment.quiet)
            parts << QStringLiteral("<span class=\"quiet\">%1</span>").arg(text);
        else
            parts << text;
    }
    return parts.join(QStringLiteral("<br>"));
}

QString htmlOfThumbnail(const QImage& image, const QString& note)
{
    if (image.isNull())
        return note.isEmpty() ? QString() : QStringLiteral("<span class=\"quiet\">%1</span>").arg(esc(note));
    return QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"\">")
        .arg(pngDataUri(image))
        .arg(image.width())
        .arg(image.height());
}

QString htmlStart(const QString& title, const QString& subtitle, const std::vector<ReportSection>& sections)
{
    QString html;
    html += QStringLiteral(
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n<style>\n"
                "body{font-family:sans-serif;font-size:10pt;margin:12mm}\n"
                "table{border-collapse:collapse;margin-bottom:1em}\n"
                "td,th{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left}\n"
                "th{background:#eee}\n"
                "table.facts th{width:16em;font-weight:normal}\n"
                "table.images{width:100%;table-layout:fixed;font-size:9pt}\n"
                "table.images tr{page-break-inside:avoid;break-inside:avoid}\n"
                "table.images td{overflow-wrap:normal;word-break:normal}\n"
                "table.images img{max-width:100%;height:auto}\n"
                "td.time,td.number{white-space:nowrap}\n"
                ".defect{color:#c62828;font-weight:bold}\n.quiet{color:#777}\n.note{color:#444}\n"
                "</style></head><body>\n")
                .arg(esc(title));
    html += QStringLiteral("<h1>%1</h1>\n<p class=\"note\">%2</p>\n").arg(esc(title), esc(subtitle));
    for (const ReportSection& section : sections) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(esc(section.title));
        if (!section.note.isEmpty())
            html += QStringLiteral("<p class=\"note\">%1</p>\n").arg(esc(section.note));
        if (section.entries.empty())
            continue;
        html += QStringLiteral("<table class=\"facts\">\n");
        for (const auto& [label, value] : section.entries)
            html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(esc(label), esc(value));
        html += QStringLiteral("</table>\n");
    }
    html += QStringLiteral("<h2>%1</h2>\n<table class=\"images\">\n<colgroup>").arg(esc(ReportExporter::tr("Images")));
    const std::vector<Column> columns = imageColumns();
    for (const Column& column : columns)
        html += QStringLiteral("<col style=\"width:%1%\">").arg(column.percent);
    html += QStringLiteral("</colgroup>\n<thead><tr>");
    for (const Column& column : columns)
        html += QStringLiteral("<th>%1</th>").arg(esc(column.header));
    html += QStringLiteral("</tr></thead>\n<tbody>\n");
    return html;
}

QString htmlRow(const ResultRow& row, const Thumbnails& thumbnails)
{
    const std::vector<Cell> cells = textCellsOf(row);
    // Concatenated, not QString::arg: a file name like "%2.png" must stay as it is.
    const QString numberClass = QStringLiteral("number");
    const QString timeClass = QStringLiteral("time");
    auto cell = [](const QString& content, const QString& cssClass = {}) {
        return (cssClass.isEmpty() ? QStringLiteral("<td>") : QStringLiteral("<td class=\"") + cssClass + QStringLiteral("\">"))
               + content + QStringLiteral("</td>");
    };
    QString html = QStringLiteral("<tr>");
    html += cell(htmlOfThumbnail(thumbnails.image, thumbnails.imageNote));
    html += cell(htmlOfThumbnail(thumbnails.heatmap, thumbnails.heatmapNote));
    // The file below the dataset root, with the full path as its tooltip.
    html += QStringLiteral("<td title=\"") + esc(row.result.imagePath) + QStringLiteral("\">") + htmlOfCell(cells[0])
            + QStringLiteral("</td>");
    html += cell(htmlOfCell(cells[1])) + cell(htmlOfCell(cells[2])) + cell(htmlOfCell(cells[3]), numberClass)
            + cell(htmlOfCell(cells[4])) + cell(htmlOfCell(cells[5])) + cell(htmlOfCell(cells[6]), timeClass);
    return html + QStringLiteral("</tr>\n");
}

// ---- PDF ----

constexpr qreal kMinPointSize = 5.5;

// A paragraph laid out at a fixed width. Lines break between words; when a word
// is wider than the column the font shrinks (down to kMinPointSize) until the
// widest one fits, and only a word still too wide is broken.
class TextBox {
public:
    TextBox(const QString& text, QFont font, qreal width, QPaintDevice* device)
    {
        QString laidOut = text;
        laidOut.replace(QLatin1Char('\n'), QChar::LineSeparator);
        while (font.pointSizeF() > kMinPointSize && widestWord(laidOut, font, device) > width)
            font.setPointSizeF(std::max(kMinPointSize, font.pointSizeF() - 0.5));
        layout_ = std::make_unique<QTextLayout>(laidOut, font, device);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout_->setTextOption(option);
        layout_->setCacheEnabled(true);
        layout_->beginLayout();
        for (QTextLine line = layout_->createLine(); line.isValid(); line = layout_->createLine()) {
            line.setLineWidth(width);
            line.setPosition(QPointF(0.0, height_));
            height_ += line.height();
        }
        layout_->endLayout();
    }

    qreal height() const { return height_; }
    void draw(QPainter& painter, const QPointF& topLeft, const QColor& color) const
    {
        painter.setPen(color);
        layout_->draw(&painter, topLeft);
    }

private:
    static qreal widestWord(const QString& text, const QFont& font, QPaintDevice* device)
    {
        const QFontMetricsF metrics(font, device);
        qreal widest = 0.0;
        QTextBoundaryFinder breaks(QTextBoundaryFinder::Line, text);
        qsizetype start = 0;
        for (qsizetype end = breaks.toNextBoundary(); end != -1; end = breaks.toNextBoundary()) {
            widest = std::max(widest, metrics.horizontalAdvance(text.mid(start, end - start).trimmed()));
            start = end;
        }
        return widest;
    }

    std::unique_ptr<QTextLayout> layout_;
    qreal height_ = 0.0;
};

// Draws the report onto the pages of a QPdfWriter, top to bottom. Every block
// (a heading with what follows it, a fact, an image row) is measured first and
// moved to a new page when it does not fit, so nothing splits across pages;
// the images table repeats its header on every page.
class PdfPages {
public:
    PdfPages(QPdfWriter& writer, const QString& path, const QString& footer)
        : writer_(writer), footer_(footer)
    {
        if (!painter_.begin(&writer_))
            throw Error::forFile(path.toStdString(), "cannot write the PDF report: the PDF painter did not start");
        painter_.setRenderHint(QPainter::SmoothPixmapTransform);
        painter_.setRenderHint(QPainter::Antialiasing);
        const QRect page = writer_.pageLayout().paintRectPixels(writer_.resolution());
        width_ = page.width();
        mm_ = writer_.resolution() / 25.4;
        bottom_ = page.height() - 6.0 * mm_; // room for the footer
        baseFont_ = QFont(QStringLiteral("DejaVu Sans"));
        baseFont_.setStyleHint(QFont::SansSerif);
    }

    qreal width() const { return width_; }
    qreal mm() const { return mm_; }
    QPaintDevice* device() { return &writer_; }
    int pages() const { return page_; }

    QFont font(qreal pointSize, bool bold = false) const
    {
        QFont font = baseFont_;
        font.setPointSizeF(pointSize);
        font.setBold(bold);
        return font;
    }

    void title(const QString& text, const QString& subtitle)
    {
        const TextBox heading(text, font(15.0, true), width_, device());
        const TextBox below(subtitle, font(8.5), width_, device());
        heading.draw(painter_, QPointF(0, y_), Qt::black);
        y_ += heading.height() + 1.0 * mm_;
        below.draw(painter_, QPointF(0, y_), QColor(0x44, 0x44, 0x44));
        y_ += below.height() + 3.0 * mm_;
    }

    void section(const ReportSection& section)
    {
        const TextBox heading(section.title, font(11.0, true), width_, device());
        std::optional<TextBox> note;
        if (!section.note.isEmpty())
            note.emplace(section.note, font(8.5), width_, device());
        const qreal labelWidth = 0.3 * width_;
        const qreal valueWidth = width_ - labelWidth;
        const qreal pad = 0.8 * mm_;
        std::vector<std::pair<TextBox, TextBox>> entries;
        entries.reserve(section.entries.size());
        for (const auto& [label, value] : section.entries)
            entries.emplace_back(std::piecewise_construct,
                                 std::forward_as_tuple(label, font(8.5, true), labelWidth - 2 * pad, device()),
                                 std::forward_as_tuple(value, font(8.5), valueWidth - 2 * pad, device()));
        auto entryHeight = [pad](const std::pair<TextBox, TextBox>& entry) {
            return std::max(entry.first.height(), entry.second.height()) + 2 * pad;
        };
        // The heading stays with its note and first fact.
        const qreal headHeight = 3.0 * mm_ + heading.height() + (note ? note->height() + 1.0 * mm_ : 0.0);
        ensureSpace(headHeight + (entries.empty() ? 0.0 : entryHeight(entries.front())));
        y_ += 3.0 * mm_;
        heading.draw(painter_, QPointF(0, y_), Qt::black);
        y_ += heading.height();
        if (note) {
            note->draw(painter_, QPointF(0, y_), QColor(0x44, 0x44, 0x44));
            y_ += note->height() + 1.0 * mm_;
        }
        for (const auto& entry : entries) {
            const qreal height = entryHeight(entry);
            ensureSpace(height);
            painter_.fillRect(QRectF(0, y_, labelWidth, height), QColor(0xee, 0xee, 0xee));
            entry.first.draw(painter_, QPointF(pad, y_ + pad), Qt::black);
            entry.second.draw(painter_, QPointF(labelWidth + pad, y_ + pad), Qt::black);
            painter_.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 0));
            painter_.drawLine(QPointF(0, y_ + height), QPointF(width_, y_ + height));
            y_ += height;
        }
    }

    void beginImages(const QString& heading, std::vector<Column> columns)
    {
        columns_ = std::move(columns);
        const TextBox title(heading, font(11.0, true), width_, device());
        ensureSpace(3.0 * mm_ + title.height() + headerHeight() + 30.0 * mm_);
        y_ += 3.0 * mm_;
        title.draw(painter_, QPointF(0, y_), Qt::black);
        y_ += title.height() + 1.0 * mm_;
        inImages_ = true;
        drawHeader();
    }

    // Returns the page the row went to (1-based) and its top and bottom on it.
    struct Placement {
        int page = 0;
        qreal top = 0.0;
        qreal bottom = 0.0;
    };
    Placement imageRow(const Thumbnails& thumbnails, const std::vector<Cell>& cells)
    {
        const qreal pad = 1.0 * mm_;
        // Measure first: thumbnails and text boxes give the row's height.
        struct Placed {
            qreal x = 0.0;
            qreal width = 0.0;
            QImage image;
            QSizeF imageSize;
            std::vector<std::pair<TextBox, Fragment>> texts;
        };
        std::vector<Placed> placed;
        qreal x = 0.0;
        qreal rowHeight = 0.0;
        std::size_t textCell = 0;
        for (const Column& column : columns_) {
            Placed cell;
            cell.x = x;
            cell.width = width_ * column.percent / 100.0;
            x += cell.width;
            const qreal inner = cell.width - 2 * pad;
            Cell text;
            if (column.kind == ColumnKind::Text) {
                text = cells.at(textCell++);
            } else {
                cell.image = column.kind == ColumnKind::ImageThumbnail ? thumbnails.image : thumbnails.heatmap;
                if (cell.image.isNull())
                    text = {{column.kind == ColumnKind::ImageThumbnail ? thumbnails.imageNote : thumbnails.heatmapNote,
                             false, true}};
            }
            if (!cell.image.isNull()) {
                cell.imageSize = QSizeF(cell.image.size()).scaled(inner, inner, Qt::KeepAspectRatio);
                rowHeight = std::max(rowHeight, cell.imageSize.height());
            }
            qreal textHeight = 0.0;
            for (const Fragment& fragment : text) {
                if (fragment.text.isEmpty())
                    continue;
                cell.texts.emplace_back(std::piecewise_construct,
                                        std::forward_as_tuple(fragment.text, font(7.5, fragment.emphasised), inner,
                                                              device()),
                                        std::forward_as_tuple(fragment));
                textHeight += cell.texts.back().first.height();
            }
            rowHeight = std::max(rowHeight, textHeight);
            placed.push_back(std::move(cell));
        }
        rowHeight += 2 * pad;

        ensureSpace(rowHeight);
        Placement placement{page_, y_, y_ + rowHeight};
        for (const Placed& cell : placed) {
            if (!cell.image.isNull())
                painter_.drawImage(QRectF(QPointF(cell.x + pad, y_ + pad), cell.imageSize), cell.image);
            qreal textY = y_ + pad;
            for (const auto& [box, fragment] : cell.texts) {
                const QColor color = fragment.emphasised ? QColor(0xc6, 0x28, 0x28)
                                     : fragment.quiet    ? QColor(0x77, 0x77, 0x77)
                                                         : QColor(Qt::black);
                box.draw(painter_, QPointF(cell.x + pad, textY), color);
                textY += box.height();
            }
        }
        painter_.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 0));
        painter_.drawLine(QPointF(0, y_ + rowHeight), QPointF(width_, y_ + rowHeight));
        y_ += rowHeight;
        return placement;
    }

    qreal contentBottom() const { return bottom_; }

    void finish()
    {
        drawFooter();
        painter_.end();
    }

private:
    qreal headerHeight() const
    {
        qreal height = 0.0;
        for (const Column& column : columns_)
            height = std::max(height, TextBox(column.header, font(7.5, true),
                                              width_ * column.percent / 100.0 - 2.0 * mm_, &writer_)
                                          .height());
        return height + 2.0 * mm_;
    }

    void drawHeader()
    {
        const qreal height = headerHeight();
        painter_.fillRect(QRectF(0, y_, width_, height), QColor(0xee, 0xee, 0xee));
        qreal x = 0.0;
        for (const Column& column : columns_) {
            const qreal columnWidth = width_ * column.percent / 100.0;
            TextBox(column.header, font(7.5, true), columnWidth - 2.0 * mm_, device())
                .draw(painter_, QPointF(x + mm_, y_ + mm_), Qt::black);
            x += columnWidth;
        }
        y_ += height;
    }

    void ensureSpace(qreal height)
    {
        if (y_ + height <= bottom_ || y_ == 0.0)
            return; // fits, or a fresh page: taller blocks cannot do better elsewhere
        drawFooter();
        writer_.newPage();
        ++page_;
        y_ = 0.0;
        if (inImages_)
            drawHeader();
    }

    void drawFooter()
    {
        const TextBox footer(ReportExporter::tr("%1 \u2014 page %2").arg(footer_).arg(page_), font(7.0), width_,
                             device());
        footer.draw(painter_, QPointF(0, bottom_ + 2.0 * mm_), QColor(0x77, 0x77, 0x77));
    }

    QPdfWriter& writer_;
    QPainter painter_;
    QString footer_;
    QFont baseFont_;
    std::vector<Column> columns_;
    qreal width_ = 0.0;
    qreal bottom_ = 0.0;
    qreal mm_ = 1.0;
    qreal y_ = 0.0;
    int page_ = 1;
    bool inImages_ = false;
};

} // namespace

// ---- ReportExporter ----

ReportExporter::ReportExporter(const db::Store& store, db::RowId runId, int maxRows)
{
    const std::optional<db::RunRecord> run = store.run(runId);
    if (!run)
        throw Error(tr("Run %1 does not exist in %2").arg(runId).arg(store.path()).toStdString());
    run_ = *run;
    if (run_.modelId)
        model_ = store.model(*run_.modelId);
    databasePath_ = store.path();
    allRows_ = loadResultRows(store, runId, maxRows);
    truncated_ = maxRows >= 0 && static_cast<int>(allRows_.size()) >= maxRows;
    rows_ = allRows_;

    // Labels: the first image of a dataset loads the dataset's images (two queries, not one per row).
    std::map<db::RowId, int> labelOfImage;
    std::set<db::RowId> loadedDatasets;
    std::vector<Scored> scored;
    scored.reserve(allRows_.size());
    for (const ResultRow& row : allRows_) {
        int label = -1;
        if (const std::optional<db::RowId> imageId = row.result.imageId) {
            if (auto known = labelOfImage.find(*imageId); known != labelOfImage.end()) {
                label = known->second;
            } else if (const std::optional<db::ImageRecord> image = store.image(*imageId)) {
                if (loadedDatasets.insert(image->datasetId).second)
                    for (const db::ImageRecord& sibling : store.imagesOfDataset(image->datasetId))
                        labelOfImage[sibling.id] = sibling.label;
                label = labelOfImage[*imageId] = image->label;
            }
        }
        scored.push_back({row.result.score, label, row.result.verdict});
    }
    labelMetrics_ = computeLabelMetrics(scored, threshold());
}

void ReportExporter::setSelection(ReportSelection selection)
{
    rows_ = std::move(selection.rows);
    filterDescription_ = std::move(selection.filterDescription);
}

LabelMetrics ReportExporter::computeLabelMetrics(const std::vector<Scored>& scored, std::optional<double> threshold)
{
    LabelMetrics m;
    std::vector<std::pair<double, int>> ranked; // (score, label) with finite scores
    for (const Scored& s : scored) {
        if (s.label != 0 && s.label != 1)
            continue;
        ++m.labelled;
        const bool defective = s.label == 1;
        (defective ? m.defective : m.normal)++;
        const bool flagged = threshold ? s.score >= *threshold : s.verdict == db::Verdict::Defect;
        if (defective)
            (flagged ? m.truePositives : m.falseNegatives)++;
        else
            (flagged ? m.falsePositives : m.trueNegatives)++;
        if (std::isfinite(s.score))
            ranked.emplace_back(s.score, s.label);
    }
    const auto positives = std::count_if(ranked.begin(), ranked.end(), [](const auto& s) { return s.second == 1; });
    const auto negatives = static_cast<std::ptrdiff_t>(ranked.size()) - positives;

    // AUROC by the rank sum of the defective images (Mann-Whitney U); tied scores share their mean rank.
    std::sort(ranked.begin(), ranked.end());
    if (positives > 0 && negatives > 0) {
        double positiveRankSum = 0.0;
        for (std::size_t i = 0; i < ranked.size();) {
            std::size_t end = i;
            int positivesInTie = 0;
            while (end < ranked.size() && ranked[end].first == ranked[i].first)
                positivesInTie += ranked[end++].second;
            const double meanRank = (static_cast<double>(i + 1) + static_cast<double>(end)) / 2.0;
            positiveRankSum += positivesInTie * meanRank;
            i = end;
        }
        const double p = static_cast<double>(positives);
        m.imageAuroc = (positiveRankSum - p * (p + 1.0) / 2.0) / (p * static_cast<double>(negatives));
    }
    // Average precision: precision at each distinct score, from the highest down, weighted by the recall gained.
    if (positives > 0) {
        double truePositives = 0.0;
        double flagged = 0.0;
        double previousRecall = 0.0;
        double ap = 0.0;
        for (std::size_t end = ranked.size(); end > 0;) {
            std::size_t begin = end;
            while (begin > 0 && ranked[begin - 1].first == ranked[end - 1].first) {
                --begin;
                truePositives += ranked[begin].second;
                flagged += 1.0;
            }
            const double recall = truePositives / static_cast<double>(positives);
            ap += (recall - previousRecall) * (truePositives / flagged);
            previousRecall = recall;
            end = begin;
        }
        m.averagePrecision = ap;
    }
    return m;
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
        if (!row.result.heatmapPath.isEmpty())
            ++s.heatmaps;
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

QString ReportExporter::thresholdSource() const
{
    if (model_ && db::numberAt(model_->metrics, "threshold"))
        return tr("from the model record");
    if (db::numberAt(run_.params, "threshold"))
        return tr("from the run's parameters");
    return {};
}

QString ReportExporter::scopeText() const
{
    const int total = static_cast<int>(allRows_.size());
    QString text = !filterDescription_.isEmpty() ? tr("%1 of %2 results shown: %3.")
                             .arg(static_cast<qlonglong>(rows_.size()))
                             .arg(total)
                             .arg(filterDescription_)
                   : total == 1 ? tr("The run's one result is listed.")
                                : tr("All %1 results of the run are listed.").arg(total);
    if (truncated_)
        text += QLatin1Char(' ') + tr("Only the first %1 results of the run were loaded.").arg(total);
    return text;
}

std::pair<double, double> ReportExporter::heatmapScale() const
{
    // Raw maps hold pixel scores without the model's calibration (that lives in
    // the bundle). One scale for the whole report keeps rows comparable: from the
    // run's lowest image score (calm) to 1.25 x the threshold, as the viewer's
    // default range ends there when normal pixels stay below the threshold.
    double lowest = 0.0;
    double highest = 1.0;
    bool first = true;
    for (const ResultRow& row : allRows_) {
        const double score = row.result.score;
        if (!std::isfinite(score))
            continue;
        lowest = first ? score : std::min(lowest, score);
        highest = first ? score : std::max(highest, score);
        first = false;
    }
    const std::optional<double> limit = threshold();
    double high = limit ? *limit + 0.25 * std::abs(*limit) : highest;
    if (!(high > lowest))
        high = highest > lowest ? highest : lowest + 1.0;
    return {lowest, high};
}

std::vector<ReportSection> ReportExporter::sections() const
{
    std::vector<ReportSection> sections;
    const Summary s = summary();
    const std::optional<double> limit = threshold();
    const auto [scaleLow, scaleHigh] = heatmapScale();

    ReportSection overview{tr("Summary"), scopeText(), {}};
    overview.entries = {
        {tr("Run"), tr("#%1 %2, %3").arg(QString::number(run_.id), runKindDisplayText(run_.kind), runStatusDisplayText(run_.status))},
        {tr("Database"), databasePath_},
        {tr("Images listed"), QString::number(s.images)},
        {tr("Model verdict OK"), QString::number(s.modelOk)},
        {tr("Model verdict defect"), QString::number(s.modelDefect)},
        {tr("Operator overrides"), QString::number(s.overrides)},
        {tr("Final OK"), QString::number(s.finalOk)},
        {tr("Final defect"), QString::number(s.finalDefect)},
        {tr("Threshold"), limit ? tr("%1 (%2)").arg(QString::number(*limit, 'g', 6), thresholdSource()) : tr("unknown")},
        {tr("Heatmaps stored"),
         tr("%1 of %2; raw maps are coloured from %3 to %4 (the run's lowest score to 1.25 \u00d7 the threshold)")
             .arg(s.heatmaps)
             .arg(s.images)
             .arg(QString::number(scaleLow, 'g', 4), QString::number(scaleHigh, 'g', 4))}};
    sections.push_back(std::move(overview));

    // Metrics of this run from the images' labels, over all its results: a verdict filter would bias them.
    const LabelMetrics& m = labelMetrics_;
    ReportSection fromLabels{tr("Metrics from the labels"), {}, {}};
    if (m.labelled == 0) {
        fromLabels.note = tr("No labels: none of the run's images is labelled normal or defective.");
    } else {
        fromLabels.note = tr("Computed from the %1 labelled of the run's %2 results, whatever the filter shows.")
                              .arg(m.labelled)
                              .arg(static_cast<qlonglong>(allRows_.size()));
        const QString notComputed = tr("needs normal and defective images");
        fromLabels.entries = {
            {tr("Labelled images"), tr("%1 normal, %2 defective").arg(m.normal).arg(m.defective)},
            {tr("Image AUROC"), m.imageAuroc ? ratio(*m.imageAuroc) : notComputed},
            {tr("Average precision"), m.averagePrecision ? ratio(*m.averagePrecision) : notComputed},
            {limit ? tr("At the threshold %1").arg(QString::number(*limit, 'g', 6)) : tr("By the model's verdicts"),
             tr("%1 defects found, %2 missed, %3 false alarms, %4 normal passed")
                 .arg(m.truePositives)
                 .arg(m.falseNegatives)
                 .arg(m.falsePositives)
                 .arg(m.trueNegatives)}};
        const int flagged = m.truePositives + m.falsePositives;
        fromLabels.entries.emplace_back(tr("Accuracy"),
                                        ratio(double(m.truePositives + m.trueNegatives) / double(m.labelled)));
        if (flagged > 0)
            fromLabels.entries.emplace_back(tr("Precision"), ratio(double(m.truePositives) / double(flagged)));
        if (m.defective > 0)
            fromLabels.entries.emplace_back(tr("Recall"), ratio(double(m.truePositives) / double(m.defective)));
    }
    sections.push_back(std::move(fromLabels));

    ReportSection recorded{tr("Metrics recorded with the model"), {}, {}};
    if (!model_) {
        recorded.note = tr("The run's model is not recorded in the database.");
    } else {
        const std::map<std::string, QString> names = {
            {"image_auroc", tr("Image AUROC")},       {"pixel_auroc", tr("Pixel AUROC")},
            {"aupro", tr("AUPRO")},                   {"f1_max", tr("F1 max")},
            {"ap", tr("Average precision")},          {"threshold", tr("Threshold")},
            {"test_images", tr("Test images")},       {"fit_seconds", tr("Training time (s)")}};
        for (auto it = model_->metrics.begin(); it != model_->metrics.end(); ++it) {
            const std::string& key = it.key();
            const nlohmann::json& value = it.value();
            const auto name = names.find(key);
            QString text;
            // Quality metrics with four decimals, as in "Metrics from the labels" above
            // (a perfect 1.0 printed as "1" read like a count).
            const bool quality = key == "image_auroc" || key == "pixel_auroc" || key == "aupro" || key == "f1_max"
                                 || key == "ap";
            if (quality && value.is_number())
                text = QString::number(value.get<double>(), 'f', 4);
            else if (value.is_number_integer())
                text = QString::number(value.get<long long>());
            else if (value.is_number())
                text = QString::number(value.get<double>(), 'g', 5);
            else if (value.is_string())
                text = QString::fromStdString(value.get<std::string>());
            else if (value.is_null())
                text = tr("not available");
            else
                text = QString::fromStdString(value.dump());
            recorded.entries.emplace_back(name != names.end() ? name->second : QString::fromStdString(key), text);
        }
        recorded.note = recorded.entries.empty()
                            ? tr("None recorded.")
                            : tr("Written by the model's training and its latest evaluation, not necessarily this run.");
    }
    sections.push_back(std::move(recorded));

    ReportSection model{tr("Model"), {}, {}};
    if (model_) {
        model.entries = {
            {tr("Model"), QStringLiteral("#%1").arg(model_->id)},
            {tr("Method"), model_->method},
            {tr("Categories"), model_->categories.join(QStringLiteral(", "))},
            {tr("Bundle"), model_->bundlePath},
            {tr("Bundle checksum (SHA-256)"), model_->bundleChecksum},
            {tr("Created"), shortTime(model_->createdAt)},
            {tr("Parent model"), model_->parentModelId ? QStringLiteral("#%1").arg(*model_->parentModelId) : tr("none")}};
        if (!model_->notes.isEmpty())
            model.entries.emplace_back(tr("Notes"), model_->notes);
    } else {
        const QString bundle = db::textAt(run_.params, "model");
        model.note = bundle.isEmpty() ? tr("The run's model is not recorded in the database.")
                                      : tr("Model bundle %1 (not recorded in the database).").arg(bundle);
    }
    sections.push_back(std::move(model));

    ReportSection run{tr("Run"), {}, {}};
    run.entries = {{tr("Run"), QStringLiteral("#%1").arg(run_.id)},
                   {tr("Kind"), runKindDisplayText(run_.kind)},
                   {tr("Status"), runStatusDisplayText(run_.status)},
                   {tr("Started (UTC)"), shortTime(run_.startedAt)},
                   {tr("Finished (UTC)"), shortTime(run_.finishedAt)}};
    if (!run_.errorMessage.isEmpty())
        run.entries.emplace_back(tr("Error"), run_.errorMessage);
    if (run_.params.is_object())
        for (auto it = run_.params.begin(); it != run_.params.end(); ++it)
            run.entries.emplace_back(tr("Parameter %1").arg(keyWords(it.key())), parameterText(it.value()));
    sections.push_back(std::move(run));
    return sections;
}

void ReportExporter::render(QTextStream* html, QPdfWriter* pdf, const QString& pdfPath, const Progress& progress,
                            PdfLayout* layout) const
{
    const QString title = tr("DefectLens inspection report \u2014 run #%1").arg(run_.id);
    const QString subtitle = tr("Written %1 UTC from %2.")
                                 .arg(shortTime(QDateTime::currentDateTimeUtc()), databasePath_);
    const std::vector<ReportSection> parts = sections();
    const auto [low, high] = heatmapScale();
    const HeatmapScale scale{low, high, threshold()};
    const int total = static_cast<int>(rows_.size());
    if (progress && !progress(0, total))
        throw Cancelled();

    if (html)
        *html << htmlStart(title, subtitle, parts);
    std::optional<PdfPages> pages;
    if (pdf) {
        pages.emplace(*pdf, pdfPath, tr("DefectLens report, run #%1").arg(run_.id));
        pages->title(title, subtitle);
        for (const ReportSection& section : parts)
            pages->section(section);
        pages->beginImages(tr("Images"), imageColumns());
    }
    for (int i = 0; i < total; ++i) {
        const ResultRow& row = rows_[static_cast<std::size_t>(i)];
        const Thumbnails thumbnails = makeThumbnails(row, thumbnailSize_, scale);
        if (html)
            *html << htmlRow(row, thumbnails);
        if (pages) {
            const PdfPages::Placement placement = pages->imageRow(thumbnails, textCellsOf(row));
            if (layout)
                layout->rows.push_back({placement.page, placement.top, placement.bottom});
        }
        if (progress && !progress(i + 1, total))
            throw Cancelled();
    }
    if (html)
        *html << QStringLiteral("</tbody>\n</table>\n</body></html>\n");
    if (pages) {
        pages->finish();
        if (layout) {
            layout->pages = pages->pages();
            layout->resolution = pdf->resolution();
            layout->contentWidth = pages->width();
            layout->contentHeight = pages->contentBottom();
        }
    }
}

QString ReportExporter::html() const
{
    QString html;
    QTextStream stream(&html);
    render(&stream, nullptr, {}, {});
    stream.flush();
    return html;
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
    // Fixed English headers and ISO times: the CSV is for other programs, not for
    // reading. Columns added later go at the end, so older readers keep working.
    QString out = QStringLiteral(
        "image,category,score,model_verdict,operator_verdict,reason,user,time,relative_path,defect_type,heatmap\r\n");
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
            csvTextField(isoTime(row.override ? row.override->createdAt : r.createdAt)),
            csvTextField(row.relativePath), csvTextField(row.defectType), csvTextField(r.heatmapPath)};
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

namespace {

QSaveFile* openReportFile(std::unique_ptr<QSaveFile>& file, const QString& path)
{
    file = std::make_unique<QSaveFile>(path);
    if (!file->open(QIODevice::WriteOnly))
        throw Error::forFile(path.toStdString(), "cannot write the report: " + file->errorString().toStdString());
    return file.get();
}

void commitReportFile(QSaveFile& file)
{
    if (!file.commit())
        throw Error::forFile(file.fileName().toStdString(), "cannot write the report: " + file.errorString().toStdString());
}

std::unique_ptr<QPdfWriter> makePdfWriter(QSaveFile& file, const QString& title)
{
    auto writer = std::make_unique<QPdfWriter>(&file);
    writer->setPageSize(QPageSize(QPageSize::A4));
    writer->setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    writer->setResolution(150);
    writer->setTitle(title);
    writer->setCreator(QStringLiteral("DefectLens"));
    return writer;
}

} // namespace

PdfLayout ReportExporter::writePdf(const QString& path) const
{
    PdfLayout layout;
    // Into a QSaveFile as for HTML and CSV: a crash or a full disk while the
    // PDF is written leaves the previous report (or none), never a torn one.
    std::unique_ptr<QSaveFile> file;
    openReportFile(file, path);
    {
        const std::unique_ptr<QPdfWriter> writer = makePdfWriter(*file, tr("DefectLens inspection report \u2014 run #%1").arg(run_.id));
        render(nullptr, writer.get(), path, {}, &layout);
    } // the PDF is complete once the writer is gone
    // QPdfWriter reports no errors; an empty document means it failed.
    if (file->size() <= 0)
        throw Error::forFile(path.toStdString(), "cannot write the PDF report: nothing was written");
    commitReportFile(*file);
    return layout;
}

void ReportExporter::writeAll(const QString& basePath, const Progress& progress) const
{
    // All three are committed only after the last row, so a cancel or a failure
    // leaves the previous report files (or none).
    std::unique_ptr<QSaveFile> htmlFile;
    std::unique_ptr<QSaveFile> csvFile;
    std::unique_ptr<QSaveFile> pdfFile;
    openReportFile(htmlFile, basePath + QStringLiteral(".html"));
    openReportFile(csvFile, basePath + QStringLiteral(".csv"));
    openReportFile(pdfFile, basePath + QStringLiteral(".pdf"));
    {
        QTextStream html(htmlFile.get());
        html.setEncoding(QStringConverter::Utf8);
        const std::unique_ptr<QPdfWriter> writer =
            makePdfWriter(*pdfFile, tr("DefectLens inspection report \u2014 run #%1").arg(run_.id));
        render(&html, writer.get(), pdfFile->fileName(), progress);
        html.flush();
        if (html.status() != QTextStream::Ok)
            throw Error::forFile(htmlFile->fileName().toStdString(), "cannot write the report: " + htmlFile->errorString().toStdString());
    }
    const QByteArray csvBytes = csv().toUtf8();
    if (csvFile->write(csvBytes) != csvBytes.size())
        throw Error::forFile(csvFile->fileName().toStdString(), "cannot write the report: " + csvFile->errorString().toStdString());
    if (pdfFile->size() <= 0)
        throw Error::forFile(pdfFile->fileName().toStdString(), "cannot write the PDF report: nothing was written");
    commitReportFile(*htmlFile);
    commitReportFile(*csvFile);
    commitReportFile(*pdfFile);
}

// ---- The rows the results table shows ----

std::optional<ReportSelection> rowsShownByTable(const ResultsTable& table, db::RowId runId)
{
    const ResultsModel* model = table.resultsModel();
    const ResultsFilterProxy* proxy = table.proxyModel();
    int rowsOfRun = 0;
    double lowest = 0.0;
    double highest = 0.0;
    for (const ResultRow& row : model->rows()) {
        if (row.result.runId != runId)
            continue;
        lowest = rowsOfRun == 0 ? row.result.score : std::min(lowest, row.result.score);
        highest = rowsOfRun == 0 ? row.result.score : std::max(highest, row.result.score);
        ++rowsOfRun;
    }
    if (rowsOfRun == 0)
        return std::nullopt; // the table shows another run: the report lists all of this one's
    ReportSelection selection;
    for (int i = 0; i < proxy->rowCount(); ++i) {
        const ResultRow& row = model->rowAt(proxy->mapToSource(proxy->index(i, 0)).row());
        if (row.result.runId == runId)
            selection.rows.push_back(row);
    }
    if (static_cast<int>(selection.rows.size()) == rowsOfRun)
        return std::nullopt;

    // Name the filters that hide rows, in the words of the table's widgets.
    using R = ReportExporter;
    QStringList filters;
    if (table.verdictCombo()->currentData().isValid())
        filters << R::tr("verdict %1").arg(table.verdictCombo()->currentText());
    if (!table.categoryCombo()->currentData().toString().isEmpty())
        filters << R::tr("category %1").arg(table.categoryCombo()->currentText());
    const double minScore = table.minScoreBox()->value();
    const double maxScore = table.maxScoreBox()->value();
    if (lowest < minScore || highest > maxScore)
        filters << R::tr("score %1 to %2").arg(QString::number(minScore), QString::number(maxScore));
    selection.filterDescription =
        filters.isEmpty() ? R::tr("the results table's filter") : filters.join(QStringLiteral(", "));
    return selection;
}

// ---- ReportExportJob ----

ReportExportJob::ReportExportJob(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { emit progressChanged(value, watcher_.progressMaximum()); });
    connect(&watcher_, &QFutureWatcherBase::finished, this, &ReportExportJob::onWorkerFinished);
}

ReportExportJob::~ReportExportJob()
{
    // The worker owns its copy of the report data; it only needs to stop.
    cancel();
    watcher_.waitForFinished();
}

bool ReportExportJob::start(ReportExporter exporter, const QString& basePath)
{
    if (isRunning())
        return false;
    basePath_ = basePath;
    runId_ = exporter.runId();
    cancelRequested_ = std::make_shared<std::atomic_bool>(false);
    // Cancelling goes through the flag, not QFuture::cancel: a cancelled future drops its result.
    watcher_.setFuture(QtConcurrent::run(
        [exporter = std::move(exporter), basePath, cancelRequested = cancelRequested_](QPromise<Result>& promise) {
            Result result;
            try {
                exporter.writeAll(basePath, [&promise, &cancelRequested](int done, int total) {
                    promise.setProgressRange(0, total);
                    promise.setProgressValue(done);
                    return !cancelRequested->load();
                });
            } catch (const Cancelled&) {
                result.outcome = Outcome::Cancelled;
            } catch (const std::exception& error) {
                result.outcome = Outcome::Failed;
                result.message = QString::fromUtf8(error.what());
            }
            promise.addResult(result);
        }));
    return true;
}

bool ReportExportJob::isRunning() const
{
    return watcher_.isRunning();
}

void ReportExportJob::cancel()
{
    if (cancelRequested_)
        cancelRequested_->store(true);
}

void ReportExportJob::onWorkerFinished()
{
    const QFuture<Result> future = watcher_.future();
    result_ = future.resultCount() > 0 ? future.result() : Result{Outcome::Failed, tr("The report was not written.")};
    emit finished(result_.outcome, result_.message);
}

} // namespace dl::ui
