#pragma once
// PatchCore's parameters, typed. defaults() is the registry's default set (the keys
// a --param may name); parse() reads a merged set (defaults + overrides) and checks
// every value before any work, naming the key of a bad one. Torch-free.
#include "components/NearestNeighbours.h"
#include "components/PatchFeatureSpec.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

struct PatchCoreParams {
    PatchFeatureSpec features;          // taps, neighbourhood, feature_dim (components/PatchFeatureSpec.h)
    int imageSize = 256;                // image_size: square input side in pixels
    double coresetRatio = 0.01;         // coreset_ratio: memory bank size / training patches
    int projectionDim = 32;             // projection_dim: random projection of the greedy coreset
    std::string search = "exact";       // exact or hnsw
    int hnswEfSearch = 64;              // hnsw_ef_search
    std::string imageScore = "map_max"; // image_score: map_max, patch_max or reweighted
    int reweightNeighbours = 9;         // reweight_neighbours: b of the paper's reweighting
    double smoothingSigma = 4.0;        // smoothing_sigma: Gaussian on the map, pixels
    int batchSize = 8;                  // batch_size: images per feature-extraction batch
    unsigned seed = 0;                  // coreset projection and start point

    static nlohmann::json defaults();
    // Throws dl::Error naming the key of the first bad value.
    static PatchCoreParams parse(const nlohmann::json& merged);

    NearestNeighbourOptions searchOptions() const;

    // Every key with its check; see components/ParamReader.h.
    template <typename Fields>
    void fields(Fields& f)
    {
        features.fields(f);
        f.integer("image_size", imageSize, 32, 2048);
        f.get("coreset_ratio", coresetRatio);
        f.get("projection_dim", projectionDim);
        f.oneOf("search", search, {"exact", "hnsw"});
        f.get("hnsw_ef_search", hnswEfSearch);
        f.oneOf("image_score", imageScore, {"map_max", "patch_max", "reweighted"});
        f.get("reweight_neighbours", reweightNeighbours);
        f.nonNegative("smoothing_sigma", smoothingSigma);
        f.atLeast("batch_size", batchSize, 1);
        f.get("seed", seed);
    }
};

} // namespace dl
