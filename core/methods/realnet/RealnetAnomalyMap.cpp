#include "methods/realnet/RealnetAnomalyMap.h"

#include "components/TensorConvert.h"

#include <algorithm>

namespace dl {
namespace F = torch::nn::functional;

torch::Tensor upsampleLogits(const torch::Tensor& logits, std::int64_t height, std::int64_t width)
{
    if (logits.size(2) == height && logits.size(3) == width)
        return logits;
    return F::interpolate(logits, F::InterpolateFuncOptions()
                                      .size(std::vector<int64_t>{height, width})
                                      .mode(torch::kBilinear)
                                      .align_corners(false));
}

torch::Tensor realnetMaps(const torch::Tensor& logits, std::int64_t height, std::int64_t width)
{
    return torch::softmax(upsampleLogits(logits, height, width), 1).select(1, 1);
}

torch::Tensor windowMeanMaxScores(const torch::Tensor& maps, int window)
{
    const std::int64_t k = std::min<std::int64_t>({window, maps.size(1), maps.size(2)});
    const torch::Tensor pooled = F::avg_pool2d(maps.unsqueeze(1), F::AvgPool2dFuncOptions(k).stride(1));
    return pooled.flatten(1).amax(1);
}

Prediction realnetPrediction(const torch::Tensor& map, double smoothingSigma, int window)
{
    Prediction pred;
    pred.score = windowMeanMaxScores(map.unsqueeze(0), window).item<float>();
    pred.map = upsampleAndSmooth(tensorToMat(map), int(map.size(1)), int(map.size(0)), smoothingSigma);
    return pred;
}

} // namespace dl
