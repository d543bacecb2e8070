// PatchCore end to end on generated images (unit) and on a real bottle subset
// (integration): defects score higher, reloads are bit-identical, cancel works.
#include "TestSupport.h"
#include "core/methods/SyntheticParts.h"
#include "backbone/BackboneSpec.h"
#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "components/Coreset.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "metrics/Metrics.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <set>

namespace {

using dltest::defectivePart;
using dltest::normalPart;
using dltest::sameMap;

std::string writePng(const QString& dir, const QString& name, const cv::Mat& rgb)
{
    const std::string path = (dir + "/" + name).toStdString();
    dl::writeImage(path, rgb);
    return path;
}

} // namespace

class TestPatchCore : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string datasetRoot_;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        // A plain folder of normal training images.
        QDir().mkpath(dir_.path() + "/normal");
        for (unsigned i = 0; i < 16; ++i)
            writePng(dir_.path() + "/normal", QString("part_%1.png").arg(i, 2, 10, QChar('0')), normalPart(i));
        datasetRoot_ = (dir_.path() + "/normal").toStdString();
    }

    void greedyCoresetPicksFarthestPoints()
    {
        // Three tight clusters; a 3-point coreset must take one point from each.
        std::vector<float> points;
        const float centres[3][2] = {{0, 0}, {10, 0}, {0, 10}};
        for (int c = 0; c < 3; ++c)
            for (int k = 0; k < 5; ++k) {
                points.push_back(centres[c][0] + 0.01f * float(k));
                points.push_back(centres[c][1] - 0.01f * float(k));
            }
        dl::CoresetOptions options;
        options.targetSize = 3;
        options.projectionDim = 0;
        auto picked = dl::greedyCoreset(points.data(), 15, 2, options, {});
        QCOMPARE(int(picked.size()), 3);
        std::set<std::int64_t> clusters;
        for (auto i : picked) clusters.insert(i / 5);
        QCOMPARE(int(clusters.size()), 3);
    }

    // Empty taps (the default) stand for the backbone's default pair, and the
    // trained model records the pair it used.
    void defaultTapsFollowTheBackbone_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QStringList>("expectedTaps");
        QTest::newRow("mobilenetv2") << "mobilenetv2" << QStringList{"features.6", "features.13"};
        QTest::newRow("sam-tinyvit") << "sam-tinyvit" << QStringList{"layers.1", "layers.2"};
    }

    void defaultTapsFollowTheBackbone()
    {
        QFETCH(QString, architecture);
        QFETCH(QStringList, expectedTaps);
        if (architecture == "mobilenetv2")
            DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        try {
            dl::locateSamEncoderWeights();
        } catch (const dl::Error& e) {
            if (architecture == "sam-tinyvit")
                QSKIP(qPrintable(QString("SAM TinyViT encoder absent: ") + e.what()));
        }
        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::Folder;
        dl::Dataset data = dl::importDataset(datasetRoot_, options);
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"image_size", 64}, {"coreset_ratio", 0.25}};
        request.backbone.architecture = architecture.toStdString();
        request.datasets = {&data};
        auto detector = dl::trainDetector(request, {});
        std::vector<std::string> expected;
        for (const auto& t : expectedTaps) expected.push_back(t.toStdString());
        QCOMPARE(detector->info().params.at("taps").get<std::vector<std::string>>(), expected);
        QCOMPARE(detector->predict(normalPart(200)).map.cols, 64);
    }

    void defectsScoreAboveNormalsAndMapPointsAtThem()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::Folder;
        dl::Dataset data = dl::importDataset(datasetRoot_, options);
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"image_size", 128}, {"coreset_ratio", 0.25}};
        request.datasets = {&data};
        auto detector = dl::trainDetector(request, {});
        QVERIFY(detector->info().threshold > 0);

        std::vector<float> normals, defects;
        for (unsigned i = 100; i < 104; ++i)
            normals.push_back(detector->predict(normalPart(i)).score);
        const cv::Rect defect(80, 30, 20, 20);
        for (unsigned i = 100; i < 104; ++i) {
            dl::Prediction p = detector->predict(defectivePart(i, defect));
            defects.push_back(p.score);
            QCOMPARE(p.map.cols, 128);
            cv::Point peak;
            cv::minMaxLoc(p.map, nullptr, nullptr, nullptr, &peak);
            QVERIFY2(cv::Rect(defect.x - 10, defect.y - 10, defect.width + 20, defect.height + 20).contains(peak),
                     qPrintable(QString("map peak at %1,%2").arg(peak.x).arg(peak.y)));
        }
        std::vector<float> scores = normals;
        scores.insert(scores.end(), defects.begin(), defects.end());
        std::vector<std::uint8_t> labels{0, 0, 0, 0, 1, 1, 1, 1};
        QCOMPARE(dl::auroc(scores, labels), 1.0);
        // Defect images are flagged by the calibrated threshold.
        for (float d : defects) QVERIFY(d >= detector->info().threshold);
    }

    void reloadedBundleGivesBitIdenticalMaps()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        for (const char* search : {"exact", "hnsw"}) {
            dl::DatasetOptions options;
            dl::Dataset data = dl::importDataset(datasetRoot_, options);
            dl::TrainRequest request;
            request.method = "patchcore";
            request.params = {{"image_size", 128}, {"search", search}};
            request.datasets = {&data};
            auto trained = dl::trainDetector(request, {});
            const std::string path = (dir_.path() + "/model_" + search + ".dlm").toStdString();
            dl::saveDetector(*trained, path);
            auto loaded = dl::loadDetector(path);
            QCOMPARE(loaded->info().threshold, trained->info().threshold);
            QCOMPARE(loaded->info().method, std::string("patchcore"));
            const cv::Mat probe = defectivePart(7, cv::Rect(10, 10, 15, 15));
            dl::Prediction a = trained->predict(probe), b = loaded->predict(probe);
            QCOMPARE(a.score, b.score);
            QCOMPARE(a.map.size(), b.map.size());
            QVERIFY(std::memcmp(a.map.data, b.map.data, a.map.total() * sizeof(float)) == 0);
            // Batched prediction equals one-at-a-time prediction.
            auto batch = loaded->predictBatch({probe, normalPart(3)});
            QCOMPARE(batch[0].score, b.score);
        }
    }

    void cancellationStopsFitting()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dl::Dataset data = dl::importDataset(datasetRoot_, {});
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"image_size", 128}};
        request.datasets = {&data};
        dl::ProgressContext progress;
        progress.cancel = std::make_shared<dl::CancelToken>();
        progress.onProgress = [&](double f, const dl::EngineText&) { if (f > 0.05) progress.cancel->cancel(); };
        QVERIFY_THROWS_EXCEPTION(dl::Cancelled, dl::trainDetector(request, progress));
    }

    void badParametersAreRejectedClearly()
    {
        auto& registry = dl::DetectorRegistry::instance();
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("patchcore", {{"coreset_ratio", 0.0}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("patchcore", {{"no_such_param", 1}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("no_such_method"));
    }

    void realBottleSubsetDetectsDefects()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        DL_REQUIRE_SHARED("data/mvtec_bottle/train/good");
        dl::Dataset bottle = dl::importDataset(dltest::sharedPath("data/mvtec_bottle").toStdString(), {});
        // A small subset keeps the test quick: 40 train images, every 3rd test image.
        dl::Dataset subset = bottle;
        subset.samples.clear();
        int train = 0, test = 0;
        for (const auto& s : bottle.samples) {
            if (s.split == dl::Split::Train && train++ < 40) subset.samples.push_back(s);
            if (s.split == dl::Split::Test && test++ % 3 == 0) subset.samples.push_back(s);
        }
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"search", "exact"}, {"coreset_ratio", 0.05}};
        request.datasets = {&subset};
        auto detector = dl::trainDetector(request, {});
        dl::EvaluationReport report = dl::evaluateDetector(*detector, {&subset}, {});
        qInfo("bottle subset: image AUROC %.4f, pixel AUROC %.4f, AU-PRO %.4f over %d images",
              report.mean.imageAuroc, report.mean.pixelAuroc, report.mean.aupro, report.mean.images);
        QVERIFY(report.mean.imageAuroc > 0.95);
        QVERIFY(report.mean.pixelAuroc > 0.95);
        QVERIFY(report.mean.aupro > 0.85);
    }
};

QTEST_MAIN(TestPatchCore)
#include "tst_patchcore.moc"
