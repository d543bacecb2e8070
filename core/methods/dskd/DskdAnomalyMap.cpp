#include "methods/dskd/DskdAnomalyMap.h"

#include "components/ImageScore.h"
#include "components/TensorConvert.h"
#include "methods/dskd/DskdLoss.h"

#include <opencv2/core.hpp>

namespace dl {

double squaredDifferenceWeight(const DskdParams& params)
{
    return params.mapDistance == "cosine_l2" ? params.l2Weight : 0.0;
}

torch::Tensor dskdTapDistanceMap(const torch::Tensor& normalisedTeacher, const torch::Tensor& reconstructed,
                                 int height, int width, double squaredDifferenceWeight)
{
    namespace F = torch::nn::functional;
    torch::Tensor d = cosineDistanceMap(normalisedTeacher, reconstructed).unsqueeze(1);
    if (squaredDifferenceWeight > 0.0)
        d = d + squaredDifferenceWeight * (normalisedTeacher - reconstructed).pow(2).mean(1, /*keepdim=*/true);
    return F::interpolate(d, F::InterpolateFuncOptions()
                                 .size(std::vector<std::int64_t>{height, width})
                                 .mode(torch::kBilinear)
                                 .align_corners(false));
}

torch::Tensor dskdDistanceMaps(const std::vector<torch::Tensor>& teacher, const std::vector<torch::Tensor>& reconstructed,
                               const TeacherNorm& norm, int height, int width)
{
    torch::Tensor maps;
    for (std::size_t t = 0; t < teacher.size(); ++t) {
        torch::Tensor target = (teacher[t] - norm.shift[t]) / norm.scale[t];
        torch::Tensor d = dskdTapDistanceMap(target, reconstructed[t], height, width, norm.squaredDifferenceWeight);
        if (!norm.mapWeight.empty())
            d = d * norm.mapWeight[t];
        maps = t == 0 ? d : maps + d;
    }
    return maps;
}

Prediction dskdPrediction(const torch::Tensor& map, int width, int height, const DskdParams& params)
{
    Prediction pred;
    // Already at the input size: upsampleAndSmooth only applies the Gaussian.
    pred.map = upsampleAndSmooth(tensorToMat(map[0]), width, height, params.smoothingSigma);
    pred.score = maxOrTopFractionMean(pred.map, params.imageScore == "top", params.topFraction);
    return pred;
}

} // namespace dl
