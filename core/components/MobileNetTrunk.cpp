#include "components/MobileNetTrunk.h"

#include "backbone/MobileNetV2.h"
#include "common/Error.h"

#include <string>

namespace dl {

namespace nn = torch::nn;

MobileNetTrunkImpl::MobileNetTrunkImpl(int lastBlock)
{
    const std::vector<MobileNetV2BlockShape> layout = mobileNetV2Layout();
    if (lastBlock < 0 || std::size_t(lastBlock) + 1 >= layout.size())
        throw Error("a MobileNetV2 trunk ends at features.0 .. features." + std::to_string(layout.size() - 2) + ", not "
                    + std::to_string(lastBlock));
    for (int b = 0; b <= lastBlock; ++b) {
        const MobileNetV2BlockShape& shape = layout[std::size_t(b)];
        Block block;
        block.residual = shape.residual;
        for (std::size_t c = 0; c < shape.convs.size(); ++c) {
            const MobileNetV2ConvShape& conv = shape.convs[c];
            block.convs.push_back(register_module(
                "block" + std::to_string(b) + "_conv" + std::to_string(c),
                nn::Conv2d(nn::Conv2dOptions(conv.in * conv.groups, conv.out, conv.kernel)
                               .stride(conv.stride)
                               .padding(conv.kernel / 2)
                               .groups(conv.groups))));
            block.relu6.push_back(conv.relu6);
        }
        blocks_.push_back(std::move(block));
    }
}

torch::Tensor MobileNetTrunkImpl::forward(const torch::Tensor& image)
{
    torch::Tensor x = image;
    for (Block& block : blocks_) {
        torch::Tensor h = x;
        for (std::size_t c = 0; c < block.convs.size(); ++c) {
            h = block.convs[c]->forward(h);
            if (block.relu6[c])
                h = torch::clamp(h, 0.0, 6.0);
        }
        x = block.residual ? x + h : h;
    }
    return x;
}

void MobileNetTrunkImpl::loadPretrained(const MobileNetV2& backbone)
{
    torch::NoGradGuard noGrad;
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
        const auto weights = backbone.blockWeights(int(b));
        const Block& block = blocks_[b];
        if (weights.size() != block.convs.size())
            throw Error("mobilenetv2 features." + std::to_string(b) + " has " + std::to_string(weights.size())
                        + " convolutions; the trunk expects " + std::to_string(block.convs.size()));
        for (std::size_t c = 0; c < weights.size(); ++c) {
            block.convs[c]->weight.copy_(weights[c].first);
            block.convs[c]->bias.copy_(weights[c].second);
        }
    }
}

int MobileNetTrunkImpl::outChannels() const
{
    return int(blocks_.back().convs.back()->options.out_channels());
}

std::int64_t MobileNetTrunkImpl::multiplyAccumulates(int height, int width) const
{
    std::int64_t macs = 0;
    for (const Block& block : blocks_)
        for (const auto& conv : block.convs) {
            const auto stride = conv->options.stride()->at(0);
            height = int((height + stride - 1) / stride);
            width = int((width + stride - 1) / stride);
            macs += std::int64_t(height) * width * conv->weight.numel();
        }
    return macs;
}

} // namespace dl
