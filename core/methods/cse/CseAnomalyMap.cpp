#include "methods/cse/CseAnomalyMap.h"

#include "common/Error.h"
#include "components/ImageScore.h"
#include "components/TensorConvert.h"

#include <opencv2/core.hpp>

namespace dl {
namespace {

namespace F = torch::nn::functional;

// An embedding pooled by `pool`, unit length at every position, [N,D,hp,wp].
torch::Tensor unitPooled(const torch::Tensor& embedding, int pool)
{
    return F::normalize(poolEmbedding(embedding, pool), F::NormalizeFuncOptions().dim(1).eps(1e-8));
}

// One scale's map [N,hp,wp]: 1 - cos to the nearest centre.
torch::Tensor distanceMapAtScale(const torch::Tensor& e, const torch::Tensor& centres, const CseParams& params)
{
    const auto n = e.size(0), d = e.size(1), h = e.size(2), w = e.size(3);
    const auto unitOptions = F::NormalizeFuncOptions().dim(1).eps(1e-8);
    if (params.mapBank()) {
        if (centres.size(1) != d * h * w)
            throw Error("cse bank centres do not match the embedding map of their scale");
        // Centre maps re-normalised per position; the nearest centre is taken per position.
        torch::Tensor c = F::normalize(centres.reshape({-1, d, h, w}), unitOptions);
        torch::Tensor cosine = (e.unsqueeze(1) * c.unsqueeze(0)).sum(2); // [N,K,h,w]
        return 1.0 - std::get<0>(cosine.max(1));
    }
    torch::Tensor unit = e.permute({0, 2, 3, 1}).reshape({-1, d});
    torch::Tensor nearest = std::get<0>(unit.matmul(F::normalize(centres, unitOptions).t()).max(1));
    return (1.0 - nearest).reshape({n, h, w});
}

} // namespace

torch::Tensor cseBankPoints(CseNetwork& net, const torch::Tensor& fused, const CseParams& params, int pool)
{
    torch::Tensor e = unitPooled(net.embedder->forward(fused), pool);
    if (params.mapBank())
        return e.reshape({e.size(0), -1});
    return e.permute({0, 2, 3, 1}).reshape({-1, e.size(1)});
}

torch::Tensor cseDistanceMaps(CseNetwork& net, const torch::Tensor& fused, const std::vector<torch::Tensor>& centres,
                              const CseParams& params)
{
    const std::vector<int> pools = params.pools();
    if (centres.size() != pools.size())
        throw Error("cse has " + std::to_string(centres.size()) + " banks for " + std::to_string(pools.size())
                    + " scales");
    const torch::Tensor embedding = net.embedder->forward(fused);
    // Coarse to fine: the running sum is brought to each finer grid before its map is added,
    // so the result lies on the finest grid.
    torch::Tensor sum;
    for (std::size_t s = 0; s < pools.size(); ++s) {
        const torch::Tensor map = distanceMapAtScale(unitPooled(embedding, pools[s]), centres[s], params);
        if (!sum.defined()) {
            sum = map;
            continue;
        }
        sum = F::interpolate(sum.unsqueeze(1), F::InterpolateFuncOptions()
                                                   .size(std::vector<std::int64_t>{map.size(1), map.size(2)})
                                                   .mode(torch::kBilinear)
                                                   .align_corners(false))
                  .squeeze(1)
              + map;
    }
    return pools.size() > 1 ? sum / double(pools.size()) : sum;
}

Prediction csePrediction(const torch::Tensor& distanceMap, int width, int height, const CseParams& params)
{
    Prediction pred;
    const cv::Mat grid = tensorToMat(distanceMap);
    pred.map = upsampleAndSmooth(grid, width, height, params.smoothingSigma);
    pred.score = params.meanScore() ? float(cv::mean(grid)[0]) // the paper's image score
                                    : maxOrTopFractionMean(pred.map, params.topScore(), params.topFraction);
    return pred;
}

} // namespace dl
