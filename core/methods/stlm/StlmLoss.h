#pragma once
// STLM's losses (internal torch header): per-level cosine distillation for each
// stream, and focal + L1 on the FA module's output against the pseudo-anomaly mask.
#include "components/FeatureDistance.h"

#include <torch/torch.h>

#include <vector>

namespace dl {

// Mean over levels of the (weighted) mean over positions of 1 - cos(prediction, target).
// `weight` [N,h,w] (0..1) restricts the mean to some positions; undefined = every position.
torch::Tensor distillationLoss(const std::vector<torch::Tensor>& predicted, const std::vector<torch::Tensor>& target,
                               const torch::Tensor& weight = {});

// Binary focal loss from logits against a (soft) target in [0,1], mean over elements:
// -[y (1-p)^g log p + (1-y) p^g log(1-p)], p = sigmoid(logits).
torch::Tensor focalLoss(const torch::Tensor& logits, const torch::Tensor& target, double gamma);
// Mean |sigmoid(logits) - target|.
torch::Tensor l1Loss(const torch::Tensor& logits, const torch::Tensor& target);

struct StlmLosses {
    torch::Tensor total, plain, denoising, focal, l1;
};

// The one-stage training loss. `targets`: the teacher's two levels of the *clean*
// images; `maskGrid` [N,1,h,w]: the pseudo-anomaly mask on the feature grid (0 for
// clean images). Without `plainTargets` the plain stream matches the clean targets
// outside the defects only (inside, they are not its image's); with them (the
// teacher's levels of the images the students saw) it matches those everywhere.
// The denoising stream matches the clean targets everywhere; the FA output is
// trained on the mask.
StlmLosses stlmLoss(const std::vector<torch::Tensor>& plain, const std::vector<torch::Tensor>& denoising,
                    const torch::Tensor& faLogits, const std::vector<torch::Tensor>& targets,
                    const torch::Tensor& maskGrid, double focalGamma, double faWeight,
                    const std::vector<torch::Tensor>& plainTargets = {});

} // namespace dl
