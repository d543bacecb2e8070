#pragma once
// K-fold cross-validation inside the training split: the protocol that chooses
// defaults and compares settings without looking at test data. The normal training
// images and the labelled defects are dealt into K folds (defects round-robin over
// their defect types, so every fold sees a mix); each fold's model is trained on the
// other folds and scores the fold's images. Test images are never loaded.
// Torch-free header.
#include "engine/Engine.h"

#include <map>
#include <string>
#include <vector>

namespace dl {

struct CrossValidatedImage {
    const Sample* sample = nullptr;
    int fold = 0;
    float score = 0.0f;      // the fold model's raw image score
    float normalised = 0.0f; // (score - mean) / std of that model's calibration normals
};

struct CrossValidationFold {
    int normalImages = 0;
    int defectImages = 0;
    int trainingLabels = 0; // labelled defects the fold model trained on
    std::map<std::string, int> trainingLabelTypes; // ... per "category/defect type"
    double fitSeconds = 0;
    std::vector<CategoryMetrics> categories; // the fold's held-out images, per category
};

struct CrossValidationReport {
    int folds = 0;
    std::vector<CrossValidationFold> perFold;
    std::vector<CrossValidatedImage> images;
    // Per category: image AUROC and AP over all held-out images with the fold models'
    // normalised scores pooled; pixel AUROC and AU-PRO averaged over the folds in
    // which they are defined. `mean` averages the categories.
    std::vector<CategoryMetrics> categories;
    CategoryMetrics mean;
    // Pooled image AUROC of each defect type against all held-out normal images
    // (key "category/defect type").
    std::vector<std::pair<std::string, double>> defectTypeAuroc;
};

// Runs the K-fold protocol for `request` (method, parameters, datasets as for
// trainDetector; test samples are ignored). Needs labelled defects in the training
// split (with normal images only there is nothing to rank) unless
// `normalImagesOnly` (out-of-fold normal scores, e.g. to choose a threshold;
// the ranking metrics are then undefined). K is lowered to the number of normal
// images of the smallest category when that is smaller; at least 2.
// `trainingLabels` >= 0 asks "how does a model with that few labels do?": each fold
// model trains on at most that many of the labelled defects outside its fold (a seeded
// choice per fold; the others are neither trained on nor scored), while every fold's
// own labels are still scored. -1 trains on all of them.
CrossValidationReport crossValidate(const TrainRequest& request, int folds, const ProgressContext& progress,
                                    bool normalImagesOnly = false, int trainingLabels = -1);

// One value set of a sweep and its report.
struct SweptCrossValidation {
    nlohmann::json scoringParams; // the values scored with ({}: the trained ones)
    CrossValidationReport report;
};

// crossValidate once per entry of `scoringVariants` (each a set of the method's scoring
// parameters, DetectorRegistry's scoringParams), at the cost of one training per fold:
// every fold model also scores as rescoredDetector with each entry. The reports equal
// separate crossValidate runs with those values given as parameters. Keys that training
// reads are refused before anything is trained.
std::vector<SweptCrossValidation> crossValidateSweep(const TrainRequest& request, int folds,
                                                     const std::vector<nlohmann::json>& scoringVariants,
                                                     const ProgressContext& progress, int trainingLabels = -1);

} // namespace dl
