// PreprocessSpec: resizing, scaling to [0,1] and per-channel normalisation.
#include "common/Error.h"
#include "data/Preprocess.h"

#include <QtTest>

#include <vector>

class TestPreprocess : public QObject {
    Q_OBJECT

private slots:
    void applyNormalisesEachRgbChannel()
    {
        cv::Mat rgb(1, 2, CV_8UC3);
        rgb.at<cv::Vec3b>(0, 0) = cv::Vec3b(255, 0, 128);
        rgb.at<cv::Vec3b>(0, 1) = cv::Vec3b(51, 102, 204);
        dl::PreprocessSpec spec;
        spec.width = 2;
        spec.height = 1;
        const cv::Mat input = spec.apply(rgb);
        QCOMPARE(input.type(), CV_32FC3);
        QCOMPARE(input.size(), cv::Size(2, 1));
        for (int x = 0; x < 2; ++x) {
            for (int c = 0; c < 3; ++c) {
                const float expected = (rgb.at<cv::Vec3b>(0, x)[c] / 255.0f - spec.mean[c]) / spec.stdev[c];
                const float actual = input.at<cv::Vec3f>(0, x)[c];
                QVERIFY2(std::abs(actual - expected) < 1e-5f,
                         qPrintable(QString("x=%1 c=%2: %3 vs %4").arg(x).arg(c).arg(actual).arg(expected)));
            }
        }
        // Hand-checked value: red 255 with ImageNet statistics -> (1 - 0.485) / 0.229.
        QVERIFY(std::abs(input.at<cv::Vec3f>(0, 0)[0] - 2.2489083f) < 1e-5f);
    }

    // The networks' channel-planar layout holds exactly apply()'s values, in one pass.
    void planarLayoutHoldsTheSameValues()
    {
        cv::Mat rgb(37, 53, CV_8UC3);
        cv::randu(rgb, 0, 256);
        dl::PreprocessSpec spec;
        spec.width = 29;
        spec.height = 23;
        const cv::Mat hwc = spec.apply(rgb);
        std::vector<float> planes(3 * 29 * 23, -100.0f);
        spec.applyPlanar(rgb, planes.data());
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 23; ++y)
                for (int x = 0; x < 29; ++x)
                    QCOMPARE(planes[std::size_t((c * 23 + y) * 29 + x)], hwc.at<cv::Vec3f>(y, x)[c]);
        // Against the definition (value / 255 - mean) / std at the working size.
        const cv::Mat resized = spec.resize(rgb);
        for (int y = 0; y < 23; ++y)
            for (int x = 0; x < 29; ++x)
                for (int c = 0; c < 3; ++c) {
                    const double expected = (resized.at<cv::Vec3b>(y, x)[c] / 255.0 - spec.mean[c]) / spec.stdev[c];
                    QVERIFY(std::abs(double(hwc.at<cv::Vec3f>(y, x)[c]) - expected) < 1e-5);
                }
        spec.stdev[1] = 0.0f;
        QVERIFY_THROWS_EXCEPTION(dl::Error, spec.applyPlanar(rgb, planes.data()));
    }

    void areaResizeAveragesBlocks()
    {
        // 4x4 -> 2x2: each output pixel is the mean of a 2x2 block.
        cv::Mat rgb(4, 4, CV_8UC3);
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x)
                rgb.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(10 * (y * 4 + x)), uchar(4 * x), uchar(200));
        dl::PreprocessSpec spec;
        spec.width = 2;
        spec.height = 2;
        spec.mean = {0.0f, 0.0f, 0.0f};
        spec.stdev = {1.0f, 1.0f, 1.0f};
        const cv::Mat input = spec.apply(rgb);
        QCOMPARE(input.size(), cv::Size(2, 2));
        // Top-left block red values 0, 10, 40, 50 -> 25; green 0, 4, 0, 4 -> 2.
        QVERIFY(std::abs(input.at<cv::Vec3f>(0, 0)[0] - 25.0f / 255.0f) < 1e-6f);
        QVERIFY(std::abs(input.at<cv::Vec3f>(0, 0)[1] - 2.0f / 255.0f) < 1e-6f);
        QVERIFY(std::abs(input.at<cv::Vec3f>(0, 0)[2] - 200.0f / 255.0f) < 1e-6f);
        // Bottom-right block red values 100, 110, 140, 150 -> 125.
        QVERIFY(std::abs(input.at<cv::Vec3f>(1, 1)[0] - 125.0f / 255.0f) < 1e-6f);

        const cv::Mat resized = spec.resize(rgb);
        QCOMPARE(resized.type(), CV_8UC3);
        QCOMPARE(resized.at<cv::Vec3b>(1, 1), cv::Vec3b(125, 10, 200));
    }

    void linearInterpolationIsSelectable()
    {
        cv::Mat rgb(1, 2, CV_8UC3);
        rgb.at<cv::Vec3b>(0, 0) = cv::Vec3b(0, 0, 0);
        rgb.at<cv::Vec3b>(0, 1) = cv::Vec3b(200, 200, 200);
        dl::PreprocessSpec spec;
        spec.width = 4;
        spec.height = 1;
        spec.interpolation = "linear";
        const cv::Mat up = spec.resize(rgb);
        QCOMPARE(up.size(), cv::Size(4, 1));
        // Half-pixel-centred linear sampling: 0, 50, 150, 200.
        QCOMPARE(up.at<cv::Vec3b>(0, 0)[0], uchar(0));
        QCOMPARE(up.at<cv::Vec3b>(0, 1)[0], uchar(50));
        QCOMPARE(up.at<cv::Vec3b>(0, 2)[0], uchar(150));
        QCOMPARE(up.at<cv::Vec3b>(0, 3)[0], uchar(200));
    }

    void invalidInputIsRefused()
    {
        dl::PreprocessSpec spec;
        QVERIFY_THROWS_EXCEPTION(dl::Error, spec.apply(cv::Mat()));
        QVERIFY_THROWS_EXCEPTION(dl::Error, spec.apply(cv::Mat(4, 4, CV_8UC1, cv::Scalar(0))));
        spec.interpolation = "cubic";
        QVERIFY_THROWS_EXCEPTION(dl::Error, spec.resize(cv::Mat(4, 4, CV_8UC3, cv::Scalar(0))));
        spec.interpolation = "area";
        spec.stdev[1] = 0.0f;
        QVERIFY_THROWS_EXCEPTION(dl::Error, spec.apply(cv::Mat(4, 4, CV_8UC3, cv::Scalar(0))));
    }
};

QTEST_MAIN(TestPreprocess)
#include "tst_preprocess.moc"
