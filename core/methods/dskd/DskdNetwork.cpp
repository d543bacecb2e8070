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
    if (a.teacherChannels.size() < 2 || a.teacherChannels.size() > 4)
        throw Error("dskd needs two to four teacher taps, got " + std::to_string(a.teacherChannels.size()));
    if (a.widths.size() != a.teacherChannels.size())
        throw Error("dskd widths must hold one student width per teacher tap (" + std::to_string(a.teacherChannels.size())
                    + "), got " + std::to_string(a.widths.size()));
    for (std::size_t i = 0; i < a.scales(); ++i) {
        if (a.teacherChannels[i] < 1)
            throw Error("dskd: teacher tap " + std::to_string(i + 1) + " has no channels");
        if (a.widths[i] < 4 || a.widths[i] > 1024)
            throw Error("dskd widths must be within 4..1024, got " + std::to_string(a.widths[i]));
    }
    if (a.firstStride < 2 || (a.firstStride & (a.firstStride - 1)) != 0)
        throw Error("dskd: the finest teacher tap must have a power-of-two stride >= 2, got " + std::to_string(a.firstStride));
    if (a.embedDim < 4 || a.embedDim > 4096)
        throw Error("dskd embed_dim must be within 4..4096, got " + std::to_string(a.embedDim));
    if (a.embedExtraStride != 1 && a.embedExtraStride != 2 && a.embedExtraStride != 4)
        throw Error("dskd embed_extra_stride must be 1, 2 or 4, got " + std::to_string(a.embedExtraStride));
}

bool embeddingGridFits(int imageSize, int coarsestTapStride, int extraStride)
{
    const int embeddingStride = coarsestTapStride * extraStride;
    return imageSize % embeddingStride == 0 && imageSize >= 2 * embeddingStride;
}

DskdArchitecture dskdArchitecture(const DskdParams& params, const FeatureExtractor& teacher)
{
    const auto& taps = params.taps;
    DskdArchitecture a;
    a.teacherChannels.clear();
    std::vector<int> strides;
    std::string listed;
    for (const std::string& tap : taps) {
        TapInfo t = teacher.tap(tap);
        a.teacherChannels.push_back(t.channels);
        strides.push_back(t.stride);
        listed += (listed.empty() ? "" : ", ") + std::to_string(t.stride) + " for " + tap;
    }
    for (std::size_t i = 1; i < strides.size(); ++i)
        if (strides[i] != 2 * strides[i - 1])
            throw Error("dskd taps must be feature maps whose strides double from one to the next (got strides "
                        + listed + ")");
    a.firstStride = strides.front();
    a.widths = params.widths;
    a.embedDim = params.embedDim;
    if (!params.embedExtraStride)
        throw Error("dskd embed_extra_stride is still 'auto': the detector decides it from the training images "
                    "before it builds the students");
    a.embedExtraStride = *params.embedExtraStride;
    checkArchitecture(a);
    const int coarsest = strides.back() * a.embedExtraStride;
    if (!embeddingGridFits(params.imageSize, strides.back(), a.embedExtraStride))
        throw Error("dskd image_size must be a multiple of " + std::to_string(coarsest) + " and at least "
                    + std::to_string(2 * coarsest) + " for these taps and embed_extra_stride, got "
                    + std::to_string(params.imageSize));
    return a;
}

namespace {

std::string numbered(const char* name, std::size_t i)
{
    return name + std::to_string(i + 1);
}

} // namespace

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
    stages.push_back(register_module("stage1", s1));
    for (std::size_t i = 1; i < a.scales(); ++i)
        stages.push_back(register_module(numbered("stage", i),
                                         nn::Sequential(ConvBnRelu(w[i - 1], w[i], 3, 2), ResidualBlock(w[i]))));
    for (std::size_t i = 0; i < a.scales(); ++i)
        heads.push_back(register_module(numbered("head", i), nn::Conv2d(nn::Conv2dOptions(w[i], c[i], 1))));
}

std::vector<torch::Tensor> StudentEncoderImpl::forward(const torch::Tensor& image)
{
    std::vector<torch::Tensor> trunk;
    torch::Tensor x = image;
    for (auto& stage : stages) {
        x = stage->forward(x);
        trunk.push_back(x);
    }
    return trunk;
}

std::vector<torch::Tensor> StudentEncoderImpl::project(const std::vector<torch::Tensor>& trunk)
{
    if (trunk.size() != heads.size())
        throw Error("dskd: the encoder's trunk and heads disagree on the number of scales");
    std::vector<torch::Tensor> out;
    for (std::size_t i = 0; i < heads.size(); ++i)
        out.push_back(heads[i](trunk[i]));
    return out;
}

BottleneckImpl::BottleneckImpl(const DskdArchitecture& a)
{
    checkArchitecture(a);
    const auto& w = a.widths;
    const std::size_t last = a.scales() - 1;
    // Each finer trunk map halves, step by step through the coarser widths, to the coarsest grid.
    // The convolutions are initialised coarsest first, as the three-tap code before did
    // (GCC builds a call's arguments right to left), so that a seed gives the same model.
    for (std::size_t i = 0; i < last; ++i) {
        std::vector<ConvBnRelu> steps;
        for (std::size_t j = last; j-- > i;)
            steps.push_back(ConvBnRelu(w[j], w[j + 1], 3, 2));
        nn::Sequential down;
        for (auto step = steps.rbegin(); step != steps.rend(); ++step)
            down->push_back(*step);
        downs.push_back(register_module(numbered("down", i), down));
    }
    nn::Sequential f(ConvBnRelu(int(a.scales()) * w[last], a.embedDim, 1, 1));
    for (int extra = a.embedExtraStride; extra > 1; extra /= 2)
        f->push_back(ConvBnRelu(a.embedDim, a.embedDim, 3, 2));
    fuse = register_module("fuse", f);
}

torch::Tensor BottleneckImpl::forward(const std::vector<torch::Tensor>& trunk)
{
    if (trunk.size() != downs.size() + 1)
        throw Error("dskd: the bottleneck got " + std::to_string(trunk.size()) + " trunk maps for "
                    + std::to_string(downs.size() + 1) + " scales");
    std::vector<torch::Tensor> parts;
    for (std::size_t i = 0; i < downs.size(); ++i)
        parts.push_back(downs[i]->forward(trunk[i]));
    parts.push_back(trunk.back());
    return fuse->forward(torch::cat(parts, 1));
}

StudentDecoderImpl::StudentDecoderImpl(const DskdArchitecture& a)
{
    checkArchitecture(a);
    const auto& w = a.widths;
    const auto& c = a.teacherChannels;
    const std::size_t last = a.scales() - 1;
    // Back from the embedding's grid to the coarsest tap's: one transposed conv per extra halving.
    nn::Sequential up;
    if (a.embedExtraStride == 1)
        up->push_back(ConvBnRelu(a.embedDim, w[last], 3, 1));
    for (int extra = a.embedExtraStride; extra > 1; extra /= 2)
        up->push_back(UpBnRelu(a.embedDim, extra > 2 ? a.embedDim : w[last]));
    entry = register_module("entry", up);
    // Registered coarse to fine (the order parameters() lists them in, as before this held three).
    stages.resize(a.scales());
    stages[last] = register_module(numbered("stage", last), nn::Sequential(ResidualBlock(w[last])));
    for (std::size_t i = last; i-- > 0;)
        stages[i] = register_module(numbered("stage", i), nn::Sequential(UpBnRelu(w[i + 1], w[i]), ResidualBlock(w[i])));
    for (std::size_t i = 0; i < a.scales(); ++i)
        heads.push_back(register_module(numbered("head", i), nn::Conv2d(nn::Conv2dOptions(w[i], c[i], 1))));
}

std::vector<torch::Tensor> StudentDecoderImpl::forward(const torch::Tensor& embedding)
{
    std::vector<torch::Tensor> decoded(stages.size());
    torch::Tensor g = entry->forward(embedding);
    for (std::size_t i = stages.size(); i-- > 0;) {
        g = stages[i]->forward(g);
        decoded[i] = heads[i](g);
    }
    return decoded;
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
