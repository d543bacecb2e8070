#pragma once
// The steps defectlens-cli and the GUI share, each one function: fit a model and
// record it, evaluate a model and record its results, score image files and
// record the predictions. What a run records about its request (run params) and
// how results are shown stay with the front end; the order of the steps, the
// run's start and end, and what is stored for models and results live here.
#include "engine/Engine.h"
#include "workflow/WorkRecorder.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dl::workflow {

// Metrics as JSON, an undefined metric (-1) as null.
nlohmann::json metricsJson(const CategoryMetrics& metrics);

struct FitJob {
    TrainRequest request;         // its datasets are registered with the run
    std::string outputPath;       // the new bundle
    nlohmann::json runParams;     // what the fit run records about the request
    // The model this fit retrains, recorded as its parent: request.parentModelPath (a
    // warm start) when set, else this (a method that learns from the new labels but
    // reuses nothing of its parent, trained anew with its parameters).
    std::string retrainedModelPath;
    // When set: a last cancellation check before saving, then this progress
    // stage, so that a cancelled job never leaves a bundle behind.
    EngineText savingStage;
};

// The checkpoint a fit writing `outputPath` keeps beside it while it trains for
// epochs: "<outputPath>.checkpoint" (removed once the bundle is written). The CLI
// and the GUI use the same name, so either resumes what the other left.
std::string trainingCheckpointPath(const std::string& outputPath);

struct FitOutcome {
    std::unique_ptr<Detector> detector;
    std::string checksum;         // SHA-256 of the saved bundle
    double seconds = 0.0;         // training time
    RecordId modelId = 0;         // 0 when not recorded
    RecordId parentModelId = 0;   // 0 when none is recorded
};

// Registers the datasets, trains, saves the bundle (train_seconds_total in its
// provenance) and records it as a model of the fit run, with its parent model
// when retrained from a recorded one.
FitOutcome fitAndRecord(WorkRecorder& recorder, const FitJob& job, const ProgressContext& progress);

struct EvaluateJob {
    std::vector<const Dataset*> datasets;
    nlohmann::json runParams;     // what the test run records about the request
    bool withCurves = false;      // fill the report's ROC / PRO curves
    // Optional: saves an evaluated image's map (at its mask's size) and returns
    // the file, which its result then names.
    std::function<std::string(const EvaluatedImage&, const cv::Mat& fullSizeMap)> saveMap;
    // Optional: runs inside the run once the report is complete, before the
    // metrics are recorded (e.g. writes the CLI's JSON).
    std::function<void(const EvaluationReport&)> publish;
    // Results are stored as images are scored, so a kill or a crash part way
    // loses at most one batch: every `commitEvery` results or `commitSeconds`.
    std::size_t commitEvery = 32;
    double commitSeconds = 2.0;
};

struct EvaluateOutcome {
    EvaluationReport report;
    std::optional<RecordId> modelId; // the recorded model with the bundle's checksum
};

// Evaluates on the test splits in a test run linked to the recorded model: one
// result per image (verdict from the model's threshold) and the mean metrics
// merged into the model's record.
EvaluateOutcome evaluateAndRecord(WorkRecorder& recorder, Detector& detector, const EvaluateJob& job,
                                  const ProgressContext& progress);

// One scored (or failed) image file.
struct PredictedFile {
    std::string path;
    std::optional<double> score;  // set once scored
    bool defect = false;
    std::string overlayPath;      // empty when none was saved
    std::string error;            // why this file failed; empty when it did not
};

struct PredictJob {
    std::vector<std::string> files;
    nlohmann::json runParams;     // what the predict run records about the request
    std::function<void(std::size_t index)> onFile; // optional, before each file
    // Optional: writes an overlay of the scored image and returns its file.
    std::function<std::string(const std::string& file, const cv::Mat& rgb, const Prediction&)> saveOverlay;
    // Optional: runs inside the run with every file's outcome, before the last
    // results are recorded.
    std::function<void(const std::vector<PredictedFile>&)> publish;
    // Its cancel source is checked before every file.
    ProgressContext progress;
    // Results are committed in batches as they are produced, so that a kill
    // loses at most one batch: every `commitEvery` results or `commitSeconds`.
    std::size_t commitEvery = 32;
    double commitSeconds = 2.0;
};

// Scores every file in a predict run linked to the recorded model. A file that
// fails (dl::Error) is reported in its outcome and the batch goes on; throws
// when no file could be scored. When cancelled (or failing) part way, the
// results scored so far are recorded before the run is closed.
std::vector<PredictedFile> predictAndRecord(WorkRecorder& recorder, Detector& detector, const PredictJob& job);

} // namespace dl::workflow
