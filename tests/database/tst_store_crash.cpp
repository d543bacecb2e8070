// Crash safety, the way a line loses power or an operator kills a hung program:
// a writer process is killed (SIGKILL) at random moments. Afterwards the
// database passes PRAGMA integrity_check and holds every result whose commit
// had returned; an atomically replaced file is the old or the new one, never a
// torn mix. Several writers at once lose nothing and never surface "locked".
#include "common/FileUtil.h"
#include "database/Store.h"
#include "StoreTestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <set>

using namespace dl::db;
using dl::db::test::RawConnection;
using dl::db::test::TestDatabases;

namespace {

const QString kWriter = QStringLiteral(DL_CRASH_WRITER_PATH);

std::set<qint64> committedIds(QProcess& writer)
{
    std::set<qint64> ids;
    for (const QByteArray& line : writer.readAllStandardOutput().split('\n'))
        if (!line.trimmed().isEmpty())
            ids.insert(line.trimmed().toLongLong());
    return ids;
}

std::set<qint64> storedIds(const QString& database, RowId run)
{
    Store store;
    store.open(database);
    std::set<qint64> ids;
    for (const ResultRecord& result : store.resultsOfRun(run))
        ids.insert(result.id);
    return ids;
}

RowId newRun(const QString& database)
{
    Store store;
    store.open(database);
    return store.startRun(RunKind::Predict, {}).id;
}

} // namespace

class StoreCrashTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const QString problem = TestDatabases::instance().problem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("writers on %s", qPrintable(TestDatabases::engineName()));
    }

    void cleanupTestCase() { TestDatabases::instance().shutdown(); }

    void killedWriterLosesNoCommittedResult()
    {
        const QString database = TestDatabases::instance().create(QStringLiteral("kill"));
        const RowId run = newRun(database);
        QRandomGenerator random(20261202); // seeded: a failure can be replayed
        std::set<qint64> committed;
        int rounds = 0;
        // SQLite's own file is what a kill can damage, so it takes the full 100
        // kills; on PostgreSQL the server rolls a dead client back, and 30 kills
        // check that the Store's side (commit returned = stored) holds there too.
        const int kills = TestDatabases::onPostgres() ? 30 : 100;
        for (; rounds < kills; ++rounds) {
            QProcess writer;
            writer.start(kWriter, {QStringLiteral("results"), database, QString::number(run), QStringLiteral("1000000")});
            QVERIFY(writer.waitForStarted());
            QThread::msleep(random.bounded(30, 300)); // start-up and open included: some kills land early
            writer.kill();
            QVERIFY(writer.waitForFinished());
            const std::set<qint64> ids = committedIds(writer);
            committed.insert(ids.begin(), ids.end());
            if (!TestDatabases::onPostgres()) { // the server rolls a dead client's transaction back itself
                RawConnection raw(database);
                QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            }
        }
        const std::set<qint64> stored = storedIds(database, run);
        int lost = 0;
        for (qint64 id : committed)
            lost += stored.count(id) ? 0 : 1;
        qInfo("%d kills: %zu commits had returned, %zu results stored, %d lost", rounds, committed.size(),
              stored.size(), lost);
        QCOMPARE(lost, 0);
        QVERIFY(committed.size() >= 100); // the writers did get work done between kills
    }

    void concurrentWritersLoseNothingAndNeverSeeLocked()
    {
        const QString database = TestDatabases::instance().create(QStringLiteral("writers"));
        const RowId run = newRun(database);
        constexpr int kWriters = 3;
        constexpr int kResults = 1000;
        std::vector<std::unique_ptr<QProcess>> writers;
        QElapsedTimer elapsed;
        elapsed.start();
        for (int w = 0; w < kWriters; ++w) {
            writers.push_back(std::make_unique<QProcess>());
            writers.back()->start(kWriter, {QStringLiteral("results"), database, QString::number(run),
                                            QString::number(kResults)});
        }
        std::set<qint64> committed;
        for (auto& writer : writers) {
            QVERIFY(writer->waitForFinished(600000));
            const QString errors = QString::fromUtf8(writer->readAllStandardError());
            QVERIFY2(writer->exitCode() == 0 && errors.isEmpty(), qPrintable(errors));
            const std::set<qint64> ids = committedIds(*writer);
            QCOMPARE(int(ids.size()), kResults);
            committed.insert(ids.begin(), ids.end());
        }
        const qint64 ms = elapsed.elapsed();
        QCOMPARE(int(committed.size()), kWriters * kResults);
        QCOMPARE(storedIds(database, run), committed);
        qInfo("%d writers x %d single-result transactions into one file: %lld ms (%.0f commits/s)", kWriters,
              kResults, ms, 1000.0 * kWriters * kResults / double(std::max<qint64>(ms, 1)));
    }

    void killedFileReplacementLeavesOldOrNewNeverTorn()
    {
        if (TestDatabases::onPostgres())
            QSKIP("replacing a file on this station; no database involved (the SQLite run covers it)");
        const QString folder = dir_.filePath("bundles");
        QVERIFY(QDir().mkpath(folder));
        const QString target = folder + QStringLiteral("/model.dlm");
        constexpr int kMegabytes = 4;
        QRandomGenerator random(7);
        for (int round = 0; round < 30; ++round) {
            QProcess writer;
            writer.start(kWriter, {QStringLiteral("file"), target, QString::number(kMegabytes)});
            QVERIFY(writer.waitForStarted());
            if (round == 0)
                QVERIFY(writer.waitForReadyRead(60000)); // a first complete file exists
            QThread::msleep(random.bounded(0, 120));
            writer.kill();
            QVERIFY(writer.waitForFinished());
            QFile file(target);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QCOMPARE(bytes.size(), kMegabytes << 20);
            QVERIFY2(bytes.count(bytes.front()) == bytes.size() && (bytes.front() == 'A' || bytes.front() == 'B'),
                     "a torn file: two versions mixed");
        }
        // Temporary files of killed writers are removed by the next bundle save.
        dl::removeTemporariesOfEndedWriters(target.toStdString());
        dl::writeFileAtomically(target.toStdString(), "final");
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("model.dlm")});
    }
};

QTEST_GUILESS_MAIN(StoreCrashTest)
#include "tst_store_crash.moc"
