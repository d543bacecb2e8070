#include "methods/patchcore/PatchCoreTrainer.h"

#include "common/Log.h"
#include "components/Coreset.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"
#include "data/ImageIO.h"

#include <cmath>

namespace dl {
namespace {

// Patch features of every image, row-major [patches, dim], streamed in small batches.
std::vector<float> extractAll(const PatchFeatureExtractor& features, const std::vector<Sample>& normal,
                              const PreprocessSpec& preprocess, int batchSize, int& gridH, int& gridW,
                              const ProgressContext& progress)
{
    std::vector<float> all;
    for (std::size_t begin = 0; begin < normal.size(); begin += std::size_t(batchSize)) {
        progress.checkCancelled();
        const std::size_t end = std::min(normal.size(), begin + std::size_t(batchSize));
        progress.report(0.4 * double(begin) / double(normal.size()), DL_TR("Engine", "extracting patch features"));
        std::vector<cv::Mat> images;
        for (std::size_t i = begin; i < end; ++i)
            images.push_back(preprocess.decode(normal[i].path).rgb);
        torch::Tensor f = features.extract(imagesToTensor(images, preprocess), gridH, gridW);
        all.insert(all.end(), f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
    }
    return all;
}

} // namespace

PatchCoreMemory buildPatchCoreMemory(const PatchFeatureExtractor& features, const std::vector<Sample>& normal,
                                     const PreprocessSpec& preprocess, const PatchCoreParams& params,
                                     const ProgressContext& progress)
{
    PatchCoreMemory memory;
    const int dim = features.dim();
    const auto extractStart = SteadyClock::now();
    std::vector<float> all = extractAll(features, normal, preprocess, params.batchSize, memory.gridH, memory.gridW,
                                        progress);
    const std::int64_t count = std::int64_t(all.size()) / dim;
    const double extractSeconds = secondsSince(extractStart);

    // Greedy coreset on a random projection.
    const auto coresetStart = SteadyClock::now();
    CoresetOptions coreset;
    coreset.targetSize = std::max<std::int64_t>(1, std::int64_t(std::llround(params.coresetRatio * double(count))));
    coreset.projectionDim = params.projectionDim;
    coreset.seed = params.seed;
    std::vector<std::int64_t> keep = greedyCoreset(all.data(), count, dim, coreset, progress.sub(0.4, 0.95));
    std::vector<float> bank(keep.size() * std::size_t(dim));
    for (std::size_t i = 0; i < keep.size(); ++i)
        std::copy_n(all.data() + keep[i] * dim, dim, bank.data() + i * std::size_t(dim));
    all.clear();
    all.shrink_to_fit();
    const double coresetSeconds = secondsSince(coresetStart);

    progress.report(0.95, DL_TR("Engine", "building nearest-neighbour index"));
    const auto indexStart = SteadyClock::now();
    memory.bank.build(bank.data(), std::int64_t(keep.size()), dim, params.searchOptions());
    const double indexSeconds = secondsSince(indexStart);
    logInfo(DL_TR("Engine", "patchcore: %1 patches -> memory bank of %2 x %3 (features %4 s, coreset %5 s, index %6 s)"),
            count, keep.size(), dim, formatFixed(extractSeconds, 2), formatFixed(coresetSeconds, 2),
            formatFixed(indexSeconds, 2));
    memory.provenance = {{"patches", count}, {"memory_bank", keep.size()}, {"dim", dim},
                         {"feature_seconds", extractSeconds}, {"coreset_seconds", coresetSeconds},
                         {"index_seconds", indexSeconds}};
    return memory;
}

} // namespace dl
