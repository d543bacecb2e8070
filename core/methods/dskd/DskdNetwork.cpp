#include "methods/dskd/DskdNetwork.h"

#include "backbone/Backbone.h"
#include "common/Error.h"

#include <algorithm>

namespace dl {

namespace nn = torch::nn;

UpBnReluImpl::UpBnReluImpl(int in, int out)
{
    up = register_module("up", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(in, out, 2).stride(2).bias(false)));
    bn = register_module("bn", nn::BatchNorm2d(out));
}

torch::Tensor UpBnReluImpl::forward(const torch::Tensor& x)
{
    return torch::relu(bn(up(x)));
}

void checkArchitecture(const DskdArchitecture& a)
{
    for (int i = 0; i < 3; ++i) {
        if (a.teacherChannels[std::size_t(i)] < 1)
            throw Error("dskd: teacher tap " + std::to_string(i + 1) + " has no channels");
        if (a.widths[std::size_t(i)] < 4 || a.widths[std::size_t(i)] > 1024)
            throw Error("dskd widths must be within 4..1024, got " + std::to_string(a.widths[std::size_t(i)]));
    }
    if (a.firstStride < 2 || (a.firstStride & (a.firstStride - 1)) != 0)
        throw Error("dskd: the finest teacher tap must have a power-of-two stride >= 2, got " + std::to_string(a.firstStride));
    if (a.embedDim < 4 || a.embedDim > 4096)
        throw Error("dskd embed_dim must be within 4..4096, got " + std::to_string(a.embedDim));
    if (a.embedExtraStride != 1 && a.embedExtraStride != 2)
        throw Error("dskd embed_extra_stride must be 1 or 2, got " + std::to_string(a.embedExtraStride));
}

DskdArchitecture dskdArchitecture(const DskdParams& params, const FeatureExtractor& teacher)
{
    const auto& taps = params.taps;
    DskdArchitecture a;
    std::array<int, 3> strides{};
    for (std::size_t i = 0; i < 3; ++i) {
        TapInfo t = teacher.tap(taps[i]);
        a.teacherChannels[i] = t.channels;
        strides[i] = t.stride;
    }
    if (strides[1] != 2 * strides[0] || strides[2] != 2 * strides[1])
        throw Error("dskd taps must be three feature maps whose strides double from one to the next (got strides "
                    + std::to_string(strides[0]) + ", " + std::to_string(strides[1]) + ", "
                    + std::to_string(strides[2]) + " for " + taps[0] + ", " + taps[1] + ", " + taps[2] + ")");
    a.firstStride = strides[0];
    std::copy(params.widths.begin(), params.widths.end(), a.widths.begin());
    a.embedDim = params.embedDim;
    a.embedExtraStride = params.embedExtraStride;
    const int coarsest = strides[2] * a.embedExtraStride;
    if (params.imageSize % coarsest != 0)
        throw Error("dskd image_size must be a multiple of " + std::to_string(coarsest) + " for these taps, got "
                    + std::to_string(params.imageSize));
    return a;
}

StudentEncoderImpl::StudentEncoderImpl(const DskdArchitecture& a)
{
    checkArchitecture(a);
    const auto& w = a.widths;
    const auto& c = a.teacherChannels;
    // Stem: one stride-2 conv per halving down to the finest tap's stride.
    nn::Sequential s1;
    int in = 3;
    for (int stride = a.firstStride; stride > 1; stride /= 2) {
        const int out = stride > 2 ? std::max(8, w[0] / 2) : w[0];
        s1->push_back(ConvBnRelu(in, out, 3, 2));
        in = out;
    }
    s1->push_back(ResidualBlock(w[0]));
    stage1 = register_module("stage1", s1);
    stage2 = register_module("stage2", nn::Sequential(ConvBnRelu(w[0], w[1], 3, 2), ResidualBlock(w[1])));
    stage3 = register_module("stage3", nn::Sequential(ConvBnRelu(w[1], w[2], 3, 2), ResidualBlock(w[2])));
    head1 = register_module("head1", nn::Conv2d(nn::Conv2dOptions(w[0], c[0], 1)));
    head2 = register_module("head2", nn::Conv2d(nn::Conv2dOptions(w[1], c[1], 1)));
    head3 = register_module("head3", nn::Conv2d(nn::Conv2dOptions(w[2], c[2], 1)));
}

std::vector<torch::Tensor> StudentEncoderImpl::forward(const torch::Tensor& image)
{
    torch::Tensor f1 = stage1->forward(image);
    torch::Tensor f2 = stage2->forward(f1);
    torch::Tensor f3 = stage3->forward(f2);
    return {f1, f2, f3};
}

std::vector<torch::Tensor> StudentEncoderImpl::project(const std::vector<torch::Tensor>& trunk)
{
    return {head1(trunk.at(0)), head2(trunk.at(1)), head3(trunk.at(2))};
}

BottleneckImpl::BottleneckImpl(const DskdArchitecture& a)
{
    checkArchitecture(a);
    const auto& w = a.widths;
    down1 = register_module("down1", nn::Sequential(ConvBnRelu(w[0], w[1], 3, 2), ConvBnRelu(w[1], w[2], 3, 2)));
    down2 = register_module("down2", nn::Sequential(ConvBnRelu(w[1], w[2], 3, 2)));
    nn::Sequential f(ConvBnRelu(3 * w[2], a.embedDim, 1, 1));
    if (a.embedExtraStride == 2)
        f->push_back(ConvBnRelu(a.embedDim, a.embedDim, 3, 2));
    fuse = register_module("fuse", f);
}

torch::Tensor BottleneckImpl::forward(const std::vector<torch::Tensor>& trunk)
{
    return fuse->forward(torch::cat({down1->forward(trunk.at(0)), down2->forward(trunk.at(1)), trunk.at(2)}, 1));
}

StudentDecoderImpl::StudentDecoderImpl(const DskdArchitecture& a)
{
    checkArchitecture(a);
    const auto& w = a.widths;
    const auto& c = a.teacherChannels;
    entry = register_module("entry", a.embedExtraStride == 2 ? nn::Sequential(UpBnRelu(a.embedDim, w[2]))
                                                               : nn::Sequential(ConvBnRelu(a.embedDim, w[2], 3, 1)));
    stage3 = register_module("stage3", nn::Sequential(ResidualBlock(w[2])));
    stage2 = register_module("stage2", nn::Sequential(UpBnRelu(w[2], w[1]), ResidualBlock(w[1])));
    stage1 = register_module("stage1", nn::Sequential(UpBnRelu(w[1], w[0]), ResidualBlock(w[0])));
    head1 = register_module("head1", nn::Conv2d(nn::Conv2dOptions(w[0], c[0], 1)));
    head2 = register_module("head2", nn::Conv2d(nn::Conv2dOptions(w[1], c[1], 1)));
    head3 = register_module("head3", nn::Conv2d(nn::Conv2dOptions(w[2], c[2], 1)));
}

std::vector<torch::Tensor> StudentDecoderImpl::forward(const torch::Tensor& embedding)
{
    torch::Tensor g3 = stage3->forward(entry->forward(embedding));
    torch::Tensor g2 = stage2->forward(g3);
    torch::Tensor g1 = stage1->forward(g2);
    return {head1(g1), head2(g2), head3(g3)};
}

DskdNetwork::DskdNetwork(const DskdArchitecture& a)
    : architecture(a), encoder(a), bottleneck(a), decoder(a)
{
}

DskdNetwork::TrainingOutputs DskdNetwork::forwardTraining(const torch::Tensor& images)
{
    std::vector<torch::Tensor> trunk = encoder->forward(images);
    TrainingOutputs out;
    out.encoder = encoder->project(trunk);
    out.decoder = decoder->forward(bottleneck->forward(trunk));
    return out;
}

std::vector<torch::Tensor> DskdNetwork::reconstruct(const torch::Tensor& images)
{
    return decoder->forward(bottleneck->forward(encoder->forward(images)));
}

void DskdNetwork::train(bool on)
{
    encoder->train(on);
    bottleneck->train(on);
    decoder->train(on);
}

std::vector<torch::Tensor> DskdNetwork::parameters() const
{
    std::vector<torch::Tensor> out;
    for (const torch::nn::Module* m : {static_cast<const torch::nn::Module*>(encoder.get()),
                                       static_cast<const torch::nn::Module*>(bottleneck.get()),
                                       static_cast<const torch::nn::Module*>(decoder.get())})
        for (const auto& p : m->parameters())
            out.push_back(p);
    return out;
}

NamedTensors DskdNetwork::namedState() const
{
    return floatStateOf({{"encoder", encoder.get()}, {"bottleneck", bottleneck.get()}, {"decoder", decoder.get()}});
}

std::int64_t DskdNetwork::parameterCount() const
{
    return elementCount(parameters());
}

} // namespace dl
