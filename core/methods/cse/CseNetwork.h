#pragma once
// CSE's networks (internal torch header; include from .cpp files only).
//
//   backbone taps (fine: stride s, coarse: stride 2s) -> coarse upsampled x2, concatenated
//   -> Embedder (1x1 conv + ReLU + BN, repeated) -> embedding e at stride s
//   e -> 2x2 average pool -> e_red (contrast, k-means bank, scoring)
//   e -> FrozenDecoder (random 1x1 convs, never trained) -> one map per tap width (loss only)
// The losses are in CseLoss.h, the bank and the anomaly map in CseAnomalyMap.h.
#include "components/ModuleState.h"
#include "methods/cse/CseParams.h"

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace dl {

class FeatureExtractor;

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

// The embedder's layout for these taps of this backbone; the taps must be listed fine
// to coarse and the image size must be a multiple of the finest tap's stride x pool.
CseArchitecture cseArchitecture(const CseParams& params, const FeatureExtractor& backbone);

// The backbone's taps, each divided by its scale ([T]), fused onto the finest grid;
// runs in the caller's grad mode.
torch::Tensor scaledFusedTaps(FeatureExtractor& backbone, const std::vector<std::string>& taps,
                              const torch::Tensor& tapScale, const torch::Tensor& images);

// e -> e_red: average pooling by `pool` (1 = none).
torch::Tensor poolEmbedding(const torch::Tensor& embedding, int pool);

} // namespace dl
