#pragma once
// RealNet's anomaly map and image score (internal torch header): the segmentation
// head's logits, bilinearly upsampled to the input size, softmax over the two
// classes; the anomaly channel is the map (already pixel-level, so no smoothing by
// default). The image score is the maximum over all positions of the map's mean in a
// score_window x score_window sliding window (the paper: 16 x 16).
#include "engine/Detector.h"

#include <torch/torch.h>

namespace dl {

// [N,2,h,w] -> [N,2,height,width] (bilinear).
torch::Tensor upsampleLogits(const torch::Tensor& logits, std::int64_t height, std::int64_t width);

// [N,2,h,w] logits -> [N,height,width] anomaly probabilities.
torch::Tensor realnetMaps(const torch::Tensor& logits, std::int64_t height, std::int64_t width);

// Max over positions of the window-mean map, per image: [N,H,W] -> [N].
torch::Tensor windowMeanMaxScores(const torch::Tensor& maps, int window);

// One image's map [H,W] -> the Prediction (map optionally smoothed; score from the
// unsmoothed map, as in training-time validation).
Prediction realnetPrediction(const torch::Tensor& map, double smoothingSigma, int window);

} // namespace dl
