// EngineBridge's model lane: training and evaluation jobs. They run on a worker
// thread one at a time, beside (not inside) the viewer's lane, and never touch
// the loaded model; each opens its own database connection on its worker
// (db::Store is thread-bound) and records what it did through the workflow
// defectlens-cli uses (core/workflow).
#include "ui/bridge/EngineBridge.h"

#include "common/Error.h"
#include "database/StoreRecorder.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "engine/Overlay.h"
#include "methods/sdas/SdasTraining.h"
#include "workflow/DatasetRecording.h"
#include "workflow/SdasFit.h"
#include "workflow/ThresholdStudy.h"
#include "engine/LabelRanking.h"
#include "database/Store.h"
#include "workflow/Workflow.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <filesystem>
#include <map>
#include <set>

namespace dl::ui {

namespace {

using json = nlohmann::json;

std::string fileSystemPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

json toJson(const QJsonObject& object)
{
    return json::parse(QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString());
}

// Copies of the datasets restricted to `categories` (all when empty), with the
// annotations from the database applied when asked: the same selection for a
// training job and for the evaluations that compare its result with its parent.
// `labelled` (optional) receives how many images the annotations labelled.
std::vector<Dataset> selectDatasets(const std::vector<std::shared_ptr<const Dataset>>& datasets,
                                    const QStringList& categories, workflow::WorkRecorder* labels,
                                    int* labelled = nullptr)
{
    if (labelled)
        *labelled = 0;
    std::vector<Dataset> selected;
    for (const auto& dataset : datasets) {
        if (!dataset)
            continue;
        Dataset copy = *dataset;
        if (!categories.isEmpty()) {
            std::vector<Sample> kept;
            for (const Sample& sample : copy.samples)
                if (categories.contains(QString::fromStdString(sample.category)))
                    kept.push_back(sample);
            copy.samples = std::move(kept);
        }
        if (copy.samples.empty())
            continue;
        if (labels) {
            const int applied = workflow::applyDatabaseLabels(*labels, copy);
            if (labelled)
                *labelled += applied;
        }
        selected.push_back(std::move(copy));
    }
    if (selected.empty())
        throw Error("no images of the selected categories are loaded; import a dataset first");
    return selected;
}

QVector<QPointF> toPoints(const std::vector<CurvePoint>& points)
{
    QVector<QPointF> out;
    out.reserve(int(points.size()));
    for (const CurvePoint& p : points)
        out.append(QPointF(p.x, p.y));
    return out;
}

TrainedModel trainedModel(const TrainSpec& spec, const workflow::FitOutcome& fit, int labelled)
{
    TrainedModel result;
    result.bundlePath = QFileInfo(spec.outputPath).absoluteFilePath();
    result.checksum = QString::fromStdString(fit.checksum);
    result.method = spec.method;
    for (const std::string& c : fit.detector->info().categories)
        result.categories << QString::fromStdString(c);
    result.threshold = fit.detector->info().threshold;
    result.seconds = fit.seconds;
    result.labelledDefects = labelled;
    result.modelId = fit.modelId;
    result.parentModelId = fit.parentModelId;
    return result;
}

ModelEvaluation modelEvaluation(const EvaluateSpec& spec, const workflow::EvaluateOutcome& evaluated, double threshold,
                                const std::string& method)
{
    const EvaluationReport& report = evaluated.report;
    ModelEvaluation result;
    result.method = QString::fromStdString(method);
    result.bundlePath = spec.bundlePath;
    result.tag = spec.tag;
    result.modelId = evaluated.modelId.value_or(0);
    result.imageAuroc = report.mean.imageAuroc;
    result.pixelAuroc = report.mean.pixelAuroc;
    result.aupro = report.mean.aupro;
    result.f1Max = report.mean.f1Max;
    result.ap = report.mean.ap;
    result.images = report.mean.images;
    result.threshold = threshold;
    for (const CategoryMetrics& m : report.categories) {
        CategoryScores scores{QString::fromStdString(m.category), m.imageAuroc, m.pixelAuroc, m.aupro, m.f1Max,
                              m.ap, m.images, {}};
        for (const DefectTypeMetrics& t : m.defectTypes)
            scores.defectTypes.append(DefectTypeScores{QString::fromStdString(t.defectType), t.imageAuroc,
                                                       t.pixelAuroc, t.aupro, t.defectPixelShare, t.images,
                                                       t.pixelAurocWithinImages});
        result.categoryScores.append(scores);
    }
    for (const CategoryCurves& c : report.curves)
        result.curves.append(CategoryCurve{QString::fromStdString(c.category), toPoints(c.roc), toPoints(c.pro)});
    return result;
}

// The method's parameters: the spec's overrides, over the parent's parameters
// when asked. A warm start reuses the parent's memory bank, which only fits a
// detector with the same image size, taps and feature sizes. A retrain with the
// annotations learns from them even where the parent had its label share at 0.
json trainingParams(const TrainSpec& spec, const std::string& parentPath)
{
    json params = toJson(spec.params);
    if (spec.inheritParentParameters && !parentPath.empty()) {
        json inherited = ModelBundle::load(parentPath).header.value("params", json::object());
        if (!inherited.is_object())
            throw Error::forFile(parentPath, "model bundle header's 'params' is not a set of parameters "
                                             "(damaged, or not written by DefectLens)");
        if (spec.labelsFromDatabase)
            inherited = DetectorRegistry::instance().withLabelsLearned(spec.method.toStdString(), inherited);
        inherited.update(params);
        params = inherited;
    }
    return params;
}

// SDAS, the synthesis model: the fit defectlens-cli runs (workflow::fitSdasAndRecord).
// A cancelled one keeps its checkpoint beside spec.outputPath; a training with the
// same output, parameters and images resumes from it.
TrainedModel runSdasTraining(const TrainSpec& spec, const ProgressContext& progress)
{
    const json params = toJson(spec.params);
    sdasMergedParams(params); // a bad parameter fails before any work
    db::JobRecorder recording(spec.databasePath);
    const std::vector<Dataset> datasets = selectDatasets(spec.datasets, spec.categories, nullptr);
    workflow::SdasFitJob job;
    job.datasets = workflow::pointersTo(datasets);
    job.params = params;
    job.outputPath = fileSystemPath(spec.outputPath);
    job.runParams = {{"method", kSdasMethod}, {"data", workflow::describeDatasets(datasets)}, {"params", params},
                     {"out", job.outputPath}, {"source", "gui"}};
    const workflow::SdasFitOutcome outcome = workflow::fitSdasAndRecord(recording.recorder(), job, progress);
    TrainedModel result;
    result.bundlePath = QFileInfo(spec.outputPath).absoluteFilePath();
    result.checksum = QString::fromStdString(outcome.fit.checksum);
    result.method = spec.method;
    for (const std::string& c : outcome.fit.categories)
        result.categories << QString::fromStdString(c);
    result.seconds = outcome.fit.seconds;
    result.modelId = outcome.modelId;
    result.iterations = outcome.fit.iterations;
    result.resumedFrom = outcome.fit.resumedFrom;
    return result;
}

TrainedModel runTraining(const TrainSpec& spec, const ProgressContext& progress)
{
    if (spec.method == QLatin1String(kSdasMethod))
        return runSdasTraining(spec, progress);
    db::JobRecorder recording(spec.databasePath);
    int labelled = 0;
    std::vector<Dataset> datasets = selectDatasets(
        spec.datasets, spec.categories, spec.labelsFromDatabase ? &recording.recorder() : nullptr, &labelled);
    workflow::FitJob job;
    job.outputPath = fileSystemPath(spec.outputPath);
    const std::string parentPath = fileSystemPath(spec.parentModelPath);
    const json params = trainingParams(spec, parentPath);
    job.runParams = {{"method", spec.method.toStdString()}, {"data", workflow::describeDatasets(datasets)},
                     {"unified", spec.unified}, {"params", params}, {"parent", parentPath},
                     {"labels_from_db", spec.labelsFromDatabase}, {"out", job.outputPath}, {"source", "gui"}};
    job.request.method = spec.method.toStdString();
    job.request.params = params;
    job.request.backbone.weightsPath = fileSystemPath(spec.weightsPath);
    job.request.datasets = workflow::pointersTo(datasets);
    job.request.unified = spec.unified;
    if (spec.warmStartFromParent)
        job.request.parentModelPath = parentPath;
    else
        job.retrainedModelPath = parentPath;
    // Every completed epoch is kept beside the new bundle; after a crash or a cancel the
    // training panel offers the same output again and this continues the checkpoint when
    // it belongs to the same fit (another fit's is replaced, with a warning in the log).
    job.request.checkpointPath = workflow::trainingCheckpointPath(job.outputPath);
    job.request.resume = true;
    job.savingStage = EngineBridge::tr("Saving %1").arg(spec.outputPath).toStdString();
    return trainedModel(spec, workflow::fitAndRecord(recording.recorder(), job, progress), labelled);
}

ModelEvaluation runEvaluation(const EvaluateSpec& spec, const ProgressContext& progress)
{
    db::JobRecorder recording(spec.databasePath);
    std::vector<Dataset> datasets = selectDatasets(spec.datasets, spec.categories,
                                                   spec.labelsFromDatabase ? &recording.recorder() : nullptr);
    progress.report(0.0, EngineBridge::tr("Loading %1").arg(spec.bundlePath).toStdString());
    std::unique_ptr<Detector> detector
        = loadDetector(fileSystemPath(spec.bundlePath), fileSystemPath(spec.weightsPath));
    progress.checkCancelled();
    workflow::EvaluateJob job;
    job.datasets = workflow::pointersTo(datasets);
    job.runParams = {{"model", fileSystemPath(spec.bundlePath)}, {"data", workflow::describeDatasets(datasets)},
                     {"labels_from_db", spec.labelsFromDatabase}, {"source", "gui"}};
    job.withCurves = true;
    const workflow::EvaluateOutcome evaluated = workflow::evaluateAndRecord(recording.recorder(), *detector, job, progress);
    return modelEvaluation(spec, evaluated, detector->info().threshold, detector->info().method);
}

// Where the overlay of an image goes below `folder`: its place below the
// inspected folder or dataset root (`relative`), as a PNG; never outside `folder`.
std::string overlayPathFor(const std::string& folder, const std::string& relative, const std::string& imagePath)
{
    namespace fs = std::filesystem;
    fs::path inside = fs::path(relative).lexically_normal();
    if (inside.empty() || inside.is_absolute() || *inside.begin() == "..")
        inside = fs::path(imagePath).filename();
    inside.replace_extension(".png");
    return (fs::path(folder) / inside).string();
}

InspectionSummary runInspection(const InspectSpec& spec, const ProgressContext& progress)
{
    QElapsedTimer clock;
    clock.start();
    if (spec.databasePath.isEmpty())
        throw Error("an inspection records its results: open or choose a results database first");
    db::JobRecorder recording(spec.databasePath);
    progress.report(0.0, EngineBridge::tr("Loading %1").arg(spec.bundlePath).toStdString());
    std::unique_ptr<Detector> detector
        = loadDetector(fileSystemPath(spec.bundlePath), fileSystemPath(spec.weightsPath));
    progress.checkCancelled();
    const DisplayRange range = displayRange(detector->info());
    OverlayStyle style;
    style.contourScore = detector->info().threshold;
    const std::string heatmaps = fileSystemPath(spec.heatmapFolder);

    InspectionSummary summary;
    summary.heatmapFolder = spec.heatmapFolder;
    if (!spec.folder.isEmpty()) {
        const std::string root = fileSystemPath(QFileInfo(spec.folder).absoluteFilePath());
        workflow::PredictJob job;
        job.files = listImageFiles(root);
        if (job.files.empty())
            throw Error::forFile(root, "holds no image files to inspect");
        job.runParams = {{"model", fileSystemPath(spec.bundlePath)}, {"input", root},
                         {"overlay_dir", heatmaps}, {"source", "gui"}};
        job.progress = progress;
        if (!heatmaps.empty())
            job.saveOverlay = [&](const std::string& file, const cv::Mat& rgb, const Prediction& prediction) {
                namespace fs = std::filesystem;
                const std::string relative = fs::path(file).lexically_normal().lexically_relative(root).string();
                const std::string out = overlayPathFor(heatmaps, relative, file);
                writeImage(out, renderOverlay(rgb, prediction.map, range, style));
                return out;
            };
        for (const workflow::PredictedFile& file : workflow::predictAndRecord(recording.recorder(), *detector, job)) {
            if (!file.error.empty()) {
                ++summary.failed;
                continue;
            }
            ++summary.images;
            summary.defects += file.defect ? 1 : 0;
        }
        summary.source = spec.folder;
    } else {
        std::vector<Dataset> datasets = selectDatasets(spec.datasets, spec.categories, nullptr);
        QStringList roots;
        for (const Dataset& dataset : datasets)
            roots << QFile::decodeName(dataset.root.c_str());
        workflow::EvaluateJob job;
        job.datasets = workflow::pointersTo(datasets);
        job.runParams = {{"model", fileSystemPath(spec.bundlePath)}, {"data", workflow::describeDatasets(datasets)},
                         {"maps_dir", heatmaps}, {"source", "gui"}};
        // Several datasets may hold the same relative paths: each gets its own subfolder.
        std::map<const Sample*, std::string> prefixOf;
        if (datasets.size() > 1)
            for (std::size_t i = 0; i < datasets.size(); ++i)
                for (const Sample& sample : datasets[i].samples)
                    prefixOf[&sample] = std::to_string(i + 1) + "-"
                                        + std::filesystem::path(datasets[i].root).filename().string() + "/";
        if (!heatmaps.empty())
            job.saveMap = [&](const EvaluatedImage& image, const cv::Mat& fullSizeMap) {
                const auto prefix = prefixOf.find(image.sample);
                const std::string relative
                    = (prefix == prefixOf.end() ? std::string() : prefix->second) + image.sample->relativePath;
                const std::string out = overlayPathFor(heatmaps, relative, image.sample->path);
                writeImage(out, renderOverlay(loadImageRgb(image.sample->path), fullSizeMap, range, style));
                return out;
            };
        const workflow::EvaluateOutcome evaluated
            = workflow::evaluateAndRecord(recording.recorder(), *detector, job, progress);
        const double threshold = detector->info().threshold;
        for (const EvaluatedImage& image : evaluated.report.images) {
            ++summary.images;
            summary.defects += image.score >= threshold ? 1 : 0;
        }
        summary.testSplit = true;
        summary.imageAuroc = evaluated.report.mean.imageAuroc;
        summary.source = roots.join(QStringLiteral(", "));
    }
    summary.seconds = double(clock.elapsed()) / 1000.0;
    return summary;
}

ThresholdStudyResult runThresholdStudy(const ThresholdStudySpec& spec, const ProgressContext& progress)
{
    const std::vector<Dataset> datasets = selectDatasets(spec.datasets, spec.categories, nullptr);
    const workflow::ThresholdStudy study
        = workflow::studyThreshold(fileSystemPath(spec.bundlePath), fileSystemPath(spec.weightsPath),
                                   workflow::pointersTo(datasets), spec.folds, 42, progress);
    ThresholdStudyResult result;
    result.bundlePath = spec.bundlePath;
    result.method = QString::fromStdString(study.method);
    result.currentThreshold = study.currentThreshold;
    result.currentSource = QString::fromStdString(study.currentSource);
    result.folds = study.normal.folds;
    result.normalScores = QVector<double>(study.normal.scores.begin(), study.normal.scores.end());
    result.testNormalScores = QVector<double>(study.testNormalScores.begin(), study.testNormalScores.end());
    result.testDefectScores = QVector<double>(study.testDefectScores.begin(), study.testDefectScores.end());
    return result;
}

TrainedModel runThresholdApply(const ThresholdApplySpec& spec)
{
    db::JobRecorder recording(spec.databasePath);
    FalseRejectEstimate chosen;
    chosen.threshold = spec.threshold;
    chosen.rate = spec.estimatedRate;
    chosen.low = spec.low;
    chosen.high = spec.high;
    chosen.rejected = spec.rejected;
    chosen.normalImages = spec.normalImages;
    const workflow::AdjustedModel adjusted
        = workflow::saveWithThreshold(recording.recorder(), fileSystemPath(spec.bundlePath),
                                      fileSystemPath(spec.outputPath), chosen, spec.target, spec.folds);
    const ModelBundle bundle = ModelBundle::load(fileSystemPath(spec.outputPath));
    TrainedModel model;
    model.bundlePath = QFileInfo(spec.outputPath).absoluteFilePath();
    model.checksum = QString::fromStdString(adjusted.checksum);
    model.method = QString::fromStdString(bundle.header.value("method", ""));
    for (const std::string& category : bundle.header.value("categories", std::vector<std::string>{}))
        model.categories << QString::fromStdString(category);
    model.threshold = spec.threshold;
    model.modelId = adjusted.modelId;
    return model;
}

} // namespace

void EngineBridge::studyThreshold(const ThresholdStudySpec& spec)
{
    enqueueModelJob(JobKind::Threshold, tr("Cross-validating the threshold of %1").arg(QFileInfo(spec.bundlePath).fileName()),
                    [this, spec]() -> Work {
                        return [this, spec](const ProgressContext& progress) -> Delivery {
                            const ThresholdStudyResult result = runThresholdStudy(spec, progress);
                            return [this, result] { emit thresholdStudied(result); };
                        };
                    });
}

void EngineBridge::applyThreshold(const ThresholdApplySpec& spec)
{
    enqueueModelJob(JobKind::Threshold, tr("Saving %1").arg(QFileInfo(spec.outputPath).fileName()),
                    [this, spec]() -> Work {
                        return [this, spec](const ProgressContext&) -> Delivery {
                            const TrainedModel model = runThresholdApply(spec);
                            return [this, model] { emit thresholdApplied(model); };
                        };
                    });
}

namespace {

LabelQueue runLabelRanking(const LabelQueueSpec& spec, const ProgressContext& progress)
{
    if (!spec.dataset)
        throw Error("open a dataset first: its test images are ranked for labelling");
    std::set<std::string> overridden;
    std::set<std::string> annotated;
    // Read on this worker with its own connection (Store is per thread).
    db::JobRecorder recording(spec.databasePath);
    if (db::Store* store = recording.store()) {
        for (const QString& path : store->overriddenImagePaths())
            overridden.insert(path.toStdString());
        if (const std::optional<workflow::RecordId> dataset = recording.recorder().findDataset(spec.dataset->root))
            for (const workflow::AnnotationEntry& a : recording.recorder().latestAnnotations(*dataset))
                annotated.insert(a.relativePath);
    }
    progress.report(0.0, EngineBridge::tr("Loading %1").arg(spec.bundlePath).toStdString());
    std::unique_ptr<Detector> detector
        = loadDetector(fileSystemPath(spec.bundlePath), fileSystemPath(spec.weightsPath));
    LabelQueue queue;
    queue.bundlePath = spec.bundlePath;
    queue.threshold = detector->info().threshold;
    std::vector<const Sample*> pool;
    for (const Sample* s : spec.dataset->select(Split::Test)) {
        if (annotated.count(s->relativePath) != 0)
            ++queue.alreadyAnnotated;
        else
            pool.push_back(s);
    }
    for (const LabelCandidate& c : dl::rankForLabelling(*detector, pool, overridden, progress, kDefaultRankBy)) {
        LabelQueueEntry e;
        e.imagePath = QFile::decodeName(QByteArray::fromStdString(c.sample->path));
        e.relativePath = QString::fromStdString(c.sample->relativePath);
        e.score = c.score;
        e.distance = c.distance;
        e.overridden = c.overridden;
        queue.entries.push_back(e);
    }
    return queue;
}

} // namespace

void EngineBridge::rankForLabelling(const LabelQueueSpec& spec)
{
    enqueueModelJob(JobKind::LabelQueue, tr("Ranking images for labelling"), [this, spec]() -> Work {
        return [this, spec](const ProgressContext& progress) -> Delivery {
            const LabelQueue queue = runLabelRanking(spec, progress);
            return [this, queue] { emit labelQueueReady(queue); };
        };
    });
}

void EngineBridge::inspect(const InspectSpec& spec)
{
    const QString what = spec.folder.isEmpty() ? tr("the test set") : QFileInfo(spec.folder).fileName();
    enqueueModelJob(JobKind::Inspect, tr("Inspecting %1").arg(what), [this, spec]() -> Work {
        return [this, spec](const ProgressContext& progress) -> Delivery {
            const InspectionSummary summary = runInspection(spec, progress);
            return [this, summary] { emit inspected(summary); };
        };
    });
}

void EngineBridge::train(const TrainSpec& spec)
{
    enqueueModelJob(JobKind::Train, tr("Training %1").arg(spec.method), [this, spec]() -> Work {
        return [this, spec](const ProgressContext& progress) -> Delivery {
            const TrainedModel trained = runTraining(spec, progress);
            return [this, trained] { emit modelTrained(trained); };
        };
    });
}

void EngineBridge::evaluate(const EvaluateSpec& spec)
{
    enqueueModelJob(JobKind::Evaluate, tr("Evaluating %1").arg(QFileInfo(spec.bundlePath).fileName()),
                    [this, spec]() -> Work {
                        return [this, spec](const ProgressContext& progress) -> Delivery {
                            const ModelEvaluation evaluation = runEvaluation(spec, progress);
                            return [this, evaluation] { emit modelEvaluated(evaluation); };
                        };
                    });
}

void EngineBridge::cancelModelJobs()
{
    modelLane_->cancel();
}

void EngineBridge::enqueueModelJob(JobKind kind, const QString& description, std::function<Work()> prepare)
{
    modelLane_->enqueue({int(kind), description, std::move(prepare)});
}

} // namespace dl::ui
