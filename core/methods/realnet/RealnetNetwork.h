#pragma once
// RealNet's trainable networks (internal torch header; include from .cpp files only).
//
//   backbone taps (strides 4..32) -> AFS: the selected channels of each tap (frozen indices)
//   per tap: ReconstructionUNet(selected features of the input) -> the clean image's features
//   residuals (f - f^)^2 per tap -> upsampled to stride 4, concatenated
//   RRS: per image, the top-k channels by spatial max and the top-k by spatial mean
//        (ranked on a BatchNorm-normalised copy; the raw residuals are kept)
//   SegmentationHead -> 2-class logits at stride 4 (softmax channel 1 = anomaly)
// AFS itself (which channels) is in RealnetFeatureSelection.h, the losses in
// RealnetLoss.h, the map and the image score in RealnetAnomalyMap.h.
#include "components/ConvBlocks.h"
#include "components/ModuleState.h"
#include "components/UNetBlocks.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace dl {

struct RealnetParams;
class FeatureExtractor;

struct RealnetArchitecture {
    std::vector<int> tapChannels;      // the backbone's width of each tap
    std::vector<int> tapGrid;          // each tap's map side at image_size (square inputs)
    std::vector<int> selectedChannels; // AFS's kept channels per tap (<= tapChannels)
    std::vector<int> channelMultipliers{1, 2, 4};
    int residualBlocks = 1;
    int minimumWidth = 16;
    int residualsByMax = 64, residualsByMean = 64;
    int headWidth = 64;

    int residualChannels() const; // sum of selectedChannels: RRS's candidates
    int keptByMax() const;        // residualsByMax, at most residualChannels()
    int keptByMean() const;
};

// The layout for these parameters and this backbone; throws dl::Error for values out of range.
RealnetArchitecture realnetArchitecture(const RealnetParams& params, const FeatureExtractor& backbone);

// One tap's reconstruction network: a small UNet (GroupNorm + SiLU residual blocks,
// self-attention on maps of at most 16x16 positions, base width half the selected
// channels) from the input's selected features to the clean image's. `grid` is the
// input map's side, which decides where attention is affordable.
struct ReconstructionUNetImpl : torch::nn::Module {
    ReconstructionUNetImpl(int channels, int grid, const RealnetArchitecture& a);
    torch::Tensor forward(const torch::Tensor& features);

    torch::nn::Conv2d input{nullptr}, output{nullptr};
    torch::nn::GroupNorm outputNorm{nullptr};
    torch::nn::ModuleList down{nullptr}, up{nullptr};     // GroupNormResBlocks, level by level
    torch::nn::ModuleList downsample{nullptr}, upsample{nullptr};
    GroupNormResBlock middle1{nullptr}, middle2{nullptr};
    SpatialSelfAttention middleAttention{nullptr};
    std::vector<int> levelWidths;

private:
    // Attention follows the blocks on maps of at most 256 positions only: it costs positions^2.
    torch::Tensor maybeAttend(const torch::Tensor& x, std::size_t block);
    torch::nn::ModuleList attention_{nullptr}; // the attention blocks, in block order
    std::vector<int> attentionSlot_;           // per block (down, then up): index into attention_ or -1
};
TORCH_MODULE(ReconstructionUNet);

// RRS: a fixed-size choice of residual channels per image.
struct ResidualSelectionImpl : torch::nn::Module {
    ResidualSelectionImpl(int channels, int byMax, int byMean);
    // [N,K,h,w] raw residuals -> [N,byMax+byMean,h,w]: the channels ranking highest by
    // spatial max, then those ranking highest by spatial mean (a channel may be in both).
    torch::Tensor forward(const torch::Tensor& residuals);
    torch::nn::BatchNorm2d rankNorm{nullptr}; // no affine part: it only ranks
    int byMax, byMean;
};
TORCH_MODULE(ResidualSelection);

// The selected residuals -> 2-class logits on the same grid.
struct SegmentationHeadImpl : torch::nn::Module {
    SegmentationHeadImpl(int in, int width);
    torch::Tensor forward(const torch::Tensor& residuals);
    ConvBnRelu reduce{nullptr}, refine{nullptr};
    torch::nn::Conv2d classify{nullptr};
};
TORCH_MODULE(SegmentationHead);

struct RealnetNetwork {
    explicit RealnetNetwork(const RealnetArchitecture& a);

    RealnetArchitecture architecture;
    std::vector<ReconstructionUNet> reconstruction; // one per tap
    ResidualSelection selection;
    SegmentationHead head;

    struct Outputs {
        std::vector<torch::Tensor> reconstructions; // per tap, like the input
        torch::Tensor logits;                       // [N,2,h4,w4] on the finest tap's grid
    };
    // `selected`: each tap's AFS-selected (scaled) features of the input images.
    Outputs forward(const std::vector<torch::Tensor>& selected);

    void train(bool on);
    std::vector<torch::Tensor> parameters() const;
    NamedTensors namedState() const; // stable dotted names ("reconstruction.0.input.weight")
    std::int64_t parameterCount() const;
};

} // namespace dl
