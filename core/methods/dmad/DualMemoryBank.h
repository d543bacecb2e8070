#pragma once
// DMAD's two memory banks. Normal: a coreset of normal patch features over all
// categories. Abnormal: (1) labelled (or synthetic) defect patches, taken only
// where the mask covers the patch, (2) anomaly-centre samples: k-means centres
// of (1) plus Gaussian noise, as many as (1), (3) a coreset of outlier-texture
// patches. Each memory remembers its source image so that training can skip
// memories of the query's own image (at test time a part is never in the bank).
#include "components/NearestNeighbours.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace dl {

struct MemoryBank {
    NearestNeighbourIndex index;
    std::vector<std::int64_t> sourceImage; // per memory; -1 = not from a training image

    // k nearest memories of each query, skipping those from `excludeImage[i]`
    // (pass nullptr to skip nothing). ids row-major [count, k].
    std::vector<std::int64_t> nearestExcluding(const float* queries, std::int64_t count, int k,
                                               const std::int64_t* excludeImage) const;
};

// Patch-grid labels from a pixel mask: a patch is defective when at least half of
// its cell is masked (no dilation); a tiny defect still marks its strongest cell.
std::vector<std::uint8_t> patchLabelsFromMask(const cv::Mat& mask8u, int gridH, int gridW);

// Anomaly-centre sampling: k-means centres of `defects` plus N(0, sigma^2) noise,
// `count` samples in total (round-robin over centres). Deterministic for `seed`.
std::vector<float> sampleAroundCentres(const std::vector<float>& defects, int dim, int centres, std::int64_t count,
                                       float sigma, unsigned seed);

} // namespace dl
