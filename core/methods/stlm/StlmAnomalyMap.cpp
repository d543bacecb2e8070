#include "methods/stlm/StlmAnomalyMap.h"

#include "components/FeatureDistance.h"
#include "components/TensorConvert.h"

namespace dl {

torch::Tensor stlmGridMaps(const StlmNetwork::Outputs& outputs, const std::string& map)
{
    torch::Tensor fa = torch::sigmoid(outputs.faLogits).squeeze(1);
    if (map == "fa")
        return fa;
    torch::Tensor discrepancy = torch::ones_like(fa);
    for (std::size_t l = 0; l < outputs.plain.size(); ++l)
        discrepancy = discrepancy * cosineDistanceMap(outputs.plain[l], outputs.denoising[l]);
    return map == "product" ? fa * discrepancy : discrepancy;
}

Prediction stlmPrediction(const torch::Tensor& grid, int width, int height, double smoothingSigma, int topK)
{
    Prediction pred;
    pred.map = upsampleAndSmooth(tensorToMat(grid), width, height, smoothingSigma);
    pred.score = topKMean(pred.map, topK);
    return pred;
}

} // namespace dl
