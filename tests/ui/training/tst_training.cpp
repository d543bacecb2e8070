// Training, model management and the retrain -> compare -> promote loop, through
// the real main window on generated data: live per-epoch metrics, cancel leaves
// the previous bundle bit-identical, the model list reads the database, and a
// retrain with database annotations yields a child model that only becomes
// active when promoted.
#include "TestSupport.h"
#include "data/SampleData.h"
#include "database/Store.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/MainWindow.h"
#include "ui/results/ResultsModel.h"
#include "ui/results/ResultsTable.h"
#include "ui/models/ModelCompare.h"
#include "ui/bridge/ModelJobs.h"
#include "ui/models/ModelList.h"
#include "ui/models/ThresholdDialog.h"
#include "ui/training/TrainingPanel.h"
#include "common/UserName.h"
#include "engine/ModelBundle.h"

#include <QCryptographicHash>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QRegularExpression>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Small DMAD settings that train in seconds on 2 cores.
QJsonObject smallDmadParameters(const QString& textureDir)
{
    return {{"synthetic_images", 4}, {"texture_images", 4}, {"texture_dir", textureDir},
            {"normal_patches", 3000}, {"texture_coreset_ratio", 0.1}};
}

} // namespace

class TestTraining : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString dataRoot_;
    QString textureDir_;
    QString databasePath_;
    QString modelsDir_;
    std::unique_ptr<dl::ui::MainWindow> window_;
    QString parentModel_;
    QString promotionReason_;

    dl::ui::TrainingPanel* panel() const { return window_->trainingPanel(); }
    dl::ui::ModelList* models() const { return window_->modelList(); }

private slots:
    void initTestCase()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QVERIFY(dir_.isValid());
        // Keep the active-model setting and the feature cache inside the test folder.
        qputenv("XDG_CONFIG_HOME", (dir_.path() + "/config").toUtf8());
        qputenv("DEFECTLENS_CACHE_DIR", (dir_.path() + "/cache").toUtf8());
        qputenv("DEFECTLENS_WEIGHTS", dltest::sharedPath("models/mobilenetv2-12-int8.onnx").toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("DefectLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_training"));

        dataRoot_ = dir_.path() + "/widget";
        dl::SampleDataOptions options;
        options.trainImages = 14;
        options.testGoodImages = 4;
        options.testDefectImages = 4;
        options.size = 128;
        dl::writeSampleDataset(dataRoot_.toStdString(), options);
        textureDir_ = dir_.path() + "/textures";
        QVERIFY(QDir().mkpath(textureDir_));
        for (int t = 0; t < 4; ++t) {
            QImage texture(96, 96, QImage::Format_RGB888);
            QPainter painter(&texture);
            for (int y = 0; y < 96; y += 6 + t)
                for (int x = 0; x < 96; x += 6 + t)
                    painter.fillRect(x, y, 6 + t, 6 + t, ((x + y) / (6 + t)) % 2 ? QColor(240, 40 * t, 20) : QColor(10, 200, 90));
            painter.end();
            QVERIFY(texture.save(textureDir_ + QStringLiteral("/tex_%1.png").arg(t)));
        }
        databasePath_ = dir_.path() + "/defectlens.sqlite";
        modelsDir_ = dir_.path() + "/models";

        window_ = std::make_unique<dl::ui::MainWindow>();
        window_->setErrorDialogsEnabled(false);
        window_->show();
        QVERIFY(window_->openDatabase(databasePath_));
        panel()->setModelsFolder(modelsDir_);
        QSignalSpy imported(window_->engine(), &dl::ui::EngineBridge::datasetImported);
        window_->openDataset(dataRoot_);
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 30000);
        // Promotions ask for a reason in a dialog; the test answers it.
        models()->setPromotionReasonProvider([this](const QString&) -> std::optional<QString> { return promotionReason_; });
    }

    void cleanupTestCase()
    {
        window_.reset();
    }

    void curvesKeepThePlotsWidthBeforeTheFirstCurve()
    {
        // The legend row above the axes must not narrow them while it is empty.
        auto* plot = panel()->findChild<QCustomPlot*>(QStringLiteral("trainingCurves"));
        QVERIFY(plot);
        QTRY_VERIFY(plot->isVisible() && plot->width() > 200);
        plot->replot();
        QVERIFY2(plot->axisRect()->width() > plot->width() / 2,
                 qPrintable(QStringLiteral("axes %1 px of %2").arg(plot->axisRect()->width()).arg(plot->width())));
    }

    void trainingStreamsLiveMetricsAndRecordsTheModel()
    {
        QSignalSpy errors(window_.get(), &dl::ui::MainWindow::errorShown);
        QSignalSpy metrics(window_->engine(), &dl::ui::EngineBridge::trainingMetric);
        QSignalSpy finished(panel(), &dl::ui::TrainingPanel::trainingFinished);
        auto metricsBeforeFinish = std::make_shared<int>(-1);
        const auto snapshot = connect(panel(), &dl::ui::TrainingPanel::trainingFinished, this,
                [this, metricsBeforeFinish] { *metricsBeforeFinish = panel()->metricPointCount(QStringLiteral("loss")); });
        panel()->setMethod(QStringLiteral("dmad"));
        QVERIFY(panel()->setParameter(QStringLiteral("image_size"), 128));
        QVERIFY(panel()->setParameter(QStringLiteral("epochs"), 3));
        QVERIFY(panel()->setParameter(QStringLiteral("coreset_ratio"), 0.05));
        panel()->setAdvancedParameters(smallDmadParameters(textureDir_));
        const dl::ui::TrainSpec spec = panel()->currentSpec();
        QCOMPARE(spec.categories, QStringList({QStringLiteral("widget")}));
        QCOMPARE(spec.params.value("epochs").toInt(), 3);
        QVERIFY(spec.outputPath.startsWith(modelsDir_));

        panel()->startTraining();
        QVERIFY(panel()->isTraining());
        // The GUI thread keeps running while the worker trains.
        QTRY_VERIFY_WITH_TIMEOUT(metrics.count() >= 1 || finished.count() == 1, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        disconnect(snapshot);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        // One loss and one validation value per epoch, all before training finished.
        QCOMPARE(*metricsBeforeFinish, 3);
        QCOMPARE(panel()->metricPointCount(QStringLiteral("validation")), 3);
        QCOMPARE(panel()->curvePlot()->graphCount(), 2);

        const auto model = finished.first().at(0).value<dl::ui::TrainedModel>();
        QVERIFY(QFileInfo::exists(model.bundlePath));
        QVERIFY(model.modelId > 0);
        parentModel_ = model.bundlePath;

        dl::db::Store store;
        store.open(databasePath_);
        const std::optional<dl::db::ModelRecord> record = store.model(model.modelId);
        QVERIFY(record);
        QCOMPARE(record->method, QStringLiteral("dmad"));
        QCOMPARE(record->bundlePath, model.bundlePath);
        QCOMPARE(record->bundleChecksum, model.checksum);
        QCOMPARE(record->categories, QStringList({QStringLiteral("widget")}));
        QVERIFY(!record->parentModelId);
        // The newest fit run (the new model's evaluation may already have started a test run).
        const std::vector<dl::db::RunRecord> runs = store.listRuns();
        const auto fit = std::find_if(runs.begin(), runs.end(),
                                      [](const dl::db::RunRecord& run) { return run.kind == dl::db::RunKind::Fit; });
        QVERIFY(fit != runs.end());
        QCOMPARE(fit->status, dl::db::RunStatus::Succeeded);
        QCOMPARE(fit->modelId.value_or(0), model.modelId);

        // A new model never goes into use by itself: with no model in use it is
        // loaded for review and evaluated (its metrics shown in the model list) ...
        QCOMPARE(models()->activeModelPath(), QString());
        QSignalSpy evaluated(models(), &dl::ui::ModelList::newModelEvaluated);
        QTRY_VERIFY_WITH_TIMEOUT(window_->engine()->model() && window_->engine()->model()->bundlePath == model.bundlePath,
                                 30000);
        QTRY_COMPARE_WITH_TIMEOUT(evaluated.count(), 1, 120000);
        QVERIFY(store.model(model.modelId)->metrics.contains("image_auroc"));
        QVERIFY(!models()->table()->item(0, 5)->text().isEmpty()); // image AUROC column

        // ... and promoted only with a reason: an empty one is refused.
        promotionReason_ = QStringLiteral("  ");
        QVERIFY(!models()->promoteWithConfirmation(model.bundlePath));
        QCOMPARE(models()->activeModelPath(), QString());
        promotionReason_ = QStringLiteral("first model of the line");
        QVERIFY(models()->promoteWithConfirmation(model.bundlePath));
        QCOMPARE(models()->activeModelPath(), model.bundlePath);
        promotionReason_ = QStringLiteral("promoted after a before/after comparison");
    }

    void inspectionsRecordResultsTheResultsTableShows()
    {
        QVERIFY(!parentModel_.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(window_->engine()->model(), 30000);
        dl::ui::ResultsTable* table = window_->resultsTable();
        QSignalSpy inspected(window_->engine(), &dl::ui::EngineBridge::inspected);
        QSignalSpy errors(window_.get(), &dl::ui::MainWindow::errorShown);

        // The loaded dataset's test split: a test run with metrics and a heatmap per image.
        QVERIFY(window_->inspectTestSet());
        QTRY_COMPARE_WITH_TIMEOUT(inspected.count(), 1, 180000);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const auto testSet = inspected.takeFirst().first().value<dl::ui::InspectionSummary>();
        QVERIFY(testSet.testSplit);
        QCOMPARE(testSet.images, 8);
        QVERIFY(testSet.imageAuroc >= 0.0);
        // The table shows the new run at once, every row named below the dataset root.
        QTRY_COMPARE(table->proxyModel()->rowCount(), 8);
        const std::optional<qint64> testRun = table->selectedRunId();
        QVERIFY(testRun);
        {
            dl::db::Store store;
            store.open(databasePath_);
            QCOMPARE(store.run(*testRun)->kind, dl::db::RunKind::Test);
        }
        for (int row = 0; row < 8; ++row) {
            const dl::ui::ResultRow& result = table->resultsModel()->rowAt(row);
            QVERIFY2(result.relativePath.startsWith("test/"), qPrintable(result.relativePath));
            QVERIFY(!result.defectType.isEmpty());
            QVERIFY2(result.result.heatmapPath.startsWith(testSet.heatmapFolder), qPrintable(result.result.heatmapPath));
            QVERIFY(!QImage(result.result.heatmapPath).isNull());
        }

        // A folder of files: a predict run, one result per image, the table follows.
        QVERIFY(window_->inspectFolder(dataRoot_ + "/test"));
        QTRY_COMPARE_WITH_TIMEOUT(inspected.count(), 1, 180000);
        const auto folder = inspected.takeFirst().first().value<dl::ui::InspectionSummary>();
        QVERIFY(!folder.testSplit);
        QCOMPARE(folder.images, 8);
        QCOMPARE(folder.failed, 0);
        QTRY_VERIFY(table->selectedRunId() && *table->selectedRunId() > *testRun);
        QCOMPARE(table->proxyModel()->rowCount(), 8);
        const dl::ui::ResultRow& first = table->resultsModel()->rowAt(0);
        QVERIFY(QFileInfo::exists(first.result.heatmapPath));
        // Not the bare file name: "000.png" exists in every folder.
        QVERIFY2(first.relativePath.contains('/'), qPrintable(first.relativePath));

        // An image opened for review is recorded in this session's viewer run.
        const QString reviewed = QDir(dataRoot_ + "/test/good").entryInfoList({"*.png"}, QDir::Files).value(0).absoluteFilePath();
        QVERIFY(!reviewed.isEmpty());
        QSignalSpy scored(window_->engine(), &dl::ui::EngineBridge::imageScored);
        window_->openImage(reviewed);
        QTRY_VERIFY_WITH_TIMEOUT(table->viewerRunId(), 30000);
        {
            dl::db::Store store;
            store.open(databasePath_);
            dl::db::ResultFilter filter;
            filter.runId = *table->viewerRunId();
            const auto viewed = store.findResults(filter);
            QCOMPARE(int(viewed.size()), 1);
            QCOMPARE(viewed.front().imagePath, reviewed);
            QCOMPARE(store.run(*table->viewerRunId())->params.value("source", std::string()), std::string("gui-viewer"));
        }

        // A folder without images is refused with the folder's name.
        QVERIFY(QDir().mkpath(dir_.path() + "/empty"));
        QVERIFY(window_->inspectFolder(dir_.path() + "/empty"));
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 60000);
        QVERIFY(errors.last().first().toString().contains("empty"));
        QTRY_VERIFY_WITH_TIMEOUT(!window_->engine()->isModelJobRunning(), 30000);
    }

    void cancelLeavesThePreviousModelBitIdentical()
    {
        QVERIFY(!parentModel_.isEmpty());
        const QByteArray before = readAll(parentModel_);
        QVERIFY(!before.isEmpty());
        const QStringList filesBefore = QDir(modelsDir_).entryList(QDir::Files);

        // Even a training told to write over the very same file leaves it alone when cancelled.
        dl::ui::TrainSpec spec = panel()->currentSpec();
        spec.params.insert(QStringLiteral("epochs"), 200);
        spec.outputPath = parentModel_;
        dl::ui::EngineBridge* engine = window_->engine();
        QSignalSpy cancelled(engine, &dl::ui::EngineBridge::modelJobCancelled);
        QSignalSpy trained(engine, &dl::ui::EngineBridge::modelTrained);
        bool cancelRequested = false;
        auto connection = connect(engine, &dl::ui::EngineBridge::trainingMetric, this, [&] {
            if (!cancelRequested) {
                cancelRequested = true;
                engine->cancelModelJobs();
            }
        });
        engine->train(spec);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 180000);
        disconnect(connection);
        QVERIFY(cancelRequested);
        QCOMPARE(trained.count(), 0);
        QVERIFY(!engine->isModelJobRunning());
        QCOMPARE(readAll(parentModel_), before);
        QCOMPARE(QDir(modelsDir_).entryList(QDir::Files), filesBefore); // no temporary file left behind

        dl::db::Store store;
        store.open(databasePath_);
        QCOMPARE(store.listRuns().front().status, dl::db::RunStatus::Cancelled);
    }

    void modelListShowsTheDatabaseModels()
    {
        models()->refresh();
        QCOMPARE(models()->modelCount(), 1);
        QTableWidget* table = models()->table();
        QCOMPARE(table->item(0, 1)->text(), QFileInfo(parentModel_).fileName());
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("dmad"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("widget"));
        QVERIFY(!table->item(0, 0)->text().isEmpty()); // the active marker
        QCOMPARE(models()->methodOf(parentModel_), QStringLiteral("dmad"));
    }

    void retrainWithDatabaseAnnotationsComparesAndPromotes()
    {
        QVERIFY(!parentModel_.isEmpty());
        // Two test defects annotated in the database, as the annotation tools store them.
        qint64 parentId = 0;
        {
            dl::db::Store store;
            store.open(databasePath_);
            const auto dataset = store.findDatasetByRoot(QFileInfo(dataRoot_).absoluteFilePath());
            QVERIFY(dataset);
            int annotated = 0;
            for (const dl::db::ImageRecord& image : store.imagesOfDataset(dataset->id)) {
                if (image.label != 1 || image.maskPath.isEmpty() || annotated == 2)
                    continue;
                const QByteArray png = readAll(image.maskPath);
                QVERIFY(png.startsWith("\x89PNG"));
                store.addAnnotation(image.id, png, QStringLiteral("tester"));
                ++annotated;
            }
            QCOMPARE(annotated, 2);
            for (const dl::db::ModelRecord& m : store.listModels())
                if (m.bundlePath == parentModel_)
                    parentId = m.id;
            QVERIFY(parentId > 0);
        }

        QSignalSpy finished(panel(), &dl::ui::TrainingPanel::trainingFinished);
        QSignalSpy compared(models(), &dl::ui::ModelList::comparisonFinished);
        QSignalSpy errors(window_.get(), &dl::ui::MainWindow::errorShown);
        panel()->retrainWithAnnotations();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        const auto child = finished.first().at(0).value<dl::ui::TrainedModel>();
        QVERIFY(finished.first().at(1).toBool()); // a retrain
        QCOMPARE(finished.first().at(2).toString(), parentModel_);
        QCOMPARE(child.labelledDefects, 2);
        QCOMPARE(child.parentModelId, parentId);
        QVERIFY(child.bundlePath != parentModel_);

        QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 240000);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        {
            dl::db::Store store;
            store.open(databasePath_);
            const auto record = store.model(child.modelId);
            QVERIFY(record);
            QCOMPARE(record->parentModelId.value_or(0), parentId);
            QCOMPARE(record->method, QStringLiteral("dmad"));
            // The evaluations stored their metrics with both models.
            QVERIFY(record->metrics.contains("image_auroc"));
            QVERIFY(store.model(parentId)->metrics.contains("aupro"));
        }

        // Before/after table and two overlaid curves per plot.
        dl::ui::ModelCompare* compare = models()->comparison();
        QCOMPARE(compare->beforePath(), parentModel_);
        QCOMPARE(compare->afterPath(), child.bundlePath);
        QVERIFY(compare->isComplete());
        QCOMPARE(compare->rocPlot()->graphCount(), 2);
        QCOMPARE(compare->proPlot()->graphCount(), 2);
        for (int g = 0; g < 2; ++g) {
            QVERIFY(compare->rocPlot()->graph(g)->dataCount() >= 3);
            QVERIFY(compare->proPlot()->graph(g)->dataCount() >= 3);
        }
        QVERIFY(!compare->metricsTable()->item(0, 0)->text().isEmpty());
        QVERIFY(!compare->metricsTable()->item(0, 1)->text().isEmpty());
        models()->refresh();
        QCOMPARE(models()->modelCount(), 2);
        QCOMPARE(models()->table()->item(0, 4)->text(), QFileInfo(parentModel_).fileName()); // parent column

        // The old model stays in use until the new one is promoted.
        QCOMPARE(models()->activeModelPath(), parentModel_);
        QCOMPARE(window_->engine()->model()->bundlePath, parentModel_);
        QVERIFY(compare->promoteButton()->isVisible());
        QVERIFY(compare->promoteButton()->isEnabled());
        QSignalSpy loaded(window_->engine(), &dl::ui::EngineBridge::modelLoaded);
        compare->promoteButton()->click();
        QCOMPARE(models()->activeModelPath(), child.bundlePath);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QCOMPARE(window_->engine()->model()->bundlePath, child.bundlePath);
        QVERIFY(models()->table()->item(0, 0)->text().size() > 0); // the child (newest, row 0) is marked active
        QVERIFY(models()->table()->item(1, 0)->text().isEmpty());
        const QString activeTip = models()->table()->item(0, 0)->toolTip();
        QVERIFY2(activeTip.contains(QString::fromStdString(dl::currentUserName())) && activeTip.contains("before/after comparison"),
                 qPrintable(activeTip));

        // The promotion is stored in the database, with who and why, after the first
        // training's own promotion.
        dl::db::Store store;
        store.open(databasePath_);
        QCOMPARE(store.activeModel()->bundlePath, child.bundlePath);
        const std::vector<dl::db::ModelPromotionRecord> history = store.promotionHistory();
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[0].modelId, child.modelId);
        QCOMPARE(history[0].reason, QStringLiteral("promoted after a before/after comparison"));
        QVERIFY(!history[0].user.isEmpty());
        QCOMPARE(history[1].reason, QStringLiteral("first model of the line"));
        // Promoted once: the button says so and cannot promote again.
        QVERIFY(!compare->promoteButton()->isEnabled());
    }

    void thresholdDialogChoosesByATargetFalseRejectRate()
    {
        QVERIFY(!parentModel_.isEmpty());
        dl::ui::ThresholdDialog* dialog = models()->showThresholdDialog(parentModel_, 2);
        QVERIFY(dialog);
        QSignalSpy studied(window_->engine(), &dl::ui::EngineBridge::thresholdStudied);
        QSignalSpy errors(window_.get(), &dl::ui::MainWindow::errorShown);
        dialog->start();
        QTRY_COMPARE_WITH_TIMEOUT(studied.count(), 1, 240000);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const auto study = studied.first().first().value<dl::ui::ThresholdStudyResult>();
        QCOMPARE(study.folds, 2);
        QCOMPARE(study.normalScores.size(), 14); // every normal training image, once
        QCOMPARE(study.testNormalScores.size(), 4);
        QCOMPARE(study.testDefectScores.size(), 4);
        QVERIFY(dialog->hasStudy());
        // Good training, good test and defective test scores, with the two thresholds marked.
        QCOMPARE(dialog->histogram()->plottableCount(), 3);
        QVERIFY(dialog->histogram()->itemCount() >= 2);

        // A looser target never raises the threshold; the estimate never exceeds the target.
        dialog->setTargetRate(0.1);
        const double strict = dialog->chosenThreshold();
        QVERIFY(dialog->chosenRate() <= 0.1);
        dialog->setTargetRate(0.2);
        QVERIFY(dialog->chosenThreshold() <= strict);
        QVERIFY(dialog->chosenRate() <= 0.2);

        // Saved as a new model: a child of the studied one, not put into use.
        const QString active = models()->activeModelPath();
        QSignalSpy saved(dialog, &dl::ui::ThresholdDialog::modelSaved);
        const QString adjusted = modelsDir_ + "/threshold-frr20.dlm";
        dialog->saveAsNewModel(adjusted);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(models()->activeModelPath(), active);
        dl::db::Store store;
        store.open(databasePath_);
        const auto records = store.listModels(); // newest first
        QCOMPARE(records.front().bundlePath, QFileInfo(adjusted).absoluteFilePath());
        qint64 parentId = 0;
        for (const auto& m : records)
            if (m.bundlePath == parentModel_)
                parentId = m.id;
        QCOMPARE(records.front().parentModelId.value_or(0), parentId);
        QCOMPARE(records.front().metrics.value("threshold", 0.0), dialog->chosenThreshold());
        dialog->close();
    }

    void activeModelKeptInSettingsByOlderVersionsMovesIntoTheDatabase()
    {
        QVERIFY(!parentModel_.isEmpty());
        const QString path = QFileInfo(dir_.path() + "/older.sqlite").absoluteFilePath();
        dl::db::RowId id = 0;
        {
            dl::db::Store store;
            store.open(path);
            dl::db::ModelRecord model;
            model.method = QStringLiteral("dmad");
            model.bundlePath = parentModel_;
            id = store.addModel(model).id;
        }
        // Versions before database schema 5 kept the active model here, per database file.
        const QString key = QStringLiteral("models/active/")
            + QString::fromLatin1(QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
        QSettings().setValue(key, parentModel_);
        QVERIFY(models()->setDatabasePath(path));
        QCOMPARE(models()->activeModelPath(), parentModel_);
        QVERIFY(!QSettings().contains(key));
        dl::db::Store store;
        store.open(path);
        QCOMPARE(store.activeModel()->id, id);
        QCOMPARE(store.promotionHistory().front().reason, QStringLiteral("moved from this workstation's settings"));
        QVERIFY(models()->setDatabasePath(databasePath_));
    }

    void anInterruptedTrainingResumesAfterItsLastCompleteEpoch()
    {
        // DSKD trains for epochs and keeps every completed one beside the bundle it writes.
        panel()->setMethod(QStringLiteral("dskd"));
        QVERIFY(panel()->setParameter(QStringLiteral("image_size"), 64));
        QVERIFY(panel()->setParameter(QStringLiteral("epochs"), 6));
        panel()->setAdvancedParameters({{"widths", QJsonArray{8, 16, 32, 64}}, {"embed_dim", 64}, {"batch_size", 4}});
        QVERIFY(panel()->resumeCheckpoint().isEmpty());
        dl::ui::EngineBridge* engine = window_->engine();

        QSignalSpy stopped(panel(), &dl::ui::TrainingPanel::trainingStopped);
        auto cancelAfterTwoEpochs = connect(engine, &dl::ui::EngineBridge::trainingMetric, this,
                                            [this](const QString&, int epoch, double) {
                                                if (epoch >= 1)
                                                    panel()->cancelTraining();
                                            });
        panel()->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 180000);
        disconnect(cancelAfterTwoEpochs);
        // What a crash leaves as well: the completed epochs on disk, no bundle. The panel
        // finds them from the files alone, so a restarted workstation offers the same.
        const QString checkpoint = panel()->resumeCheckpoint();
        QVERIFY2(!checkpoint.isEmpty(), qPrintable(stopped.first().first().toString()));
        QVERIFY(checkpoint.startsWith(modelsDir_ + QStringLiteral("/dskd-widget-")));
        QVERIFY(checkpoint.endsWith(QStringLiteral(".dlm.checkpoint")));
        const QString bundle = checkpoint.chopped(int(QStringLiteral(".checkpoint").size()));
        QVERIFY(!QFileInfo::exists(bundle));
        QVERIFY2(stopped.first().first().toString().contains(QStringLiteral("resumes")),
                 qPrintable(stopped.first().first().toString()));
        auto* hint = panel()->findChild<QLabel*>(QStringLiteral("resumeHint"));
        QVERIFY(hint && !hint->isHidden());
        QVERIFY(hint->text().contains(QFileInfo(checkpoint).fileName()));
        QCOMPARE(panel()->currentSpec().outputPath, bundle);

        QSignalSpy finished(panel(), &dl::ui::TrainingPanel::trainingFinished);
        QStringList statusLines;
        auto watchStatus = connect(engine, &dl::ui::EngineBridge::modelJobProgress, this,
                                   [this, &statusLines] { statusLines << panel()->statusText(); });
        panel()->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        disconnect(watchStatus);
        const auto model = finished.first().at(0).value<dl::ui::TrainedModel>();
        QCOMPARE(model.bundlePath, bundle);
        const QStringList resumed = statusLines.filter(QRegularExpression(QStringLiteral("^Resumed after epoch [1-5] ")));
        QVERIFY2(!resumed.isEmpty(), qPrintable(statusLines.join(QLatin1Char('\n'))));
        // The model is saved: its checkpoint is gone and nothing is offered any more.
        QVERIFY(!QFileInfo::exists(checkpoint));
        QVERIFY(panel()->resumeCheckpoint().isEmpty());
        QVERIFY(hint->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(!engine->isModelJobRunning(), 240000);
    }

    // CSE learns from annotated defects too but reuses nothing of a model: Retrain trains
    // a new CSE model with the active one's parameters and the annotations, recorded as
    // its child and compared with it. (After the DMAD retrain, which added the annotations.)
    void retrainingACseModelTrainsANewOneWithTheAnnotations()
    {
        auto* hint = panel()->findChild<QLabel*>(QStringLiteral("labelsHint"));
        QVERIFY(hint);
        panel()->setMethod(QStringLiteral("patchcore"));
        QVERIFY2(hint->text().contains(QStringLiteral("does not learn")) && hint->text().contains(QStringLiteral("CSE"))
                     && hint->text().contains(QStringLiteral("DMAD")),
                 qPrintable(hint->text()));
        panel()->setMethod(QStringLiteral("cse"));
        QVERIFY2(hint->text().contains(QStringLiteral("learns from labelled defects")), qPrintable(hint->text()));

        QSignalSpy errors(window_.get(), &dl::ui::MainWindow::errorShown);
        QSignalSpy finished(panel(), &dl::ui::TrainingPanel::trainingFinished);
        QVERIFY(panel()->setParameter(QStringLiteral("image_size"), 128));
        QVERIFY(panel()->setParameter(QStringLiteral("epochs"), 2));
        // A parent trained with the labels off: its retrain with annotations learns from them.
        panel()->setAdvancedParameters(
            {{"widths", QJsonArray{32, 16}}, {"clusters", 4}, {"texture_dir", textureDir_}, {"labelled_share", 0}});
        panel()->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        const auto parent = finished.first().at(0).value<dl::ui::TrainedModel>();
        QVERIFY(parent.modelId > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!window_->engine()->isModelJobRunning(), 240000);

        // Retrain: no question asked (CSE learns from the annotations), the parent's
        // parameters (epochs 2, not the field's value), the two annotations as labels.
        panel()->setAdvancedParameters({});
        QVERIFY(panel()->setParameter(QStringLiteral("epochs"), 5));
        panel()->setActiveModel(parent.bundlePath, QStringLiteral("cse"));
        QSignalSpy compared(models(), &dl::ui::ModelList::comparisonFinished);
        finished.clear();
        panel()->retrainWithAnnotations();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        const auto child = finished.first().at(0).value<dl::ui::TrainedModel>();
        QVERIFY(finished.first().at(1).toBool()); // a retrain
        QCOMPARE(finished.first().at(2).toString(), parent.bundlePath);
        QCOMPARE(child.method, QStringLiteral("cse"));
        QCOMPARE(child.labelledDefects, 2);
        QCOMPARE(child.parentModelId, parent.modelId);
        const nlohmann::json header = dl::ModelBundle::load(child.bundlePath.toStdString()).header;
        QCOMPARE(header.at("params").at("epochs").get<int>(), 2);
        QCOMPARE(header.at("params").at("clusters").get<int>(), 4);
        QCOMPARE(header.at("params").at("labelled_share").get<double>(), 0.5); // CSE's default, not the parent's 0
        QCOMPARE(header.at("provenance").at("cse").at("labelled_defects").get<int>(), 2);
        QVERIFY(!header.at("provenance").contains("parent_model")); // trained anew, not warm-started
        QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 240000);
        QCOMPARE(models()->comparison()->beforePath(), parent.bundlePath);
        QCOMPARE(models()->comparison()->afterPath(), child.bundlePath);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!window_->engine()->isModelJobRunning(), 240000);
    }

    // Last: it leaves the method list in the user's hands.
    void methodListFollowsTheModelInUseUntilTheUserPicks()
    {
        auto* methods = panel()->findChild<QComboBox*>(QStringLiteral("trainingMethod"));
        QVERIFY(methods);
        panel()->setMethod(QStringLiteral("patchcore"));
        panel()->setActiveModel(parentModel_, QStringLiteral("dmad"));
        QCOMPARE(methods->currentData().toString(), QStringLiteral("dmad"));
        // The engineer picks PatchCore; a model loaded afterwards does not undo that.
        const int patchCore = methods->findData(QStringLiteral("patchcore"));
        methods->setCurrentIndex(patchCore);
        emit methods->activated(patchCore);
        panel()->setActiveModel(parentModel_, QStringLiteral("dmad"));
        QCOMPARE(methods->currentData().toString(), QStringLiteral("patchcore"));
    }
};

QTEST_MAIN(TestTraining)
#include "tst_training.moc"
