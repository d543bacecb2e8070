#pragma once
// "Label next": which unlabelled images an engineer should look at first, so
// that a few labels teach the model the most. Images an operator overrode come
// first (the model was wrong there, by a person's judgement); then the images
// whose score lies closest to the threshold, measured in units of the spread
// of normal scores (ModelInfo::normalisation image_score_std), where the
// verdict is least certain. Ties keep the input order.
#include "common/Progress.h"
#include "engine/Detector.h"

#include <set>
#include <string>
#include <vector>

namespace dl {

struct LabelCandidate {
    const Sample* sample = nullptr;
    double score = 0.0;
    double distance = 0.0;     // |score - threshold| / normal score spread
    bool overridden = false;   // an operator changed the model's verdict on it
};

// Scores every sample (decoding on a worker thread) and returns them ranked.
// `overriddenPaths` are absolute image paths with an operator override.
std::vector<LabelCandidate> rankForLabelling(Detector& detector, const std::vector<const Sample*>& samples,
                                             const std::set<std::string>& overriddenPaths,
                                             const ProgressContext& progress);

} // namespace dl
