#pragma once
// CSE's networks and losses (internal torch header; include from .cpp files only).
//
//   backbone taps (fine: stride s, coarse: stride 2s) -> coarse upsampled x2, concatenated
//   -> Embedder (1x1 conv + ReLU + BN, repeated) -> embedding e at stride s
//   e -> 2x2 average pool -> e_red (contrast, k-means bank, scoring)
//   e -> FrozenDecoder (random 1x1 convs, never trained) -> one map per tap width (loss only)
#include "components/ModuleState.h"

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace dl {

struct CseArchitecture {
    std::vector<int> tapChannels;  // backbone widths, fine tap first (each tap's channel count)
    std::vector<int> widths{256, 128, 64}; // embedder layer widths; the last is the embedding dimension
};

// Throws dl::Error for widths or channels out of range.
void checkArchitecture(const CseArchitecture& a);

// The learned embedder: only 1x1 convolutions, so each position is embedded on its own.
struct EmbedderImpl : torch::nn::Module {
    explicit EmbedderImpl(const CseArchitecture& a);
    torch::Tensor forward(const torch::Tensor& fused);
    torch::nn::Sequential layers{nullptr};
};
TORCH_MODULE(Embedder);

// Random 1x1 convolutions from the embedding back to each tap's width. Its
// parameters have requires_grad = false from construction: it is never trained,
// it only keeps the embedding from collapsing onto what separates defects.
struct FrozenDecoderImpl : torch::nn::Module {
    explicit FrozenDecoderImpl(const CseArchitecture& a);
    std::vector<torch::Tensor> forward(const torch::Tensor& embedding);
    std::vector<torch::nn::Conv2d> heads;
};
TORCH_MODULE(FrozenDecoder);

// Brings the taps to the finest tap's grid (bilinear) and concatenates them over channels.
torch::Tensor fuseTaps(const std::vector<torch::Tensor>& taps);

struct CseNetwork {
    explicit CseNetwork(const CseArchitecture& a);

    CseArchitecture architecture;
    Embedder embedder;
    FrozenDecoder decoder;

    void train(bool on); // the embedder's BatchNorm; the decoder has none
    std::vector<torch::Tensor> trainableParameters() const; // the embedder's only
    // Every float parameter and buffer under a stable dotted name ("embedder.layers.0.weight").
    // BatchNorm's integer num_batches_tracked is left out: eval mode never reads it.
    NamedTensors namedState() const;
    std::int64_t trainableParameterCount() const;
};

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

} // namespace dl
