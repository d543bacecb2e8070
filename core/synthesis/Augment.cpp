#include "synthesis/Augment.h"

#include "synthesis/Random.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

namespace dl::augment {
namespace {

// Applies `f` (0..255 -> any real) to every channel through a lookup table.
template <typename F>
cv::Mat mapValues(const cv::Mat& rgb, F f)
{
    cv::Mat table(1, 256, CV_8UC1);
    for (int v = 0; v < 256; ++v)
        table.at<uchar>(v) = cv::saturate_cast<uchar>(f(v));
    cv::Mat out;
    cv::LUT(rgb, table, out);
    return out;
}

// Runs `change` on the HSV planes (hue on the full 0..255 circle) and converts back.
template <typename F>
cv::Mat inHsv(const cv::Mat& rgb, F change)
{
    cv::Mat hsv;
    cv::cvtColor(rgb, hsv, cv::COLOR_RGB2HSV_FULL);
    std::vector<cv::Mat> planes;
    cv::split(hsv, planes);
    change(planes);
    cv::merge(planes, hsv);
    cv::Mat out;
    cv::cvtColor(hsv, out, cv::COLOR_HSV2RGB_FULL);
    return out;
}

cv::Mat lookup(const cv::Mat& plane, const std::array<uchar, 256>& values)
{
    cv::Mat table(1, 256, CV_8UC1, const_cast<uchar*>(values.data()));
    cv::Mat out;
    cv::LUT(plane, table, out);
    return out;
}

} // namespace

cv::Mat gamma(const cv::Mat& rgb, double exponent)
{
    return mapValues(rgb, [&](int v) { return 255.0 * std::pow(v / 255.0, exponent); });
}

cv::Mat brightness(const cv::Mat& rgb, double gain, double offset)
{
    return mapValues(rgb, [&](int v) { return gain * v + offset; });
}

cv::Mat sharpen(const cv::Mat& rgb, double amount)
{
    cv::Mat blurred;
    cv::GaussianBlur(rgb, blurred, cv::Size(0, 0), 1.0);
    cv::Mat out;
    cv::addWeighted(rgb, 1.0 + amount, blurred, -amount, 0.0, out);
    return out;
}

cv::Mat shiftHueSaturation(const cv::Mat& rgb, int hueShift, int saturationShift)
{
    return inHsv(rgb, [&](std::vector<cv::Mat>& planes) {
        std::array<uchar, 256> hue{}, saturation{};
        for (int v = 0; v < 256; ++v) {
            hue[v] = uchar(((v + hueShift) % 256 + 256) % 256); // hue wraps around the circle
            saturation[v] = cv::saturate_cast<uchar>(v + saturationShift);
        }
        planes[0] = lookup(planes[0], hue);
        planes[1] = lookup(planes[1], saturation);
    });
}

cv::Mat scaleSaturation(const cv::Mat& rgb, double factor)
{
    return inHsv(rgb, [&](std::vector<cv::Mat>& planes) {
        std::array<uchar, 256> saturation{};
        for (int v = 0; v < 256; ++v)
            saturation[v] = cv::saturate_cast<uchar>(v * factor);
        planes[1] = lookup(planes[1], saturation);
    });
}

cv::Mat solarize(const cv::Mat& rgb, int threshold)
{
    return mapValues(rgb, [&](int v) { return v >= threshold ? 255 - v : v; });
}

cv::Mat posterize(const cv::Mat& rgb, int bits)
{
    const int keep = 0xFF & ~((1 << (8 - std::clamp(bits, 1, 8))) - 1);
    return mapValues(rgb, [&](int v) { return v & keep; });
}

cv::Mat invert(const cv::Mat& rgb)
{
    return mapValues(rgb, [](int v) { return 255 - v; });
}

cv::Mat autocontrast(const cv::Mat& rgb)
{
    std::vector<cv::Mat> planes;
    cv::split(rgb, planes);
    for (cv::Mat& plane : planes) {
        double low = 0, high = 0;
        cv::minMaxLoc(plane, &low, &high);
        if (high > low) // a flat channel stays as it is
            plane.convertTo(plane, CV_8U, 255.0 / (high - low), -low * 255.0 / (high - low));
    }
    cv::Mat out;
    cv::merge(planes, out);
    return out;
}

cv::Mat equalize(const cv::Mat& rgb)
{
    std::vector<cv::Mat> planes;
    cv::split(rgb, planes);
    for (cv::Mat& plane : planes)
        cv::equalizeHist(plane, plane);
    cv::Mat out;
    cv::merge(planes, out);
    return out;
}

cv::Mat rotate(const cv::Mat& rgb, double degrees)
{
    const cv::Point2f centre(rgb.cols * 0.5f - 0.5f, rgb.rows * 0.5f - 0.5f);
    const cv::Mat transform = cv::getRotationMatrix2D(centre, degrees, 1.0);
    cv::Mat out;
    // Mirroring fills the corners with image content instead of black wedges,
    // which would themselves look like an (unwanted) defect edge.
    cv::warpAffine(rgb, out, transform, rgb.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT_101);
    return out;
}

cv::Mat flip(const cv::Mat& rgb, int mode)
{
    cv::Mat out;
    switch (mode) {
    case 1: cv::flip(rgb, out, 1); break;
    case 2: cv::flip(rgb, out, 0); break;
    case 3: cv::flip(rgb, out, -1); break;
    default: out = rgb.clone(); break;
    }
    return out;
}

cv::Mat shuffleTiles(const cv::Mat& rgb, int tiles, std::mt19937& rng)
{
    const int tileW = (rgb.cols + tiles - 1) / tiles, tileH = (rgb.rows + tiles - 1) / tiles;
    cv::Mat source = rgb;
    if (tileW * tiles != rgb.cols || tileH * tiles != rgb.rows)
        cv::resize(rgb, source, cv::Size(tileW * tiles, tileH * tiles), 0, 0, cv::INTER_LINEAR);

    std::vector<int> order(std::size_t(tiles) * tiles);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = order.size() - 1; i > 0; --i) // Fisher-Yates on raw draws
        std::swap(order[i], order[randomBelow(rng, std::uint32_t(i + 1))]);

    cv::Mat shuffled(source.size(), source.type());
    for (int target = 0; target < int(order.size()); ++target) {
        const int from = order[std::size_t(target)];
        const cv::Rect src((from % tiles) * tileW, (from / tiles) * tileH, tileW, tileH);
        const cv::Rect dst((target % tiles) * tileW, (target / tiles) * tileH, tileW, tileH);
        source(src).copyTo(shuffled(dst));
    }
    if (shuffled.size() != rgb.size())
        cv::resize(shuffled, shuffled, rgb.size(), 0, 0, cv::INTER_LINEAR);
    return shuffled;
}

cv::Mat randomTextureAugment(const cv::Mat& rgb, std::mt19937& rng)
{
    constexpr int kOperations = 10, kChosen = 3;
    std::array<int, kOperations> order{};
    std::iota(order.begin(), order.end(), 0);
    for (int i = 0; i < kChosen; ++i) // partial Fisher-Yates: 3 distinct, in random order
        std::swap(order[std::size_t(i)], order[std::size_t(i) + randomBelow(rng, std::uint32_t(kOperations - i))]);

    cv::Mat out = rgb;
    for (int i = 0; i < kChosen; ++i) {
        switch (order[std::size_t(i)]) {
        case 0: out = gamma(out, randomUniform(rng, 0.5, 2.0)); break;
        case 1: {
            const double gain = randomUniform(rng, 0.8, 1.2);
            out = brightness(out, gain, randomUniform(rng, -30.0, 30.0));
            break;
        }
        case 2: out = sharpen(out, randomUniform(rng, 0.5, 2.0)); break;
        case 3: {
            const int hueShift = randomInt(rng, -50, 50);
            out = shiftHueSaturation(out, hueShift, randomInt(rng, -50, 50));
            break;
        }
        case 4: out = solarize(out, randomInt(rng, 32, 128)); break;
        case 5: out = posterize(out, randomInt(rng, 2, 5)); break;
        case 6: out = invert(out); break;
        case 7: out = autocontrast(out); break;
        case 8: out = equalize(out); break;
        default: out = rotate(out, randomUniform(rng, -45.0, 45.0)); break;
        }
    }
    return out;
}

cv::Mat randomStructuralAugment(const cv::Mat& rgb, std::mt19937& rng)
{
    // Separate statements fix the order of the draws (argument order is unspecified).
    cv::Mat out = flip(rgb, randomInt(rng, 0, 3));
    out = rotate(out, randomUniform(rng, -45.0, 45.0));
    out = brightness(out, randomUniform(rng, 0.8, 1.2), 0.0);
    out = scaleSaturation(out, randomUniform(rng, 0.5, 1.5));
    const int hueShift = randomInt(rng, -30, 30);
    out = shiftHueSaturation(out, hueShift, 0);
    return out;
}

} // namespace dl::augment
