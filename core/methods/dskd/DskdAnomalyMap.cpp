#include "methods/dskd/DskdAnomalyMap.h"

#include "components/ImageScore.h"
#include "components/TensorConvert.h"
#include "methods/dskd/DskdLoss.h"

#include <opencv2/core.hpp>

namespace dl {

torch::Tensor dskdTapDistanceMap(const torch::Tensor& normalisedTeacher, const torch::Tensor& reconstructed,
                                 int height, int width)
{
    namespace F = torch::nn::functional;
    torch::Tensor d = cosineDistanceMap(normalisedTeacher, reconstructed).unsqueeze(1);
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
        torch::Tensor d = dskdTapDistanceMap(target, reconstructed[t], height, width);
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
