#pragma once
// RealNet's training loss (internal torch header): the segmentation head's
// cross-entropy against the defect mask at the input size, plus the reconstruction
// networks' mean squared error to the clean image's selected features (summed over
// taps), weighted 1 : feature_loss_weight (the paper: 1 : 1).
#include "methods/realnet/RealnetNetwork.h"

#include <torch/torch.h>

#include <vector>

namespace dl {

struct RealnetLosses {
    torch::Tensor total, segmentation, reconstruction; // scalars
};

// `masks`: [N,H,W] int64 in {0,1} at the input size; `cleanSelected`: per tap the clean
// images' selected features (the reconstruction targets).
RealnetLosses realnetLoss(const RealnetNetwork::Outputs& outputs, const std::vector<torch::Tensor>& cleanSelected,
                          const torch::Tensor& masks, double featureLossWeight);

} // namespace dl
