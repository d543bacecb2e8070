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

// One scale's map [N,hp,wp]: 1 - cos to the nearest centre (`prepared`: see cseSearchCentres).
torch::Tensor distanceMapAtScale(const torch::Tensor& e, const torch::Tensor& prepared, const CseParams& params)
{
    const auto n = e.size(0), d = e.size(1), h = e.size(2), w = e.size(3);
    if (params.mapBank()) {
        if (prepared.size(0) != h * w || prepared.size(1) != d)
            throw Error("cse bank centres do not match the embedding map of their scale");
        // Per position, the cosines to every reference map in one batched product:
        // [P,N,D] x [P,D,K] -> [P,N,K]; the nearest centre is taken per position.
        const torch::Tensor byPosition = e.reshape({n, d, h * w}).permute({2, 0, 1});
        const torch::Tensor nearest = std::get<0>(torch::bmm(byPosition, prepared).max(2)); // [P,N]
        return (1.0 - nearest).t().reshape({n, h, w});
    }
    torch::Tensor unit = e.permute({0, 2, 3, 1}).reshape({-1, d});
    torch::Tensor nearest = std::get<0>(unit.matmul(prepared).max(1));
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

std::vector<torch::Tensor> cseSearchCentres(const std::vector<torch::Tensor>& centres, const CseParams& params,
                                            int embeddingDim)
{
    const auto unitOptions = F::NormalizeFuncOptions().dim(1).eps(1e-8);
    std::vector<torch::Tensor> prepared;
    for (const torch::Tensor& bank : centres) {
        if (bank.dim() != 2 || bank.size(1) % embeddingDim != 0)
            throw Error("cse bank centres do not match the embedding width");
        const std::int64_t k = bank.size(0);
        if (params.mapBank()) // [K,D*P] -> unit per position -> [P,D,K]
            prepared.push_back(
                F::normalize(bank.reshape({k, embeddingDim, -1}), unitOptions).permute({2, 1, 0}).contiguous());
        else // [K,D] -> unit rows -> [D,K]
            prepared.push_back(F::normalize(bank, unitOptions).t().contiguous());
    }
    return prepared;
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
    pred.map = upsampleAndSmooth(grid, width, height, params.smoothing());
    pred.score = params.meanScore() ? float(cv::mean(grid)[0]) // the paper's image score
                                    : maxOrTopFractionMean(pred.map, params.topScore(), params.topFraction);
    return pred;
}

} // namespace dl
