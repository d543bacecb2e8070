#pragma once
// Weights that put several scales' anomaly maps on one footing before they are
// summed (DSKD's `scale_weights=validation`): each scale's weight is the
// inverse of the standard deviation of its map values over normal images, scaled so
// that the weights average 1. A scale whose normal maps are noisy then no longer
// decides the maximum. Internal torch header.
#include <torch/torch.h>

#include <cstddef>
#include <vector>

namespace dl {

class ScaleSpread {
public:
    explicit ScaleSpread(std::size_t scales);

    // Adds map values (any shape) of one scale; accumulated in double precision.
    void add(std::size_t scale, const torch::Tensor& values);
    // One weight per scale, averaging 1; empty while a scale has no values.
    std::vector<float> inverseSpreadWeights() const;

private:
    std::vector<double> sum_, squares_, count_;
};

} // namespace dl
