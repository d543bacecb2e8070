#pragma once
// Evaluation metrics with the definitions used by MVTec AD and anomalib.
// All functions take plain arrays so that they are independent of torch.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dl {

// Common rules for the image-level functions below: labels are 0 = normal and
// nonzero = anomalous; a higher score means "more anomalous"; scores and labels
// must have the same length and no score may be NaN (dl::Error otherwise).

// Area under the ROC curve; labels 0/1. Ties are handled by grouping equal
// scores (trapezoid over distinct thresholds), which equals the Mann-Whitney
// statistic with half credit for tied (positive, negative) pairs, i.e. sklearn's
// roc_auc_score. Throws dl::Error when one class is absent.
double auroc(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels);

// Average precision (area under the step precision-recall curve, as sklearn):
// sum over distinct thresholds t, descending, of (R(t) - R(previous t)) * P(t).
// Throws dl::Error without anomalous labels.
double averagePrecision(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels);

struct F1Result {
    double f1 = 0.0;
    double threshold = 0.0; // score >= threshold is predicted defective
};
// Maximum F1 over all distinct thresholds (score >= t predicted defective).
// Among equal F1 values the highest threshold wins. Throws dl::Error without
// anomalous labels.
F1Result f1Max(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels);

// Ground truth and map for one image, same size, row-major.
struct PixelImage {
    int width = 0;
    int height = 0;
    std::vector<float> scores;          // anomaly map
    std::vector<std::uint8_t> mask;     // 0 = normal, nonzero = defect
};

// A subset of images without copying their pixels (e.g. one defect type beside
// the good images); the functions below take either form.
using PixelImageRefs = std::vector<const PixelImage*>;
PixelImageRefs refsOf(const std::vector<PixelImage>& images);

// Pixel AUROC over all pixels of all images (mask nonzero = positive). Exact
// (ties grouped); about 8 bytes of memory per pixel. Throws dl::Error when scores
// or mask size differs from width*height, or when one class is absent.
double pixelAuroc(const std::vector<PixelImage>& images);
double pixelAuroc(const PixelImageRefs& images);

// AU-PRO as MVTec AD defines it: connected defect regions (8-connectivity) per image,
// FPR over all defect-free pixels of all images (good images included), PRO = mean
// per-region overlap, trapezoid integration up to fprLimit with linear interpolation
// at the limit, normalised by fprLimit. Exact (ties grouped, the curve has one
// point per distinct score); about 8 bytes per normal and 16 per defect pixel.
// Throws dl::Error for size mismatches, fprLimit outside (0,1], no defect region
// or no defect-free pixel.
double auPro(const std::vector<PixelImage>& images, double fprLimit = 0.3);
double auPro(const PixelImageRefs& images, double fprLimit = 0.3);

// One point of a curve for plotting: x is the false positive rate, y the true
// positive rate (ROC) or the per-region overlap (PRO).
struct CurvePoint {
    double x = 0.0;
    double y = 0.0;
};

// The image-level ROC curve: one point per distinct threshold (ties grouped, as
// auroc), from (0,0) to (1,1), FPR ascending. Long curves are thinned to at most
// `maxPoints` points (first and last kept), enough to plot them. Same input rules
// and errors as auroc.
std::vector<CurvePoint> rocCurve(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
                                 std::size_t maxPoints = 1000);

// The PRO curve of auPro (same definitions and errors): per-region overlap over
// the pixel FPR, from (0,0) up to and including fprLimit (the last point is
// interpolated at the limit), FPR ascending, thinned to at most `maxPoints`.
// The trapezoid area under it divided by fprLimit equals auPro(images, fprLimit)
// up to the thinning.
std::vector<CurvePoint> proCurve(const std::vector<PixelImage>& images, double fprLimit = 0.3,
                                 std::size_t maxPoints = 1000);

// q-quantile (q in [0,1]) with linear interpolation between order statistics
// (numpy's default): position q*(n-1) in the sorted values. Throws dl::Error on
// empty input, NaN values or q outside [0,1].
double quantile(std::vector<float> values, double q);

// Factor k of the "mean + k*std" bound used by chooseThreshold.
constexpr double kThresholdStdFactor = 3.0;

// Decision threshold for image scores (score >= threshold means defective).
// Without labelled anomalies (anomalousScores empty), source "normal-quantile":
//   threshold = max(quantile(normal, q), mean(normal) + 3 * std(normal)),
//   std being the population standard deviation. The larger of the two keeps the
//   false-alarm rate low both for long-tailed and for tightly packed normal scores.
// With labelled anomalies, source "f1-max":
//   threshold = max(f1Max(normal + anomalous).threshold, median(normal)).
//   The F1-optimal threshold uses the labelled evidence; the median floor only
//   matters for degenerate validation sets (few normals, many overlapping
//   anomalies) where F1 would otherwise flag most good parts.
// Throws dl::Error when normalScores is empty, a score is not finite or q is
// outside [0,1].
struct ThresholdResult {
    double threshold = 0.0;
    const char* source = "";  // "normal-quantile" or "f1-max"
};
ThresholdResult chooseThreshold(const std::vector<float>& normalScores,
                                const std::vector<float>& anomalousScores,
                                double quantile = 0.99);

} // namespace dl
