// DSKD: the loss on hand-computed cases, network shapes, the frozen teacher,
// E's heads being off the inference path, bit-identical bundles, batch/single
// agreement, seeding, cancellation and the time budget on generated images,
// and a small real bottle run (integration).
#include "TestSupport.h"
#include "core/methods/NormalPartsFixture.h"
#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "engine/Runtime.h"
#include "components/ImageLayout.h"
#include "components/ImageScore.h"
#include "components/TensorConvert.h"
#include "methods/dskd/DskdAnomalyMap.h"
#include "methods/dskd/DskdDetector.h"
#include "methods/dskd/DskdLoss.h"
#include "methods/dskd/DskdNetwork.h"
#include "methods/dskd/DskdParams.h"

#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <random>
#include <set>

namespace {

using dltest::defectivePart;
using dltest::NormalPartsFixture;
using dltest::normalPart;
using dltest::sameMap;

// Small, fast settings for the generated 128x128 parts.
nlohmann::json tinyParams(int epochs)
{
    return {{"image_size", 64}, {"epochs", epochs}, {"widths", {8, 16, 32, 64}}, {"embed_dim", 64}, {"batch_size", 4}};
}

} // namespace

class TestDskd : public QObject {
    Q_OBJECT

    NormalPartsFixture parts_{"dskd"};

    std::unique_ptr<dl::Detector> train(const nlohmann::json& params, const dl::ProgressContext& progress = {})
    {
        return parts_.train(params, progress);
    }
    std::unique_ptr<dl::Detector> loadModel() { return parts_.sharedModel(tinyParams(3)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(parts_.create());
    }

    void lossIsZeroForIdenticalFeatures()
    {
        torch::manual_seed(1);
        torch::Tensor t = torch::randn({2, 5, 3, 4});
        dl::ScaleLoss l = dl::scaleLoss(t, t.clone());
        QCOMPARE(l.l2.item<double>(), 0.0);
        QVERIFY(std::abs(l.cosine.item<double>()) < 1e-6);
        QVERIFY(std::abs(dl::studentLoss({t, t}, {t.clone(), t.clone()}, 1.0).item<double>()) < 1e-6);
    }

    void lossMatchesHandComputedValues()
    {
        // Two positions with two channels: orthogonal (1,0)/(0,1) and parallel (3,4)/(6,8).
        torch::Tensor teacher = torch::tensor({1.0f, 3.0f, 0.0f, 4.0f}).reshape({1, 2, 1, 2});
        torch::Tensor student = torch::tensor({0.0f, 6.0f, 1.0f, 8.0f}).reshape({1, 2, 1, 2});
        torch::Tensor map = dl::cosineDistanceMap(teacher, student);
        QCOMPARE(map.sizes().vec(), (std::vector<std::int64_t>{1, 1, 2}));
        QVERIFY(std::abs(map[0][0][0].item<double>() - 1.0) < 1e-6); // orthogonal: 1 - 0
        QVERIFY(std::abs(map[0][0][1].item<double>()) < 1e-6);       // parallel: 1 - 1
        dl::ScaleLoss l = dl::scaleLoss(teacher, student);
        QVERIFY(std::abs(l.cosine.item<double>() - 0.5) < 1e-6);
        // Squared differences 1 + 1 (orthogonal) and 9 + 16 (parallel) over 4 entries.
        QVERIFY(std::abs(l.l2.item<double>() - 27.0 / 4.0) < 1e-5);
        // Opposite vectors are at distance 2; a zero student vector at distance 1.
        torch::Tensor a = torch::tensor({1.0f, 2.0f}).reshape({1, 2, 1, 1});
        QVERIFY(std::abs(dl::cosineDistanceMap(a, -a).item<double>() - 2.0) < 1e-6);
        QVERIFY(std::abs(dl::cosineDistanceMap(a, torch::zeros_like(a)).item<double>() - 1.0) < 1e-6);
        // studentLoss sums cosine + w * l2 over the scales.
        const double expected = 2 * (0.5 + 0.25 * 27.0 / 4.0);
        QVERIFY(std::abs(dl::studentLoss({teacher, teacher}, {student, student}, 0.25).item<double>() - expected) < 1e-5);
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::scaleLoss(teacher, torch::zeros({1, 3, 1, 2})));
    }

    // map_distance=cosine_l2 adds the mean squared difference to 1 - cos: a reconstruction
    // in the teacher's direction but twice its length scores 0 by cosine and mean(T^2) with it.
    void squaredDifferenceAddsMagnitudeToTheMap()
    {
        const torch::Tensor teacher = torch::tensor({1.0f, 2.0f, 2.0f}).reshape({1, 3, 1, 1});
        const torch::Tensor longer = 2 * teacher;
        QVERIFY(dl::dskdTapDistanceMap(teacher, longer, 2, 2, 0.0).abs().max().item<double>() < 1e-6);
        const torch::Tensor withL2 = dl::dskdTapDistanceMap(teacher, longer, 2, 2, 0.5);
        QCOMPARE(withL2.sizes().vec(), (std::vector<std::int64_t>{1, 1, 2, 2}));
        QVERIFY(std::abs(withL2.min().item<double>() - 0.5 * 3.0) < 1e-5); // mean(1, 4, 4) = 3
        QVERIFY(std::abs(withL2.max().item<double>() - 0.5 * 3.0) < 1e-5);
        dl::DskdParams params;
        QCOMPARE(dl::squaredDifferenceWeight(params), 0.0);
        params.mapDistance = "cosine_l2";
        params.l2Weight = 0.25;
        QCOMPARE(dl::squaredDifferenceWeight(params), 0.25);
    }

    // score_distance "cosine" beside a cosine_l2 map: the map adds the squared difference,
    // the image score reads the weighed sum of 1 - cos alone (README, "Regions from the
    // squared difference").
    void scoreReadsTheCosineAloneBesideACosineL2Map()
    {
        torch::manual_seed(3);
        const std::vector<torch::Tensor> teacher{torch::randn({2, 3, 4, 4}), torch::randn({2, 5, 2, 2})};
        const std::vector<torch::Tensor> decoded{2 * teacher[0] + 0.1 * torch::randn({2, 3, 4, 4}),
                                                 teacher[1] + torch::randn({2, 5, 2, 2})};
        dl::TeacherNorm norm;
        for (const auto& t : teacher) {
            norm.shift.push_back(torch::zeros({1, t.size(1), 1, 1}));
            norm.scale.push_back(torch::ones({1, t.size(1), 1, 1}));
        }
        norm.mapWeight = {0.5f, 1.5f};
        norm.squaredDifferenceWeight = 1.0;
        dl::DskdMaps together = dl::dskdDistanceMaps(teacher, decoded, norm, 8, 8);
        QVERIFY(!together.scoreMap.defined());
        norm.separateScore = true;
        norm.scoreWeight = {1.25f, 0.75f};
        dl::DskdMaps apart = dl::dskdDistanceMaps(teacher, decoded, norm, 8, 8);
        QVERIFY(torch::equal(apart.map, together.map)); // the map does not change
        torch::Tensor cosineOnly = 1.25 * dl::dskdTapDistanceMap(teacher[0], decoded[0], 8, 8, 0.0)
                                 + 0.75 * dl::dskdTapDistanceMap(teacher[1], decoded[1], 8, 8, 0.0);
        QVERIFY(torch::allclose(apart.scoreMap, cosineOnly, 1e-6, 1e-6));
        QVERIFY((apart.map - 0.5 * dl::dskdTapDistanceMap(teacher[0], decoded[0], 8, 8, 0.0)
                 - 1.5 * dl::dskdTapDistanceMap(teacher[1], decoded[1], 8, 8, 0.0))
                    .min()
                    .item<double>()
                > 0.0); // twice the teacher's length: the squared difference adds everywhere
        dl::DskdParams params;
        params.smoothingSigma = 0.0;
        const dl::Prediction pred = dl::dskdPrediction(apart.map[0], apart.scoreMap[0], 8, 8, params);
        QVERIFY(std::abs(pred.score - cosineOnly[0].max().item<float>()) < 1e-6);
        QVERIFY(pred.score < apart.map[0].max().item<float>());
        // Which parameters score apart: a cosine_l2 map with the default score_distance.
        QVERIFY(!dl::scoresOnTheCosineAlone(params));
        params.mapDistance = "cosine_l2";
        QVERIFY(dl::scoresOnTheCosineAlone(params));
        params.scoreDistance = "map";
        QVERIFY(!dl::scoresOnTheCosineAlone(params));
    }

    void networkShapesFollowTheTaps()
    {
        for (int extra : {1, 2, 4}) {
            dl::DskdArchitecture a;
            a.teacherChannels = {24, 32, 96};
            a.widths = {8, 16, 32};
            a.embedDim = 16;
            a.embedExtraStride = extra;
            dl::DskdNetwork net(a);
            auto out = net.forwardTraining(torch::randn({2, 3, 64, 64}));
            const std::vector<std::vector<std::int64_t>> expected{{2, 24, 16, 16}, {2, 32, 8, 8}, {2, 96, 4, 4}};
            QCOMPARE(out.encoder.size(), std::size_t(3));
            QCOMPARE(out.decoder.size(), std::size_t(3));
            for (std::size_t s = 0; s < 3; ++s) {
                QCOMPARE(out.encoder[s].sizes().vec(), expected[s]);
                QCOMPARE(out.decoder[s].sizes().vec(), expected[s]);
            }
            auto trunk = net.encoder->forward(torch::randn({2, 3, 64, 64}));
            QCOMPARE(trunk[2].size(1), std::int64_t(32));
            const std::int64_t embedSide = 4 / extra;
            QCOMPARE(net.bottleneck->forward(trunk).sizes().vec(), (std::vector<std::int64_t>{2, 16, embedSide, embedSide}));
            // Every float tensor has a unique name (the bundle keys), and three taps keep the
            // module names bundles were written with before the tap count could vary.
            std::set<std::string> names, modules;
            for (const auto& [name, t] : net.namedState()) {
                names.insert(name);
                const auto second = name.find('.', name.find('.') + 1);
                modules.insert(name.substr(0, second));
            }
            QCOMPARE(names.size(), net.namedState().size());
            const std::set<std::string> threeTapModules{
                "encoder.stage1", "encoder.stage2", "encoder.stage3", "encoder.head1", "encoder.head2",
                "encoder.head3", "bottleneck.down1", "bottleneck.down2", "bottleneck.fuse", "decoder.entry",
                "decoder.stage1", "decoder.stage2", "decoder.stage3", "decoder.head1", "decoder.head2", "decoder.head3"};
            QCOMPARE(modules, threeTapModules);
        }
    }

    // Two to four taps whose strides double: one student scale and one map term per tap.
    void networkShapesFollowAnyTapCount()
    {
        dl::DskdArchitecture four;
        four.teacherChannels = {24, 32, 96, 320};
        four.widths = {8, 16, 32, 64};
        four.embedDim = 16;
        dl::DskdNetwork net(four);
        auto out = net.forwardTraining(torch::randn({2, 3, 64, 64}));
        const std::vector<std::vector<std::int64_t>> expected{{2, 24, 16, 16}, {2, 32, 8, 8}, {2, 96, 4, 4}, {2, 320, 2, 2}};
        QCOMPARE(out.decoder.size(), std::size_t(4));
        for (std::size_t s = 0; s < 4; ++s) {
            QCOMPARE(out.encoder[s].sizes().vec(), expected[s]);
            QCOMPARE(out.decoder[s].sizes().vec(), expected[s]);
        }
        QCOMPARE(net.bottleneck->downs.size(), std::size_t(3));
        dl::DskdArchitecture two;
        two.teacherChannels = {32, 96};
        two.firstStride = 8;
        two.widths = {16, 32};
        two.embedDim = 16;
        dl::DskdNetwork small(two);
        auto pair = small.forwardTraining(torch::randn({1, 3, 64, 64}));
        QCOMPARE(pair.decoder.size(), std::size_t(2));
        QCOMPARE(pair.decoder[0].sizes().vec(), (std::vector<std::int64_t>{1, 32, 8, 8}));
        QCOMPARE(pair.decoder[1].sizes().vec(), (std::vector<std::int64_t>{1, 96, 4, 4}));
        dl::DskdArchitecture mismatched = four;
        mismatched.widths = {8, 16, 32};
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::checkArchitecture(mismatched));
        dl::DskdArchitecture five = four;
        five.teacherChannels.push_back(8);
        five.widths.push_back(8);
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::checkArchitecture(five));
    }

    void fourTapModelRoundTrips()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        nlohmann::json params = tinyParams(2);
        params["taps"] = {"features.3", "features.6", "features.13", "features.17"};
        params["widths"] = {8, 16, 32, 64};
        params["embed_extra_stride"] = 1;
        params["map_distance"] = "cosine_l2";
        auto trained = train(params);
        const std::string path = parts_.file("four-taps.dlm");
        dl::saveDetector(*trained, path);
        auto loaded = dl::loadDetector(path);
        // The squared difference in the map comes back with the model.
        QCOMPARE(loaded->info().params.at("map_distance").get<std::string>(), std::string("cosine_l2"));
        for (const cv::Mat& probe : {defectivePart(21, cv::Rect(20, 20, 16, 16)), normalPart(22)}) {
            dl::Prediction a = trained->predict(probe), b = loaded->predict(probe);
            QCOMPARE(a.score, b.score);
            QVERIFY(sameMap(a.map, b.map));
        }
    }

    // scale_weights=validation: one positive weight per tap, averaging 1, kept in the
    // bundle; without validation images the taps stay equal and nothing is stored.
    void validationWeighsTheScales()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        nlohmann::json params = tinyParams(2);
        params["scale_weights"] = "validation";
        params["validation_fraction"] = 0.25;
        auto weighted = train(params);
        const auto weights = weighted->info().provenance.at("dskd").at("map_weights").get<std::vector<float>>();
        QCOMPARE(weights.size(), std::size_t(4));
        double sum = 0;
        for (float w : weights) {
            QVERIFY(w > 0.0f);
            sum += w;
        }
        QVERIFY(std::abs(sum / 4.0 - 1.0) < 1e-5);
        QVERIFY(*std::max_element(weights.begin(), weights.end()) > *std::min_element(weights.begin(), weights.end()));
        const std::string path = parts_.file("weighted.dlm");
        dl::saveDetector(*weighted, path);
        auto loaded = dl::loadDetector(path);
        const cv::Mat probe = defectivePart(23, cv::Rect(20, 20, 16, 16));
        const dl::Prediction a = weighted->predict(probe), b = loaded->predict(probe);
        QCOMPARE(a.score, b.score);
        QVERIFY(sameMap(a.map, b.map));
        // A bundle with a weight that is not a positive number is refused.
        dl::ModelBundle bundle = dl::ModelBundle::load(path);
        const float damagedWeights[4] = {1.0f, -1.0f, 1.0f, 2.0f};
        bundle.putFloats("dskd.map_weights", {4}, damagedWeights);
        const std::string damaged = parts_.file("weighted-damaged.dlm");
        bundle.save(damaged);
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::loadDetector(damaged));
        // The same students summed equally give another map.
        params["scale_weights"] = "equal";
        auto equal = train(params);
        QVERIFY(!equal->info().provenance.at("dskd").contains("map_weights"));
        QVERIFY(!sameMap(equal->predict(probe).map, a.map));
        params["scale_weights"] = "validation";
        params["validation_fraction"] = 0.0;
        QVERIFY(!train(params)->info().provenance.at("dskd").contains("map_weights"));
        // "auto" (the default) measures the images and writes down what it chose.
        auto automatic = train(tinyParams(1));
        const auto& record = automatic->info().provenance.at("dskd");
        const double share = record.at("positional_share").get<double>();
        const std::string chosen = share >= dl::kObjectPositionalShare ? "equal" : "validation";
        QCOMPARE(automatic->info().params.at("scale_weights").get<std::string>(), chosen);
        QCOMPARE(record.contains("map_weights"), chosen == "validation");
        // A bundle written before scale_weights existed (no key, no weights) sums equally;
        // one from before map_distance and score_distance maps 1 - cos and scores that map.
        const auto fallbacks = dl::DetectorRegistry::instance().describe("dskd").bundleFallbacks;
        QCOMPARE(fallbacks.at("scale_weights").get<std::string>(), std::string("equal"));
        QCOMPARE(fallbacks.at("map_distance").get<std::string>(), std::string("cosine"));
        QCOMPARE(fallbacks.at("score_distance").get<std::string>(), std::string("map"));
    }

    // The defaults' "auto" scale weights and embedding stride follow the images: a
    // surface gets weighed taps and a 4x4 embedding, an aligned object equal taps and
    // the 8x8 one (README, "A 4x4 embedding for surfaces"); the model records what it chose.
    void layoutChoosesScaleWeightsAndEmbedding()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QCOMPARE(dl::DskdParams::defaults().at("embed_extra_stride"), nlohmann::json("auto"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string surfaces = dltest::writeFolder(dir, "surface", dltest::surfaceImage, 12);
        const std::string objects = dltest::writeFolder(dir, "object", dltest::objectImage, 12);
        nlohmann::json params = tinyParams(1);
        params["image_size"] = 128; // 64 would leave a halved embedding under 2x2
        params["validation_fraction"] = 0.25;
        for (const auto& [folder, object] : {std::pair{surfaces, false}, std::pair{objects, true}}) {
            auto trained = dltest::fitOnFolder("dskd", folder, params);
            const nlohmann::json& used = trained->info().params;
            const double share = trained->info().provenance.at("dskd").at("positional_share").get<double>();
            QVERIFY2(object == (share >= dl::kObjectPositionalShare), qPrintable(QString("share %1").arg(share)));
            QCOMPARE(used.at("scale_weights").get<std::string>(), std::string(object ? "equal" : "validation"));
            QCOMPARE(used.at("embed_extra_stride").get<int>(), object ? 1 : 2);
            QCOMPARE(used.at("map_distance").get<std::string>(), std::string(object ? "cosine" : "cosine_l2"));
            QCOMPARE(trained->info().provenance.at("dskd").contains("score_weights"), !object);
            const std::string path = parts_.file("layout.dlm");
            dl::saveDetector(*trained, path);
            auto loaded = dl::loadDetector(path);
            QCOMPARE(loaded->info().params.at("embed_extra_stride"), used.at("embed_extra_stride"));
            QCOMPARE(loaded->info().params.at("map_distance"), used.at("map_distance"));
            const cv::Mat probe = dltest::surfaceImage(99);
            const dl::Prediction a = trained->predict(probe), b = loaded->predict(probe);
            QVERIFY(sameMap(a.map, b.map));
            QCOMPARE(a.score, b.score);
        }
        // A value given by hand is kept; an image size the halved embedding does not
        // divide (96 is not a multiple of 2 x 32), or 64 (a 1x1 embedding), keeps the
        // embedding at the coarsest tap.
        nlohmann::json own = params;
        own["embed_extra_stride"] = 2;
        QCOMPARE(dltest::fitOnFolder("dskd", objects, own)->info().params.at("embed_extra_stride").get<int>(), 2);
        nlohmann::json odd = params;
        odd["image_size"] = 96;
        QCOMPARE(dltest::fitOnFolder("dskd", surfaces, odd)->info().params.at("embed_extra_stride").get<int>(), 1);
        odd["image_size"] = 64;
        QCOMPARE(dltest::fitOnFolder("dskd", surfaces, odd)->info().params.at("embed_extra_stride").get<int>(), 1);
    }

    void teacherStaysFrozen()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        // loadBackbone caches the instance, so this is the very teacher fit uses.
        auto teacher = dl::loadBackbone({});
        // Fitting sets the thread count; set it first, since convolutions may round
        // differently with another count (seen without OMP_NUM_THREADS).
        dl::configureRuntime();
        dl::PreprocessSpec spec;
        spec.width = spec.height = 64;
        const torch::Tensor probe = dl::imagesToTensor({normalPart(99)}, spec);
        const std::vector<std::string> taps{"features.3", "features.6", "features.13"};
        std::vector<torch::Tensor> before;
        for (const auto& f : teacher->extract(probe, taps)) before.push_back(f.clone());
        train(tinyParams(2));
        auto after = teacher->extract(probe, taps);
        for (std::size_t i = 0; i < taps.size(); ++i)
            QVERIFY2(torch::equal(before[i], after[i]), taps[i].c_str());
    }

    void encoderHeadsAreOffTheInferencePath()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto detector = loadModel();
        auto* dskd = dynamic_cast<dl::DskdDetector*>(detector.get());
        QVERIFY(dskd && dskd->network());
        const cv::Mat probe = defectivePart(5, cv::Rect(40, 40, 16, 16));
        const dl::Prediction before = detector->predict(probe);
        {
            // E's own distillation outputs (its heads) are training-only.
            torch::NoGradGuard noGrad;
            auto& e = dskd->network()->encoder;
            for (auto& head : e->heads) {
                head->weight.zero_();
                head->bias.zero_();
            }
        }
        const dl::Prediction after = detector->predict(probe);
        QCOMPARE(after.score, before.score);
        QVERIFY(sameMap(after.map, before.map));
        {
            // E's trunk is on the path: D decodes the bottleneck embedding of E's features.
            torch::NoGradGuard noGrad;
            for (auto& p : dskd->network()->encoder->stages.front()->parameters()) p.mul_(0.5);
        }
        QVERIFY(!sameMap(detector->predict(probe).map, before.map));
    }

    void bundleRoundTripIsBitIdentical()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto trained = train(tinyParams(2));
        const std::string path = parts_.file("roundtrip.dlm");
        dl::saveDetector(*trained, path);
        auto loaded = dl::loadDetector(path);
        QCOMPARE(loaded->info().method, std::string("dskd"));
        QCOMPARE(loaded->info().threshold, trained->info().threshold);
        for (const cv::Mat& probe : {defectivePart(7, cv::Rect(10, 10, 15, 15)), normalPart(8)}) {
            dl::Prediction a = trained->predict(probe), b = loaded->predict(probe);
            QCOMPARE(a.score, b.score);
            QCOMPARE(a.map.cols, 64);
            QVERIFY(sameMap(a.map, b.map));
        }
        // The training record travels with the model.
        const auto& record = loaded->info().provenance.at("dskd");
        QCOMPARE(record.at("epochs_run").get<int>(), 2);
        QCOMPARE(record.at("curve").size(), std::size_t(2));
    }

    void batchedPredictionMatchesSingle()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto detector = loadModel();
        const std::vector<cv::Mat> probes{defectivePart(11, cv::Rect(20, 60, 20, 20)), normalPart(12), normalPart(13)};
        auto batch = detector->predictBatch(probes);
        QCOMPARE(batch.size(), probes.size());
        for (std::size_t i = 0; i < probes.size(); ++i) {
            dl::Prediction single = detector->predict(probes[i]);
            // Eval-mode BatchNorm: an image's map cannot depend on its batch mates. The
            // convolution kernels may sum in another order for another batch size.
            double maxDiff = cv::norm(single.map, batch[i].map, cv::NORM_INF);
            QVERIFY2(maxDiff <= 1e-5 * std::max(1.0, double(single.score)), qPrintable(QString::number(maxDiff)));
            QVERIFY(std::abs(single.score - batch[i].score) <= 1e-5f * std::max(1.0f, single.score));
        }
        // Repeated prediction is exactly repeatable.
        QVERIFY(sameMap(detector->predict(probes[0]).map, detector->predict(probes[0]).map));
    }

    void topScoreIsTheMeanOfTheHighestPixels()
    {
        // image_score=top: the mean of the smoothed map's top_fraction highest pixels, at
        // most the maximum the default score would give.
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        nlohmann::json params = tinyParams(1);
        params["image_score"] = "top";
        params["top_fraction"] = 0.05;
        auto detector = train(params);
        const dl::Prediction pred = detector->predict(defectivePart(14, cv::Rect(30, 30, 20, 20)));
        QCOMPARE(pred.score, dl::topFractionMean(pred.map, 0.05));
        double maxValue = 0;
        cv::minMaxLoc(pred.map, nullptr, &maxValue);
        QVERIFY(pred.score <= float(maxValue));
        QVERIFY(pred.score < float(maxValue)); // a smooth map is not flat at its top
    }

    // The fast path runs the students (encoder, bottleneck, decoder) as a traced, frozen oneDNN copy
    // (components/FrozenInference): maps and scores match the op-by-op path.
    void fastPathMatchesThePlainPath()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto detector = loadModel();
        const std::string why = dltest::fastPathDifference(*detector);
        QVERIFY2(why.empty(), why.c_str());
    }

    void sameSeedGivesSameModel()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QVERIFY(parts_.seedDecidesTheModel(tinyParams(1)));
    }

    void lossCurveIsReportedAndBudgetIsHonoured()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto counts = parts_.metricCounts(tinyParams(2));
        QCOMPARE(counts["loss"], 2);
        QCOMPARE(counts["val_loss"], 2);
        QCOMPARE(counts["non-finite"], 0);
        // A budget of a few milliseconds still finishes one epoch, then stops.
        QVERIFY(parts_.stopsAfterOneEpochUnderTinyBudget(tinyParams(50)));
    }

    // A fit killed or cancelled part way continues from its last saved epoch
    // (fit --resume) and ends with the model of an uninterrupted fit.
    void resumedFitMatchesAnUninterruptedOne()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        std::string why;
        QVERIFY2(parts_.resumeGivesTheUninterruptedModel(tinyParams(3), &why), why.c_str());
    }

    void cancellationStopsFitting()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QVERIFY(parts_.cancelsOnceTrainingStarts(tinyParams(20)));
    }

    void badParametersAreRejectedClearly()
    {
        auto& registry = dl::DetectorRegistry::instance();
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"widths", {16, 32}}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"widths", {16, 32, 64, 2}}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"taps", {"features.3"}}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"taps", {"features.3", "features.6", "features.13",
                                                                              "features.17", "features.18"}},
                                                                     {"widths", {8, 8, 8, 8, 8}}}));
        // Three taps with the default four widths.
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"taps", {"features.3", "features.6", "features.13"}}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"image_size", 100}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"embed_extra_stride", 3}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"embed_extra_stride", 0}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"embed_extra_stride", "sometimes"}}));
        QVERIFY(registry.create("dskd", {{"embed_extra_stride", "auto"}}) != nullptr);
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"max_minutes", 0}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"no_such_param", 1}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"image_score", "median"}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"top_fraction", 0}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"scale_weights", "inverse"}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"map_distance", "l1"}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dskd", {{"score_distance", "cosine_l2"}}));
        // Taps whose strides do not double are refused when the teacher is known.
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        nlohmann::json params = tinyParams(1);
        params["taps"] = {"features.3", "features.13", "features.17"};
        QVERIFY_THROWS_EXCEPTION(dl::Error, train(params));
    }

    void realBottleSubsetRuns()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        DL_REQUIRE_SHARED("data/mvtec_bottle/train/good");
        dl::Dataset bottle = dl::importDataset(dltest::sharedPath("data/mvtec_bottle").toStdString(), {});
        // 40 train images, 4 good and 8 defective test images, default settings but 20 of the 60
        // epochs: ~10 s on 2 idle cores.
        dl::Dataset subset = bottle;
        subset.samples.clear();
        int train = 0, good = 0, bad = 0;
        for (const auto& s : bottle.samples) {
            if (s.split == dl::Split::Train && train < 40) { subset.samples.push_back(s); ++train; }
            if (s.split == dl::Split::Test && s.label == 0 && good < 4) { subset.samples.push_back(s); ++good; }
            if (s.split == dl::Split::Test && s.label == 1 && bad < 8) { subset.samples.push_back(s); ++bad; }
        }
        QCOMPARE(good + bad, 12);
        dl::TrainRequest request;
        request.method = "dskd";
        request.params = {{"epochs", 20}};
        request.datasets = {&subset};
        auto detector = dl::trainDetector(request, {});
        dl::EvaluationReport report = dl::evaluateDetector(*detector, {&subset}, {});
        double goodPeak = 0, badPeak = 0;
        for (const auto& e : report.images)
            (e.sample->label == 1 ? badPeak : goodPeak) += e.score / (e.sample->label == 1 ? bad : good);
        qInfo("bottle smoke run: mean peak good %.4f, defective %.4f; image AUROC %.3f, pixel AUROC %.3f",
              goodPeak, badPeak, report.mean.imageAuroc, report.mean.pixelAuroc);
        QVERIFY(badPeak > goodPeak);
        QVERIFY(report.mean.pixelAuroc > 0.9);
    }
};

QTEST_MAIN(TestDskd)
#include "tst_dskd.moc"
