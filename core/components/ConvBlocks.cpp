#include "components/ConvBlocks.h"

namespace dl {

namespace nn = torch::nn;

ConvBnReluImpl::ConvBnReluImpl(int in, int out, int kernel, int stride, int dilation)
{
    conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(in, out, kernel)
                                                  .stride(stride)
                                                  .padding(dilation * (kernel / 2))
                                                  .dilation(dilation)
                                                  .bias(false)));
    bn = register_module("bn", nn::BatchNorm2d(out));
}

torch::Tensor ConvBnReluImpl::forward(const torch::Tensor& x)
{
    return torch::relu(bn(conv(x)));
}

ResidualBlockImpl::ResidualBlockImpl(int channels)
{
    conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).padding(1).bias(false)));
    bn1 = register_module("bn1", nn::BatchNorm2d(channels));
    conv2 = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).padding(1).bias(false)));
    bn2 = register_module("bn2", nn::BatchNorm2d(channels));
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x)
{
    torch::Tensor h = torch::relu(bn1(conv1(x)));
    return torch::relu(x + bn2(conv2(h)));
}

} // namespace dl
