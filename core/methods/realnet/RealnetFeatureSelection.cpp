#include "methods/realnet/RealnetFeatureSelection.h"

#include "common/Error.h"

#include <algorithm>

namespace dl {
namespace F = torch::nn::functional;

torch::Tensor channelMaskErrors(const torch::Tensor& anomalous, const torch::Tensor& clean, const torch::Tensor& masks)
{
    const auto n = anomalous.size(0), c = anomalous.size(1), h = anomalous.size(2), w = anomalous.size(3);
    torch::Tensor residual = (anomalous - clean).pow(2).reshape({n, c, h * w});
    const torch::Tensor low = std::get<0>(residual.min(2, true));
    const torch::Tensor high = std::get<0>(residual.max(2, true));
    // A channel that does not change at all is all zero after normalising (it marks nothing).
    const torch::Tensor normalised = (residual - low) / (high - low).clamp_min(1e-12);
    // The mask's share of each cell of the tap's grid.
    const torch::Tensor cellMask = F::adaptive_avg_pool2d(masks.to(torch::kFloat32), F::AdaptiveAvgPool2dFuncOptions({h, w}))
                                       .reshape({n, 1, h * w});
    return (normalised - cellMask).pow(2).mean(2);
}

FeatureSelectionScores::FeatureSelectionScores(std::vector<int> tapChannels) : tapChannels_(std::move(tapChannels))
{
    for (int c : tapChannels_)
        errorSums_.push_back(torch::zeros({c}, torch::kFloat64));
}

void FeatureSelectionScores::add(const std::vector<torch::Tensor>& anomalous, const std::vector<torch::Tensor>& clean,
                                 const torch::Tensor& masks)
{
    if (anomalous.size() != tapChannels_.size() || clean.size() != tapChannels_.size())
        throw Error("feature selection: one anomalous and one clean map per tap are needed");
    for (std::size_t t = 0; t < tapChannels_.size(); ++t)
        errorSums_[t] += channelMaskErrors(anomalous[t], clean[t], masks).to(torch::kFloat64).sum(0);
    images_ += masks.size(0);
}

std::vector<torch::Tensor> FeatureSelectionScores::meanErrors() const
{
    std::vector<torch::Tensor> out;
    for (const auto& sum : errorSums_)
        out.push_back((sum / double(std::max<std::int64_t>(1, images_))).to(torch::kFloat32));
    return out;
}

std::vector<torch::Tensor> FeatureSelectionScores::select(const std::vector<int>& keep) const
{
    if (keep.size() != tapChannels_.size())
        throw Error("feature selection: one channel count per tap is needed");
    if (images_ == 0)
        throw Error("feature selection has seen no synthetic anomalies");
    std::vector<torch::Tensor> out;
    for (std::size_t t = 0; t < tapChannels_.size(); ++t) {
        const int k = std::clamp(keep[t], 1, tapChannels_[t]);
        // Stable order: ties go to the lower channel index.
        const torch::Tensor order = std::get<1>(errorSums_[t].sort(/*stable=*/true, 0, /*descending=*/false));
        out.push_back(std::get<0>(order.slice(0, 0, k).sort()).to(torch::kInt64));
    }
    return out;
}

std::vector<std::int64_t> channelNumbers(const torch::Tensor& indices)
{
    const torch::Tensor c = indices.to(torch::kInt64).contiguous();
    return {c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel()};
}

std::vector<torch::Tensor> selectChannels(const std::vector<torch::Tensor>& features,
                                          const std::vector<torch::Tensor>& indices)
{
    std::vector<torch::Tensor> out;
    for (std::size_t t = 0; t < features.size(); ++t)
        out.push_back(features[t].index_select(1, indices[t]));
    return out;
}

} // namespace dl
