#include "database/StoreRecorder.h"

#include <QFile>
#include <QFileInfo>

#include <filesystem>

namespace dl::db {

using workflow::RecordId;
using json = nlohmann::json;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

template <typename Record>
std::optional<RecordId> idOf(const std::optional<Record>& record)
{
    return record ? std::optional<RecordId>(record->id) : std::nullopt;
}

RunKind toRunKind(workflow::RunKind kind)
{
    // In the order of workflow::RunKind.
    constexpr RunKind kinds[] = {RunKind::Fit, RunKind::Test, RunKind::Predict, RunKind::Benchmark};
    return kinds[int(kind)];
}

RunStatus toRunStatus(workflow::RunEnd end)
{
    // In the order of workflow::RunEnd.
    constexpr RunStatus statuses[] = {RunStatus::Succeeded, RunStatus::Failed, RunStatus::Cancelled};
    return statuses[int(end)];
}

ImageRecord imageRecord(RecordId dataset, const workflow::ImageEntry& image)
{
    ImageRecord r;
    r.datasetId = dataset;
    r.path = q(image.path);
    r.relativePath = q(image.relativePath);
    r.contentHash = q(image.contentHash);
    r.width = image.width;
    r.height = image.height;
    r.split = q(image.split);
    r.label = image.label;
    r.category = q(image.category);
    r.defectType = q(image.defectType);
    r.maskPath = q(image.maskPath);
    return r;
}

} // namespace

RecordId StoreRecorder::startRun(workflow::RunKind kind, const json& params)
{
    return store_.startRun(toRunKind(kind), params).id;
}

void StoreRecorder::finishRun(RecordId run, workflow::RunEnd end, const std::string& message)
{
    store_.finishRun(run, toRunStatus(end), q(message));
}

void StoreRecorder::setRunModel(RecordId run, RecordId model)
{
    store_.setRunModel(run, model);
}

std::optional<RecordId> StoreRecorder::findDataset(const std::string& rootPath)
{
    return idOf(store_.findDatasetByRoot(q(rootPath)));
}

RecordId StoreRecorder::addDataset(const workflow::DatasetEntry& dataset)
{
    DatasetRecord r;
    r.name = q(dataset.name);
    r.rootPath = q(dataset.rootPath);
    r.format = q(dataset.format);
    r.options = dataset.options;
    return store_.addOrFindDataset(r).id;
}

std::map<std::string, RecordId> StoreRecorder::imagesOfDataset(RecordId dataset)
{
    std::map<std::string, RecordId> ids;
    for (const ImageRecord& image : store_.imagesOfDataset(dataset))
        ids[image.relativePath.toStdString()] = image.id;
    return ids;
}

std::vector<RecordId> StoreRecorder::addImages(RecordId dataset, const std::vector<workflow::ImageEntry>& images)
{
    std::vector<ImageRecord> records;
    for (const workflow::ImageEntry& image : images)
        records.push_back(imageRecord(dataset, image));
    const std::vector<RowId> ids = store_.addOrFindImages(records);
    return std::vector<RecordId>(ids.begin(), ids.end());
}

std::vector<workflow::AnnotationEntry> StoreRecorder::latestAnnotations(RecordId dataset)
{
    std::vector<workflow::AnnotationEntry> annotations;
    for (const ImageRecord& image : store_.imagesOfDataset(dataset))
        if (std::optional<AnnotationRecord> a = store_.latestAnnotation(image.id))
            annotations.push_back({a->id, image.relativePath.toStdString(), a->maskPng.toStdString()});
    return annotations;
}

std::string StoreRecorder::annotationMaskFolder() const
{
    return (store_.location().localDataFolder() + QStringLiteral("/annotation-masks")).toStdString();
}

std::optional<RecordId> StoreRecorder::findModelByChecksum(const std::string& checksum)
{
    return idOf(store_.findModelByChecksum(q(checksum)));
}

RecordId StoreRecorder::addModel(const workflow::ModelEntry& model)
{
    ModelRecord m;
    m.method = q(model.method);
    for (const std::string& c : model.categories)
        m.categories << q(c);
    m.bundlePath = QFileInfo(q(model.bundlePath)).absoluteFilePath();
    m.bundleChecksum = q(model.bundleChecksum);
    m.parentModelId = model.parentModelId;
    m.metrics = model.metrics;
    return store_.addModel(m).id;
}

void StoreRecorder::mergeModelMetrics(RecordId model, const json& metrics)
{
    store_.mergeModelMetrics(model, metrics);
}

namespace {

ResultRecord resultRecord(RecordId run, const workflow::ResultEntry& result)
{
    ResultRecord r;
    r.runId = run;
    r.imageId = result.imageId;
    r.imagePath = q(result.imagePath);
    r.score = result.score;
    r.verdict = result.defect ? Verdict::Defect : Verdict::Ok;
    r.heatmapPath = q(result.heatmapPath);
    return r;
}

workflow::JournalledFile journalled(const WatchedFileRecord& w)
{
    return {w.id, w.scored, w.resultId, w.archivedPath.toStdString()};
}

} // namespace

void StoreRecorder::addResults(RecordId run, const std::vector<workflow::ResultEntry>& results)
{
    std::vector<ResultRecord> records;
    for (const workflow::ResultEntry& result : results)
        records.push_back(resultRecord(run, result));
    store_.addResults(records);
}

std::optional<workflow::JournalledFile> StoreRecorder::findInspectedFile(const workflow::WatchedFileEntry& file)
{
    const std::optional<WatchedFileRecord> w = store_.findWatchedFile(q(file.path), file.size, file.modifiedNs);
    if (!w)
        return std::nullopt;
    return journalled(*w);
}

std::vector<std::optional<workflow::JournalledFile>> StoreRecorder::addInspectedFiles(
    RecordId run, const std::vector<workflow::InspectedFileEntry>& files)
{
    std::vector<Store::InspectedFile> records;
    for (const workflow::InspectedFileEntry& f : files) {
        Store::InspectedFile r;
        r.file.watchFolder = q(f.file.watchFolder);
        r.file.path = q(f.file.path);
        r.file.size = f.file.size;
        r.file.modifiedNs = f.file.modifiedNs;
        r.file.scored = f.result.has_value();
        r.file.errorMessage = q(f.error);
        r.file.modelId = f.modelId;
        r.file.archivedPath = q(f.archivedPath);
        r.file.latencyMs = f.latencyMs;
        if (f.result)
            r.result = resultRecord(run, *f.result);
        records.push_back(std::move(r));
    }
    std::vector<std::optional<workflow::JournalledFile>> out;
    for (const std::optional<WatchedFileRecord>& w : store_.addInspectedFiles(records))
        out.push_back(w ? std::optional<workflow::JournalledFile>(journalled(*w)) : std::nullopt);
    return out;
}

void StoreRecorder::setArchivedPath(RecordId journalledFile, const std::string& archivedPath)
{
    store_.setWatchedFileArchived(journalledFile, q(archivedPath));
}

void StoreRecorder::keepPendingMessages(const std::vector<std::pair<RecordId, std::string>>& messages)
{
    std::vector<Store::PendingMessage> rows;
    rows.reserve(messages.size());
    for (const auto& [id, payload] : messages)
        rows.push_back({RowId(id), q(payload)});
    store_.keepPendingMessages(rows);
}

void StoreRecorder::clearPendingMessages(const std::vector<RecordId>& journalIds)
{
    store_.clearPendingMessages(std::vector<RowId>(journalIds.begin(), journalIds.end()));
}

std::vector<std::pair<RecordId, std::string>> StoreRecorder::pendingMessages(const std::string& watchFolder)
{
    std::vector<std::pair<RecordId, std::string>> out;
    for (const Store::PendingMessage& m : store_.pendingMessages(q(watchFolder)))
        out.emplace_back(RecordId(m.watchedFileId), m.payload.toStdString());
    return out;
}

std::optional<workflow::ActiveModelEntry> StoreRecorder::activeModel()
{
    const std::optional<ModelRecord> m = store_.activeModel();
    if (!m)
        return std::nullopt;
    return workflow::ActiveModelEntry{m->id, m->bundlePath.toStdString(), m->bundleChecksum.toStdString()};
}

std::string StoreRecorder::modelBundleFile(RecordId model)
{
    const std::optional<ModelRecord> m = store_.model(model);
    if (!m)
        return {};
    return QFile::encodeName(store_.bundleFileForModel(*m)).toStdString();
}

JobRecorder::JobRecorder(const QString& databasePath)
{
    if (databasePath.isEmpty()) {
        recorder_ = std::make_unique<workflow::NullRecorder>();
        return;
    }
    store_ = std::make_unique<Store>();
    store_->open(databasePath);
    recorder_ = std::make_unique<StoreRecorder>(*store_);
}

JobRecorder::~JobRecorder() = default;

} // namespace dl::db
