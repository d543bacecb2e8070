#include "methods/patchcore/PatchCoreParams.h"

#include "components/ParamReader.h"

#include <algorithm>

namespace dl {

nlohmann::json PatchCoreParams::defaults()
{
    return {
        {"taps", {"features.6", "features.13"}},
        {"neighbourhood", 3},
        {"feature_dim", 0},
        {"image_size", 256},
        {"coreset_ratio", 0.01},
        {"projection_dim", 32},
        {"search", "exact"},
        {"hnsw_ef_search", 64},
        {"image_score", "map_max"},
        {"reweight_neighbours", 9},
        {"smoothing_sigma", 4.0},
        {"batch_size", 8},
        {"seed", 0},
    };
}

PatchCoreParams PatchCoreParams::parse(const nlohmann::json& merged)
{
    const ParamReader read("patchcore", merged);
    PatchCoreParams p;
    p.features = PatchFeatureSpec::fromParams(merged);
    p.search.kind = read.oneOf("search", {"exact", "hnsw"});
    p.search.hnswEfSearch = read.get<int>("hnsw_ef_search");
    p.imageSize = read.integer("image_size", 32, 2048);
    p.imageScore = read.oneOf("image_score", {"map_max", "patch_max", "reweighted"});
    p.coresetRatio = read.get<double>("coreset_ratio");
    if (!(p.coresetRatio > 0.0 && p.coresetRatio <= 1.0))
        throw Error("patchcore coreset_ratio must be in (0, 1], got " + std::to_string(p.coresetRatio));
    p.projectionDim = read.get<int>("projection_dim");
    p.reweightNeighbours = read.get<int>("reweight_neighbours");
    p.smoothingSigma = read.nonNegative("smoothing_sigma");
    p.batchSize = std::max(1, read.get<int>("batch_size"));
    p.seed = read.get<unsigned>("seed");
    return p;
}

} // namespace dl
