// Opening database files: schema creation, WAL, migrations, refusals with clear
// errors (newer schema, not a database, read-only, unusable paths), connection
// lifetime and the one-thread-per-Store rule.
#include "database/DatabaseLocation.h"
#include "database/Store.h"
#include "StoreTestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QProcess>
#include <QSysInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace dl::db;
using dl::db::test::fileDigest;
using dl::db::test::RawConnection;
using dl::db::test::sampleImage;
using dl::db::test::TestDatabases;

namespace {

// The schema exactly as a version-1 build of DefectLens wrote it.
const char* const kVersion1Schema[] = {
    "PRAGMA application_id = 1145849166",
    "CREATE TABLE datasets (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
    "root_path TEXT NOT NULL UNIQUE, format TEXT NOT NULL, options_json TEXT NOT NULL DEFAULT '{}', "
    "created_at TEXT NOT NULL)",
    "CREATE TABLE images (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE, path TEXT NOT NULL, "
    "relative_path TEXT NOT NULL, content_hash TEXT NOT NULL DEFAULT '', "
    "width INTEGER NOT NULL CHECK (width >= 0), height INTEGER NOT NULL CHECK (height >= 0), "
    "split TEXT NOT NULL, label INTEGER NOT NULL CHECK (label IN (-1, 0, 1)), "
    "category TEXT NOT NULL DEFAULT '', defect_type TEXT NOT NULL DEFAULT '', "
    "mask_path TEXT NOT NULL DEFAULT '', UNIQUE (dataset_id, relative_path))",
    "CREATE INDEX images_by_content_hash ON images(content_hash)",
    "CREATE TABLE models (id INTEGER PRIMARY KEY AUTOINCREMENT, method TEXT NOT NULL, "
    "categories_json TEXT NOT NULL DEFAULT '[]', bundle_path TEXT NOT NULL, "
    "bundle_checksum TEXT NOT NULL DEFAULT '', metrics_json TEXT NOT NULL DEFAULT '{}', "
    "parent_model_id INTEGER REFERENCES models(id) ON DELETE SET NULL, created_at TEXT NOT NULL)",
    "CREATE INDEX models_by_parent ON models(parent_model_id)",
    "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
    "params_json TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL "
    "CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')), started_at TEXT, "
    "finished_at TEXT, error_message TEXT NOT NULL DEFAULT '', "
    "model_id INTEGER REFERENCES models(id) ON DELETE SET NULL)",
    "CREATE INDEX runs_by_model ON runs(model_id)",
    "CREATE INDEX runs_by_status ON runs(status)",
    "CREATE TABLE results (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
    "image_id INTEGER REFERENCES images(id) ON DELETE SET NULL, image_path TEXT NOT NULL, "
    "score REAL NOT NULL, verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'defect')), "
    "heatmap_path TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
    "CHECK (image_id IS NOT NULL OR image_path <> ''))",
    "CREATE INDEX results_by_run_score ON results(run_id, score)",
    "CREATE INDEX results_by_image ON results(image_id)",
};

const char* const kVersion1Rows[] = {
    "INSERT INTO datasets VALUES (1, 'old set', '/data/old', 'mvtec', '{\"category\":\"bottle\"}', "
    "'2023-05-01T08:00:00.000Z')",
    "INSERT INTO images VALUES (1, 1, '/data/old/bottle/test/good/000.png', 'bottle/test/good/000.png', "
    "'', 900, 900, 'test', 0, 'bottle', 'good', '')",
    "INSERT INTO models VALUES (1, 'patchcore', '[\"bottle\"]', '/models/old.dlm', '', "
    "'{\"image_auroc\":0.99}', NULL, '2023-05-01T09:00:00.000Z')",
    "INSERT INTO runs VALUES (1, 'test', '{}', 'succeeded', '2023-05-01T09:10:00.000Z', "
    "'2023-05-01T09:11:00.000Z', '', 1)",
    "INSERT INTO results VALUES (1, 1, 1, '/data/old/bottle/test/good/000.png', 0.25, 'ok', "
    "'/heatmaps/1.png', '2023-05-01T09:10:30.000Z')",
};

// Writes a version-1 database with one row in every table, as an old build left it.
bool writeVersion1Database(const QString& path, const QStringList& extraStatements = {})
{
    RawConnection raw(path);
    bool ok = raw.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    for (const char* statement : kVersion1Schema)
        ok = ok && raw.exec(QString::fromUtf8(statement));
    for (const char* statement : kVersion1Rows)
        ok = ok && raw.exec(QString::fromUtf8(statement));
    for (const QString& statement : extraStatements)
        ok = ok && raw.exec(statement);
    return ok && raw.exec(QStringLiteral("PRAGMA user_version = 1"));
}

bool makeReadOnly(const QString& path)
{
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadUser | QFile::ReadGroup | QFile::ReadOther);
}

bool makeWritable(const QString& path)
{
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser
                                           | QFile::ReadGroup | QFile::ReadOther);
}

} // namespace

class StoreOpenTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tempDir_;

    QString pathFor(const QString& name) const { return tempDir_.filePath(name); }
    // A fresh database of the engine under test (a file path or a server address).
    static QString databaseFor(const QString& name)
    {
        return TestDatabases::instance().create(QString(name).remove(QStringLiteral(".sqlite")));
    }
    static bool onPostgres() { return TestDatabases::onPostgres(); }

    // Opens `path` expecting failure; returns the error (reason Failed if none).
    static DatabaseError openFailure(const QString& path)
    {
        Store store;
        try {
            store.open(path);
        } catch (const DatabaseError& error) {
            qInfo("refused as expected: %s", error.what());
            if (store.isOpen()) // a failed open must leave the Store closed
                return DatabaseError(DatabaseError::Reason::Failed, path, QStringLiteral("store left open"));
            return error;
        }
        return DatabaseError(DatabaseError::Reason::Failed, path, QStringLiteral("open unexpectedly succeeded"));
    }

    static DatasetRecord sampleDataset(const QString& root)
    {
        DatasetRecord dataset;
        dataset.name = QStringLiteral("set");
        dataset.rootPath = root;
        dataset.format = QStringLiteral("folder");
        return dataset;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tempDir_.isValid());
        const QString problem = TestDatabases::instance().problem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase() { TestDatabases::instance().shutdown(); }

    void init()
    {
        static const QStringList onBothEngines = {
            QStringLiteral("freshDatabaseGetsTheCurrentSchema"), QStringLiteral("reopeningKeepsDataAndRemovesConnections"),
            QStringLiteral("twoStoresShareOneFile"), QStringLiteral("runsOfEndedProcessesAreAbandonedAtOpen"),
            QStringLiteral("concurrentRegistrationOfOneDatasetNeitherFailsNorDuplicates"),
            QStringLiteral("newerDatabaseIsRefusedUntouched"), QStringLiteral("otherApplicationsDatabaseIsRefused"),
            QStringLiteral("closedStoreReportsUsageError"), QStringLiteral("storeBelongsToItsThread")};
        const QString test = QString::fromLatin1(QTest::currentTestFunction());
        const bool postgresOnly = test.startsWith(QLatin1String("server"));
        if (onPostgres() && !postgresOnly && !onBothEngines.contains(test))
            QSKIP("an SQLite file property (WAL, permissions, file upgrades); the SQLite run covers it");
        if (!onPostgres() && postgresOnly)
            QSKIP("a PostgreSQL server property; the run with DL_TEST_DB_ENGINE=postgresql covers it");
    }

    void freshDatabaseGetsTheCurrentSchema()
    {
        if (onPostgres()) {
            const QString address = databaseFor(QStringLiteral("fresh"));
            {
                Store store;
                store.open(address);
                QVERIFY(store.isServer());
                QVERIFY(!store.isReadOnly());
                QCOMPARE(store.path(), address); // no password in it to hide
            }
            RawConnection raw(address);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM defectlens_schema")).toInt(), Store::schemaVersion());
            QCOMPARE(raw.scalar(QStringLiteral("SELECT application_id FROM defectlens_schema")).toLongLong(), 0x444C454ELL);
            for (const char* table : {"datasets", "images", "annotations", "models", "runs", "results",
                                       "verdict_overrides", "model_promotions", "watched_files", "model_bundles"}) {
                const QString sql = QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                                   "WHERE table_schema = current_schema() AND table_name = '%1'")
                                        .arg(QLatin1String(table));
                QVERIFY2(raw.scalar(sql).toInt() == 1, table);
            }
            // 64-bit keys and times, binary bundles.
            QCOMPARE(raw.scalar(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE table_name = 'results' "
                                               "AND column_name = 'id'")).toString(), QStringLiteral("bigint"));
            QCOMPARE(raw.scalar(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE table_name = "
                                               "'watched_files' AND column_name = 'modified_ns'")).toString(),
                     QStringLiteral("bigint"));
            QCOMPARE(raw.scalar(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE table_name = "
                                               "'model_bundles' AND column_name = 'bytes'")).toString(),
                     QStringLiteral("bytea"));
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_name = 'runs' "
                                               "AND column_name IN ('owner_host', 'owner_pid', 'owner_start')")).toInt(), 3);
            return;
        }
        // Parent folders are created on demand.
        const QString path = pathFor(QStringLiteral("new/nested/folder/defectlens.sqlite"));
        {
            Store store;
            store.open(path);
            QVERIFY(store.isOpen());
            QVERIFY(!store.isReadOnly());
            QCOMPARE(store.path(), QFileInfo(path).absoluteFilePath());
        }
        QVERIFY(QFileInfo::exists(path));
        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Store::schemaVersion());
        QCOMPARE(Store::schemaVersion(), 10);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA application_id")).toLongLong(), 0x444C454ELL);
        for (const char* table : {"datasets", "images", "annotations", "models", "runs", "results", "verdict_overrides",
                                   "model_promotions"}) {
            const QString sql = QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                                    .arg(QLatin1String(table));
            QVERIFY2(raw.scalar(sql).toInt() == 1, table);
        }
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('models') WHERE name = 'notes'")).toInt(), 1);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('runs') "
                                           "WHERE name IN ('owner_host', 'owner_pid', 'owner_start')")).toInt(), 3);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('annotations') "
                                           "WHERE name IN ('defect_type', 'note')")).toInt(), 2);
        QVERIFY(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                          "AND name = 'results_by_run_score'")).toInt() == 1);
    }

    void walModeIsActive()
    {
        const QString path = pathFor(QStringLiteral("wal.sqlite"));
        Store store;
        store.open(path);
        store.addDataset(sampleDataset(QStringLiteral("/data/wal")));
        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        // A second reader sees committed data while the Store is still open.
        QCOMPARE(raw.scalar(QStringLiteral("SELECT root_path FROM datasets")).toString(), QStringLiteral("/data/wal"));
    }

    void reopeningKeepsDataAndRemovesConnections()
    {
        const QString path = databaseFor(QStringLiteral("reopen.sqlite"));
        const int connectionsBefore = QSqlDatabase::connectionNames().size();
        {
            Store store;
            store.open(path);
            QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore + 1);
            store.addDataset(sampleDataset(QStringLiteral("/data/a")));
            store.open(path); // reopening closes the previous connection first
            QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore + 1);
            store.close();
            QVERIFY(!store.isOpen());
            QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore);
            store.open(path);
            QVERIFY(store.findDatasetByRoot(QStringLiteral("/data/a")));
        }
        QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore);
    }

    void twoStoresShareOneFile()
    {
        const QString path = databaseFor(QStringLiteral("shared.sqlite"));
        Store writer;
        Store reader;
        writer.open(path);
        reader.open(path);
        const DatasetRecord added = writer.addDataset(sampleDataset(QStringLiteral("/data/shared")));
        writer.addImages({sampleImage(added.id, 1)});
        QCOMPARE(reader.imagesOfDataset(added.id).size(), std::size_t(1));
        const RunRecord run = reader.startRun(RunKind::Predict, {});
        QCOMPARE(writer.run(run.id)->status, RunStatus::Running);
    }

    void lockHeldTooLongReportsBusy()
    {
        const QString path = pathFor(QStringLiteral("busy.sqlite"));
        QCOMPARE(Store::busyTimeout(), 30000);
        Store::setBusyTimeout(5000); // the default 30 s would make this test slow
        Store store;
        store.open(path);
        Store::setBusyTimeout(30000);
        const DatasetRecord dataset = store.addDataset(sampleDataset(QStringLiteral("/data/busy")));
        RawConnection other(path);
        QVERIFY(other.exec(QStringLiteral("BEGIN IMMEDIATE"))); // another writer holds the lock

        DatabaseError::Reason reason = DatabaseError::Reason::Failed;
        QString message;
        QElapsedTimer waited;
        waited.start();
        try {
            store.addImages({sampleImage(dataset.id, 1)});
        } catch (const DatabaseError& error) {
            reason = error.reason();
            message = QString::fromUtf8(error.what());
            qInfo("%s", error.what());
        }
        QCOMPARE(reason, DatabaseError::Reason::Busy);
        QVERIFY2(message.contains(QLatin1String("waited 5 s")), qPrintable(message));
        QVERIFY(waited.elapsed() >= 4000); // it waited for the busy timeout first
        QVERIFY(waited.elapsed() < 25000); // its own 5 s, not the default set again after its open
        QVERIFY(store.listDatasets().size() == 1); // readers are not blocked in WAL mode

        QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(store.addImages({sampleImage(dataset.id, 1)}).size(), std::size_t(1));
    }

    void version1DatabaseIsUpgradedKeepingItsData()
    {
        const QString path = pathFor(QStringLiteral("v1.sqlite"));
        QVERIFY(writeVersion1Database(path));

        Store store;
        store.open(path);
        {
            RawConnection raw(path);
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Store::schemaVersion());
        }

        const std::optional<DatasetRecord> dataset = store.findDatasetByRoot(QStringLiteral("/data/old"));
        QVERIFY(dataset);
        QCOMPARE(dataset->name, QStringLiteral("old set"));
        QCOMPARE(QString::fromStdString(dataset->options.value("category", "")), QStringLiteral("bottle"));
        QCOMPARE(dataset->createdAt, QDateTime(QDate(2023, 5, 1), QTime(8, 0), Qt::UTC));
        QCOMPARE(store.imagesOfDataset(dataset->id).size(), std::size_t(1));

        const std::optional<ModelRecord> model = store.model(1);
        QVERIFY(model);
        QCOMPARE(model->categories, QStringList{QStringLiteral("bottle")});
        QVERIFY(model->notes.isEmpty()); // column added by the upgrade
        QCOMPARE(store.run(1)->status, RunStatus::Succeeded);
        QCOMPARE(store.result(1)->score, 0.25);

        // Tables added by the upgrade work, with foreign keys to the old rows.
        store.addOverride(1, Verdict::Defect, QStringLiteral("re-inspected"), QStringLiteral("op"));
        QCOMPARE(store.latestOverride(1)->verdict, Verdict::Defect);
        store.addAnnotation(1, dl::db::test::tinyPng(), QStringLiteral("eng"));
        QVERIFY(store.latestAnnotation(1));
        store.setModelNotes(1, QStringLiteral("kept from v1"));

        // New ids continue after the old ones.
        QVERIFY(store.addDataset(sampleDataset(QStringLiteral("/data/new"))).id > 1);
    }

    // Version 6 rebuilds the runs table (a new status value needs a new CHECK).
    // Dropping the old table must not cascade into results, run ids must keep
    // counting past deleted runs, and foreign keys must be on again afterwards.
    void runsTableRebuildKeepsResultsIdsAndForeignKeys()
    {
        const QString path = pathFor(QStringLiteral("v1-runs.sqlite"));
        QVERIFY(writeVersion1Database(path, {
            QStringLiteral("INSERT INTO runs VALUES (2, 'predict', '{}', 'running', '2023-05-02T09:10:00.000Z', NULL, '', 1)"),
            QStringLiteral("INSERT INTO runs VALUES (3, 'predict', '{}', 'failed', NULL, NULL, 'x', NULL)"),
            QStringLiteral("DELETE FROM runs WHERE id = 3"), // AUTOINCREMENT's high-water mark stays 3
        }));

        Store store;
        store.open(path);
        QCOMPARE(store.result(1)->runId, RowId(1));
        QCOMPARE(store.run(1)->status, RunStatus::Succeeded);
        // A run of an old build has no owner and cannot be judged: it is left alone.
        QCOMPARE(store.run(2)->status, RunStatus::Running);
        QCOMPARE(store.startRun(RunKind::Test, {}).id, RowId(4));

        DatabaseError::Reason reason = DatabaseError::Reason::Failed;
        try {
            ResultRecord orphan;
            orphan.runId = 999;
            orphan.imagePath = QStringLiteral("/x.png");
            store.addResults({orphan});
        } catch (const DatabaseError& error) {
            reason = error.reason();
        }
        QCOMPARE(reason, DatabaseError::Reason::Constraint);
        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                           "AND name IN ('runs_by_model', 'runs_by_status')")).toInt(), 2);
    }

    // A run whose process was killed stays 'running' in the file; the next open
    // closes it as abandoned. Live processes' runs and other hosts' runs stay.
    void runsOfEndedProcessesAreAbandonedAtOpen()
    {
        const QString path = databaseFor(QStringLiteral("abandon.sqlite"));
        RowId ours = 0;
        {
            Store store;
            store.open(path);
            ours = store.startRun(RunKind::Predict, {}).id;
        }
        QProcess ended;
        ended.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(ended.waitForStarted());
        const qint64 endedPid = ended.processId();
        ended.kill();
        QVERIFY(ended.waitForFinished());
        {
            RawConnection raw(path);
            const QString host = QSysInfo::machineHostName();
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO runs (id, kind, status, started_at, owner_host, owner_pid, owner_start) "
                                            "VALUES (10, 'predict', 'running', '2026-01-01T00:00:00.000Z', '%1', %2, 'boot:1')")
                                 .arg(host).arg(endedPid)));
            // The same pid as ours but another start time: the pid was reused.
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO runs (id, kind, status, owner_host, owner_pid, owner_start) "
                                            "VALUES (11, 'fit', 'queued', '%1', %2, 'another-boot:42')")
                                 .arg(host).arg(QCoreApplication::applicationPid())));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO runs (id, kind, status, owner_host, owner_pid) "
                                            "VALUES (12, 'fit', 'running', 'another-station', 1)")));
        }

        Store store;
        store.open(path);
        QCOMPARE(store.run(ours)->status, RunStatus::Running); // this process is alive
        const RunRecord killed = *store.run(10);
        QCOMPARE(killed.status, RunStatus::Abandoned);
        QVERIFY2(killed.errorMessage.contains(QStringLiteral("pid %1").arg(endedPid)), qPrintable(killed.errorMessage));
        QVERIFY(killed.finishedAt.isValid());
        QCOMPARE(store.run(11)->status, RunStatus::Abandoned);
        QCOMPARE(store.run(12)->status, RunStatus::Running);
        QCOMPARE(store.abandonRunsOfEndedProcesses(), 0);
        // An abandoned run is finished: it cannot be finished again.
        QVERIFY_THROWS_EXCEPTION(DatabaseError, store.finishRun(10, RunStatus::Succeeded));
        store.finishRun(ours, RunStatus::Succeeded);
    }

    // Two processes importing the same new dataset used to race: one failed with
    // "UNIQUE constraint failed". Registration is now idempotent.
    void concurrentRegistrationOfOneDatasetNeitherFailsNorDuplicates()
    {
        const QString path = databaseFor(QStringLiteral("race.sqlite"));
        { Store store; store.open(path); }
        constexpr int kWriters = 4;
        constexpr int kImages = 200;
        std::vector<std::vector<RowId>> idsOf(kWriters);
        QStringList errors;
        QMutex mutex;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int w = 0; w < kWriters; ++w) {
            threads.emplace_back(QThread::create([&, w] {
                try {
                    Store store;
                    store.open(path);
                    const RowId dataset = store.addOrFindDataset(sampleDataset(QStringLiteral("/data/race"))).id;
                    std::vector<ImageRecord> images;
                    for (int i = 0; i < kImages; ++i)
                        images.push_back(sampleImage(dataset, i));
                    idsOf[std::size_t(w)] = store.addOrFindImages(images);
                } catch (const DatabaseError& error) {
                    QMutexLocker lock(&mutex);
                    errors << QString::fromUtf8(error.what());
                }
            }));
            threads.back()->start();
        }
        for (auto& thread : threads)
            QVERIFY(thread->wait(60000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        for (int w = 1; w < kWriters; ++w)
            QCOMPARE(idsOf[std::size_t(w)], idsOf[0]);
        Store store;
        store.open(path);
        QCOMPARE(store.listDatasets().size(), std::size_t(1));
        QCOMPARE(store.imagesOfDataset(store.listDatasets().front().id).size(), std::size_t(kImages));
    }

    void version3AnnotationsGainEmptyDefectTypeAndNote()
    {
        // A version-3 file (v1 tables plus the v2 and v3 steps as released) with one annotation.
        const QString path = pathFor(QStringLiteral("v3.sqlite"));
        QVERIFY(writeVersion1Database(path, {
            QStringLiteral("CREATE TABLE annotations (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                           "image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE, "
                           "mask_png BLOB NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX annotations_by_image ON annotations(image_id, id)"),
            QStringLiteral("CREATE TABLE verdict_overrides (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                           "result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE, "
                           "verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'defect')), "
                           "reason TEXT NOT NULL DEFAULT '', user_name TEXT NOT NULL, created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX verdict_overrides_by_result ON verdict_overrides(result_id, id)"),
            QStringLiteral("ALTER TABLE models ADD COLUMN notes TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("INSERT INTO annotations VALUES (1, 1, X'89504E470D0A1A0A', 'eng', '2023-06-01T10:00:00.000Z')"),
        }));
        {
            RawConnection raw(path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 3")));
        }

        Store store;
        store.open(path);
        const std::optional<AnnotationRecord> old = store.latestAnnotation(1);
        QVERIFY(old);
        QCOMPARE(old->author, QStringLiteral("eng"));
        QCOMPARE(old->maskPng, QByteArray::fromHex("89504E470D0A1A0A"));
        QVERIFY(old->defectType.isEmpty());
        QVERIFY(old->note.isEmpty());
        const AnnotationRecord added = store.addAnnotation(1, dl::db::test::tinyPng(), QStringLiteral("eng"),
                                                           QStringLiteral("crack"), QStringLiteral("second look"));
        QCOMPARE(store.latestAnnotation(1)->id, added.id);
        QCOMPARE(store.latestAnnotation(1)->defectType, QStringLiteral("crack"));
        QCOMPARE(store.annotationsForImage(1).size(), std::size_t(2));
    }

    void failedUpgradeLeavesTheFileAsItWas()
    {
        // A stray table with the name the version-2 step creates makes the upgrade fail
        // halfway; the transaction must undo the steps already applied.
        const QString path = pathFor(QStringLiteral("v1-conflict.sqlite"));
        QVERIFY(writeVersion1Database(path, {QStringLiteral("CREATE TABLE verdict_overrides (x TEXT)")}));

        const DatabaseError error = openFailure(path);
        QCOMPARE(error.reason(), DatabaseError::Reason::Failed);
        QVERIFY2(QString::fromStdString(error.what()).contains(QLatin1String("schema to version 2")), error.what());
        QCOMPARE(error.databasePath(), QFileInfo(path).absoluteFilePath());

        RawConnection raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'annotations'")).toInt(), 0);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT name FROM datasets WHERE id = 1")).toString(), QStringLiteral("old set"));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM results")).toInt(), 1);
    }

    void newerDatabaseIsRefusedUntouched()
    {
        // The same refusal on both engines; only where the version lives differs.
        const bool server = onPostgres();
        const QString location = server ? databaseFor(QStringLiteral("future")) : pathFor(QStringLiteral("future.sqlite"));
        const QString versionQuery = server ? QStringLiteral("SELECT version FROM defectlens_schema")
                                            : QStringLiteral("PRAGMA user_version");
        {
            Store store;
            store.open(location);
            store.addDataset(sampleDataset(QStringLiteral("/data/future")));
        }
        {
            RawConnection raw(location);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE hologram_scans (id BIGINT PRIMARY KEY)")));
            QVERIFY(raw.exec(server ? QStringLiteral("UPDATE defectlens_schema SET version = 42")
                                    : QStringLiteral("PRAGMA user_version = 42")));
        }
        const QByteArray digest = server ? QByteArray() : fileDigest(location);

        const DatabaseError error = openFailure(location);
        QCOMPARE(error.reason(), DatabaseError::Reason::NewerSchema);
        const QString message = QString::fromStdString(error.what());
        const QString shownAs = server ? location : QFileInfo(location).absoluteFilePath();
        QVERIFY2(message.startsWith(shownAs + QStringLiteral(": ")), error.what());
        QVERIFY2(message.contains(QLatin1String("newer DefectLens")) && message.contains(QLatin1String("42")),
                 error.what());
        if (!server)
            QCOMPARE(fileDigest(location), digest);
        RawConnection raw(location);
        QCOMPARE(raw.scalar(versionQuery).toInt(), 42);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM datasets")).toInt(), 1);
    }

    void otherApplicationsDatabaseIsRefused()
    {
        if (onPostgres()) {
            const QString address = databaseFor(QStringLiteral("foreign"));
            {
                RawConnection raw(address);
                QVERIFY(raw.exec(QStringLiteral("CREATE TABLE invoices (id BIGINT PRIMARY KEY, amount REAL)")));
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO invoices VALUES (1, 9.5)")));
            }
            const DatabaseError error = openFailure(address);
            QCOMPARE(error.reason(), DatabaseError::Reason::NotADatabase);
            QVERIFY2(QString::fromStdString(error.what()).contains(QLatin1String("not a DefectLens database")), error.what());
            RawConnection raw(address);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                               "WHERE table_schema = current_schema()")).toInt(), 1);
            return;
        }
        const QString path = pathFor(QStringLiteral("foreign.sqlite"));
        {
            RawConnection raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO invoices VALUES (1, 9.5)")));
        }
        const QByteArray digest = fileDigest(path);
        const DatabaseError error = openFailure(path);
        QCOMPARE(error.reason(), DatabaseError::Reason::NotADatabase);
        QVERIFY2(QString::fromStdString(error.what()).contains(QLatin1String("not a DefectLens database")), error.what());
        QCOMPARE(fileDigest(path), digest);
    }

    void randomBytesAreRefusedUntouched()
    {
        const QString path = pathFor(QStringLiteral("noise.sqlite"));
        QByteArray noise(64 * 1024, Qt::Uninitialized);
        QRandomGenerator generator(1234);
        for (char& byte : noise)
            byte = char(generator.bounded(256));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(noise), qint64(noise.size()));
        }

        const DatabaseError error = openFailure(path);
        QCOMPARE(error.reason(), DatabaseError::Reason::NotADatabase);
        QVERIFY2(QString::fromStdString(error.what()).startsWith(QFileInfo(path).absoluteFilePath()), error.what());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), noise);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }

    void folderPathIsRefused()
    {
        const QString path = pathFor(QStringLiteral("i-am-a-folder.sqlite"));
        QVERIFY(QDir().mkpath(path));
        const DatabaseError error = openFailure(path);
        QCOMPARE(error.reason(), DatabaseError::Reason::CannotOpen);
        QVERIFY2(QString::fromStdString(error.what()).contains(QLatin1String("folder")), error.what());
        QVERIFY(QFileInfo(path).isDir());
    }

    void uncreatableFolderIsRefused()
    {
        // A regular file sits where a parent folder would have to be; even root
        // cannot create a folder there.
        const QString blocker = pathFor(QStringLiteral("blocker"));
        {
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("keep me");
        }
        const QString path = blocker + QStringLiteral("/sub/defectlens.sqlite");
        const DatabaseError error = openFailure(path);
        QCOMPARE(error.reason(), DatabaseError::Reason::CannotOpen);
        QVERIFY2(QString::fromStdString(error.what()).startsWith(QFileInfo(path).absoluteFilePath()), error.what());
        QVERIFY2(QString::fromStdString(error.what()).contains(QLatin1String("cannot be created")), error.what());
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
    }

    void unwritableFolderIsRefused()
    {
        const QString folder = pathFor(QStringLiteral("locked-folder"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadUser | QFile::ExeUser));
        const bool stillWritable = QFileInfo(folder).isWritable();
        if (stillWritable) {
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
            QSKIP("running as a user that may write to a folder without write permission (root)");
        }
        const DatabaseError error = openFailure(folder + QStringLiteral("/defectlens.sqlite"));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(error.reason(), DatabaseError::Reason::ReadOnly);
        QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/defectlens.sqlite")));
    }

    void readOnlyFileIsOpenedForReadingOnly()
    {
        // A space, '#' and '%' must survive the file: URI used for read-only opens.
        const QString path = pathFor(QStringLiteral("read only #1 100%.sqlite"));
        RowId resultId = 0;
        {
            Store store;
            store.open(path);
            const DatasetRecord dataset = store.addDataset(sampleDataset(QStringLiteral("/data/ro")));
            const RowId imageId = store.addImages({sampleImage(dataset.id, 1)}).front();
            const RunRecord run = store.startRun(RunKind::Test, {});
            ResultRecord result;
            result.runId = run.id;
            result.imageId = imageId;
            result.score = 0.4;
            resultId = store.addResults({result}).front();
        }
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal"))); // checkpointed on close
        QVERIFY(makeReadOnly(path));
        const QByteArray digest = fileDigest(path);

        {
            Store store;
            store.open(path);
            QVERIFY(store.isReadOnly());
            QCOMPARE(store.listDatasets().size(), std::size_t(1));
            QCOMPARE(store.result(resultId)->score, 0.4);

            try {
                store.addOverride(resultId, Verdict::Defect, QStringLiteral("r"), QStringLiteral("u"));
                QFAIL("writing to a read-only database succeeded");
            } catch (const DatabaseError& error) {
                qInfo("write refused as expected: %s", error.what());
                QCOMPARE(error.reason(), DatabaseError::Reason::ReadOnly);
                const QString message = QString::fromStdString(error.what());
                QVERIFY2(message.startsWith(QFileInfo(path).absoluteFilePath() + QStringLiteral(": ")), error.what());
                QVERIFY2(message.contains(QLatin1String("read-only")), error.what());
            }
            bool refused = false;
            try {
                store.addImages({sampleImage(1, 2)});
            } catch (const DatabaseError& error) {
                refused = error.reason() == DatabaseError::Reason::ReadOnly;
            }
            QVERIFY(refused);
            QVERIFY(!store.latestOverride(resultId));
        }
        QCOMPARE(fileDigest(path), digest);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-shm")));
        QVERIFY(makeWritable(path));

        // Writable again: the same file opens normally.
        Store store;
        store.open(path);
        QVERIFY(!store.isReadOnly());
        store.addOverride(resultId, Verdict::Defect, QStringLiteral("r"), QStringLiteral("u"));
    }

    void fileInUnwritableFolderOpensReadOnly()
    {
        const QString folder = pathFor(QStringLiteral("archive"));
        const QString path = folder + QStringLiteral("/defectlens.sqlite");
        {
            Store store;
            store.open(path);
            store.addDataset(sampleDataset(QStringLiteral("/data/archived")));
        }
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadUser | QFile::ExeUser));
        if (QFileInfo(folder).isWritable()) {
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
            QSKIP("running as a user that may write to a folder without write permission (root)");
        }
        bool readOnly = false;
        std::size_t datasets = 0;
        DatabaseError::Reason writeFailure = DatabaseError::Reason::Failed;
        try {
            Store store;
            store.open(path);
            readOnly = store.isReadOnly();
            datasets = store.listDatasets().size();
            try {
                store.addDataset(sampleDataset(QStringLiteral("/data/new")));
            } catch (const DatabaseError& error) {
                writeFailure = error.reason();
                qInfo("write refused as expected: %s", error.what());
            }
        } catch (const DatabaseError& error) {
            qWarning("%s", error.what());
        }
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(readOnly);
        QCOMPARE(datasets, std::size_t(1));
        QCOMPARE(writeFailure, DatabaseError::Reason::ReadOnly);
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("defectlens.sqlite")});
    }

    void readOnlyOldDatabaseCannotBeUpgraded()
    {
        const QString path = pathFor(QStringLiteral("v1-readonly.sqlite"));
        QVERIFY(writeVersion1Database(path));
        QVERIFY(makeReadOnly(path));
        const QByteArray digest = fileDigest(path);
        const DatabaseError error = openFailure(path);
        QCOMPARE(error.reason(), DatabaseError::Reason::ReadOnly);
        QVERIFY2(QString::fromStdString(error.what()).contains(QLatin1String("must be upgraded")), error.what());
        QCOMPARE(fileDigest(path), digest);
        QVERIFY(makeWritable(path));
    }

    void closedStoreReportsUsageError()
    {
        Store store;
        bool refused = false;
        try {
            store.listRuns();
        } catch (const DatabaseError& error) {
            refused = error.reason() == DatabaseError::Reason::Usage;
            qInfo("closed store: %s", error.what());
        }
        QVERIFY(refused);
        QVERIFY(store.path().isEmpty());
        QCOMPARE(openFailure(QString()).reason(), DatabaseError::Reason::InvalidArgument);
    }

    void storeBelongsToItsThread()
    {
        const QString path = databaseFor(QStringLiteral("threads.sqlite"));
        Store mainStore;
        mainStore.open(path);

        DatabaseError::Reason foreignUse = DatabaseError::Reason::Failed;
        QString workerFailure;
        RowId workerDatasetId = 0;
        QThread* worker = QThread::create([&] {
            try {
                mainStore.listDatasets();
            } catch (const DatabaseError& error) {
                foreignUse = error.reason();
            }
            try {
                Store own; // the supported pattern: one Store per worker thread
                own.open(path);
                workerDatasetId = own.addDataset(sampleDataset(QStringLiteral("/data/worker"))).id;
            } catch (const DatabaseError& error) {
                workerFailure = QString::fromStdString(error.what());
            }
        });
        worker->start();
        QVERIFY(worker->wait(30000));
        delete worker;

        QCOMPARE(foreignUse, DatabaseError::Reason::Usage);
        QVERIFY2(workerFailure.isEmpty(), qPrintable(workerFailure));
        QCOMPARE(mainStore.dataset(workerDatasetId)->rootPath, QStringLiteral("/data/worker"));
    }

    // --- PostgreSQL only ---------------------------------------------------------

    void serverAddressesAreCheckedWithClearErrors()
    {
        const QString server = TestDatabases::instance().cluster()->serverAddress();
        // A typo in a setting is refused before anything connects.
        DatabaseError error = openFailure(server + QStringLiteral("line1?sslmod=require"));
        QCOMPARE(error.reason(), DatabaseError::Reason::InvalidArgument);
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("'sslmod' is not a connection setting")), error.what());
        error = openFailure(server);
        QCOMPARE(error.reason(), DatabaseError::Reason::InvalidArgument); // no database named
        // A database that does not exist, and a server that is not there.
        error = openFailure(server + QStringLiteral("no_such_line"));
        QCOMPARE(error.reason(), DatabaseError::Reason::CannotOpen);
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("does not exist")), error.what());
        QElapsedTimer timer;
        timer.start();
        error = openFailure(QStringLiteral("postgresql://defectlens@127.0.0.1:1/line1?connect_timeout=3"));
        QCOMPARE(error.reason(), DatabaseError::Reason::CannotOpen);
        QVERIFY2(QString::fromUtf8(error.what()).startsWith(QLatin1String("postgresql://defectlens@127.0.0.1:1/line1: ")),
                 error.what());
        QVERIFY(timer.elapsed() < 10000);
        // A password given in the address is used but never shown.
        DatabaseLocation withPassword = DatabaseLocation::parse(QStringLiteral("postgresql://op:s3cret@db.line:6543/line1"));
        QCOMPARE(withPassword.password, QStringLiteral("s3cret"));
        QCOMPARE(withPassword.displayName(), QStringLiteral("postgresql://op@db.line:6543/line1"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgresql://op@/line1?host=/run/postgresql")).displayName(),
                 QStringLiteral("postgresql://op@/line1?host=/run/postgresql"));
    }

    // Stations opening a new line database at the same moment: one creates the
    // tables, the others wait for it and find them.
    void serverFirstOpenByManyStationsAtOnce()
    {
        const QString address = databaseFor(QStringLiteral("first_open"));
        QStringList errors;
        QMutex mutex;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int w = 0; w < 4; ++w) {
            threads.emplace_back(QThread::create([&] {
                try {
                    Store store;
                    store.open(address);
                    store.startRun(RunKind::Predict, {});
                } catch (const DatabaseError& error) {
                    QMutexLocker lock(&mutex);
                    errors << QString::fromUtf8(error.what());
                }
            }));
            threads.back()->start();
        }
        for (auto& thread : threads)
            QVERIFY(thread->wait(60000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        Store store;
        store.open(address);
        QCOMPARE(store.listRuns().size(), std::size_t(4));
    }

    // A line's database server restarts (update, failover): an open Store
    // reports the failed call and the next call works again without reopening.
    void serverRestartIsSurvivedByTheNextCall()
    {
        const QString address = databaseFor(QStringLiteral("restart"));
        Store store;
        store.open(address);
        const RunRecord run = store.startRun(RunKind::Predict, {});
        QVERIFY(TestDatabases::instance().cluster()->restart());
        bool sawFailure = false;
        std::optional<RunRecord> again;
        for (int attempt = 0; attempt < 3 && !again; ++attempt) {
            try {
                again = store.run(run.id);
            } catch (const DatabaseError& error) {
                sawFailure = true;
                qInfo("after the restart: %s", error.what());
            }
        }
        QVERIFY(again.has_value());
        QCOMPARE(again->status, RunStatus::Running);
        qInfo("the first call after the restart %s", sawFailure ? "failed, the next one reconnected" : "reconnected");
        store.finishRun(run.id, RunStatus::Succeeded);
    }

    // A server that stays away: the first call waits for the connection
    // attempt, the next ones fail at once for a few seconds (a view polling the
    // database must not freeze on every poll), and the store works again once
    // the server is back.
    void serverThatStaysAwayFailsFastUntilItIsBack()
    {
        const QString address = databaseFor(QStringLiteral("away"));
        Store store;
        store.open(address);
        const RowId run = store.startRun(RunKind::Predict, {}).id;
        dltest::PostgresCluster* server = TestDatabases::instance().cluster();
        QVERIFY(server->stop());
        int failures = 0;
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                store.run(run); // meets the dropped connection, then the refused reconnect
            } catch (const DatabaseError& error) {
                QCOMPARE(error.reason(), DatabaseError::Reason::CannotOpen);
                ++failures;
            }
        }
        QCOMPARE(failures, 2);
        QElapsedTimer timer;
        timer.start();
        QString message;
        try {
            store.run(run);
        } catch (const DatabaseError& error) {
            message = QString::fromUtf8(error.what());
        }
        QVERIFY2(message.contains(QLatin1String("trying again in")), qPrintable(message));
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY(server->start());
        std::optional<RunRecord> back;
        QElapsedTimer waited;
        waited.start();
        while (!back && waited.elapsed() < 20000) {
            try {
                back = store.run(run);
            } catch (const DatabaseError&) {
                QTest::qWait(500); // still inside the retry pause
            }
        }
        QVERIFY(back.has_value());
        QCOMPARE(back->status, RunStatus::Running);
    }

    void defaultPathIsInApplicationData()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString previousName = QCoreApplication::applicationName();
        QCoreApplication::setApplicationName(QStringLiteral("DefectLens"));
        const QString path = Store::defaultDatabasePath();
        QCoreApplication::setApplicationName(previousName);
        QStandardPaths::setTestModeEnabled(false);

        QVERIFY2(QFileInfo(path).isAbsolute(), qPrintable(path));
        QVERIFY2(path.endsWith(QLatin1String("/DefectLens/defectlens.sqlite")), qPrintable(path));
    }
};

QTEST_MAIN(StoreOpenTest)
#include "tst_store_open.moc"
