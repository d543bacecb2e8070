// Round trips and behaviour of every entity in dl::db::Store.
#include "database/Store.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace dl::db;
using dl::db::test::jsonText;
using dl::db::test::RawConnection;
using dl::db::test::sampleImage;
using dl::db::test::TestDatabases;
using dl::db::test::tinyPng;

class StoreTest : public QObject {
    Q_OBJECT

private:
    QString dbPath_; // the SQLite file or PostgreSQL address of the current test
    Store store_;

    DatasetRecord addSampleDataset(const QString& root = QStringLiteral("/data/mvtec"))
    {
        DatasetRecord dataset;
        dataset.name = QStringLiteral("MVTec AD");
        dataset.rootPath = root;
        dataset.format = QStringLiteral("mvtec");
        dataset.options = {{"validateImages", true}};
        return store_.addDataset(dataset);
    }

    ModelRecord addSampleModel()
    {
        ModelRecord model;
        model.method = QStringLiteral("patchcore");
        model.categories = {QStringLiteral("bottle")};
        model.bundlePath = QStringLiteral("/models/bottle.dlm");
        return store_.addModel(model);
    }

    template <typename F>
    static DatabaseError::Reason reasonOf(F&& action, QString* message = nullptr)
    {
        try {
            action();
        } catch (const DatabaseError& error) {
            if (message)
                *message = QString::fromStdString(error.what());
            return error.reason();
        }
        qWarning("expected a DatabaseError, but the call succeeded");
        return DatabaseError::Reason::Failed;
    }

private slots:
    void initTestCase()
    {
        const QString problem = TestDatabases::instance().problem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("Store tests on %s", qPrintable(TestDatabases::engineName()));
    }

    void cleanupTestCase() { TestDatabases::instance().shutdown(); }

    void init()
    {
        dbPath_ = TestDatabases::instance().create(QStringLiteral("store_%1").arg(QTest::currentTestFunction()));
        QVERIFY(!dbPath_.isEmpty());
        store_.open(dbPath_);
    }

    void cleanup() { store_.close(); }

    void datasetRoundTrip()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        const DatasetRecord added = addSampleDataset();
        QVERIFY(added.id > 0);
        QVERIFY(added.createdAt >= before);
        QCOMPARE(added.createdAt.timeSpec(), Qt::UTC);

        const std::optional<DatasetRecord> byId = store_.dataset(added.id);
        QVERIFY(byId);
        QCOMPARE(byId->name, QStringLiteral("MVTec AD"));
        QCOMPARE(byId->rootPath, QStringLiteral("/data/mvtec"));
        QCOMPARE(byId->format, QStringLiteral("mvtec"));
        QCOMPARE(byId->options.value("validateImages", false), true);
        QCOMPARE(byId->createdAt, added.createdAt);

        const std::optional<DatasetRecord> byRoot = store_.findDatasetByRoot(QStringLiteral("/data/mvtec"));
        QVERIFY(byRoot);
        QCOMPARE(byRoot->id, added.id);
        QVERIFY(!store_.findDatasetByRoot(QStringLiteral("/data/other")));
        QVERIFY(!store_.dataset(added.id + 100));
        QCOMPARE(store_.listDatasets().size(), std::size_t(1));

        // Timestamps are ISO-8601 UTC text in the file.
        store_.close();
        RawConnection raw(dbPath_);
        const QString createdText = raw.scalar(QStringLiteral("SELECT created_at FROM datasets")).toString();
        QVERIFY2(createdText.endsWith(QLatin1Char('Z')) && createdText.contains(QLatin1Char('T')), qPrintable(createdText));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT options_json FROM datasets")).toString(),
                 QStringLiteral("{\"validateImages\":true}"));
    }

    void duplicateDatasetRootIsRejected()
    {
        addSampleDataset();
        QString message;
        QCOMPARE(reasonOf([&] { addSampleDataset(); }, &message), DatabaseError::Reason::Constraint);
        QVERIFY2(message.startsWith(store_.path()), qPrintable(message));
        QCOMPARE(store_.listDatasets().size(), std::size_t(1));
    }

    void imageRoundTrip()
    {
        const DatasetRecord dataset = addSampleDataset();
        ImageRecord normal = sampleImage(dataset.id, 1);
        normal.split = QStringLiteral("train");
        normal.label = 0;
        normal.defectType = QStringLiteral("good");
        normal.maskPath.clear(); // a null QString must be stored as "", not NULL
        normal.contentHash = normal.contentHash.toUpper(); // stored normalised to lower case
        const ImageRecord defective = sampleImage(dataset.id, 2);

        const std::vector<RowId> ids = store_.addImages({normal, defective});
        QCOMPARE(ids.size(), std::size_t(2));

        const std::optional<ImageRecord> first = store_.image(ids[0]);
        QVERIFY(first);
        QCOMPARE(first->datasetId, dataset.id);
        QCOMPARE(first->path, normal.path);
        QCOMPARE(first->relativePath, normal.relativePath);
        QCOMPARE(first->contentHash, normal.contentHash.toLower());
        QCOMPARE(first->width, 900);
        QCOMPARE(first->height, 900);
        QCOMPARE(first->split, QStringLiteral("train"));
        QCOMPARE(first->label, 0);
        QCOMPARE(first->category, QStringLiteral("bottle"));
        QCOMPARE(first->defectType, QStringLiteral("good"));
        QVERIFY(first->maskPath.isEmpty());

        const std::vector<ImageRecord> all = store_.imagesOfDataset(dataset.id);
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[1].id, ids[1]);
        QCOMPARE(all[1].maskPath, defective.maskPath);
        QCOMPARE(all[1].label, 1);
        QVERIFY(store_.imagesOfDataset(dataset.id + 1).empty());
        QVERIFY(store_.addImages({}).empty());
    }

    void invalidImagesAreRejectedBeforeWriting()
    {
        const DatasetRecord dataset = addSampleDataset();
        ImageRecord badHash = sampleImage(dataset.id, 1);
        badHash.contentHash = QStringLiteral("not-a-hash");
        QCOMPARE(reasonOf([&] { store_.addImages({badHash}); }), DatabaseError::Reason::InvalidArgument);
        ImageRecord badLabel = sampleImage(dataset.id, 2);
        badLabel.label = 7;
        QCOMPARE(reasonOf([&] { store_.addImages({badLabel}); }), DatabaseError::Reason::InvalidArgument);
        ImageRecord noPath = sampleImage(dataset.id, 3);
        noPath.relativePath.clear();
        QCOMPARE(reasonOf([&] { store_.addImages({noPath}); }), DatabaseError::Reason::InvalidArgument);
        QVERIFY(store_.imagesOfDataset(dataset.id).empty());
    }

    void bulkInsertOfTenThousandImagesIsFast()
    {
        const DatasetRecord dataset = addSampleDataset();
        std::vector<ImageRecord> images;
        images.reserve(10000);
        for (int i = 0; i < 10000; ++i)
            images.push_back(sampleImage(dataset.id, i, i % 2 ? QStringLiteral("bottle") : QStringLiteral("cable")));

        QElapsedTimer timer;
        timer.start();
        const std::vector<RowId> ids = store_.addImages(images);
        const qint64 elapsedMs = timer.elapsed();
        qInfo("inserting 10000 images took %lld ms", elapsedMs);

        QCOMPARE(ids.size(), std::size_t(10000));
        for (std::size_t i = 1; i < ids.size(); ++i)
            QVERIFY(ids[i] > ids[i - 1]);
        // One transaction: per-row commits would take many seconds with fsync.
        QVERIFY2(elapsedMs < 3000 * dltest::sanitizerSlowdown(), qPrintable(QStringLiteral("took %1 ms").arg(elapsedMs)));

        timer.restart();
        const std::vector<ImageRecord> readBack = store_.imagesOfDataset(dataset.id);
        qInfo("reading 10000 images took %lld ms", timer.elapsed());
        QCOMPARE(readBack.size(), std::size_t(10000));
        QCOMPARE(store_.image(ids[4242])->relativePath, images[4242].relativePath);
    }

    void failedBulkInsertStoresNothing()
    {
        const DatasetRecord dataset = addSampleDataset();
        std::vector<ImageRecord> images;
        for (int i = 0; i < 100; ++i)
            images.push_back(sampleImage(dataset.id, i));
        images.push_back(sampleImage(dataset.id, 5)); // same relative path as image 5
        QString message;
        QCOMPARE(reasonOf([&] { store_.addImages(images); }, &message), DatabaseError::Reason::Constraint);
        QVERIFY2(message.contains(QLatin1String("image 101")), qPrintable(message));
        QVERIFY(store_.imagesOfDataset(dataset.id).empty());
        // The store is still usable after the rollback.
        images.pop_back();
        QCOMPARE(store_.addImages(images).size(), std::size_t(100));
    }

    void annotationsLatestWins()
    {
        const DatasetRecord dataset = addSampleDataset();
        const RowId imageId = store_.addImages({sampleImage(dataset.id, 1)}).front();
        QVERIFY(!store_.latestAnnotation(imageId));

        const AnnotationRecord first = store_.addAnnotation(imageId, tinyPng(), QStringLiteral("alice"));
        QByteArray secondMask = tinyPng();
        secondMask.append("extra", 5); // a different blob, to tell them apart
        const AnnotationRecord second = store_.addAnnotation(imageId, secondMask, QStringLiteral("bob"));
        QVERIFY(second.id > first.id);

        const std::optional<AnnotationRecord> latest = store_.latestAnnotation(imageId);
        QVERIFY(latest);
        QCOMPARE(latest->id, second.id);
        QCOMPARE(latest->author, QStringLiteral("bob"));
        QCOMPARE(latest->maskPng, secondMask);
        QCOMPARE(latest->createdAt, second.createdAt);

        const std::vector<AnnotationRecord> history = store_.annotationsForImage(imageId);
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[0].id, second.id);
        QCOMPARE(history[1].maskPng, tinyPng());
        QCOMPARE(history[1].author, QStringLiteral("alice"));

        QCOMPARE(reasonOf([&] { store_.addAnnotation(imageId, QByteArray("GIF89a..."), QStringLiteral("x")); }),
                 DatabaseError::Reason::InvalidArgument);
        QCOMPARE(reasonOf([&] { store_.addAnnotation(imageId, tinyPng(), QString()); }),
                 DatabaseError::Reason::InvalidArgument);
        QVERIFY(history[0].defectType.isEmpty()); // not given: stored as empty text
        QVERIFY(history[0].note.isEmpty());
    }

    void annotationKeepsDefectTypeAndNote()
    {
        const DatasetRecord dataset = addSampleDataset();
        const RowId imageId = store_.addImages({sampleImage(dataset.id, 1)}).front();
        const AnnotationRecord added = store_.addAnnotation(imageId, tinyPng(), QStringLiteral("carol"),
                                                            QStringLiteral("crack"), QStringLiteral("hairline, near the neck"));
        QCOMPARE(added.defectType, QStringLiteral("crack"));
        const std::optional<AnnotationRecord> latest = store_.latestAnnotation(imageId);
        QVERIFY(latest);
        QCOMPARE(latest->id, added.id);
        QCOMPARE(latest->defectType, QStringLiteral("crack"));
        QCOMPARE(latest->note, QStringLiteral("hairline, near the neck"));
        QCOMPARE(latest->maskPng, tinyPng());
    }

    void findImageByRelativePath()
    {
        const DatasetRecord dataset = addSampleDataset();
        const std::vector<RowId> ids = store_.addImages({sampleImage(dataset.id, 1), sampleImage(dataset.id, 2)});
        const std::optional<ImageRecord> found = store_.findImage(dataset.id, sampleImage(dataset.id, 2).relativePath);
        QVERIFY(found);
        QCOMPARE(found->id, ids[1]);
        QCOMPARE(found->path, sampleImage(dataset.id, 2).path);
        QVERIFY(!store_.findImage(dataset.id, QStringLiteral("bottle/test/broken/missing.png")));
        QVERIFY(!store_.findImage(dataset.id + 100, sampleImage(dataset.id, 2).relativePath));
    }

    void modelRoundTrip()
    {
        ModelRecord parent;
        parent.method = QStringLiteral("patchcore");
        parent.categories = {QStringLiteral("bottle"), QStringLiteral("cable")};
        parent.bundlePath = QStringLiteral("/models/a.dlm");
        parent.bundleChecksum = dl::db::test::sha256Of("bundle a");
        parent.metrics = {{"image_auroc", 0.987}, {"pixel_auroc", 0.95}};
        const ModelRecord storedParent = store_.addModel(parent);

        ModelRecord child = parent;
        child.bundlePath = QStringLiteral("/models/b.dlm");
        child.parentModelId = storedParent.id;
        child.notes = QStringLiteral("retrained with 20 more good images");
        const ModelRecord storedChild = store_.addModel(child);

        const std::optional<ModelRecord> readParent = store_.model(storedParent.id);
        QVERIFY(readParent);
        QCOMPARE(readParent->method, QStringLiteral("patchcore"));
        QCOMPARE(readParent->categories, parent.categories);
        QCOMPARE(readParent->bundlePath, parent.bundlePath);
        QCOMPARE(readParent->bundleChecksum, parent.bundleChecksum);
        QCOMPARE(jsonText(readParent->metrics), jsonText(parent.metrics));
        QVERIFY(!readParent->parentModelId);
        QCOMPARE(readParent->createdAt, storedParent.createdAt);
        QVERIFY(readParent->notes.isEmpty());

        const std::optional<ModelRecord> readChild = store_.model(storedChild.id);
        QVERIFY(readChild);
        QCOMPARE(readChild->parentModelId, std::optional<RowId>(storedParent.id));
        QCOMPARE(readChild->notes, child.notes);

        store_.setModelNotes(storedParent.id, QStringLiteral("baseline"));
        QCOMPARE(store_.model(storedParent.id)->notes, QStringLiteral("baseline"));
        QCOMPARE(reasonOf([&] { store_.setModelNotes(9999, QStringLiteral("x")); }), DatabaseError::Reason::NotFound);

        const std::vector<ModelRecord> models = store_.listModels();
        QCOMPARE(models.size(), std::size_t(2));
        QCOMPARE(models[0].id, storedChild.id); // newest first

        ModelRecord badChecksum = parent;
        badChecksum.bundleChecksum = QStringLiteral("1234");
        QCOMPARE(reasonOf([&] { store_.addModel(badChecksum); }), DatabaseError::Reason::InvalidArgument);
    }

    void runLifecycle()
    {
        const ModelRecord model = addSampleModel();
        const nlohmann::json params{{"category", "bottle"}, {"coreset", 0.1}};

        const RunRecord fit = store_.startRun(RunKind::Fit, params);
        QCOMPARE(fit.status, RunStatus::Running);
        QVERIFY(fit.startedAt.isValid());
        store_.setRunModel(fit.id, model.id);
        store_.finishRun(fit.id, RunStatus::Succeeded);

        const std::optional<RunRecord> finished = store_.run(fit.id);
        QVERIFY(finished);
        QCOMPARE(finished->kind, RunKind::Fit);
        QCOMPARE(jsonText(finished->params), jsonText(params));
        QCOMPARE(finished->status, RunStatus::Succeeded);
        QCOMPARE(finished->startedAt, fit.startedAt);
        QVERIFY(finished->finishedAt.isValid());
        QVERIFY(finished->finishedAt >= finished->startedAt);
        QVERIFY(finished->errorMessage.isEmpty());
        QCOMPARE(finished->modelId, std::optional<RowId>(model.id));

        const RunRecord queued = store_.queueRun(RunKind::Test, {}, model.id);
        QCOMPARE(store_.run(queued.id)->status, RunStatus::Queued);
        QVERIFY(!store_.run(queued.id)->startedAt.isValid());
        QCOMPARE(reasonOf([&] { store_.finishRun(queued.id, RunStatus::Succeeded); }),
                 DatabaseError::Reason::InvalidArgument); // it never ran
        QCOMPARE(store_.run(queued.id)->status, RunStatus::Queued);
        store_.markRunStarted(queued.id);
        QCOMPARE(store_.run(queued.id)->status, RunStatus::Running);
        QVERIFY(store_.run(queued.id)->startedAt.isValid());
        QCOMPARE(reasonOf([&] { store_.markRunStarted(queued.id); }), DatabaseError::Reason::InvalidArgument);
        store_.finishRun(queued.id, RunStatus::Failed, QStringLiteral("out of GPU memory"));
        QCOMPARE(store_.run(queued.id)->errorMessage, QStringLiteral("out of GPU memory"));

        // A finished run stays as it ended.
        QCOMPARE(reasonOf([&] { store_.finishRun(queued.id, RunStatus::Succeeded); }),
                 DatabaseError::Reason::InvalidArgument);
        QCOMPARE(store_.run(queued.id)->status, RunStatus::Failed);
        QCOMPARE(reasonOf([&] { store_.finishRun(4242, RunStatus::Cancelled); }), DatabaseError::Reason::NotFound);
        const RunRecord predict = store_.startRun(RunKind::Predict, {});
        QCOMPARE(reasonOf([&] { store_.finishRun(predict.id, RunStatus::Running); }),
                 DatabaseError::Reason::InvalidArgument);
        const RunRecord neverStarted = store_.queueRun(RunKind::Benchmark, {});
        store_.finishRun(neverStarted.id, RunStatus::Cancelled, QStringLiteral("cancelled by the user"));
        QCOMPARE(store_.run(neverStarted.id)->status, RunStatus::Cancelled);
        QVERIFY(!store_.run(neverStarted.id)->startedAt.isValid());
        QVERIFY(store_.run(neverStarted.id)->finishedAt.isValid());

        const std::vector<RunRecord> runs = store_.listRuns();
        QCOMPARE(runs.size(), std::size_t(4));
        QCOMPARE(runs[0].id, neverStarted.id); // newest first
        QCOMPARE(store_.listRuns(1).size(), std::size_t(1));
    }

    void jsonMembersAreStoredAsCompactObjects()
    {
        // No parameters (null) are stored as an empty object and read back as one.
        const RunRecord plain = store_.startRun(RunKind::Predict, {});
        QCOMPARE(jsonText(plain.params), QStringLiteral("{}"));
        QCOMPARE(jsonText(store_.run(plain.id)->params), QStringLiteral("{}"));
        const RunRecord nested = store_.startRun(RunKind::Fit, {{"params", {{"epochs", 3}}}, {"names", {"a", "b"}}});

        // A value that is not an object is refused before anything is written.
        QCOMPARE(reasonOf([&] { store_.startRun(RunKind::Test, nlohmann::json::array({1, 2})); }),
                 DatabaseError::Reason::InvalidArgument);
        ModelRecord model;
        model.method = QStringLiteral("patchcore");
        model.bundlePath = QStringLiteral("/models/bottle.dlm");
        model.metrics = 0.5;
        QCOMPARE(reasonOf([&] { store_.addModel(model); }), DatabaseError::Reason::InvalidArgument);
        const RowId modelId = addSampleModel().id;
        QCOMPARE(reasonOf([&] { store_.mergeModelMetrics(modelId, "0.9"); }), DatabaseError::Reason::InvalidArgument);
        QCOMPARE(store_.listRuns().size(), std::size_t(2));
        QCOMPARE(store_.listModels().size(), std::size_t(1));

        store_.close();
        RawConnection raw(dbPath_);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT params_json FROM runs WHERE id = %1").arg(plain.id)).toString(),
                 QStringLiteral("{}"));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT params_json FROM runs WHERE id = %1").arg(nested.id)).toString(),
                 QStringLiteral("{\"names\":[\"a\",\"b\"],\"params\":{\"epochs\":3}}"));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT metrics_json FROM models")).toString(), QStringLiteral("{}"));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT categories_json FROM models")).toString(),
                 QStringLiteral("[\"bottle\"]"));
    }

    void unfinishedRunsAreClosedAfterACrash()
    {
        const RunRecord running = store_.startRun(RunKind::Benchmark, {});
        const RunRecord queued = store_.queueRun(RunKind::Predict, {});
        const RunRecord done = store_.startRun(RunKind::Test, {});
        store_.finishRun(done.id, RunStatus::Succeeded);

        QCOMPARE(store_.abandonUnfinishedRuns(QStringLiteral("DefectLens was closed during the run")), 2);
        QCOMPARE(store_.run(running.id)->status, RunStatus::Failed);
        QCOMPARE(store_.run(running.id)->errorMessage, QStringLiteral("DefectLens was closed during the run"));
        QCOMPARE(store_.run(queued.id)->status, RunStatus::Cancelled);
        QCOMPARE(store_.run(done.id)->status, RunStatus::Succeeded);
        QVERIFY(store_.run(done.id)->errorMessage.isEmpty());
    }

    void resultRoundTripAndFilters()
    {
        const DatasetRecord dataset = addSampleDataset();
        const std::vector<RowId> imageIds = store_.addImages(
            {sampleImage(dataset.id, 1, QStringLiteral("bottle")), sampleImage(dataset.id, 2, QStringLiteral("cable")),
             sampleImage(dataset.id, 3, QStringLiteral("bottle"))});
        const RunRecord run = store_.startRun(RunKind::Test, {});
        const RunRecord otherRun = store_.startRun(RunKind::Predict, {});

        std::vector<ResultRecord> results;
        const double scores[] = {0.1, 0.9, 0.5};
        for (int i = 0; i < 3; ++i) {
            ResultRecord r;
            r.runId = run.id;
            r.imageId = imageIds[i];
            r.score = scores[i];
            r.verdict = scores[i] > 0.4 ? Verdict::Defect : Verdict::Ok;
            r.heatmapPath = QStringLiteral("/heatmaps/%1.png").arg(i);
            results.push_back(r);
        }
        ResultRecord looseFile; // a predicted file outside any dataset
        looseFile.runId = otherRun.id;
        looseFile.imagePath = QStringLiteral("/incoming/part-0001.png");
        looseFile.score = 0.7;
        looseFile.verdict = Verdict::Defect;
        results.push_back(looseFile);

        const std::vector<RowId> ids = store_.addResults(results);
        QCOMPARE(ids.size(), std::size_t(4));

        const std::optional<ResultRecord> first = store_.result(ids[0]);
        QVERIFY(first);
        QCOMPARE(first->runId, run.id);
        QCOMPARE(first->imageId, std::optional<RowId>(imageIds[0]));
        QCOMPARE(first->imagePath, store_.image(imageIds[0])->path); // filled from the image
        QCOMPARE(first->score, 0.1);
        QCOMPARE(first->verdict, Verdict::Ok);
        QCOMPARE(first->heatmapPath, QStringLiteral("/heatmaps/0.png"));
        QVERIFY(first->createdAt.isValid());
        const std::optional<ResultRecord> loose = store_.result(ids[3]);
        QVERIFY(!loose->imageId);
        QCOMPARE(loose->imagePath, looseFile.imagePath);
        QVERIFY(loose->heatmapPath.isEmpty());

        QCOMPARE(store_.resultsOfRun(run.id).size(), std::size_t(3));
        QCOMPARE(store_.resultsOfRun(otherRun.id).size(), std::size_t(1));

        ResultFilter defects;
        defects.verdict = Verdict::Defect;
        QCOMPARE(store_.findResults(defects).size(), std::size_t(3));
        defects.runId = run.id;
        QCOMPARE(store_.findResults(defects).size(), std::size_t(2));

        ResultFilter scoreRange;
        scoreRange.minScore = 0.5;
        scoreRange.maxScore = 0.8;
        const std::vector<ResultRecord> inRange = store_.findResults(scoreRange);
        QCOMPARE(inRange.size(), std::size_t(2)); // 0.5 (inclusive) and 0.7
        QCOMPARE(inRange[0].id, ids[2]);
        QCOMPARE(inRange[1].id, ids[3]);

        ResultFilter bottles;
        bottles.category = QStringLiteral("bottle");
        const std::vector<ResultRecord> bottleResults = store_.findResults(bottles);
        QCOMPARE(bottleResults.size(), std::size_t(2));
        QCOMPARE(bottleResults[0].id, ids[0]);
        QCOMPARE(bottleResults[1].id, ids[2]);
        bottles.verdict = Verdict::Defect;
        bottles.runId = run.id;
        QCOMPARE(store_.findResults(bottles).size(), std::size_t(1));

        ResultFilter paged;
        paged.limit = 2;
        paged.offset = 1;
        const std::vector<ResultRecord> page = store_.findResults(paged);
        QCOMPARE(page.size(), std::size_t(2));
        QCOMPARE(page[0].id, ids[1]);
    }

    void invalidResultsAreRejected()
    {
        const RunRecord run = store_.startRun(RunKind::Predict, {});
        ResultRecord nowhere;
        nowhere.runId = run.id;
        QCOMPARE(reasonOf([&] { store_.addResults({nowhere}); }), DatabaseError::Reason::InvalidArgument);
        ResultRecord notANumber;
        notANumber.runId = run.id;
        notANumber.imagePath = QStringLiteral("/a.png");
        notANumber.score = std::numeric_limits<double>::quiet_NaN();
        QCOMPARE(reasonOf([&] { store_.addResults({notANumber}); }), DatabaseError::Reason::InvalidArgument);
        QVERIFY(store_.resultsOfRun(run.id).empty());
    }

    void overrideHistoryLatestWins()
    {
        const RunRecord run = store_.startRun(RunKind::Predict, {});
        ResultRecord r;
        r.runId = run.id;
        r.imagePath = QStringLiteral("/incoming/1.png");
        r.score = 0.8;
        r.verdict = Verdict::Defect;
        ResultRecord r2 = r;
        r2.imagePath = QStringLiteral("/incoming/2.png");
        const std::vector<RowId> ids = store_.addResults({r, r2});
        QVERIFY(!store_.latestOverride(ids[0]));

        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        const VerdictOverrideRecord first =
            store_.addOverride(ids[0], Verdict::Ok, QStringLiteral("dust on the lens"), QStringLiteral("operator1"));
        const VerdictOverrideRecord second =
            store_.addOverride(ids[0], Verdict::Defect, QStringLiteral("scratch confirmed under the microscope"),
                               QStringLiteral("inspector2"));
        const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);

        const std::optional<VerdictOverrideRecord> latest = store_.latestOverride(ids[0]);
        QVERIFY(latest);
        QCOMPARE(latest->id, second.id);
        QCOMPARE(latest->verdict, Verdict::Defect);
        QCOMPARE(latest->user, QStringLiteral("inspector2"));
        QCOMPARE(latest->reason, QStringLiteral("scratch confirmed under the microscope"));
        QVERIFY(latest->createdAt >= before && latest->createdAt <= after);
        QCOMPARE(latest->createdAt, second.createdAt);

        const std::vector<VerdictOverrideRecord> history = store_.overrideHistory(ids[0]);
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[0].id, second.id);
        QCOMPARE(history[1].id, first.id);
        QCOMPARE(history[1].user, QStringLiteral("operator1"));
        QCOMPARE(history[1].verdict, Verdict::Ok);
        QVERIFY(history[1].createdAt <= history[0].createdAt);

        // The model's verdict is never changed; the override lives beside it.
        QCOMPARE(store_.result(ids[0])->verdict, Verdict::Defect);

        store_.addOverride(ids[1], Verdict::Ok, QString(), QStringLiteral("operator1"));
        const std::vector<VerdictOverrideRecord> ofRun = store_.latestOverridesOfRun(run.id);
        QCOMPARE(ofRun.size(), std::size_t(2));
        QCOMPARE(ofRun[0].id, second.id);
        QCOMPARE(ofRun[1].resultId, ids[1]);
        QVERIFY(ofRun[1].reason.isEmpty());

        // Filtering by the verdict operators see: result 2 was overridden to ok.
        ResultFilter effectiveOk;
        effectiveOk.verdict = Verdict::Ok;
        effectiveOk.verdictIncludesOverrides = true;
        const std::vector<ResultRecord> ok = store_.findResults(effectiveOk);
        QCOMPARE(ok.size(), std::size_t(1));
        QCOMPARE(ok[0].id, ids[1]);
        effectiveOk.verdictIncludesOverrides = false;
        QVERIFY(store_.findResults(effectiveOk).empty());

        QCOMPARE(reasonOf([&] { store_.addOverride(ids[0], Verdict::Ok, QStringLiteral("x"), QString()); }),
                 DatabaseError::Reason::InvalidArgument);
    }

    void sqlInjectionTextIsStoredLiterally()
    {
        const QString hostile = QStringLiteral("x'); DROP TABLE results; --");
        DatasetRecord dataset;
        dataset.name = QStringLiteral("Robert'); DROP TABLE datasets;--");
        dataset.rootPath = QStringLiteral("/data/it's \"quoted\"; DELETE FROM images");
        dataset.format = QStringLiteral("folder");
        const DatasetRecord stored = store_.addDataset(dataset);
        QCOMPARE(store_.findDatasetByRoot(dataset.rootPath)->name, dataset.name);

        ImageRecord image = sampleImage(stored.id, 1, QStringLiteral("' OR '1'='1"));
        const RowId imageId = store_.addImages({image}).front();
        const RunRecord run = store_.startRun(RunKind::Predict, {{"note", hostile.toStdString()}});
        ResultRecord result;
        result.runId = run.id;
        result.imageId = imageId;
        result.score = 0.3;
        const RowId resultId = store_.addResults({result}).front();
        store_.addOverride(resultId, Verdict::Defect, hostile, QStringLiteral("o'brien"));

        QCOMPARE(store_.latestOverride(resultId)->reason, hostile);
        QCOMPARE(store_.latestOverride(resultId)->user, QStringLiteral("o'brien"));
        QCOMPARE(QString::fromStdString(store_.run(run.id)->params.value("note", "")), hostile);
        QCOMPARE(store_.result(resultId)->score, 0.3); // the results table is still there

        ResultFilter byCategory;
        byCategory.category = QStringLiteral("' OR '1'='1");
        QCOMPARE(store_.findResults(byCategory).size(), std::size_t(1));
        byCategory.category = QStringLiteral("x' OR '1'='1");
        QVERIFY(store_.findResults(byCategory).empty());
        QVERIFY(!store_.findDatasetByRoot(QStringLiteral("' OR 1=1 --")));
        QCOMPARE(store_.listDatasets().size(), std::size_t(1));

        // Bulk inserts (on PostgreSQL multi-row statements whose values are
        // literals escaped by the driver) keep every character as well.
        const QStringList texts = {hostile, QStringLiteral("back\\slash \\' \\\\ end\\"),
                                   QStringLiteral("question? marks ?? $1 :name"),
                                   QStringLiteral("\u00fcn\u00efc\u00f8d\u00e9 \u65e5\u672c \t tab\nline"),
                                   QStringLiteral("E'\\x41' || chr(65)")};
        std::vector<ImageRecord> tricky;
        for (int i = 0; i < texts.size(); ++i) {
            ImageRecord t = sampleImage(stored.id, 100 + i);
            t.relativePath = texts[i] + QString::number(i);
            t.defectType = texts[i];
            tricky.push_back(t);
        }
        const std::vector<RowId> trickyIds = store_.addImages(tricky);
        for (int i = 0; i < texts.size(); ++i) {
            QCOMPARE(store_.image(trickyIds[std::size_t(i)])->defectType, texts[i]);
            QCOMPARE(store_.image(trickyIds[std::size_t(i)])->relativePath, tricky[std::size_t(i)].relativePath);
        }
    }

    void foreignKeyViolationsAreRejected()
    {
        QString message;
        QCOMPARE(reasonOf([&] { store_.addImages({sampleImage(777, 1)}); }, &message), DatabaseError::Reason::Constraint);
        QVERIFY2(message.startsWith(dbPath_) || message.startsWith(store_.path()), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("does not exist")), qPrintable(message));

        QCOMPARE(reasonOf([&] { store_.addAnnotation(777, tinyPng(), QStringLiteral("a")); }),
                 DatabaseError::Reason::Constraint);
        ModelRecord orphan;
        orphan.method = QStringLiteral("padim");
        orphan.bundlePath = QStringLiteral("/m.dlm");
        orphan.parentModelId = 777;
        QCOMPARE(reasonOf([&] { store_.addModel(orphan); }), DatabaseError::Reason::Constraint);
        QCOMPARE(reasonOf([&] { store_.startRun(RunKind::Test, {}, 777); }), DatabaseError::Reason::Constraint);

        const RunRecord run = store_.startRun(RunKind::Test, {});
        QCOMPARE(reasonOf([&] { store_.setRunModel(run.id, 777); }), DatabaseError::Reason::Constraint);
        ResultRecord good;
        good.runId = run.id;
        good.imagePath = QStringLiteral("/a.png");
        ResultRecord badRun = good;
        badRun.runId = 777;
        ResultRecord badImage = good;
        badImage.imageId = 777;
        QCOMPARE(reasonOf([&] { store_.addResults({good, badRun}); }), DatabaseError::Reason::Constraint);
        QCOMPARE(reasonOf([&] { store_.addResults({good, badImage}); }), DatabaseError::Reason::Constraint);
        QVERIFY(store_.resultsOfRun(run.id).empty()); // `good` was rolled back both times
        QCOMPARE(reasonOf([&] { store_.addOverride(777, Verdict::Ok, {}, QStringLiteral("u")); }),
                 DatabaseError::Reason::Constraint);
        QCOMPARE(store_.listModels().size(), std::size_t(0));
    }
};

QTEST_MAIN(StoreTest)
#include "tst_store.moc"
