#include "cli/ThresholdCommand.h"

#include "cli/Commands.h"
#include "common/FileUtil.h"
#include "database/StoreRecorder.h"
#include "workflow/DatasetRecording.h"
#include "workflow/ThresholdStudy.h"

#include <algorithm>
#include <iostream>

namespace dl::cli {

namespace {

using json = nlohmann::json;

json estimateJson(const FalseRejectEstimate& e)
{
    return {{"threshold", e.threshold}, {"false_reject_rate", e.rate}, {"interval_95", {e.low, e.high}},
            {"rejected", e.rejected}, {"normal_images", e.normalImages}};
}

// Share of `scores` at or above `threshold`; null without scores.
json shareAtOrAbove(const std::vector<double>& scores, double threshold)
{
    if (scores.empty())
        return nullptr;
    const auto count = std::count_if(scores.begin(), scores.end(), [&](double s) { return s >= threshold; });
    return double(count) / double(scores.size());
}

} // namespace

int runThreshold(const CliOptions& o)
{
    if (!o.outPath.empty())
        requireWritableOutput(o.outPath);
    std::vector<Dataset> datasets = importAll(o);
    const workflow::ThresholdStudy study = workflow::studyThreshold(
        o.modelPath, o.weightsPath, workflow::pointersTo(datasets), o.folds, o.labelSeed, stderrProgress(o));
    const FalseRejectEstimate atCurrent = study.normal.atThreshold(study.currentThreshold);
    const FalseRejectEstimate chosen = study.normal.forTargetRate(o.targetFalseReject);

    json summary = {{"model", o.modelPath}, {"method", study.method}, {"folds", study.normal.folds},
                    {"target_false_reject_rate", o.targetFalseReject},
                    {"current", estimateJson(atCurrent)}, {"current_threshold_source", study.currentSource},
                    {"chosen", estimateJson(chosen)}};
    // On the test split, as a check beside the estimate; it played no part in the choice.
    summary["test_split_check"] = {
        {"good_images", study.testNormalScores.size()}, {"defective_images", study.testDefectScores.size()},
        {"false_reject_rate_at_chosen", shareAtOrAbove(study.testNormalScores, chosen.threshold)},
        {"false_reject_rate_at_current", shareAtOrAbove(study.testNormalScores, study.currentThreshold)},
        {"defects_caught_at_chosen", shareAtOrAbove(study.testDefectScores, chosen.threshold)},
        {"defects_caught_at_current", shareAtOrAbove(study.testDefectScores, study.currentThreshold)}};

    if (!o.outPath.empty()) {
        db::JobRecorder recording = openRecorder(o);
        const workflow::AdjustedModel adjusted = workflow::saveWithThreshold(
            recording.recorder(), o.modelPath, o.outPath, chosen, o.targetFalseReject, study.normal.folds);
        summary["out"] = o.outPath;
        summary["checksum_sha256"] = adjusted.checksum;
        if (adjusted.modelId > 0)
            summary["model_id"] = adjusted.modelId;
    }
    if (!o.jsonPath.empty())
        writeFileAtomically(o.jsonPath, summary.dump(2) + "\n");
    std::cout << summary.dump(2) << std::endl;
    return 0;
}

} // namespace dl::cli
