#include "components/Coreset.h"

#include "common/Error.h"

#include <torch/torch.h>
#include <omp.h>

#include <cmath>
#include <limits>
#include <random>

namespace dl {
namespace {

// One greedy step: fold the distances to the newest centre into minDistance and
// return the row farthest from all centres. Cloned for AVX-512/AVX2 because it
// is the whole cost of fitting a memory bank.
__attribute__((target_clones("avx512f", "avx2", "default")))
std::int64_t updateMinDistances(const float* points, std::int64_t count, int dim, const float* centre,
                                float* minDistance)
{
    std::int64_t bestIndex = 0;
    float bestValue = -1.0f;
#pragma omp parallel
    {
        std::int64_t localIndex = 0;
        float localValue = -1.0f;
#pragma omp for schedule(static) nowait
        for (std::int64_t i = 0; i < count; ++i) {
            const float* p = points + i * dim;
            float d = 0.0f;
#pragma omp simd reduction(+ : d)
            for (int k = 0; k < dim; ++k) {
                float diff = p[k] - centre[k];
                d += diff * diff;
            }
            float m = std::min(minDistance[i], d);
            minDistance[i] = m;
            if (m > localValue) {
                localValue = m;
                localIndex = i;
            }
        }
#pragma omp critical
        {
            // Ties resolve to the lowest index so the result is thread-count independent.
            if (localValue > bestValue || (localValue == bestValue && localIndex < bestIndex)) {
                bestValue = localValue;
                bestIndex = localIndex;
            }
        }
    }
    return bestIndex;
}

// Box-Muller on raw mt19937 output: std::normal_distribution's algorithm is
// implementation-defined, and the projection must not change between platforms.
double standardNormal(std::mt19937& rng)
{
    const double u1 = (double(rng()) + 1.0) / 4294967297.0; // (0, 1]
    const double u2 = double(rng()) / 4294967296.0;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

} // namespace

std::vector<std::int64_t> greedyCoreset(const float* features, std::int64_t count, std::int64_t dim,
                                        const CoresetOptions& options, const ProgressContext& progress)
{
    if (count <= 0 || dim <= 0)
        throw Error("coreset selection needs at least one feature vector");
    const std::int64_t target = std::min(count, std::max<std::int64_t>(1, options.targetSize));

    torch::Tensor all = torch::from_blob(const_cast<float*>(features), {count, dim}, torch::kFloat32);
    torch::Tensor projected;
    if (options.projectionDim > 0 && options.projectionDim < dim) {
        // Seeded Gaussian projection (Johnson-Lindenstrauss); generated with our own
        // RNG so the selection is identical across platforms and torch versions.
        std::mt19937 rng(options.seed);
        std::vector<float> matrix(std::size_t(dim) * std::size_t(options.projectionDim));
        for (auto& v : matrix) v = float(standardNormal(rng)) / std::sqrt(float(options.projectionDim));
        torch::Tensor r = torch::from_blob(matrix.data(), {dim, options.projectionDim}, torch::kFloat32);
        projected = torch::mm(all, r).contiguous();
    } else {
        projected = all.contiguous();
    }
    const int pdim = int(projected.size(1));
    const float* points = projected.data_ptr<float>();

    std::vector<float> minDistance(std::size_t(count), std::numeric_limits<float>::max());
    std::vector<std::int64_t> selected;
    selected.reserve(std::size_t(target));
    std::int64_t current = std::int64_t(std::mt19937(options.seed)() % std::uint64_t(count));
    const std::int64_t reportEvery = std::max<std::int64_t>(1, target / 100);
    for (std::int64_t step = 0; step < target; ++step) {
        selected.push_back(current);
        if (step + 1 == target)
            break;
        current = updateMinDistances(points, count, pdim, points + current * pdim, minDistance.data());
        if (step % reportEvery == 0) {
            progress.checkCancelled();
            progress.report(double(step) / double(target), DL_TR("Engine", "selecting coreset"));
        }
    }
    return selected;
}

} // namespace dl
