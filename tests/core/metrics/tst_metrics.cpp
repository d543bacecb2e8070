// Tests of core/metrics: hand-worked examples (arithmetic in the comments),
// brute-force reference implementations on random data with many ties, error
// cases, and one run at realistic size.
#include "common/Error.h"
#include "metrics/Metrics.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>

using dl::PixelImage;

namespace {

// The dl::Error message thrown by call, or nullopt when nothing is thrown.
std::optional<std::string> errorOf(const std::function<void()>& call)
{
    try {
        call();
    } catch (const dl::Error& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

PixelImage makeImage(int width, int height, std::vector<float> scores, std::vector<std::uint8_t> mask)
{
    PixelImage image;
    image.width = width;
    image.height = height;
    image.scores = std::move(scores);
    image.mask = std::move(mask);
    return image;
}

// --- Straightforward reference implementations, written independently of the
// --- sweep-based code under test: quadratic or per-threshold recomputation.

double referenceAuroc(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels)
{
    double credit = 0.0;
    double pairs = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (!labels[i])
            continue;
        for (std::size_t j = 0; j < scores.size(); ++j) {
            if (labels[j])
                continue;
            pairs += 1.0;
            if (scores[i] > scores[j])
                credit += 1.0;
            else if (scores[i] == scores[j])
                credit += 0.5;
        }
    }
    return credit / pairs;
}

double referenceAveragePrecision(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels)
{
    std::set<float, std::greater<>> thresholds(scores.begin(), scores.end());
    const double positives = double(std::count(labels.begin(), labels.end(), 1));
    double previousRecall = 0.0;
    double ap = 0.0;
    for (float t : thresholds) {
        double tp = 0, fp = 0;
        for (std::size_t i = 0; i < scores.size(); ++i)
            if (scores[i] >= t)
                (labels[i] ? tp : fp) += 1.0;
        const double recall = tp / positives;
        ap += (recall - previousRecall) * (tp / (tp + fp));
        previousRecall = recall;
    }
    return ap;
}

// 8-connected regions by breadth-first search; returns a label per pixel (-1 = normal).
std::vector<int> referenceRegions(const PixelImage& image, int& regionCount)
{
    std::vector<int> labels(image.mask.size(), -1);
    for (int start = 0; start < int(image.mask.size()); ++start) {
        if (!image.mask[start] || labels[start] >= 0)
            continue;
        std::vector<int> queue{start};
        labels[start] = regionCount;
        while (!queue.empty()) {
            const int p = queue.back();
            queue.pop_back();
            const int x = p % image.width, y = p / image.width;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= image.width || ny >= image.height)
                        continue;
                    const int q = ny * image.width + nx;
                    if (image.mask[q] && labels[q] < 0) {
                        labels[q] = regionCount;
                        queue.push_back(q);
                    }
                }
        }
        ++regionCount;
    }
    return labels;
}

double referenceAuPro(const std::vector<PixelImage>& images, double limit)
{
    struct Pixel { float score; int region; }; // region -1 = normal
    std::vector<Pixel> pixels;
    int regionCount = 0;
    for (const PixelImage& image : images) {
        const std::vector<int> labels = referenceRegions(image, regionCount);
        for (std::size_t p = 0; p < labels.size(); ++p)
            pixels.push_back({image.scores[p], labels[p]});
    }
    std::vector<double> regionSize(std::size_t(regionCount), 0.0);
    double normalCount = 0.0;
    for (const Pixel& px : pixels)
        (px.region < 0 ? normalCount : regionSize[std::size_t(px.region)]) += 1.0;

    std::vector<std::pair<double, double>> curve{{0.0, 0.0}};
    std::set<float, std::greater<>> thresholds;
    for (const Pixel& px : pixels)
        thresholds.insert(px.score);
    for (float t : thresholds) {
        std::vector<double> covered(std::size_t(regionCount), 0.0);
        double falsePositives = 0.0;
        for (const Pixel& px : pixels)
            if (px.score >= t)
                (px.region < 0 ? falsePositives : covered[std::size_t(px.region)]) += 1.0;
        double pro = 0.0;
        for (int r = 0; r < regionCount; ++r)
            pro += covered[std::size_t(r)] / regionSize[std::size_t(r)];
        curve.emplace_back(falsePositives / normalCount, pro / regionCount);
    }
    double area = 0.0;
    for (std::size_t i = 1; i < curve.size(); ++i) {
        auto [x0, y0] = curve[i - 1];
        auto [x1, y1] = curve[i];
        if (x1 <= limit) {
            area += (x1 - x0) * (y0 + y1) / 2.0;
            continue;
        }
        const double yAtLimit = y0 + (y1 - y0) * (limit - x0) / (x1 - x0);
        area += (limit - x0) * (y0 + yAtLimit) / 2.0;
        break;
    }
    return area / limit;
}

// Random image with scores on a coarse grid (many ties) and a sparse blotchy mask.
PixelImage randomSmallImage(std::mt19937& rng, int width, int height, double defectDensity)
{
    std::uniform_int_distribution<int> level(0, 15);
    std::bernoulli_distribution seed(defectDensity);
    PixelImage image = makeImage(width, height, std::vector<float>(std::size_t(width * height)),
                                 std::vector<std::uint8_t>(std::size_t(width * height), 0));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            if (!seed(rng))
                continue;
            // 2x2 blotches so that regions of several sizes and diagonal contacts occur
            for (int dy = 0; dy < 2 && y + dy < height; ++dy)
                for (int dx = 0; dx < 2 && x + dx < width; ++dx)
                    if ((dx + dy) % 2 == 0 || seed(rng))
                        image.mask[std::size_t((y + dy) * width + x + dx)] = 255;
        }
    for (std::size_t p = 0; p < image.scores.size(); ++p)
        image.scores[p] = float(level(rng) + (image.mask[p] ? 4 : 0)) / 20.0f;
    return image;
}

// Large image: uniform noise plus signal inside filled discs.
PixelImage blobImage(std::mt19937& rng, int size, int blobCount, float signal)
{
    std::uniform_real_distribution<float> noise(0.0f, 1.0f);
    std::uniform_int_distribution<int> centre(0, size - 1);
    std::uniform_int_distribution<int> radius(5, 60);
    PixelImage image = makeImage(size, size, std::vector<float>(std::size_t(size) * size),
                                 std::vector<std::uint8_t>(std::size_t(size) * size, 0));
    for (int b = 0; b < blobCount; ++b) {
        const int cx = centre(rng), cy = centre(rng), r = radius(rng);
        for (int y = std::max(0, cy - r); y <= std::min(size - 1, cy + r); ++y)
            for (int x = std::max(0, cx - r); x <= std::min(size - 1, cx + r); ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                    image.mask[std::size_t(y) * size + x] = 1;
    }
    for (std::size_t p = 0; p < image.scores.size(); ++p)
        image.scores[p] = noise(rng) + (image.mask[p] ? signal : 0.0f);
    return image;
}

// The AU-PRO example worked by hand in auProHandWorkedCurve.
std::vector<PixelImage> handWorkedProImages(bool withGoodImage)
{
    // Image 1 (4x2):  scores  0.9 0.8 0.1 0.7     mask  1 1 0 0
    //                         0.6 0.2 0.3 0.6           0 0 0 1
    // Region A = the two top-left pixels (size 2), region B = bottom-right pixel
    // (size 1); B's score 0.6 ties with a normal pixel.
    std::vector<PixelImage> images{makeImage(4, 2, {0.9f, 0.8f, 0.1f, 0.7f, 0.6f, 0.2f, 0.3f, 0.6f},
                                             {1, 1, 0, 0, 0, 0, 0, 1})};
    // Image 2 (3x1), defect-free: 0.65 0.05 0.25
    if (withGoodImage)
        images.push_back(makeImage(3, 1, {0.65f, 0.05f, 0.25f}, {0, 0, 0}));
    return images;
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    void aurocHandWorkedWithTies();
    void aurocPerfectInverseAndConstant();
    void aurocMatchesPairCountingOnRandomData();
    void aurocErrors();
    void averagePrecisionHandWorked();
    void averagePrecisionMatchesDefinitionOnRandomData();
    void f1MaxHandWorked();
    void f1MaxPrefersHighestThresholdOnEqualF1();
    void pixelAurocTwoTinyImages();
    void pixelAurocEqualsAurocOfConcatenatedPixels();
    void pixelAurocErrors();
    void auProHandWorkedCurve();
    void auProGoodImageOnlyAddsFpr();
    void auProDiagonalPixelsFormOneRegion();
    void auProRowWrapIsNotAdjacency();
    void auProMatchesReferenceOnRandomData();
    void auProErrors();
    void subsetsByReferenceEqualCopies();
    void quantileInterpolatesLinearly();
    void thresholdWithoutAnomalies();
    void thresholdWithAnomalies();
    void thresholdErrors();
    void scaleTwentyImages900x900();
};

void TestMetrics::aurocHandWorkedWithTies()
{
    // Negatives {0.1, 0.4}, positives {0.35, 0.8, 0.4}: 3 * 2 = 6 pairs.
    // 0.35 beats 0.1 (1), loses to 0.4 (0); 0.8 beats both (2);
    // 0.4 beats 0.1 (1) and ties 0.4 (0.5). Total 4.5 / 6 = 0.75.
    QCOMPARE(dl::auroc({0.1f, 0.4f, 0.35f, 0.8f, 0.4f}, {0, 0, 1, 1, 1}), 0.75);
    // Order of the input does not matter.
    QCOMPARE(dl::auroc({0.4f, 0.8f, 0.1f, 0.35f, 0.4f}, {1, 1, 0, 1, 0}), 0.75);
    // Nonzero labels count as anomalous; -0 and +0 are one tie: pairs (0 vs -0) tie,
    // (0 vs -1) win, (1 vs -0) win, (1 vs -1) win: 3.5 / 4.
    QCOMPARE(dl::auroc({0.0f, 1.0f, -0.0f, -1.0f}, {255, 1, 0, 0}), 0.875);
}

void TestMetrics::aurocPerfectInverseAndConstant()
{
    const std::vector<std::uint8_t> labels{0, 0, 0, 1, 1};
    QCOMPARE(dl::auroc({0.1f, 0.2f, 0.3f, 0.7f, 0.9f}, labels), 1.0);
    QCOMPARE(dl::auroc({0.9f, 0.7f, 0.3f, 0.2f, 0.1f}, labels), 0.0);
    QCOMPARE(dl::auroc({0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, labels), 0.5); // all pairs tied
}

void TestMetrics::aurocMatchesPairCountingOnRandomData()
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> level(0, 24); // 25 levels: heavy ties
    std::bernoulli_distribution anomalous(0.3);
    for (int round = 0; round < 5; ++round) {
        std::vector<float> scores(500);
        std::vector<std::uint8_t> labels(500);
        for (std::size_t i = 0; i < scores.size(); ++i) {
            scores[i] = float(level(rng)) * 0.04f - 0.3f; // includes negative scores
            labels[i] = anomalous(rng) ? 1 : 0;
        }
        const double value = dl::auroc(scores, labels);
        QVERIFY(std::abs(value - referenceAuroc(scores, labels)) < 1e-12);
        QVERIFY(std::abs(value - 0.5) < 0.1); // no signal in the scores
    }
}

void TestMetrics::aurocErrors()
{
    QVERIFY(errorOf([] { dl::auroc({0.1f, 0.2f}, {1, 1}); }).has_value());
    QVERIFY(errorOf([] { dl::auroc({0.1f, 0.2f}, {0, 0}); }).has_value());
    QVERIFY(errorOf([] { dl::auroc({}, {}); }).has_value());
    QVERIFY(errorOf([] { dl::auroc({0.1f, 0.2f, 0.3f}, {0, 1}); }).has_value());
    QVERIFY(errorOf([] { dl::auroc({0.1f, std::numeric_limits<float>::quiet_NaN()}, {0, 1}); }).has_value());
}

void TestMetrics::averagePrecisionHandWorked()
{
    // Scores 0.9 0.8 0.7 0.6 0.5 with labels 1 0 1 0 1 (3 positives):
    // t=0.9: R=1/3 P=1 -> 1/3; t=0.8: R unchanged -> 0; t=0.7: R=2/3 P=2/3 -> 2/9;
    // t=0.6: -> 0; t=0.5: R=1 P=3/5 -> 1/5. AP = 1/3 + 2/9 + 1/5 = 34/45.
    const double ap = dl::averagePrecision({0.9f, 0.8f, 0.7f, 0.6f, 0.5f}, {1, 0, 1, 0, 1});
    QVERIFY(std::abs(ap - 34.0 / 45.0) < 1e-12);
    // With a tie: 0.9(0) 0.7(1) 0.7(0) 0.2(1):
    // t=0.9: R=0 -> 0; t=0.7 (one group): TP=1 FP=2, R=1/2 P=1/3 -> 1/6;
    // t=0.2: TP=2 FP=2, R=1 P=1/2 -> 1/4. AP = 5/12.
    const double tied = dl::averagePrecision({0.9f, 0.7f, 0.7f, 0.2f}, {0, 1, 0, 1});
    QVERIFY(std::abs(tied - 5.0 / 12.0) < 1e-12);
    QCOMPARE(dl::averagePrecision({0.1f, 0.2f, 0.8f}, {0, 0, 1}), 1.0);
    QVERIFY(errorOf([] { dl::averagePrecision({0.1f, 0.2f}, {0, 0}); }).has_value());
}

void TestMetrics::averagePrecisionMatchesDefinitionOnRandomData()
{
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> level(0, 19);
    std::bernoulli_distribution anomalous(0.25);
    for (int round = 0; round < 5; ++round) {
        std::vector<float> scores(300);
        std::vector<std::uint8_t> labels(300);
        for (std::size_t i = 0; i < scores.size(); ++i) {
            labels[i] = anomalous(rng) ? 1 : 0;
            scores[i] = float(level(rng) + (labels[i] ? 3 : 0)) / 10.0f;
        }
        const double ap = dl::averagePrecision(scores, labels);
        QVERIFY(std::abs(ap - referenceAveragePrecision(scores, labels)) < 1e-12);
    }
}

void TestMetrics::f1MaxHandWorked()
{
    // Descending: 0.9(1) 0.8(0) 0.7(1) 0.6(1) 0.5(0) 0.4(0) 0.3(0) 0.2(1), P = 4,
    // F1 = 2TP / (TP + FP + P):
    // 0.9: 2/5  0.8: 2/6  0.7: 4/7  0.6: 6/8 = 0.75  0.5: 6/9  0.4: 6/10  0.3: 6/11
    // 0.2: 8/12. Maximum 0.75 at threshold 0.6.
    const dl::F1Result result = dl::f1Max({0.3f, 0.9f, 0.5f, 0.8f, 0.2f, 0.7f, 0.4f, 0.6f},
                                          {0, 1, 0, 0, 1, 1, 0, 1});
    QCOMPARE(result.f1, 0.75);
    QCOMPARE(result.threshold, double(0.6f));
    QVERIFY(errorOf([] { dl::f1Max({0.1f}, {0}); }).has_value());
}

void TestMetrics::f1MaxPrefersHighestThresholdOnEqualF1()
{
    // 0.9(1) 0.8(0) 0.7(0) 0.6(1), P = 2: 0.9: 2/3, 0.8: 2/4, 0.7: 2/5, 0.6: 4/6 = 2/3.
    const dl::F1Result result = dl::f1Max({0.9f, 0.8f, 0.7f, 0.6f}, {1, 0, 0, 1});
    QVERIFY(std::abs(result.f1 - 2.0 / 3.0) < 1e-12);
    QCOMPARE(result.threshold, double(0.9f));
}

void TestMetrics::pixelAurocTwoTinyImages()
{
    // Image A (2x2): scores 0.9 0.1 / 0.4 0.4, mask 1 0 / 0 1.
    // Image B (3x1, good): 0.2 0.4 0.95.
    // Positives {0.9, 0.4}; negatives {0.1, 0.4} from A and {0.2, 0.4, 0.95} from B:
    // 2 * 5 = 10 pairs. 0.9 beats 0.1, 0.4, 0.2, 0.4 (4); 0.4 beats 0.1, 0.2 (2) and ties two
    // 0.4 (1). Total 7 / 10.
    const std::vector<PixelImage> images{makeImage(2, 2, {0.9f, 0.1f, 0.4f, 0.4f}, {1, 0, 0, 1}),
                                         makeImage(3, 1, {0.2f, 0.4f, 0.95f}, {0, 0, 0})};
    QCOMPARE(dl::pixelAuroc(images), 0.7);
}

void TestMetrics::pixelAurocEqualsAurocOfConcatenatedPixels()
{
    std::mt19937 rng(3);
    std::vector<PixelImage> images;
    std::vector<float> allScores;
    std::vector<std::uint8_t> allLabels;
    for (int i = 0; i < 4; ++i) {
        images.push_back(randomSmallImage(rng, 17, 9, i == 2 ? 0.0 : 0.08));
        allScores.insert(allScores.end(), images.back().scores.begin(), images.back().scores.end());
        for (std::uint8_t m : images.back().mask)
            allLabels.push_back(m ? 1 : 0);
    }
    const double value = dl::pixelAuroc(images);
    QCOMPARE(value, dl::auroc(allScores, allLabels));
    QVERIFY(std::abs(value - referenceAuroc(allScores, allLabels)) < 1e-12);
}

void TestMetrics::pixelAurocErrors()
{
    const auto sizeError = errorOf([] {
        dl::pixelAuroc({makeImage(2, 2, {0.1f, 0.2f, 0.3f}, {0, 1, 0, 0})});
    });
    QVERIFY(sizeError.has_value());
    QVERIFY2(sizeError->find("2x2") != std::string::npos, sizeError->c_str());
    QVERIFY(errorOf([] { dl::pixelAuroc({makeImage(2, 1, {0.1f, 0.2f}, {0, 1, 0})}); }).has_value());
    QVERIFY(errorOf([] { dl::pixelAuroc({makeImage(2, 1, {0.1f, 0.2f}, {0, 0})}); }).has_value());
    QVERIFY(errorOf([] { dl::pixelAuroc(std::vector<PixelImage>{}); }).has_value());
}

void TestMetrics::auProHandWorkedCurve()
{
    // Regions A (size 2) and B (size 1): a defect pixel of A adds 1/(2*2) = 0.25 PRO,
    // B's pixel adds 1/2. 8 normal pixels (5 in image 1, 3 in the good image 2):
    // each adds 1/8 FPR. Thresholds descending, curve points (FPR, PRO):
    //   start (0, 0)
    //   0.9  A          (0, 0.25)
    //   0.8  A          (0, 0.5)
    //   0.7  normal     (0.125, 0.5)
    //   0.65 normal     (0.25, 0.5)
    //   0.6  normal + B (0.375, 1.0)    <- tie: one diagonal segment
    //   0.3, 0.25, 0.2, 0.1, 0.05 normals: (0.5,1) (0.625,1) (0.75,1) (0.875,1) (1,1)
    const std::vector<PixelImage> images = handWorkedProImages(true);

    // Limit 0.3: 0.125*0.5 + 0.125*0.5 = 0.125 up to FPR 0.25; the diagonal segment
    // is cut at 0.3 where PRO = 0.5 + 0.5 * (0.05/0.125) = 0.7, adding
    // 0.05 * (0.5 + 0.7) / 2 = 0.03. Area 0.155, normalised 0.155 / 0.3.
    QVERIFY(std::abs(dl::auPro(images, 0.3) - 0.155 / 0.3) < 1e-12);
    // Cutting without interpolation would give 0.125 + 0.05 * 0.5 = 0.15 or
    // 0.125 + 0.05 * 1.0 = 0.175 (over 0.3): both clearly different.

    // Limit 1: 0.125 + 0.125 * (0.5 + 1) / 2 + 0.625 * 1 = 0.84375.
    QVERIFY(std::abs(dl::auPro(images, 1.0) - 0.84375) < 1e-12);
    // Limit exactly on a curve point (0.25): 0.125 / 0.25.
    QVERIFY(std::abs(dl::auPro(images, 0.25) - 0.5) < 1e-12);
    // Default limit is 0.3.
    QCOMPARE(dl::auPro(images), dl::auPro(images, 0.3));
}

void TestMetrics::auProGoodImageOnlyAddsFpr()
{
    // Without the good image only 5 normal pixels remain (FPR step 0.2):
    //   (0,0) (0,0.25) (0,0.5) [0.7] (0.2,0.5) [0.6 tie] (0.4,1.0) ...
    // Limit 0.3: 0.2 * 0.5 = 0.1; cut at 0.3 where PRO = 0.5 + 0.5 * 0.1/0.2 = 0.75,
    // adding 0.1 * (0.5 + 0.75) / 2 = 0.0625. Area 0.1625 / 0.3.
    const std::vector<PixelImage> withoutGood = handWorkedProImages(false);
    QVERIFY(std::abs(dl::auPro(withoutGood, 0.3) - 0.1625 / 0.3) < 1e-12);

    // A good image whose scores are below all others only enlarges the FPR
    // denominator: 5 normals of image 1 plus 5 very low ones, FPR step 0.1; points
    // (0,0.5) [0.7] (0.1,0.5) [0.6 tie] (0.2,1.0) [0.3] (0.3,1) ...
    // Area up to 0.3: 0.1*0.5 + 0.1*(0.5+1)/2 + 0.1*1 = 0.05 + 0.075 + 0.1 = 0.225.
    std::vector<PixelImage> withLowGood = handWorkedProImages(false);
    withLowGood.push_back(makeImage(5, 1, {0.0f, 0.01f, 0.02f, 0.03f, 0.04f}, {0, 0, 0, 0, 0}));
    QVERIFY(std::abs(dl::auPro(withLowGood, 0.3) - 0.225 / 0.3) < 1e-12);
}

void TestMetrics::auProDiagonalPixelsFormOneRegion()
{
    // 4x3 mask: X = (0,0) and (1,1) touch diagonally -> one region of size 2;
    // Y = (2,3) is separate (size 1). Scores: X 0.9 and 0.05, Y 0.9, normals 0.5.
    //   row0: 0.9  0.5  0.5 0.5     mask 1 0 0 0
    //   row1: 0.5  0.05 0.5 0.5          0 1 0 0
    //   row2: 0.5  0.5  0.5 0.9          0 0 0 1
    // After 0.9: PRO = (1/2 + 1/1) / 2 = 0.75 at FPR 0; it stays 0.75 until FPR 1.
    // AU-PRO(0.3) = 0.75. With 4-connectivity (3 regions) it would be (1+0+1)/3.
    const PixelImage image = makeImage(4, 3,
                                       {0.9f, 0.5f, 0.5f, 0.5f,
                                        0.5f, 0.05f, 0.5f, 0.5f,
                                        0.5f, 0.5f, 0.5f, 0.9f},
                                       {1, 0, 0, 0,
                                        0, 1, 0, 0,
                                        0, 0, 0, 1});
    QVERIFY(std::abs(dl::auPro({image}, 0.3) - 0.75) < 1e-12);
}

void TestMetrics::auProRowWrapIsNotAdjacency()
{
    // 4x2 mask: A = (0,2),(0,3) (size 2, scores 0.9) and B = (1,0) (size 1, score 0.05)
    // are neighbours in memory (indices 3 and 4) but not in the image: two regions.
    // After 0.9: PRO = (1 + 0) / 2 = 0.5 (a merged region would give 2/3).
    const PixelImage image = makeImage(4, 2, {0.5f, 0.5f, 0.9f, 0.9f, 0.05f, 0.5f, 0.5f, 0.5f},
                                       {0, 0, 1, 1, 1, 0, 0, 0});
    QVERIFY(std::abs(dl::auPro({image}, 0.3) - 0.5) < 1e-12);
}

void TestMetrics::auProMatchesReferenceOnRandomData()
{
    std::mt19937 rng(5);
    for (int round = 0; round < 6; ++round) {
        std::vector<PixelImage> images;
        for (int i = 0; i < 4; ++i)
            images.push_back(randomSmallImage(rng, 13 + i, 11, i == 1 ? 0.0 : 0.06));
        for (double limit : {0.05, 0.3, 0.77, 1.0}) {
            const double value = dl::auPro(images, limit);
            const double reference = referenceAuPro(images, limit);
            QVERIFY2(std::abs(value - reference) < 1e-9,
                     qPrintable(QString("limit %1: %2 vs %3").arg(limit).arg(value).arg(reference)));
        }
    }
}

// A per-defect-type breakdown measures subsets of a category's images through
// references: the same numbers as copies of those images.
void TestMetrics::subsetsByReferenceEqualCopies()
{
    std::mt19937 rng(11);
    std::vector<PixelImage> images;
    for (int i = 0; i < 6; ++i)
        images.push_back(randomSmallImage(rng, 15, 12, i % 3 == 0 ? 0.0 : 0.07));
    QCOMPARE(dl::pixelAuroc(dl::refsOf(images)), dl::pixelAuroc(images));
    QCOMPARE(dl::auPro(dl::refsOf(images), 0.3), dl::auPro(images, 0.3));
    const dl::PixelImageRefs subset{&images[0], &images[2], &images[4]};
    const std::vector<PixelImage> copies{images[0], images[2], images[4]};
    QCOMPARE(dl::pixelAuroc(subset), dl::pixelAuroc(copies));
    QCOMPARE(dl::auPro(subset, 0.3), dl::auPro(copies, 0.3));
    QVERIFY(dl::pixelAuroc(subset) != dl::pixelAuroc(images)); // a real subset, not the whole
}

void TestMetrics::auProErrors()
{
    const auto noRegion = errorOf([] { dl::auPro({makeImage(2, 1, {0.1f, 0.2f}, {0, 0})}); });
    QVERIFY(noRegion.has_value());
    const auto noNormal = errorOf([] { dl::auPro({makeImage(2, 1, {0.1f, 0.2f}, {1, 1})}); });
    QVERIFY(noNormal.has_value());
    const auto sizeError = errorOf([] {
        dl::auPro({makeImage(2, 1, {0.1f, 0.2f}, {0, 1}), makeImage(3, 2, {0.1f}, {0, 0, 0, 0, 0, 0})});
    });
    QVERIFY(sizeError.has_value());
    QVERIFY2(sizeError->find("image 1") != std::string::npos, sizeError->c_str());
    QVERIFY(errorOf([] { dl::auPro({makeImage(2, 1, {0.1f, 0.2f}, {0, 1, 1})}); }).has_value());
    QVERIFY(errorOf([] { dl::auPro({makeImage(2, 1, {0.1f, 0.2f}, {0, 1})}, 0.0); }).has_value());
    QVERIFY(errorOf([] { dl::auPro({makeImage(2, 1, {0.1f, 0.2f}, {0, 1})}, 1.5); }).has_value());
    QVERIFY(errorOf([] { dl::auPro(std::vector<PixelImage>{}); }).has_value());
}

void TestMetrics::quantileInterpolatesLinearly()
{
    QCOMPARE(dl::quantile({4.0f, 1.0f, 3.0f, 2.0f}, 0.5), 2.5); // position 1.5
    QCOMPARE(dl::quantile({0.0f, 10.0f}, 0.25), 2.5);
    QCOMPARE(dl::quantile({3.0f, 7.0f, 5.0f}, 0.0), 3.0);
    QCOMPARE(dl::quantile({3.0f, 7.0f, 5.0f}, 1.0), 7.0);
    QCOMPARE(dl::quantile({42.0f}, 0.99), 42.0);
    QVERIFY(errorOf([] { dl::quantile({}, 0.5); }).has_value());
    QVERIFY(errorOf([] { dl::quantile({1.0f}, 1.5); }).has_value());
}

void TestMetrics::thresholdWithoutAnomalies()
{
    // Normals 0..99: 0.99-quantile = 98 + 0.01 = 98.01; mean 49.5, population
    // variance (100^2 - 1) / 12 = 833.25 -> mean + 3 std = 136.098...: the std bound wins.
    std::vector<float> spread(100);
    for (int i = 0; i < 100; ++i)
        spread[std::size_t(i)] = float(i);
    const dl::ThresholdResult bySpread = dl::chooseThreshold(spread, {});
    QVERIFY(std::abs(bySpread.threshold - (49.5 + 3.0 * std::sqrt(833.25))) < 1e-9);
    QCOMPARE(QString(bySpread.source), QString("normal-quantile"));

    // 98 zeros and two 100s: mean 2, variance 200 - 4 = 196, mean + 3 std = 44;
    // the 0.99-quantile (position 98.01, both neighbours 100) = 100 wins.
    std::vector<float> longTail(98, 0.0f);
    longTail.push_back(100.0f);
    longTail.push_back(100.0f);
    const dl::ThresholdResult byQuantile = dl::chooseThreshold(longTail, {});
    QCOMPARE(byQuantile.threshold, 100.0);
    QCOMPARE(QString(byQuantile.source), QString("normal-quantile"));
    // A lower quantile lets the std bound win again.
    QCOMPARE(dl::chooseThreshold(longTail, {}, 0.5).threshold, 44.0);

    // No spread at all (duplicated images: every score 0): the threshold lies just above,
    // so an image scoring what calibration saw is not a defect (score >= threshold).
    for (const float same : {0.0f, 2.5f}) {
        const double t = dl::chooseThreshold(std::vector<float>(4, same), {}).threshold;
        QVERIFY(t > double(same));
        QCOMPARE(float(t), std::nextafter(same, std::numeric_limits<float>::infinity()));
    }
}

void TestMetrics::thresholdWithAnomalies()
{
    // Normals 0.1 0.2 0.3 0.4, anomalies 0.35 0.8 0.9 (P = 3). Descending F1:
    // 0.9: 2/4  0.8: 4/5  0.4: 4/6  0.35: 6/7 (max)  0.3: 6/8  0.2: 6/9  0.1: 6/10.
    // The median of the normals (0.25) is lower, so 0.35 stands.
    const dl::ThresholdResult refined = dl::chooseThreshold({0.1f, 0.2f, 0.3f, 0.4f},
                                                            {0.35f, 0.8f, 0.9f});
    QCOMPARE(refined.threshold, double(0.35f));
    QCOMPARE(QString(refined.source), QString("f1-max"));

    // Few normals 0.4 0.5 0.6, many overlapping anomalies 0.1 0.2 0.3 0.7 0.8 0.9:
    // F1 peaks at 0.1 (12/15 = 0.8: flag everything); the normal median 0.5 is the floor.
    const dl::ThresholdResult floored = dl::chooseThreshold({0.4f, 0.5f, 0.6f},
                                                            {0.1f, 0.2f, 0.3f, 0.7f, 0.8f, 0.9f});
    QCOMPARE(floored.threshold, double(0.5f));
    QCOMPARE(QString(floored.source), QString("f1-max"));
}

void TestMetrics::thresholdErrors()
{
    QVERIFY(errorOf([] { dl::chooseThreshold({}, {}); }).has_value());
    QVERIFY(errorOf([] { dl::chooseThreshold({}, {0.9f}); }).has_value());
    QVERIFY(errorOf([] { dl::chooseThreshold({0.1f}, {}, -0.1); }).has_value());
    QVERIFY(errorOf([] { dl::chooseThreshold({0.1f, std::numeric_limits<float>::infinity()}, {}); })
                .has_value());
}

void TestMetrics::scaleTwentyImages900x900()
{
    // 20 images of 900x900 (16.2 M pixels), every other one defect-free.
    std::mt19937 rng(2024);
    std::vector<PixelImage> images;
    for (int i = 0; i < 20; ++i)
        images.push_back(blobImage(rng, 900, i % 2 == 0 ? 6 : 0, 0.0f));

    // Pure noise: pixel AUROC ~ 0.5 and PRO ~ FPR, so AU-PRO(0.3) ~ 0.3 / 2 = 0.15.
    QElapsedTimer timer;
    timer.start();
    const double noiseAuroc = dl::pixelAuroc(images);
    const qint64 aurocMs = timer.restart();
    const double noisePro = dl::auPro(images, 0.3);
    const qint64 proMs = timer.elapsed();
    qInfo("20x900x900 noise: pixel AUROC %.4f in %lld ms, AU-PRO %.4f in %lld ms", noiseAuroc,
          static_cast<long long>(aurocMs), noisePro, static_cast<long long>(proMs));
    QVERIFY(std::abs(noiseAuroc - 0.5) < 0.01);
    QVERIFY(std::abs(noisePro - 0.15) < 0.02);

    // With signal inside the blobs both metrics must rise clearly.
    for (PixelImage& image : images)
        for (std::size_t p = 0; p < image.scores.size(); ++p)
            if (image.mask[p])
                image.scores[p] += 0.5f;
    timer.restart();
    const double signalAuroc = dl::pixelAuroc(images);
    const double signalPro = dl::auPro(images, 0.3);
    qInfo("20x900x900 signal: pixel AUROC %.4f, AU-PRO %.4f, both in %lld ms", signalAuroc, signalPro,
          static_cast<long long>(timer.elapsed()));
    QVERIFY(signalAuroc > 0.8);
    QVERIFY(signalPro > noisePro + 0.2);
}

QTEST_MAIN(TestMetrics)
#include "tst_metrics.moc"
