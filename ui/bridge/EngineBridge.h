#pragma once
// The thin Qt layer between the widgets and the engine. Every engine call runs
// on a worker thread (QtConcurrent); results, progress and errors come back as
// signals on the GUI thread. Requests become jobs that run one at a time, in
// order, so a detector is never used by two threads at once.
#include "common/Progress.h"
#include "data/Dataset.h"
#include "ui/bridge/JobLane.h"
#include "ui/bridge/ModelJobs.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>

#include <opencv2/core.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace dl {
class Detector;
class SdasGenerator;
}

namespace dl::ui {

// What the GUI shows about a loaded model bundle.
struct ModelSummary {
    QString bundlePath;
    QString method;
    QStringList categories;
    double threshold = 0.0;  // image score >= threshold -> defect
    QString thresholdSource; // "normal-quantile", "f1-max", "user"
    QString checksum;        // SHA-256 of the bundle (links recorded results to the model)
};

// One image as the detector saw it; without a model only `original` is set.
struct ScoredImage {
    QString imagePath;
    QString displayName; // below the dataset root when inside it; empty: the viewer uses "folder/file"
    QImage original;
    QImage overlay; // heatmap blended over the image, at the image's size
    bool scored = false;
    double score = 0.0;
    double threshold = 0.0;
    bool defect = false;
    double networkMs = 0.0;
    // For the viewer's own rendering (opacity, colour map, contour threshold,
    // score under the cursor): the raw pixel scores resized to the image
    // (CV_32FC1; empty when not scored) and the model's display range from its
    // calibration statistics, the same for every image of that model.
    cv::Mat anomalyMap;
    double displayLow = 0.0;
    double displayHigh = 1.0;
};

class EngineBridge : public QObject {
    Q_OBJECT
public:
    explicit EngineBridge(QObject* parent = nullptr);
    // Cancels the running job and waits for its worker, which must not outlive the bridge.
    ~EngineBridge() override;

    // `options` as the import dialog chose them; the default detects the format.
    void importDataset(const QString& rootFolder, const DatasetOptions& options = {});
    void loadModel(const QString& bundlePath);
    // Scores the image with the loaded model, or only decodes it when none is
    // loaded. Replaces any scoring request still waiting (the newest click wins).
    void scoreImage(const QString& imagePath);
    // Settings: compute threads for LibTorch/OpenMP (<= 0: all cores), applied by
    // a queued job on the worker; and the backbone weights file used when loading
    // models (empty: the engine's default search).
    void setComputeThreads(int threads);
    void setBackboneWeights(const QString& weightsPath) { backboneWeights_ = weightsPath; }
    QString backboneWeights() const { return backboneWeights_; }

    bool isBusy() const;
    // The image's path below the loaded dataset's root; empty when outside it.
    QString nameBelowDatasetRoot(const QString& imagePath) const;

    // --- Training and evaluation: a second lane of jobs, one at a time, in order,
    // beside the viewer's lane, so images can still be scored with the current
    // model meanwhile. These jobs never touch the loaded model (implemented in
    // EngineBridgeModelJobs.cpp).
    void train(const TrainSpec& spec);
    void evaluate(const EvaluateSpec& spec);
    // Records every scored image as a result (EngineBridgeInspection.cpp).
    void inspect(const InspectSpec& spec);
    // Threshold by a target false-reject rate (EngineBridgeModelJobs.cpp).
    void studyThreshold(const ThresholdStudySpec& spec);
    void applyThreshold(const ThresholdApplySpec& spec);
    // "Label next": ranks the dataset's unannotated test images (EngineBridgeModelJobs.cpp).
    void rankForLabelling(const LabelQueueSpec& spec);
    bool isModelJobRunning() const { return modelLane_->hasRunningOrWaiting(); }
    // Cancels the running training/evaluation and drops the waiting ones.
    void cancelModelJobs();
    bool hasModel() const { return static_cast<bool>(detector_); }
    std::optional<ModelSummary> model() const { return model_; }
    std::shared_ptr<const Dataset> dataset() const { return dataset_; }

    // --- Synthesis preview: a third lane, so that generating images neither waits
    // behind a training nor holds up image scoring (EngineBridgeSynthesis.cpp).
    // A new request replaces the waiting one and cancels the running one: the
    // newest slider position wins. The loaded SDAS model is kept for the next request.
    void generateSynthesis(const SynthesisRequest& request);
    void cancelSynthesis();
    bool isSynthesisRunning() const { return synthesisLane_->hasRunningOrWaiting(); }

public slots:
    // Cancels the running job (at its next cancellation point) and drops waiting ones.
    void cancel();

signals:
    void busyChanged(bool busy);
    void jobStarted(const QString& description);
    void progress(double fraction, const QString& stage);
    void datasetImported(std::shared_ptr<const dl::Dataset> dataset);
    void modelLoaded(const dl::ui::ModelSummary& model);
    void imageScored(const dl::ui::ScoredImage& image);
    void failed(const QString& message);
    void cancelled(const QString& description);

    // The model lane. Progress carries an estimate of the seconds left (-1: unknown).
    void modelJobStarted(const QString& description);
    void modelJobProgress(double fraction, const QString& stage, double secondsLeft);
    // Per-epoch values a method streams while training (e.g. "loss", "validation").
    void trainingMetric(const QString& name, int step, double value);
    void modelTrained(const dl::ui::TrainedModel& model);
    void modelEvaluated(const dl::ui::ModelEvaluation& evaluation);
    void inspected(const dl::ui::InspectionSummary& summary);
    void thresholdStudied(const dl::ui::ThresholdStudyResult& result);
    void labelQueueReady(const dl::ui::LabelQueue& queue);
    void thresholdApplied(const dl::ui::TrainedModel& model);
    void modelJobFailed(const QString& message);
    void modelJobCancelled(const QString& description);
    void modelJobsIdle();

    // The synthesis lane.
    void synthesisStarted(const dl::ui::SynthesisRequest& request);
    void synthesisProgress(double fraction, const QString& stage);
    void synthesisGenerated(const dl::ui::SynthesisResult& result);
    void synthesisFailed(const QString& message);
    void synthesisCancelled();

private:
    using Delivery = JobLane::Delivery;
    using Work = JobLane::Work;

    enum class JobKind { ImportDataset, LoadModel, ScoreImage, ConfigureRuntime, Train, Evaluate, Inspect, Threshold, Synthesize, LabelQueue };
    // `prepare` runs on the GUI thread when the job starts, so it sees the model loaded by earlier jobs.
    void enqueue(JobKind kind, const QString& description, std::function<Work()> prepare);
    void enqueueModelJob(JobKind kind, const QString& description, std::function<Work()> prepare);
    // Forwards the lanes' signals as the bridge's.
    void connectLanes();

    JobLane* viewerLane_;
    // Training and evaluation, beside the viewer's lane.
    JobLane* modelLane_;
    // The synthesis preview's generations, beside both.
    JobLane* synthesisLane_;
    // The SDAS model of the last generation (used by one synthesis job at a time).
    std::shared_ptr<const SdasGenerator> generator_;
    QString generatorPath_;

    std::shared_ptr<Detector> detector_;
    std::optional<ModelSummary> model_;
    std::shared_ptr<const Dataset> dataset_;
    QString backboneWeights_;
};

} // namespace dl::ui
