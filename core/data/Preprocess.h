#pragma once
// The one definition of how an image becomes network input. It is stored in
// every model bundle so that prediction uses exactly what training used.
#include "data/ImageIO.h"

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
    // JPEGs at least twice the input size decode at 1/2, 1/4 or 1/8 scale (a fraction of
    // a full decode; the resize to the input follows either way). Off in bundles written
    // before it existed, so their scores do not move; `--param jpeg_decode=full` turns it off.
    bool reducedJpegDecode = true;

    // The size a decode for this input must not fall below; empty: always in full.
    cv::Size decodeAtLeast() const { return reducedJpegDecode ? cv::Size(width, height) : cv::Size(); }
    // Decodes an image file for this input (loadImageRgbAtLeast with decodeAtLeast()).
    DecodedImage decode(const std::string& path) const { return loadImageRgbAtLeast(path, decodeAtLeast()); }

    // RGB 8-bit image (any size) -> CV_32FC3 HxW resized, scaled to [0,1], normalised.
    cv::Mat apply(const cv::Mat& rgb8) const;
    // The same values written as three channel planes (C x H x W, the networks' layout)
    // in one pass; `planes` holds 3 x height x width floats (for a 256² image the arithmetic
    // alone took 0.08 ms against 0.65 ms for three OpenCV passes, before a permuted copy).
    void applyPlanar(const cv::Mat& rgb8, float* planes) const;
    // Resizes only (CV_8UC3 at the working size), for synthesis and overlays.
    cv::Mat resize(const cv::Mat& rgb8) const;
};

} // namespace dl
