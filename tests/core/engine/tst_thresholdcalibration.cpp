// Choosing the threshold by a target false-reject rate: the estimate counts the
// cross-validated normal scores at or above the threshold, the interval is the
// Wilson interval, the chosen threshold rejects at most the target share, and the
// cross-validated scores land on the model's own scale (one per normal training
// image, none from the test split).
#include "ErrorMessage.h"
#include "TestSupport.h"
#include "common/Error.h"
#include "data/Importers.h"
#include "data/SampleData.h"
#include "engine/ThresholdCalibration.h"

#include <QTemporaryDir>
#include <QtTest>

class TestThresholdCalibration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void estimateCountsScoresAtOrAboveTheThreshold()
    {
        dl::NormalScoreDistribution d;
        for (int i = 1; i <= 200; ++i)
            d.scores.push_back(double(i));
        const dl::FalseRejectEstimate at = d.atThreshold(191.0); // 191..200 rejected
        QCOMPARE(at.rejected, 10);
        QCOMPARE(at.normalImages, 200);
        QCOMPARE(at.rate, 0.05);
        QVERIFY(at.low < 0.05 && at.high > 0.05);
        QVERIFY(d.atThreshold(1000.0).rejected == 0);
        QCOMPARE(d.atThreshold(-1.0).rate, 1.0);
    }

    void targetThresholdRejectsAtMostTheTargetShare()
    {
        dl::NormalScoreDistribution d;
        for (int i = 1; i <= 200; ++i)
            d.scores.push_back(double(i));
        // 1 % of 200: two images may be rejected, so the threshold sits between 198 and 199.
        const dl::FalseRejectEstimate one = d.forTargetRate(0.01);
        QCOMPARE(one.threshold, 198.5);
        QCOMPARE(one.rejected, 2);
        QVERIFY(one.rate <= 0.01);
        // Below one image's share: nothing may be rejected, the threshold passes the largest score.
        const dl::FalseRejectEstimate strict = d.forTargetRate(0.001);
        QCOMPARE(strict.rejected, 0);
        QVERIFY(strict.threshold > 200.0 && strict.threshold < 200.001);
        // Ties never split: equal scores are passed or rejected together.
        dl::NormalScoreDistribution tied;
        tied.scores = {1, 2, 3, 3, 3, 3};
        QVERIFY(tied.forTargetRate(0.2).rejected <= 1);
        for (double bad : {0.0, 1.0, -0.5, 2.0})
            QVERIFY_THROWS_EXCEPTION(dl::Error, d.forTargetRate(bad));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::NormalScoreDistribution{}.forTargetRate(0.01));
    }

    void wilsonIntervalMatchesKnownValues()
    {
        double low = 0, high = 0;
        dl::wilsonInterval(0, 100, low, high);
        QCOMPARE(low, 0.0);
        QVERIFY(std::abs(high - 0.0370) < 5e-4); // 3.7 % for 0 of 100
        dl::wilsonInterval(2, 200, low, high);
        QVERIFY(std::abs(low - 0.00275) < 5e-4);
        QVERIFY(std::abs(high - 0.0357) < 5e-4);
    }

    void crossValidatedScoresAreOnTheModelsScale()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QTemporaryDir dir;
        const std::string root = (dir.path() + "/sample").toStdString();
        dl::SampleDataOptions options;
        options.trainImages = 30; // 3 held out for the model's calibration statistics
        options.testGoodImages = 3;
        options.testDefectImages = 4;
        options.size = 64;
        dl::writeSampleDataset(root, options);
        const dl::Dataset data = dl::importDataset(root, {});
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"image_size", 64}, {"coreset_ratio", 0.25}};
        request.datasets = {&data};
        const auto model = dl::trainDetector(request, {});
        const dl::NormalScoreDistribution d = dl::crossValidatedNormalScores(request, model->info(), 3, {});
        QCOMPARE(d.folds, 3);
        QCOMPARE(int(d.scores.size()), 30); // every normal training image once, no test image
        QVERIFY(std::is_sorted(d.scores.begin(), d.scores.end()));
        // Out-of-fold scores of normal images sit around the model's calibration scores.
        const double mean = model->info().normalisation.value("image_score_mean", 0.0);
        const double stdev = model->info().normalisation.value("image_score_std", 1.0);
        double sum = 0;
        for (double s : d.scores)
            sum += s;
        QVERIFY2(std::abs(sum / 30.0 - mean) < 6.0 * stdev + 1e-6, "cross-validated scores far off the model's scale");
    }
};

QTEST_GUILESS_MAIN(TestThresholdCalibration)
#include "tst_thresholdcalibration.moc"
