// RealNet: AFS finds a planted mask-shaped channel, RRS keeps the top-k by max and by
// mean, the losses and the image score by hand, shapes, eval-mode batch
// independence, bit-identical bundles, seeding, cancellation, the time budget and
// labelled defects in training on generated parts, clear errors for bad parameters and
// a missing SDAS model, and a small real bottle run.
#include "ErrorMessage.h"
#include "TestSupport.h"
#include "core/methods/NormalPartsFixture.h"
#include "common/Error.h"
#include "data/Importers.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "methods/realnet/RealnetAnomalyMap.h"
#include "methods/realnet/RealnetDetector.h"
#include "methods/realnet/RealnetFeatureSelection.h"
#include "methods/realnet/RealnetLoss.h"
#include "methods/realnet/RealnetNetwork.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

namespace {

using dltest::defectivePart;
using dltest::errorMessageOf;
using dltest::labelledShareMarksTheBand;
using dltest::NormalPartsFixture;
using dltest::normalPart;
using dltest::sameMap;

// Small, fast settings for the generated 128x128 parts: 64 px input (tap grids 16, 8, 4, 2).
nlohmann::json tinyParams(int epochs)
{
    return {{"image_size", 64},          {"epochs", epochs},     {"selected_channels", {8, 8, 8}},
            {"afs_images", 16},          {"channel_multipliers", {1, 2}}, {"minimum_width", 8},
            {"residuals_by_max", 8},     {"residuals_by_mean", 8}, {"head_width", 8},
            {"batch_size", 4}};
}

dl::RealnetArchitecture tinyArchitecture()
{
    dl::RealnetArchitecture a;
    a.tapChannels = {12, 16};
    a.tapGrid = {16, 8};
    a.selectedChannels = {6, 10};
    a.channelMultipliers = {1, 2};
    a.minimumWidth = 8;
    a.residualsByMax = 4;
    a.residualsByMean = 3;
    a.headWidth = 8;
    return a;
}

} // namespace

class TestRealnet : public QObject {
    Q_OBJECT

    NormalPartsFixture parts_{"realnet"};

    std::unique_ptr<dl::Detector> train(const nlohmann::json& params, const dl::ProgressContext& progress = {})
    {
        return parts_.train(params, progress);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(parts_.create()); }

    void featureSelectionFindsThePlantedChannel()
    {
        torch::manual_seed(3);
        const int n = 6, c = 5, side = 16;
        torch::Tensor clean = torch::rand({n, c, side, side});
        torch::Tensor masks = torch::zeros({n, 1, side, side});
        for (int i = 0; i < n; ++i)
            masks[i][0].slice(0, 2 + i, 8 + i).slice(1, 3, 10 - i / 2).fill_(1.0);
        // Every channel changes a little everywhere; channel 3 changes strongly where the defect is.
        torch::Tensor anomalous = clean + 0.3 * torch::rand({n, c, side, side});
        anomalous.select(1, 3) += 4.0 * masks.select(1, 0);
        dl::FeatureSelectionScores scores({c});
        scores.add({anomalous}, {clean}, masks);
        QCOMPARE(scores.images(), std::int64_t(n));
        const auto kept = scores.select({1});
        QCOMPARE(kept.front().numel(), std::int64_t(1));
        QCOMPARE(kept.front()[0].item<std::int64_t>(), std::int64_t(3));
        // Two kept channels come back in ascending order.
        const auto two = scores.select({2});
        QVERIFY(two.front()[0].item<std::int64_t>() < two.front()[1].item<std::int64_t>());
        // The error by hand for one image and channel: a residual equal to the mask scores 0.
        torch::Tensor exact = clean.clone();
        exact.select(1, 0) += masks.select(1, 0);
        const torch::Tensor errors = dl::channelMaskErrors(exact, clean, masks);
        QVERIFY(errors[0][0].item<double>() < 1e-10);
        // An unchanged channel normalises to 0: its error is the mean of mask^2.
        QVERIFY(std::abs(errors[0][1].item<double>() - masks[0].pow(2).mean().item<double>()) < 1e-6);
    }

    void residualSelectionKeepsTopByMaxAndByMean()
    {
        // Channel 0: one tall peak (largest max, small mean); channel 2: uniformly raised
        // (largest mean); channels 1 and 3 small.
        torch::Tensor r = torch::zeros({1, 4, 2, 2});
        r[0][0][0][0] = 9.0;
        r[0][1].fill_(0.5);
        r[0][2].fill_(3.0);
        r[0][3][1][1] = 1.0;
        dl::ResidualSelection selection(4, 1, 1);
        selection->eval(); // fresh running statistics (mean 0, variance 1): ranking on the raw values
        const torch::Tensor kept = selection->forward(r);
        QCOMPARE(kept.sizes().vec(), (std::vector<int64_t>{1, 2, 2, 2}));
        QVERIFY(torch::equal(kept[0][0], r[0][0]));
        QVERIFY(torch::equal(kept[0][1], r[0][2]));
        // Per image: a second image with other leaders gets its own choice.
        torch::Tensor two = torch::cat({r, r.flip(1)}, 0);
        const torch::Tensor both = selection->forward(two);
        QVERIFY(torch::equal(both[1][0], r[0][0]));
        QVERIFY(torch::equal(both[1][1], r[0][2]));
    }

    void lossesMatchHandComputedValues()
    {
        dl::RealnetNetwork::Outputs out;
        // Logits on the masks' 1x2 grid: pixel 0 says normal, pixel 1 anomalous.
        out.logits = torch::zeros({1, 2, 1, 2});
        out.logits[0][0][0][0] = 2.0; // pixel 0: class 0 logit 2, class 1 logit 0
        out.logits[0][1][0][1] = 1.0; // pixel 1: class 0 logit 0, class 1 logit 1
        const torch::Tensor masks = torch::tensor({0, 1}, torch::kInt64).reshape({1, 1, 2});
        out.reconstructions = {torch::full({1, 1, 1, 2}, 1.0f)};
        const std::vector<torch::Tensor> clean{torch::full({1, 1, 1, 2}, 3.0f)};
        const dl::RealnetLosses l = dl::realnetLoss(out, clean, masks, 0.5);
        const double ce = 0.5 * (std::log(1.0 + std::exp(-2.0)) + std::log(1.0 + std::exp(-1.0)));
        QVERIFY(std::abs(l.segmentation.item<double>() - ce) < 1e-6);
        QVERIFY(std::abs(l.reconstruction.item<double>() - 4.0) < 1e-6);
        QVERIFY(std::abs(l.total.item<double>() - (ce + 2.0)) < 1e-6);
    }

    void imageScoreIsTheLargestWindowMean()
    {
        torch::Tensor map = torch::zeros({1, 6, 6});
        map[0][0][0] = 1.0;                      // a single hot pixel: window mean 1/4
        map[0].slice(0, 3, 5).slice(1, 3, 5).fill_(0.5); // a 2x2 block of 0.5: window mean 0.5
        QVERIFY(std::abs(dl::windowMeanMaxScores(map, 2)[0].item<double>() - 0.5) < 1e-6);
        QVERIFY(std::abs(dl::windowMeanMaxScores(map, 1)[0].item<double>() - 1.0) < 1e-6);
        // A window larger than the map is clipped to it: the whole map's mean.
        QVERIFY(std::abs(dl::windowMeanMaxScores(map, 16)[0].item<double>() - map.mean().item<double>()) < 1e-6);
    }

    void shapesPerTapAndMapRange()
    {
        torch::manual_seed(0);
        dl::RealnetNetwork net(tinyArchitecture());
        net.train(false);
        torch::NoGradGuard noGrad;
        const std::vector<torch::Tensor> features{torch::rand({3, 6, 16, 16}), torch::rand({3, 10, 8, 8})};
        const auto out = net.forward(features);
        QCOMPARE(out.reconstructions.size(), std::size_t(2));
        QCOMPARE(out.reconstructions[0].sizes().vec(), features[0].sizes().vec());
        QCOMPARE(out.reconstructions[1].sizes().vec(), features[1].sizes().vec());
        QCOMPARE(out.logits.sizes().vec(), (std::vector<int64_t>{3, 2, 16, 16}));
        const torch::Tensor maps = dl::realnetMaps(out.logits, 64, 64);
        QCOMPARE(maps.sizes().vec(), (std::vector<int64_t>{3, 64, 64}));
        QVERIFY(maps.min().item<float>() >= 0.0f && maps.max().item<float>() <= 1.0f);
        QVERIFY(net.parameterCount() > 0);
    }

    void bundleRoundTripIsBitIdentical()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto trained = train(tinyParams(2));
        const std::string path = parts_.file("roundtrip.dlm");
        dl::saveDetector(*trained, path);
        auto loaded = dl::loadDetector(path);
        QCOMPARE(loaded->info().method, std::string("realnet"));
        QCOMPARE(loaded->info().threshold, trained->info().threshold);
        auto* a = dynamic_cast<dl::RealnetDetector*>(trained.get());
        auto* b = dynamic_cast<dl::RealnetDetector*>(loaded.get());
        QVERIFY(a && b);
        QCOMPARE(a->selectedChannels(), b->selectedChannels());
        QCOMPARE(a->selectedChannels().size(), std::size_t(3));
        for (const cv::Mat& probe : {defectivePart(7, cv::Rect(10, 10, 15, 15)), normalPart(8)}) {
            dl::Prediction p = trained->predict(probe), q = loaded->predict(probe);
            QCOMPARE(p.score, q.score);
            QCOMPARE(p.map.cols, 64);
            QVERIFY(sameMap(p.map, q.map));
        }
        const auto& record = loaded->info().provenance.at("realnet");
        QCOMPARE(record.at("epochs_run").get<int>(), 2);
        QCOMPARE(record.at("feature_selection").size(), std::size_t(3));
        // The record names the kept channels, the same the bundle selects.
        for (std::size_t t = 0; t < 3; ++t)
            QCOMPARE(record.at("feature_selection").at(t).at("indices").get<std::vector<std::int64_t>>(),
                     b->selectedChannels()[t]);
        QCOMPARE(record.at("anomalies").at("synthesis").get<std::string>(), std::string("dtd"));
    }

    void batchedPredictionMatchesSingle()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto detector = parts_.sharedModel(tinyParams(3));
        const std::vector<cv::Mat> probes{defectivePart(11, cv::Rect(20, 60, 20, 20)), normalPart(12), normalPart(13)};
        auto batch = detector->predictBatch(probes);
        QCOMPARE(batch.size(), probes.size());
        for (std::size_t i = 0; i < probes.size(); ++i) {
            dl::Prediction single = detector->predict(probes[i]);
            // Eval-mode BatchNorm and per-image RRS: an image's map does not depend on its batch mates.
            const double maxDiff = cv::norm(single.map, batch[i].map, cv::NORM_INF);
            QVERIFY2(maxDiff <= 1e-5, qPrintable(QString::number(maxDiff)));
            QVERIFY(std::abs(single.score - batch[i].score) <= 1e-5f);
        }
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

    // Labelled defects, transplanted onto the normal parts, join the synthetic anomalies:
    // the model records how many of its anomalies were transplanted, a model trained with
    // two labelled banded parts marks the band of new banded parts where one that ignores
    // them (labelled_share=0) does not, and a fit that ignores them equals a fit without any.
    void labelledDefectsJoinTheSyntheticAnomalies()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        // The map is a probability that the short fit leaves near 0.25 everywhere: the band's
        // mean above the rest of the map says whether it is marked (observed 0.113 with the
        // labels against 0.003 ignoring them, summed over three probes).
        const std::string failed = labelledShareMarksTheBand(
            "realnet", tinyParams(60), nlohmann::json::json_pointer("/realnet/anomalies/labelled"));
        QVERIFY2(failed.empty(), failed.c_str());
        // Whether a fit learns from labels follows the share (the threshold and the CLI's warning ask).
        const dl::DetectorRegistry& registry = dl::DetectorRegistry::instance();
        QVERIFY(registry.learnsFromLabels("realnet", {}));
        QVERIFY(!registry.learnsFromLabels("realnet", {{"labelled_share", 0}}));
        QVERIFY(registry.learnsFromLabels("realnet", {{"labelled_share", 0.5}}));
        QVERIFY(registry.learnsFromLabels("cse", {}));
        QVERIFY(!registry.learnsFromLabels("cse", {{"labelled_share", 0}}));
        QVERIFY(registry.learnsFromLabels("dmad", {}));
        QVERIFY(!registry.learnsFromLabels("patchcore", {}));
        // A retrain with annotations turns a share of 0 back to the default; other keys stay.
        QCOMPARE(registry.withLabelsLearned("realnet", {{"labelled_share", 0}, {"epochs", 3}}),
                 nlohmann::json({{"epochs", 3}}));
        QCOMPARE(registry.withLabelsLearned("realnet", {{"labelled_share", 0.25}}), nlohmann::json({{"labelled_share", 0.25}}));
        QCOMPARE(registry.withLabelsLearned("dskd", {{"epochs", 3}}), nlohmann::json({{"epochs", 3}}));
    }

    void cancellationStopsFitting()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QVERIFY(parts_.cancelsOnceTrainingStarts(tinyParams(20)));
    }

    void badParametersAreRejectedClearly()
    {
        auto& registry = dl::DetectorRegistry::instance();
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("realnet", {{"selected_channels", {8, 8}}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("realnet", {{"image_size", 100}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("realnet", {{"synthesis", "gan"}}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, registry.create("realnet", {{"no_such_param", 1}}));
        const std::string noModel = errorMessageOf([&] { registry.create("realnet", {{"synthesis", "sdas"}}); });
        QVERIFY2(noModel.find("sdas_model") != std::string::npos, noModel.c_str());
        const std::string order = errorMessageOf(
            [&] { train({{"image_size", 64}, {"taps", {"features.13", "features.6"}}, {"selected_channels", {8, 8}}}); });
        QVERIFY2(order.find("fine to coarse") != std::string::npos, order.c_str());
    }

    void missingSdasModelIsAClearError()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        nlohmann::json params = tinyParams(1);
        params["synthesis"] = "both";
        params["sdas_model"] = "/nonexistent/sdas.dlm";
        const std::string message = errorMessageOf([&] { train(params); });
        QVERIFY2(message.find("/nonexistent/sdas.dlm") != std::string::npos, message.c_str());
    }

    void realBottleSubsetLearnsDefects()
    {
        DL_REQUIRE_SHARED("data/mvtec_bottle/train/good");
        dl::Dataset bottle = dl::importDataset(dltest::sharedPath("data/mvtec_bottle").toStdString(), {});
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
        request.method = "realnet";
        request.params = {{"image_size", 128}, {"epochs", 12}, {"afs_images", 32}, {"batch_size", 8}};
        request.datasets = {&subset};
        auto detector = dl::trainDetector(request, {});
        dl::EvaluationReport report = dl::evaluateDetector(*detector, {&subset}, {});
        qInfo("bottle smoke run: image AUROC %.3f, pixel AUROC %.3f", report.mean.imageAuroc, report.mean.pixelAuroc);
        for (const auto& e : report.images)
            QVERIFY(std::isfinite(e.score));
        // A short run on 40 images is far from the full fit (README), but the defective
        // bottles already rank above the good ones.
        QVERIFY(report.mean.imageAuroc > 0.6);
    }
};

QTEST_MAIN(TestRealnet)
#include "tst_realnet.moc"
