#pragma once
// "Label next": which unlabelled images an engineer should look at first, so
// that a few labels teach the model the most. Images an operator overrode come
// first (the model was wrong there, by a person's judgement); then the images
// whose score lies closest to the threshold, measured in units of the spread
// of normal scores (ModelInfo::normalisation image_score_std), where the
// verdict is least certain. With RankBy::ThresholdAndBanks a second signal
// joins the first where the method has it (DMAD): how evenly its normal and
// abnormal memory banks claim the image's most anomalous patch
// (Prediction::bankDisagreement); the two orders are merged by the sum of each
// image's ranks in them. Ties keep the input order.
#include "common/Progress.h"
#include "engine/Detector.h"

#include <limits>
#include <set>
#include <string>
#include <vector>

namespace dl {

struct LabelCandidate {
    const Sample* sample = nullptr;
    double score = 0.0;
    double distance = 0.0;     // |score - threshold| / normal score spread
    bool overridden = false;   // an operator changed the model's verdict on it
    double bankDisagreement = std::numeric_limits<double>::quiet_NaN(); // NaN: the method has no banks
};

enum class RankBy {
    Threshold,         // distance from the threshold alone
    ThresholdAndBanks, // and the memory banks' disagreement, where the method has one
};
// What the CLI and the GUI rank by unless told otherwise, chosen by
// installer/label-next-study.sh (docs/architecture.md#label-next).
constexpr RankBy kDefaultRankBy = RankBy::Threshold;
// "threshold" / "threshold+banks"; parseRankBy throws dl::Error naming the accepted values.
std::string rankByName(RankBy rankBy);
RankBy parseRankBy(const std::string& name);

// Scores every sample (decoding on a worker thread) and returns them ranked.
// `overriddenPaths` are absolute image paths with an operator override.
std::vector<LabelCandidate> rankForLabelling(Detector& detector, const std::vector<const Sample*>& samples,
                                             const std::set<std::string>& overriddenPaths,
                                             const ProgressContext& progress,
                                             RankBy rankBy = RankBy::Threshold);

} // namespace dl
