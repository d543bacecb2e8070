#include "methods/stlm/StlmNetwork.h"

#include "common/Error.h"
#include "methods/stlm/StlmParams.h"

namespace dl {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

StlmArchitecture stlmArchitecture(const StlmParams& params, std::array<int, 2> teacherChannels)
{
    StlmArchitecture a;
    for (int c : teacherChannels)
        if (c < 1 || c > 4096)
            throw Error("stlm: a teacher level has " + std::to_string(c) + " channels (expected 1..4096)");
    a.teacherChannels = teacherChannels;
    for (std::size_t i = 0; i < 3; ++i)
        a.widths[i] = params.widths.at(i);
    a.decoderWidth = params.decoderWidth;
    a.faWidth = params.faWidth;
    a.studentInit = params.studentInit;
    if (a.faWidth % 2 != 0)
        throw Error("stlm fa_width must be even (the two ASPP branches take half each), got " + std::to_string(a.faWidth));
    return a;
}

StudentStreamImpl::StudentStreamImpl(const StlmArchitecture& a)
{
    const auto& w = a.widths;
    if (a.studentInit == "mobilenetv2") {
        trunk = register_module("trunk", MobileNetTrunk(6));
        lift = register_module("lift", nn::Sequential(ConvBnRelu(trunk->outChannels(), w[2], 1, 1), ResidualBlock(w[2])));
        return;
    }
    stage1 = register_module("stage1", nn::Sequential(ConvBnRelu(3, w[0], 3, 2)));
    stage2 = register_module("stage2", nn::Sequential(ConvBnRelu(w[0], w[1], 3, 2)));
    // The capacity sits at stride 8, where the targets are: a residual block there costs
    // a quarter of one at stride 4.
    stage3 = register_module("stage3", nn::Sequential(ConvBnRelu(w[1], w[2], 3, 2), ResidualBlock(w[2])));
}

torch::Tensor StudentStreamImpl::forward(const torch::Tensor& image)
{
    if (trunk)
        return lift->forward(trunk->forward(image));
    return stage3->forward(stage2->forward(stage1->forward(image)));
}

MaskDecoderImpl::MaskDecoderImpl(const StlmArchitecture& a)
{
    const int d = a.decoderWidth;
    body = register_module("body", ConvBnRelu(a.widths[2], d, 1, 1));
    head1 = register_module("head1", nn::Conv2d(nn::Conv2dOptions(d, a.teacherChannels[0], 1)));
    refine = register_module("refine", ConvBnRelu(d, d, 3, 1));
    head2 = register_module("head2", nn::Conv2d(nn::Conv2dOptions(d, a.teacherChannels[1], 1)));
}

std::vector<torch::Tensor> MaskDecoderImpl::forward(const torch::Tensor& trunk)
{
    torch::Tensor h = body(trunk);
    torch::Tensor level1 = head1(h);
    return {level1, head2(refine(h))};
}

torch::Tensor negatedAgreement(const std::vector<torch::Tensor>& plain, const std::vector<torch::Tensor>& denoising)
{
    std::vector<torch::Tensor> levels;
    for (std::size_t l = 0; l < plain.size(); ++l) {
        auto unit = F::NormalizeFuncOptions().dim(1).eps(1e-6);
        levels.push_back(-(F::normalize(plain[l], unit) * F::normalize(denoising[l], unit)));
    }
    return torch::cat(levels, 1);
}

FeatureAggregationImpl::FeatureAggregationImpl(const StlmArchitecture& a)
{
    const int f = a.faWidth;
    reduce = register_module("reduce", ConvBnRelu(a.teacherChannels[0] + a.teacherChannels[1], f, 1, 1));
    block1 = register_module("block1", ResidualBlock(f));
    block2 = register_module("block2", ResidualBlock(f));
    asppNear = register_module("aspp_near", ConvBnRelu(f, f / 2, 3, 1, 1));
    asppFar = register_module("aspp_far", ConvBnRelu(f, f / 2, 3, 1, 3));
    fuse = register_module("fuse", ConvBnRelu(f, f / 2, 3, 1));
    out = register_module("out", nn::Conv2d(nn::Conv2dOptions(f / 2, 1, 1)));
}

torch::Tensor FeatureAggregationImpl::forward(const std::vector<torch::Tensor>& plain,
                                              const std::vector<torch::Tensor>& denoising)
{
    torch::Tensor h = block2(block1(reduce(negatedAgreement(plain, denoising))));
    h = torch::cat({asppNear(h), asppFar(h)}, 1);
    return out(fuse(h));
}

StlmNetwork::StlmNetwork(const StlmArchitecture& a)
    : architecture(a), plain(a), denoising(a), decoder(a), aggregation(a)
{
}

StlmNetwork::Outputs StlmNetwork::forward(const torch::Tensor& images)
{
    Outputs o;
    o.plain = decoder(plain(images));
    o.denoising = decoder(denoising(images));
    o.faLogits = aggregation(o.plain, o.denoising);
    return o;
}

void StlmNetwork::train(bool on)
{
    plain->train(on);
    denoising->train(on);
    decoder->train(on);
    aggregation->train(on);
}

std::vector<torch::Tensor> StlmNetwork::parameters() const
{
    return trainableOf(namedState());
}

NamedTensors StlmNetwork::namedState() const
{
    return floatStateOf({{"plain", plain.get()},
                         {"denoising", denoising.get()},
                         {"decoder", decoder.get()},
                         {"aggregation", aggregation.get()}});
}

std::int64_t StlmNetwork::parameterCount() const
{
    return elementCount(parameters());
}

namespace {
// Every conv's output positions x output channels x (input channels / groups) x kernel area,
// for a module whose convolutions all produce `outPositions` positions.
std::int64_t convMacs(const torch::nn::Module& module, std::int64_t outPositions)
{
    std::int64_t macs = 0;
    for (const auto& m : module.modules())
        if (const auto* conv = dynamic_cast<const nn::Conv2dImpl*>(m.get()))
            macs += outPositions * conv->weight.numel();
    return macs;
}
} // namespace

std::int64_t StlmNetwork::multiplyAccumulates(int height, int width) const
{
    const std::int64_t atStride8 = std::int64_t(height / 8) * (width / 8);
    // Two streams, the decoder once per stream, the FA module once.
    return 2 * plain->multiplyAccumulates(height, width) + 2 * convMacs(*decoder, atStride8)
         + convMacs(*aggregation, atStride8);
}

std::int64_t StudentStreamImpl::multiplyAccumulates(int height, int width) const
{
    const std::int64_t atStride8 = std::int64_t(height / 8) * (width / 8);
    if (trunk)
        return trunk->multiplyAccumulates(height, width) + convMacs(*lift, atStride8);
    return convMacs(*stage1, std::int64_t(height / 2) * (width / 2))
         + convMacs(*stage2, std::int64_t(height / 4) * (width / 4)) + convMacs(*stage3, atStride8);
}

} // namespace dl
