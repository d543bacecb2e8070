#pragma once
// DMAD's hinge loss with margin: normal logits are pushed above +margin,
// abnormal (noise fakes, synthetic and labelled defects) below -margin.
#include <torch/torch.h>

namespace dl {

// logits [B]; isNormal [B] bool; weights [B] (labelled defects weighted up).
// Mean over the batch of w * relu(margin - y * logit), y = +1 normal / -1 abnormal.
torch::Tensor dmadHingeLoss(const torch::Tensor& logits, const torch::Tensor& isNormal, const torch::Tensor& weights,
                            double margin = 0.5);

} // namespace dl
