#pragma once
// k-means through FAISS (the field's standard), seeded and deterministic.
#include <cstdint>
#include <vector>

namespace dl {

// Returns k centres, row-major [k, dim]. k is clamped to the number of points.
std::vector<float> kmeansCentres(const float* points, std::int64_t count, int dim, int k, unsigned seed,
                                 int iterations = 25);

} // namespace dl
