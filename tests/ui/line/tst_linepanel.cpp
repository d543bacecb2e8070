// Line mode with a real model and a real watch folder: parts dropped into the
// folder appear with their heatmap and verdict, the counts and the alarm follow,
// Pause holds parts back, A / R ask for a review of the part shown, and every
// part is recorded in the database.
#include "MqttTestSupport.h"
#include "TestSupport.h"
#include "ui/GeneratedParts.h"
#include "data/Importers.h"
#include "database/Store.h"
#include "engine/Engine.h"
#include "ui/MainWindow.h"
#include "ui/line/LinePanel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSpinBox>
#include <QLabel>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

using dltest::makePart;

namespace {

// As a grabber writes: under a temporary name, renamed when complete.
void dropPart(const QString& folder, const QString& name, int seed, bool defect)
{
    const QString temporary = folder + "/" + name + ".part";
    QVERIFY(makePart(seed, defect).save(temporary, "PNG"));
    QVERIFY(QFile::rename(temporary, folder + "/" + name));
}

} // namespace

class TestLinePanel : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString bundle_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        if (!dltest::sharedExists("models/mobilenetv2-12-int8.onnx"))
            return;
        bundle_ = dir_.path() + "/parts.dlm";
        dltest::trainPartsModel(dir_.path() + "/train", bundle_);
    }

    void refusesAFolderThatDoesNotExist()
    {
        dl::ui::LinePanel panel;
        QSignalSpy errors(&panel, &dl::ui::LinePanel::errorOccurred);
        QVERIFY(!panel.startWatching(dir_.path() + "/nowhere"));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains("nowhere"));
        QVERIFY(!panel.isWatching());
    }

    void livePartsShowCountAlarmPauseAndAreRecorded()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString folder = dir_.path() + "/line";
        const QString database = dir_.path() + "/line.sqlite";
        QVERIFY(QDir().mkpath(folder));
        dl::ui::LinePanel panel;
        panel.resize(1200, 800);
        panel.show();
        panel.setDatabasePathProvider([database] { return database; });
        panel.setLoadedModel(bundle_);
        panel.findChild<QComboBox*>("lineModel")->setCurrentIndex(1); // the loaded model
        panel.setAlarmThreshold(2);
        QSignalSpy errors(&panel, &dl::ui::LinePanel::errorOccurred);
        QSignalSpy started(panel.session(), &dl::ui::LineSession::started);
        QSignalSpy recorded(&panel, &dl::ui::LinePanel::partRecorded);
        QVERIFY(panel.startWatching(folder));
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 60000);
        QCOMPARE(errors.count(), 0);

        dropPart(folder, "p1.png", 101, false); // as trained on: certainly OK
        dropPart(folder, "p2.png", 102, false);
        QTRY_COMPARE_WITH_TIMEOUT(panel.inspectedCount(), 2, 30000);
        QVERIFY(!panel.alarmRaised());
        dropPart(folder, "p3.png", 3, true);
        QTRY_COMPARE_WITH_TIMEOUT(panel.inspectedCount(), 3, 30000);
        QCOMPARE(panel.findChild<QLabel*>("lineBadge")->text(), QStringLiteral("DEFECT"));
        QVERIFY(!panel.alarmRaised()); // one defect is not a trend
        dropPart(folder, "p4.png", 4, true);
        QTRY_COMPARE_WITH_TIMEOUT(panel.inspectedCount(), 4, 30000);
        QCOMPARE(panel.defectCount(), 2);
        QVERIFY(panel.alarmRaised()); // two in a row
        QVERIFY(!panel.findChild<QLabel*>("lineImage")->pixmap().isNull());

        // Paused: a part waits in the folder's queue until Resume.
        panel.pause(true);
        QTest::qWait(300);
        dropPart(folder, "p5.png", 105, false);
        QTest::qWait(800);
        QCOMPARE(panel.inspectedCount(), 4);
        panel.pause(false);
        QTRY_COMPARE_WITH_TIMEOUT(panel.inspectedCount(), 5, 30000);
        QCOMPARE(panel.findChild<QLabel*>("lineBadge")->text(), QStringLiteral("OK"));

        // A / R ask for a review of the part shown; an override of it counts once.
        QSignalSpy reviews(&panel, &dl::ui::LinePanel::reviewRequested);
        QTest::keyClick(&panel, Qt::Key_R);
        QCOMPARE(reviews.count(), 1);
        QCOMPARE(reviews.at(0).at(0).toLongLong(), panel.shownResultId());
        QCOMPARE(reviews.at(0).at(1).toBool(), false);
        panel.noteOverride(panel.shownResultId());
        panel.noteOverride(panel.shownResultId());
        panel.noteOverride(987654); // not a part of this session
        QCOMPARE(panel.overriddenCount(), 1);

        panel.stopWatching();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isWatching(), 30000);
        QCOMPARE(recorded.count(), 5);
        dl::db::Store store;
        store.open(database);
        const auto journal = store.watchedFiles();
        QCOMPARE(int(journal.size()), 5);
        for (const auto& entry : journal) {
            QVERIFY(entry.scored);
            const auto result = store.result(*entry.resultId);
            QVERIFY(result.has_value());
            QVERIFY2(QFile::exists(result->heatmapPath), qPrintable(result->heatmapPath));
        }
    }

    // The options row reaches the watch: a refused MQTT address or tile overlap is
    // named before anything starts; tiles and polling are recorded with the run, and
    // every verdict reaches a real broker's subscriber.
    void optionsTilesPollingAndMqttReachTheWatch()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        dltest::MosquittoBroker broker;
        DL_REQUIRE_MOSQUITTO(broker);
        QVERIFY(broker.start());
        dltest::MqttCollector collector(broker.port(), "cell7/verdicts");
        QVERIFY(collector.waitUntilSubscribed(10000));

        const QString folder = dir_.path() + "/options";
        const QString database = dir_.path() + "/options.sqlite";
        QVERIFY(QDir().mkpath(folder));
        dl::ui::LinePanel panel;
        panel.setDatabasePathProvider([database] { return database; });
        panel.setLoadedModel(bundle_);
        panel.findChild<QComboBox*>("lineModel")->setCurrentIndex(1);
        QSignalSpy errors(&panel, &dl::ui::LinePanel::errorOccurred);
        panel.setMqttAddress(QStringLiteral("http://broker/x"));
        QVERIFY(!panel.startWatching(folder));
        QVERIFY2(errors.last().first().toString().contains("http://broker/x"), qPrintable(errors.last().first().toString()));
        panel.setMqttAddress(broker.url("cell7/verdicts"));
        panel.setTiling(64, 64);
        QVERIFY(!panel.startWatching(folder));
        QVERIFY(errors.last().first().toString().contains("overlap"));
        QVERIFY(!panel.isWatching());

        panel.setTiling(64, 16);
        panel.setPollSeconds(2);
        QSignalSpy started(panel.session(), &dl::ui::LineSession::started);
        QVERIFY(panel.startWatching(folder));
        QVERIFY(!panel.findChild<QLineEdit*>("lineMqtt")->isEnabled()); // fixed while watching
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 60000);
        dropPart(folder, "q1.png", 201, false);
        dropPart(folder, "q2.png", 202, true);
        QTRY_COMPARE_WITH_TIMEOUT(panel.inspectedCount(), 2, 60000);
        panel.stopWatching();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isWatching(), 30000);

        dl::db::Store store;
        store.open(database);
        std::set<qint64> recorded;
        for (const auto& entry : store.watchedFiles())
            recorded.insert(*entry.resultId);
        QCOMPARE(recorded.size(), std::size_t(2));
        const nlohmann::json params = store.listRuns(1).front().params;
        QCOMPARE(params.at("tile_override").at("size").get<int>(), 64);
        QCOMPARE(params.at("tile_override").at("overlap").get<int>(), 16);
        QCOMPARE(params.at("poll_seconds").get<double>(), 2.0);
        const bool arrived = collector.waitFor(
            [&](const std::vector<std::string>& messages) { return dltest::resultIdsOf(messages) == recorded; },
            20000);
        QVERIFY2(arrived, qPrintable(QStringLiteral("%1 messages arrived").arg(collector.messages().size())));
        QVERIFY(store.pendingMessages(QFileInfo(folder).canonicalFilePath()).empty());
    }

    void lineModeTakesTheCentreOfTheMainWindow()
    {
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QVERIFY(!window.isInLineMode());
        window.setLineMode(true);
        QVERIFY(window.isInLineMode());
        window.setAnnotating(true);
        QVERIFY(!window.isInLineMode());
        window.setLineMode(true);
        QVERIFY(window.isInLineMode());
        QVERIFY(!window.isAnnotating());
    }
};

QTEST_MAIN(TestLinePanel)
#include "tst_linepanel.moc"
