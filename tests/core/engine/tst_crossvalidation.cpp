// K-fold cross-validation inside the training split: every training image is held
// out exactly once, test images are never read, a defect type's labels go to
// different folds, scores are normalised per fold model, and bad requests are
// refused with a clear message.
#include "ErrorMessage.h"
#include "TestSupport.h"
#include "common/Error.h"
#include "data/Importers.h"
#include "data/SampleData.h"
#include "engine/CrossValidation.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

class TestCrossValidation : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string root_;

    dl::Dataset labelledSample(int labels) const
    {
        dl::Dataset data = dl::importDataset(root_, {});
        dl::moveLabelledDefectsToTrain(data, labels, 5);
        return data;
    }
    static dl::TrainRequest request(const dl::Dataset& data)
    {
        dl::TrainRequest r;
        r.method = "patchcore";
        r.params = {{"image_size", 64}, {"coreset_ratio", 0.25}};
        r.datasets = {&data};
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        root_ = (dir_.path() + "/sample").toStdString();
        dl::SampleDataOptions options;
        options.trainImages = 12;
        options.testGoodImages = 3;
        options.testDefectImages = 8; // 4 scratch, 4 stain
        options.size = 64;
        dl::writeSampleDataset(root_, options);
    }

    void everyTrainingImageIsHeldOutOnceAndTestImagesNever()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const dl::Dataset data = labelledSample(6); // 3 scratch + 3 stain labels
        const dl::CrossValidationReport report = dl::crossValidate(request(data), 3, {});
        QCOMPARE(report.folds, 3);
        QCOMPARE(int(report.perFold.size()), 3);

        std::map<const dl::Sample*, int> heldOut;
        for (const auto& image : report.images) {
            QVERIFY(image.sample >= data.samples.data() && image.sample < data.samples.data() + data.samples.size());
            QVERIFY2(image.sample->split == dl::Split::Train, image.sample->relativePath.c_str());
            ++heldOut[image.sample];
            QVERIFY(std::isfinite(image.normalised));
        }
        QCOMPARE(heldOut.size(), data.select(dl::Split::Train).size());
        for (const auto& [sample, times] : heldOut) QCOMPARE(times, 1);

        // One scratch and one stain label per fold: a fold never holds a type's only examples
        // while the others hold none.
        std::map<int, std::multiset<std::string>> typesPerFold;
        for (const auto& image : report.images)
            if (image.sample->label == 1) typesPerFold[image.fold].insert(image.sample->defectType);
        QCOMPARE(int(typesPerFold.size()), 3);
        for (const auto& [fold, types] : typesPerFold) {
            QCOMPARE(int(types.size()), 2);
            QCOMPARE(int(std::set<std::string>(types.begin(), types.end()).size()), 2);
        }
        for (const auto& fold : report.perFold) {
            QCOMPARE(fold.defectImages, 2);
            QCOMPARE(fold.normalImages, 4);
            QCOMPARE(fold.trainingLabels, 4); // the other folds' labels
            QCOMPARE(fold.trainingLabelTypes, (std::map<std::string, int>{{"sample/scratch", 2}, {"sample/stain", 2}}));
            QVERIFY(fold.fitSeconds > 0);
        }
        // Pooled metrics exist and are AUROC-like; each defect type gets its own AUROC.
        QVERIFY(report.mean.imageAuroc >= 0 && report.mean.imageAuroc <= 1);
        QVERIFY(report.mean.pixelAuroc >= 0 && report.mean.pixelAuroc <= 1);
        QCOMPARE(int(report.defectTypeAuroc.size()), 2);
    }

    void foldsShrinkToTheNormalImagesAvailable()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const dl::Dataset data = labelledSample(2);
        dl::Dataset few = data;
        // Keep two normal training images only: at most two folds are possible.
        int kept = 0;
        std::vector<dl::Sample> samples;
        for (const auto& s : few.samples)
            if (s.split != dl::Split::Train || s.label == 1 || kept++ < 2) samples.push_back(s);
        few.samples = samples;
        QCOMPARE(dl::crossValidate(request(few), 5, {}).folds, 2);
    }

    // A sweep trains each fold once and scores it with every set of scoring parameters;
    // each set's report equals a plain run trained with those values.
    void sweepEqualsSeparateRunsWithThoseValues()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const dl::Dataset data = labelledSample(6);
        const dl::TrainRequest plain = request(data);
        const std::vector<nlohmann::json> variants{nlohmann::json::object(),
                                                   {{"smoothing_sigma", 0}, {"image_score", "patch_max"}}};
        const auto sweep = dl::crossValidateSweep(plain, 3, variants, {});
        QCOMPARE(int(sweep.size()), 2);
        dl::TrainRequest changed = plain;
        changed.params.update(variants[1]);
        const dl::CrossValidationReport expected[2] = {dl::crossValidate(plain, 3, {}), dl::crossValidate(changed, 3, {})};
        for (int v = 0; v < 2; ++v) {
            const dl::CrossValidationReport& got = sweep[std::size_t(v)].report;
            QCOMPARE(got.images.size(), expected[v].images.size());
            for (std::size_t i = 0; i < got.images.size(); ++i) {
                QCOMPARE(got.images[i].sample, expected[v].images[i].sample);
                QVERIFY(std::abs(got.images[i].score - expected[v].images[i].score) <= 1e-5f * (1 + std::abs(got.images[i].score)));
                QVERIFY(std::abs(got.images[i].normalised - expected[v].images[i].normalised) <= 1e-3f);
            }
            QVERIFY(std::abs(got.mean.imageAuroc - expected[v].mean.imageAuroc) < 1e-9);
            QVERIFY(std::abs(got.mean.pixelAuroc - expected[v].mean.pixelAuroc) < 1e-6);
            QVERIFY(std::abs(got.mean.aupro - expected[v].mean.aupro) < 1e-6);
        }
        // The unsmoothed map is another map: the sweep did score with the new values.
        QVERIFY(std::abs(sweep[0].report.mean.aupro - sweep[1].report.mean.aupro) > 1e-6);
    }

    // "How does a model with one label do?": each fold model trains on one of the other
    // folds' labels (a different one per fold), and every held-out image is still scored.
    void foldModelsCanTrainOnFewerLabels()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const dl::Dataset data = labelledSample(6);
        const dl::CrossValidationReport all = dl::crossValidate(request(data), 3, {});
        for (int limit : {1, 0}) {
            const dl::CrossValidationReport few = dl::crossValidate(request(data), 3, {}, false, limit);
            QCOMPARE(few.images.size(), all.images.size());
            for (std::size_t i = 0; i < few.images.size(); ++i) {
                QCOMPARE(few.images[i].sample, all.images[i].sample);
                QCOMPARE(few.images[i].fold, all.images[i].fold);
            }
            for (const auto& fold : few.perFold) {
                QCOMPARE(fold.trainingLabels, limit);
                int typed = 0;
                for (const auto& [type, count] : fold.trainingLabelTypes) typed += count;
                QCOMPARE(typed, limit);
                QCOMPARE(fold.defectImages, 2);
                QCOMPARE(fold.normalImages, 4);
            }
        }
        // More than there are trains on all of them.
        for (const auto& fold : dl::crossValidate(request(data), 3, {}, false, 100).perFold)
            QCOMPARE(fold.trainingLabels, 4);
    }

    void refusesWhatItCannotValidate()
    {
        const dl::Dataset unlabelled = labelledSample(0);
        QVERIFY(dltest::errorMessageOf([&] { dl::crossValidate(request(unlabelled), 3, {}); }).find("labelled defects") != std::string::npos);
        const dl::Dataset data = labelledSample(2);
        QVERIFY(dltest::errorMessageOf([&] { dl::crossValidate(request(data), 1, {}); }).find("at least 2 folds") != std::string::npos);
        dl::TrainRequest withParent = request(data);
        withParent.parentModelPath = "/tmp/parent.dlm";
        QVERIFY(dltest::errorMessageOf([&] { dl::crossValidate(withParent, 3, {}); }).find("from scratch") != std::string::npos);
        QVERIFY(dltest::errorMessageOf([&] { dl::crossValidate(request(data), 3, {}, false, -2); }).find("0 or more")
                != std::string::npos);
        // A parameter training reads cannot be swept on trained folds; refused before any training.
        const std::string notScoring = dltest::errorMessageOf(
            [&] { dl::crossValidateSweep(request(data), 3, {{{"coreset_ratio", 0.5}}}, {}); });
        QVERIFY2(notScoring.find("'coreset_ratio' is not a scoring parameter of patchcore") != std::string::npos,
                 notScoring.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCrossValidation)
#include "tst_crossvalidation.moc"
