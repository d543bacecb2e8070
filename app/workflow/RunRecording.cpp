#include "workflow/RunRecording.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Sha256.h"
#include "data/ImageIO.h"
#include "engine/ModelBundle.h"

#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>

#include <filesystem>

namespace dl::workflow {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

json metricValue(double v) { return v < 0 ? json(nullptr) : json(v); }

} // namespace

QString currentUserName()
{
    for (const char* variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable).trimmed();
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("engineer");
}

json metricsJson(const CategoryMetrics& m)
{
    return {{"image_auroc", metricValue(m.imageAuroc)}, {"pixel_auroc", metricValue(m.pixelAuroc)},
            {"aupro", metricValue(m.aupro)}, {"f1_max", metricValue(m.f1Max)}, {"ap", metricValue(m.ap)},
            {"n_images", m.images}};
}

// --- RunRecorder ---------------------------------------------------------------

db::RowId RunRecorder::start(db::RunKind kind, const json& params)
{
    if (!store_) return 0;
    runId_ = store_->startRun(kind, params).id;
    return runId_;
}

void RunRecorder::succeeded()
{
    if (!store_ || runId_ == 0) return;
    store_->finishRun(runId_, db::RunStatus::Succeeded);
    runId_ = 0;
}

void RunRecorder::failed(const std::string& error)
{
    if (!store_ || runId_ == 0) return;
    store_->finishRun(runId_, db::RunStatus::Failed, q(error));
    runId_ = 0;
}

void RunRecorder::cancelled()
{
    if (!store_ || runId_ == 0) return;
    store_->finishRun(runId_, db::RunStatus::Cancelled, QStringLiteral("cancelled"));
    runId_ = 0;
}

void RunRecorder::linkModel(db::RowId modelId)
{
    if (!store_ || runId_ == 0) return;
    store_->setRunModel(runId_, modelId);
}

std::optional<db::RowId> RunRecorder::linkModelByChecksum(const std::string& bundleChecksum)
{
    if (!store_ || runId_ == 0 || bundleChecksum.empty()) return std::nullopt;
    std::optional<db::ModelRecord> model = store_->findModelByChecksum(q(bundleChecksum));
    if (!model) return std::nullopt;
    store_->setRunModel(runId_, model->id);
    return model->id;
}

// --- datasets and annotations -------------------------------------------------------

std::map<std::string, db::RowId> registerDataset(db::Store& store, const Dataset& d)
{
    std::map<std::string, db::RowId> ids;
    std::optional<db::DatasetRecord> existing = store.findDatasetByRoot(q(d.root));
    db::RowId datasetId;
    if (existing) {
        datasetId = existing->id;
    } else {
        db::DatasetRecord r;
        r.name = q(fs::path(d.root).filename().string());
        r.rootPath = q(d.root);
        r.format = toString(d.format);
        r.options = {{"category", d.options.category}, {"normal_class", d.options.normalClass},
                     {"test_fraction", d.options.testFraction}, {"seed", d.options.seed}};
        datasetId = store.addDataset(r).id;
    }
    for (const auto& image : store.imagesOfDataset(datasetId)) ids[image.relativePath.toStdString()] = image.id;
    std::vector<db::ImageRecord> fresh;
    for (const auto& s : d.samples) {
        if (ids.count(s.relativePath)) continue;
        db::ImageRecord r;
        r.datasetId = datasetId;
        r.path = q(s.path);
        r.relativePath = q(s.relativePath);
        r.contentHash = q(Sha256::ofFile(s.path));
        ImageFileInfo info = inspectImageFile(s.path);
        r.width = info.size.width;
        r.height = info.size.height;
        r.split = toString(s.split);
        r.label = s.label;
        r.category = q(s.category);
        r.defectType = q(s.defectType);
        r.maskPath = q(s.maskPath);
        fresh.push_back(r);
    }
    if (!fresh.empty()) {
        std::vector<db::RowId> newIds = store.addImages(fresh);
        for (std::size_t i = 0; i < fresh.size(); ++i) ids[fresh[i].relativePath.toStdString()] = newIds[i];
    }
    return ids;
}

int applyDatabaseLabels(db::Store& store, Dataset& dataset)
{
    std::optional<db::DatasetRecord> record = store.findDatasetByRoot(q(dataset.root));
    if (!record) return 0;
    std::map<std::string, Sample*> byPath;
    for (auto& s : dataset.samples) byPath[s.relativePath] = &s;
    const fs::path maskDir = fs::path(store.path().toStdString()).parent_path() / "annotation-masks";
    int applied = 0;
    for (const auto& image : store.imagesOfDataset(record->id)) {
        std::optional<db::AnnotationRecord> annotation = store.latestAnnotation(image.id);
        if (!annotation) continue;
        auto it = byPath.find(image.relativePath.toStdString());
        if (it == byPath.end()) continue;
        const std::vector<uchar> png(annotation->maskPng.begin(), annotation->maskPng.end());
        cv::Mat mask = cv::imdecode(png, cv::IMREAD_GRAYSCALE);
        if (mask.empty())
            throw Error("annotation " + std::to_string(annotation->id) + " of " + it->second->path
                        + " in the database is not a readable PNG mask");
        if (cv::countNonZero(mask) == 0) continue;
        const std::string maskPath = (maskDir / ("annotation_" + std::to_string(annotation->id) + ".png")).string();
        if (!fs::exists(maskPath))
            writeFileAtomically(maskPath, std::string(png.begin(), png.end()));
        Sample& s = *it->second;
        s.label = 1;
        s.split = Split::Train;
        s.maskPath = maskPath;
        if (s.defectType.empty() || s.defectType == "good") s.defectType = "annotated";
        ++applied;
    }
    return applied;
}

// --- models and results ----------------------------------------------------------

db::ModelRecord recordTrainedModel(db::Store& store, const Detector& detector, const std::string& bundlePath,
                                   const std::string& bundleChecksum, const std::string& parentModelPath,
                                   double fitSeconds)
{
    const ModelInfo& info = detector.info();
    db::ModelRecord m;
    m.method = q(info.method.empty() ? detector.method() : info.method);
    for (const auto& c : info.categories) m.categories << q(c);
    m.bundlePath = QFileInfo(q(bundlePath)).absoluteFilePath();
    m.bundleChecksum = q(bundleChecksum);
    if (!parentModelPath.empty()) {
        const std::string parentChecksum = ModelBundle::fileChecksum(parentModelPath);
        if (std::optional<db::ModelRecord> parent = store.findModelByChecksum(q(parentChecksum)))
            m.parentModelId = parent->id;
    }
    m.metrics = {{"threshold", info.threshold}, {"fit_seconds", fitSeconds}};
    return store.addModel(m);
}

void recordEvaluation(db::Store& store, db::RowId runId, std::optional<db::RowId> modelId,
                      const EvaluationReport& report, double threshold,
                      const std::map<const Sample*, std::string>& rootOf,
                      const std::map<std::string, std::map<std::string, db::RowId>>& imageIds,
                      const std::function<std::string(const Sample*)>& heatmapPathOf)
{
    std::vector<db::ResultRecord> results;
    for (const auto& e : report.images) {
        db::ResultRecord r;
        r.runId = runId;
        if (auto root = rootOf.find(e.sample); root != rootOf.end())
            if (auto table = imageIds.find(root->second); table != imageIds.end())
                if (auto id = table->second.find(e.sample->relativePath); id != table->second.end())
                    r.imageId = id->second;
        r.imagePath = q(e.sample->path);
        r.score = e.score;
        r.verdict = e.score >= threshold ? db::Verdict::Defect : db::Verdict::Ok;
        if (heatmapPathOf) r.heatmapPath = q(heatmapPathOf(e.sample));
        results.push_back(r);
    }
    if (!results.empty()) store.addResults(results);
    if (modelId) {
        json metrics = metricsJson(report.mean);
        metrics.erase("n_images");
        metrics["test_images"] = report.mean.images;
        store.mergeModelMetrics(*modelId, metrics);
    }
}

} // namespace dl::workflow
