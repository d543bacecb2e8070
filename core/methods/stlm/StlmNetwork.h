#pragma once
// STLM's trainable networks (internal torch header; include from .cpp files only).
//
//   image -> plain stream P (small CNN) ----> shared decoder -> P1, P2 (teacher space)
//   image -> denoising stream D (same shape) -> shared decoder -> D1, D2
//   FA: -(P1^ * D1^) (+) -(P2^ * D2^)  (^ = L2-normalised per position, * elementwise)
//       -> 1x1 reduction + two residual blocks -> ASPP (dilations 1, 3) -> conv-BN-ReLU
//       -> 1x1 conv -> logits (sigmoid = anomaly probability)
//
// Both streams see the same image at inference; only these networks run then (the
// SAM teacher is needed for training only).
#include "components/ConvBlocks.h"
#include "components/MobileNetTrunk.h"
#include "components/ModuleState.h"

#include <torch/torch.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace dl {

struct StlmParams;

struct StlmArchitecture {
    std::array<int, 2> teacherChannels{160, 256}; // the two target levels' channels
    std::array<int, 3> widths{24, 48, 96};        // each stream's widths at strides 2, 4, 8
    int decoderWidth = 96;
    int faWidth = 64;
    // "random": the small CNN below; "mobilenetv2": MobileNetV2's features.0-6 (stride 8,
    // 32 channels) + a 1x1 lift to widths[2] and a residual block, the trunk started from
    // ImageNet weights by the trainer.
    std::string studentInit = "random";
};

// The layout for these parameters and teacher channels; throws dl::Error for values out of range.
StlmArchitecture stlmArchitecture(const StlmParams& params, std::array<int, 2> teacherChannels);

// One student stream: a CNN from the image to stride 8 (widths[2] channels), either
// randomly initialised (stage1-3) or a MobileNetV2 trunk + lift (studentInit).
struct StudentStreamImpl : torch::nn::Module {
    explicit StudentStreamImpl(const StlmArchitecture& a);
    torch::Tensor forward(const torch::Tensor& image);
    std::int64_t multiplyAccumulates(int height, int width) const;
    torch::nn::Sequential stage1{nullptr}, stage2{nullptr}, stage3{nullptr};
    MobileNetTrunk trunk{nullptr};
    torch::nn::Sequential lift{nullptr};
};
TORCH_MODULE(StudentStream);

// The shared lightweight mask decoder: a stream's trunk -> the two target levels.
struct MaskDecoderImpl : torch::nn::Module {
    explicit MaskDecoderImpl(const StlmArchitecture& a);
    std::vector<torch::Tensor> forward(const torch::Tensor& trunk);
    ConvBnRelu body{nullptr}, refine{nullptr};
    torch::nn::Conv2d head1{nullptr}, head2{nullptr};
};
TORCH_MODULE(MaskDecoder);

// The feature-aggregation module: the two streams' per-channel agreement -> anomaly logits.
struct FeatureAggregationImpl : torch::nn::Module {
    explicit FeatureAggregationImpl(const StlmArchitecture& a);
    torch::Tensor forward(const std::vector<torch::Tensor>& plain, const std::vector<torch::Tensor>& denoising);
    ConvBnRelu reduce{nullptr}, asppNear{nullptr}, asppFar{nullptr}, fuse{nullptr};
    ResidualBlock block1{nullptr}, block2{nullptr};
    torch::nn::Conv2d out{nullptr};
};
TORCH_MODULE(FeatureAggregation);

// -(a^ * b^) per level, concatenated on channels: the FA module's input.
torch::Tensor negatedAgreement(const std::vector<torch::Tensor>& plain, const std::vector<torch::Tensor>& denoising);

struct StlmNetwork {
    explicit StlmNetwork(const StlmArchitecture& a);

    StlmArchitecture architecture;
    StudentStream plain, denoising;
    MaskDecoder decoder;
    FeatureAggregation aggregation;

    struct Outputs {
        std::vector<torch::Tensor> plain, denoising; // the two levels of each stream, teacher space
        torch::Tensor faLogits;                      // [N,1,h,w]
    };
    // Both streams on the same images, the decoder on each, FA on their agreement.
    Outputs forward(const torch::Tensor& images);

    void train(bool on);
    std::vector<torch::Tensor> parameters() const;
    // Every float parameter and buffer under a stable dotted name ("plain.stage1.0.conv.weight").
    NamedTensors namedState() const;
    std::int64_t parameterCount() const;
    // Multiply-accumulates of one forward pass at height x width (the whole inference path).
    std::int64_t multiplyAccumulates(int height, int width) const;
};

} // namespace dl
