#pragma once
// Choosing a model's threshold by a target false-reject rate, as one step the CLI
// (`threshold`) and the GUI (Models > Threshold…) share: cross-validated normal
// training scores on the model's scale (engine/ThresholdCalibration.h), and the
// test split's scores for the histogram and as a check; then a copy of the
// bundle with the chosen threshold, recorded as the model's child.
#include "engine/ThresholdCalibration.h"
#include "workflow/WorkRecorder.h"

#include <string>
#include <vector>

namespace dl::workflow {

struct ThresholdStudy {
    std::string method;
    std::vector<std::string> categories;
    double currentThreshold = 0.0;
    std::string currentSource;          // "normal-quantile", "f1-max", "target-false-reject", ...
    NormalScoreDistribution normal;     // cross-validated normal training scores
    // The model's scores of the test split's images (a check and the histogram's
    // defective side; they play no part in choosing the threshold).
    std::vector<double> testNormalScores;
    std::vector<double> testDefectScores;
};

// Trains `folds` models as the bundle's was trained (its method, parameters and
// backbone) on `datasets`' training split, and scores the test split with the model.
ThresholdStudy studyThreshold(const std::string& modelPath, const std::string& weightsPath,
                              const std::vector<const Dataset*>& datasets, int folds, unsigned seed,
                              const ProgressContext& progress);

struct AdjustedModel {
    std::string checksum;
    RecordId modelId = 0; // 0 when not recorded
};

// Writes a copy of the bundle at `sourcePath` with `chosen` as its threshold
// (source "target-false-reject", the estimate kept in the header) to
// `outputPath`, and records it as a child of the source's recorded model.
AdjustedModel saveWithThreshold(WorkRecorder& recorder, const std::string& sourcePath, const std::string& outputPath,
                                const FalseRejectEstimate& chosen, double target, int folds);

} // namespace dl::workflow
