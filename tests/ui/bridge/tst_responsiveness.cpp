// GUI-thread stall benchmark: trains a small PatchCore through EngineBridge
// while a 5 ms QTimer on the GUI thread measures the gaps between its ticks.
// The engine runs on a worker, so the event loop must keep turning; the gaps
// left are scheduling (2 cores shared with the training) and the GUI work the
// bridge posts (progress, metrics).
//
// The default bound is loose (250 ms) so that a loaded 2-core CI machine stays
// green. On an idle machine, measure the < 50 ms target with
//   DEFECTLENS_STALL_LIMIT_MS=50 QT_QPA_PLATFORM=offscreen build/tests/tst_responsiveness
// (the max and p99 gap are printed either way).
#include "TestSupport.h"
#include "data/Importers.h"
#include "data/SampleData.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/bridge/ModelJobs.h"
#include "ui/common/Translations.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <vector>

class TestResponsiveness : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void trainingLeavesTheEventLoopResponsive()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QVERIFY(dir_.isValid());
        qputenv("DEFECTLENS_CACHE_DIR", (dir_.path() + "/cache").toUtf8());
        const QString root = dir_.path() + "/parts";
        dl::SampleDataOptions options;
        options.trainImages = 40;
        options.testGoodImages = 2;
        options.testDefectImages = 2;
        options.size = 256;
        dl::writeSampleDataset(root.toStdString(), options);
        auto dataset = std::make_shared<const dl::Dataset>(dl::importDataset(root.toStdString(), {}));

        dl::ui::EngineBridge engine;
        dl::ui::TrainSpec spec;
        spec.method = QStringLiteral("patchcore");
        spec.datasets = {dataset};
        spec.params = {{"image_size", 224}, {"coreset_ratio", 0.1}};
        spec.outputPath = dir_.path() + "/parts.dlm";
        spec.weightsPath = dltest::sharedPath("models/mobilenetv2-12-int8.onnx");

        std::vector<double> gapsMs;
        QElapsedTimer clock;
        qint64 lastTickNs = 0;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.nsecsElapsed();
            gapsMs.push_back(double(now - lastTickNs) / 1e6);
            lastTickNs = now;
        });
        int progressUpdates = 0;
        QStringList stages;
        connect(&engine, &dl::ui::EngineBridge::modelJobProgress, this,
                [&](double, const QString& stage, double) {
                    ++progressUpdates;
                    stages << stage;
                });
        // The engine's stages reach the GUI in the user's language.
        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("de")));

        QSignalSpy trained(&engine, &dl::ui::EngineBridge::modelTrained);
        QSignalSpy failed(&engine, &dl::ui::EngineBridge::modelJobFailed);
        // A plain event loop as the application runs one (QTest::qWait would add
        // its own 10 ms sleeps to the measured gaps).
        QEventLoop loop;
        connect(&engine, &dl::ui::EngineBridge::modelTrained, &loop, &QEventLoop::quit);
        connect(&engine, &dl::ui::EngineBridge::modelJobFailed, &loop, &QEventLoop::quit);
        QTimer::singleShot(300000, &loop, &QEventLoop::quit);
        clock.start();
        ticker.start();
        engine.train(spec);
        loop.exec();
        ticker.stop();
        QVERIFY2(trained.count() == 1 || failed.count() == 1, "training did not finish within 300 s");
        const double trainingSeconds = double(clock.elapsed()) / 1000.0;
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(gapsMs.size() > 20);
        QVERIFY(progressUpdates > 0);
        dl::ui::setLanguage(*qApp, QStringLiteral("en"));
        QVERIFY2(stages.contains(QStringLiteral("Patch-Merkmale werden extrahiert")), qPrintable(stages.join(u'|')));

        std::vector<double> sorted = gapsMs;
        std::sort(sorted.begin(), sorted.end());
        const double maxGap = sorted.back();
        const double p99 = sorted[std::size_t(0.99 * double(sorted.size() - 1))];
        const double median = sorted[sorted.size() / 2];
        qInfo("GUI-thread stall during %.1f s of training: %zu ticks, max gap %.1f ms, p99 %.1f ms, median %.1f ms",
              trainingSeconds, sorted.size(), maxGap, p99, median);

        const double limitMs = qEnvironmentVariableIsSet("DEFECTLENS_STALL_LIMIT_MS")
                                   ? qEnvironmentVariable("DEFECTLENS_STALL_LIMIT_MS").toDouble()
                                   : 250.0;
        QVERIFY2(maxGap < limitMs, qPrintable(QStringLiteral("max event-loop gap %1 ms exceeds %2 ms")
                                                 .arg(maxGap, 0, 'f', 1).arg(limitMs)));
    }
};

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
