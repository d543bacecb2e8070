#include "ui/bridge/EngineBridge.h"

#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/Engine.h"
#include "engine/Overlay.h"
#include "engine/Runtime.h"
#include "ui/common/ImageConvert.h"

#include <QDir>
#include <QFile>

#include <chrono>

namespace dl::ui {

namespace {

std::string toFileSystemPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

QString fromFileSystemPath(const std::string& path)
{
    return QFile::decodeName(path.c_str());
}

ModelSummary summarise(const Detector& detector, const QString& bundlePath)
{
    const ModelInfo& info = detector.info();
    ModelSummary summary;
    summary.bundlePath = bundlePath;
    summary.method = QString::fromStdString(info.method.empty() ? detector.method() : info.method);
    for (const std::string& category : info.categories)
        summary.categories << QString::fromStdString(category);
    summary.threshold = info.threshold;
    summary.thresholdSource = QString::fromStdString(info.thresholdSource);
    summary.checksum = QString::fromStdString(info.provenance.value("bundle_sha256", std::string()));
    return summary;
}

// Viewer jobs are short and the newest request matters: frequent progress, and
// a job cancelled after its last cancellation point is still reported cancelled.
const JobLane::Policy kViewerLane{std::chrono::milliseconds(50), /*lateCancelHidesResult=*/true,
                                  /*failureDropsWaiting=*/false};

// A training job cancelled after its last cancellation point has already saved
// and recorded its model, so its result is delivered rather than hidden; the
// jobs queued after one (evaluations of the new model) depend on it.
const JobLane::Policy kModelLane{std::chrono::milliseconds(100), /*lateCancelHidesResult=*/false,
                                 /*failureDropsWaiting=*/true};

// Preview images: only the newest request matters, a superseded one is hidden.
const JobLane::Policy kSynthesisLane{std::chrono::milliseconds(50), /*lateCancelHidesResult=*/true,
                                     /*failureDropsWaiting=*/false};

} // namespace

EngineBridge::EngineBridge(QObject* parent)
    : QObject(parent),
      viewerLane_(new JobLane(kViewerLane, this)),
      modelLane_(new JobLane(kModelLane, this)),
      synthesisLane_(new JobLane(kSynthesisLane, this))
{
    connectLanes();
}

EngineBridge::~EngineBridge()
{
    // The workers capture only values, but their progress posts target the lanes,
    // which must outlive them.
    synthesisLane_->stop();
    modelLane_->stop();
    viewerLane_->stop();
}

void EngineBridge::connectLanes()
{
    const auto forward = [this](JobLane* lane, void (EngineBridge::*started)(const QString&),
                                void (EngineBridge::*failed)(const QString&),
                                void (EngineBridge::*cancelled)(const QString&)) {
        connect(lane, &JobLane::started, this, started);
        connect(lane, &JobLane::failed, this, failed);
        connect(lane, &JobLane::cancelled, this, cancelled);
    };
    forward(viewerLane_, &EngineBridge::jobStarted, &EngineBridge::failed, &EngineBridge::cancelled);
    connect(viewerLane_, &JobLane::busyChanged, this, &EngineBridge::busyChanged);
    connect(viewerLane_, &JobLane::progress, this,
            [this](double fraction, const QString& stage, double) { emit progress(fraction, stage); });

    forward(modelLane_, &EngineBridge::modelJobStarted, &EngineBridge::modelJobFailed,
            &EngineBridge::modelJobCancelled);
    connect(modelLane_, &JobLane::progress, this, &EngineBridge::modelJobProgress);
    connect(modelLane_, &JobLane::metric, this, &EngineBridge::trainingMetric);
    connect(modelLane_, &JobLane::busyChanged, this, [this](bool busy) {
        if (!busy)
            emit modelJobsIdle();
    });

    connect(synthesisLane_, &JobLane::progress, this,
            [this](double fraction, const QString& stage, double) { emit synthesisProgress(fraction, stage); });
    connect(synthesisLane_, &JobLane::failed, this, &EngineBridge::synthesisFailed);
    connect(synthesisLane_, &JobLane::cancelled, this, [this](const QString&) { emit synthesisCancelled(); });
}

bool EngineBridge::isBusy() const
{
    return viewerLane_->isBusy();
}

void EngineBridge::importDataset(const QString& rootFolder, const DatasetOptions& options)
{
    const QString stage = tr("Importing dataset %1").arg(rootFolder);
    enqueue(JobKind::ImportDataset, tr("Dataset import"), [this, rootFolder, options, stage]() -> Work {
        const std::string root = toFileSystemPath(rootFolder);
        const std::string stageText = stage.toStdString();
        return [this, root, options, stageText](const ProgressContext& progress) -> Delivery {
            progress.report(0.0, stageText);
            auto dataset = std::make_shared<const Dataset>(dl::importDataset(root, options));
            progress.checkCancelled();
            progress.report(1.0, stageText);
            return [this, dataset] {
                dataset_ = dataset;
                emit datasetImported(dataset);
            };
        };
    });
}

void EngineBridge::loadModel(const QString& bundlePath)
{
    const QString stage = tr("Loading model %1").arg(bundlePath);
    enqueue(JobKind::LoadModel, tr("Model loading"), [this, bundlePath, stage]() -> Work {
        const std::string path = toFileSystemPath(bundlePath);
        const std::string weights = toFileSystemPath(backboneWeights_);
        const std::string stageText = stage.toStdString();
        return [this, path, weights, bundlePath, stageText](const ProgressContext& progress) -> Delivery {
            progress.report(0.0, stageText);
            std::shared_ptr<Detector> detector = dl::loadDetector(path, weights);
            progress.checkCancelled();
            const ModelSummary summary = summarise(*detector, bundlePath);
            progress.report(1.0, stageText);
            return [this, detector, summary] {
                detector_ = detector;
                model_ = summary;
                emit modelLoaded(summary);
            };
        };
    });
}

QString EngineBridge::nameBelowDatasetRoot(const QString& imagePath) const
{
    if (!dataset_)
        return {};
    const QString root = QDir::cleanPath(fromFileSystemPath(dataset_->root));
    const QString path = QDir::cleanPath(imagePath);
    if (root.isEmpty() || !path.startsWith(root + QLatin1Char('/')))
        return {};
    return path.mid(root.size() + 1);
}

void EngineBridge::scoreImage(const QString& imagePath)
{
    // Only the newest request matters when the user clicks through images quickly.
    viewerLane_->removeWaiting(int(JobKind::ScoreImage));
    const std::string decodeStage = tr("Decoding %1").arg(imagePath).toStdString();
    const std::string scoreStage = tr("Scoring %1").arg(imagePath).toStdString();
    const std::string renderStage = tr("Rendering heatmap").toStdString();
    enqueue(JobKind::ScoreImage, tr("Image scoring"), [=]() -> Work {
        std::shared_ptr<Detector> detector = detector_; // the model current when the job starts
        const std::string path = toFileSystemPath(imagePath);
        const QString displayName = nameBelowDatasetRoot(imagePath);
        return [=](const ProgressContext& progress) -> Delivery {
            progress.report(0.0, decodeStage);
            // Scored as every other path scores this file (a large JPEG decoded reduced),
            // shown at its own size.
            const DecodedImage input = detector ? loadModelInput(path, detector->info()) : loadImageRgbAtLeast(path, {});
            const cv::Mat rgb = input.reduced() ? loadImageRgb(path) : input.rgb;
            ScoredImage result;
            result.imagePath = fromFileSystemPath(path);
            result.displayName = displayName;
            result.original = toQImage(rgb);
            if (detector) {
                progress.checkCancelled();
                progress.report(0.1, scoreStage);
                const Prediction prediction = detector->predict(input.rgb);
                progress.checkCancelled();
                progress.report(0.9, renderStage);
                const ModelInfo& info = detector->info();
                const DisplayRange range = displayRange(info);
                // Outline where pixels exceed the image threshold, as the CLI's overlays do.
                OverlayStyle style;
                style.contourScore = info.threshold;
                const cv::Mat map = resizeMap(prediction.map, rgb.cols, rgb.rows);
                result.overlay = toQImage(renderOverlay(rgb, map, range, style));
                result.scored = true;
                result.score = prediction.score;
                result.threshold = info.threshold;
                result.defect = prediction.score >= info.threshold;
                result.networkMs = prediction.networkMs;
                result.anomalyMap = map;
                result.displayLow = range.low;
                result.displayHigh = range.high;
            }
            progress.report(1.0, renderStage);
            return [this, result] { emit imageScored(result); };
        };
    });
}

void EngineBridge::setComputeThreads(int threads)
{
    enqueue(JobKind::ConfigureRuntime, tr("Compute threads"), [threads]() -> Work {
        return [threads](const ProgressContext&) -> Delivery {
            dl::configureRuntime(threads);
            return [] {};
        };
    });
}

void EngineBridge::cancel()
{
    viewerLane_->cancel();
}

void EngineBridge::enqueue(JobKind kind, const QString& description, std::function<Work()> prepare)
{
    viewerLane_->enqueue({int(kind), description, std::move(prepare)});
}

} // namespace dl::ui
