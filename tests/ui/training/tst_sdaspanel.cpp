// SDAS in the GUI, through the real main window on generated data: the training
// panel lists SDAS and builds its spec, a cancelled SDAS training keeps its
// checkpoint and the next Start resumes from it, the finished bundle is recorded
// and offered to RealNet (which refuses SDAS synthesis without a model), and the
// synthesis preview (Tools menu) generates images off the GUI thread, the strength
// slider regenerating with the same seed. Tiny SDAS settings keep it to seconds.
#include "data/SampleData.h"
#include "database/Store.h"
#include "ui/MainWindow.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/bridge/ModelJobs.h"
#include "ui/models/ModelList.h"
#include "ui/training/SynthesisPreview.h"
#include "ui/training/TrainingPanel.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace {

// A network small enough for seconds-long fits on 32x32 images (as tst_sdas's).
QJsonObject tinySdasParameters(int maxIterations)
{
    return {{"base_width", 16},       {"channel_multipliers", QJsonArray{1, 2}},
            {"residual_blocks", 1},   {"attention_levels", 1},
            {"batch_size", 8},        {"learning_rate", 1e-3},
            {"max_iterations", maxIterations}, {"curve_interval", 5},
            {"sampling_steps", 5},    {"checkpoint_minutes", 0}};
}

// The iteration in a status line such as "training iteration 12"; -1 when there is none.
int iterationIn(const QString& status)
{
    static const QRegularExpression pattern(QStringLiteral("training iteration (\\d+)"));
    const QRegularExpressionMatch match = pattern.match(status);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

class TestSdasPanel : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString databasePath_;
    QString modelsDir_;
    std::unique_ptr<dl::ui::MainWindow> window_;
    QString sdasModel_; // trained by cancelledSdasTrainingResumesAndIsRecorded

    dl::ui::TrainingPanel* panel() const { return window_->trainingPanel(); }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        qputenv("XDG_CONFIG_HOME", (dir_.path() + "/config").toUtf8());
        qputenv("DEFECTLENS_CACHE_DIR", (dir_.path() + "/cache").toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("DefectLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sdaspanel"));

        const QString dataRoot = dir_.path() + "/widget";
        dl::SampleDataOptions options;
        options.trainImages = 12;
        options.testGoodImages = 2;
        options.testDefectImages = 2;
        options.size = 64;
        dl::writeSampleDataset(dataRoot.toStdString(), options);
        databasePath_ = dir_.path() + "/defectlens.sqlite";
        modelsDir_ = dir_.path() + "/models";

        window_ = std::make_unique<dl::ui::MainWindow>();
        window_->setErrorDialogsEnabled(false);
        window_->show();
        QVERIFY(window_->openDatabase(databasePath_));
        panel()->setModelsFolder(modelsDir_);
        QSignalSpy imported(window_->engine(), &dl::ui::EngineBridge::datasetImported);
        window_->openDataset(dataRoot);
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 30000);
    }

    void cleanupTestCase()
    {
        // DL_TEST_HOLD_MS keeps the last state on screen, e.g. for a screenshot under xvfb.
        if (const int hold = qEnvironmentVariableIntValue("DL_TEST_HOLD_MS"); hold > 0)
            QTest::qWait(hold);
        window_.reset();
    }

    void panelListsSdasAndBuildsItsSpec()
    {
        panel()->setMethod(QStringLiteral("sdas"));
        QVERIFY(panel()->setParameter(QStringLiteral("max_minutes"), 3));
        QVERIFY(panel()->setParameter(QStringLiteral("resolution"), 32));
        QVERIFY(!panel()->setParameter(QStringLiteral("epochs"), 2)); // not an SDAS parameter
        const dl::ui::TrainSpec spec = panel()->currentSpec();
        QCOMPARE(spec.method, QStringLiteral("sdas"));
        QCOMPARE(spec.categories, QStringList({QStringLiteral("widget")}));
        QCOMPARE(spec.params.value("max_minutes").toInt(), 3);
        QCOMPARE(spec.params.value("resolution").toInt(), 32);
        QVERIFY(!spec.params.contains("synthesis"));
        QVERIFY(!spec.labelsFromDatabase);
        QVERIFY2(spec.outputPath.startsWith(modelsDir_ + "/sdas-widget-") && spec.outputPath.endsWith(".dlm"),
                 qPrintable(spec.outputPath));
        QVERIFY(panel()->resumeCheckpoint().isEmpty());

        // A bad SDAS parameter is refused before any work, naming it.
        QSignalSpy errors(panel(), &dl::ui::TrainingPanel::errorOccurred);
        QVERIFY(panel()->setParameter(QStringLiteral("resolution"), 40)); // not a multiple of 16
        panel()->startTraining();
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.first().first().toString().contains("resolution"), qPrintable(errors.first().first().toString()));
        QVERIFY(!panel()->isTraining());
        QVERIFY(panel()->setParameter(QStringLiteral("resolution"), 32));
    }

    void cancelledSdasTrainingResumesAndIsRecorded()
    {
        QSignalSpy errors(window_.get(), &dl::ui::MainWindow::errorShown);
        QSignalSpy stopped(panel(), &dl::ui::TrainingPanel::trainingStopped);
        QSignalSpy finished(panel(), &dl::ui::TrainingPanel::trainingFinished);
        QSignalSpy sdasListChanged(panel(), &dl::ui::TrainingPanel::sdasModelsChanged);
        panel()->setMethod(QStringLiteral("sdas"));
        QVERIFY(panel()->setParameter(QStringLiteral("resolution"), 32));
        panel()->setAdvancedParameters(tinySdasParameters(100000));
        QVERIFY(panel()->resumeCheckpoint().isEmpty());

        panel()->startTraining();
        QVERIFY(panel()->isTraining());
        // The GUI thread keeps running: the status follows the iterations.
        QTRY_VERIFY_WITH_TIMEOUT(iterationIn(panel()->statusText()) >= 2, 60000);
        panel()->cancelTraining();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 30000);
        QVERIFY2(stopped.first().first().toString().contains("checkpoint"), qPrintable(stopped.first().first().toString()));
        // The checkpoint is kept beside the bundle that was not written, and Start with the
        // same categories picks that output again, and says it resumes.
        const QString checkpoint = panel()->resumeCheckpoint();
        QVERIFY2(checkpoint.startsWith(modelsDir_ + "/sdas-widget-") && checkpoint.endsWith(".dlm.sdas-checkpoint"),
                 qPrintable(checkpoint));
        QVERIFY(QFileInfo::exists(checkpoint));
        const QString output = checkpoint.chopped(int(qstrlen(".sdas-checkpoint")));
        QVERIFY(!QFileInfo::exists(output));
        QCOMPARE(panel()->currentSpec().outputPath, output);
        auto* hint = panel()->findChild<QLabel*>(QStringLiteral("resumeHint"));
        QVERIFY(hint && hint->isVisibleTo(panel()));
        QVERIFY2(hint->text().contains(QFileInfo(checkpoint).fileName()), qPrintable(hint->text()));

        panel()->setAdvancedParameters(tinySdasParameters(60)); // budget keys aside, the same fit
        panel()->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count() + stopped.count(), 2, 120000);
        QCOMPARE(finished.count(), 1);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const auto model = finished.first().at(0).value<dl::ui::TrainedModel>();
        QCOMPARE(model.method, QStringLiteral("sdas"));
        QCOMPARE(model.bundlePath, QFileInfo(output).absoluteFilePath());
        QCOMPARE(model.iterations, 60);
        QVERIFY2(model.resumedFrom >= 2, qPrintable(QString::number(model.resumedFrom)));
        QVERIFY2(panel()->statusText().contains(QStringLiteral("resumed from iteration %1").arg(model.resumedFrom)),
                 qPrintable(panel()->statusText()));
        QVERIFY(!QFileInfo::exists(checkpoint));
        QVERIFY(panel()->resumeCheckpoint().isEmpty());
        QVERIFY(!hint->isVisibleTo(panel()));
        QVERIFY(model.modelId > 0);
        sdasModel_ = model.bundlePath;

        // Recorded as the CLI records it: a synthesis model of a fit run.
        dl::db::Store store;
        store.open(databasePath_);
        const std::optional<dl::db::ModelRecord> record = store.model(model.modelId);
        QVERIFY(record);
        QCOMPARE(record->method, QStringLiteral("sdas"));
        QCOMPARE(record->bundlePath, model.bundlePath);
        QCOMPARE(QString::fromStdString(record->metrics.value("kind", "")), QStringLiteral("synthesis"));
        QCOMPARE(record->metrics.value("iterations", 0), 60);
        // Listed for RealNet, and not put into use as a detector.
        QVERIFY(sdasListChanged.count() >= 1);
        QCOMPARE(panel()->sdasModels().value(0), model.bundlePath);
        QVERIFY(panel()->activeModelPath() != model.bundlePath);
        // The model list refuses to put it into use, as defectlens-cli promote does.
        QSignalSpy listErrors(window_->modelList(), &dl::ui::ModelList::errorOccurred);
        window_->modelList()->activateModel(model.bundlePath, QStringLiteral("test"));
        QCOMPARE(listErrors.count(), 1);
        QVERIFY(listErrors.first().first().toString().contains("SDAS synthesis model"));
        QVERIFY(!store.activeModel());
    }

    void realnetPicksAnSdasModelAndRefusesSdasWithoutOne()
    {
        QVERIFY(!sdasModel_.isEmpty());
        panel()->setAdvancedParameters({});
        panel()->setMethod(QStringLiteral("realnet"));
        panel()->setSynthesis(QStringLiteral("dtd"));
        dl::ui::TrainSpec spec = panel()->currentSpec();
        QCOMPARE(spec.params.value("synthesis").toString(), QStringLiteral("dtd"));
        QVERIFY(!spec.params.contains("sdas_model"));

        // SDAS synthesis without a model: a clear message, nothing starts.
        QSignalSpy errors(panel(), &dl::ui::TrainingPanel::errorOccurred);
        QSignalSpy started(window_->engine(), &dl::ui::EngineBridge::modelJobStarted);
        panel()->setSynthesis(QStringLiteral("sdas"));
        panel()->setSdasModel(QString());
        QVERIFY(panel()->sdasModel().isEmpty());
        panel()->startTraining();
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.first().first().toString().contains("needs an SDAS model"),
                 qPrintable(errors.first().first().toString()));
        QVERIFY(!panel()->isTraining());
        QCoreApplication::processEvents();
        QCOMPARE(started.count(), 0);

        // The model trained above goes to the sdas_model parameter.
        panel()->setSynthesis(QStringLiteral("both"));
        panel()->setSdasModel(sdasModel_);
        spec = panel()->currentSpec();
        QCOMPARE(spec.params.value("synthesis").toString(), QStringLiteral("both"));
        QCOMPARE(spec.params.value("sdas_model").toString(), sdasModel_);

        // A panel that did not train it finds it in the database.
        dl::ui::TrainingPanel other(window_->engine());
        other.setDatabasePath(databasePath_);
        QVERIFY(other.sdasModels().contains(sdasModel_));
        other.setMethod(QStringLiteral("realnet"));
        other.setSynthesis(QStringLiteral("sdas"));
        QCOMPARE(other.currentSpec().params.value("sdas_model").toString(), sdasModel_);
    }

    void previewGeneratesOffTheGuiThread()
    {
        QVERIFY(!sdasModel_.isEmpty());
        auto* action = window_->findChild<QAction*>(QStringLiteral("synthesisPreviewAction"));
        QVERIFY(action);
        action->trigger();
        dl::ui::SynthesisPreview* preview = window_->synthesisPreview();
        QVERIFY(preview && preview->isVisible());
        QCOMPARE(preview->model(), sdasModel_);
        QCOMPARE(preview->strength(), 0.15);
        QSignalSpy shown(preview, &dl::ui::SynthesisPreview::imagesShown);

        // The GUI thread stays free: a timer fires while the worker generates.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(5);
        QElapsedTimer clock;
        clock.start();
        preview->setSeed(3);
        preview->generate();
        QVERIFY(clock.elapsed() < 200); // returned at once
        QVERIFY(preview->isGenerating());
        QVERIFY(preview->images().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        QVERIFY(ticks >= 1);
        QCOMPARE(preview->images().size(), dl::ui::SynthesisPreview::kImageCount);
        for (const QImage& image : preview->images())
            QCOMPARE(image.size(), QSize(32, 32));
        QCOMPARE(preview->lastRequest()->seed, 3u);
        QCOMPARE(preview->lastRequest()->strength, 0.15);
    }

    void sliderRegeneratesWithTheSameSeed()
    {
        dl::ui::SynthesisPreview* preview = window_->synthesisPreview();
        QVERIFY(preview);
        const QList<QImage> before = preview->images();
        QVERIFY(!before.isEmpty());
        preview->setDebounceInterval(100);
        QSignalSpy shown(preview, &dl::ui::SynthesisPreview::imagesShown);
        const int requests = preview->requestCount();
        // Quick slider moves: one request once it rests, for the last position.
        preview->setStrength(0.3);
        preview->setStrength(0.4);
        QCOMPARE(preview->requestCount(), requests);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        QCOMPARE(preview->requestCount(), requests + 1);
        QCOMPARE(preview->lastRequest()->strength, 0.4);
        QCOMPARE(preview->lastRequest()->seed, 3u);
        QCOMPARE(preview->shownRequest()->strength, 0.4);
        QCOMPARE(preview->images().size(), before.size());
        QVERIFY(preview->images() != before); // another strength, other images from the same noise
        QVERIFY2(preview->statusText().contains("0.40"), qPrintable(preview->statusText()));
    }
};

QTEST_MAIN(TestSdasPanel)
#include "tst_sdaspanel.moc"
