#pragma once
// PatchCore's training: patch features of every normal image, a greedy coreset
// of them (the paper's memory-bank subsampling) and a searchable bank.
// Internal (torch) header.
#include "common/Progress.h"
#include "components/NearestNeighbours.h"
#include "components/PatchFeatures.h"
#include "data/Dataset.h"
#include "data/Preprocess.h"
#include "methods/patchcore/PatchCoreParams.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace dl {

struct PatchCoreMemory {
    NearestNeighbourIndex bank;
    int gridH = 0, gridW = 0;
    nlohmann::json provenance; // counts and stage times
};

PatchCoreMemory buildPatchCoreMemory(const PatchFeatureExtractor& features, const std::vector<Sample>& normal,
                                     const PreprocessSpec& preprocess, const PatchCoreParams& params,
                                     const ProgressContext& progress);

} // namespace dl
