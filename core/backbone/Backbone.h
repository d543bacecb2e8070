#pragma once
// Frozen feature extractors. Internal to dl_engine: this header includes torch
// and must only be included from engine .cpp files.
#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace dl {

struct TapInfo {
    std::string name;  // e.g. "features.6" or "features.13.expand"
    int stride = 1;    // relative to the input
    int channels = 0;
};

class FeatureExtractor {
public:
    virtual ~FeatureExtractor() = default;
    virtual std::string name() const = 0;          // architecture, e.g. "mobilenetv2"
    virtual std::string weightsSha256() const = 0; // identity of the weights file
    virtual std::string weightsPath() const = 0;
    virtual std::vector<TapInfo> taps() const = 0;
    TapInfo tap(const std::string& name) const;    // throws dl::Error for unknown taps
    // The taps PatchCore and DMAD use when their `taps` parameter is left empty: a
    // mid-level pair, fine first. Throws dl::Error where the backbone has none.
    virtual std::vector<std::string> defaultPatchTaps() const;

    // Input: [N,3,H,W] normalised RGB. Returns one tensor per requested tap, in order.
    // Runs without autograd; stops at the deepest tap requested.
    virtual std::vector<torch::Tensor> extract(const torch::Tensor& input, const std::vector<std::string>& taps) = 0;
    // Multiply-adds x 2 of one image of height x width up to the deepest of `taps`;
    // 0 where the backbone cannot count them.
    virtual double flops(const std::vector<std::string>& taps, int height, int width) const;
    // ImageNet logits [N,1000] where the backbone has a classifier; throws otherwise.
    virtual torch::Tensor logits(const torch::Tensor& input) = 0;
};

} // namespace dl
