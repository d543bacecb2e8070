// The workflow both front ends share, against a recorder that keeps everything
// in memory: what a run records, how datasets and annotations enter and leave
// the record, and that a failing or cancelled step ends its run accordingly.
#include "common/Error.h"
#include "data/Importers.h"
#include "data/SampleData.h"
#include "workflow/DatasetRecording.h"
#include "workflow/RecordedRun.h"
#include "workflow/Workflow.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

namespace wf = dl::workflow;

namespace {

class FakeRecorder final : public wf::WorkRecorder {
public:
    struct Run {
        wf::RunKind kind;
        nlohmann::json params;
        std::optional<wf::RunEnd> end;
        std::string message;
        wf::RecordId model = 0;
        std::vector<wf::ResultEntry> results;
    };
    std::vector<Run> runs;                                   // id = index + 1
    std::map<std::string, wf::RecordId> datasets;            // root -> id
    std::map<wf::RecordId, std::map<std::string, wf::RecordId>> images;
    std::vector<wf::ImageEntry> addedImages;
    std::vector<wf::AnnotationEntry> annotations;
    std::string maskFolder;
    std::map<std::string, wf::RecordId> modelsByChecksum;
    std::map<wf::RecordId, nlohmann::json> modelMetrics;

    bool enabled() const override { return true; }
    wf::RecordId startRun(wf::RunKind kind, const nlohmann::json& params) override
    {
        runs.push_back({kind, params, std::nullopt, {}, 0, {}});
        return wf::RecordId(runs.size());
    }
    void finishRun(wf::RecordId run, wf::RunEnd end, const std::string& message) override
    {
        runs.at(std::size_t(run - 1)).end = end;
        runs.at(std::size_t(run - 1)).message = message;
    }
    void setRunModel(wf::RecordId run, wf::RecordId model) override { runs.at(std::size_t(run - 1)).model = model; }
    std::optional<wf::RecordId> findDataset(const std::string& root) override
    {
        auto it = datasets.find(root);
        return it == datasets.end() ? std::nullopt : std::optional<wf::RecordId>(it->second);
    }
    wf::RecordId addDataset(const wf::DatasetEntry& d) override { return datasets[d.rootPath] = wf::RecordId(datasets.size() + 1); }
    std::map<std::string, wf::RecordId> imagesOfDataset(wf::RecordId dataset) override { return images[dataset]; }
    std::vector<wf::RecordId> addImages(wf::RecordId dataset, const std::vector<wf::ImageEntry>& entries) override
    {
        std::vector<wf::RecordId> ids;
        for (const auto& e : entries) {
            addedImages.push_back(e);
            ids.push_back(images[dataset][e.relativePath] = wf::RecordId(addedImages.size()));
        }
        return ids;
    }
    std::vector<wf::AnnotationEntry> latestAnnotations(wf::RecordId) override { return annotations; }
    std::string annotationMaskFolder() const override { return maskFolder; }
    std::optional<wf::RecordId> findModelByChecksum(const std::string& checksum) override
    {
        auto it = modelsByChecksum.find(checksum);
        return it == modelsByChecksum.end() ? std::nullopt : std::optional<wf::RecordId>(it->second);
    }
    wf::RecordId addModel(const wf::ModelEntry& m) override { return modelsByChecksum[m.bundleChecksum] = 100; }
    void mergeModelMetrics(wf::RecordId model, const nlohmann::json& metrics) override { modelMetrics[model].update(metrics); }
    void addResults(wf::RecordId run, const std::vector<wf::ResultEntry>& results) override
    {
        auto& stored = runs.at(std::size_t(run - 1)).results;
        stored.insert(stored.end(), results.begin(), results.end());
    }
    // The watch journal is tested through the CLI (tst_cli_watch) and the store (tst_store_watch).
    std::optional<wf::JournalledFile> findInspectedFile(const wf::WatchedFileEntry&) override { return std::nullopt; }
    std::vector<std::optional<wf::JournalledFile>> addInspectedFiles(wf::RecordId,
                                                                    const std::vector<wf::InspectedFileEntry>& f) override
    {
        return std::vector<std::optional<wf::JournalledFile>>(f.size());
    }
    void setArchivedPath(wf::RecordId, const std::string&) override {}
    std::optional<wf::ActiveModelEntry> activeModel() override { return std::nullopt; }
    std::string modelBundleFile(wf::RecordId) override { return {}; }
    void keepPendingMessages(const std::vector<std::pair<wf::RecordId, std::string>>&) override {}
    void clearPendingMessages(const std::vector<wf::RecordId>&) override {}
    std::vector<std::pair<wf::RecordId, std::string>> pendingMessages(const std::string&) override { return {}; }
};

// Scores an image by its mean brightness; its map is the grey image itself.
class BrightnessDetector final : public dl::Detector {
public:
    BrightnessDetector()
    {
        info_.method = "brightness";
        info_.threshold = 0.5;
        info_.provenance["bundle_sha256"] = "abc";
    }
    std::string method() const override { return "brightness"; }
    void fit(const dl::FitInput&, const dl::ProgressContext&) override {}
    dl::Prediction predict(const cv::Mat& rgb8) override
    {
        cv::Mat grey, map;
        cv::cvtColor(rgb8, grey, cv::COLOR_RGB2GRAY);
        grey.convertTo(map, CV_32F, 1.0 / 255.0);
        dl::Prediction p;
        p.map = map;
        p.score = float(cv::mean(map)[0]);
        return p;
    }
    void save(dl::ModelBundle&) const override {}
    void load(const dl::ModelBundle&) override {}
};

// Scores like BrightnessDetector, notes how many results were stored before each
// image, and fails on image `failAt` (1-based) as a lost camera or a full disk would.
class FailingPartWayDetector final : public dl::Detector {
public:
    FailingPartWayDetector(const FakeRecorder& recorder, int failAt) : recorder_(recorder), failAt_(failAt)
    {
        info_ = inner_.info();
    }
    std::string method() const override { return "brightness"; }
    void fit(const dl::FitInput&, const dl::ProgressContext&) override {}
    dl::Prediction predict(const cv::Mat& rgb8) override
    {
        storedBefore.push_back(recorder_.runs.empty() ? 0 : recorder_.runs.back().results.size());
        if (int(storedBefore.size()) == failAt_)
            throw dl::Error("camera unplugged");
        return inner_.predict(rgb8);
    }
    void save(dl::ModelBundle&) const override {}
    void load(const dl::ModelBundle&) override {}
    std::vector<std::size_t> storedBefore;

private:
    BrightnessDetector inner_;
    const FakeRecorder& recorder_;
    int failAt_;
};

std::string pngOf(const cv::Mat& mask)
{
    std::vector<uchar> bytes;
    cv::imencode(".png", mask, bytes);
    return std::string(bytes.begin(), bytes.end());
}

} // namespace

class TestWorkflow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string root_;

    dl::Dataset sample() const { return dl::importDataset(root_, {}); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        root_ = (dir_.path() + "/sample").toStdString();
        dl::SampleDataOptions options;
        options.trainImages = 4;
        options.testGoodImages = 2;
        options.testDefectImages = 2;
        options.size = 64;
        dl::writeSampleDataset(root_, options);
    }

    void datasetIsRegisteredOnce()
    {
        FakeRecorder recorder;
        const dl::Dataset dataset = sample();
        const auto ids = wf::registerDataset(recorder, dataset);
        QCOMPARE(ids.size(), dataset.samples.size());
        QCOMPARE(recorder.addedImages.size(), dataset.samples.size());
        QCOMPARE(recorder.addedImages.front().contentHash.size(), std::size_t(64));
        QCOMPARE(recorder.addedImages.front().width, 64);
        QCOMPARE(wf::registerDataset(recorder, dataset), ids);
        QCOMPARE(recorder.addedImages.size(), dataset.samples.size());

        wf::NullRecorder nothing;
        QVERIFY(wf::registerDataset(nothing, dataset).empty());
    }

    void annotationsBecomeLabelledDefects()
    {
        FakeRecorder recorder;
        dl::Dataset dataset = sample();
        wf::registerDataset(recorder, dataset);
        recorder.maskFolder = (dir_.path() + "/masks").toStdString();
        cv::Mat drawn = cv::Mat::zeros(64, 64, CV_8UC1);
        drawn(cv::Rect(10, 10, 8, 8)).setTo(255);
        const std::string good = dataset.select(dl::Split::Test).front()->relativePath;
        const std::string train = dataset.select(dl::Split::Train).front()->relativePath;
        recorder.annotations = {{7, good, pngOf(drawn)},
                                {8, train, pngOf(cv::Mat::zeros(64, 64, CV_8UC1))},
                                {9, "not/in/this/dataset.png", "not a png"}};
        QCOMPARE(wf::applyDatabaseLabels(recorder, dataset), 1);
        const dl::Sample* labelled = nullptr;
        for (const dl::Sample& s : dataset.samples)
            if (s.relativePath == good)
                labelled = &s;
        QVERIFY(labelled);
        QCOMPARE(labelled->label, 1);
        QVERIFY(labelled->split == dl::Split::Train);
        QVERIFY(labelled->maskPath == recorder.maskFolder + "/annotation_7.png");
        QVERIFY(std::filesystem::exists(labelled->maskPath));

        recorder.annotations = {{10, train, "not a png"}};
        QVERIFY_THROWS_EXCEPTION(dl::Error, wf::applyDatabaseLabels(recorder, dataset));
        wf::NullRecorder nothing;
        QCOMPARE(wf::applyDatabaseLabels(nothing, dataset), 0);
    }

    void aRunEndsAsItsWorkDoes()
    {
        FakeRecorder recorder;
        wf::RecordedRun benchmark(recorder, wf::RunKind::Benchmark, {{"n", 1}});
        QCOMPARE(benchmark.complete([] { return 3; }), 3);
        wf::RecordedRun fit(recorder, wf::RunKind::Fit, {});
        QVERIFY_THROWS_EXCEPTION(dl::Error, fit.complete([] { throw dl::Error("disk full"); }));
        wf::RecordedRun test(recorder, wf::RunKind::Test, {});
        QVERIFY_THROWS_EXCEPTION(dl::Cancelled, test.complete([] { throw dl::Cancelled(); }));
        QCOMPARE(recorder.runs.size(), std::size_t(3));
        QVERIFY(recorder.runs[0].end == wf::RunEnd::Succeeded);
        QVERIFY(recorder.runs[0].params["n"] == 1);
        QVERIFY(recorder.runs[1].end == wf::RunEnd::Failed);
        QVERIFY(recorder.runs[1].message == "disk full");
        QVERIFY(recorder.runs[2].end == wf::RunEnd::Cancelled);
    }

    void evaluationRecordsEveryTestImageAndTheMetrics()
    {
        FakeRecorder recorder;
        recorder.modelsByChecksum["abc"] = 5;
        const dl::Dataset dataset = sample();
        BrightnessDetector detector;
        wf::EvaluateJob job;
        job.datasets = {&dataset};
        job.runParams = {{"model", "m.dlm"}};
        int published = 0;
        job.publish = [&](const dl::EvaluationReport& report) { published += int(report.images.size()); };
        job.saveMap = [](const dl::EvaluatedImage& e, const cv::Mat&) { return "maps/" + e.sample->relativePath; };
        const wf::EvaluateOutcome outcome = wf::evaluateAndRecord(recorder, detector, job, {});
        QVERIFY(outcome.modelId == wf::RecordId(5));
        QCOMPARE(published, 4);
        const FakeRecorder::Run& run = recorder.runs.at(0);
        QVERIFY(run.kind == wf::RunKind::Test);
        QVERIFY(run.end == wf::RunEnd::Succeeded);
        QCOMPARE(run.model, wf::RecordId(5));
        QCOMPARE(run.results.size(), std::size_t(4));
        for (const wf::ResultEntry& r : run.results) {
            QVERIFY(r.imageId.has_value());
            QVERIFY(r.heatmapPath.rfind("maps/test/", 0) == 0);
            QCOMPARE(r.defect, r.score >= 0.5);
        }
        QVERIFY(recorder.modelMetrics[5]["test_images"] == 4);
        QVERIFY(!recorder.modelMetrics[5].contains("n_images"));
    }

    // A test run stores its results as it goes: a failure (or a kill) part way
    // keeps what was scored, and the run ends failed, not "running".
    void evaluationStoresResultsAsItGoes()
    {
        FakeRecorder recorder;
        const dl::Dataset dataset = sample();
        FailingPartWayDetector detector(recorder, 3);
        wf::EvaluateJob job;
        job.datasets = {&dataset};
        job.commitEvery = 1;
        QVERIFY_THROWS_EXCEPTION(dl::Error, wf::evaluateAndRecord(recorder, detector, job, {}));
        QCOMPARE(detector.storedBefore, (std::vector<std::size_t>{0, 1, 2}));
        QCOMPARE(recorder.runs.at(0).results.size(), std::size_t(2));
        QVERIFY(recorder.runs.at(0).end == wf::RunEnd::Failed);
        QVERIFY(recorder.runs.at(0).message.find("camera unplugged") != std::string::npos);

        // With the default batch, the results held back are stored when it fails.
        FailingPartWayDetector batched(recorder, 3);
        job.commitEvery = 32;
        QVERIFY_THROWS_EXCEPTION(dl::Error, wf::evaluateAndRecord(recorder, batched, job, {}));
        QCOMPARE(batched.storedBefore, (std::vector<std::size_t>{0, 0, 0}));
        QCOMPARE(recorder.runs.at(1).results.size(), std::size_t(2));
    }

    void predictionGoesOnPastABadFileAndFailsWhenAllFail()
    {
        FakeRecorder recorder;
        BrightnessDetector detector;
        const std::string bad = (dir_.path() + "/bad.png").toStdString();
        QFile badFile(QString::fromStdString(bad));
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("no image");
        badFile.close();
        wf::PredictJob job;
        job.files = {testImage(), bad};
        job.saveOverlay = [](const std::string&, const cv::Mat&, const dl::Prediction&) { return std::string("o.png"); };
        const auto files = wf::predictAndRecord(recorder, detector, job);
        QCOMPARE(files.size(), std::size_t(2));
        QVERIFY(files[0].score && files[0].error.empty());
        QVERIFY(files[0].overlayPath == "o.png");
        QVERIFY(!files[1].score && !files[1].error.empty());
        QCOMPARE(recorder.runs.at(0).results.size(), std::size_t(1));
        QVERIFY(recorder.runs.at(0).end == wf::RunEnd::Succeeded);
        QCOMPARE(recorder.runs.at(0).model, wf::RecordId(0)); // no recorded model has its checksum

        job.files = {bad};
        QVERIFY_THROWS_EXCEPTION(dl::Error, wf::predictAndRecord(recorder, detector, job));
        QVERIFY(recorder.runs.at(1).end == wf::RunEnd::Failed);
    }

private:
    std::string testImage() const { return sample().select(dl::Split::Test).front()->path; }
};

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
