#pragma once
// UNet building blocks in the style of diffusion models' UNets (GroupNorm + SiLU
// residual blocks, self-attention over positions, stride-2 down / nearest-x2 up
// sampling), shared by RealNet's per-tap reconstruction networks and SDAS's denoiser.
// Internal torch header. The registered submodule names are part of saved bundles'
// tensor names: do not rename them.
#include <torch/torch.h>

namespace dl {

// GroupNorm's group count for `channels`: the most of 32, 16, 8, 4 and 2 groups that
// leaves at least four channels per group, else 1 (LayerNorm over the channels).
// Why this rule for every UNet here: the networks are narrow (16..256 channels), and
// "the largest divisor up to 32" gave 32- and 64-channel layers groups of one or two
// channels, close to instance norm (each channel's own per-image mean and scale are
// normalised away, from few values), and widths such as 48 or 96 odd counts (24, 32
// groups of 2 or 3). Four or more channels per group keep the statistics pooled over
// several channels. SDAS was trained with this rule from the start.
int groupNormGroups(int channels);

// How the last layer of a residual branch starts.
enum class ResidualStart {
    Random,   // the layer's default initialisation
    Identity, // weights and bias at zero: the block starts as the identity (x + 0)
};

// Sets a layer's own parameters (weight and bias, not its children's) to zero.
void zeroParameters(torch::nn::Module& layer);

// GroupNorm -> SiLU -> 3x3 conv, twice, with a 1x1 skip when the width changes.
// With embeddingDim > 0 an embedding vector ([N,E], e.g. a diffusion time step) goes
// through SiLU and a Linear layer and is added per channel between the two convolutions;
// forward then requires it. ResidualStart::Identity zeroes the second convolution.
struct GroupNormResBlockImpl : torch::nn::Module {
    GroupNormResBlockImpl(int in, int out, int embeddingDim = 0, ResidualStart start = ResidualStart::Random);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& embedding = {});
    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
    torch::nn::Linear embed{nullptr};
};
TORCH_MODULE(GroupNormResBlock);

// Single-head self-attention over all positions of a map, with a residual connection.
// ResidualStart::Identity zeroes the output projection.
struct SpatialSelfAttentionImpl : torch::nn::Module {
    explicit SpatialSelfAttentionImpl(int channels, ResidualStart start = ResidualStart::Random);
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
