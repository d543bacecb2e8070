// EngineBridge's model lane: training and evaluation jobs. They run on a worker
// thread one at a time, beside (not inside) the viewer's lane, and never touch
// the loaded model; each opens its own database connection on its worker
// (db::Store is thread-bound) and records what it did like defectlens-cli does.
#include "ui/bridge/EngineBridge.h"

#include "common/Error.h"
#include "database/Store.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "workflow/RunRecording.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <mutex>
#include <optional>

namespace dl::ui {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

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
                                    const QStringList& categories, db::Store* labelStore, int* labelled = nullptr)
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
        if (labelStore) {
            const int applied = workflow::applyDatabaseLabels(*labelStore, copy);
            if (labelled)
                *labelled += applied;
        }
        selected.push_back(std::move(copy));
    }
    if (selected.empty())
        throw Error("no images of the selected categories are loaded; import a dataset first");
    return selected;
}

std::vector<const Dataset*> pointersTo(const std::vector<Dataset>& datasets)
{
    std::vector<const Dataset*> out;
    for (const Dataset& d : datasets)
        out.push_back(&d);
    return out;
}

json datasetParams(const std::vector<Dataset>& datasets)
{
    json data = json::array();
    for (const Dataset& d : datasets)
        data.push_back({{"path", d.root}, {"format", toString(d.format)}, {"categories", d.categories()}});
    return data;
}

QVector<QPointF> toPoints(const std::vector<CurvePoint>& points)
{
    QVector<QPointF> out;
    out.reserve(int(points.size()));
    for (const CurvePoint& p : points)
        out.append(QPointF(p.x, p.y));
    return out;
}

// Seconds left from the fraction done so far; -1 until there is enough to go on.
class EtaEstimate {
public:
    double secondsLeft(double fraction) const
    {
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        if (fraction < 0.02 || elapsed < 1.0)
            return -1.0;
        return elapsed * (1.0 - fraction) / fraction;
    }

private:
    Clock::time_point start_ = Clock::now();
};

} // namespace

void EngineBridge::train(const TrainSpec& spec)
{
    const QString description = tr("Training %1").arg(spec.method);
    enqueueModelJob({JobKind::Train, description, [this, spec]() -> Work {
                         return [this, spec](const ProgressContext& progress) -> Delivery {
                             std::optional<db::Store> store;
                             if (!spec.databasePath.isEmpty()) {
                                 store.emplace();
                                 store->open(spec.databasePath);
                             }
                             db::Store* labelStore = spec.labelsFromDatabase && store ? &*store : nullptr;
                             int labelled = 0;
                             std::vector<Dataset> datasets
                                 = selectDatasets(spec.datasets, spec.categories, labelStore, &labelled);

                             workflow::RunRecorder recorder(store ? &*store : nullptr);
                             const std::string outPath = fileSystemPath(spec.outputPath);
                             const std::string parentPath = fileSystemPath(spec.parentModelPath);
                             json params = toJson(spec.params);
                             // A warm start reuses the parent's memory bank, which only fits a
                             // detector with the same image size, taps and feature sizes.
                             if (spec.inheritParentParameters && !parentPath.empty()) {
                                 json inherited = ModelBundle::load(parentPath).header.value("params", json::object());
                                 inherited.update(params);
                                 params = inherited;
                             }
                             recorder.start(db::RunKind::Fit,
                                            {{"method", spec.method.toStdString()}, {"data", datasetParams(datasets)},
                                             {"unified", spec.unified}, {"params", params},
                                             {"parent", parentPath}, {"labels_from_db", spec.labelsFromDatabase},
                                             {"out", outPath}, {"source", "gui"}});
                             TrainedModel trained = recorder.recorded([&] {
                                 if (store)
                                     for (const Dataset& d : datasets)
                                         workflow::registerDataset(*store, d);
                                 TrainRequest request;
                                 request.method = spec.method.toStdString();
                                 request.params = params;
                                 request.backbone.weightsPath = fileSystemPath(spec.weightsPath);
                                 request.datasets = pointersTo(datasets);
                                 request.unified = spec.unified;
                                 request.parentModelPath = parentPath;
                                 const auto start = Clock::now();
                                 std::unique_ptr<Detector> detector = trainDetector(request, progress);
                                 const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
                                 detector->info().provenance["train_seconds_total"] = seconds;
                                 // The last cancellation point: after it the new file appears complete or not at all.
                                 progress.checkCancelled();
                                 progress.report(1.0, tr("Saving %1").arg(spec.outputPath).toStdString());
                                 QDir().mkpath(QFileInfo(spec.outputPath).absolutePath());
                                 const std::string checksum = saveDetector(*detector, outPath);

                                 TrainedModel result;
                                 result.bundlePath = QFileInfo(spec.outputPath).absoluteFilePath();
                                 result.checksum = QString::fromStdString(checksum);
                                 result.method = spec.method;
                                 for (const std::string& c : detector->info().categories)
                                     result.categories << QString::fromStdString(c);
                                 result.threshold = detector->info().threshold;
                                 result.seconds = seconds;
                                 result.labelledDefects = labelled;
                                 if (store) {
                                     const db::ModelRecord model = workflow::recordTrainedModel(
                                         *store, *detector, outPath, checksum, parentPath, seconds);
                                     recorder.linkModel(model.id);
                                     result.modelId = model.id;
                                     result.parentModelId = model.parentModelId.value_or(0);
                                 }
                                 return result;
                             });
                             return [this, trained] { emit modelTrained(trained); };
                         };
                     }});
}

void EngineBridge::evaluate(const EvaluateSpec& spec)
{
    const QString description = tr("Evaluating %1").arg(QFileInfo(spec.bundlePath).fileName());
    enqueueModelJob({JobKind::Evaluate, description, [this, spec]() -> Work {
                         return [this, spec](const ProgressContext& progress) -> Delivery {
                             std::optional<db::Store> store;
                             if (!spec.databasePath.isEmpty()) {
                                 store.emplace();
                                 store->open(spec.databasePath);
                             }
                             db::Store* labelStore = spec.labelsFromDatabase && store ? &*store : nullptr;
                             std::vector<Dataset> datasets = selectDatasets(spec.datasets, spec.categories, labelStore);
                             progress.report(0.0, tr("Loading %1").arg(spec.bundlePath).toStdString());
                             std::unique_ptr<Detector> detector
                                 = loadDetector(fileSystemPath(spec.bundlePath), fileSystemPath(spec.weightsPath));
                             progress.checkCancelled();

                             workflow::RunRecorder recorder(store ? &*store : nullptr);
                             recorder.start(db::RunKind::Test, {{"model", fileSystemPath(spec.bundlePath)},
                                                                {"data", datasetParams(datasets)},
                                                                {"labels_from_db", spec.labelsFromDatabase},
                                                                {"source", "gui"}});
                             const std::optional<db::RowId> modelId
                                 = recorder.linkModelByChecksum(detector->info().provenance.value("bundle_sha256", ""));
                             ModelEvaluation evaluation = recorder.recorded([&] {
                                 std::map<const Sample*, std::string> rootOf;
                                 std::map<std::string, std::map<std::string, db::RowId>> imageIds;
                                 for (const Dataset& d : datasets) {
                                     if (store)
                                         imageIds[d.root] = workflow::registerDataset(*store, d);
                                     for (const Sample& s : d.samples)
                                         rootOf[&s] = d.root;
                                 }
                                 const EvaluationReport report
                                     = evaluateDetector(*detector, pointersTo(datasets), progress, {}, true);
                                 const double threshold = detector->info().threshold;
                                 if (store)
                                     workflow::recordEvaluation(*store, recorder.runId(), modelId, report, threshold,
                                                                rootOf, imageIds);
                                 ModelEvaluation result;
                                 result.bundlePath = spec.bundlePath;
                                 result.tag = spec.tag;
                                 result.modelId = modelId.value_or(0);
                                 result.imageAuroc = report.mean.imageAuroc;
                                 result.pixelAuroc = report.mean.pixelAuroc;
                                 result.aupro = report.mean.aupro;
                                 result.f1Max = report.mean.f1Max;
                                 result.ap = report.mean.ap;
                                 result.images = report.mean.images;
                                 result.threshold = threshold;
                                 for (const CategoryMetrics& m : report.categories)
                                     result.categoryScores.append(CategoryScores{QString::fromStdString(m.category),
                                                                                 m.imageAuroc, m.pixelAuroc, m.aupro,
                                                                                 m.f1Max, m.ap, m.images});
                                 for (const CategoryCurves& c : report.curves)
                                     result.curves.append(CategoryCurve{QString::fromStdString(c.category),
                                                                        toPoints(c.roc), toPoints(c.pro)});
                                 return result;
                             });
                             return [this, evaluation] { emit modelEvaluated(evaluation); };
                         };
                     }});
}

void EngineBridge::cancelModelJobs()
{
    modelWaiting_.clear();
    if (modelToken_)
        modelToken_->cancel();
}

void EngineBridge::stopModelJobs()
{
    modelWaiting_.clear();
    if (!modelRunning_)
        return;
    // Training polls the token between batches and epochs, so this wait is short.
    modelToken_->cancel();
    modelRunning_->disconnect(this);
    modelRunning_->waitForFinished();
}

void EngineBridge::enqueueModelJob(Job job)
{
    modelWaiting_.push_back(std::move(job));
    // Receivers of a finished job may queue follow-ups (evaluate the new model);
    // those start once every receiver ran (finishModelJob).
    if (!modelRunning_ && !modelDelivering_)
        startNextModelJob();
}

void EngineBridge::startNextModelJob()
{
    if (modelWaiting_.empty()) {
        emit modelJobsIdle();
        return;
    }
    Job job = std::move(modelWaiting_.front());
    modelWaiting_.pop_front();
    modelRunningDescription_ = job.description;
    modelToken_ = std::make_shared<CancelToken>();
    const quint64 serial = ++modelSerial_;

    ProgressContext progress;
    progress.cancel = modelToken_;
    // Worker-thread callbacks: throttle, then hand over to the GUI thread.
    struct Shared {
        std::mutex mutex;
        Clock::time_point lastPost{};
        std::string lastStage;
        EtaEstimate eta;
    };
    auto shared = std::make_shared<Shared>();
    progress.onProgress = [this, shared, serial](double fraction, const std::string& stage) {
        double secondsLeft = -1.0;
        {
            std::lock_guard<std::mutex> lock(shared->mutex);
            const auto now = Clock::now();
            if (stage == shared->lastStage && fraction < 1.0 && now - shared->lastPost < std::chrono::milliseconds(100))
                return;
            shared->lastPost = now;
            shared->lastStage = stage;
            secondsLeft = shared->eta.secondsLeft(fraction);
        }
        const QString stageText = QString::fromStdString(stage);
        QMetaObject::invokeMethod(
            this,
            [this, serial, fraction, stageText, secondsLeft] {
                if (serial == modelSerial_ && modelRunning_)
                    emit modelJobProgress(fraction, stageText, secondsLeft);
            },
            Qt::QueuedConnection);
    };
    // Metrics come once per epoch: every one is delivered.
    progress.onMetric = [this, serial](const std::string& name, int step, double value) {
        const QString metricName = QString::fromStdString(name);
        QMetaObject::invokeMethod(
            this,
            [this, serial, metricName, step, value] {
                if (serial == modelSerial_ && modelRunning_)
                    emit trainingMetric(metricName, step, value);
            },
            Qt::QueuedConnection);
    };

    modelRunning_ = new QFutureWatcher<Outcome>(this);
    connect(modelRunning_, &QFutureWatcher<Outcome>::finished, this, &EngineBridge::finishModelJob);
    modelRunning_->setFuture(runWork(job.prepare(), progress));
    emit modelJobStarted(modelRunningDescription_);
}

void EngineBridge::finishModelJob()
{
    const Outcome outcome = modelRunning_->result();
    modelRunning_->deleteLater();
    modelRunning_ = nullptr;
    const QString description = modelRunningDescription_;
    modelToken_.reset();
    // A job cancelled after its last cancellation point has already saved and
    // recorded its model, so its result is delivered rather than hidden.
    modelDelivering_ = true;
    if (outcome.cancelled) {
        modelWaiting_.clear(); // later steps (evaluations of the new model) depend on this one
        emit modelJobCancelled(description);
    } else if (!outcome.error.isEmpty()) {
        modelWaiting_.clear();
        emit modelJobFailed(outcome.error);
    } else {
        outcome.deliver();
    }
    modelDelivering_ = false;
    startNextModelJob();
}

} // namespace dl::ui
