#include "cli/ThresholdCommand.h"

#include "cli/Commands.h"
#include "common/FileUtil.h"
#include "common/Sha256.h"
#include "workflow/DatasetRecording.h"
#include "database/StoreRecorder.h"
#include "engine/ModelBundle.h"
#include "engine/ThresholdCalibration.h"
#include "workflow/RecordedRun.h"
#include "workflow/Workflow.h"

#include <iostream>

namespace dl::cli {

namespace {

using json = nlohmann::json;

json estimateJson(const FalseRejectEstimate& e)
{
    return {{"threshold", e.threshold}, {"false_reject_rate", e.rate}, {"interval_95", {e.low, e.high}},
            {"rejected", e.rejected}, {"normal_images", e.normalImages}};
}

// How the threshold does on the test split's images: reported beside the estimate
// as a check; it plays no part in choosing the threshold.
json testSplitCheck(Detector& detector, const std::vector<Dataset>& datasets, double chosen, double current,
                    const ProgressContext& progress)
{
    std::vector<const Sample*> samples;
    for (const Dataset& d : datasets)
        for (const Sample* s : d.select(Split::Test))
            samples.push_back(s);
    int good = 0, defective = 0, goodRejectedChosen = 0, goodRejectedCurrent = 0, caughtChosen = 0, caughtCurrent = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        progress.checkCancelled();
        progress.report(double(i) / double(std::max<std::size_t>(1, samples.size())), "scoring the test split");
        const double score = predictFile(detector, samples[i]->path).score;
        if (samples[i]->label == 1) {
            ++defective;
            caughtChosen += score >= chosen ? 1 : 0;
            caughtCurrent += score >= current ? 1 : 0;
        } else if (samples[i]->label == 0) {
            ++good;
            goodRejectedChosen += score >= chosen ? 1 : 0;
            goodRejectedCurrent += score >= current ? 1 : 0;
        }
    }
    auto share = [](int part, int whole) { return whole > 0 ? json(double(part) / double(whole)) : json(nullptr); };
    return {{"good_images", good}, {"defective_images", defective},
            {"false_reject_rate_at_chosen", share(goodRejectedChosen, good)},
            {"false_reject_rate_at_current", share(goodRejectedCurrent, good)},
            {"defects_caught_at_chosen", share(caughtChosen, defective)},
            {"defects_caught_at_current", share(caughtCurrent, defective)}};
}

} // namespace

int runThreshold(const CliOptions& o)
{
    if (!o.outPath.empty())
        requireWritableOutput(o.outPath);
    std::unique_ptr<Detector> detector = loadDetector(o.modelPath, o.weightsPath);
    const ModelBundle bundle = ModelBundle::load(o.modelPath);
    std::vector<Dataset> datasets = importAll(o);
    const ProgressContext progress = stderrProgress(o);

    // The fold models are trained as the model was: its method, parameters and backbone.
    TrainRequest request;
    request.method = bundle.header.value("method", "");
    request.params = bundle.header.value("params", json::object());
    request.backbone.architecture = bundle.header.at("backbone").value("architecture", o.backboneArchitecture);
    request.backbone.weightsPath = detector->info().backbone.weightsPath;
    request.datasets = workflow::pointersTo(datasets);
    request.unified = detector->info().categories.size() > 1;
    request.seed = o.labelSeed;
    const NormalScoreDistribution normal
        = crossValidatedNormalScores(request, detector->info(), o.folds, progress.sub(0.0, 0.8));
    const double current = detector->info().threshold;
    const FalseRejectEstimate atCurrent = normal.atThreshold(current);
    const FalseRejectEstimate chosen = normal.forTargetRate(o.targetFalseReject);

    json summary = {{"model", o.modelPath}, {"method", request.method}, {"folds", normal.folds},
                    {"target_false_reject_rate", o.targetFalseReject},
                    {"current", estimateJson(atCurrent)}, {"chosen", estimateJson(chosen)},
                    {"current_threshold_source", detector->info().thresholdSource}};
    summary["test_split_check"] = testSplitCheck(*detector, datasets, chosen.threshold, current, progress.sub(0.8, 1.0));

    if (!o.outPath.empty()) {
        ModelBundle adjusted = bundle;
        adjusted.header["threshold"] = {{"value", chosen.threshold}, {"source", "target-false-reject"},
                                        {"target_false_reject_rate", o.targetFalseReject},
                                        {"estimated_false_reject_rate", chosen.rate},
                                        {"interval_95", {chosen.low, chosen.high}},
                                        {"cross_validated_normal_images", chosen.normalImages},
                                        {"folds", normal.folds}};
        adjusted.header["provenance"]["threshold_adjusted_from"] = bundle.header.value("checksum_sha256", "");
        adjusted.save(o.outPath);
        const std::string checksum = ModelBundle::fileChecksum(o.outPath);
        summary["out"] = o.outPath;
        if (!o.noDb) {
            // Recorded as a child of the model it was adjusted from, so the line's history shows it.
            db::JobRecorder recording = openRecorder(o);
            workflow::WorkRecorder& recorder = recording.recorder();
            workflow::ModelEntry entry;
            entry.method = request.method;
            entry.categories = detector->info().categories;
            entry.bundlePath = o.outPath;
            entry.bundleChecksum = checksum;
            entry.parentModelId = recorder.findModelByChecksum(bundle.header.value("checksum_sha256", ""));
            entry.metrics = {{"threshold", chosen.threshold},
                             {"estimated_false_reject_rate", chosen.rate}};
            summary["model_id"] = recorder.addModel(entry);
        }
    }
    if (!o.jsonPath.empty())
        writeFileAtomically(o.jsonPath, summary.dump(2) + "\n");
    std::cout << summary.dump(2) << std::endl;
    return 0;
}

} // namespace dl::cli
