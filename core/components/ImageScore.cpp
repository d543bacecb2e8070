#include "components/ImageScore.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace dl {

float topKMean(const cv::Mat& map, int k)
{
    const cv::Mat dense = map.isContinuous() ? map : map.clone();
    std::vector<float> values(dense.ptr<float>(), dense.ptr<float>() + dense.total());
    const std::size_t n = std::min<std::size_t>(values.size(), std::size_t(std::max(1, k)));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(n - 1), values.end(), std::greater<float>());
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i)
        sum += values[i];
    return float(sum / double(n));
}

float topFractionMean(const cv::Mat& map, double fraction)
{
    const double pixels = double(map.total());
    return topKMean(map, int(std::max(1.0, std::round(std::clamp(fraction, 0.0, 1.0) * pixels))));
}

float maxOrTopFractionMean(const cv::Mat& map, bool top, double fraction)
{
    if (top) return topFractionMean(map, fraction);
    double maxValue = 0;
    cv::minMaxLoc(map, nullptr, &maxValue);
    return float(maxValue);
}

} // namespace dl
