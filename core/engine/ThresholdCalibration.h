#pragma once
// Choosing the image threshold by the false-reject rate a line can live with.
// A threshold set from a handful of held-out normal images says little about
// how many good parts it will reject. Here every normal training image gets an
// out-of-fold score (K models, each trained without that image's fold, as in
// CrossValidation), mapped onto the final model's score scale through each
// model's calibration statistics; the share of those scores at or above a
// threshold estimates its false-reject rate, with a 95 % interval that shows
// how little a few hundred images can promise. Torch-free header.
#include "engine/Engine.h"

#include <string>
#include <vector>

namespace dl {

struct FalseRejectEstimate {
    double threshold = 0.0;
    double rate = 0.0;        // share of the cross-validated normal scores >= threshold
    double low = 0.0;         // 95 % Wilson interval of that share
    double high = 0.0;
    int rejected = 0;         // normal images at or above the threshold
    int normalImages = 0;
};

// Out-of-fold scores of the normal training images on one model's scale.
struct NormalScoreDistribution {
    std::vector<double> scores; // ascending
    int folds = 0;

    FalseRejectEstimate atThreshold(double threshold) const;
    // The lowest threshold (so the most defects caught) whose estimated rate is
    // at most `target` (0 < target < 1): halfway between the last normal score
    // it passes and the first it rejects. Throws dl::Error for a target outside (0, 1).
    FalseRejectEstimate forTargetRate(double target) const;
};

// The 95 % Wilson score interval of `successes` out of `trials`.
void wilsonInterval(int successes, int trials, double& low, double& high);

// Trains `folds` models on the request's normal training images (each without
// one fold), scores every held-out normal image and maps the scores onto the
// scale of `model` (its calibration mean and standard deviation; the raw fold
// scores when the model has no calibration spread). Labelled
// defects in the request train the fold models as they trained the model.
// Needs at least 2 normal training images per category; K is lowered to their number.
NormalScoreDistribution crossValidatedNormalScores(const TrainRequest& request, const ModelInfo& model, int folds,
                                                   const ProgressContext& progress);

} // namespace dl
