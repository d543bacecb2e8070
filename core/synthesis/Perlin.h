#pragma once
// Gradient (Perlin) noise and the DRAEM-style defect masks cut from it. These are
// the shapes of the synthetic defects that DMAD, CSE, RealNet and STLM train on.
// All randomness comes from the caller's std::mt19937 (raw output only), so a
// seed gives the same noise and masks everywhere.
#include <opencv2/core.hpp>

#include <random>

namespace dl {

// Gradient noise of `size` (CV_32FC1) with `periodsX` x `periodsY` lattice cells
// across the image (each at least 1). Values lie in [-1, 1] (the classic 2-D
// Perlin range scaled by sqrt(2), as DRAEM does, so a 0.5 threshold means the
// same coverage); the mean is close to 0. Throws dl::Error for an empty size or
// periods < 1.
cv::Mat perlinNoise(cv::Size size, int periodsX, int periodsY, std::mt19937& rng);

// The same noise with its pattern rotated by `degrees` about the image centre.
// The lattice is sampled along rotated coordinates instead of rotating an image,
// so no corner is left without noise (an image rotation would leave blank corners).
cv::Mat perlinNoiseRotated(cv::Size size, int periodsX, int periodsY, double degrees, std::mt19937& rng);

struct PerlinMaskOptions {
    double threshold = 0.5;   // noise above this is defect; in (-1, 1)
    int minPixels = 100;      // a mask smaller than this is drawn again
    int maxScaleExponent = 5; // lattice periods are 2^a x 2^b with a, b in {0..maxScaleExponent}
    int maxAttempts = 50;     // draws before giving up on minPixels
};

// A DRAEM-style defect mask: noise with 2^a x 2^b periods (a, b uniform in
// {0..maxScaleExponent}, each clamped so the periods do not exceed the image side),
// rotated uniformly in [-90, 90] degrees, thresholded, then intersected with
// `foreground` when that is non-empty (CV_8UC1 of `size`, nonzero = object; a
// foreground without any nonzero pixel is ignored). Drawn again until it has at
// least minPixels pixels. Never empty: when every attempt falls short the largest
// attempt is returned, and when all were empty a small random ellipse inside the
// foreground. Returns CV_8UC1 with values {0, 255}. Throws dl::Error for an empty
// size, a foreground of the wrong type or size, or invalid options.
cv::Mat perlinAnomalyMask(cv::Size size, std::mt19937& rng, const cv::Mat& foreground = {},
                          const PerlinMaskOptions& options = {});

// Throws dl::Error naming the first option out of range (used by the synthesizer up front).
void validatePerlinMaskOptions(const PerlinMaskOptions& options);

} // namespace dl
