#pragma once
// Where DefectLens writes down its work and reads engineers' annotations back:
// runs, datasets and their images, trained models and their metrics, per-image
// results. The orchestration (workflow/Workflow.h) talks only to this
// interface, so it stays free of SQL and Qt; database/StoreRecorder implements
// it on the DefectLens database and NullRecorder records nothing (the CLI's
// --no-db, a GUI job without a database).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dl::workflow {

using RecordId = std::int64_t; // a stored row; 0 = not recorded

enum class RunKind { Fit, Test, Predict, Benchmark };
enum class RunEnd { Succeeded, Failed, Cancelled };

struct DatasetEntry {
    std::string name;
    std::string rootPath;
    std::string format;      // importer format name
    nlohmann::json options;  // importer options as used
};

struct ImageEntry {
    std::string path;
    std::string relativePath; // '/'-separated below the dataset root
    std::string contentHash;  // SHA-256 of the file
    int width = 0;
    int height = 0;
    std::string split;        // "train" or "test"
    int label = -1;
    std::string category;
    std::string defectType;
    std::string maskPath;
};

struct ModelEntry {
    std::string method;
    std::vector<std::string> categories;
    std::string bundlePath;   // as given; the recorder decides how it is stored
    std::string bundleChecksum;
    std::optional<RecordId> parentModelId;
    nlohmann::json metrics;
};

struct ResultEntry {
    std::optional<RecordId> imageId; // when the image belongs to a registered dataset
    std::string imagePath;
    double score = 0.0;
    bool defect = false;
    std::string heatmapPath;  // empty when none was saved
};

// The newest mask an engineer drew on one image of a dataset.
struct AnnotationEntry {
    RecordId id = 0;
    std::string relativePath; // of the image
    std::string maskPng;      // PNG bytes
};

// A file a watch folder delivered; path, size and time stamp tell it apart
// from an earlier file of the same name.
struct WatchedFileEntry {
    std::string watchFolder;
    std::string path;
    std::int64_t size = 0;
    std::int64_t modifiedNs = 0;
};

// A watched file once inspected: scored (with its result) or failed.
struct InspectedFileEntry {
    WatchedFileEntry file;
    std::optional<ResultEntry> result; // set when scored
    std::string error;                 // why it could not be scored
    std::optional<RecordId> modelId;   // the recorded model that scored it
    std::string archivedPath;          // where it is about to be moved; empty: stays
    std::optional<double> latencyMs;   // file written -> recorded
};

// What the journal holds about a watched file.
struct JournalledFile {
    RecordId id = 0;
    bool scored = false;
    std::optional<RecordId> resultId;
    std::string archivedPath;
};

// The model put into use on the line (newest promotion).
struct ActiveModelEntry {
    RecordId id = 0;
    std::string bundlePath;
    std::string bundleChecksum;
};

class WorkRecorder {
public:
    virtual ~WorkRecorder() = default;
    // False when nothing is recorded, so that work whose only use is the record
    // (hashing every image of a dataset) can be skipped.
    virtual bool enabled() const = 0;

    virtual RecordId startRun(RunKind kind, const nlohmann::json& params) = 0;
    virtual void finishRun(RecordId run, RunEnd end, const std::string& message) = 0;
    // The model a run used (test, predict) or produced (fit).
    virtual void setRunModel(RecordId run, RecordId model) = 0;

    virtual std::optional<RecordId> findDataset(const std::string& rootPath) = 0;
    // Adds the dataset, or returns the one already stored at its root (another
    // process may register the same dataset at the same moment).
    virtual RecordId addDataset(const DatasetEntry& dataset) = 0;
    // Relative path -> image id of the stored images of a dataset.
    virtual std::map<std::string, RecordId> imagesOfDataset(RecordId dataset) = 0;
    // Returns the ids in input order; an image already stored (same relative
    // path) keeps its row and id.
    virtual std::vector<RecordId> addImages(RecordId dataset, const std::vector<ImageEntry>& images) = 0;
    // The newest annotation of every annotated image of a dataset, by relative path.
    virtual std::vector<AnnotationEntry> latestAnnotations(RecordId dataset) = 0;
    // The folder where annotation masks are written as files for training.
    virtual std::string annotationMaskFolder() const = 0;

    // The newest model whose bundle has this checksum.
    virtual std::optional<RecordId> findModelByChecksum(const std::string& checksum) = 0;
    virtual RecordId addModel(const ModelEntry& model) = 0;
    // Keys given replace stored ones.
    virtual void mergeModelMetrics(RecordId model, const nlohmann::json& metrics) = 0;

    virtual void addResults(RecordId run, const std::vector<ResultEntry>& results) = 0;

    // Live inspection: the journal of watched files, and the active model.
    virtual std::optional<JournalledFile> findInspectedFile(const WatchedFileEntry& file) = 0;
    // Records each file's result (in `run`) and journal entry together; an entry
    // is std::nullopt where the file was journalled already (another watcher).
    virtual std::vector<std::optional<JournalledFile>> addInspectedFiles(RecordId run,
                                                                        const std::vector<InspectedFileEntry>& files) = 0;
    virtual void setArchivedPath(RecordId journalledFile, const std::string& archivedPath) = 0;
    // Cheap: read between images to notice a promotion.
    virtual std::optional<ActiveModelEntry> activeModel() = 0;
    // The bundle file to load a recorded model from on this station: its
    // recorded path, or the copy of the bundle stored in the database (fetched
    // once into a cache). Reads and checks the file: call it when loading.
    virtual std::string modelBundleFile(RecordId model) = 0;

    // MQTT messages of journalled files that the broker has not acknowledged yet:
    // kept with their journal entries, cleared once acknowledged, listed (oldest
    // first) for the next watch of the same folder to send again.
    virtual void keepPendingMessages(const std::vector<std::pair<RecordId, std::string>>& journalIdAndMessage) = 0;
    virtual void clearPendingMessages(const std::vector<RecordId>& journalIds) = 0;
    virtual std::vector<std::pair<RecordId, std::string>> pendingMessages(const std::string& watchFolder) = 0;
};

// Records nothing; every query finds nothing.
class NullRecorder final : public WorkRecorder {
public:
    bool enabled() const override { return false; }
    RecordId startRun(RunKind, const nlohmann::json&) override { return 0; }
    void finishRun(RecordId, RunEnd, const std::string&) override {}
    void setRunModel(RecordId, RecordId) override {}
    std::optional<RecordId> findDataset(const std::string&) override { return std::nullopt; }
    RecordId addDataset(const DatasetEntry&) override { return 0; }
    std::map<std::string, RecordId> imagesOfDataset(RecordId) override { return {}; }
    std::vector<RecordId> addImages(RecordId, const std::vector<ImageEntry>& images) override
    {
        return std::vector<RecordId>(images.size(), 0);
    }
    std::vector<AnnotationEntry> latestAnnotations(RecordId) override { return {}; }
    std::string annotationMaskFolder() const override { return {}; }
    std::optional<RecordId> findModelByChecksum(const std::string&) override { return std::nullopt; }
    RecordId addModel(const ModelEntry&) override { return 0; }
    void mergeModelMetrics(RecordId, const nlohmann::json&) override {}
    void addResults(RecordId, const std::vector<ResultEntry>&) override {}
    std::optional<JournalledFile> findInspectedFile(const WatchedFileEntry&) override { return std::nullopt; }
    std::vector<std::optional<JournalledFile>> addInspectedFiles(RecordId,
                                                                const std::vector<InspectedFileEntry>& files) override
    {
        std::vector<std::optional<JournalledFile>> journalled;
        for (const InspectedFileEntry& f : files)
            journalled.push_back(JournalledFile{0, f.result.has_value(), std::nullopt, f.archivedPath});
        return journalled;
    }
    void setArchivedPath(RecordId, const std::string&) override {}
    std::optional<ActiveModelEntry> activeModel() override { return std::nullopt; }
    std::string modelBundleFile(RecordId) override { return {}; }
    void keepPendingMessages(const std::vector<std::pair<RecordId, std::string>>&) override {}
    void clearPendingMessages(const std::vector<RecordId>&) override {}
    std::vector<std::pair<RecordId, std::string>> pendingMessages(const std::string&) override { return {}; }
};

} // namespace dl::workflow
