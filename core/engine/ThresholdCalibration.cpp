#include "engine/ThresholdCalibration.h"

#include "common/Error.h"
#include "engine/CrossValidation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dl {

void wilsonInterval(int successes, int trials, double& low, double& high)
{
    if (trials <= 0) {
        low = 0.0;
        high = 1.0;
        return;
    }
    constexpr double z = 1.959963984540054; // two-sided 95 %
    const double n = double(trials);
    const double p = double(successes) / n;
    const double denominator = 1.0 + z * z / n;
    const double centre = (p + z * z / (2.0 * n)) / denominator;
    const double half = z * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denominator;
    low = std::max(0.0, centre - half);
    high = std::min(1.0, centre + half);
}

FalseRejectEstimate NormalScoreDistribution::atThreshold(double threshold) const
{
    FalseRejectEstimate estimate;
    estimate.threshold = threshold;
    estimate.normalImages = int(scores.size());
    estimate.rejected = int(scores.end() - std::lower_bound(scores.begin(), scores.end(), threshold));
    estimate.rate = scores.empty() ? 0.0 : double(estimate.rejected) / double(scores.size());
    wilsonInterval(estimate.rejected, estimate.normalImages, estimate.low, estimate.high);
    return estimate;
}

FalseRejectEstimate NormalScoreDistribution::forTargetRate(double target) const
{
    if (!(target > 0.0 && target < 1.0))
        throw Error("a target false-reject rate must lie between 0 and 1 (e.g. 0.01 for 1 %), not "
                    + std::to_string(target));
    if (scores.empty())
        throw Error("no cross-validated normal scores to choose a threshold from");
    const std::size_t n = scores.size();
    // At most floor(n * target) normal images may be rejected.
    const auto allowed = std::size_t(std::floor(double(n) * target + 1e-9));
    const std::size_t lastPassed = n - 1 - std::min(allowed, n - 1);
    double threshold = 0.0;
    if (lastPassed + 1 < n) {
        threshold = 0.5 * (scores[lastPassed] + scores[lastPassed + 1]);
        if (!(threshold > scores[lastPassed])) // equal neighbours: the next representable value
            threshold = std::nextafter(scores[lastPassed], std::numeric_limits<double>::infinity());
    } else {
        threshold = std::nextafter(scores[lastPassed], std::numeric_limits<double>::infinity());
    }
    return atThreshold(threshold);
}

NormalScoreDistribution crossValidatedNormalScores(const TrainRequest& request, const ModelInfo& model, int folds,
                                                   const ProgressContext& progress)
{
    const double mean = model.normalisation.value("image_score_mean", 0.0);
    const double stdev = model.normalisation.value("image_score_std", 0.0);
    const CrossValidationReport report = crossValidate(request, folds, progress, /*normalImagesOnly=*/true);
    NormalScoreDistribution distribution;
    distribution.folds = report.folds;
    // A model calibrated on one image (fewer than 10 normal training images) has
    // no spread to map onto: the fold models' raw scores are then taken as they
    // are (the same method and parameters give scores on a similar scale).
    const bool mapped = stdev > 0.0;
    for (const CrossValidatedImage& image : report.images)
        if (image.sample->label != 1)
            distribution.scores.push_back(mapped ? mean + double(image.normalised) * stdev : double(image.score));
    std::sort(distribution.scores.begin(), distribution.scores.end());
    return distribution;
}

} // namespace dl
