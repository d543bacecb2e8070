#pragma once
// Plain value types, one per table of the DefectLens database (see
// docs/database.md). Store fills `id` and the time stamps when it stores a
// record; everything else is copied as given. All times are UTC.
//
// JSON members use nlohmann::json, the engine's JSON type, so callers hand over
// what they already hold. Each must be a JSON object (null counts as empty) and
// is stored as compact text in its *_json column.
#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace dl::db {

using RowId = qint64;

enum class Verdict { Ok, Defect };
enum class RunKind { Fit, Test, Predict, Benchmark };
// Abandoned: the process that ran it ended without finishing it (killed,
// crashed); set when the database is next opened.
enum class RunStatus { Queued, Running, Succeeded, Failed, Cancelled, Abandoned };

// The text stored in the database ("ok", "defect", "fit", "running", ...).
QString toText(Verdict verdict);
QString toText(RunKind kind);
QString toText(RunStatus status);
// std::nullopt for text that names no value.
std::optional<Verdict> verdictFromString(const QString& text);
std::optional<RunKind> runKindFromString(const QString& text);
std::optional<RunStatus> runStatusFromString(const QString& text);
// Succeeded, failed and cancelled runs are over; queued and running are not.
bool isFinished(RunStatus status);

// Reading one member of a record's JSON object (metrics, params, options)
// without throwing: std::nullopt / an empty string when `key` is missing or
// holds another type.
std::optional<double> numberAt(const nlohmann::json& object, const char* key);
QString textAt(const nlohmann::json& object, const char* key);

struct DatasetRecord {
    RowId id = 0;
    QString name;
    QString rootPath;      // absolute dataset folder; unique among datasets
    QString format;        // importer format name, e.g. "mvtec", "visa", "folder"
    nlohmann::json options = nlohmann::json::object(); // importer options as used
    QDateTime createdAt;
};

struct ImageRecord {
    RowId id = 0;
    RowId datasetId = 0;
    QString path;          // absolute path of the image file
    QString relativePath;  // '/'-separated path below the dataset root; unique per dataset
    QString contentHash;   // SHA-256 of the file, 64 lowercase hex digits; empty if not computed
    int width = 0;
    int height = 0;
    QString split;         // "train" or "test"
    int label = -1;        // 0 normal, 1 defective, -1 unknown
    QString category;      // e.g. "bottle"
    QString defectType;    // "good" for normal images, else the defect class
    QString maskPath;      // ground-truth mask file; empty when there is none
};

// A defect mask drawn by an engineer. Several may exist per image; the newest wins.
struct AnnotationRecord {
    RowId id = 0;
    RowId imageId = 0;
    QByteArray maskPng;    // the mask, PNG-encoded
    QString author;
    QDateTime createdAt;
    QString defectType;    // what was painted, e.g. "crack"; empty when not given
    QString note;          // free remark by the engineer; may be empty
};

struct ModelRecord {
    RowId id = 0;
    QString method;                    // e.g. "patchcore"
    QStringList categories;            // categories the model was trained on
    QString bundlePath;                // the model bundle file
    QString bundleChecksum;            // SHA-256 of the bundle, hex; empty if not computed
    nlohmann::json metrics = nlohmann::json::object(); // evaluation metrics, e.g. {"image_auroc": 0.98}
    std::optional<RowId> parentModelId;// the model this one was fine-tuned / retrained from
    QDateTime createdAt;
    QString notes;                     // free text written by engineers
};

struct RunRecord {
    RowId id = 0;
    RunKind kind = RunKind::Predict;
    nlohmann::json params = nlohmann::json::object(); // what the run was asked to do
    RunStatus status = RunStatus::Queued;
    QDateTime startedAt;               // invalid while queued
    QDateTime finishedAt;              // invalid until the run is finished
    QString errorMessage;              // why a run failed or was cancelled; empty otherwise
    std::optional<RowId> modelId;      // model used (test/predict) or produced (fit)
};

struct ResultRecord {
    RowId id = 0;
    RowId runId = 0;
    std::optional<RowId> imageId;      // set when the image belongs to an imported dataset
    QString imagePath;                 // when empty on insert, the linked image's path is used
    double score = 0.0;                // anomaly score; higher is more anomalous
    Verdict verdict = Verdict::Ok;     // the model's verdict (operator overrides are separate)
    QString heatmapPath;               // heatmap file; empty when none was saved
    QDateTime createdAt;
};

// One promotion of a model into use on the line (who, when, why). The newest
// promotion of a model that still exists names the active model.
struct ModelPromotionRecord {
    RowId id = 0;
    RowId modelId = 0;
    QString user;
    QString reason;
    QDateTime createdAt;
    // Set by promoteModel: the model's bundle is in the database (stored now or
    // before); false when its file could not be read at the recorded path.
    bool bundleInDatabase = false;
};

// An operator's correction of a result's verdict. History is kept; the newest wins.
struct VerdictOverrideRecord {
    RowId id = 0;
    RowId resultId = 0;
    Verdict verdict = Verdict::Ok;
    QString reason;
    QString user;
    QDateTime createdAt;
};

// One file a watch folder delivered, as the live inspection journal keeps it:
// scored (with its result) or failed (with the reason), never both. A file is
// known by path, size and modification time, so a reused name is a new file.
struct WatchedFileRecord {
    RowId id = 0;
    QString watchFolder;               // the folder being watched (absolute)
    QString path;                      // the file as it arrived (absolute)
    qint64 size = 0;
    qint64 modifiedNs = 0;             // modification time, nanoseconds since the epoch
    bool scored = true;                // false: the file could not be scored
    QString errorMessage;              // why it failed; empty when scored
    std::optional<RowId> resultId;     // its result, when scored
    std::optional<RowId> modelId;      // the recorded model that scored it, when known
    QString archivedPath;              // where it was moved after inspection; empty when not moved
    std::optional<double> latencyMs;   // file written -> result stored, when measured
    QDateTime createdAt;
};

// Criteria for Store::findResults; unset members do not filter.
struct ResultFilter {
    std::optional<RowId> runId;
    std::optional<Verdict> verdict;
    // When true, `verdict` is compared with the operator's latest override where
    // one exists (the verdict the operator sees) instead of the model's verdict.
    bool verdictIncludesOverrides = false;
    std::optional<double> minScore;    // inclusive
    std::optional<double> maxScore;    // inclusive
    QString category;                  // empty = any; only results linked to an image match
    int limit = -1;                    // -1 = no limit
    int offset = 0;
};

} // namespace dl::db
