#pragma once
// PatchCore's locally aware patch features: backbone maps at a few mid-level
// taps, each averaged over a k x k neighbourhood, the coarser ones upsampled
// to the finest tap's grid, concatenated, optionally reduced by adaptive
// average pooling over channels. DMAD reuses this for its memory banks.
// Internal (torch) header.
#include "backbone/Backbone.h"
#include "components/PatchFeatureSpec.h"

#include <memory>
#include <string>
#include <vector>

namespace dl {

class PatchFeatureExtractor {
public:
    PatchFeatureExtractor(std::shared_ptr<FeatureExtractor> backbone, PatchFeatureSpec spec);

    // batch [N,3,H,W] -> [N, gridH*gridW, dim] (row-major patches, contiguous).
    torch::Tensor extract(const torch::Tensor& batch, int& gridH, int& gridW) const;
    int dim() const; // output width
    // The taps in use: the spec's, or the backbone's default pair where it named none.
    const std::vector<std::string>& taps() const { return spec_.taps; }
    const std::shared_ptr<FeatureExtractor>& backbone() const { return backbone_; }

private:
    std::shared_ptr<FeatureExtractor> backbone_;
    PatchFeatureSpec spec_;
    int concatenatedDim_ = 0;
};

} // namespace dl
