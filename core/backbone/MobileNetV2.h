#pragma once
// torchvision's MobileNetV2 (width 1.0) with BatchNorm folded into the
// convolutions, running the dequantised ONNX Model Zoo weights in fp32.
#include "backbone/Backbone.h"
#include "backbone/OnnxImport.h"

namespace dl {

// torchvision's MobileNetV2 layout, one entry per block of `features`; the constructor
// checks the file against it and trainable copies (components/MobileNetTrunk) are built from it.
struct MobileNetV2ConvShape {
    int out = 0, in = 0, kernel = 1, stride = 1, groups = 1;
    bool relu6 = false;
};
struct MobileNetV2BlockShape {
    std::vector<MobileNetV2ConvShape> convs;
    bool residual = false;   // identity skip around the block
    bool hasExpand = false;  // first conv is the 1x1 expansion
};
std::vector<MobileNetV2BlockShape> mobileNetV2Layout();

class MobileNetV2 : public FeatureExtractor {
public:
    // Loads and checks the 52 convolutions + classifier; throws dl::Error naming the file.
    explicit MobileNetV2(const ImportedConvNet& weights);

    std::string name() const override { return "mobilenetv2"; }
    std::string weightsSha256() const override { return sha256_; }
    std::string weightsPath() const override { return path_; }
    std::vector<TapInfo> taps() const override;
    // Strides 8 and 16 (32 + 96 channels).
    std::vector<std::string> defaultPatchTaps() const override { return {"features.6", "features.13"}; }
    std::vector<torch::Tensor> extract(const torch::Tensor& input, const std::vector<std::string>& taps) override;
    torch::Tensor logits(const torch::Tensor& input) override;
    double flops(const std::vector<std::string>& taps, int height, int width) const override;

    // Rounds every activation to the int8 graph's uint8 grid, reproducing the
    // quantised model's arithmetic in fp32. Off by default (fp32 features are
    // more precise); used to verify the port against the int8 reference.
    void setEmulateInt8Activations(bool on);

    // Copies of the weight and bias (BatchNorm folded in) of features.<block>'s
    // convolutions, in mobileNetV2Layout() order: the start of a trainable copy.
    std::vector<std::pair<torch::Tensor, torch::Tensor>> blockWeights(int block) const;
    bool canEmulateInt8Activations() const { return quantized_; }

private:
    struct Conv {
        torch::Tensor weight, bias;
        int stride = 1, padding = 0, groups = 1;
        bool relu6 = false;
        QuantGrid grid;
    };
    struct Block {                // one entry of torchvision's `features`
        std::vector<int> convs;   // indices into convs_
        bool residual = false;
        bool hasExpand = false;   // first conv is the 1x1 expansion
        int stride = 1;
        int outChannels = 0;
        int expandChannels = 0;
        QuantGrid residualGrid;
    };
    torch::Tensor runConv(const Conv& conv, const torch::Tensor& x) const;
    // The fast path (engine/Runtime's fastInferenceEnabled): per requested tap
    // set, a TorchScript copy of the blocks up to the deepest tap, frozen and
    // optimised for inference (oneDNN convolutions on prepacked weights, ReLU6
    // fused). Built on first use; empty result = not available, run op by op.
    struct FastGraphs;
    std::vector<torch::Tensor> extractFast(const torch::Tensor& x, const std::vector<std::string>& taps, int deepest);
    std::string scriptSource(const std::vector<std::string>& taps, int deepest) const;
    std::shared_ptr<FastGraphs> fast_;
    int deepestBlockFor(const std::vector<std::string>& taps) const;

    std::vector<Conv> convs_;
    std::vector<Block> blocks_;
    torch::Tensor classifierWeight_, classifierBias_;
    std::string sha256_, path_;
    bool quantized_ = false;
    bool emulateInt8_ = false;
    QuantGrid inputGrid_, poolGrid_, logitsGrid_;
};

} // namespace dl
