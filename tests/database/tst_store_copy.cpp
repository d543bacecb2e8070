// Copying a station's database into another (Store::copyFrom, `db migrate`),
// and several stations writing one database at once. The target is the engine
// under test (SQLite, or PostgreSQL with DL_TEST_DB_ENGINE=postgresql); the
// source is always a station's SQLite file.
#include "database/Store.h"
#include "StoreTestSupport.h"

#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace dl::db;
using dl::db::test::sampleImage;
using dl::db::test::TestDatabases;
using dl::db::test::tinyPng;

namespace {

const Store::CopiedTable& tableOf(const Store::CopyReport& report, const char* table)
{
    for (const Store::CopiedTable& t : report.tables)
        if (t.table == QLatin1String(table))
            return t;
    static const Store::CopiedTable none;
    qWarning("no table %s in the copy report", table);
    return none;
}

// A station's history: a dataset with 3 images, a model with its bundle, a
// promotion, an annotation, two runs with 3 results, an override and a
// journal entry.
struct Station {
    RowId dataset = 0, model = 0, run = 0;
    std::vector<RowId> images, results;
};

Station fillStation(Store& store, const QString& root)
{
    Station s;
    DatasetRecord dataset;
    dataset.name = QStringLiteral("bottles");
    dataset.rootPath = root;
    dataset.format = QStringLiteral("mvtec");
    s.dataset = store.addDataset(dataset).id;
    s.images = store.addImages({sampleImage(s.dataset, 1), sampleImage(s.dataset, 2), sampleImage(s.dataset, 3)});
    ModelRecord model;
    model.method = QStringLiteral("dmad");
    model.bundlePath = QStringLiteral("/station/models/dmad.dlm");
    model.bundleChecksum = dl::db::test::sha256Of("station bundle");
    model.metrics = {{"threshold", 1.25}};
    s.model = store.addModel(model).id;
    store.storeModelBundle(s.model, QByteArray("station bundle"));
    store.promoteModel(s.model, QStringLiteral("engineer"), QStringLiteral("first model"));
    store.addAnnotation(s.images[0], tinyPng(), QStringLiteral("ana"), QStringLiteral("crack"));
    store.startRun(RunKind::Fit, {{"method", "dmad"}}, s.model);
    s.run = store.startRun(RunKind::Predict, {{"mode", "watch"}}, s.model).id;
    std::vector<ResultRecord> results(3);
    for (std::size_t i = 0; i < results.size(); ++i) {
        results[i].runId = s.run;
        results[i].imageId = s.images[i];
        results[i].score = 0.5 + double(i);
        results[i].verdict = i == 2 ? Verdict::Defect : Verdict::Ok;
    }
    s.results = store.addResults(results);
    store.addOverride(s.results[2], Verdict::Ok, QStringLiteral("dust, not a crack"), QStringLiteral("olga"));
    WatchedFileRecord watched;
    watched.watchFolder = QStringLiteral("/line/in");
    watched.path = QStringLiteral("/line/in/0001.png");
    watched.size = 1234;
    watched.modifiedNs = 1700000000123456789LL;
    watched.scored = false;
    watched.errorMessage = QStringLiteral("not an image");
    store.addInspectedFiles({{watched, std::nullopt}});
    return s;
}

} // namespace

class StoreCopyTest : public QObject {
    Q_OBJECT

    QTemporaryDir stationDir_;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(stationDir_.isValid());
        const QString problem = TestDatabases::instance().problem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("copying into %s", qPrintable(TestDatabases::engineName()));
    }

    void cleanupTestCase() { TestDatabases::instance().shutdown(); }

    void everyTableIsCopiedWithReferencesRenumbered()
    {
        Store station;
        station.open(stationDir_.filePath(QStringLiteral("everything.sqlite")));
        const Station s = fillStation(station, QStringLiteral("/data/station-a"));

        Store line;
        line.open(TestDatabases::instance().create(QStringLiteral("copy_all")));
        // The line already has rows of its own, so the copied ids must change.
        line.startRun(RunKind::Predict, {});
        line.startRun(RunKind::Predict, {});
        const Store::CopyReport report = line.copyFrom(station);
        QVERIFY(report.complete());
        QCOMPARE(report.sourceIdentity, station.databaseIdentity());
        QCOMPARE(tableOf(report, "images").copied, qint64(3));
        QCOMPARE(tableOf(report, "results").copied, qint64(3));
        QCOMPARE(tableOf(report, "runs").copied, qint64(2));
        QCOMPARE(tableOf(report, "verdict_overrides").copied, qint64(1));
        QCOMPARE(tableOf(report, "model_bundles").copied, qint64(1));
        QCOMPARE(tableOf(report, "watched_files").copied, qint64(1));

        // Follow the references in the copy.
        const std::vector<RunRecord> runs = line.listRuns();
        QCOMPARE(runs.size(), std::size_t(4));
        const RunRecord copiedRun = runs.front(); // newest: the station's predict run
        QVERIFY(copiedRun.id != s.run);
        QCOMPARE(copiedRun.params.value("mode", std::string()), std::string("watch"));
        const std::vector<ResultRecord> results = line.resultsOfRun(copiedRun.id);
        QCOMPARE(results.size(), std::size_t(3));
        const std::optional<ImageRecord> image = line.image(*results[1].imageId);
        QVERIFY(image);
        QCOMPARE(image->relativePath, station.image(s.images[1])->relativePath);
        QCOMPARE(results[2].score, 2.5);
        QCOMPARE(results[2].createdAt, station.result(s.results[2])->createdAt); // times as they were
        const std::optional<VerdictOverrideRecord> override = line.latestOverride(results[2].id);
        QVERIFY(override);
        QCOMPARE(override->user, QStringLiteral("olga"));
        QCOMPARE(override->reason, QStringLiteral("dust, not a crack"));
        const std::optional<ModelRecord> active = line.activeModel();
        QVERIFY(active);
        QCOMPARE(*copiedRun.modelId, active->id);
        QCOMPARE(active->metrics.value("threshold", 0.0), 1.25);
        QVERIFY(line.hasModelBundle(active->id));
        const RowId annotatedImage = line.findImage(image->datasetId, station.image(s.images[0])->relativePath)->id;
        QCOMPARE(line.latestAnnotation(annotatedImage)->defectType, QStringLiteral("crack"));
        QCOMPARE(line.watchedFiles().front().errorMessage, QStringLiteral("not an image"));
    }

    void copyingAgainAddsOnlyWhatIsNew()
    {
        Store station;
        station.open(stationDir_.filePath(QStringLiteral("twice.sqlite")));
        const Station s = fillStation(station, QStringLiteral("/data/station-b"));
        Store line;
        line.open(TestDatabases::instance().create(QStringLiteral("copy_twice")));
        QVERIFY(line.copyFrom(station).complete());

        const Store::CopyReport again = line.copyFrom(station);
        QVERIFY(again.complete());
        for (const Store::CopiedTable& t : again.tables)
            QVERIFY2(t.copied == 0, qPrintable(t.table));
        QCOMPARE(tableOf(again, "results").copiedBefore, qint64(3));

        // The station worked on; the next copy brings exactly the new rows.
        ResultRecord extra;
        extra.runId = s.run;
        extra.imagePath = QStringLiteral("/line/in/late.png");
        extra.score = 9.0;
        station.addResults({extra});
        station.addOverride(s.results[0], Verdict::Defect, QStringLiteral("missed scratch"), QStringLiteral("olga"));
        const Store::CopyReport third = line.copyFrom(station);
        QVERIFY(third.complete());
        QCOMPARE(tableOf(third, "results").copied, qint64(1));
        QCOMPARE(tableOf(third, "verdict_overrides").copied, qint64(1));
        QCOMPARE(tableOf(third, "runs").copied, qint64(0));
        ResultFilter filter;
        QCOMPARE(line.findResults(filter).size(), std::size_t(4));
    }

    // Two stations that inspected the same dataset share its images and the
    // model they both ran; the line's newer promotion stays in force.
    void sharedDatasetsAndModelsAreMatchedNotDuplicated()
    {
        Store stationA, stationB;
        stationA.open(stationDir_.filePath(QStringLiteral("a.sqlite")));
        stationB.open(stationDir_.filePath(QStringLiteral("b.sqlite")));
        fillStation(stationA, QStringLiteral("/data/shared"));
        fillStation(stationB, QStringLiteral("/data/shared"));

        Store line;
        line.open(TestDatabases::instance().create(QStringLiteral("copy_shared")));
        QVERIFY(line.copyFrom(stationA).complete());
        ModelRecord lineModel;
        lineModel.method = QStringLiteral("patchcore");
        lineModel.bundlePath = QStringLiteral("/line/models/pc.dlm");
        const RowId newest = line.addModel(lineModel).id;
        line.promoteModel(newest, QStringLiteral("line engineer"));

        const Store::CopyReport fromB = line.copyFrom(stationB);
        QVERIFY(fromB.complete());
        QCOMPARE(tableOf(fromB, "datasets").matched, qint64(1));
        QCOMPARE(tableOf(fromB, "images").matched, qint64(3));
        QCOMPARE(tableOf(fromB, "models").matched, qint64(1));
        QCOMPARE(tableOf(fromB, "model_bundles").matched, qint64(1));
        QCOMPARE(tableOf(fromB, "results").copied, qint64(3));
        QCOMPARE(line.listDatasets().size(), std::size_t(1));
        QCOMPARE(line.imagesOfDataset(line.listDatasets().front().id).size(), std::size_t(3));
        QCOMPARE(line.listModels().size(), std::size_t(2));
        QCOMPARE(line.promotionHistory().size(), std::size_t(3)); // both stations' and the line's, all kept
        QCOMPARE(line.activeModel()->id, newest); // copied older promotions do not displace it
    }

    void copyingADatabaseIntoItselfIsRefused()
    {
        const QString location = TestDatabases::instance().create(QStringLiteral("copy_self"));
        Store a, b;
        a.open(location);
        b.open(location);
        try {
            a.copyFrom(b);
            QFAIL("copying a database into itself was accepted");
        } catch (const DatabaseError& e) {
            QCOMPARE(e.reason(), DatabaseError::Reason::InvalidArgument);
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("it is this database")), e.what());
        }
    }

    // Stations writing results and overrides into one database at once (one
    // connection each): nothing is lost, and every override is kept.
    void concurrentStationsLoseNothing()
    {
        const QString location = TestDatabases::instance().create(QStringLiteral("stations"));
        RowId run = 0;
        std::vector<RowId> shared;
        {
            Store store;
            store.open(location);
            run = store.startRun(RunKind::Predict, {}).id;
            std::vector<ResultRecord> results(10);
            for (ResultRecord& r : results) {
                r.runId = run;
                r.imagePath = QStringLiteral("/line/shared.png");
            }
            shared = store.addResults(results);
        }
        constexpr int kStations = 4, kWrites = 150;
        QStringList errors;
        QMutex mutex;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int w = 0; w < kStations; ++w) {
            threads.emplace_back(QThread::create([&, w] {
                try {
                    Store store;
                    store.open(location);
                    for (int i = 0; i < kWrites; ++i) {
                        ResultRecord r;
                        r.runId = run;
                        r.imagePath = QStringLiteral("/line/station%1/%2.png").arg(w).arg(i);
                        r.score = i;
                        store.addResults({r});
                        store.addOverride(shared[std::size_t(i) % shared.size()], i % 2 ? Verdict::Ok : Verdict::Defect,
                                          QString(), QStringLiteral("station-%1").arg(w));
                    }
                } catch (const DatabaseError& error) {
                    QMutexLocker lock(&mutex);
                    errors << QString::fromUtf8(error.what());
                }
            }));
            threads.back()->start();
        }
        for (auto& thread : threads)
            QVERIFY(thread->wait(120000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        Store store;
        store.open(location);
        QCOMPARE(store.resultsOfRun(run).size(), std::size_t(10 + kStations * kWrites));
        std::size_t overrides = 0;
        for (const RowId id : shared) {
            const std::vector<VerdictOverrideRecord> history = store.overrideHistory(id);
            overrides += history.size();
            QCOMPARE(store.latestOverride(id)->id, history.front().id); // the last writer wins
        }
        QCOMPARE(overrides, std::size_t(kStations * kWrites));
    }

    // Two stations promote different models at the same moment: afterwards
    // both see the same single active model, and both promotions are in the history.
    void racingPromotionsLeaveOneActiveModel()
    {
        const QString location = TestDatabases::instance().create(QStringLiteral("promotion_race"));
        RowId models[2] = {0, 0};
        {
            Store store;
            store.open(location);
            for (RowId& id : models) {
                ModelRecord m;
                m.method = QStringLiteral("patchcore");
                m.bundlePath = QStringLiteral("/models/%1.dlm").arg(&id - models);
                id = store.addModel(m).id;
            }
        }
        constexpr int kRounds = 15;
        Store stations[2];
        stations[0].open(location);
        stations[1].open(location);
        for (int round = 0; round < kRounds; ++round) {
            std::unique_ptr<QThread> other(QThread::create([&] {
                Store own;
                own.open(location);
                own.promoteModel(models[1], QStringLiteral("station-b"));
            }));
            other->start();
            stations[0].promoteModel(models[0], QStringLiteral("station-a"));
            QVERIFY(other->wait(30000));
            const std::optional<ModelRecord> seenA = stations[0].activeModel();
            const std::optional<ModelRecord> seenB = stations[1].activeModel();
            QVERIFY(seenA && seenB);
            QCOMPARE(seenA->id, seenB->id);
            QVERIFY(seenA->id == models[0] || seenA->id == models[1]);
        }
        QCOMPARE(stations[0].promotionHistory().size(), std::size_t(2 * kRounds));
    }
};

QTEST_GUILESS_MAIN(StoreCopyTest)
#include "tst_store_copy.moc"
