#pragma once
// DMAD's two memory banks. Normal: a coreset of normal patch features over all
// categories. Abnormal: (1) labelled (or synthetic) defect patches, taken only
// where the mask covers the patch, (2) anomaly-centre samples: k-means centres
// of (1) plus Gaussian noise, as many as (1), (3) a coreset of outlier-texture
// patches. Each memory remembers its source image so that training can skip
// memories of the query's own image (at test time a part is never in the bank).
// Torch-free.
#include "common/Progress.h"
#include "components/NearestNeighbours.h"
#include "methods/dmad/DmadParams.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace dl {

struct DmadBankSizes {
    std::int64_t normal = 0;
    std::int64_t labelledDefects = 0;  // (1) real labelled defect patches
    std::int64_t syntheticDefects = 0; // (1') synthetic defect patches (no labels given)
    std::int64_t centreSamples = 0;    // (2) anomaly-centre samples
    std::int64_t textures = 0;         // (3) outlier-texture coreset
};

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

// Patch feature rows [rows, dim] with each row's source image id.
struct PatchSet {
    std::vector<float> features;
    std::vector<std::int64_t> source;
    std::vector<std::uint8_t> defect; // per patch, from masks (empty when no masks)
    std::vector<std::int64_t> baseImage; // transplanted defects: the normal image each was pasted on (else empty)
    std::int64_t rows(int dim) const { return std::int64_t(features.size()) / dim; }
    // Appends row `row` of `other` (features and source id).
    void append(const PatchSet& other, std::int64_t row, int dim);
    // Appends every row of `other` (features and source ids; not defect flags or base images).
    void appendAll(const PatchSet& other);
};

// The normal bank: a greedy coreset (coreset_ratio of the rows, at least one) of `patches`.
void buildNormalBank(MemoryBank& bank, const PatchSet& patches, int dim, const DmadParams& params,
                     const ProgressContext& progress, DmadBankSizes& sizes);

// At most `limit` rows of `set` picked by a greedy coreset (all of them when fewer).
PatchSet thinnedPatches(const PatchSet& set, int dim, std::int64_t limit, unsigned seed);

// Abnormal part (1): the labelled defect patches, or without labels the synthetic
// ones; with labels, synthetic ones fill the room up to max_defect_memories
// (`synthetic_fill`), or both kinds are kept in full (each thinned) when
// `synthetic_with_labels` is on. Sets the sizes of (1).
PatchSet defectMemories(const PatchSet& real, const PatchSet& synthetic, int dim, const DmadParams& params,
                        DmadBankSizes& sizes);

// Abnormal part (2): appends to `bank` as many anomaly-centre samples as it has rows,
// with noise scaled to the rows' own spread.
void appendCentreSamples(PatchSet& bank, int dim, const DmadParams& params, DmadBankSizes& sizes);

// Abnormal part (3): appends a coreset (texture_coreset_ratio) of outlier-texture patches.
void appendTextureCoreset(PatchSet& bank, const PatchSet& textures, int dim, const DmadParams& params,
                          DmadBankSizes& sizes);

} // namespace dl
