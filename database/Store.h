#pragma once
// dl::db::Store — the DefectLens database: datasets, images, annotations, models,
// runs, results and operator verdict overrides in one SQLite file, or in a
// PostgreSQL database shared by a line (DatabaseLocation.h; schema in
// docs/database.md). This is the only place in DefectLens that speaks SQL.
//
// Threading: a Store belongs to the thread that opened it and must only be used
// (and closed or destroyed) from that thread, because QtSql connections are per
// thread. Every call from another thread throws DatabaseError(Usage). Give each
// worker thread its own Store; many
// Stores may have the same file open at once (WAL mode lets readers and one
// writer proceed together; a writer waits up to the busy timeout for the lock).
//
// Errors: every failure throws dl::db::DatabaseError (a dl::Error) whose message
// names the database file and the problem. Writes that touch several rows run in
// one transaction and leave the database unchanged when they fail.
#include "database/DatabaseError.h"
#include "database/DatabaseLocation.h"
#include "database/Records.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace dl::db {

namespace detail {
class Connection; // the QtSql connection and its helpers (database/Connection.h)
}

class Store {
public:
    Store();
    ~Store(); // closes the database
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // <AppDataLocation>/defectlens.sqlite. The application sets its name to
    // "DefectLens" (QCoreApplication::setApplicationName) before calling this.
    static QString defaultDatabasePath();
    // The schema version this build creates and understands.
    static int schemaVersion();
    // How long a write waits for other connections' locks before it fails with
    // Reason::Busy (default 30 s); applies to databases opened afterwards.
    static void setBusyTimeout(int milliseconds);
    static int busyTimeout();

    // Opens `path`, creating the file and its parent folders when missing, and
    // upgrades an older schema in one transaction. An existing file that is not
    // writable, has no write permission bit at all, or lies in an unwritable
    // folder is opened read-only: queries work, writes throw
    // DatabaseError(ReadOnly), and changes other programs make later are not
    // seen until the Store is reopened. Throws, leaving the file
    // untouched, when it is a folder, not a DefectLens database, from a newer
    // DefectLens, or an older schema that cannot be upgraded because it is read-only.
    // An already open database is closed first.
    //
    // `path` may also be a PostgreSQL address (postgresql://USER@HOST/DB, see
    // DatabaseLocation.h): the database must exist on the server; its tables
    // are created or upgraded the same way, and a connection the server drops
    // is reopened by the next call outside a transaction.
    void open(const QString& path);
    void close() noexcept;
    bool isOpen() const noexcept;
    bool isReadOnly() const noexcept;
    bool isServer() const noexcept; // a PostgreSQL database is open
    // The absolute path of the open file, or the server address without its
    // password; empty when closed.
    QString path() const;
    // The open database's location; its localDataFolder() is where files that
    // belong with it but stay on this station go.
    const DatabaseLocation& location() const;

    // --- datasets -------------------------------------------------------------
    // Returns the stored record (id and createdAt filled in). A second dataset
    // with the same rootPath is rejected (Constraint).
    DatasetRecord addDataset(const DatasetRecord& dataset);
    // The dataset stored at dataset.rootPath, added first when there is none.
    // Safe when several processes register the same new dataset at once: all
    // of them get the one stored record.
    DatasetRecord addOrFindDataset(const DatasetRecord& dataset);
    std::optional<DatasetRecord> dataset(RowId id) const;
    std::optional<DatasetRecord> findDatasetByRoot(const QString& rootPath) const;
    std::vector<DatasetRecord> listDatasets() const; // oldest first

    // --- images ---------------------------------------------------------------
    // Inserts all images (each naming its datasetId) in one transaction and
    // returns their ids in input order. Any failure stores none of them.
    std::vector<RowId> addImages(const std::vector<ImageRecord>& images);
    // Like addImages, but an image already stored under its dataset and
    // relative path is kept as it is and its id returned: concurrent imports of
    // the same dataset neither fail nor duplicate rows.
    std::vector<RowId> addOrFindImages(const std::vector<ImageRecord>& images);
    std::optional<ImageRecord> image(RowId id) const;
    std::vector<ImageRecord> imagesOfDataset(RowId datasetId) const; // by relative path
    // The image of a dataset at `relativePath` ('/'-separated), if stored.
    std::optional<ImageRecord> findImage(RowId datasetId, const QString& relativePath) const;

    // --- annotations ----------------------------------------------------------
    // maskPng must be PNG data. Appends to the image's history (the newest row
    // is its current mask). Returns the stored record.
    AnnotationRecord addAnnotation(RowId imageId, const QByteArray& maskPng, const QString& author,
                                   const QString& defectType = {}, const QString& note = {});
    std::optional<AnnotationRecord> latestAnnotation(RowId imageId) const;
    std::vector<AnnotationRecord> annotationsForImage(RowId imageId) const; // newest first

    // --- models ---------------------------------------------------------------
    ModelRecord addModel(const ModelRecord& model);
    std::optional<ModelRecord> model(RowId id) const;
    std::vector<ModelRecord> listModels() const; // newest first
    void setModelNotes(RowId modelId, const QString& notes);
    // The newest model whose bundle has this checksum (case-insensitive), if any.
    std::optional<ModelRecord> findModelByChecksum(const QString& bundleChecksum) const;
    // Merges `metrics` (a JSON object) into the model's metrics (keys given
    // replace stored ones).
    void mergeModelMetrics(RowId modelId, const nlohmann::json& metrics);
    // Puts a model into use. Every promotion is kept; throws NotFound for an
    // unknown model and InvalidArgument for an empty user name. The model's
    // bundle file (its recorded path) is stored in the database as well, once,
    // when it can be read there (ModelPromotionRecord::bundleInDatabase).
    ModelPromotionRecord promoteModel(RowId modelId, const QString& user, const QString& reason = {});
    // Stores a model's bundle bytes (kept once per model; a second call changes nothing).
    void storeModelBundle(RowId modelId, const QByteArray& bytes);
    bool hasModelBundle(RowId modelId) const;
    // The bundle file of a recorded model on this station: the recorded path
    // when it holds the stored bytes (or when no bytes are stored), else a copy
    // of the stored bytes in `cacheFolder` named by their SHA-256 (written once,
    // checked on every use). Empty `cacheFolder`: defaultModelCacheFolder().
    // Throws Corrupt when the stored bytes do not match their checksum and Io
    // when the cache cannot be written.
    QString bundleFileForModel(const ModelRecord& model, const QString& cacheFolder = {}) const;
    // <the user's cache folder>/models
    static QString defaultModelCacheFolder();
    // The model of the newest promotion (deleting a model falls back to the one
    // promoted before it); none before the first promotion.
    std::optional<ModelRecord> activeModel() const;
    std::vector<ModelPromotionRecord> promotionHistory() const; // newest first

    // --- runs -----------------------------------------------------------------
    // queueRun stores a run waiting to start; startRun one running from now.
    // `params` must be a JSON object (null is stored as an empty one).
    RunRecord queueRun(RunKind kind, const nlohmann::json& params, std::optional<RowId> modelId = {});
    RunRecord startRun(RunKind kind, const nlohmann::json& params, std::optional<RowId> modelId = {});
    // Moves a queued run to running. Throws InvalidArgument if it is not queued.
    void markRunStarted(RowId runId);
    // Ends a run with a final status: a running run may succeed, fail or be
    // cancelled; a queued run may fail or be cancelled. Throws NotFound for an
    // unknown run, InvalidArgument for any other transition (non-final status,
    // queued -> succeeded, or a run that has already finished).
    void finishRun(RowId runId, RunStatus status, const QString& errorMessage = {});
    // Records the model a run used or produced (a fit run learns it at the end).
    void setRunModel(RowId runId, RowId modelId);
    std::optional<RunRecord> run(RowId id) const;
    std::vector<RunRecord> listRuns(int limit = -1) const; // newest first
    // For start-up after a crash: running runs become failed and queued runs
    // cancelled, both with `reason`. Returns how many runs changed. Call once,
    // before any worker starts runs.
    int abandonUnfinishedRuns(const QString& reason);
    // Runs still queued or running whose owning process (recorded when the run
    // was created) has ended on this host become 'abandoned', with a message
    // naming the process. Runs of live processes and of other hosts are left
    // alone. open() calls it on every writable database; returns how many changed.
    int abandonRunsOfEndedProcesses();

    // --- results --------------------------------------------------------------
    // Inserts all results (each naming its runId) in one transaction and returns
    // their ids in input order. Each needs an imageId or an imagePath.
    std::vector<RowId> addResults(const std::vector<ResultRecord>& results);
    std::optional<ResultRecord> result(RowId id) const;
    std::vector<ResultRecord> resultsOfRun(RowId runId) const; // insertion order
    std::vector<ResultRecord> findResults(const ResultFilter& filter) const; // insertion order

    // --- operator verdict overrides --------------------------------------------
    // Appends to the result's override history; the newest override wins.
    VerdictOverrideRecord addOverride(RowId resultId, Verdict verdict, const QString& reason,
                                      const QString& user);
    std::optional<VerdictOverrideRecord> latestOverride(RowId resultId) const;
    std::vector<VerdictOverrideRecord> overrideHistory(RowId resultId) const; // newest first
    // The image paths (of a linked image, else the result's own) that carry at
    // least one operator override, in any run.
    std::vector<QString> overriddenImagePaths() const;
    // The newest override of every overridden result of a run, by result id.
    std::vector<VerdictOverrideRecord> latestOverridesOfRun(RowId runId) const;

    // A value that changes whenever any connection (another process, another
    // station) has added runs, results or overrides or finished a run: views
    // poll it to refresh only when there is something new.
    QString changeToken() const;

    // --- live inspection journal -------------------------------------------------
    // The journal entry of a watched file (same path, size and time), if any.
    std::optional<WatchedFileRecord> findWatchedFile(const QString& path, qint64 size, qint64 modifiedNs) const;
    // Stores each file's result (when `result` is set; its runId is used) and its
    // journal entry in one transaction, so that a file is either fully recorded
    // or not at all. A file already in the journal (another watcher took it) is
    // left as it is: its entry in the returned list is std::nullopt. Otherwise
    // the stored entry, with its ids.
    struct InspectedFile {
        WatchedFileRecord file;
        std::optional<ResultRecord> result;
    };
    std::vector<std::optional<WatchedFileRecord>> addInspectedFiles(const std::vector<InspectedFile>& files);
    // Sets where a journalled file was moved after inspection.
    void setWatchedFileArchived(RowId watchedFileId, const QString& archivedPath);
    // The newest journal entries of a watch folder (all folders when empty), newest first.
    std::vector<WatchedFileRecord> watchedFiles(const QString& watchFolder = {}, int limit = -1) const;
    // MQTT messages of journalled files that the broker has not acknowledged yet:
    // kept (one transaction), cleared once acknowledged, and listed (oldest first)
    // for a watch of the same folder to send again after a restart.
    struct PendingMessage {
        RowId watchedFileId = 0;
        QString payload;
    };
    void keepPendingMessages(const std::vector<PendingMessage>& messages);
    void clearPendingMessages(const std::vector<RowId>& watchedFileIds);
    std::vector<PendingMessage> pendingMessages(const QString& watchFolder) const;

    // --- copying a station's database into another (db migrate) ----------------
    // A random identity each database gets when it is created (or upgraded to
    // schema 9); copies of one file share it.
    QString databaseIdentity() const;

    struct CopiedTable {
        QString table;
        qint64 sourceRows = 0;   // rows in the source
        qint64 copied = 0;       // inserted now
        qint64 copiedBefore = 0; // inserted by an earlier copy of the same source
        qint64 matched = 0;      // already here under the same key (dataset root, image path, model checksum, watched file)
        bool complete() const { return copied + copiedBefore + matched == sourceRows; }
    };
    struct CopyReport {
        QString sourceIdentity;
        std::vector<CopiedTable> tables; // in copy order
        bool complete() const;
    };
    // Copies every row of `source` into this database with new ids, references
    // renumbered, times, users and texts as they were. Idempotent: rows copied
    // before (recorded per source identity) are not copied again, so a second
    // run adds only what the source gained since. Datasets with the same root,
    // images with the same dataset and path, models with the same bundle
    // checksum and method, and journal entries of the same file are matched
    // instead of duplicated. Work is committed in chunks together with the
    // record of what was copied, so an interrupted copy resumes where it
    // stopped. `progress(table, done, total)` may return false to stop
    // (throws Cancelled). Copying a database into itself is refused.
    using CopyProgress = std::function<bool(const QString& table, qint64 done, qint64 total)>;
    CopyReport copyFrom(const Store& source, const CopyProgress& progress = {});

private:
    // The open connection; throws Usage when closed or called from a thread other
    // than the one that opened it.
    const detail::Connection& connection() const;
    void abandonRunsOfEndedProcessesQuietly();
    RunRecord insertRun(RunKind kind, const nlohmann::json& params, std::optional<RowId> modelId,
                        RunStatus status);

    std::unique_ptr<detail::Connection> connection_;
};

} // namespace dl::db
