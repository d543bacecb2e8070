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

bool scoresOnTheCosineAlone(const DskdParams& params)
{
    return squaredDifferenceWeight(params) > 0.0 && params.scoreDistance == "cosine";
}

namespace {

torch::Tensor toInputSize(const torch::Tensor& map, int height, int width)
{
    namespace F = torch::nn::functional;
    return F::interpolate(map, F::InterpolateFuncOptions()
                                   .size(std::vector<std::int64_t>{height, width})
                                   .mode(torch::kBilinear)
                                   .align_corners(false));
}

torch::Tensor withSquaredDifference(const torch::Tensor& cosineDistance, const torch::Tensor& normalisedTeacher,
                                    const torch::Tensor& reconstructed, double squaredDifferenceWeight)
{
    if (squaredDifferenceWeight <= 0.0)
        return cosineDistance;
    return cosineDistance
         + squaredDifferenceWeight * (normalisedTeacher - reconstructed).pow(2).mean(1, /*keepdim=*/true);
}

} // namespace

torch::Tensor dskdTapDistanceMap(const torch::Tensor& normalisedTeacher, const torch::Tensor& reconstructed,
                                 int height, int width, double squaredDifferenceWeight)
{
    const torch::Tensor cosine = cosineDistanceMap(normalisedTeacher, reconstructed).unsqueeze(1);
    return toInputSize(withSquaredDifference(cosine, normalisedTeacher, reconstructed, squaredDifferenceWeight),
                       height, width);
}

DskdMaps dskdDistanceMaps(const std::vector<torch::Tensor>& teacher, const std::vector<torch::Tensor>& reconstructed,
                          const TeacherNorm& norm, int height, int width)
{
    DskdMaps maps;
    for (std::size_t t = 0; t < teacher.size(); ++t) {
        torch::Tensor target = (teacher[t] - norm.shift[t]) / norm.scale[t];
        const torch::Tensor cosine = cosineDistanceMap(target, reconstructed[t]).unsqueeze(1);
        torch::Tensor d = toInputSize(withSquaredDifference(cosine, target, reconstructed[t], norm.squaredDifferenceWeight),
                                      height, width);
        if (!norm.mapWeight.empty())
            d = d * norm.mapWeight[t];
        maps.map = t == 0 ? d : maps.map + d;
        if (norm.separateScore) {
            torch::Tensor c = toInputSize(cosine, height, width);
            if (!norm.scoreWeight.empty())
                c = c * norm.scoreWeight[t];
            maps.scoreMap = t == 0 ? c : maps.scoreMap + c;
        }
    }
    return maps;
}

Prediction dskdPrediction(const torch::Tensor& map, const torch::Tensor& scoreMap, int width, int height,
                          const DskdParams& params)
{
    Prediction pred;
    // Already at the input size: upsampleAndSmooth only applies the Gaussian.
    pred.map = upsampleAndSmooth(tensorToMat(map[0]), width, height, params.smoothingSigma);
    const cv::Mat scored =
        scoreMap.defined() ? upsampleAndSmooth(tensorToMat(scoreMap[0]), width, height, params.smoothingSigma) : pred.map;
    pred.score = maxOrTopFractionMean(scored, params.imageScore == "top", params.topFraction);
    return pred;
}

} // namespace dl
