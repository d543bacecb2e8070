#pragma once
// PatchCore's anomaly map and image score from one image's patch features:
// distance of each patch to its nearest memory, upsampled and smoothed; the
// image score is the smoothed map's maximum (map_max), the largest patch
// distance (patch_max), or that distance reweighted by how dense the matched
// memory's neighbourhood is (reweighted, the paper's). Internal header.
#include "components/NearestNeighbours.h"
#include "engine/Detector.h"
#include "methods/patchcore/PatchCoreParams.h"

namespace dl {

// `queries`: [gridH*gridW, dim] patch features of one image.
Prediction patchCoreScore(const NearestNeighbourIndex& bank, const float* queries, int gridH, int gridW,
                          const PatchCoreParams& params);

} // namespace dl
