// defectlens-cli watch as an inspection cell runs it: images dropped into a
// folder one by one, the process killed and restarted, a new model promoted
// mid-shift, the MQTT broker stopped and restarted, bad files and bad options.
#include "MqttTestSupport.h"
#include "TestSupport.h"
#include "app/CliRunner.h"
#include "database/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

class TestCliWatch : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QStringList sampleImages_;

    using Outcome = dltest::CliOutcome;
    Outcome run(const QStringList& args, int timeoutMs = 300000) { return dltest::runCli(args, timeoutMs); }
    QString path(const QString& name) const { return dir_.path() + "/" + name; }

    // A watch process whose JSON lines are collected as they come.
    struct Watcher {
        QProcess process;
        QString out, err;
        QList<QJsonObject> lines;

        void start(const QStringList& args)
        {
            process.start(QStringLiteral(DL_CLI_PATH), QStringList{"watch"} + args);
        }
        void drain()
        {
            err += QString::fromUtf8(process.readAllStandardError());
            out += QString::fromUtf8(process.readAllStandardOutput());
            int newline;
            while ((newline = out.indexOf('\n')) >= 0) {
                const QString line = out.left(newline);
                out.remove(0, newline + 1);
                lines.push_back(QJsonDocument::fromJson(line.toUtf8()).object());
            }
        }
        // Waits until the model is loaded and the folder watched.
        bool waitUntilWatching(int timeoutMs = 120000)
        {
            QElapsedTimer t;
            t.start();
            while (!err.contains("watching /") && t.elapsed() < timeoutMs) {
                process.waitForReadyRead(200);
                drain();
                if (process.state() == QProcess::NotRunning)
                    return false;
            }
            return err.contains("watching /");
        }
        bool waitForLines(int count, int timeoutMs = 60000)
        {
            QElapsedTimer t;
            t.start();
            while (lines.size() < count && t.elapsed() < timeoutMs) {
                process.waitForReadyRead(200);
                drain();
            }
            return lines.size() >= count;
        }
        int finish(int timeoutMs = 60000)
        {
            if (!process.waitForFinished(timeoutMs)) {
                process.kill();
                process.waitForFinished();
                return -1;
            }
            drain();
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        }
    };

    // Copies sample image `index` into the watch folder the way a grabber
    // does: written under a temporary name, renamed when complete.
    void drop(const QString& folder, int index, const QString& name = {})
    {
        const QString target = folder + "/" + (name.isEmpty() ? QStringLiteral("part_%1.png").arg(index, 4, 10, QLatin1Char('0')) : name);
        QFile::remove(target + ".part");
        QVERIFY(QFile::copy(sampleImages_[index % sampleImages_.size()], target + ".part"));
        QVERIFY(QFile::rename(target + ".part", target));
    }

    QString fit(const QString& name, const QString& db)
    {
        const Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", path(name), "--db", db,
                               "--quiet"});
        return o.exitCode == 0 ? path(name) : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        Outcome o = run({"make-sample", "--out", path("sample")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        for (const QString& sub : QDir(path("sample/test")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            for (const QString& f : QDir(path("sample/test/" + sub)).entryList({"*.png"}, QDir::Files))
                sampleImages_ << path("sample/test/" + sub + "/" + f);
        QVERIFY(sampleImages_.size() >= 8);
    }

    void badOptionsAndFoldersAreNamed()
    {
        Outcome o = run({"watch", "--model", "x.dlm"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--input DIR"), qPrintable(o.err));
        o = run({"watch", "--model", "x.dlm", "--input", path("sample"), "--publish", "http://broker/x", "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("http://broker/x") && o.err.contains("mqtt://"), qPrintable(o.err));
        o = run({"watch", "--model", "active", "--input", path("sample"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--no-db"), qPrintable(o.err));
        o = run({"watch", "--model", path("missing.dlm"), "--input", path("sample"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("missing.dlm"), qPrintable(o.err));
        o = run({"watch", "--model", "x.dlm", "--input", path("sample"), "--archive", path("sample"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("archive folder cannot be the watch folder"), qPrintable(o.err));
    }

    void aKillMidStreamThenARestartScoresEveryFileExactlyOnce()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString db = path("kill.sqlite");
        const QString model = fit("kill.dlm", db);
        QVERIFY(!model.isEmpty());
        const QString in = path("kill-in");
        QVERIFY(QDir().mkpath(in));

        Watcher first;
        first.start({"--model", model, "--input", in, "--db", db});
        QVERIFY2(first.waitUntilWatching(), qPrintable(first.err));
        for (int i = 0; i < 20; ++i) {
            drop(in, i);
            QTest::qWait(40);
        }
        QVERIFY(first.waitForLines(8));
        first.process.kill(); // SIGKILL: no chance to clean up
        first.process.waitForFinished();
        // The rest of the burst and more arrive while nothing watches.
        for (int i = 20; i < 30; ++i)
            drop(in, i);
        // A broken image: recorded as failed, once, and the watch goes on.
        QFile broken(in + "/broken.png");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("\x89PNG\r\n\x1a\n not really");
        broken.close();

        Watcher second;
        second.start({"--model", model, "--input", in, "--db", db, "--exit-when-idle", "3", "--json",
                      path("kill-summary.json"), "--param", "fast_path=on"});
        QCOMPARE(second.finish(180000), 0);
        QVERIFY2(second.err.contains("broken.png"), qPrintable(second.err));

        dl::db::Store store;
        store.open(db);
        const QString folder = QFileInfo(in).canonicalFilePath();
        const std::vector<dl::db::WatchedFileRecord> journal = store.watchedFiles(folder);
        QCOMPARE(int(journal.size()), 31);
        QSet<QString> paths;
        int scored = 0;
        for (const auto& w : journal) {
            paths.insert(w.path);
            if (w.scored) {
                ++scored;
                QVERIFY(w.resultId.has_value());
                QVERIFY(w.modelId.has_value());
            } else {
                QVERIFY2(w.path.endsWith("broken.png") && w.errorMessage.contains("broken.png"),
                         qPrintable(w.errorMessage));
            }
        }
        QCOMPARE(paths.size(), 31);
        QCOMPARE(scored, 30);
        // One result per scored file across both runs, and the killed run is closed as abandoned.
        int results = 0;
        int abandoned = 0;
        for (const dl::db::RunRecord& r : store.listRuns()) {
            if (r.params.value("mode", "") != "watch")
                continue;
            results += int(store.resultsOfRun(r.id).size());
            abandoned += r.status == dl::db::RunStatus::Abandoned;
        }
        QCOMPARE(results, 30);
        QCOMPARE(abandoned, 1);
        QFile summaryFile(path("kill-summary.json"));
        QVERIFY(summaryFile.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(summaryFile.readAll()).object();
        QCOMPARE(summary["scored"].toInt() + summary["failed"].toInt() + summary["already_inspected"].toInt(), 31);
        QCOMPARE(summary["failed"].toInt(), 1);
    }

    void sigtermFinishesTheImageInHandAndExitsCleanly()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString db = path("term.sqlite");
        const QString model = fit("term.dlm", db);
        QVERIFY(!model.isEmpty());
        const QString in = path("term-in");
        const QString archive = path("term-archive");
        QVERIFY(QDir().mkpath(in + "/cam1"));

        Watcher w;
        w.start({"--model", model, "--input", in, "--recursive", "--archive", archive, "--overlay-dir",
                 path("term-maps"), "--db", db});
        QVERIFY2(w.waitUntilWatching(), qPrintable(w.err));
        for (int i = 0; i < 6; ++i)
            drop(in + (i % 2 ? "/cam1" : ""), i);
        QVERIFY(w.waitForLines(6));
        w.process.terminate();
        QCOMPARE(w.finish(30000), 0);

        dl::db::Store store;
        store.open(db);
        const auto runs = store.listRuns();
        QCOMPARE(runs.front().status, dl::db::RunStatus::Succeeded);
        QVERIFY2(runs.front().errorMessage.contains("stopped"), qPrintable(runs.front().errorMessage));
        QCOMPARE(int(store.resultsOfRun(runs.front().id).size()), 6);
        for (const QJsonObject& line : w.lines) {
            // Moved to the archive at the same place below the folder, with its heatmap.
            const QString archived = line["archived"].toString();
            QVERIFY2(archived.startsWith(QFileInfo(archive).absoluteFilePath()) && QFile::exists(archived),
                     qPrintable(archived));
            QVERIFY(!QFile::exists(line["path"].toString()));
            QVERIFY(QFile::exists(line["heatmap"].toString()));
            QVERIFY(line["result_id"].toInt() > 0);
            QCOMPARE(line["model_checksum"].toString().size(), 64);
        }
        QVERIFY(QFile::exists(archive + "/cam1/part_0001.png"));
    }

    void followsPromotionsAndPublishesEveryVerdictThroughABrokerRestart()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dltest::MosquittoBroker broker;
        DL_REQUIRE_MOSQUITTO(broker);
        QVERIFY(broker.start());
        dltest::MqttCollector collector(broker.port(), "line1/verdicts");
        QVERIFY(collector.waitUntilSubscribed(10000));

        const QString db = path("line.sqlite");
        QVERIFY(!fit("line-a.dlm", db).isEmpty());
        QVERIFY(!fit("line-b.dlm", db).isEmpty());
        Outcome o = run({"promote", "--model", path("line-a.dlm"), "--db", db});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const qint64 modelA = QJsonDocument::fromJson(o.out.toUtf8()).object()["id"].toInteger();
        const QString in = path("line-in");
        QVERIFY(QDir().mkpath(in));

        Watcher w;
        w.start({"--model", "active", "--input", in, "--db", db, "--publish", broker.url("line1/verdicts")});
        QVERIFY2(w.waitUntilWatching(), qPrintable(w.err));
        for (int i = 0; i < 5; ++i)
            drop(in, i);
        QVERIFY(w.waitForLines(5));
        broker.stop(); // the broker goes away mid-shift: inspection goes on
        for (int i = 5; i < 10; ++i)
            drop(in, i);
        QVERIFY(w.waitForLines(10));
        QVERIFY(broker.start());
        o = run({"promote", "--model", path("line-b.dlm"), "--db", db});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const qint64 modelB = QJsonDocument::fromJson(o.out.toUtf8()).object()["id"].toInteger();
        QTest::qWait(2500); // the watch looks for a new promotion every second
        for (int i = 10; i < 15; ++i)
            drop(in, i);
        QVERIFY(w.waitForLines(15));
        w.process.terminate();
        QCOMPARE(w.finish(30000), 0);

        QCOMPARE(w.lines.first()["model_id"].toInteger(), modelA);
        QCOMPARE(w.lines.last()["model_id"].toInteger(), modelB);
        // Every verdict reached the subscriber, keyed by result id (QoS 1 may repeat one).
        std::set<qint64> printed;
        for (const QJsonObject& line : w.lines)
            printed.insert(line["result_id"].toInteger());
        QCOMPARE(printed.size(), std::size_t(15));
        const bool allArrived = collector.waitFor(
            [&](const std::vector<std::string>& messages) { return dltest::resultIdsOf(messages) == printed; },
            20000);
        QVERIFY2(allArrived, qPrintable(QStringLiteral("%1 messages arrived; watch said: %2")
                                            .arg(collector.messages().size())
                                            .arg(w.err.right(2000))));
        for (const std::string& m : collector.messages()) {
            const QJsonObject message = QJsonDocument::fromJson(QByteArray::fromStdString(m)).object();
            for (const char* key : {"path", "score", "verdict", "threshold", "model_id", "model_checksum", "time"})
                QVERIFY2(message.contains(key), key);
        }

        dl::db::Store store;
        store.open(db);
        std::map<qint64, int> byModel;
        for (const auto& entry : store.watchedFiles())
            ++byModel[entry.modelId.value_or(0)];
        QCOMPARE(byModel[modelA], 10);
        QCOMPARE(byModel[modelB], 5);
        // One run per model, each linked to it.
        const auto runs = store.listRuns(2);
        QCOMPARE(runs[0].modelId.value_or(0), modelB);
        QCOMPARE(runs[1].modelId.value_or(0), modelA);
    }

    // The process is killed while the broker is away: the parts' messages wait in
    // the journal, and the next watch of the folder publishes them first.
    void messagesAKilledWatchCouldNotDeliverAreSentByTheNextOne()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dltest::MosquittoBroker broker;
        DL_REQUIRE_MOSQUITTO(broker);
        QVERIFY(broker.start());
        dltest::MqttCollector collector(broker.port(), "line2/verdicts");
        QVERIFY(collector.waitUntilSubscribed(10000));
        broker.stop();

        const QString db = path("outbox.sqlite");
        const QString model = fit("outbox.dlm", db);
        QVERIFY(!model.isEmpty());
        const QString in = path("outbox-in");
        QVERIFY(QDir().mkpath(in));
        Watcher first;
        first.start({"--model", model, "--input", in, "--db", db, "--publish", broker.url("line2/verdicts")});
        QVERIFY2(first.waitUntilWatching(), qPrintable(first.err));
        for (int i = 0; i < 6; ++i)
            drop(in, i);
        QVERIFY(first.waitForLines(6));
        std::set<qint64> scored;
        for (const QJsonObject& line : first.lines)
            scored.insert(line["result_id"].toInteger());
        QCOMPARE(scored.size(), std::size_t(6));
        QTest::qWait(300); // the batch's messages are kept right after its lines are printed
        first.process.kill(); // SIGKILL: no chance to flush anything
        first.finish();
        {
            dl::db::Store store;
            store.open(db);
            QCOMPARE(store.pendingMessages(QFileInfo(in).canonicalFilePath()).size(), std::size_t(6));
        }

        QVERIFY(broker.start());
        Watcher second;
        second.start({"--model", model, "--input", in, "--db", db, "--publish", broker.url("line2/verdicts"),
                      "--exit-when-idle", "3", "--json", path("outbox-summary.json")});
        QCOMPARE(second.finish(120000), 0);
        QVERIFY2(second.err.contains("publishing again 6 MQTT messages"), qPrintable(second.err));
        const bool allArrived = collector.waitFor(
            [&](const std::vector<std::string>& messages) { return dltest::resultIdsOf(messages) == scored; },
            20000);
        QVERIFY2(allArrived, qPrintable(QStringLiteral("%1 messages arrived; watch said: %2")
                                            .arg(collector.messages().size())
                                            .arg(second.err.right(2000))));
        QFile summaryFile(path("outbox-summary.json"));
        QVERIFY(summaryFile.open(QIODevice::ReadOnly));
        const QJsonObject mqtt = QJsonDocument::fromJson(summaryFile.readAll()).object()["mqtt"].toObject();
        QCOMPARE(mqtt["resent_from_earlier_watch"].toInt(), 6);
        QCOMPARE(mqtt["undelivered"].toInt(), 0);
        dl::db::Store store;
        store.open(db);
        QVERIFY(store.pendingMessages(QFileInfo(in).canonicalFilePath()).empty());
        QCOMPARE(store.watchedFiles().size(), std::size_t(6)); // nothing scored twice
    }
};

QTEST_GUILESS_MAIN(TestCliWatch)
#include "tst_cli_watch.moc"
