#include "methods/dmad/DualMemoryBank.h"

#include "common/Error.h"
#include "components/Coreset.h"
#include "components/KMeans.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <random>

namespace dl {

std::vector<std::int64_t> MemoryBank::nearestExcluding(const float* queries, std::int64_t count, int k,
                                                       const std::int64_t* excludeImage) const
{
    // Over-fetch, then drop own-image memories; the bank holds many images, so a
    // few extra candidates suffice.
    const int fetch = int(std::min<std::int64_t>(index.size(), k + (excludeImage ? 16 : 0)));
    std::vector<float> distances(static_cast<std::size_t>(count * fetch));
    std::vector<std::int64_t> ids(static_cast<std::size_t>(count * fetch));
    index.search(queries, count, fetch, distances.data(), ids.data());
    std::vector<std::int64_t> out(static_cast<std::size_t>(count * k));
    for (std::int64_t i = 0; i < count; ++i) {
        int taken = 0;
        const std::int64_t* row = ids.data() + i * fetch;
        for (int j = 0; j < fetch && taken < k; ++j) {
            if (row[j] < 0) continue;
            if (excludeImage && excludeImage[i] >= 0 && sourceImage[std::size_t(row[j])] == excludeImage[i]) continue;
            out[std::size_t(i * k + taken++)] = row[j];
        }
        // Degenerate banks (all from one image): fall back to the plain neighbours.
        for (int j = 0; taken < k; ++j)
            out[std::size_t(i * k + taken++)] = std::max<std::int64_t>(0, row[j % fetch]);
    }
    return out;
}

std::vector<std::uint8_t> patchLabelsFromMask(const cv::Mat& mask8u, int gridH, int gridW)
{
    cv::Mat binary, fraction;
    cv::threshold(mask8u, binary, 0, 1.0, cv::THRESH_BINARY);
    binary.convertTo(binary, CV_32F);
    cv::resize(binary, fraction, cv::Size(gridW, gridH), 0, 0, cv::INTER_AREA);
    std::vector<std::uint8_t> labels(static_cast<std::size_t>(gridH * gridW), 0);
    double maxFraction = 0;
    cv::Point strongest;
    cv::minMaxLoc(fraction, nullptr, &maxFraction, nullptr, &strongest);
    bool any = false;
    for (int y = 0; y < gridH; ++y)
        for (int x = 0; x < gridW; ++x)
            if (fraction.at<float>(y, x) >= 0.5f) {
                labels[std::size_t(y * gridW + x)] = 1;
                any = true;
            }
    if (!any && maxFraction > 0)
        labels[std::size_t(strongest.y * gridW + strongest.x)] = 1;
    return labels;
}

std::vector<float> sampleAroundCentres(const std::vector<float>& defects, int dim, int centres, std::int64_t count,
                                       float sigma, unsigned seed)
{
    const std::int64_t n = std::int64_t(defects.size()) / dim;
    if (n == 0 || count <= 0)
        return {};
    std::vector<float> c = kmeansCentres(defects.data(), n, dim, centres, seed);
    const std::int64_t k = std::int64_t(c.size()) / dim;
    std::mt19937 rng(seed);
    auto gaussian = [&rng] { // Box-Muller on raw output: portable across standard libraries
        const double u1 = (double(rng()) + 1.0) / 4294967297.0, u2 = double(rng()) / 4294967296.0;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    };
    std::vector<float> out(static_cast<std::size_t>(count * dim));
    for (std::int64_t i = 0; i < count; ++i)
        for (int d = 0; d < dim; ++d)
            out[std::size_t(i * dim + d)] = c[std::size_t((i % k) * dim + d)] + sigma * float(gaussian());
    return out;
}

void PatchSet::append(const PatchSet& other, std::int64_t row, int dim)
{
    features.insert(features.end(), other.features.begin() + row * dim, other.features.begin() + (row + 1) * dim);
    source.push_back(other.source[std::size_t(row)]);
}

void PatchSet::appendAll(const PatchSet& other)
{
    features.insert(features.end(), other.features.begin(), other.features.end());
    source.insert(source.end(), other.source.begin(), other.source.end());
}

void buildNormalBank(MemoryBank& bank, const PatchSet& patches, int dim, const DmadParams& params,
                     const ProgressContext& progress, DmadBankSizes& sizes)
{
    CoresetOptions coreset;
    const std::int64_t rows = patches.rows(dim);
    coreset.targetSize = std::max<std::int64_t>(1, std::llround(params.coresetRatio * double(rows)));
    coreset.seed = params.seed;
    std::vector<std::int64_t> keep = greedyCoreset(patches.features.data(), rows, dim, coreset, progress);
    std::vector<float> memories(keep.size() * std::size_t(dim));
    bank.sourceImage.clear();
    for (std::size_t i = 0; i < keep.size(); ++i) {
        std::copy_n(patches.features.data() + keep[i] * dim, dim, memories.data() + i * std::size_t(dim));
        bank.sourceImage.push_back(patches.source[std::size_t(keep[i])]);
    }
    bank.index.build(memories.data(), std::int64_t(keep.size()), dim, params.searchOptions());
    sizes.normal = std::int64_t(keep.size());
}

// Large defect sets are thinned because every memory costs search time for each of
// the 1024 patches of every inspected part.
PatchSet thinnedPatches(const PatchSet& set, int dim, std::int64_t limit, unsigned seed)
{
    const std::int64_t rows = set.rows(dim);
    if (rows <= limit) return set;
    CoresetOptions coreset;
    coreset.targetSize = limit;
    coreset.seed = seed;
    PatchSet out;
    for (auto i : greedyCoreset(set.features.data(), rows, dim, coreset, {}))
        out.append(set, i, dim);
    return out;
}

PatchSet defectMemories(const PatchSet& real, const PatchSet& synthetic, int dim, const DmadParams& params,
                        DmadBankSizes& sizes)
{
    const bool haveLabels = !real.features.empty();
    if (!haveLabels) {
        PatchSet memories = thinnedPatches(synthetic, dim, params.maxDefectMemories, params.seed + 4);
        sizes.labelledDefects = 0;
        sizes.syntheticDefects = memories.rows(dim);
        return memories;
    }
    if (params.syntheticWithLabels) {
        // Both kinds, each up to max_defect_memories.
        PatchSet combined = real;
        combined.appendAll(thinnedPatches(synthetic, dim, params.maxDefectMemories, params.seed + 5));
        PatchSet memories = thinnedPatches(combined, dim, params.maxDefectMemories * 2, params.seed + 4);
        sizes.labelledDefects = std::min(real.rows(dim), memories.rows(dim));
        sizes.syntheticDefects = memories.rows(dim) - sizes.labelledDefects;
        return memories;
    }
    // Labelled patches (with their transplanted copies) first; where one or two labels
    // leave the bank thin, synthetic patches fill it up to max_defect_memories
    // (`synthetic_fill`), so a single label adds to what the unsupervised bank knew
    // instead of replacing it.
    PatchSet memories = thinnedPatches(real, dim, params.maxDefectMemories, params.seed + 4);
    sizes.labelledDefects = memories.rows(dim);
    const std::int64_t room = params.maxDefectMemories - memories.rows(dim);
    if (params.syntheticFill && room > 0 && !synthetic.features.empty())
        memories.appendAll(thinnedPatches(synthetic, dim, room, params.seed + 5));
    sizes.syntheticDefects = memories.rows(dim) - sizes.labelledDefects;
    return memories;
}

void appendCentreSamples(PatchSet& bank, int dim, const DmadParams& params, DmadBankSizes& sizes)
{
    // Noise scaled to the defects' own spread (the paper's 0.015 was for WRN features).
    const std::int64_t n = bank.rows(dim);
    double variance = 0;
    for (int d = 0; d < dim; ++d) {
        double mean = 0, sq = 0;
        for (std::int64_t i = 0; i < n; ++i) {
            const double v = bank.features[std::size_t(i * dim + d)];
            mean += v;
            sq += v * v;
        }
        mean /= double(n);
        variance += std::max(0.0, sq / double(n) - mean * mean);
    }
    const float sigma = float(params.centreNoise * std::sqrt(variance / dim));
    std::vector<float> sampled = sampleAroundCentres(bank.features, dim, params.centres, n, sigma, params.seed + 2);
    bank.features.insert(bank.features.end(), sampled.begin(), sampled.end());
    bank.source.insert(bank.source.end(), std::size_t(n), -1);
    sizes.centreSamples = n;
}

void appendTextureCoreset(PatchSet& bank, const PatchSet& textures, int dim, const DmadParams& params,
                          DmadBankSizes& sizes)
{
    CoresetOptions coreset;
    const std::int64_t rows = textures.rows(dim);
    coreset.targetSize = std::max<std::int64_t>(1, std::llround(params.textureCoresetRatio * double(rows)));
    coreset.seed = params.seed + 3;
    std::vector<std::int64_t> keep = greedyCoreset(textures.features.data(), rows, dim, coreset, {});
    for (auto i : keep) {
        bank.features.insert(bank.features.end(), textures.features.begin() + i * dim,
                             textures.features.begin() + (i + 1) * dim);
        bank.source.push_back(-1);
    }
    sizes.textures = std::int64_t(keep.size());
}

} // namespace dl
