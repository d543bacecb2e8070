#pragma once
// CSE's losses (internal torch header): the contrastive cosine loss on pairs of
// embeddings, the frozen decoder's cosine loss, and the total loss of a batch of pairs.
#include "methods/cse/CseNetwork.h"

#include <torch/torch.h>

#include <vector>

namespace dl {

// Per-position cosine similarity over the channel vector: [N,C,H,W] x [N,C,H,W] -> [N,H,W].
// (Not over the width axis: CSE's public code reshapes so that it compares columns.)
torch::Tensor channelCosine(const torch::Tensor& a, const torch::Tensor& b);

// CSE's contrastive cosine loss for pairs (a[i], b[i]) of embeddings of two different images.
// `defectWeight` [N,1,H,W] in [0,1] says how much of each position of b is defective:
//   weight 0 (normal pair, or a normal position): 1 - cos   (pull together)
//   weight 1 (defective):                         (1 + cos) / 2 (push apart)
// mixed linearly in between; returns the mean over pairs and positions.
torch::Tensor contrastiveCosineLoss(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& defectWeight);

// The frozen decoder's loss: the mean over taps of the mean over positions of
// 1 - cos(decoded, backbone feature).
torch::Tensor decoderCosineLoss(const std::vector<torch::Tensor>& decoded, const std::vector<torch::Tensor>& targets);

struct CseLosses {
    torch::Tensor total, contrastive, decoder;
};

// The loss of a batch of pairs of fused backbone features (anchors normal, partners
// normal or defective, `defectWeight` on the grid of the finest of `pools`, coarse to
// fine): contrastiveWeight x the contrastive loss of the pooled embeddings (the mean
// over the scales) + the decoder loss, which only the normal images' embeddings
// (anchors and normal partners) enter.
CseLosses csePairLoss(CseNetwork& net, const torch::Tensor& anchors, const torch::Tensor& partners,
                      const torch::Tensor& defectWeight, const torch::Tensor& partnerIsNormal,
                      const std::vector<int>& pools, double contrastiveWeight);

} // namespace dl
