#include "components/UNetBlocks.h"

#include "common/Error.h"

#include <cmath>

namespace dl {
namespace {

torch::nn::Conv2d conv(int in, int out, int kernel, int stride = 1)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2));
}

void startAs(ResidualStart start, torch::nn::Conv2d& last)
{
    if (start == ResidualStart::Identity)
        zeroParameters(*last);
}

} // namespace

void zeroParameters(torch::nn::Module& layer)
{
    torch::NoGradGuard noGrad;
    for (auto& p : layer.parameters(false))
        p.zero_();
}

int groupNormGroups(int channels)
{
    for (int groups : {32, 16, 8, 4, 2})
        if (channels % groups == 0 && channels / groups >= 4)
            return groups;
    return 1;
}

GroupNormResBlockImpl::GroupNormResBlockImpl(int in, int out, int embeddingDim, ResidualStart start)
{
    // Registration order = initialisation order (the seeded draws): embed comes right
    // after conv1, where SDAS has always drawn it.
    norm1 = register_module("norm1", torch::nn::GroupNorm(groupNormGroups(in), in));
    conv1 = register_module("conv1", conv(in, out, 3));
    if (embeddingDim > 0)
        embed = register_module("embed", torch::nn::Linear(embeddingDim, out));
    norm2 = register_module("norm2", torch::nn::GroupNorm(groupNormGroups(out), out));
    conv2 = register_module("conv2", conv(out, out, 3));
    startAs(start, conv2);
    if (in != out)
        skip = register_module("skip", conv(in, out, 1));
}

torch::Tensor GroupNormResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& embedding)
{
    torch::Tensor h = conv1(torch::silu(norm1(x)));
    if (embed) {
        if (!embedding.defined())
            throw Error("internal: a residual block with an embedding layer was run without an embedding");
        h = h + embed(torch::silu(embedding)).unsqueeze(-1).unsqueeze(-1);
    }
    h = conv2(torch::silu(norm2(h)));
    return (skip ? skip(x) : x) + h;
}

SpatialSelfAttentionImpl::SpatialSelfAttentionImpl(int channels, ResidualStart start)
{
    norm = register_module("norm", torch::nn::GroupNorm(groupNormGroups(channels), channels));
    qkv = register_module("qkv", conv(channels, 3 * channels, 1));
    proj = register_module("proj", conv(channels, channels, 1));
    startAs(start, proj);
}

torch::Tensor SpatialSelfAttentionImpl::forward(const torch::Tensor& x)
{
    const auto n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    std::vector<torch::Tensor> parts = qkv(norm(x)).reshape({n, 3, c, h * w}).unbind(1);
    // [N,HW,HW] weights of every position over every other, scaled by 1/sqrt(C).
    torch::Tensor weights = torch::softmax(torch::bmm(parts[0].transpose(1, 2), parts[1]) / std::sqrt(double(c)), -1);
    torch::Tensor attended = torch::bmm(parts[2], weights.transpose(1, 2)).reshape({n, c, h, w});
    return x + proj(attended);
}

DownsampleImpl::DownsampleImpl(int channels)
{
    conv = register_module("conv", dl::conv(channels, channels, 3, 2));
}

torch::Tensor DownsampleImpl::forward(const torch::Tensor& x) { return conv(x); }

UpsampleImpl::UpsampleImpl(int channels)
{
    conv = register_module("conv", dl::conv(channels, channels, 3));
}

torch::Tensor UpsampleImpl::forward(const torch::Tensor& x, c10::optional<std::vector<int64_t>> size)
{
    namespace F = torch::nn::functional;
    auto options = F::InterpolateFuncOptions().mode(torch::kNearest);
    if (size)
        options.size(*size);
    else
        options.scale_factor(std::vector<double>{2.0, 2.0});
    return conv(F::interpolate(x, options));
}

} // namespace dl
