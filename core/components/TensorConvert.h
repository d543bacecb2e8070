#pragma once
// Internal conversions between OpenCV images and torch tensors.
#include "data/Preprocess.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <vector>

namespace dl {

// RGB 8-bit images -> preprocessed [N,3,H,W] float tensor (one copy, no views of cv memory).
torch::Tensor imagesToTensor(const std::vector<cv::Mat>& rgb8, const PreprocessSpec& spec);
// [H,W] float tensor -> CV_32FC1 (copied).
cv::Mat tensorToMat(const torch::Tensor& map2d);
// Upsamples a [h,w] patch-score grid to the input size (bilinear, half-pixel
// centres like torch's align_corners=false) and applies the Gaussian smoothing
// used by the anomaly-map conventions (sigma in pixels at the input size; 0 = none).
cv::Mat upsampleAndSmooth(const cv::Mat& grid, int width, int height, double sigma);

} // namespace dl
