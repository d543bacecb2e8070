#pragma once
// The DefectLens database as the workflow's recorder (core/workflow/WorkRecorder.h):
// how runs, datasets, images, models, results and annotations map onto Store.
#include "database/Store.h"
#include "workflow/WorkRecorder.h"

#include <QString>

#include <memory>

namespace dl::db {

class StoreRecorder final : public workflow::WorkRecorder {
public:
    // Records into `store`, which must outlive the recorder (and, like every
    // Store, is used only on the thread that opened it).
    explicit StoreRecorder(Store& store) : store_(store) {}

    bool enabled() const override { return true; }

    workflow::RecordId startRun(workflow::RunKind kind, const nlohmann::json& params) override;
    void finishRun(workflow::RecordId run, workflow::RunEnd end, const std::string& message) override;
    void setRunModel(workflow::RecordId run, workflow::RecordId model) override;

    std::optional<workflow::RecordId> findDataset(const std::string& rootPath) override;
    workflow::RecordId addDataset(const workflow::DatasetEntry& dataset) override;
    std::map<std::string, workflow::RecordId> imagesOfDataset(workflow::RecordId dataset) override;
    std::vector<workflow::RecordId> addImages(workflow::RecordId dataset,
                                              const std::vector<workflow::ImageEntry>& images) override;
    std::vector<workflow::AnnotationEntry> latestAnnotations(workflow::RecordId dataset) override;
    // <the database's local data folder>/annotation-masks (DatabaseLocation::localDataFolder)
    std::string annotationMaskFolder() const override;

    std::optional<workflow::RecordId> findModelByChecksum(const std::string& checksum) override;
    // Stores the bundle path as an absolute path.
    workflow::RecordId addModel(const workflow::ModelEntry& model) override;
    void mergeModelMetrics(workflow::RecordId model, const nlohmann::json& metrics) override;

    void addResults(workflow::RecordId run, const std::vector<workflow::ResultEntry>& results) override;

    std::optional<workflow::JournalledFile> findInspectedFile(const workflow::WatchedFileEntry& file) override;
    std::vector<std::optional<workflow::JournalledFile>> addInspectedFiles(
        workflow::RecordId run, const std::vector<workflow::InspectedFileEntry>& files) override;
    void setArchivedPath(workflow::RecordId journalledFile, const std::string& archivedPath) override;
    std::optional<workflow::ActiveModelEntry> activeModel() override;
    std::string modelBundleFile(workflow::RecordId model) override;
    void keepPendingMessages(const std::vector<std::pair<workflow::RecordId, std::string>>& messages) override;
    void clearPendingMessages(const std::vector<workflow::RecordId>& journalIds) override;
    std::vector<std::pair<workflow::RecordId, std::string>> pendingMessages(const std::string& watchFolder) override;

private:
    Store& store_;
};

// A recorder for one job: a StoreRecorder on its own Store opened at
// `databasePath` (on the calling thread), or a NullRecorder when the path is empty.
class JobRecorder {
public:
    explicit JobRecorder(const QString& databasePath);
    ~JobRecorder();
    JobRecorder(const JobRecorder&) = delete;
    JobRecorder& operator=(const JobRecorder&) = delete;

    workflow::WorkRecorder& recorder() { return *recorder_; }
    // Null when recording nothing.
    Store* store() { return store_.get(); }

private:
    std::unique_ptr<Store> store_;
    std::unique_ptr<workflow::WorkRecorder> recorder_;
};

} // namespace dl::db
