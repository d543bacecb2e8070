// ROC and PRO curves for plotting: hand-worked points, consistency with the
// scalar metrics (trapezoid area == auroc / auPro), thinning keeps both ends.
#include "common/Error.h"
#include "metrics/Metrics.h"

#include <QtTest>

#include <random>

namespace {

double trapezoidArea(const std::vector<dl::CurvePoint>& points)
{
    double area = 0.0;
    for (std::size_t i = 1; i < points.size(); ++i)
        area += (points[i].x - points[i - 1].x) * (points[i].y + points[i - 1].y) / 2.0;
    return area;
}

} // namespace

class TestCurves : public QObject {
    Q_OBJECT
private slots:
    void rocHandWorked()
    {
        // Scores 0.9(+) 0.8(-) 0.7(+) 0.1(-): thresholds give (0,.5) (.5,.5) (.5,1) (1,1).
        const auto points = dl::rocCurve({0.9f, 0.8f, 0.7f, 0.1f}, {1, 0, 1, 0});
        QCOMPARE(points.size(), std::size_t(5));
        QCOMPARE(points.front().x, 0.0);
        QCOMPARE(points.front().y, 0.0);
        QCOMPARE(points[1].x, 0.0);
        QCOMPARE(points[1].y, 0.5);
        QCOMPARE(points[2].x, 0.5);
        QCOMPARE(points[3].y, 1.0);
        QCOMPARE(points.back().x, 1.0);
        QCOMPARE(points.back().y, 1.0);
        QCOMPARE(trapezoidArea(points), dl::auroc({0.9f, 0.8f, 0.7f, 0.1f}, {1, 0, 1, 0}));
    }

    void rocAreaMatchesAurocOnRandomDataAndThins()
    {
        std::mt19937 random(3);
        std::uniform_int_distribution<int> score(0, 50); // many ties
        std::vector<float> scores;
        std::vector<std::uint8_t> labels;
        for (int i = 0; i < 2000; ++i) {
            labels.push_back(std::uint8_t(i % 3 == 0));
            scores.push_back(float(score(random) + (labels.back() ? 10 : 0)));
        }
        const auto full = dl::rocCurve(scores, labels, 100000);
        QVERIFY(qAbs(trapezoidArea(full) - dl::auroc(scores, labels)) < 1e-9);
        const auto thin = dl::rocCurve(scores, labels, 10);
        QCOMPARE(thin.size(), std::size_t(10));
        QCOMPARE(thin.back().x, 1.0);
        QCOMPARE(thin.back().y, 1.0);
        for (std::size_t i = 1; i < thin.size(); ++i)
            QVERIFY(thin[i].x >= thin[i - 1].x && thin[i].y >= thin[i - 1].y);
    }

    void proAreaMatchesAuPro()
    {
        std::mt19937 random(5);
        std::uniform_real_distribution<float> noise(0.0f, 1.0f);
        std::vector<dl::PixelImage> images;
        for (int i = 0; i < 4; ++i) {
            dl::PixelImage image;
            image.width = 32;
            image.height = 32;
            for (int p = 0; p < 32 * 32; ++p) {
                const bool defect = i % 2 == 1 && (p % 32) > 10 && (p % 32) < 16 && p / 32 > 4 && p / 32 < 12;
                image.mask.push_back(defect ? 255 : 0);
                image.scores.push_back(noise(random) + (defect ? 0.6f : 0.0f));
            }
            images.push_back(std::move(image));
        }
        const auto curve = dl::proCurve(images, 0.3, 1000000);
        QCOMPARE(curve.front().x, 0.0);
        QVERIFY(qAbs(curve.back().x - 0.3) < 1e-12);
        QVERIFY(qAbs(trapezoidArea(curve) / 0.3 - dl::auPro(images, 0.3)) < 1e-9);
        QVERIFY(dl::proCurve(images, 0.3, 50).size() <= 50);
    }

    void errorsAreClear()
    {
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::rocCurve({0.1f, 0.2f}, {0, 0}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::proCurve({}, 0.3));
        dl::PixelImage good;
        good.width = good.height = 2;
        good.scores = {0, 0, 0, 0};
        good.mask = {0, 0, 0, 0};
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::proCurve({good}, 1.5));
    }
};

QTEST_MAIN(TestCurves)
#include "tst_curves.moc"
