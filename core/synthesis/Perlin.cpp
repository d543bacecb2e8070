#include "synthesis/Perlin.h"

#include "common/Error.h"
#include "synthesis/Random.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace dl {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Perlin's quintic fade: zero first and second derivatives at the lattice points,
// so the noise has no visible grid creases.
inline double fade(double t) { return t * t * t * (t * (t * 6.0 - 15.0) + 10.0); }

inline double lerp(double a, double b, double t) { return a + (b - a) * t; }

std::string sizeText(cv::Size size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

} // namespace

cv::Mat perlinNoiseRotated(cv::Size size, int periodsX, int periodsY, double degrees, std::mt19937& rng)
{
    if (size.width <= 0 || size.height <= 0)
        throw Error("Perlin noise needs a non-empty size (got " + sizeText(size) + ")");
    if (periodsX < 1 || periodsY < 1)
        throw Error("Perlin noise needs at least one period per axis (got " + std::to_string(periodsX) + "x"
                    + std::to_string(periodsY) + ")");

    // A pixel centre p maps to lattice coordinates L(R(p - c) + c), where R rotates
    // about the image centre c and L scales pixels to cells. The lattice is made
    // large enough to cover the rotated image.
    const double radians = degrees * kPi / 180.0;
    const double cosA = std::cos(radians), sinA = std::sin(radians);
    const double cx = size.width * 0.5, cy = size.height * 0.5;
    const double cellsPerPixelX = double(periodsX) / size.width;
    const double cellsPerPixelY = double(periodsY) / size.height;
    auto toLattice = [&](double x, double y, double& u, double& v) {
        const double dx = x - cx, dy = y - cy;
        u = (cosA * dx - sinA * dy + cx) * cellsPerPixelX;
        v = (sinA * dx + cosA * dy + cy) * cellsPerPixelY;
    };

    double minU = 1e300, maxU = -1e300, minV = 1e300, maxV = -1e300;
    for (const auto& corner : {cv::Point2d(0, 0), cv::Point2d(size.width, 0), cv::Point2d(0, size.height),
                               cv::Point2d(size.width, size.height)}) {
        double u = 0, v = 0;
        toLattice(corner.x, corner.y, u, v);
        minU = std::min(minU, u), maxU = std::max(maxU, u);
        minV = std::min(minV, v), maxV = std::max(maxV, v);
    }
    const int originU = int(std::floor(minU)), originV = int(std::floor(minV));
    const int cellsU = int(std::floor(maxU)) - originU + 1;
    const int cellsV = int(std::floor(maxV)) - originV + 1;

    // One random unit gradient per lattice point, drawn row by row.
    const int pointsU = cellsU + 1;
    std::vector<double> gradX(std::size_t(pointsU) * (cellsV + 1)), gradY(gradX.size());
    for (std::size_t i = 0; i < gradX.size(); ++i) {
        const double angle = 2.0 * kPi * randomUnit(rng);
        gradX[i] = std::cos(angle);
        gradY[i] = std::sin(angle);
    }

    cv::Mat noise(size, CV_32FC1);
    const double scale = std::sqrt(2.0);
    for (int y = 0; y < size.height; ++y) {
        float* row = noise.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) {
            double u = 0, v = 0;
            toLattice(x + 0.5, y + 0.5, u, v);
            const double floorU = std::floor(u), floorV = std::floor(v);
            // Clamped only against rounding at the very edge of the covered range.
            const int iu = std::clamp(int(floorU) - originU, 0, cellsU - 1);
            const int iv = std::clamp(int(floorV) - originV, 0, cellsV - 1);
            const double fu = u - floorU, fv = v - floorV;
            auto corner = [&](int du, int dv) {
                const std::size_t k = std::size_t(iv + dv) * pointsU + (iu + du);
                return gradX[k] * (fu - du) + gradY[k] * (fv - dv);
            };
            const double su = fade(fu), sv = fade(fv);
            const double top = lerp(corner(0, 0), corner(1, 0), su);
            const double bottom = lerp(corner(0, 1), corner(1, 1), su);
            row[x] = float(scale * lerp(top, bottom, sv));
        }
    }
    return noise;
}

cv::Mat perlinNoise(cv::Size size, int periodsX, int periodsY, std::mt19937& rng)
{
    return perlinNoiseRotated(size, periodsX, periodsY, 0.0, rng);
}

void validatePerlinMaskOptions(const PerlinMaskOptions& options)
{
    if (!(options.threshold > -1.0 && options.threshold < 1.0))
        throw Error("the Perlin mask threshold must lie strictly between -1 and 1 (got "
                    + std::to_string(options.threshold) + ")");
    if (options.minPixels < 1)
        throw Error("the Perlin mask minimum size must be at least 1 pixel (got " + std::to_string(options.minPixels)
                    + ")");
    if (options.maxScaleExponent < 0 || options.maxScaleExponent > 16)
        throw Error("the Perlin mask scale exponent must lie in 0..16 (got "
                    + std::to_string(options.maxScaleExponent) + ")");
    if (options.maxAttempts < 1)
        throw Error("the Perlin mask needs at least one attempt (got " + std::to_string(options.maxAttempts) + ")");
}

namespace {

// Largest e with 2^e <= side (side >= 1).
int largestExponentWithin(int side)
{
    int exponent = 0;
    while ((2LL << exponent) <= side)
        ++exponent;
    return exponent;
}

// Last resort when every Perlin draw came out empty: a small ellipse centred on a
// random foreground pixel (or anywhere without a foreground), about minPixels large.
cv::Mat fallbackEllipse(cv::Size size, std::mt19937& rng, const cv::Mat& foreground, int minPixels)
{
    cv::Point centre;
    if (foreground.empty()) {
        centre = {randomInt(rng, 0, size.width - 1), randomInt(rng, 0, size.height - 1)};
    } else {
        std::vector<cv::Point> inside;
        cv::findNonZero(foreground, inside);
        centre = inside[randomBelow(rng, std::uint32_t(inside.size()))];
    }
    const double aspect = randomUniform(rng, 0.5, 1.0);
    const double radius = std::sqrt(double(minPixels) / (kPi * aspect)) + 1.0;
    const int cap = std::max(1, std::min(size.width, size.height) / 2);
    const cv::Size axes(std::min(cap, int(std::ceil(radius))), std::min(cap, std::max(1, int(std::ceil(radius * aspect)))));
    const double angle = randomUniform(rng, 0.0, 180.0);
    cv::Mat mask = cv::Mat::zeros(size, CV_8UC1);
    cv::ellipse(mask, centre, axes, angle, 0, 360, cv::Scalar(255), cv::FILLED);
    if (!foreground.empty())
        cv::bitwise_and(mask, foreground, mask); // keeps the centre, so never empty
    return mask;
}

} // namespace

cv::Mat perlinAnomalyMask(cv::Size size, std::mt19937& rng, const cv::Mat& foreground,
                          const PerlinMaskOptions& options)
{
    if (size.width <= 0 || size.height <= 0)
        throw Error("a defect mask needs a non-empty size (got " + sizeText(size) + ")");
    validatePerlinMaskOptions(options);

    cv::Mat object; // binary {0,255}, or empty for "everywhere"
    if (!foreground.empty()) {
        if (foreground.type() != CV_8UC1 || foreground.size() != size)
            throw Error("the foreground for a defect mask must be an 8-bit single-channel image of "
                        + sizeText(size) + " (got " + sizeText(foreground.size()) + " with "
                        + std::to_string(foreground.channels()) + " channel(s))");
        object = foreground > 0;
        if (cv::countNonZero(object) == 0)
            object.release(); // an empty object would make every mask empty
    }

    const int maxExponentX = std::min(options.maxScaleExponent, largestExponentWithin(size.width));
    const int maxExponentY = std::min(options.maxScaleExponent, largestExponentWithin(size.height));
    cv::Mat best;
    int bestPixels = 0;
    for (int attempt = 0; attempt < options.maxAttempts; ++attempt) {
        const int periodsX = 1 << randomInt(rng, 0, maxExponentX);
        const int periodsY = 1 << randomInt(rng, 0, maxExponentY);
        const double degrees = randomUniform(rng, -90.0, 90.0);
        const cv::Mat noise = perlinNoiseRotated(size, periodsX, periodsY, degrees, rng);
        cv::Mat mask = noise > options.threshold;
        if (!object.empty())
            cv::bitwise_and(mask, object, mask);
        const int pixels = cv::countNonZero(mask);
        if (pixels >= options.minPixels)
            return mask;
        if (pixels > bestPixels) {
            best = mask;
            bestPixels = pixels;
        }
    }
    if (bestPixels > 0)
        return best;
    return fallbackEllipse(size, rng, object, options.minPixels);
}

} // namespace dl
