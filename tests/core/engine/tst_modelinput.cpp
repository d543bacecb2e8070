// How images enter a model: a JPEG much larger than the model's input is decoded at
// a reduced scale, the same way in training, calibration, `test` and single-image
// scoring, so an image's score never depends on the path that scored it; maps and
// masks stay at the file's size; bundles written before the reduced decode keep
// decoding in full; tiled models always decode in full; a bad setting is refused,
// in a training request and in a bundle.
#include "TestSupport.h"
#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <random>

namespace {

constexpr int kFileSide = 600; // JPEGs on disk
constexpr int kInputSide = 128; // the model's input: 600 px decodes at 1/4 (150 px)

// A textured part: stripes and noise that differ from seed to seed.
cv::Mat generatedPart(unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> phase(0.0, 6.28);
    const double p = phase(rng);
    cv::Mat noise(kFileSide, kFileSide, CV_8UC1);
    cv::theRNG().state = seed;
    cv::randn(noise, 0, 5);
    cv::Mat part(kFileSide, kFileSide, CV_8UC3);
    for (int y = 0; y < kFileSide; ++y)
        for (int x = 0; x < kFileSide; ++x) {
            const double v = 120.0 + 25.0 * std::sin(0.07 * y + p) + 10.0 * std::sin(0.03 * x + p)
                             + double(noise.at<schar>(y, x));
            part.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(v), cv::saturate_cast<uchar>(v + 10),
                                                 cv::saturate_cast<uchar>(v - 10));
        }
    return part;
}

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const dl::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestModelInput : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string root_;
    std::unique_ptr<dl::Dataset> data_;
    std::string bundle_;

    std::string file(const std::string& relative) const { return root_ + "/" + relative; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        root_ = (dir_.path() + "/parts").toStdString();
        for (unsigned i = 0; i < 12; ++i)
            dl::writeImage(file("train/good/" + std::to_string(i) + ".jpg"), generatedPart(10 + i));
        for (unsigned i = 0; i < 3; ++i)
            dl::writeImage(file("test/good/" + std::to_string(i) + ".jpg"), generatedPart(50 + i));
        for (unsigned i = 0; i < 3; ++i) {
            cv::Mat part = generatedPart(80 + i);
            cv::Mat mask = cv::Mat::zeros(kFileSide, kFileSide, CV_8UC1);
            const cv::Point centre(150 + 120 * int(i), 300);
            cv::circle(part, centre, 45, cv::Scalar(20, 230, 40), cv::FILLED);
            cv::circle(mask, centre, 45, cv::Scalar(255), cv::FILLED);
            dl::writeImage(file("test/spot/" + std::to_string(i) + ".jpg"), part);
            dl::writeImage(file("ground_truth/spot/" + std::to_string(i) + "_mask.png"), mask);
        }
        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::MvTec;
        data_ = std::make_unique<dl::Dataset>(dl::importDataset(root_, options));
        bundle_ = (dir_.path() + "/patchcore.dlm").toStdString();
    }

    void aLargeJpegIsDecodedReducedForTheModel()
    {
        dl::ModelInfo info;
        info.preprocess.width = info.preprocess.height = kInputSide;
        const dl::DecodedImage decoded = dl::loadModelInput(file("test/good/0.jpg"), info);
        QCOMPARE(decoded.rgb.size(), cv::Size(150, 150));
        QCOMPARE(decoded.fileSize, cv::Size(kFileSide, kFileSide));
        // A tiled model cuts tiles at native resolution: always a full decode.
        info.tiling = dl::TileSpec{256, 0};
        QCOMPARE(dl::loadModelInput(file("test/good/0.jpg"), info).rgb.size(), cv::Size(kFileSide, kFileSide));
    }

    void everyScoringPathGivesTheSameScore()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"image_size", kInputSide}, {"coreset_ratio", 0.1}};
        request.backbone.weightsPath = dltest::sharedPath("models/mobilenetv2-12-int8.onnx").toStdString();
        request.datasets = {data_.get()};
        dl::saveDetector(*dl::trainDetector(request, {}), bundle_);
        QCOMPARE(dl::ModelBundle::load(bundle_).header.at("preprocess").at("jpeg_decode"), "reduced");
        std::unique_ptr<dl::Detector> detector = dl::loadDetector(bundle_);
        QVERIFY(detector->info().preprocess.reducedJpegDecode);

        // `test`: masks are the files' size (600 px) though the images decode at 150 px.
        const dl::EvaluationReport report = dl::evaluateDetector(*detector, {data_.get()}, {});
        QCOMPARE(report.images.size(), std::size_t(6));
        QVERIFY(report.mean.pixelAuroc > 0.9);
        QVERIFY(report.mean.imageAuroc > 0.9);
        for (const dl::EvaluatedImage& e : report.images) {
            // Single-image scoring (predict, the viewer, calibration) agrees exactly.
            const float single = dl::predictFile(*detector, e.sample->path).score;
            QCOMPARE(single, e.score);
            const cv::Mat reduced = dl::loadImageRgbAtLeast(e.sample->path, {kInputSide, kInputSide}).rgb;
            QCOMPARE(detector->predict(reduced).score, e.score);
        }
        // The reduced decode is not the full one: the scores are close but not equal.
        const std::string image = file("test/good/0.jpg");
        const float full = detector->predict(dl::loadImageRgb(image)).score;
        const float reduced = dl::predictFile(*detector, image).score;
        qInfo("full decode %.5f, reduced decode %.5f (threshold %.5f)", double(full), double(reduced),
              detector->info().threshold);
        QVERIFY(std::abs(full - reduced) < 0.1 * std::abs(detector->info().threshold));
    }

    void aModelWithoutTheSettingDecodesInFull()
    {
        if (!QFileInfo::exists(QString::fromStdString(bundle_)))
            QSKIP("needs the model of everyScoringPathGivesTheSameScore");
        // A bundle written before the reduced decode existed has no jpeg_decode entry.
        std::unique_ptr<dl::Detector> detector = dl::loadDetector(bundle_);
        detector->info().preprocess.reducedJpegDecode = false;
        const std::string older = (dir_.path() + "/older.dlm").toStdString();
        dl::saveDetector(*detector, older);
        QVERIFY(!dl::ModelBundle::load(older).header.at("preprocess").contains("jpeg_decode"));
        std::unique_ptr<dl::Detector> loaded = dl::loadDetector(older);
        QVERIFY(!loaded->info().preprocess.reducedJpegDecode);
        const std::string image = file("test/spot/1.jpg");
        QCOMPARE(dl::loadModelInput(image, loaded->info()).rgb.size(), cv::Size(kFileSide, kFileSide));
        QCOMPARE(dl::predictFile(*loaded, image).score, loaded->predict(dl::loadImageRgb(image)).score);
    }

    void aDamagedSettingInABundleIsRefusedNamingTheFile()
    {
        if (!QFileInfo::exists(QString::fromStdString(bundle_)))
            QSKIP("needs the model of everyScoringPathGivesTheSameScore");
        dl::ModelBundle bundle = dl::ModelBundle::load(bundle_);
        bundle.header["preprocess"]["jpeg_decode"] = 2;
        const std::string damaged = (dir_.path() + "/damaged.dlm").toStdString();
        bundle.save(damaged);
        const QString message = errorOf([&] { dl::loadDetector(damaged); });
        QVERIFY2(message.contains("damaged.dlm") && message.contains("preprocess") && message.contains("jpeg_decode"),
                 qPrintable(message));
    }

    // A warm start reuses what the parent computed from its decodes (DMAD's normal bank):
    // the child decodes as its parent, and asking otherwise is refused.
    void aChildModelDecodesAsItsParent()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString textures = dir_.path() + "/textures";
        for (int t = 0; t < 4; ++t) {
            cv::Mat texture(96, 96, CV_8UC3);
            for (int y = 0; y < 96; ++y)
                for (int x = 0; x < 96; ++x)
                    texture.at<cv::Vec3b>(y, x) = ((x / (4 + t)) + (y / (4 + t))) % 2 ? cv::Vec3b(240, 40 * t, 20)
                                                                                      : cv::Vec3b(10, 200, 90);
            dl::writeImage((textures + QString("/texture_%1.png").arg(t)).toStdString(), texture);
        }
        dl::TrainRequest request;
        request.method = "dmad";
        request.params = {{"image_size", kInputSide}, {"epochs", 2}, {"synthetic_images", 4}, {"texture_images", 4},
                          {"texture_dir", textures.toStdString()}, {"normal_patches", 2000}, {"coreset_ratio", 0.05},
                          {"texture_coreset_ratio", 0.1}, {"jpeg_decode", "full"}};
        request.backbone.weightsPath = dltest::sharedPath("models/mobilenetv2-12-int8.onnx").toStdString();
        request.datasets = {data_.get()};
        const std::string parent = (dir_.path() + "/dmad-parent.dlm").toStdString();
        dl::saveDetector(*dl::trainDetector(request, {}), parent);

        request.params.erase("jpeg_decode");
        request.parentModelPath = parent;
        std::unique_ptr<dl::Detector> child = dl::trainDetector(request, {});
        QVERIFY(!child->info().preprocess.reducedJpegDecode); // inherited, not the default

        request.params["jpeg_decode"] = "reduced";
        const QString message = errorOf([&] { dl::trainDetector(request, {}); });
        QVERIFY2(message.contains("dmad-parent.dlm") && message.contains("decodes JPEGs in full"), qPrintable(message));
    }

    void theSettingIsChosenAtTrainingAndCheckedByName()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"image_size", kInputSide}, {"coreset_ratio", 0.1}, {"jpeg_decode", "full"}};
        request.backbone.weightsPath = dltest::sharedPath("models/mobilenetv2-12-int8.onnx").toStdString();
        request.datasets = {data_.get()};
        std::unique_ptr<dl::Detector> full = dl::trainDetector(request, {});
        QVERIFY(!full->info().preprocess.reducedJpegDecode);
        QVERIFY(!full->info().params.contains("jpeg_decode")); // an engine setting, not the method's

        request.params["jpeg_decode"] = "half";
        const QString message = errorOf([&] { dl::trainDetector(request, {}); });
        QVERIFY2(message.contains("jpeg_decode") && message.contains("\"reduced\" or \"full\""), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestModelInput)
#include "tst_modelinput.moc"
