#pragma once
// AFS (anomaly-aware feature selection): before training, every channel of every tap
// is scored on synthetic anomalies by how well its residual between the anomalous and
// the clean image's features outlines the defect: the mean squared error between the
// residual (squared difference, min-max normalised per image and channel) and the
// defect mask at the tap's resolution. The channels with the lowest error are kept, and
// the choice is frozen for training and inference. Internal torch header.
#include <torch/torch.h>

#include <vector>

namespace dl {

class FeatureSelectionScores {
public:
    explicit FeatureSelectionScores(std::vector<int> tapChannels);

    // One batch: per tap the features of the anomalous images and of their clean
    // originals ([N,C,h,w] each), and the defect masks [N,1,H,W] in [0,1] at any size.
    void add(const std::vector<torch::Tensor>& anomalous, const std::vector<torch::Tensor>& clean,
             const torch::Tensor& masks);

    // The mean error per channel of each tap ([C]); lower outlines defects better.
    std::vector<torch::Tensor> meanErrors() const;
    // The `keep[t]` best channels of tap t, as ascending channel indices (int64).
    std::vector<torch::Tensor> select(const std::vector<int>& keep) const;
    std::int64_t images() const { return images_; }

private:
    std::vector<int> tapChannels_;
    std::vector<torch::Tensor> errorSums_; // [C] per tap, summed over images
    std::int64_t images_ = 0;
};

// The per-channel error of one tap for a batch: [N,C] (exposed for tests).
torch::Tensor channelMaskErrors(const torch::Tensor& anomalous, const torch::Tensor& clean, const torch::Tensor& masks);

// The channel numbers of one tap's selection, as plain integers (records, accessors).
std::vector<std::int64_t> channelNumbers(const torch::Tensor& indices);

// Each tap's selected channels: features[t].index_select(1, indices[t]).
std::vector<torch::Tensor> selectChannels(const std::vector<torch::Tensor>& features,
                                          const std::vector<torch::Tensor>& indices);

} // namespace dl
