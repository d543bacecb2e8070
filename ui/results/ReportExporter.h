#pragma once
// The inspection report of one run: which results it lists (all, or those the
// results table's filter shows), summary counts (model and final verdicts,
// operator overrides), metrics (recorded with the model, and computed here from
// the images' labels when they have any), the threshold, the model's and the
// run's provenance, and one row per image with its image and heatmap thumbnails
// and its operator review.
//
// Written as HTML (thumbnails embedded as data URIs), CSV (RFC 4180,
// machine-readable English headers) and PDF (A4, laid out page by page with
// QPainter so that a row never splits across pages and words never break).
// ReportExporter reads the database in its constructor and holds plain data
// afterwards, so a copy can be written on a worker thread (ReportExportJob).
#include "database/Records.h"
#include "ui/results/ResultsModel.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QPdfWriter;
class QTextStream;

namespace dl::db {
class Store;
}

namespace dl::ui {

class ResultsTable;

// Metrics of a run from the scores and labels (0 normal, 1 defective) of its images.
struct LabelMetrics {
    int labelled = 0; // results whose image has a label
    int normal = 0;
    int defective = 0;
    std::optional<double> imageAuroc;       // needs both normal and defective images
    std::optional<double> averagePrecision; // needs a defective image
    // At the threshold (score >= threshold is a defect); the model's verdicts without one.
    int truePositives = 0;
    int falsePositives = 0;
    int trueNegatives = 0;
    int falseNegatives = 0;
};

// A titled list of label/value pairs of a report (summary, metrics, model, run).
struct ReportSection {
    QString title;
    QString note; // a sentence under the title; may be empty
    std::vector<std::pair<QString, QString>> entries;
};

// The rows a report lists instead of all of the run's, and why.
struct ReportSelection {
    std::vector<ResultRow> rows;    // in the order shown
    QString filterDescription;      // e.g. "verdict Defect, category cable"
};

// Where the PDF's image rows went: each row's page and its top and bottom in
// device pixels (at `resolution`), and the area they must stay within.
struct PdfLayout {
    int pages = 0;
    int resolution = 0;     // dots per inch of the writer
    double contentWidth = 0.0;  // the page width inside the margins
    double contentHeight = 0.0; // inside the margins, above the page footer
    struct Row {
        int page = 0; // 1-based
        double top = 0.0;
        double bottom = 0.0;
    };
    std::vector<Row> rows;
};

class ReportExporter {
    Q_DECLARE_TR_FUNCTIONS(dl::ui::ReportExporter)
public:
    // Reads the run, its model, its results (at most `maxRows`) and the labels of
    // their images from `store`. Throws dl::Error when the run does not exist,
    // DatabaseError when the database fails. The store is not used afterwards.
    ReportExporter(const db::Store& store, db::RowId runId, int maxRows = 20000);

    // Lists only `selection.rows` (results of this run, e.g. those the results
    // table shows, in its order); the report names the filter. Counts, CSV and
    // image rows follow the selection; the label metrics stay those of the whole run.
    void setSelection(ReportSelection selection);

    // Longest side of the thumbnails in HTML and PDF, in pixels.
    void setThumbnailSize(int pixels) { thumbnailSize_ = pixels; }

    // Called after each image row with (rows done, rows in all); returning false
    // stops the export, which then throws dl::Cancelled and leaves no file behind.
    using Progress = std::function<bool(int done, int total)>;

    QString html() const;
    QString csv() const;
    // Each throws dl::Error naming the file when it cannot be written.
    void writeHtml(const QString& path) const;
    void writeCsv(const QString& path) const;
    // Returns where the rows went (tests check that none crosses a page break).
    PdfLayout writePdf(const QString& path) const;
    // <basePath>.html, .csv and .pdf in one pass over the images (each thumbnail
    // is made once). Throws dl::Error naming the file, or dl::Cancelled.
    void writeAll(const QString& basePath, const Progress& progress = {}) const;

    // One CSV field quoted per RFC 4180 when it needs it.
    static QString csvField(const QString& value);
    // A text field (path, reason, user name, ...): as csvField, but a value a
    // spreadsheet would run as a formula (starting with = + - @, a tab or a
    // carriage return) gets a leading apostrophe, so it is shown, not executed.
    static QString csvTextField(const QString& value);

    // Image AUROC (ties count half), average precision and the confusion counts
    // at `threshold` (the model's verdicts when unset) of `scored`: (score, label, model verdict).
    struct Scored {
        double score = 0.0;
        int label = -1;
        db::Verdict verdict = db::Verdict::Ok;
    };
    static LabelMetrics computeLabelMetrics(const std::vector<Scored>& scored, std::optional<double> threshold);

    const std::vector<ResultRow>& rows() const { return rows_; }
    db::RowId runId() const { return run_.id; }
    const LabelMetrics& labelMetrics() const { return labelMetrics_; }

private:
    struct Summary {
        int images = 0;
        int modelOk = 0;
        int modelDefect = 0;
        int overrides = 0;
        int finalOk = 0;
        int finalDefect = 0;
        int heatmaps = 0;
    };
    Summary summary() const;
    std::vector<ReportSection> sections() const;
    QString scopeText() const; // "12 of 83 results shown: verdict Defect"
    std::optional<double> threshold() const;
    QString thresholdSource() const;
    // The scale raw (float) heatmaps are coloured on, the same for every row.
    std::pair<double, double> heatmapScale() const;

    // One pass over the rows feeding whichever outputs are given.
    void render(QTextStream* html, QPdfWriter* pdf, const QString& pdfPath, const Progress& progress,
                PdfLayout* layout = nullptr) const;

    db::RunRecord run_;
    std::optional<db::ModelRecord> model_;
    QString databasePath_;
    std::vector<ResultRow> allRows_; // every loaded result of the run
    std::vector<ResultRow> rows_;    // the ones listed
    QString filterDescription_;      // empty: unfiltered
    bool truncated_ = false;         // the run has more results than were loaded
    LabelMetrics labelMetrics_;
    int thumbnailSize_ = 128;
};

// The rows of `runId` that `table` shows, in its order, with a description of
// its filter; std::nullopt when the table shows all of the run's results (or
// another run), so the report lists them all.
std::optional<ReportSelection> rowsShownByTable(const ResultsTable& table, db::RowId runId);

// Writes a report (ReportExporter::writeAll) on a worker thread. Progress and
// the outcome arrive as signals on the thread that owns the job. Destroying a
// running job cancels it and waits for the worker.
class ReportExportJob : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Succeeded, Failed, Cancelled };
    Q_ENUM(Outcome)

    explicit ReportExportJob(QObject* parent = nullptr);
    ~ReportExportJob() override;

    // Starts writing <basePath>.html, .csv and .pdf. Returns false (and starts
    // nothing) while another report is being written.
    bool start(ReportExporter exporter, const QString& basePath);
    bool isRunning() const;
    void cancel();
    QString basePath() const { return basePath_; }
    db::RowId runId() const { return runId_; }
    // Of the last finished export.
    Outcome outcome() const { return result_.outcome; }
    QString errorMessage() const { return result_.message; }

signals:
    void progressChanged(int done, int total);
    // `message` is the error for Failed, else empty.
    void finished(dl::ui::ReportExportJob::Outcome outcome, const QString& message);

private:
    struct Result {
        Outcome outcome = Outcome::Succeeded;
        QString message;
    };
    void onWorkerFinished();

    QFutureWatcher<Result> watcher_;
    Result result_;
    std::shared_ptr<std::atomic_bool> cancelRequested_;
    QString basePath_;
    db::RowId runId_ = 0;
};

} // namespace dl::ui
