#include "methods/cse/CseNetwork.h"

#include "backbone/Backbone.h"
#include "common/Error.h"

namespace dl {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

void checkArchitecture(const CseArchitecture& a)
{
    if (a.widths.empty() || a.widths.size() > 6)
        throw Error("cse widths must list 1 to 6 embedder layer widths, got " + std::to_string(a.widths.size()));
    for (int w : a.widths)
        if (w < 4 || w > 4096)
            throw Error("cse widths must be within 4..4096, got " + std::to_string(w));
    for (int c : a.tapChannels)
        if (c < 1)
            throw Error("cse: a backbone tap has no channels");
}

EmbedderImpl::EmbedderImpl(const CseArchitecture& a)
{
    checkArchitecture(a);
    int in = 0;
    for (int c : a.tapChannels)
        in += c;
    nn::Sequential s;
    for (int w : a.widths) {
        // conv -> ReLU -> BN (the paper's order): BN after the ReLU lets the embedding take
        // both signs, so a defective pair can reach negative cosine.
        s->push_back(nn::Conv2d(nn::Conv2dOptions(in, w, 1)));
        s->push_back(nn::ReLU());
        s->push_back(nn::BatchNorm2d(w));
        in = w;
    }
    layers = register_module("layers", s);
}

torch::Tensor EmbedderImpl::forward(const torch::Tensor& fused)
{
    return layers->forward(fused);
}

FrozenDecoderImpl::FrozenDecoderImpl(const CseArchitecture& a)
{
    checkArchitecture(a);
    for (std::size_t t = 0; t < a.tapChannels.size(); ++t) {
        auto head = nn::Conv2d(nn::Conv2dOptions(a.widths.back(), a.tapChannels[t], 1));
        heads.push_back(register_module("head" + std::to_string(t), head));
    }
    for (auto& p : parameters())
        p.set_requires_grad(false);
}

std::vector<torch::Tensor> FrozenDecoderImpl::forward(const torch::Tensor& embedding)
{
    std::vector<torch::Tensor> out;
    for (auto& head : heads)
        out.push_back(head->forward(embedding));
    return out;
}

torch::Tensor fuseTaps(const std::vector<torch::Tensor>& taps)
{
    if (taps.empty())
        throw Error("cse: no backbone taps to fuse");
    const auto h = taps.front().size(2), w = taps.front().size(3);
    std::vector<torch::Tensor> parts{taps.front()};
    for (std::size_t t = 1; t < taps.size(); ++t)
        parts.push_back(F::interpolate(taps[t], F::InterpolateFuncOptions()
                                                    .size(std::vector<std::int64_t>{h, w})
                                                    .mode(torch::kBilinear)
                                                    .align_corners(false)));
    return torch::cat(parts, 1);
}

CseNetwork::CseNetwork(const CseArchitecture& a) : architecture(a), embedder(a), decoder(a) {}

void CseNetwork::train(bool on)
{
    embedder->train(on);
    decoder->train(on);
}

std::vector<torch::Tensor> CseNetwork::trainableParameters() const
{
    return embedder->parameters();
}

NamedTensors CseNetwork::namedState() const
{
    return floatStateOf({{"embedder", embedder.get()}, {"decoder", decoder.get()}});
}

std::int64_t CseNetwork::trainableParameterCount() const
{
    return elementCount(trainableParameters());
}

CseArchitecture cseArchitecture(const CseParams& params, const FeatureExtractor& backbone)
{
    const auto& taps = params.taps;
    CseArchitecture a;
    a.widths = params.widths;
    int fineStride = 0;
    for (std::size_t t = 0; t < taps.size(); ++t) {
        TapInfo info = backbone.tap(taps[t]);
        a.tapChannels.push_back(info.channels);
        if (t == 0)
            fineStride = info.stride;
        else if (info.stride < fineStride)
            throw Error("cse taps must be listed fine to coarse: " + taps[t] + " (stride "
                        + std::to_string(info.stride) + ") is finer than " + taps[0] + " (stride "
                        + std::to_string(fineStride) + ")");
    }
    const int cell = fineStride * params.pool;
    if (params.imageSize % cell != 0)
        throw Error("cse image_size must be a multiple of " + std::to_string(cell) + " (the stride of " + taps[0]
                    + " times pool), got " + std::to_string(params.imageSize));
    return a;
}

torch::Tensor scaledFusedTaps(FeatureExtractor& backbone, const std::vector<std::string>& taps,
                              const torch::Tensor& tapScale, const torch::Tensor& images)
{
    std::vector<torch::Tensor> features = backbone.extract(images, taps);
    for (std::size_t t = 0; t < features.size(); ++t)
        features[t] = features[t] / tapScale[std::int64_t(t)];
    return fuseTaps(features);
}

torch::Tensor poolEmbedding(const torch::Tensor& embedding, int pool)
{
    return pool > 1 ? F::avg_pool2d(embedding, F::AvgPool2dFuncOptions(pool)) : embedding;
}

} // namespace dl
