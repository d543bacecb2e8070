#include "methods/cse/CseModel.h"

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
    std::int64_t n = 0;
    for (const auto& p : trainableParameters())
        n += p.numel();
    return n;
}

torch::Tensor channelCosine(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes() || a.dim() != 4)
        throw Error("cse: the two embeddings of a pair differ in shape");
    // eps keeps zero vectors finite (cos = 0 there); 1e-8 is torch's own default.
    return F::cosine_similarity(a, b, F::CosineSimilarityFuncOptions().dim(1).eps(1e-8));
}

torch::Tensor contrastiveCosineLoss(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& defectWeight)
{
    torch::Tensor cosine = channelCosine(a, b);
    if (defectWeight.dim() != 4 || defectWeight.size(0) != a.size(0) || defectWeight.size(1) != 1
        || defectWeight.size(2) != a.size(2) || defectWeight.size(3) != a.size(3))
        throw Error("cse: the defect weights must be [N,1,H,W] on the embedding's grid");
    torch::Tensor w = defectWeight.squeeze(1);
    return ((1.0 - w) * (1.0 - cosine) + w * (1.0 + cosine) * 0.5).mean();
}

torch::Tensor decoderCosineLoss(const std::vector<torch::Tensor>& decoded, const std::vector<torch::Tensor>& targets)
{
    if (decoded.size() != targets.size() || decoded.empty())
        throw Error("cse: the decoder and the backbone disagree on the number of taps");
    torch::Tensor total = torch::zeros({}, decoded.front().options());
    for (std::size_t t = 0; t < decoded.size(); ++t) {
        if (decoded[t].sizes() != targets[t].sizes())
            throw Error("cse: a decoded map and its backbone tap differ in shape");
        total = total + (1.0 - channelCosine(decoded[t], targets[t])).mean();
    }
    return total / double(decoded.size());
}

} // namespace dl
