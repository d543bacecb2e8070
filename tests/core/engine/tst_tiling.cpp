// Large images in tiles: the tile grid covers every pixel with the overlap
// asked for, bad settings are refused by name, and a PatchCore trained on tiles
// of large generated frames finds a real bottle defect pasted into one, where it
// was pasted, after a save / load round trip.
#include "TestSupport.h"
#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/Engine.h"
#include "engine/TiledDetector.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <random>

namespace {

// A large "web" frame: a smooth vertical gradient with fine horizontal
// stripes and sensor noise; every frame differs in phase and noise.
cv::Mat generatedFrame(cv::Size size, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> phase(0.0, 6.28);
    const double p = phase(rng);
    cv::Mat frame(size, CV_8UC3);
    cv::Mat noise(size, CV_8UC1);
    cv::randn(noise, 0, 4);
    cv::theRNG().state = seed;
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x) {
            const double v = 110.0 + 30.0 * double(y) / size.height + 18.0 * std::sin(0.21 * y + p)
                             + 6.0 * std::sin(0.05 * x + 2 * p) + double(noise.at<schar>(y, x));
            const auto g = cv::saturate_cast<uchar>(v);
            frame.at<cv::Vec3b>(y, x) = cv::Vec3b(g, cv::saturate_cast<uchar>(v + 8), cv::saturate_cast<uchar>(v + 16));
        }
    return frame;
}

} // namespace

class TestTiling : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private Q_SLOTS:
    void theGridCoversTheImageWithTheOverlapAsked()
    {
        const dl::TileSpec spec{256, 32};
        for (const cv::Size size : {cv::Size(1000, 700), cv::Size(256, 256), cv::Size(257, 1200), cv::Size(100, 3000)}) {
            const std::vector<cv::Rect> grid = dl::tileGrid(size, spec);
            cv::Mat covered = cv::Mat::zeros(size, CV_32S);
            for (const cv::Rect& r : grid) {
                QVERIFY(r.x >= 0 && r.y >= 0 && r.br().x <= size.width && r.br().y <= size.height);
                QCOMPARE(r.width, std::min(256, size.width));
                QCOMPARE(r.height, std::min(256, size.height));
                covered(r) += 1;
            }
            QCOMPARE(cv::countNonZero(covered), size.area()); // every pixel
            // Neighbours share at least the overlap: the step never exceeds size - overlap.
            for (std::size_t i = 1; i < grid.size(); ++i)
                if (grid[i].y == grid[i - 1].y)
                    QVERIFY(grid[i].x - grid[i - 1].x <= 256 - 32);
        }
        QCOMPARE(dl::tileGrid({1000, 700}, spec).size(), std::size_t(5 * 3));
        QCOMPARE(dl::tileGrid({1000, 700}, dl::TileSpec{}).size(), std::size_t(1)); // off: the whole image
    }

    void badTilingSettingsAreRefusedByName()
    {
        const std::vector<std::pair<nlohmann::json, std::string>> wrong = {
            {{{"tile_size", 16}}, "tile_size must lie within 32..8192"},
            {{{"tile_size", 256}, {"tile_overlap", 128}}, "tile_overlap must lie within 0..127"},
            {{{"tile_overlap", 8}}, "tile_overlap needs tile_size"},
            {{{"tile_size", "big"}}, "tile_size must be a whole number"},
        };
        for (auto [params, problem] : wrong) {
            try {
                dl::takeTilingParameters(params);
                QFAIL(qPrintable(QString::fromStdString(params.dump() + " was accepted")));
            } catch (const dl::Error& e) {
                QVERIFY2(std::string(e.what()).find(problem) != std::string::npos, e.what());
            }
        }
        nlohmann::json params = {{"tile_size", 512}, {"tile_overlap", 64}, {"coreset_ratio", 0.1}};
        const dl::TileSpec spec = dl::takeTilingParameters(params);
        QCOMPARE(spec.size, 512);
        QCOMPARE(spec.overlap, 64);
        QCOMPARE(params.dump(), std::string(R"({"coreset_ratio":0.1})")); // the method sees its own only
    }

    void aRealDefectPastedIntoALargeFrameIsFoundWhereItIs()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        DL_REQUIRE_SHARED("data/mvtec_bottle/test/broken_small/000.png");
        const cv::Size frameSize(1024, 768);
        const std::string train = (dir_.path() + "/frames/train/good").toStdString();
        // 12 frames: 11 to train on, one held out for the threshold.
        for (unsigned i = 0; i < 12; ++i)
            dl::writeImage(train + "/frame_" + std::to_string(i) + ".png", generatedFrame(frameSize, 100 + i));

        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::Folder;
        const dl::Dataset data = dl::importDataset((dir_.path() + "/frames/train/good").toStdString(), options);
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"coreset_ratio", 0.01}, {"tile_size", 256}, {"tile_overlap", 32}};
        request.backbone.weightsPath = dltest::sharedPath("models/mobilenetv2-12-int8.onnx").toStdString();
        request.datasets = {&data};
        const std::string bundle = (dir_.path() + "/tiled.dlm").toStdString();
        dl::saveDetector(*dl::trainDetector(request, {}), bundle);
        std::unique_ptr<dl::Detector> detector = dl::loadDetector(bundle);
        QCOMPARE(detector->info().tiling.size, 256);
        QCOMPARE(detector->info().tiling.overlap, 32);
        QVERIFY(!detector->info().params.contains("tile_size"));

        // The defect of a real bottle image: its masked pixels pasted at a known place.
        const cv::Mat bottle = dl::loadImageRgb(dltest::sharedPath("data/mvtec_bottle/test/broken_small/000.png").toStdString());
        const cv::Mat mask = dl::loadMask(dltest::sharedPath("data/mvtec_bottle/ground_truth/broken_small/000_mask.png").toStdString());
        cv::Rect defectBox = cv::boundingRect(mask);
        QVERIFY(defectBox.area() > 0);
        // At most 200 px square around the defect's centre: a small defect in a large frame.
        const cv::Point centre = (defectBox.tl() + defectBox.br()) / 2;
        defectBox &= cv::Rect(centre.x - 100, centre.y - 100, 200, 200);
        cv::Mat frame = generatedFrame(frameSize, 999);
        const cv::Point at(700, 420); // away from the frame's centre and across tile borders
        const cv::Rect pasted(at, defectBox.size());
        QVERIFY((pasted & cv::Rect(cv::Point(), frameSize)) == pasted);
        bottle(defectBox).copyTo(frame(pasted), mask(defectBox));

        QElapsedTimer timer;
        timer.start();
        const dl::Prediction withDefect = detector->predict(frame);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const dl::Prediction clean = detector->predict(generatedFrame(frameSize, 998));
        qInfo("tiled PatchCore, %dx%d frame (%zu tiles of 256 px): %.0f ms, %.0f ms per megapixel",
              frameSize.width, frameSize.height, dl::tileGrid(frameSize, {256, 32}).size(), ms,
              ms / (frameSize.area() / 1e6));

        QCOMPARE(withDefect.map.size(), frameSize); // stitched at native resolution
        cv::Point hottest;
        cv::minMaxLoc(withDefect.map, nullptr, nullptr, nullptr, &hottest);
        const cv::Rect near(pasted.x - 32, pasted.y - 32, pasted.width + 64, pasted.height + 64);
        QVERIFY2(near.contains(hottest), qPrintable(QStringLiteral("hottest pixel at %1,%2; defect pasted at %3,%4 %5x%6")
                                                        .arg(hottest.x).arg(hottest.y).arg(pasted.x).arg(pasted.y)
                                                        .arg(pasted.width).arg(pasted.height)));
        QVERIFY2(withDefect.score >= detector->info().threshold,
                 qPrintable(QStringLiteral("score %1, threshold %2").arg(withDefect.score).arg(detector->info().threshold)));
        QVERIFY2(clean.score < detector->info().threshold,
                 qPrintable(QStringLiteral("clean frame %1, threshold %2").arg(clean.score).arg(detector->info().threshold)));
    }
};

QTEST_GUILESS_MAIN(TestTiling)
#include "tst_tiling.moc"
