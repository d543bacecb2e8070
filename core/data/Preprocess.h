#pragma once
// The one definition of how an image becomes network input. It is stored in
// every model bundle so that prediction uses exactly what training used.
#include <opencv2/core.hpp>

#include <array>
#include <string>

namespace dl {

struct PreprocessSpec {
    int width = 256;
    int height = 256;
    std::array<float, 3> mean{0.485f, 0.456f, 0.406f}; // ImageNet, RGB
    std::array<float, 3> stdev{0.229f, 0.224f, 0.225f};
    std::string interpolation = "area"; // "area" (downscale-friendly) or "linear"

    // RGB 8-bit image (any size) -> CV_32FC3 HxW resized, scaled to [0,1], normalised.
    cv::Mat apply(const cv::Mat& rgb8) const;
    // Resizes only (CV_8UC3 at the working size), for synthesis and overlays.
    cv::Mat resize(const cv::Mat& rgb8) const;
};

} // namespace dl
