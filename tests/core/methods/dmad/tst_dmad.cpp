// DMAD: bank construction, knowledge module, fused scoring heads, hinge loss, eval-mode
// determinism, bundle round trip, warm-started retraining, real-data run.
#include "TestSupport.h"
#include "common/Error.h"
#include "components/ImageScore.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "methods/dmad/DmadDetector.h"
#include "methods/dmad/DmadLoss.h"
#include "methods/dmad/DmadNetwork.h"
#include "methods/dmad/DmadParams.h"
#include "methods/dmad/DualMemoryBank.h"
#include "metrics/Metrics.h"

#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

namespace {

cv::Mat stripedPart(unsigned seed)
{
    std::mt19937 rng(seed);
    cv::Mat img(128, 128, CV_8UC3);
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x) {
            float base = 120.0f + 40.0f * std::sin(0.35f * float(x)) + float(rng() % 13);
            img.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(base), cv::saturate_cast<uchar>(base + 10),
                                                cv::saturate_cast<uchar>(base + 20));
        }
    return img;
}

nlohmann::json smallParams(const QString& textureDir)
{
    return {{"image_size", 128}, {"epochs", 3}, {"synthetic_images", 6}, {"texture_images", 4},
            {"texture_dir", textureDir.toStdString()}, {"normal_patches", 4000}, {"coreset_ratio", 0.05},
            {"texture_coreset_ratio", 0.1}};
}

} // namespace

class TestDmad : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    dl::Dataset data_;
    QString textureDir_;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("DEFECTLENS_CACHE_DIR", (dir_.path() + "/cache").toUtf8());
        QDir().mkpath(dir_.path() + "/normal");
        for (unsigned i = 0; i < 14; ++i)
            dl::writeImage((dir_.path() + QString("/normal/part_%1.png").arg(i, 2, 10, QChar('0'))).toStdString(), stripedPart(i));
        // A few "outlier textures": checkerboards and blobs.
        textureDir_ = dir_.path() + "/textures";
        QDir().mkpath(textureDir_);
        for (int t = 0; t < 5; ++t) {
            cv::Mat tex(96, 96, CV_8UC3);
            for (int y = 0; y < 96; ++y)
                for (int x = 0; x < 96; ++x)
                    tex.at<cv::Vec3b>(y, x) = ((x / (4 + t)) + (y / (4 + t))) % 2 ? cv::Vec3b(240, 40 * t, 20) : cv::Vec3b(10, 200, 90);
            dl::writeImage((textureDir_ + QString("/tex_%1.png").arg(t)).toStdString(), tex);
        }
        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::Folder;
        data_ = dl::importDataset((dir_.path() + "/normal").toStdString(), options);
    }

    void patchLabelsTakeOnlyMaskedCells()
    {
        cv::Mat mask = cv::Mat::zeros(64, 64, CV_8UC1);
        mask(cv::Rect(8, 8, 8, 8)).setTo(255);   // exactly cell (1,1)
        mask(cv::Rect(32, 0, 8, 4)).setTo(255);  // half of cell (0,4): counts
        mask(cv::Rect(56, 56, 4, 4)).setTo(255); // a quarter of cell (7,7): does not
        auto labels = dl::patchLabelsFromMask(mask, 8, 8);
        QCOMPARE(int(std::count(labels.begin(), labels.end(), 1)), 2);
        QCOMPARE(int(labels[1 * 8 + 1]), 1);
        QCOMPARE(int(labels[0 * 8 + 4]), 1);
        QCOMPARE(int(labels[7 * 8 + 7]), 0);
        // A defect smaller than any cell still marks its strongest cell.
        cv::Mat tiny = cv::Mat::zeros(64, 64, CV_8UC1);
        tiny(cv::Rect(40, 17, 2, 2)).setTo(255);
        labels = dl::patchLabelsFromMask(tiny, 8, 8);
        QCOMPARE(int(std::count(labels.begin(), labels.end(), 1)), 1);
        QCOMPARE(int(labels[2 * 8 + 5]), 1);
    }

    void centreSamplingGivesRequestedCountAroundTheCentre()
    {
        std::vector<float> defects;
        for (int i = 0; i < 20; ++i) { defects.push_back(1.0f + 0.01f * float(i)); defects.push_back(-2.0f); }
        auto samples = dl::sampleAroundCentres(defects, 2, 1, 50, 0.05f, 3);
        QCOMPARE(int(samples.size()), 100);
        double mx = 0, my = 0;
        for (int i = 0; i < 50; ++i) { mx += samples[std::size_t(2 * i)]; my += samples[std::size_t(2 * i + 1)]; }
        QVERIFY(std::abs(mx / 50 - 1.095) < 0.03);
        QVERIFY(std::abs(my / 50 + 2.0) < 0.03);
        QCOMPARE(dl::sampleAroundCentres(defects, 2, 1, 50, 0.05f, 3), samples);
    }

    void hingeLossMatchesHandComputation()
    {
        // normal: relu(.5-1)=0, relu(.5-.2)=.3; abnormal: relu(.5-1)=0, 10*relu(.5-0)=5 -> mean 5.3/4
        torch::Tensor logits = torch::tensor({1.0f, 0.2f, -1.0f, 0.0f});
        torch::Tensor normal = torch::tensor({true, true, false, false});
        torch::Tensor weights = torch::tensor({1.0f, 1.0f, 1.0f, 10.0f});
        QVERIFY(std::abs(dl::dmadHingeLoss(logits, normal, weights, 0.5).item<double>() - 1.325) < 1e-6);
    }

    void knowledgeModuleShapesAndEvalDeterminism()
    {
        torch::manual_seed(1);
        for (bool attention : {false, true}) {
            dl::DmadNetworkOptions o;
            o.attention = attention;
            dl::DmadNetwork net(o);
            torch::Tensor q = torch::randn({6, 128}), mn = torch::randn({6, 4, 128}), ma = torch::randn({6, 4, 128});
            QCOMPARE(net->normalKnowledge->forward(q, mn).sizes().vec(), (std::vector<std::int64_t>{6, 128}));
            torch::Tensor r = net->representation(q, mn, ma);
            QCOMPARE(r.sizes().vec(), (std::vector<std::int64_t>{6, 384}));
            QCOMPARE(net->discriminate(r).sizes().vec(), (std::vector<std::int64_t>{6}));
            // In eval mode a patch's score does not depend on the rest of its batch.
            net->eval();
            torch::NoGradGuard noGrad;
            torch::Tensor all = net->discriminate(net->representation(q, mn, ma));
            torch::Tensor first = net->discriminate(net->representation(q.slice(0, 0, 1), mn.slice(0, 0, 1), ma.slice(0, 0, 1)));
            QVERIFY(std::abs(all[0].item<float>() - first[0].item<float>()) < 1e-5);
        }
    }

    void fusedHeadsScoreLikeTheNetwork()
    {
        torch::manual_seed(2);
        for (bool attention : {false, true}) {
            dl::DmadNetworkOptions o;
            o.attention = attention;
            dl::DmadNetwork net(o);
            // Train-mode steps give BatchNorm non-trivial running statistics to fold.
            for (int step = 0; step < 3; ++step)
                net->discriminate(net->representation(torch::randn({32, 128}) * 2 + 0.5, torch::randn({32, 4, 128}),
                                                      torch::randn({32, 4, 128})));
            net->eval();
            torch::NoGradGuard noGrad;
            const std::int64_t n = 10, k = 4;
            torch::Tensor normalBank = torch::randn({50, 128}), abnormalBank = torch::randn({30, 128});
            torch::Tensor normalIds = torch::randint(0, 50, {n * k}, torch::kInt64);
            torch::Tensor abnormalIds = torch::randint(0, 30, {n * k}, torch::kInt64);
            torch::Tensor q = torch::randn({n, 128});
            const torch::Tensor reference = -net->discriminate(
                net->representation(q, normalBank.index_select(0, normalIds).view({n, k, 128}),
                                    abnormalBank.index_select(0, abnormalIds).view({n, k, 128})));
            torch::Tensor nearest;
            const torch::Tensor fused =
                net->fusedScore(net->fuse(normalBank, abnormalBank), q, normalIds, abnormalIds, int(k), &nearest);
            QCOMPARE(fused.sizes().vec(), (std::vector<std::int64_t>{n}));
            const double difference = (fused - reference).abs().max().item<double>();
            QVERIFY2(difference < 1e-4, qPrintable(QString("max difference %1").arg(difference)));
            QVERIFY(torch::equal(nearest, normalBank.index_select(0, normalIds.view({n, k}).select(1, 0).contiguous())));
        }
    }

    void unsupervisedFitBuildsAllBankPartsAndScoresDefects()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dl::TrainRequest request;
        request.method = "dmad";
        request.params = smallParams(textureDir_);
        request.datasets = {&data_};
        auto detector = dl::trainDetector(request, {});
        auto* dmad = dynamic_cast<dl::DmadDetector*>(detector.get());
        QVERIFY(dmad);
        dl::DmadBankSizes sizes = dmad->bankSizes();
        // The normal bank is a 5% coreset over the patches of every normal training
        // image (16x16 at 128 px), the ones held out for validation included.
        const auto normalImages = detector->info().provenance.at("normal_images").get<std::int64_t>();
        QVERIFY(normalImages >= 10); // so that dmad holds some out for validation
        QCOMPARE(sizes.normal, std::int64_t(std::llround(0.05 * double(normalImages * 256))));
        QCOMPARE(sizes.labelledDefects, std::int64_t(0));
        QVERIFY(sizes.syntheticDefects > 0);
        QCOMPARE(sizes.centreSamples, sizes.syntheticDefects); // as many centre samples as defect patches
        // 10% texture coreset of 4 textures x 16x16 patches at 128 px.
        QCOMPARE(sizes.textures, std::int64_t(std::llround(0.1 * 4 * 256)));

        cv::Mat defect = stripedPart(50);
        cv::rectangle(defect, cv::Rect(70, 40, 22, 22), cv::Scalar(250, 20, 20), cv::FILLED);
        const float defectScore = detector->predict(defect).score;
        const float normalScore = detector->predict(stripedPart(51)).score;
        QVERIFY2(defectScore > normalScore, qPrintable(QString("%1 vs %2").arg(defectScore).arg(normalScore)));

        // Bundle round trip: bit-identical maps; batch composition does not matter.
        const std::string path = (dir_.path() + "/dmad.dlm").toStdString();
        dl::saveDetector(*detector, path);
        // The heads' whole state is saved, BatchNorm's int64 batch counter as int64.
        const dl::ModelBundle bundle = dl::ModelBundle::load(path);
        QCOMPARE(bundle.entry("dmad.net.discriminator.1.num_batches_tracked").dtype, std::string("i64"));
        QCOMPARE(bundle.entry("dmad.net.discriminator.1.running_mean").dtype, std::string("f32"));
        auto loaded = dl::loadDetector(path);
        dl::Prediction a = detector->predict(defect), b = loaded->predict(defect);
        QCOMPARE(a.score, b.score);
        QVERIFY(std::memcmp(a.map.data, b.map.data, a.map.total() * sizeof(float)) == 0);
        auto batch = loaded->predictBatch({stripedPart(52), defect});
        QVERIFY(std::abs(batch[1].score - b.score) < 1e-4f);
        // Label next's second signal: how evenly the two banks claim the top patch,
        // in [0, 1], the same alone and in a batch.
        QVERIFY2(a.bankDisagreement >= 0.0f && a.bankDisagreement <= 1.0f, qPrintable(QString::number(a.bankDisagreement)));
        QCOMPARE(a.bankDisagreement, b.bankDisagreement);
        QVERIFY(std::abs(batch[1].bankDisagreement - b.bankDisagreement) < 1e-4f);
        QVERIFY(batch[0].bankDisagreement >= 0.0f && batch[0].bankDisagreement <= 1.0f);

        // The image score is the mean of the map's top 5% (the default); a bundle written
        // before image_score existed keeps the map's maximum its threshold was set on.
        QCOMPARE(a.score, dl::topFractionMean(a.map, 0.05));
        dl::ModelBundle older = bundle;
        QCOMPARE(older.header.at("params").at("image_score"), "top");
        older.header["params"].erase("image_score");
        older.header["params"].erase("top_fraction");
        const std::string olderPath = (dir_.path() + "/dmad-older.dlm").toStdString();
        older.save(olderPath);
        auto loadedOlder = dl::loadDetector(olderPath);
        QCOMPARE(loadedOlder->info().params.at("image_score"), "max");
        double maxValue = 0;
        cv::minMaxLoc(a.map, nullptr, &maxValue);
        QCOMPARE(loadedOlder->predict(defect).score, float(maxValue));
        QVERIFY(loadedOlder->predict(defect).score > a.score);
    }

    void labelledDefectsFillTheAbnormalBankOnlyWhereMasked()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dl::Dataset data = data_;
        cv::Mat mask = cv::Mat::zeros(128, 128, CV_8UC1);
        mask(cv::Rect(64, 32, 32, 16)).setTo(255); // exactly 4x2 cells of 8 px
        for (int j = 0; j < 2; ++j) {
            cv::Mat img = stripedPart(90 + unsigned(j));
            img(cv::Rect(64, 32, 32, 16)).setTo(cv::Scalar(240, 30, 30));
            dl::Sample s;
            s.path = (dir_.path() + QString("/defect_%1.png").arg(j)).toStdString();
            s.maskPath = (dir_.path() + QString("/defect_%1_mask.png").arg(j)).toStdString();
            dl::writeImage(s.path, img);
            cv::Mat maskRgb;
            cv::cvtColor(mask, maskRgb, cv::COLOR_GRAY2RGB);
            dl::writeImage(s.maskPath, maskRgb);
            s.category = data.samples.front().category;
            s.label = 1;
            s.split = dl::Split::Train;
            s.defectType = "paint";
            data.samples.push_back(s);
        }
        dl::TrainRequest request;
        request.method = "dmad";
        request.params = smallParams(textureDir_);
        request.params["transplants_per_label"] = 0; // the labels' own patches only
        request.datasets = {&data};
        auto detector = dl::trainDetector(request, {});
        dl::DmadBankSizes sizes = dynamic_cast<dl::DmadDetector*>(detector.get())->bankSizes();
        QCOMPARE(sizes.labelledDefects, std::int64_t(2 * 8));
        // Two labels leave abnormal bank (1) thin: synthetic defects fill the room.
        QVERIFY(sizes.syntheticDefects > 0);
        QVERIFY(sizes.labelledDefects + sizes.syntheticDefects <= 1000);
        QCOMPARE(sizes.centreSamples, sizes.labelledDefects + sizes.syntheticDefects);

        // Retraining from this model reuses its normal bank exactly.
        const std::string parent = (dir_.path() + "/parent.dlm").toStdString();
        dl::saveDetector(*detector, parent);
        request.parentModelPath = parent;
        auto retrained = dl::trainDetector(request, {});
        const std::string child = (dir_.path() + "/child.dlm").toStdString();
        dl::saveDetector(*retrained, child);
        QCOMPARE(dl::ModelBundle::load(child).entry("dmad.normal_bank").bytes,
                 dl::ModelBundle::load(parent).entry("dmad.normal_bank").bytes);
        QVERIFY(retrained->info().provenance.at("dmad").at("normal_bank_reused").get<bool>());

        // Transplanting pastes each label onto normal images: more defect patches for
        // the heads and the abnormal bank.
        QCOMPARE(detector->info().provenance.at("dmad").at("transplanted_patches").get<int>(), 0);
        request.parentModelPath.clear();
        request.params["transplants_per_label"] = 3;
        request.params["synthetic_fill"] = false; // the labelled patches and their copies alone
        auto transplanted = dl::trainDetector(request, {});
        const int copies = transplanted->info().provenance.at("dmad").at("transplanted_patches").get<int>();
        QVERIFY2(copies >= 2 * 3 * 4, qPrintable(QString::number(copies))); // a moved 32x16 defect covers >= 4 cells
        const dl::DmadBankSizes withCopies = dynamic_cast<dl::DmadDetector*>(transplanted.get())->bankSizes();
        QCOMPARE(withCopies.labelledDefects, std::int64_t(2 * 8 + copies));
        QCOMPARE(withCopies.syntheticDefects, std::int64_t(0));
        cv::Mat painted = stripedPart(60);
        painted(cv::Rect(20, 80, 32, 16)).setTo(cv::Scalar(240, 30, 30)); // the labels' paint, elsewhere
        QVERIFY(transplanted->predict(painted).score > transplanted->predict(stripedPart(61)).score);
    }

    void badParametersAreRejected()
    {
        auto& registry = dl::DetectorRegistry::instance();
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dmad", {{"knowledge", "psychic"}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dmad", {{"neighbours", 0}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("dmad", {{"epochs", "many"}}));
    }

    void defaultParametersAreTheRegistrysAndParseToTheStructDefaults()
    {
        // The registry defaults as they were before DmadParams existed: same keys, values and types,
        // except taps: empty now, standing for the backbone's default pair (features.6 + features.13
        // on MobileNetV2), which fit writes back into the model's parameters; and
        // transplants_per_label, added with defect transplanting (chosen by
        // installer/labelled-defects-protocol.sh); image_score and top_fraction, added with
        // the top-5% image score (chosen the same way; bundles without them score by the
        // maximum); distance_weight 16 instead of 6 (chosen the same way); synthetic_fill,
        // added so that one label adds to the synthetic abnormal memories instead of replacing them;
        // labelled_weight 30 instead of 10 (cross-validated).
        const nlohmann::json historical = {
            {"taps", nlohmann::json::array()}, {"neighbourhood", 3}, {"feature_dim", 0}, {"image_size", 256},
            {"coreset_ratio", 0.01}, {"neighbours", 4}, {"knowledge", "distance+attention"},
            {"search", "pca-refine"}, {"search_dim", 32}, {"search_refine", 2},
            {"projection_dim", 128}, {"hidden_dim", 256}, {"epochs", 8}, {"batch_size", 512}, {"learning_rate", 1e-3},
            {"margin", 0.5}, {"fake_noise", 0.2}, {"labelled_weight", 30.0}, {"normal_patches", 40000},
            {"synthetic_images", 40}, {"transplants_per_label", 40}, {"object_foreground", false}, {"texture_images", 60},
            {"texture_coreset_ratio", 0.03}, {"max_defect_memories", 1000}, {"synthetic_with_labels", false}, {"synthetic_fill", true},
            {"texture_dir", ""}, {"centres", 1}, {"centre_noise", 0.1}, {"validation_fraction", 0.1},
            {"smoothing_sigma", 4.0}, {"distance_weight", 16.0}, {"seed", 0},
            {"image_score", "top"}, {"top_fraction", 0.05},
        };
        const nlohmann::json defaults = dl::DmadParams::defaults();
        QCOMPARE(QString::fromStdString(defaults.dump()), QString::fromStdString(historical.dump()));
        for (auto it = historical.begin(); it != historical.end(); ++it)
            QVERIFY2(defaults.at(it.key()).type() == it.value().type(), it.key().c_str());
        QCOMPARE(QString::fromStdString(dl::DetectorRegistry::instance().describe("dmad").defaultParams.dump()),
                 QString::fromStdString(historical.dump()));

        const dl::DmadParams parsed = dl::DmadParams::parse(defaults);
        QVERIFY(parsed.features.taps.empty());
        QCOMPARE(parsed.imageSize, 256);
        QCOMPARE(parsed.searchOptions().kind, std::string("pca-refine"));
        QVERIFY(parsed.attention());
        QCOMPARE(parsed.epochs, 8);
        QCOMPARE(parsed.labelledWeight, 30.0);
        QCOMPARE(parsed.seed, 0u);
        QCOMPARE(parsed.distanceWeight, 16.0);
    }

    void aBadParameterIsNamedInTheError()
    {
        auto messageFor = [](const nlohmann::json& overrides) -> std::string {
            nlohmann::json merged = dl::DmadParams::defaults();
            merged.update(overrides);
            try {
                dl::DmadParams::parse(merged);
            } catch (const dl::Error& e) {
                return e.what();
            }
            return "(accepted)";
        };
        auto check = [&](const nlohmann::json& overrides, const std::string& expected) {
            const std::string message = messageFor(overrides);
            QVERIFY2(message.find(expected) != std::string::npos, (message + " lacks " + expected).c_str());
        };
        check({{"epochs", "many"}}, "dmad epochs has the wrong type");
        check({{"epochs", 0}}, "dmad epochs must be at least 1");
        check({{"image_size", 16}}, "dmad image_size must be within 32..2048, got 16");
        check({{"knowledge", "psychic"}}, "dmad knowledge must be distance or distance+attention, got 'psychic'");
        check({{"search", "fast"}}, "dmad search must be exact or pca-refine");
        check({{"neighbours", 0}}, "dmad neighbours must be at least 1");
        check({{"search_refine", 0}}, "dmad search_refine must be at least 1");
        check({{"normal_patches", -5}}, "dmad normal_patches must not be negative");
        check({{"validation_fraction", 0.9}}, "dmad validation_fraction must be within 0..0.5");
        check({{"learning_rate", 0}}, "dmad learning_rate must be positive");
        check({{"object_foreground", 1}}, "dmad object_foreground has the wrong type");
        check({{"neighbourhood", 2}}, "patch neighbourhood must be a positive odd number");
        QCOMPARE(messageFor({{"distance_weight", 0.0}}), std::string("(accepted)"));
    }

    void realBottleSubsetWithTwoLabelledDefects()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        DL_REQUIRE_SHARED("data/mvtec_bottle/train/good");
        dl::Dataset bottle = dl::importDataset(dltest::sharedPath("data/mvtec_bottle").toStdString(), {});
        dl::moveLabelledDefectsToTrain(bottle, 2, 1);
        dl::Dataset subset = bottle;
        subset.samples.clear();
        int train = 0, test = 0;
        for (const auto& s : bottle.samples) {
            if (s.split == dl::Split::Train && (s.label == 1 || train++ < 30)) subset.samples.push_back(s);
            if (s.split == dl::Split::Test && test++ % 3 == 0) subset.samples.push_back(s);
        }
        dl::TrainRequest request;
        request.method = "dmad";
        // Small settings keep this under a minute on 2 cores; the full-size numbers come from the CLI.
        request.params = {{"epochs", 2}, {"synthetic_images", 6}, {"texture_images", 8}, {"normal_patches", 8000}};
        request.datasets = {&subset};
        auto detector = dl::trainDetector(request, {});
        dl::EvaluationReport report = dl::evaluateDetector(*detector, {&subset}, {});
        qInfo("bottle subset, 2 labelled defects: image AUROC %.4f, pixel AUROC %.4f, AU-PRO %.4f (%d images)",
              report.mean.imageAuroc, report.mean.pixelAuroc, report.mean.aupro, report.mean.images);
        QVERIFY(report.mean.imageAuroc > 0.9);
        QVERIFY(report.mean.pixelAuroc > 0.9);
    }
};

QTEST_MAIN(TestDmad)
#include "tst_dmad.moc"
