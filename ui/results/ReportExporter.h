#pragma once
// The inspection report of one run: summary counts (model and final verdicts,
// operator overrides), the threshold and model provenance when known, and one
// row per image with its operator review. Written as HTML (thumbnails embedded
// as data URIs), CSV (RFC 4180, machine-readable English headers) and PDF
// (the same HTML, A4). No widgets: usable from tests and the GUI thread alike.
#include "database/Records.h"
#include "ui/results/ResultsModel.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

class QTextDocument;

namespace dl::db {
class Store;
}

namespace dl::ui {

class ReportExporter {
    Q_DECLARE_TR_FUNCTIONS(dl::ui::ReportExporter)
public:
    // Reads the run, its model and its results (at most `maxRows`) from `store`,
    // which must stay open while this exporter is used. Throws dl::Error when the
    // run does not exist, DatabaseError when the database fails.
    ReportExporter(const db::Store& store, db::RowId runId, int maxRows = 20000);

    // Longest side of the thumbnails in HTML and PDF, in pixels.
    void setThumbnailSize(int pixels) { thumbnailSize_ = pixels; }

    QString html() const;
    QString csv() const;
    // Each throws dl::Error naming the file when it cannot be written.
    void writeHtml(const QString& path) const;
    void writeCsv(const QString& path) const;
    void writePdf(const QString& path) const;

    // One CSV field quoted per RFC 4180 when it needs it.
    static QString csvField(const QString& value);
    // A text field (path, reason, user name, ...): as csvField, but a value a
    // spreadsheet would run as a formula (starting with = + - @, a tab or a
    // carriage return) gets a leading apostrophe, so it is shown, not executed.
    static QString csvTextField(const QString& value);

    const std::vector<ResultRow>& rows() const { return rows_; }

private:
    struct Summary {
        int images = 0;
        int modelOk = 0;
        int modelDefect = 0;
        int overrides = 0;
        int finalOk = 0;
        int finalDefect = 0;
    };
    Summary summary() const;
    // The report as HTML. With `document`, thumbnails are added to it as image
    // resources (QTextDocument does not read data URIs); without, they are embedded
    // as base64 data URIs.
    QString buildHtml(QTextDocument* document) const;
    // "<img ...>" for a scaled copy of the image file, or "" when it cannot be read.
    QString thumbnail(const QString& path, QTextDocument* document, int& serial) const;
    std::optional<double> threshold() const;

    db::RunRecord run_;
    std::optional<db::ModelRecord> model_;
    std::vector<ResultRow> rows_;
    int thumbnailSize_ = 96;
};

} // namespace dl::ui
