#pragma once
// DSKD's anomaly map (internal torch header): at each of the three scales the cosine
// distance 1 - cos(teacher, D's reconstruction), upsampled to the input size and
// summed over scales, then Gaussian-smoothed; the image score is the map's maximum
// (or the mean of its highest pixels).
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
};

// TeacherNorm::squaredDifferenceWeight for these parameters.
double squaredDifferenceWeight(const DskdParams& params);

// One tap's distance map upsampled to [N,1,height,width], unweighted: 1 - cos(normalised
// teacher, D), plus squaredDifferenceWeight x their mean squared difference over channels.
torch::Tensor dskdTapDistanceMap(const torch::Tensor& normalisedTeacher, const torch::Tensor& reconstructed,
                                 int height, int width, double squaredDifferenceWeight);

// Teacher taps and D's reconstructions (fine to coarse) -> the (weighted) sum of the
// taps' distance maps at the input size, [N,1,height,width].
torch::Tensor dskdDistanceMaps(const std::vector<torch::Tensor>& teacher, const std::vector<torch::Tensor>& reconstructed,
                               const TeacherNorm& norm, int height, int width);

// One image's map [1,height,width] -> its smoothed map and score: the maximum, or with
// image_score "top" the mean of its top_fraction highest pixels.
Prediction dskdPrediction(const torch::Tensor& map, int width, int height, const DskdParams& params);

} // namespace dl
