#pragma once
// DSKD's anomaly map (internal torch header): at each tap's scale the cosine distance
// 1 - cos(teacher, D's reconstruction) (plus, with map_distance "cosine_l2", their mean
// squared difference), upsampled to the input size, weighed and summed over the taps,
// then Gaussian-smoothed; the image score is the maximum (or the mean of the highest
// pixels) of that map or, with score_distance "cosine", of the cosine-only sum.
#include "engine/Detector.h"
#include "methods/dskd/DskdParams.h"

#include <torch/torch.h>

#include <vector>

namespace dl {

// The fixed normalisation of each teacher tap, (T - shift) / scale with [1,C,1,1]
// tensors, chosen from the training images: D is trained on, and compared with,
// normalised teacher features.
struct TeacherNorm {
    std::vector<torch::Tensor> shift, scale;
    // Each tap's weight in the summed map (scale_weights); empty: 1 each.
    std::vector<float> mapWeight;
    // map_distance "cosine_l2": the weight of the mean squared difference added to
    // 1 - cos (l2_weight); 0 for "cosine".
    double squaredDifferenceWeight = 0.0;
    // score_distance "cosine" beside a cosine_l2 map: the image score is read from a
    // second sum of the taps' 1 - cos alone, weighed by scoreWeight (empty: 1 each).
    bool separateScore = false;
    std::vector<float> scoreWeight;
};

// TeacherNorm::squaredDifferenceWeight for these parameters.
double squaredDifferenceWeight(const DskdParams& params);
// Whether these parameters score images on another sum than the map (TeacherNorm::separateScore).
bool scoresOnTheCosineAlone(const DskdParams& params);

// One tap's distance map upsampled to [N,1,height,width], unweighted: 1 - cos(normalised
// teacher, D), plus squaredDifferenceWeight x their mean squared difference over channels.
torch::Tensor dskdTapDistanceMap(const torch::Tensor& normalisedTeacher, const torch::Tensor& reconstructed,
                                 int height, int width, double squaredDifferenceWeight);

// The summed maps of a batch at the input size, [N,1,height,width]: the anomaly map, and
// with TeacherNorm::separateScore the cosine-only sum the image score is read from
// (undefined otherwise: the score reads the map).
struct DskdMaps {
    torch::Tensor map;
    torch::Tensor scoreMap;
};

// Teacher taps and D's reconstructions (fine to coarse) -> the (weighted) sums of the
// taps' distance maps.
DskdMaps dskdDistanceMaps(const std::vector<torch::Tensor>& teacher, const std::vector<torch::Tensor>& reconstructed,
                          const TeacherNorm& norm, int height, int width);

// One image's map [1,height,width] (and its score map, or an undefined tensor) -> its
// smoothed map and score: the maximum of the smoothed score map, or with image_score
// "top" the mean of its top_fraction highest pixels.
Prediction dskdPrediction(const torch::Tensor& map, const torch::Tensor& scoreMap, int width, int height,
                          const DskdParams& params);

} // namespace dl
