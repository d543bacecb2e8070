#pragma once
// DSKD's distillation loss (internal torch header): at every scale and for each
// student, an L2 term plus a cosine-distance term, both averaged over positions.
#include "components/FeatureDistance.h"

#include <torch/torch.h>

#include <vector>

namespace dl {

struct ScaleLoss {
    torch::Tensor l2;     // mean over positions of the mean squared channel difference
    torch::Tensor cosine; // mean over positions of 1 - cos
};
ScaleLoss scaleLoss(const torch::Tensor& teacher, const torch::Tensor& student);

// Sum over scales of (cosine + l2Weight * l2) for one student; the vectors pair up by scale.
torch::Tensor studentLoss(const std::vector<torch::Tensor>& teacher, const std::vector<torch::Tensor>& student,
                          double l2Weight);

} // namespace dl
