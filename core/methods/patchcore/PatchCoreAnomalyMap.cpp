#include "methods/patchcore/PatchCoreAnomalyMap.h"

#include "components/TensorConvert.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace dl {
namespace {

// The paper's reweighting: the worst patch's distance `a`, down-weighted when its
// matched memory sits among close neighbours: w = 1 - exp(a) / sum_b exp(d_b).
float reweightedScore(const NearestNeighbourIndex& bank, const float* query, std::int64_t matched, float a, int b)
{
    const int dim = bank.dim();
    std::vector<float> nd(static_cast<std::size_t>(b));
    std::vector<std::int64_t> nid(static_cast<std::size_t>(b));
    bank.search(bank.vector(matched), 1, b, nd.data(), nid.data());
    std::vector<double> dist;
    for (int j = 0; j < b; ++j) {
        if (nid[std::size_t(j)] < 0) continue;
        const float* m = bank.vector(nid[std::size_t(j)]);
        double d = 0;
        for (int k = 0; k < dim; ++k) d += double(query[k] - m[k]) * double(query[k] - m[k]);
        dist.push_back(std::sqrt(d));
    }
    if (dist.empty())
        return a;
    // exp(a)/sum(exp(b)) computed as 1/sum(exp(b-a)) for numerical stability.
    double denominator = 0;
    for (double d : dist) denominator += std::exp(d - double(a));
    const double weight = 1.0 - 1.0 / std::max(denominator, 1.0);
    return float(weight * double(a));
}

} // namespace

Prediction patchCoreScore(const NearestNeighbourIndex& bank, const float* queries, int gridH, int gridW,
                          const PatchCoreParams& params)
{
    const std::int64_t patches = std::int64_t(gridH) * gridW;
    std::vector<float> distances(static_cast<std::size_t>(patches));
    std::vector<std::int64_t> nearest(static_cast<std::size_t>(patches));
    bank.search(queries, patches, 1, distances.data(), nearest.data());
    cv::Mat grid(gridH, gridW, CV_32FC1);
    float* g = grid.ptr<float>();
    std::int64_t worst = 0;
    for (std::int64_t p = 0; p < patches; ++p) {
        g[p] = std::sqrt(std::max(0.0f, distances[std::size_t(p)]));
        if (g[p] > g[worst]) worst = p;
    }
    float score = g[worst];
    if (params.imageScore == "reweighted" && params.reweightNeighbours > 1)
        score = reweightedScore(bank, queries + worst * bank.dim(), nearest[std::size_t(worst)], g[worst],
                                params.reweightNeighbours);
    Prediction pred;
    pred.map = upsampleAndSmooth(grid, params.imageSize, params.imageSize, params.smoothingSigma);
    if (params.imageScore == "map_max") {
        // Maximum of the smoothed map: a single noisy patch counts less than a defect blob.
        double maxValue = 0;
        cv::minMaxLoc(pred.map, nullptr, &maxValue);
        score = float(maxValue);
    }
    pred.score = score;
    return pred;
}

} // namespace dl
