#pragma once
// Photometric and geometric image operations used by the anomaly synthesizer.
// Every function takes and returns an RGB CV_8UC3 image (RGB order matters for
// the hue/saturation operations) and is deterministic for its arguments; the
// random parameters are drawn by the caller.
#include <opencv2/core.hpp>

#include <random>

namespace dl::augment {

cv::Mat gamma(const cv::Mat& rgb, double exponent);                  // 255 * (x/255)^exponent
cv::Mat brightness(const cv::Mat& rgb, double gain, double offset);  // gain * x + offset
cv::Mat sharpen(const cv::Mat& rgb, double amount);                  // unsharp mask, sigma 1
cv::Mat shiftHueSaturation(const cv::Mat& rgb, int hueShift, int saturationShift); // hue on a 0..255 circle
cv::Mat scaleSaturation(const cv::Mat& rgb, double factor);
cv::Mat solarize(const cv::Mat& rgb, int threshold);                 // inverts values >= threshold
cv::Mat posterize(const cv::Mat& rgb, int bits);                     // keeps the top `bits` bits (1..8)
cv::Mat invert(const cv::Mat& rgb);
cv::Mat autocontrast(const cv::Mat& rgb);                            // per channel: min..max -> 0..255
cv::Mat equalize(const cv::Mat& rgb);                                // per-channel histogram equalisation
cv::Mat rotate(const cv::Mat& rgb, double degrees);                  // about the centre, mirrored border
cv::Mat flip(const cv::Mat& rgb, int mode);                          // 0 none, 1 left-right, 2 up-down, 3 both

// Cuts the image into a tiles x tiles grid and puts the tiles back in a random
// order. Sides that do not divide evenly are resampled to a multiple of `tiles`
// and back, so every tile has the same size.
cv::Mat shuffleTiles(const cv::Mat& rgb, int tiles, std::mt19937& rng);

// Three distinct operations of the texture set {gamma, brightness, sharpness,
// hue/saturation, solarize, posterize, invert, autocontrast, equalize, rotate},
// in random order with random parameters.
cv::Mat randomTextureAugment(const cv::Mat& rgb, std::mt19937& rng);

// The structural-defect set, all applied: flip (random mode), rotate +-45 deg,
// brightness x0.8..1.2, saturation x0.5..1.5, hue shift +-30 (of 256).
cv::Mat randomStructuralAugment(const cv::Mat& rgb, std::mt19937& rng);

} // namespace dl::augment
