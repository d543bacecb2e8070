#include "components/ScaleWeights.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dl {

ScaleSpread::ScaleSpread(std::size_t scales) : sum_(scales, 0.0), squares_(scales, 0.0), count_(scales, 0.0) {}

void ScaleSpread::add(std::size_t scale, const torch::Tensor& values)
{
    if (scale >= sum_.size())
        throw Error("scale " + std::to_string(scale) + " is beyond the " + std::to_string(sum_.size())
                    + " scales being weighed");
    const torch::Tensor v = values.detach().to(torch::kFloat64);
    sum_[scale] += v.sum().item<double>();
    squares_[scale] += v.pow(2).sum().item<double>();
    count_[scale] += double(v.numel());
}

std::vector<float> ScaleSpread::inverseSpreadWeights() const
{
    if (sum_.empty() || std::any_of(count_.begin(), count_.end(), [](double n) { return n < 2; }))
        return {};
    std::vector<double> inverse(sum_.size());
    for (std::size_t s = 0; s < sum_.size(); ++s) {
        const double mean = sum_[s] / count_[s];
        const double spread = std::sqrt(std::max(0.0, squares_[s] / count_[s] - mean * mean));
        inverse[s] = 1.0 / std::max(spread, 1e-6); // a scale that never varies gets a large, finite weight
    }
    const double meanInverse = std::accumulate(inverse.begin(), inverse.end(), 0.0) / double(inverse.size());
    std::vector<float> weights;
    for (double w : inverse)
        weights.push_back(float(w / meanInverse));
    return weights;
}

} // namespace dl
