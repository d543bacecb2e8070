#pragma once
// A trainable copy of MobileNetV2's first blocks (features.0 .. features.<last>),
// BatchNorm folded into biased convolutions as in the ONNX file. Built from the
// layout alone (a saved bundle restores the weights); loadPretrained() starts it
// from the ImageNet weights. Internal torch header. The registered names
// ("block3_conv0", ...) are part of saved bundles' tensor names.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace dl {

class MobileNetV2;

struct MobileNetTrunkImpl : torch::nn::Module {
    explicit MobileNetTrunkImpl(int lastBlock);
    torch::Tensor forward(const torch::Tensor& image);
    // Copies features.0 .. features.<last> from the loaded backbone.
    void loadPretrained(const MobileNetV2& backbone);

    int outChannels() const;
    // Multiply-accumulates of one forward pass at height x width.
    std::int64_t multiplyAccumulates(int height, int width) const;

private:
    struct Block {
        std::vector<torch::nn::Conv2d> convs;
        std::vector<bool> relu6;
        bool residual = false;
    };
    std::vector<Block> blocks_;
};
TORCH_MODULE(MobileNetTrunk);

} // namespace dl
