// A disk that fills up while defectlens-cli records: the command stops with a
// clear error instead of crashing, and nothing stored before is lost or damaged.
// The full disk is simulated with RLIMIT_FSIZE on the child process (the kernel
// refuses to grow any file past the limit with EFBIG, as a full disk refuses
// with ENOSPC), which needs neither root nor a special file system.
#include "TestSupport.h"
#include "app/CliRunner.h"
#include "database/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

class TestCliFullDisk : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    using Outcome = dltest::CliOutcome;
    // With `fileSizeLimit` > 0 no file the CLI writes may grow past that many bytes.
    Outcome run(const QStringList& args, qint64 fileSizeLimit = 0)
    {
        if (fileSizeLimit <= 0)
            return dltest::runCli(args);
        return dltest::runCli(args, 300000, [fileSizeLimit] {
            // EFBIG instead of the default SIGXFSZ, which would kill the process.
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{rlim_t(fileSizeLimit), rlim_t(fileSizeLimit)};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
    QString path(const QString& name) const { return dir_.path() + "/" + name; }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const Outcome o = run({"make-sample", "--out", path("sample")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    }

    void aDiskFullWhileRecordingStopsClearlyAndKeepsWhatWasStored()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--param", "image_size=64", "--out",
                         path("m.dlm"), "--no-db", "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        // Many parts, so that recording their results needs far more room than is left.
        QVERIFY(QDir().mkpath(path("parts")));
        const QStringList sources = QDir(path("sample/test/good")).entryList({"*.png"}, QDir::Files);
        QVERIFY(!sources.isEmpty());
        for (int i = 0; i < 400; ++i)
            QVERIFY(QFile::copy(path("sample/test/good/") + sources[i % sources.size()],
                                path("parts/part_%1.png").arg(i, 4, 10, QLatin1Char('0'))));

        const QString db = path("line.sqlite");
        o = run({"predict", "--model", path("m.dlm"), "--input", path("sample/test"), "--db", db, "--quiet", "--json",
                 path("first.json")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        qint64 firstRun = 0;
        std::size_t firstResults = 0;
        {
            dl::db::Store store;
            store.open(db);
            firstRun = store.listRuns().front().id;
            firstResults = store.resultsOfRun(firstRun).size();
        }
        QVERIFY(firstResults > 0);

        // The database's write-ahead log may grow to 40 KB at most (SQLite's shared-memory index alone takes 32 KB): the results of
        // 400 parts (committed every 32) do not fit.
        o = run({"predict", "--model", path("m.dlm"), "--input", path("parts"), "--db", db, "--quiet", "--json",
                 path("second.json")},
                40 * 1024);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("disk is full") || o.err.contains("disk I/O error"), qPrintable(o.err));
        QVERIFY2(o.err.contains("line.sqlite"), qPrintable(o.err));
        QVERIFY2(!o.err.contains("internal error"), qPrintable(o.err));

        // Without the limit: the file is intact, the first run's results all there,
        // the interrupted run closed (abandoned or failed) with what it committed.
        dl::db::Store store;
        store.open(db);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("integrity"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery check(raw);
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            check.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("integrity"));
        QCOMPARE(store.resultsOfRun(firstRun).size(), firstResults);
        const auto runs = store.listRuns();
        QCOMPARE(runs.size(), std::size_t(2));
        QVERIFY2(runs.front().status == dl::db::RunStatus::Abandoned || runs.front().status == dl::db::RunStatus::Failed,
                 qPrintable(dl::db::toText(runs.front().status)));
        const std::size_t kept = store.resultsOfRun(runs.front().id).size();
        qInfo("disk full after %zu of 400 results were committed; message: %s", kept, qPrintable(o.err.trimmed()));
        QVERIFY(kept < 400);
    }
};

QTEST_GUILESS_MAIN(TestCliFullDisk)
#include "tst_cli_full_disk.moc"
