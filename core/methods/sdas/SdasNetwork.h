#pragma once
// SDAS's denoiser (internal torch header; include from .cpp files only): a compact
// class-conditional DDPM UNet that predicts the noise eps of x_t.
//
//   x_t [N,3,R,R] ─► 3x3 conv to base_width
//   down: per level, residual_blocks ResBlocks (+ self-attention at the coarsest
//         attention_levels levels), then Downsample (not after the last level)
//   middle: ResBlock, attention, ResBlock
//   up: per level (coarse to fine), residual_blocks + 1 ResBlocks on [h, skip]
//       (+ attention as on the way down), then Upsample (not after level 0)
//   out: GroupNorm, SiLU, 3x3 conv to 3 channels (zero-initialised) = predicted eps
//
// The blocks are the shared ones of components/UNetBlocks.h (RealNet uses them too):
// ResBlock = GroupNormResBlock with the embedding (GroupNorm, SiLU, 3x3 conv; + Linear of
// the embedding per channel; GroupNorm, SiLU, 3x3 conv; 1x1 skip when the width changes),
// attention = SpatialSelfAttention, Downsample = stride-2 3x3 conv, Upsample = nearest x2 +
// 3x3 conv, GroupNorm groups by groupNormGroups. SDAS builds its ResBlocks and attention with
// ResidualStart::Identity: their residual branches start at zero, so that with the zeroed
// output conv a fresh network predicts eps = 0.
// Embedding: sinusoidal features of the timestep -> Linear, SiLU, Linear (4 x base_width),
// plus one learned vector per category (class conditioning).
#include "components/ModuleState.h"
#include "components/UNetBlocks.h"
#include "methods/sdas/SdasParams.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace dl {

struct SdasArchitecture {
    int resolution = 64;
    int baseWidth = 32;
    std::vector<int> channelMultipliers{1, 1, 2, 2};
    int residualBlocks = 1;
    int attentionLevels = 1;
    int categories = 1;

    static SdasArchitecture of(const SdasParams& params, int categories);
    // The number of values the network's parameters hold, counted from the architecture
    // alone (the same structure SdasUNetImpl builds), so that a loader can compare it
    // with a bundle's tensors before allocating the network.
    std::int64_t parameterCount() const;
};

// One level's block: a ResBlock and, where the level has it, attention.
struct SdasLevelBlockImpl : torch::nn::Module {
    SdasLevelBlockImpl(int in, int out, int embeddingWidth, bool attention);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& embedding);
    GroupNormResBlock res{nullptr};
    SpatialSelfAttention attention{nullptr};
};
TORCH_MODULE(SdasLevelBlock);

struct SdasUNetImpl : torch::nn::Module {
    explicit SdasUNetImpl(const SdasArchitecture& a);
    // x [N,3,R,R] in the diffusion's scale, t [N] int64 timesteps (0..T-1), c [N] int64
    // category indices -> predicted noise [N,3,R,R].
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& c);

    SdasArchitecture architecture;
    torch::nn::Linear timeIn{nullptr}, timeOut{nullptr};
    torch::nn::Embedding categoryEmbedding{nullptr};
    torch::nn::Conv2d inConv{nullptr}, outConv{nullptr};
    torch::nn::GroupNorm outNorm{nullptr};
    torch::nn::ModuleList downBlocks{nullptr}, upBlocks{nullptr};   // SdasLevelBlocks
    torch::nn::ModuleList downSamples{nullptr}, upSamples{nullptr}; // Downsample, Upsample
    SdasLevelBlock middle1{nullptr};
    GroupNormResBlock middle2{nullptr};
};
TORCH_MODULE(SdasUNet);

// Sinusoidal timestep features [N, width] (half sines, half cosines, periods up to 10000).
torch::Tensor sdasTimestepFeatures(const torch::Tensor& t, int width);

// Every parameter of the network under its dotted module name (there are no buffers).
NamedTensors sdasState(const SdasUNet& net);
std::int64_t sdasParameterCount(const SdasUNet& net);

} // namespace dl
