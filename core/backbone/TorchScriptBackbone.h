#pragma once
// A user-supplied TorchScript feature extractor. Contract: forward(x) with x
// [N,3,H,W] ImageNet-normalised RGB returns a tensor, a tuple/list of tensors
// or a Dict[str, Tensor] of 4-D feature maps. Taps are "out0", "out1", ... in
// order, or the dict's keys. Strides are measured with a probe at 256x256.
#include "backbone/Backbone.h"

#include <torch/script.h>

namespace dl {

class TorchScriptBackbone : public FeatureExtractor {
public:
    explicit TorchScriptBackbone(const std::string& path); // throws dl::Error naming the file

    std::string name() const override { return "torchscript"; }
    std::string weightsSha256() const override { return sha256_; }
    std::string weightsPath() const override { return path_; }
    std::vector<TapInfo> taps() const override { return taps_; }
    std::vector<torch::Tensor> extract(const torch::Tensor& input, const std::vector<std::string>& taps) override;
    torch::Tensor logits(const torch::Tensor& input) override;

private:
    std::vector<std::pair<std::string, torch::Tensor>> runAll(const torch::Tensor& input);

    torch::jit::script::Module module_;
    std::vector<TapInfo> taps_;
    std::string sha256_, path_;
};

} // namespace dl
