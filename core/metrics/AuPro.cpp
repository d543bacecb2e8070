// AU-PRO (MVTec AD): area under the per-region-overlap curve up to a false
// positive rate limit. Computed exactly with one sort and one sweep: lowering
// the threshold past a normal pixel raises FPR by 1/#normal, past a defect
// pixel raises PRO by 1/(regionSize * #regions); a curve point is taken after
// each group of equal scores, so ties never create intermediate points.
#include "metrics/Metrics.h"

#include "common/Error.h"
#include "metrics/CurveThinning.h"
#include "metrics/SortedKeys.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <string>

namespace dl {

using metrics_detail::orderedKey;
using metrics_detail::radixSortByKey;
using metrics_detail::radixSortKeys;

namespace {

// A defect pixel: score key in the high 32 bits, global region index in the low 32.
using DefectEntry = std::uint64_t;

inline std::uint32_t keyOfDefect(DefectEntry entry) { return std::uint32_t(entry >> 32); }
inline std::uint32_t regionOfDefect(DefectEntry entry) { return std::uint32_t(entry); }

struct ProInput {
    std::vector<std::uint32_t> normalKeys;   // ascending after sorting
    std::vector<DefectEntry> defects;        // ascending by key after sorting
    std::vector<std::uint64_t> regionSizes;  // pixels per region, all images
};

ProInput collectPixels(const PixelImageRefs& images)
{
    std::size_t defectCount = 0;
    std::size_t totalCount = 0;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const PixelImage& image = *images[i];
        if (image.width < 0 || image.height < 0)
            throw Error("AU-PRO: image " + std::to_string(i) + " has a negative size");
        const std::size_t pixels = std::size_t(image.width) * std::size_t(image.height);
        if (image.scores.size() != pixels || image.mask.size() != pixels)
            throw Error("AU-PRO: image " + std::to_string(i) + " is " + std::to_string(image.width)
                        + "x" + std::to_string(image.height) + " but has "
                        + std::to_string(image.scores.size()) + " scores and "
                        + std::to_string(image.mask.size()) + " mask values");
        totalCount += pixels;
        defectCount += std::size_t(std::count_if(image.mask.begin(), image.mask.end(),
                                                 [](std::uint8_t m) { return m != 0; }));
    }

    ProInput input;
    // Exact reservations: growth by doubling would briefly need 3x the memory.
    input.normalKeys.reserve(totalCount - defectCount);
    input.defects.reserve(defectCount);
    cv::Mat regionLabels;
    for (const PixelImage* imageRef : images) {
        const PixelImage& image = *imageRef;
        const std::size_t pixels = image.mask.size();
        const bool hasDefect = std::any_of(image.mask.begin(), image.mask.end(),
                                           [](std::uint8_t m) { return m != 0; });
        if (!hasDefect) { // good image: only adds to the FPR denominator and numerator
            for (float score : image.scores)
                input.normalKeys.push_back(orderedKey(score));
            continue;
        }
        // OpenCV only reads the mask; the const_cast is for cv::Mat's constructor.
        const cv::Mat mask(image.height, image.width, CV_8U, const_cast<std::uint8_t*>(image.mask.data()));
        const int labelCount = cv::connectedComponents(mask, regionLabels, 8, CV_32S);
        const auto firstRegion = std::uint32_t(input.regionSizes.size());
        input.regionSizes.resize(input.regionSizes.size() + std::size_t(labelCount - 1), 0);
        const auto* labels = regionLabels.ptr<std::int32_t>(0); // continuous: freshly allocated
        for (std::size_t p = 0; p < pixels; ++p) {
            const std::uint32_t key = orderedKey(image.scores[p]);
            if (image.mask[p] == 0) {
                input.normalKeys.push_back(key);
            } else {
                const std::uint32_t region = firstRegion + std::uint32_t(labels[p] - 1);
                ++input.regionSizes[region];
                input.defects.push_back((DefectEntry(key) << 32) | region);
            }
        }
    }
    return input;
}

} // namespace

namespace {

// The PRO sweep shared by auPro and proCurve: checks and sorts the pixels, then walks
// the scores from the highest down and calls onPoint(fpr, pro) once per distinct score
// (the curve starts at (0, 0), which is not reported) until onPoint returns false.
// `what` names the caller in error messages.
template <typename OnPoint>
void sweepPro(const PixelImageRefs& images, double fprLimit, const std::string& what, OnPoint onPoint)
{
    if (!(fprLimit > 0.0 && fprLimit <= 1.0))
        throw Error(what + ": the FPR limit " + std::to_string(fprLimit) + " is outside (0, 1]");
    ProInput input = collectPixels(images);
    if (input.regionSizes.empty())
        throw Error(what + " needs at least one defect region in the ground-truth masks");
    if (input.normalKeys.empty())
        throw Error(what + " needs defect-free pixels, but every pixel is marked defective");

    radixSortKeys(input.normalKeys);
    radixSortByKey(input.defects, keyOfDefect);

    const long double regionCount = static_cast<long double>(input.regionSizes.size());
    std::vector<long double> proStep(input.regionSizes.size());
    for (std::size_t r = 0; r < proStep.size(); ++r)
        proStep[r] = 1.0L / (static_cast<long double>(input.regionSizes[r]) * regionCount);
    const long double normalTotal = static_cast<long double>(input.normalKeys.size());

    const std::vector<std::uint32_t>& normals = input.normalKeys;
    const std::vector<DefectEntry>& defects = input.defects;
    std::size_t normalIndex = normals.size(); // walk both arrays from the top (highest score)
    std::size_t defectIndex = defects.size();
    std::uint64_t normalsAbove = 0;
    long double pro = 0.0L;
    while (normalIndex > 0 || defectIndex > 0) {
        std::uint32_t key = 0;
        if (normalIndex > 0)
            key = normals[normalIndex - 1];
        if (defectIndex > 0 && (normalIndex == 0 || keyOfDefect(defects[defectIndex - 1]) > key))
            key = keyOfDefect(defects[defectIndex - 1]);
        while (normalIndex > 0 && normals[normalIndex - 1] == key) {
            --normalIndex;
            ++normalsAbove;
        }
        while (defectIndex > 0 && keyOfDefect(defects[defectIndex - 1]) == key) {
            --defectIndex;
            pro += proStep[regionOfDefect(defects[defectIndex])];
        }
        if (!onPoint(static_cast<long double>(normalsAbove) / normalTotal, pro))
            return;
    }
}

} // namespace

double auPro(const std::vector<PixelImage>& images, double fprLimit)
{
    return auPro(refsOf(images), fprLimit);
}

double auPro(const PixelImageRefs& images, double fprLimit)
{
    const long double limit = fprLimit;
    long double previousFpr = 0.0L; // the curve starts at (0, 0)
    long double previousPro = 0.0L;
    long double area = 0.0L;
    sweepPro(images, fprLimit, "AU-PRO", [&](long double fpr, long double pro) {
        if (fpr < limit) {
            area += (fpr - previousFpr) * (pro + previousPro) / 2.0L;
            previousFpr = fpr;
            previousPro = pro;
            return true;
        }
        // This segment reaches the limit: cut it there, interpolating PRO linearly.
        const long double proAtLimit
            = previousPro + (pro - previousPro) * (limit - previousFpr) / (fpr - previousFpr);
        area += (limit - previousFpr) * (proAtLimit + previousPro) / 2.0L;
        return false;
    });
    // The last point has FPR 1 >= limit, so the sweep always ends through the cut.
    return static_cast<double>(area / limit);
}

std::vector<CurvePoint> proCurve(const std::vector<PixelImage>& images, double fprLimit, std::size_t maxPoints)
{
    std::vector<CurvePoint> points{{0.0, 0.0}};
    sweepPro(refsOf(images), fprLimit, "the PRO curve", [&](long double fpr, long double pro) {
        if (fpr < fprLimit) {
            points.push_back({double(fpr), double(pro)});
            return true;
        }
        const CurvePoint& previous = points.back();
        const double proAtLimit
            = previous.y + (double(pro) - previous.y) * (fprLimit - previous.x) / (double(fpr) - previous.x);
        points.push_back({fprLimit, proAtLimit});
        return false;
    });
    return metrics_detail::thinCurve(std::move(points), maxPoints);
}

} // namespace dl
