#include "components/PatchFeatures.h"

#include "common/Error.h"

namespace dl {

void PatchFeatureSpec::check() const
{
    if (neighbourhood < 1 || neighbourhood % 2 == 0)
        throw Error("patch neighbourhood must be a positive odd number, got " + std::to_string(neighbourhood));
}

PatchFeatureExtractor::PatchFeatureExtractor(std::shared_ptr<FeatureExtractor> backbone, PatchFeatureSpec spec)
    : backbone_(std::move(backbone)), spec_(std::move(spec))
{
    if (spec_.taps.empty())
        spec_.taps = backbone_->defaultPatchTaps();
    for (const auto& t : spec_.taps)
        concatenatedDim_ += backbone_->tap(t).channels;
}

int PatchFeatureExtractor::dim() const
{
    return spec_.reducedDim > 0 && spec_.reducedDim < concatenatedDim_ ? spec_.reducedDim : concatenatedDim_;
}

torch::Tensor PatchFeatureExtractor::extract(const torch::Tensor& batch, int& gridH, int& gridW) const
{
    torch::InferenceMode guard;
    std::vector<torch::Tensor> maps = backbone_->extract(batch, spec_.taps);
    // The finest tap defines the patch grid.
    std::size_t finest = 0;
    for (std::size_t i = 1; i < maps.size(); ++i)
        if (maps[i].size(2) > maps[finest].size(2)) finest = i;
    gridH = int(maps[finest].size(2));
    gridW = int(maps[finest].size(3));
    const int pad = spec_.neighbourhood / 2;
    std::vector<torch::Tensor> aligned;
    for (auto& m : maps) {
        torch::Tensor local = spec_.neighbourhood > 1
            ? torch::avg_pool2d(m, spec_.neighbourhood, 1, pad, /*ceil_mode=*/false, /*count_include_pad=*/true)
            : m;
        if (local.size(2) != gridH || local.size(3) != gridW)
            local = torch::upsample_bilinear2d(local, {gridH, gridW}, /*align_corners=*/false);
        aligned.push_back(local);
    }
    torch::Tensor features = torch::cat(aligned, 1);                 // [N, C, h, w]
    features = features.permute({0, 2, 3, 1}).reshape({batch.size(0), gridH * gridW, concatenatedDim_});
    if (dim() != concatenatedDim_)
        features = torch::adaptive_avg_pool1d(features.reshape({-1, 1, concatenatedDim_}), dim())
                       .reshape({batch.size(0), gridH * gridW, dim()});
    return features.contiguous();
}

} // namespace dl
