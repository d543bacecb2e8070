#pragma once
// Greedy k-center coreset selection (PatchCore's memory-bank subsampling),
// run on a seeded Gaussian random projection so each step is cheap and the
// working set stays in cache. Plain interface; torch only in the .cpp.
#include "common/Progress.h"

#include <cstdint>
#include <vector>

namespace dl {

struct CoresetOptions {
    std::int64_t targetSize = 0;  // number of rows to keep
    int projectionDim = 32;       // 0 or >= dim: no projection
    unsigned seed = 0;
};

// features: row-major [count, dim]. Returns selected row indices in selection order.
std::vector<std::int64_t> greedyCoreset(const float* features, std::int64_t count, std::int64_t dim,
                                        const CoresetOptions& options, const ProgressContext& progress);

} // namespace dl
