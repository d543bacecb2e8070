#pragma once
// Small convolutional building blocks shared by the methods whose networks are
// trained from scratch (DSKD's students, STLM's streams, decoder and FA module).
// Internal torch header. The registered submodule names ("conv", "bn", "conv1",
// ...) are part of every saved bundle's tensor names: do not rename them.
#include <torch/torch.h>

namespace dl {

// conv (kernel k, stride s, padding k/2, dilation d) + BatchNorm + ReLU; BatchNorm
// makes the conv bias redundant.
struct ConvBnReluImpl : torch::nn::Module {
    ConvBnReluImpl(int in, int out, int kernel, int stride, int dilation = 1);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(ConvBnRelu);

// Two 3x3 conv+BN with an identity skip (ResNet basic block, constant width).
struct ResidualBlockImpl : torch::nn::Module {
    explicit ResidualBlockImpl(int channels);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
};
TORCH_MODULE(ResidualBlock);

} // namespace dl
