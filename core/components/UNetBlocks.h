#pragma once
// UNet building blocks in the style of diffusion models' UNets (GroupNorm + SiLU
// residual blocks, self-attention over positions, stride-2 down / nearest-x2 up
// sampling), shared by RealNet's per-layer reconstruction networks and any other
// small UNet. Internal torch header. The registered submodule names are part of
// saved bundles' tensor names: do not rename them.
#include <torch/torch.h>

namespace dl {

// The largest group count <= 32 that divides `channels` (GroupNorm needs one).
int groupNormGroups(int channels);

// GroupNorm -> SiLU -> 3x3 conv, twice, with a 1x1 skip when the width changes.
// With embeddingDim > 0 an embedding vector ([N,E], e.g. a diffusion time step) is
// projected and added per channel between the two convolutions.
struct GroupNormResBlockImpl : torch::nn::Module {
    GroupNormResBlockImpl(int in, int out, int embeddingDim = 0);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& embedding = {});
    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
    torch::nn::Linear embed{nullptr};
};
TORCH_MODULE(GroupNormResBlock);

// Single-head self-attention over all positions of a map, with a residual connection.
struct SpatialSelfAttentionImpl : torch::nn::Module {
    explicit SpatialSelfAttentionImpl(int channels);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::GroupNorm norm{nullptr};
    torch::nn::Conv2d qkv{nullptr}, proj{nullptr};
};
TORCH_MODULE(SpatialSelfAttention);

// Halves the map with a stride-2 3x3 convolution.
struct DownsampleImpl : torch::nn::Module {
    explicit DownsampleImpl(int channels);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Downsample);

// Nearest-neighbour x2 (or to `size` when given, for odd maps), then a 3x3 convolution.
struct UpsampleImpl : torch::nn::Module {
    explicit UpsampleImpl(int channels);
    torch::Tensor forward(const torch::Tensor& x, c10::optional<std::vector<int64_t>> size = c10::nullopt);
    torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Upsample);

} // namespace dl
