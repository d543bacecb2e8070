#pragma once
// PatchCore's parameters, typed and checked once: the registry's defaults, and
// the merged defaults + --param overrides read into fields with a clear error
// for a bad value (before any work starts). Torch-free.
#include "components/NearestNeighbours.h"
#include "components/PatchFeatureSpec.h"

#include <nlohmann/json.hpp>

#include <string>

namespace dl {

struct PatchCoreParams {
    PatchFeatureSpec features;          // taps, neighbourhood, feature_dim
    int imageSize = 256;                // square input side in pixels
    double coresetRatio = 0.01;         // memory bank size / training patches
    int projectionDim = 32;             // random projection width for the greedy coreset
    NearestNeighbourOptions search;     // search: exact or hnsw; hnsw_ef_search
    std::string imageScore = "map_max"; // map_max, patch_max or reweighted
    int reweightNeighbours = 9;         // b of the paper's reweighting
    double smoothingSigma = 4.0;        // Gaussian on the map, pixels at the input size
    int batchSize = 8;                  // images per feature-extraction batch
    unsigned seed = 0;                  // coreset projection and start point

    static nlohmann::json defaults();
    static PatchCoreParams parse(const nlohmann::json& merged); // throws dl::Error naming the key
};

} // namespace dl
