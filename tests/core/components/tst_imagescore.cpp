// The shared image scores (components/ImageScore): the mean of the k highest map
// pixels, and of a fraction of them, which gives the same score to the same defect
// whatever the image's size.
#include "components/ImageScore.h"

#include <QtTest>

class TestImageScore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void topKMeanAveragesTheHighestPixels()
    {
        cv::Mat map = cv::Mat::zeros(4, 4, CV_32FC1);
        map.at<float>(0, 0) = 4.0f;
        map.at<float>(1, 1) = 2.0f;
        QCOMPARE(dl::topKMean(map, 1), 4.0f);
        QCOMPARE(dl::topKMean(map, 2), 3.0f);
        QCOMPARE(dl::topKMean(map, 4), 1.5f);
        QCOMPARE(dl::topKMean(map, 100), 6.0f / 16.0f); // more than the map has: all of it
        QCOMPARE(dl::topKMean(map, 0), 4.0f);            // at least one pixel
        // A view into a larger map (not continuous) reads only its own pixels.
        cv::Mat big = cv::Mat::zeros(8, 8, CV_32FC1);
        big.at<float>(0, 7) = 9.0f;
        map.copyTo(big(cv::Rect(0, 0, 4, 4)));
        QCOMPARE(dl::topKMean(big(cv::Rect(0, 0, 4, 4)), 1), 4.0f);
    }

    void topFractionDoesNotDependOnTheImageSize()
    {
        // The same defect (a quarter of the image at 1, the rest at 0) at two sizes.
        for (int side : {40, 400}) {
            cv::Mat map = cv::Mat::zeros(side, side, CV_32FC1);
            map(cv::Rect(0, 0, side / 2, side / 2)).setTo(1.0f);
            QCOMPARE(dl::topFractionMean(map, 0.01), 1.0f);
            QCOMPARE(dl::topFractionMean(map, 0.25), 1.0f);
            QCOMPARE(dl::topFractionMean(map, 0.5), 0.5f);
            QCOMPARE(dl::topFractionMean(map, 1.0), 0.25f);
        }
        cv::Mat tiny = cv::Mat::zeros(3, 3, CV_32FC1);
        tiny.at<float>(2, 2) = 7.0f;
        QCOMPARE(dl::topFractionMean(tiny, 1e-6), 7.0f); // never fewer than one pixel
    }

    void maxOrTopPicksTheMethodsImageScore()
    {
        cv::Mat map = cv::Mat::zeros(10, 10, CV_32FC1);
        map.at<float>(3, 3) = 9.0f;
        map(cv::Rect(5, 5, 5, 2)).setTo(2.0f); // 10 pixels at 2
        QCOMPARE(dl::maxOrTopFractionMean(map, false, 0.05), 9.0f);     // the maximum; the fraction is unused
        QCOMPARE(dl::maxOrTopFractionMean(map, true, 0.05), 17.0f / 5.0f); // 9 and four 2s
        QCOMPARE(dl::maxOrTopFractionMean(map, true, 0.11), 29.0f / 11.0f);
    }
};

QTEST_APPLESS_MAIN(TestImageScore)
#include "tst_imagescore.moc"
