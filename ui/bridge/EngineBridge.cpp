#include "ui/bridge/EngineBridge.h"

#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/Engine.h"
#include "engine/Overlay.h"
#include "engine/Runtime.h"
#include "ui/common/ImageConvert.h"

#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>

namespace dl::ui {

namespace {

// How strongly the heatmap covers the image; the same as the CLI's overlays.
constexpr double kOverlayOpacity = 0.45;

std::string toFileSystemPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

QString fromFileSystemPath(const std::string& path)
{
    return QFile::decodeName(path.c_str());
}

// Engines may report progress thousands of times a second; the GUI needs a
// few updates per second. Stage changes and completion always get through.
class ProgressThrottle {
public:
    bool shouldPost(double fraction, const std::string& stage)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        const bool post = stage != lastStage_ || fraction >= 1.0 || now - lastPost_ >= std::chrono::milliseconds(50);
        if (post) {
            lastStage_ = stage;
            lastPost_ = now;
        }
        return post;
    }

private:
    std::mutex mutex_;
    std::string lastStage_;
    std::chrono::steady_clock::time_point lastPost_{};
};

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
    return summary;
}

} // namespace

EngineBridge::EngineBridge(QObject* parent) : QObject(parent) {}

EngineBridge::~EngineBridge()
{
    stopModelJobs();
    waiting_.clear();
    if (running_) {
        // The worker captures only values, but its progress posts target this
        // object, so it must end before the object does. Long engine work polls
        // the cancel token, so this wait is short.
        runningToken_->cancel();
        running_->disconnect(this);
        running_->waitForFinished();
    }
}

bool EngineBridge::isBusy() const
{
    return running_ != nullptr || delivering_ || !waiting_.empty();
}

void EngineBridge::importDataset(const QString& rootFolder, const DatasetOptions& options)
{
    const QString stage = tr("Importing dataset %1").arg(rootFolder);
    enqueue({JobKind::ImportDataset, tr("Dataset import"), [this, rootFolder, options, stage]() -> Work {
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
             }});
}

void EngineBridge::loadModel(const QString& bundlePath)
{
    const QString stage = tr("Loading model %1").arg(bundlePath);
    enqueue({JobKind::LoadModel, tr("Model loading"), [this, bundlePath, stage]() -> Work {
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
             }});
}

void EngineBridge::scoreImage(const QString& imagePath)
{
    // Only the newest request matters when the user clicks through images quickly.
    waiting_.erase(std::remove_if(waiting_.begin(), waiting_.end(),
                                  [](const Job& job) { return job.kind == JobKind::ScoreImage; }),
                   waiting_.end());
    const std::string decodeStage = tr("Decoding %1").arg(imagePath).toStdString();
    const std::string scoreStage = tr("Scoring %1").arg(imagePath).toStdString();
    const std::string renderStage = tr("Rendering heatmap").toStdString();
    enqueue({JobKind::ScoreImage, tr("Image scoring"), [=]() -> Work {
                 std::shared_ptr<Detector> detector = detector_; // the model current when the job starts
                 const std::string path = toFileSystemPath(imagePath);
                 return [=](const ProgressContext& progress) -> Delivery {
                     progress.report(0.0, decodeStage);
                     const cv::Mat rgb = loadImageRgb(path);
                     ScoredImage result;
                     result.imagePath = fromFileSystemPath(path);
                     result.original = toQImage(rgb);
                     if (detector) {
                         progress.checkCancelled();
                         progress.report(0.1, scoreStage);
                         const Prediction prediction = detector->predict(rgb);
                         progress.checkCancelled();
                         progress.report(0.9, renderStage);
                         const ModelInfo& info = detector->info();
                         const DisplayRange range = displayRange(info);
                         // Outline where pixels exceed the image threshold, as the CLI's overlays do.
                         const double contourLevel = (info.threshold - range.low) / (range.high - range.low);
                         const cv::Mat map = resizeMap(prediction.map, rgb.cols, rgb.rows);
                         const cv::Mat overlay = renderOverlay(rgb, normaliseMap(map, range), cv::COLORMAP_TURBO,
                                                               kOverlayOpacity, contourLevel);
                         result.overlay = toQImage(overlay);
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
             }});
}

void EngineBridge::setComputeThreads(int threads)
{
    enqueue({JobKind::ConfigureRuntime, tr("Compute threads"), [threads]() -> Work {
                 return [threads](const ProgressContext&) -> Delivery {
                     dl::configureRuntime(threads);
                     return [] {};
                 };
             }});
}

void EngineBridge::cancel()
{
    waiting_.clear();
    if (runningToken_)
        runningToken_->cancel();
}

void EngineBridge::enqueue(Job job)
{
    const bool wasBusy = isBusy();
    waiting_.push_back(std::move(job));
    if (!wasBusy)
        emit busyChanged(true);
    if (!running_ && !delivering_)
        startNextJob();
}

void EngineBridge::startNextJob()
{
    if (waiting_.empty()) {
        emit busyChanged(false);
        return;
    }
    Job job = std::move(waiting_.front());
    waiting_.pop_front();

    runningDescription_ = job.description;
    runningToken_ = std::make_shared<CancelToken>();
    ++jobSerial_;
    const ProgressContext progress = makeProgressContext(runningToken_);
    running_ = new QFutureWatcher<Outcome>(this);
    connect(running_, &QFutureWatcher<Outcome>::finished, this, &EngineBridge::finishRunningJob);
    running_->setFuture(runWork(job.prepare(), progress));
    emit jobStarted(runningDescription_);
}

QFuture<EngineBridge::Outcome> EngineBridge::runWork(Work work, ProgressContext progress)
{
    const QString unexpected = tr("Unexpected engine error: %1");
    return QtConcurrent::run([work = std::move(work), progress = std::move(progress), unexpected]() -> Outcome {
        Outcome outcome;
        try {
            outcome.deliver = work(progress);
        } catch (const Cancelled&) {
            outcome.cancelled = true;
        } catch (const Error& e) {
            outcome.error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            // Library failures (OpenCV, torch, allocation) that no engine wrapper typed.
            outcome.error = unexpected.arg(QString::fromStdString(e.what()));
        }
        return outcome;
    });
}

void EngineBridge::finishRunningJob()
{
    const Outcome outcome = running_->result();
    running_->deleteLater();
    running_ = nullptr;
    const QString description = runningDescription_;
    // A job cancelled after its last cancellation point still counts as cancelled:
    // the user asked not to see its result.
    const bool cancelledByUser = outcome.cancelled || runningToken_->isCancelled();
    runningToken_.reset();

    // Receivers may request new jobs (e.g. re-score the shown image after a model
    // loads); those wait in the queue and start below, after every receiver ran.
    delivering_ = true;
    if (cancelledByUser)
        emit cancelled(description);
    else if (!outcome.error.isEmpty())
        emit failed(outcome.error);
    else
        outcome.deliver();
    delivering_ = false;
    startNextJob();
}

ProgressContext EngineBridge::makeProgressContext(std::shared_ptr<CancelToken> token)
{
    ProgressContext context;
    context.cancel = std::move(token);
    auto throttle = std::make_shared<ProgressThrottle>();
    const quint64 serial = jobSerial_;
    context.onProgress = [this, throttle, serial](double fraction, const std::string& stage) {
        if (!throttle->shouldPost(fraction, stage))
            return;
        const QString stageText = QString::fromStdString(stage);
        // Called on the worker thread: hand the update to the GUI thread.
        QMetaObject::invokeMethod(
            this,
            [this, serial, fraction, stageText] {
                if (serial == jobSerial_ && running_)
                    emit progress(fraction, stageText);
            },
            Qt::QueuedConnection);
    };
    return context;
}

} // namespace dl::ui
