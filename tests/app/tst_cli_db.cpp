// defectlens-cli db migrate and db bench, against a throwaway PostgreSQL
// server (installer/postgres-cluster.sh) and SQLite files.
#include "CliRunner.h"
#include "PostgresTestSupport.h"

#include "database/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using dltest::runCli;

namespace {

QJsonObject jsonOf(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject tableOf(const QJsonObject& report, const QString& name)
{
    for (const QJsonValue& table : report.value(QStringLiteral("tables")).toArray())
        if (table.toObject().value(QStringLiteral("table")).toString() == name)
            return table.toObject();
    return {};
}

} // namespace

class CliDbTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<dltest::PostgresCluster> server_;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        server_ = std::make_unique<dltest::PostgresCluster>();
        QVERIFY2(server_->isRunning(), qPrintable(server_->error()));
    }

    void cleanupTestCase() { server_.reset(); }

    void migrateCopiesAStationIntoTheLineDatabaseOnce()
    {
        const QString stationPath = dir_.filePath(QStringLiteral("station.sqlite"));
        {
            dl::db::Store station;
            station.open(stationPath);
            const dl::db::RowId run = station.startRun(dl::db::RunKind::Predict, {}).id;
            std::vector<dl::db::ResultRecord> results(250);
            for (std::size_t i = 0; i < results.size(); ++i) {
                results[i].runId = run;
                results[i].imagePath = QStringLiteral("/line/in/%1.png").arg(i);
                results[i].score = double(i);
            }
            const std::vector<dl::db::RowId> ids = station.addResults(results);
            station.addOverride(ids[7], dl::db::Verdict::Defect, QStringLiteral("chip"), QStringLiteral("olga"));
            station.finishRun(run, dl::db::RunStatus::Succeeded);
        }
        const QString line = server_->createDatabase(QStringLiteral("line_migrate"));
        QVERIFY(!line.isEmpty());
        const QString reportPath = dir_.filePath(QStringLiteral("migrate.json"));
        const auto first = runCli({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--from"),
                                   QStringLiteral("sqlite:") + stationPath, QStringLiteral("--to"), line,
                                   QStringLiteral("--json"), reportPath});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QJsonObject report = jsonOf(first.out);
        QVERIFY(report.value(QStringLiteral("complete")).toBool());
        QCOMPARE(tableOf(report, QStringLiteral("results")).value(QStringLiteral("copied")).toInt(), 250);
        QCOMPARE(tableOf(report, QStringLiteral("verdict_overrides")).value(QStringLiteral("copied")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("to")).toString(), line);
        QVERIFY(QFile::exists(reportPath));

        // Idempotent: the second run copies nothing and still accounts for every row.
        const auto second = runCli({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--from"),
                                    stationPath, QStringLiteral("--to"), line});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        const QJsonObject again = jsonOf(second.out);
        QVERIFY(again.value(QStringLiteral("complete")).toBool());
        QCOMPARE(tableOf(again, QStringLiteral("results")).value(QStringLiteral("copied")).toInt(), 0);
        QCOMPARE(tableOf(again, QStringLiteral("results")).value(QStringLiteral("copied_before")).toInt(), 250);

        dl::db::Store check;
        check.open(line);
        dl::db::ResultFilter all;
        QCOMPARE(check.findResults(all).size(), std::size_t(250));
    }

    void migrateNamesAnUnreachableServer()
    {
        const auto outcome = runCli({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--from"),
                                     dir_.filePath(QStringLiteral("any.sqlite")), QStringLiteral("--to"),
                                     QStringLiteral("postgresql://op@127.0.0.1:1/line1?connect_timeout=2")});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(QLatin1String("postgresql://op@127.0.0.1:1/line1"))
                     && outcome.err.contains(QLatin1String("cannot be reached")),
                 qPrintable(outcome.err));
        const auto missing = runCli({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--from"),
                                     dir_.filePath(QStringLiteral("any.sqlite"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QLatin1String("--to DATABASE")), qPrintable(missing.err));
    }

    // The benchmark itself, small: it must report no lost rows on both engines.
    void benchReportsNoLossOnBothEngines()
    {
        const QStringList databases = {dir_.filePath(QStringLiteral("bench.sqlite")),
                                       server_->createDatabase(QStringLiteral("line_bench"))};
        for (const QString& database : databases) {
            const auto outcome = runCli({QStringLiteral("db"), QStringLiteral("bench"), QStringLiteral("--db"), database,
                                         QStringLiteral("--writers"), QStringLiteral("3"), QStringLiteral("--results"),
                                         QStringLiteral("40"), QStringLiteral("--rounds"), QStringLiteral("5"),
                                         QStringLiteral("--migrate-results"), QStringLiteral("500"), QStringLiteral("--quiet")});
            QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
            const QJsonObject bench = jsonOf(outcome.out);
            const QJsonObject results = bench.value(QStringLiteral("concurrent_results")).toObject();
            QCOMPARE(results.value(QStringLiteral("stored")).toInt(), 120);
            QCOMPARE(results.value(QStringLiteral("rows_lost")).toInt(), 0);
            QVERIFY(results.value(QStringLiteral("rows_per_second")).toDouble() > 0);
            const QJsonObject overrides = bench.value(QStringLiteral("racing_overrides")).toObject();
            QCOMPARE(overrides.value(QStringLiteral("overrides_lost")).toInt(), 0);
            QVERIFY(overrides.value(QStringLiteral("last_writer_wins")).toBool());
            const QJsonObject race = bench.value(QStringLiteral("promotion_race")).toObject();
            QCOMPARE(race.value(QStringLiteral("rounds_with_exactly_one_active_model")).toInt(), 5);
            QVERIFY(race.value(QStringLiteral("history_complete")).toBool());
            const QJsonObject migrate = bench.value(QStringLiteral("migrate")).toObject();
            QVERIFY(migrate.value(QStringLiteral("counts_equal")).toBool());
            QCOMPARE(migrate.value(QStringLiteral("second_copy_rows_copied")).toInt(), 0);
            QCOMPARE(bench.value(QStringLiteral("engine")).toString(),
                     database.startsWith(QLatin1String("postgresql")) ? QStringLiteral("postgresql")
                                                                      : QStringLiteral("sqlite"));
        }
    }
};

QTEST_GUILESS_MAIN(CliDbTest)
#include "tst_cli_db.moc"
