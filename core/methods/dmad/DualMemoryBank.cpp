#include "methods/dmad/DualMemoryBank.h"

#include "common/Error.h"
#include "components/KMeans.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>

namespace dl {

std::vector<std::int64_t> MemoryBank::nearestExcluding(const float* queries, std::int64_t count, int k,
                                                       const std::int64_t* excludeImage) const
{
    // Over-fetch, then drop own-image memories; the bank holds many images, so a
    // few extra candidates suffice.
    const int fetch = int(std::min<std::int64_t>(index.size(), k + (excludeImage ? 16 : 0)));
    std::vector<float> distances(static_cast<std::size_t>(count * fetch));
    std::vector<std::int64_t> ids(static_cast<std::size_t>(count * fetch));
    index.search(queries, count, fetch, distances.data(), ids.data());
    std::vector<std::int64_t> out(static_cast<std::size_t>(count * k));
    for (std::int64_t i = 0; i < count; ++i) {
        int taken = 0;
        const std::int64_t* row = ids.data() + i * fetch;
        for (int j = 0; j < fetch && taken < k; ++j) {
            if (row[j] < 0) continue;
            if (excludeImage && excludeImage[i] >= 0 && sourceImage[std::size_t(row[j])] == excludeImage[i]) continue;
            out[std::size_t(i * k + taken++)] = row[j];
        }
        // Degenerate banks (all from one image): fall back to the plain neighbours.
        for (int j = 0; taken < k; ++j)
            out[std::size_t(i * k + taken++)] = std::max<std::int64_t>(0, row[j % fetch]);
    }
    return out;
}

std::vector<std::uint8_t> patchLabelsFromMask(const cv::Mat& mask8u, int gridH, int gridW)
{
    cv::Mat binary, fraction;
    cv::threshold(mask8u, binary, 0, 1.0, cv::THRESH_BINARY);
    binary.convertTo(binary, CV_32F);
    cv::resize(binary, fraction, cv::Size(gridW, gridH), 0, 0, cv::INTER_AREA);
    std::vector<std::uint8_t> labels(static_cast<std::size_t>(gridH * gridW), 0);
    double maxFraction = 0;
    cv::Point strongest;
    cv::minMaxLoc(fraction, nullptr, &maxFraction, nullptr, &strongest);
    bool any = false;
    for (int y = 0; y < gridH; ++y)
        for (int x = 0; x < gridW; ++x)
            if (fraction.at<float>(y, x) >= 0.5f) {
                labels[std::size_t(y * gridW + x)] = 1;
                any = true;
            }
    if (!any && maxFraction > 0)
        labels[std::size_t(strongest.y * gridW + strongest.x)] = 1;
    return labels;
}

std::vector<float> sampleAroundCentres(const std::vector<float>& defects, int dim, int centres, std::int64_t count,
                                       float sigma, unsigned seed)
{
    const std::int64_t n = std::int64_t(defects.size()) / dim;
    if (n == 0 || count <= 0)
        return {};
    std::vector<float> c = kmeansCentres(defects.data(), n, dim, centres, seed);
    const std::int64_t k = std::int64_t(c.size()) / dim;
    std::mt19937 rng(seed);
    auto gaussian = [&rng] { // Box-Muller on raw output: portable across standard libraries
        const double u1 = (double(rng()) + 1.0) / 4294967297.0, u2 = double(rng()) / 4294967296.0;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    };
    std::vector<float> out(static_cast<std::size_t>(count * dim));
    for (std::int64_t i = 0; i < count; ++i)
        for (int d = 0; d < dim; ++d)
            out[std::size_t(i * dim + d)] = c[std::size_t((i % k) * dim + d)] + sigma * float(gaussian());
    return out;
}

} // namespace dl
