#include "methods/sdas/SdasNetwork.h"

#include "common/Error.h"

#include <cmath>
#include <string>

namespace dl {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

namespace {

nn::Conv2d conv3x3(int in, int out)
{
    return nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1));
}

nn::GroupNorm groupNorm(int channels)
{
    return nn::GroupNorm(nn::GroupNormOptions(groupNormGroups(channels), channels));
}

} // namespace

SdasArchitecture SdasArchitecture::of(const SdasParams& params, int categories)
{
    SdasArchitecture a;
    a.resolution = params.resolution;
    a.baseWidth = params.baseWidth;
    a.channelMultipliers = params.channelMultipliers;
    a.residualBlocks = params.residualBlocks;
    a.attentionLevels = params.attentionLevels;
    a.categories = categories;
    return a;
}

std::int64_t SdasArchitecture::parameterCount() const
{
    // Mirrors SdasUNetImpl's constructor; tst_sdas checks the two agree.
    const std::int64_t embedding = 4 * std::int64_t(baseWidth);
    const auto conv = [](std::int64_t in, std::int64_t out, std::int64_t k) { return in * out * k * k + out; };
    const auto linear = [](std::int64_t in, std::int64_t out) { return in * out + out; };
    const auto norm = [](std::int64_t channels) { return 2 * channels; };
    const auto resBlock = [&](std::int64_t in, std::int64_t out) {
        return norm(in) + conv(in, out, 3) + linear(embedding, out) + norm(out) + conv(out, out, 3)
               + (in != out ? conv(in, out, 1) : 0);
    };
    const auto attention = [&](std::int64_t c) { return norm(c) + conv(c, 3 * c, 1) + conv(c, c, 1); };
    const auto levelBlock = [&](std::int64_t in, std::int64_t out, bool withAttention) {
        return resBlock(in, out) + (withAttention ? attention(out) : 0);
    };
    const int levels = int(channelMultipliers.size());
    const auto attentionAt = [&](int level) { return level >= levels - attentionLevels; };
    std::int64_t count = linear(baseWidth, embedding) + linear(embedding, embedding)
                         + std::int64_t(categories) * embedding;
    std::int64_t ch = std::int64_t(baseWidth) * channelMultipliers.at(0);
    count += conv(3, ch, 3);
    std::vector<std::int64_t> skips{ch};
    for (int level = 0; level < levels; ++level) {
        const std::int64_t out = std::int64_t(baseWidth) * channelMultipliers[std::size_t(level)];
        for (int r = 0; r < residualBlocks; ++r) {
            count += levelBlock(ch, out, attentionAt(level));
            ch = out;
            skips.push_back(ch);
        }
        if (level != levels - 1) {
            count += conv(ch, ch, 3);
            skips.push_back(ch);
        }
    }
    count += levelBlock(ch, ch, attentionLevels > 0) + resBlock(ch, ch);
    for (int level = levels - 1; level >= 0; --level) {
        const std::int64_t out = std::int64_t(baseWidth) * channelMultipliers[std::size_t(level)];
        for (int r = 0; r <= residualBlocks; ++r) {
            count += levelBlock(ch + skips.back(), out, attentionAt(level));
            skips.pop_back();
            ch = out;
        }
        if (level != 0)
            count += conv(ch, ch, 3);
    }
    return count + norm(ch) + conv(ch, 3, 3);
}

SdasLevelBlockImpl::SdasLevelBlockImpl(int in, int out, int embeddingWidth, bool withAttention)
{
    res = register_module("res", GroupNormResBlock(in, out, embeddingWidth, ResidualStart::Identity));
    if (withAttention)
        attention = register_module("attention", SpatialSelfAttention(out, ResidualStart::Identity));
}

torch::Tensor SdasLevelBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& embedding)
{
    torch::Tensor h = res->forward(x, embedding);
    return attention ? attention->forward(h) : h;
}

torch::Tensor sdasTimestepFeatures(const torch::Tensor& t, int width)
{
    const int half = width / 2;
    const torch::Tensor frequencies =
        torch::exp(-std::log(10000.0) * torch::arange(half, torch::kFloat32) / double(half));
    const torch::Tensor angles = t.to(torch::kFloat32).unsqueeze(1) * frequencies.unsqueeze(0);
    torch::Tensor features = torch::cat({torch::cos(angles), torch::sin(angles)}, 1);
    if (width % 2 == 1)
        features = torch::cat({features, torch::zeros({t.size(0), 1})}, 1);
    return features;
}

SdasUNetImpl::SdasUNetImpl(const SdasArchitecture& a) : architecture(a)
{
    const int levels = int(a.channelMultipliers.size());
    if (levels < 1 || a.baseWidth < 1 || a.categories < 1 || a.residualBlocks < 1)
        throw Error("sdas network: invalid architecture (levels, base width, categories or residual blocks)");
    const int embeddingWidth = 4 * a.baseWidth;
    const auto attentionAt = [&](int level) { return level >= levels - a.attentionLevels; };
    timeIn = register_module("time_in", nn::Linear(a.baseWidth, embeddingWidth));
    timeOut = register_module("time_out", nn::Linear(embeddingWidth, embeddingWidth));
    categoryEmbedding = register_module("category_embedding", nn::Embedding(a.categories, embeddingWidth));

    int ch = a.baseWidth * a.channelMultipliers[0];
    inConv = register_module("in_conv", conv3x3(3, ch));
    std::vector<int> skips{ch};
    downBlocks = register_module("down", nn::ModuleList());
    downSamples = register_module("downsample", nn::ModuleList());
    for (int level = 0; level < levels; ++level) {
        const int out = a.baseWidth * a.channelMultipliers[std::size_t(level)];
        for (int r = 0; r < a.residualBlocks; ++r) {
            downBlocks->push_back(SdasLevelBlock(ch, out, embeddingWidth, attentionAt(level)));
            ch = out;
            skips.push_back(ch);
        }
        if (level != levels - 1) {
            downSamples->push_back(Downsample(ch));
            skips.push_back(ch);
        }
    }
    middle1 = register_module("middle1", SdasLevelBlock(ch, ch, embeddingWidth, a.attentionLevels > 0));
    middle2 = register_module("middle2", GroupNormResBlock(ch, ch, embeddingWidth, ResidualStart::Identity));
    upBlocks = register_module("up", nn::ModuleList());
    upSamples = register_module("upsample", nn::ModuleList());
    for (int level = levels - 1; level >= 0; --level) {
        const int out = a.baseWidth * a.channelMultipliers[std::size_t(level)];
        for (int r = 0; r <= a.residualBlocks; ++r) {
            const int skip = skips.back();
            skips.pop_back();
            upBlocks->push_back(SdasLevelBlock(ch + skip, out, embeddingWidth, attentionAt(level)));
            ch = out;
        }
        if (level != 0)
            upSamples->push_back(Upsample(ch));
    }
    outNorm = register_module("out_norm", groupNorm(ch));
    outConv = register_module("out_conv", conv3x3(ch, 3));
    zeroParameters(*outConv); // with the blocks' zero start: the untrained network predicts no noise
}

torch::Tensor SdasUNetImpl::forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& c)
{
    const int levels = int(architecture.channelMultipliers.size());
    const torch::Tensor embedding =
        timeOut->forward(F::silu(timeIn->forward(sdasTimestepFeatures(t, architecture.baseWidth))))
        + categoryEmbedding->forward(c);
    torch::Tensor h = inConv->forward(x);
    std::vector<torch::Tensor> skips{h};
    std::size_t block = 0;
    for (int level = 0; level < levels; ++level) {
        for (int r = 0; r < architecture.residualBlocks; ++r) {
            h = downBlocks->at<SdasLevelBlockImpl>(block++).forward(h, embedding);
            skips.push_back(h);
        }
        if (level != levels - 1) {
            h = downSamples->at<DownsampleImpl>(std::size_t(level)).forward(h);
            skips.push_back(h);
        }
    }
    h = middle2->forward(middle1->forward(h, embedding), embedding);
    block = 0;
    std::size_t upsample = 0;
    for (int level = levels - 1; level >= 0; --level) {
        for (int r = 0; r <= architecture.residualBlocks; ++r) {
            h = torch::cat({h, skips.back()}, 1);
            skips.pop_back();
            h = upBlocks->at<SdasLevelBlockImpl>(block++).forward(h, embedding);
        }
        if (level != 0)
            h = upSamples->at<UpsampleImpl>(upsample++).forward(h);
    }
    return outConv->forward(F::silu(outNorm->forward(h)));
}

NamedTensors sdasState(const SdasUNet& net)
{
    NamedTensors out;
    for (const auto& p : net->named_parameters(true))
        out.emplace_back(p.key(), p.value());
    return out;
}

std::int64_t sdasParameterCount(const SdasUNet& net)
{
    std::int64_t n = 0;
    for (const auto& p : net->parameters())
        n += p.numel();
    return n;
}

} // namespace dl
