#include "methods/cse/CseAnomalyMap.h"

#include "components/ImageScore.h"
#include "components/TensorConvert.h"

#include <opencv2/core.hpp>

namespace dl {
namespace {

namespace F = torch::nn::functional;

// Pooled embeddings, unit length at every position, [N,D,hp,wp] (the embedder in eval mode).
torch::Tensor unitEmbeddings(CseNetwork& net, const torch::Tensor& fused, int pool)
{
    return F::normalize(poolEmbedding(net.embedder->forward(fused), pool), F::NormalizeFuncOptions().dim(1).eps(1e-8));
}

} // namespace

torch::Tensor cseBankPoints(CseNetwork& net, const torch::Tensor& fused, const CseParams& params)
{
    torch::Tensor e = unitEmbeddings(net, fused, params.pool);
    if (params.mapBank())
        return e.reshape({e.size(0), -1});
    return e.permute({0, 2, 3, 1}).reshape({-1, e.size(1)});
}

torch::Tensor cseDistanceMaps(CseNetwork& net, const torch::Tensor& fused, const torch::Tensor& centres,
                              const CseParams& params)
{
    torch::Tensor e = unitEmbeddings(net, fused, params.pool);
    const auto n = e.size(0), d = e.size(1), h = e.size(2), w = e.size(3);
    const auto unitOptions = F::NormalizeFuncOptions().dim(1).eps(1e-8);
    if (params.mapBank()) {
        // Centre maps re-normalised per position; the nearest centre is taken per position.
        torch::Tensor c = F::normalize(centres.reshape({-1, d, h, w}), unitOptions);
        torch::Tensor cosine = (e.unsqueeze(1) * c.unsqueeze(0)).sum(2); // [N,K,h,w]
        return 1.0 - std::get<0>(cosine.max(1));
    }
    torch::Tensor unit = e.permute({0, 2, 3, 1}).reshape({-1, d});
    torch::Tensor nearest = std::get<0>(unit.matmul(F::normalize(centres, unitOptions).t()).max(1));
    return (1.0 - nearest).reshape({n, h, w});
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
