#include "metrics/Metrics.h"

#include "common/Error.h"
#include "metrics/CurveThinning.h"
#include "metrics/SortedKeys.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace dl {

using metrics_detail::forEachGroupDescending;
using metrics_detail::orderedKey;
using metrics_detail::radixSortKeys;
using metrics_detail::scoreFromKey;

namespace {

// Image-level inputs split by class into sorted key arrays.
struct SplitKeys {
    std::vector<std::uint32_t> positive;
    std::vector<std::uint32_t> negative;
};

SplitKeys splitAndSort(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
                       const char* metricName)
{
    if (scores.size() != labels.size())
        throw Error(std::string(metricName) + ": " + std::to_string(scores.size()) + " scores but "
                    + std::to_string(labels.size()) + " labels");
    SplitKeys keys;
    const auto positives = std::size_t(std::count_if(labels.begin(), labels.end(),
                                                     [](std::uint8_t l) { return l != 0; }));
    keys.positive.reserve(positives);
    keys.negative.reserve(labels.size() - positives);
    for (std::size_t i = 0; i < scores.size(); ++i)
        (labels[i] ? keys.positive : keys.negative).push_back(orderedKey(scores[i]));
    radixSortKeys(keys.positive);
    radixSortKeys(keys.negative);
    return keys;
}

void requireBothClasses(const SplitKeys& keys, const char* metricName)
{
    if (keys.positive.empty() || keys.negative.empty())
        throw Error(std::string(metricName) + " needs both normal and anomalous samples, got "
                    + std::to_string(keys.negative.size()) + " normal and "
                    + std::to_string(keys.positive.size()) + " anomalous");
}

// Mann-Whitney form of the tie-grouped ROC area. Counted in integers (twice the
// pair count, so half credits stay integral) and divided once at the end.
double aurocOfSortedKeys(const SplitKeys& keys)
{
    std::uint64_t positivesAbove = 0;
    std::uint64_t twiceConcordant = 0; // 2 * (#pairs pos > neg) + #tied pairs
    forEachGroupDescending(keys.positive, keys.negative,
                           [&](std::uint32_t, std::uint64_t positives, std::uint64_t negatives) {
                               // Each negative here loses to every positive above and ties with
                               // the positives in its own group.
                               twiceConcordant += negatives * (2 * positivesAbove + positives);
                               positivesAbove += positives;
                           });
    const long double pairs = static_cast<long double>(keys.positive.size())
                            * static_cast<long double>(keys.negative.size());
    return static_cast<double>(static_cast<long double>(twiceConcordant) / (2.0L * pairs));
}

void checkImageSize(const PixelImage& image, std::size_t index, const char* metricName)
{
    if (image.width < 0 || image.height < 0)
        throw Error(std::string(metricName) + ": image " + std::to_string(index)
                    + " has a negative size");
    const std::size_t pixels = std::size_t(image.width) * std::size_t(image.height);
    if (image.scores.size() != pixels || image.mask.size() != pixels)
        throw Error(std::string(metricName) + ": image " + std::to_string(index) + " is "
                    + std::to_string(image.width) + "x" + std::to_string(image.height) + " but has "
                    + std::to_string(image.scores.size()) + " scores and "
                    + std::to_string(image.mask.size()) + " mask values");
}

void requireFinite(const std::vector<float>& values, const char* what)
{
    for (float v : values)
        if (!std::isfinite(v))
            throw Error(std::string(what) + " contain a value that is not a finite number");
}

} // namespace

double auroc(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels)
{
    const SplitKeys keys = splitAndSort(scores, labels, "AUROC");
    requireBothClasses(keys, "AUROC");
    return aurocOfSortedKeys(keys);
}

std::vector<CurvePoint> rocCurve(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
                                 std::size_t maxPoints)
{
    const SplitKeys keys = splitAndSort(scores, labels, "ROC curve");
    requireBothClasses(keys, "ROC curve");
    const double positives = double(keys.positive.size());
    const double negatives = double(keys.negative.size());
    std::uint64_t truePositives = 0;
    std::uint64_t falsePositives = 0;
    std::vector<CurvePoint> points{{0.0, 0.0}};
    // Lowering the threshold past each group of equal scores adds one point.
    forEachGroupDescending(keys.positive, keys.negative,
                           [&](std::uint32_t, std::uint64_t groupPositives, std::uint64_t groupNegatives) {
                               truePositives += groupPositives;
                               falsePositives += groupNegatives;
                               points.push_back({double(falsePositives) / negatives, double(truePositives) / positives});
                           });
    return metrics_detail::thinCurve(std::move(points), maxPoints);
}

double averagePrecision(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels)
{
    const SplitKeys keys = splitAndSort(scores, labels, "average precision");
    if (keys.positive.empty())
        throw Error("average precision needs at least one anomalous sample");
    const double totalPositives = double(keys.positive.size());
    std::uint64_t truePositives = 0;
    std::uint64_t falsePositives = 0;
    long double sum = 0.0L;
    forEachGroupDescending(keys.positive, keys.negative,
                           [&](std::uint32_t, std::uint64_t positives, std::uint64_t negatives) {
                               truePositives += positives;
                               falsePositives += negatives;
                               // Recall only grows by this group's positives; groups without
                               // positives add nothing.
                               if (positives == 0)
                                   return;
                               const long double precision = static_cast<long double>(truePositives)
                                                           / (truePositives + falsePositives);
                               sum += precision * static_cast<long double>(positives) / totalPositives;
                           });
    return static_cast<double>(sum);
}

F1Result f1Max(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels)
{
    const SplitKeys keys = splitAndSort(scores, labels, "F1");
    if (keys.positive.empty())
        throw Error("F1 needs at least one anomalous sample");
    const std::uint64_t totalPositives = keys.positive.size();
    std::uint64_t truePositives = 0;
    std::uint64_t falsePositives = 0;
    F1Result best;
    best.f1 = -1.0;
    forEachGroupDescending(keys.positive, keys.negative,
                           [&](std::uint32_t key, std::uint64_t positives, std::uint64_t negatives) {
                               truePositives += positives;
                               falsePositives += negatives;
                               // F1 = 2TP / (2TP + FP + FN) = 2TP / (TP + FP + P)
                               const double f1 = 2.0 * double(truePositives)
                                               / double(truePositives + falsePositives + totalPositives);
                               if (f1 > best.f1) { // strict: the highest threshold wins ties
                                   best.f1 = f1;
                                   best.threshold = scoreFromKey(key);
                               }
                           });
    return best;
}

PixelImageRefs refsOf(const std::vector<PixelImage>& images)
{
    PixelImageRefs refs;
    refs.reserve(images.size());
    for (const PixelImage& image : images)
        refs.push_back(&image);
    return refs;
}

double pixelAuroc(const std::vector<PixelImage>& images)
{
    return pixelAuroc(refsOf(images));
}

double pixelAuroc(const PixelImageRefs& images)
{
    std::size_t positiveCount = 0;
    std::size_t totalCount = 0;
    for (std::size_t i = 0; i < images.size(); ++i) {
        checkImageSize(*images[i], i, "pixel AUROC");
        totalCount += images[i]->mask.size();
        positiveCount += std::size_t(std::count_if(images[i]->mask.begin(), images[i]->mask.end(),
                                                   [](std::uint8_t m) { return m != 0; }));
    }
    SplitKeys keys;
    // Exact reservations: growth by doubling would briefly need 3x the memory.
    keys.positive.reserve(positiveCount);
    keys.negative.reserve(totalCount - positiveCount);
    for (const PixelImage* image : images)
        for (std::size_t p = 0; p < image->scores.size(); ++p)
            (image->mask[p] ? keys.positive : keys.negative).push_back(orderedKey(image->scores[p]));
    requireBothClasses(keys, "pixel AUROC");
    radixSortKeys(keys.positive);
    radixSortKeys(keys.negative);
    return aurocOfSortedKeys(keys);
}

double quantile(std::vector<float> values, double q)
{
    if (values.empty())
        throw Error("quantile of an empty list of scores is undefined");
    if (!(q >= 0.0 && q <= 1.0))
        throw Error("quantile " + std::to_string(q) + " is outside [0, 1]");
    for (float v : values)
        if (std::isnan(v))
            throw Error("cannot take a quantile of scores that contain NaN");
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const auto lower = std::size_t(std::floor(position));
    const std::size_t upper = std::min(lower + 1, values.size() - 1);
    const double fraction = position - double(lower);
    return double(values[lower]) + fraction * (double(values[upper]) - double(values[lower]));
}

ThresholdResult chooseThreshold(const std::vector<float>& normalScores,
                                const std::vector<float>& anomalousScores, double q)
{
    if (normalScores.empty())
        throw Error("a threshold needs at least one normal validation score");
    requireFinite(normalScores, "normal validation scores");
    requireFinite(anomalousScores, "anomalous validation scores");
    if (!(q >= 0.0 && q <= 1.0))
        throw Error("threshold quantile " + std::to_string(q) + " is outside [0, 1]");

    ThresholdResult result;
    if (anomalousScores.empty()) {
        double mean = 0.0;
        for (float s : normalScores)
            mean += s;
        mean /= double(normalScores.size());
        double variance = 0.0;
        for (float s : normalScores)
            variance += (s - mean) * (s - mean);
        variance /= double(normalScores.size());
        const double statisticalBound = mean + kThresholdStdFactor * std::sqrt(variance);
        result.threshold = std::max(quantile(normalScores, q), statisticalBound);
        // Every normal score the same (duplicated images, an exact match in the bank): the
        // threshold would equal it and the verdict (score >= threshold) reject exactly
        // what calibration saw as normal. The next float above passes it.
        if (variance == 0.0)
            result.threshold = double(std::nextafter(float(result.threshold), std::numeric_limits<float>::infinity()));
        result.source = "normal-quantile";
        return result;
    }

    std::vector<float> scores(normalScores);
    scores.insert(scores.end(), anomalousScores.begin(), anomalousScores.end());
    std::vector<std::uint8_t> labels(scores.size(), 0);
    std::fill(labels.begin() + std::ptrdiff_t(normalScores.size()), labels.end(), std::uint8_t(1));
    const F1Result best = f1Max(scores, labels);
    result.threshold = std::max(best.threshold, quantile(normalScores, 0.5));
    result.source = "f1-max";
    return result;
}

} // namespace dl
