// `test`'s metrics per defect type: each type is measured against the category's
// good images, and its share of the defect pixels says how much the pooled pixel
// metrics are really about it. A detector that sees one type and is blind to
// another shows exactly that, where the pooled numbers hide it.
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/Detector.h"
#include "engine/Engine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>

namespace {

constexpr int kSide = 64;
constexpr unsigned char kGrey = 128;

// Sees only bright green: the map is how far each pixel's green rises above the
// background grey, the score the map's maximum. Blind to anything that leaves green alone.
class GreenDetector : public dl::Detector {
public:
    std::string method() const override { return "green"; }
    void fit(const dl::FitInput&, const dl::ProgressContext&) override {}
    dl::Prediction predict(const cv::Mat& rgb8) override
    {
        cv::Mat channels[3];
        cv::split(rgb8, channels);
        dl::Prediction p;
        channels[1].convertTo(p.map, CV_32F, 1.0, -double(kGrey));
        p.map = cv::max(p.map, 0.0);
        double highest = 0;
        cv::minMaxLoc(p.map, nullptr, &highest);
        p.score = float(highest);
        return p;
    }
    void save(dl::ModelBundle&) const override {}
    void load(const dl::ModelBundle&) override {}
};

cv::Mat greyPart() { return cv::Mat(kSide, kSide, CV_8UC3, cv::Scalar(kGrey, kGrey, kGrey)); }

// The second defect type beside "bright", each with a 20x20 mask: none; "faint" (the mask
// over unchanged grey pixels); "tinted" (the whole part's green raised to 160, so a map
// that follows green flags the image but cannot point at the region, like a map raised
// over a whole defect image).
enum class SecondType { None, Faint, Tinted };

// An MVTec-layout set: 3 good test images, 2 "bright" defects (a 10x10 green square the
// detector sees) and 2 of the second type.
std::unique_ptr<dl::Dataset> writeParts(const std::string& root, SecondType second)
{
    for (int i = 0; i < 2; ++i)
        dl::writeImage(root + "/train/good/" + std::to_string(i) + ".png", greyPart());
    for (int i = 0; i < 3; ++i)
        dl::writeImage(root + "/test/good/" + std::to_string(i) + ".png", greyPart());
    for (int i = 0; i < 2; ++i) {
        const cv::Rect bright(5 + 20 * i, 10, 10, 10);
        cv::Mat part = greyPart();
        cv::Mat mask = cv::Mat::zeros(kSide, kSide, CV_8UC1);
        part(bright).setTo(cv::Scalar(kGrey, 250, kGrey));
        mask(bright).setTo(255);
        dl::writeImage(root + "/test/bright/" + std::to_string(i) + ".png", part);
        dl::writeImage(root + "/ground_truth/bright/" + std::to_string(i) + "_mask.png", mask);
        if (second == SecondType::None) continue;
        const bool tinted = second == SecondType::Tinted;
        const std::string type = tinted ? "tinted" : "faint";
        mask.setTo(0);
        mask(cv::Rect(30, 30 + 5 * i, 20, 20)).setTo(255);
        dl::writeImage(root + "/test/" + type + "/" + std::to_string(i) + ".png",
                       tinted ? cv::Mat(kSide, kSide, CV_8UC3, cv::Scalar(kGrey, 160, kGrey)) : greyPart());
        dl::writeImage(root + "/ground_truth/" + type + "/" + std::to_string(i) + "_mask.png", mask);
    }
    dl::DatasetOptions options;
    options.format = dl::DatasetFormat::MvTec;
    return std::make_unique<dl::Dataset>(dl::importDataset(root, options));
}

const dl::DefectTypeMetrics* typeNamed(const dl::CategoryMetrics& m, const std::string& type)
{
    for (const auto& t : m.defectTypes)
        if (t.defectType == type) return &t;
    return nullptr;
}

} // namespace

class TestEvaluation : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private Q_SLOTS:
    void eachDefectTypeIsMeasuredAgainstTheGoodImages()
    {
        QVERIFY(dir_.isValid());
        const auto parts = writeParts((dir_.path() + "/parts").toStdString(), SecondType::Faint);
        GreenDetector detector;
        const dl::EvaluationReport report = dl::evaluateDetector(detector, {parts.get()}, {});
        QCOMPARE(report.categories.size(), std::size_t(1));
        const dl::CategoryMetrics& category = report.categories.front();
        QCOMPARE(category.defectTypes.size(), std::size_t(2));

        const dl::DefectTypeMetrics* bright = typeNamed(category, "bright");
        const dl::DefectTypeMetrics* faint = typeNamed(category, "faint");
        QVERIFY(bright && faint);
        QCOMPARE(bright->images, 2);
        QCOMPARE(faint->images, 2);
        // Seen: every defect pixel above every other pixel.
        QCOMPARE(bright->imageAuroc, 1.0);
        QCOMPARE(bright->pixelAuroc, 1.0);
        QCOMPARE(bright->aupro, 1.0);
        // Unseen: every pixel ties at 0, so chance level; the PRO curve is the diagonal up
        // to the 0.3 FPR limit, normalised: 0.3 * 0.3 / 2 / 0.3.
        QCOMPARE(faint->imageAuroc, 0.5);
        QCOMPARE(faint->pixelAuroc, 0.5);
        QVERIFY(std::abs(faint->aupro - 0.15) < 1e-9);
        // Inside their own images too: found, and not found.
        QCOMPARE(bright->pixelAurocWithinImages, 1.0);
        QCOMPARE(faint->pixelAurocWithinImages, 0.5);
        // 2 x 100 bright pixels against 2 x 400 faint ones.
        QVERIFY(std::abs(bright->defectPixelShare - 0.2) < 1e-12);
        QVERIFY(std::abs(faint->defectPixelShare - 0.8) < 1e-12);
        // The pooled pixel AUROC is mostly the large type's: 0.2 * 1 + 0.8 * 0.5.
        QVERIFY(std::abs(category.pixelAuroc - 0.6) < 1e-12);
    }

    void withinImagesTellsFindingTheRegionFromFlaggingTheImage()
    {
        const auto parts = writeParts((dir_.path() + "/tinted").toStdString(), SecondType::Tinted);
        GreenDetector detector;
        const dl::EvaluationReport report = dl::evaluateDetector(detector, {parts.get()}, {});
        const dl::DefectTypeMetrics* tinted = typeNamed(report.categories.front(), "tinted");
        const dl::DefectTypeMetrics* bright = typeNamed(report.categories.front(), "bright");
        QVERIFY(tinted && bright);
        // The tinted images are flagged, and their defect pixels lie above every good pixel...
        QCOMPARE(tinted->imageAuroc, 1.0);
        // ...but tie with the rest of their own images: chance inside them.
        QCOMPARE(tinted->pixelAurocWithinImages, 0.5);
        // The pooled number mixes the two: 3 good images of 64x64 pixels (below) and the
        // tinted images' 2 x (4096 - 400) other pixels (tied).
        const double good = 3.0 * 4096, own = 2.0 * (4096 - 400);
        QVERIFY(std::abs(tinted->pixelAuroc - (good + 0.5 * own) / (good + own)) < 1e-12);
        QCOMPARE(bright->pixelAurocWithinImages, 1.0);
    }

    void oneDefectTypeGivesNoBreakdown()
    {
        const auto parts = writeParts((dir_.path() + "/plates").toStdString(), SecondType::None);
        GreenDetector detector;
        const dl::EvaluationReport report = dl::evaluateDetector(detector, {parts.get()}, {});
        QCOMPARE(report.categories.size(), std::size_t(1));
        QVERIFY(report.categories.front().defectTypes.empty()); // its numbers are the category's
        QCOMPARE(report.categories.front().pixelAuroc, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
