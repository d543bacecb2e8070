#include "methods/realnet/RealnetNetwork.h"

#include "backbone/Backbone.h"
#include "common/Error.h"
#include "methods/realnet/RealnetParams.h"

#include <algorithm>
#include <string>

namespace dl {
namespace F = torch::nn::functional;

int RealnetArchitecture::residualChannels() const
{
    int k = 0;
    for (int c : selectedChannels)
        k += c;
    return k;
}

int RealnetArchitecture::keptByMax() const { return std::min(residualsByMax, residualChannels()); }
int RealnetArchitecture::keptByMean() const { return std::min(residualsByMean, residualChannels()); }

RealnetArchitecture realnetArchitecture(const RealnetParams& params, const FeatureExtractor& backbone)
{
    RealnetArchitecture a;
    int previousStride = 0;
    for (std::size_t i = 0; i < params.taps.size(); ++i) {
        const TapInfo tap = backbone.tap(params.taps[i]); // throws naming an unknown tap
        if (tap.stride < previousStride)
            throw Error("realnet taps must be listed fine to coarse; '" + tap.name + "' (stride "
                        + std::to_string(tap.stride) + ") follows a coarser one");
        if (params.imageSize % tap.stride != 0)
            throw Error("realnet image_size " + std::to_string(params.imageSize) + " is not a multiple of tap '"
                        + tap.name + "''s stride " + std::to_string(tap.stride));
        previousStride = tap.stride;
        a.tapChannels.push_back(tap.channels);
        a.tapGrid.push_back(params.imageSize / tap.stride);
        a.selectedChannels.push_back(std::min(params.selectedChannels[i], tap.channels));
    }
    a.channelMultipliers = params.channelMultipliers;
    a.residualBlocks = params.residualBlocks;
    a.minimumWidth = params.minimumWidth;
    a.residualsByMax = params.residualsByMax;
    a.residualsByMean = params.residualsByMean;
    a.headWidth = params.headWidth;
    return a;
}

// ---------------------------------------------------------------------------------------

namespace {
constexpr int kMaxAttentionPositions = 256;
} // namespace

ReconstructionUNetImpl::ReconstructionUNetImpl(int channels, int grid, const RealnetArchitecture& a)
{
    const int base = std::max(a.minimumWidth, channels / 2);
    for (int m : a.channelMultipliers)
        levelWidths.push_back(base * m);
    const auto levels = levelWidths.size();
    input = register_module("input", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, base, 3).padding(1)));
    down = register_module("down", torch::nn::ModuleList());
    up = register_module("up", torch::nn::ModuleList());
    downsample = register_module("downsample", torch::nn::ModuleList());
    upsample = register_module("upsample", torch::nn::ModuleList());
    attention_ = register_module("attention", torch::nn::ModuleList());
    // The map side at each level (stride-2 convolutions round up).
    std::vector<int> side{grid};
    for (std::size_t level = 1; level < levels; ++level)
        side.push_back((side.back() + 1) / 2);
    auto addAttention = [&](std::size_t level) {
        if (side[level] * side[level] <= kMaxAttentionPositions) {
            attentionSlot_.push_back(int(attention_->size()));
            attention_->push_back(SpatialSelfAttention(levelWidths[level]));
        } else {
            attentionSlot_.push_back(-1);
        }
    };
    int width = base;
    for (std::size_t level = 0; level < levels; ++level) {
        for (int b = 0; b < a.residualBlocks; ++b) {
            down->push_back(GroupNormResBlock(width, levelWidths[level]));
            addAttention(level);
            width = levelWidths[level];
        }
        if (level + 1 < levels)
            downsample->push_back(Downsample(width));
    }
    middle1 = register_module("middle1", GroupNormResBlock(width, width));
    if (side.back() * side.back() <= kMaxAttentionPositions)
        middleAttention = register_module("middle_attention", SpatialSelfAttention(width));
    middle2 = register_module("middle2", GroupNormResBlock(width, width));
    for (std::size_t level = levels; level-- > 0;) {
        for (int b = 0; b < a.residualBlocks; ++b) {
            // The first block of a level takes the skip of that level's down path.
            const int in = b == 0 ? width + levelWidths[level] : width;
            up->push_back(GroupNormResBlock(in, levelWidths[level]));
            addAttention(level);
            width = levelWidths[level];
        }
        if (level > 0)
            upsample->push_back(Upsample(width));
    }
    outputNorm = register_module("output_norm", torch::nn::GroupNorm(groupNormGroups(width), width));
    output = register_module("output", torch::nn::Conv2d(torch::nn::Conv2dOptions(width, channels, 3).padding(1)));
}

torch::Tensor ReconstructionUNetImpl::maybeAttend(const torch::Tensor& x, std::size_t block)
{
    const int slot = attentionSlot_[block];
    return slot < 0 ? x : attention_[std::size_t(slot)]->as<SpatialSelfAttention>()->forward(x);
}

torch::Tensor ReconstructionUNetImpl::forward(const torch::Tensor& features)
{
    const std::size_t levels = levelWidths.size();
    const std::size_t blocks = down->size() / levels;
    std::vector<torch::Tensor> skips;
    torch::Tensor h = input(features);
    std::size_t block = 0, attention = 0;
    for (std::size_t level = 0; level < levels; ++level) {
        for (std::size_t b = 0; b < blocks; ++b, ++block)
            h = maybeAttend(down[block]->as<GroupNormResBlock>()->forward(h), attention++);
        skips.push_back(h);
        if (level + 1 < levels)
            h = downsample[level]->as<Downsample>()->forward(h);
    }
    h = middle1(h);
    if (middleAttention)
        h = middleAttention(h);
    h = middle2(h);
    block = 0;
    for (std::size_t level = levels; level-- > 0;) {
        for (std::size_t b = 0; b < blocks; ++b) {
            if (b == 0)
                h = torch::cat({h, skips[level]}, 1);
            h = maybeAttend(up[block]->as<GroupNormResBlock>()->forward(h), attention++);
            ++block;
        }
        if (level > 0) {
            const torch::Tensor& target = skips[level - 1];
            h = upsample[levels - 1 - level]->as<Upsample>()->forward(
                h, std::vector<int64_t>{target.size(2), target.size(3)});
        }
    }
    return output(torch::silu(outputNorm(h)));
}

// ---------------------------------------------------------------------------------------

ResidualSelectionImpl::ResidualSelectionImpl(int channels, int byMaxCount, int byMeanCount)
    : byMax(byMaxCount), byMean(byMeanCount)
{
    rankNorm = register_module("rank_norm", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(channels).affine(false)));
}

torch::Tensor ResidualSelectionImpl::forward(const torch::Tensor& residuals)
{
    // Ranking on a normalised copy: raw residual scales differ by tap and channel.
    const torch::Tensor ranked = rankNorm(residuals);
    const torch::Tensor byMaxIdx = std::get<1>(ranked.amax({2, 3}).topk(byMax, 1));
    const torch::Tensor byMeanIdx = std::get<1>(ranked.mean({2, 3}).topk(byMean, 1));
    const torch::Tensor index = torch::cat({byMaxIdx, byMeanIdx}, 1); // [N,byMax+byMean]
    const auto n = residuals.size(0), h = residuals.size(2), w = residuals.size(3);
    return residuals.gather(1, index.view({n, -1, 1, 1}).expand({n, index.size(1), h, w}));
}

SegmentationHeadImpl::SegmentationHeadImpl(int in, int width)
{
    reduce = register_module("reduce", ConvBnRelu(in, width, 1, 1));
    refine = register_module("refine", ConvBnRelu(width, width, 3, 1));
    classify = register_module("classify", torch::nn::Conv2d(torch::nn::Conv2dOptions(width, 2, 1)));
}

torch::Tensor SegmentationHeadImpl::forward(const torch::Tensor& residuals)
{
    return classify(refine(reduce(residuals)));
}

// ---------------------------------------------------------------------------------------

RealnetNetwork::RealnetNetwork(const RealnetArchitecture& a)
    : architecture(a),
      selection(a.residualChannels(), a.keptByMax(), a.keptByMean()),
      head(a.keptByMax() + a.keptByMean(), a.headWidth)
{
    for (std::size_t i = 0; i < a.selectedChannels.size(); ++i)
        reconstruction.emplace_back(a.selectedChannels[i], a.tapGrid[i], a);
}

RealnetNetwork::Outputs RealnetNetwork::forward(const std::vector<torch::Tensor>& selected)
{
    if (selected.size() != reconstruction.size())
        throw Error("realnet: " + std::to_string(selected.size()) + " feature maps for "
                    + std::to_string(reconstruction.size()) + " reconstruction networks");
    Outputs out;
    const std::vector<int64_t> grid{selected.front().size(2), selected.front().size(3)};
    std::vector<torch::Tensor> residuals;
    for (std::size_t i = 0; i < selected.size(); ++i) {
        torch::Tensor rebuilt = reconstruction[i]->forward(selected[i]);
        torch::Tensor residual = (selected[i] - rebuilt).pow(2);
        if (i > 0)
            residual = F::interpolate(residual,
                                      F::InterpolateFuncOptions().size(grid).mode(torch::kBilinear).align_corners(false));
        residuals.push_back(residual);
        out.reconstructions.push_back(rebuilt);
    }
    out.logits = head(selection(torch::cat(residuals, 1)));
    return out;
}

void RealnetNetwork::train(bool on)
{
    for (auto& unet : reconstruction)
        unet->train(on);
    selection->train(on);
    head->train(on);
}

NamedTensors RealnetNetwork::namedState() const
{
    std::vector<std::pair<std::string, const torch::nn::Module*>> parts;
    for (std::size_t i = 0; i < reconstruction.size(); ++i)
        parts.emplace_back("reconstruction." + std::to_string(i), reconstruction[i].get());
    parts.emplace_back("selection", selection.get());
    parts.emplace_back("head", head.get());
    return floatStateOf(parts);
}

std::vector<torch::Tensor> RealnetNetwork::parameters() const
{
    return trainableOf(namedState());
}

std::int64_t RealnetNetwork::parameterCount() const
{
    return elementCount(parameters());
}

} // namespace dl
