#include "ui/MainWindow.h"
#include "ui/common/LocalNumber.h"

#include "data/Dataset.h"
#include "data/ImageIO.h"
#include "database/DatabaseLocation.h"
#include "database/Store.h"
#include "ui/annotation/AnnotationEditor.h"
#include "ui/dataset/DatasetTree.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/viewer/ImageViewer.h"
#include "ui/dataset/ImportDialog.h"
#include "ui/bridge/ModelJobs.h"
#include "ui/models/ModelList.h"
#include "ui/results/ReportExporter.h"
#include "ui/viewer/ResultView.h"
#include "ui/results/ResultsModel.h"
#include "ui/results/ResultsTable.h"
#include "ui/common/DatabaseAddress.h"
#include "ui/common/SettingsDialog.h"
#include "ui/common/Theme.h"
#include "ui/dataset/ThumbnailGrid.h"
#include "ui/line/LinePanel.h"
#include "ui/annotation/LabelQueuePanel.h"
#include "ui/common/Translations.h"
#include "ui/training/SynthesisPreview.h"
#include "ui/training/TrainingPanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QImage>
#include <QImageReader>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScreen>
#include <QStackedWidget>
#include <QPushButton>
#include <QStatusBar>
#include <QTime>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <set>

#ifndef DEFECTLENS_VERSION
#define DEFECTLENS_VERSION "unknown"
#endif

// Q_INIT_RESOURCE must be used outside any namespace. dl_ui is a static library,
// so without an explicit reference the linker would drop the icon resources.
static void initDefectLensResources()
{
    Q_INIT_RESOURCE(defectlens);
}

namespace dl::ui {

namespace {

constexpr int kProgressSteps = 1000;
constexpr int kModelLabelWidth = 480;
// A dataset with thousands of unreadable files would flood the log; the first ones tell the story.
constexpr std::size_t kSkippedFilesLogged = 20;

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    static const bool resourcesReady = (initDefectLensResources(), true);
    Q_UNUSED(resourcesReady);

    setWindowTitle(tr("DefectLens"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/defectlens-256.png")));
    // Most of the screen: the review table, the viewer and the training dock all need room.
    resize(QSize(1920, 1200).boundedTo(screen()->availableSize() * 0.95));

    engine_ = new EngineBridge(this);
    resultView_ = new ResultView(this);
    // The centre shows the heatmap review, or the annotation editor in annotate mode.
    centralStack_ = new QStackedWidget(this);
    centralStack_->addWidget(resultView_);
    setCentralWidget(centralStack_);
    // A stack is as wide as its widest page, shown or not: Line mode's page alone
    // made the German window 1,677 px wide. Only the page on show counts.
    connect(centralStack_, &QStackedWidget::currentChanged, this, [this] { sizeCentreByCurrentPage(); });

    createDocks();
    createThumbnailDock();
    createModelDocks();
    createAnnotationMode();
    createLineMode();
    createLabelQueueDock();
    createActions();
    createStatusBar();
    connectEngine();
    retranslateUi(); // also names the theme entries, which createActions leaves blank

    // Engine messages may come from any thread; queue them to the log view.
    setLogSink([this](LogLevel level, const EngineText& message) {
        const QString text = ui::displayedText(message);
        QMetaObject::invokeMethod(this, [this, level, text] { appendLog(level, text); }, Qt::QueuedConnection);
    });
    appendLog(LogLevel::Info, tr("DefectLens %1 ready.").arg(QStringLiteral(DEFECTLENS_VERSION)));
}

MainWindow::~MainWindow()
{
    // A connection attempt cannot be interrupted: wait for it (at most the
    // address's connect_timeout) rather than destroy a running thread.
    for (QThread* probe : std::as_const(databaseProbes_)) {
        probe->wait();
        delete probe;
    }
    // Back to stderr before this window goes: a worker may still log while the engine shuts down.
    setLogSink(nullptr);
}

void MainWindow::createActions()
{
    QMenu* fileMenu = fileMenu_ = menuBar()->addMenu(tr("&File"));
    openDatasetAction_ = fileMenu->addAction(tr("Open &dataset folder\u2026"), this, &MainWindow::chooseDataset);
    openDatasetAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openDatasetAction_->setStatusTip(tr("Import a dataset folder (MVTec AD, VisA, image/mask folders or plain images)"));
    openModelAction_ = fileMenu->addAction(tr("Open &model\u2026"), this, &MainWindow::chooseModel);
    openModelAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    openModelAction_->setStatusTip(tr("Load a trained DefectLens model bundle (.dlm)"));
    openImageAction_ = fileMenu->addAction(tr("Open &image\u2026"), this, &MainWindow::chooseImage);
    openImageAction_->setShortcut(QKeySequence::Open);
    openImageAction_->setStatusTip(tr("Score an image file with the loaded model"));
    fileMenu->addSeparator();
    openDatabaseAction_ = fileMenu->addAction(tr("Open results &database\u2026"), this, &MainWindow::chooseDatabase);
    openDatabaseAction_->setStatusTip(tr("Review the results recorded by defectlens-cli test/predict --db"));
    openServerDatabaseAction_
        = fileMenu->addAction(tr("Open results database on a se&rver\u2026"), this, &MainWindow::chooseServerDatabase);
    openServerDatabaseAction_->setObjectName(QStringLiteral("openServerDatabaseAction"));
    openServerDatabaseAction_->setStatusTip(tr("Open the PostgreSQL database the line shares (postgresql://user@host/line1)"));
    exportReportAction_ = fileMenu->addAction(tr("&Export report\u2026"), this, &MainWindow::chooseReport);
    exportReportAction_->setStatusTip(tr("Write the selected run's report as HTML, CSV and PDF"));
    exportReportAction_->setEnabled(false);
    fileMenu->addSeparator();
    settingsAction_ = fileMenu->addAction(tr("&Settings\u2026"), this, &MainWindow::showSettings);
    settingsAction_->setObjectName(QStringLiteral("settingsAction"));
    settingsAction_->setShortcut(QKeySequence::Preferences);
    settingsAction_->setMenuRole(QAction::PreferencesRole);
    fileMenu->addSeparator();
    quitAction_ = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction_->setShortcut(QKeySequence::Quit);
    quitAction_->setMenuRole(QAction::QuitRole);

    QMenu* inspectMenu = inspectMenu_ = menuBar()->addMenu(tr("&Inspect"));
    inspectFolderAction_ = inspectMenu->addAction(tr("Inspect &folder\u2026"), this, &MainWindow::chooseInspectionFolder);
    inspectFolderAction_->setObjectName(QStringLiteral("inspectFolderAction"));
    inspectFolderAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    inspectFolderAction_->setStatusTip(tr("Score every image of a folder with the loaded model and record the results"));
    inspectTestSetAction_ = inspectMenu->addAction(tr("Inspect the &test set"), this, [this] { inspectTestSet(); });
    inspectTestSetAction_->setObjectName(QStringLiteral("inspectTestSetAction"));
    inspectTestSetAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    inspectTestSetAction_->setStatusTip(tr("Score the loaded dataset's test images with the loaded model and record "
                                           "the results with their metrics"));
    inspectMenu->addSeparator();
    lineModeAction_ = inspectMenu->addAction(tr("&Line mode (watch a folder)"));
    lineModeAction_->setObjectName(QStringLiteral("lineModeAction"));
    lineModeAction_->setCheckable(true);
    lineModeAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lineModeAction_->setStatusTip(tr("Score each image as it arrives in a folder, live, and record every part"));
    connect(lineModeAction_, &QAction::toggled, this, &MainWindow::setLineMode);
    updateInspectActions();

    QMenu* viewMenu = viewMenu_ = menuBar()->addMenu(tr("&View"));
    ImageViewer* viewer = resultView_->originalViewer(); // the heatmap viewer follows it
    QAction* zoomIn = zoomInAction_ = viewMenu->addAction(tr("Zoom &in"), viewer, &ImageViewer::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction* zoomOut = zoomOutAction_ = viewMenu->addAction(tr("Zoom &out"), viewer, &ImageViewer::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* fit = fitAction_ = viewMenu->addAction(tr("&Fit to window"), viewer, &ImageViewer::fitToWindow);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    viewMenu->addAction(resultView_->overlayAction()); // O
    viewMenu->addSeparator();
    viewMenu->addAction(datasetDock_->toggleViewAction());
    viewMenu->addAction(resultsDock_->toggleViewAction());
    viewMenu->addAction(logDock_->toggleViewAction());
    viewMenu->addAction(thumbnailDock_->toggleViewAction());
    viewMenu->addSeparator();
    annotateAction_ = viewMenu->addAction(tr("&Annotate defects"));
    annotateAction_->setObjectName(QStringLiteral("annotateAction"));
    annotateAction_->setCheckable(true);
    annotateAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    annotateAction_->setStatusTip(tr("Paint the defect mask of the current image for training (DMAD, CSE, RealNet and STLM learn from it)"));
    connect(annotateAction_, &QAction::toggled, this, &MainWindow::setAnnotating);
    viewMenu->addSeparator();
    viewMenu->addAction(trainingDock_->toggleViewAction());
    viewMenu->addAction(modelsDock_->toggleViewAction());

    createAppearanceMenus(viewMenu);

    QMenu* toolsMenu = toolsMenu_ = menuBar()->addMenu(tr("&Tools"));
    synthesisPreviewAction_ = toolsMenu->addAction(tr("Anomaly &synthesis preview\u2026"), this,
                                                   &MainWindow::showSynthesisPreview);
    synthesisPreviewAction_->setObjectName(QStringLiteral("synthesisPreviewAction"));
    synthesisPreviewAction_->setStatusTip(tr("Generate anomalies with an SDAS model at a chosen strength"));
    labelNextAction_ = toolsMenu->addAction(tr("&Label next…"), this, [this] { startLabelQueue(); });
    labelNextAction_->setObjectName(QStringLiteral("labelNextAction"));
    labelNextAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    labelNextAction_->setStatusTip(tr("Rank the images the model is least sure about and annotate them in that order"));

    QMenu* helpMenu = helpMenu_ = menuBar()->addMenu(tr("&Help"));
    QAction* about = aboutAction_ = helpMenu->addAction(tr("&About DefectLens"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = aboutQtAction_ = helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createDocks()
{
    datasetTree_ = new DatasetTree;
    datasetDock_ = new QDockWidget(tr("Dataset"), this);
    datasetDock_->setObjectName(QStringLiteral("datasetDock"));
    datasetDock_->setWidget(datasetTree_);
    addDockWidget(Qt::LeftDockWidgetArea, datasetDock_);
    connect(datasetTree_, &DatasetTree::imageSelected, this, &MainWindow::openImage);

    resultsTable_ = new ResultsTable;
    resultsDock_ = new QDockWidget(tr("Results"), this);
    resultsDock_->setObjectName(QStringLiteral("resultsDock"));
    resultsDock_->setWidget(resultsTable_);
    addDockWidget(Qt::LeftDockWidgetArea, resultsDock_);
    tabifyDockWidget(datasetDock_, resultsDock_);
    datasetDock_->raise();
    connect(resultsTable_, &ResultsTable::resultSelected, this, &MainWindow::showStoredResult);
    connect(resultsTable_, &ResultsTable::errorOccurred, this,
            [this](const QString& message) { showError(tr("Results database"), message); });
    connect(resultsTable_, &ResultsTable::verdictOverridden, this, &MainWindow::onVerdictOverridden);
    connect(resultsTable_, &ResultsTable::overrideStored, this, [this](const QString& message) {
        appendLog(LogLevel::Info, message);
        statusBar()->showMessage(message, 5000);
    });

    logView_ = new QPlainTextEdit;
    logView_->setObjectName(QStringLiteral("logView"));
    logView_->setReadOnly(true);
    logView_->setMaximumBlockCount(5000); // a long session must not grow without bound
    logDock_ = new QDockWidget(tr("Log"), this);
    logDock_->setObjectName(QStringLiteral("logDock"));
    logDock_->setWidget(logView_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock_);
    resizeDocks({datasetDock_}, {320}, Qt::Horizontal);
    resizeDocks({logDock_}, {140}, Qt::Vertical);
}

void MainWindow::createModelDocks()
{
    trainingPanel_ = new TrainingPanel(engine_);
    trainingDock_ = new QDockWidget(tr("Training"), this);
    trainingDock_->setObjectName(QStringLiteral("trainingDock"));
    trainingDock_->setWidget(trainingPanel_);
    addDockWidget(Qt::RightDockWidgetArea, trainingDock_);

    modelList_ = new ModelList(engine_);
    modelsDock_ = new QDockWidget(tr("Models"), this);
    modelsDock_->setObjectName(QStringLiteral("modelsDock"));
    modelsDock_->setWidget(modelList_);
    addDockWidget(Qt::RightDockWidgetArea, modelsDock_);
    tabifyDockWidget(trainingDock_, modelsDock_);
    trainingDock_->raise();
    resizeDocks({trainingDock_}, {420}, Qt::Horizontal);

    connect(trainingPanel_, &TrainingPanel::trainingFinished, this, &MainWindow::onTrainingFinished);
    connect(trainingPanel_, &TrainingPanel::errorOccurred, this,
            [this](const QString& message) { showError(tr("Training"), message); });
    connect(trainingPanel_, &TrainingPanel::trainingStopped, this,
            [this](const QString& message) { appendLog(LogLevel::Warning, message); });
    connect(modelList_, &ModelList::errorOccurred, this,
            [this](const QString& message) { showError(tr("Models"), message); });
    connect(modelList_, &ModelList::activeModelChanged, this, &MainWindow::onActiveModelChanged);
    connect(engine_, &EngineBridge::modelJobStarted, this,
            [this](const QString& description) { appendLog(LogLevel::Info, description); });
    connect(engine_, &EngineBridge::modelJobFailed, this,
            [this](const QString& message) { showError(tr("Training and evaluation"), message); });
}

void MainWindow::onTrainingFinished(const TrainedModel& model, bool retrain, const QString& parentPath)
{
    appendLog(LogLevel::Info, tr("Trained %1 in %2 s: %3").arg(model.method).arg(model.seconds, 0, 'f', 1)
                                  .arg(model.bundlePath));
    if (modelList_->databasePath() != trainingPanel_->databasePath())
        modelList_->setDatabasePath(trainingPanel_->databasePath());
    else
        modelList_->refresh();
    if (model.method == QLatin1String("sdas")) {
        // A synthesis model generates images and scores none: it is not put into use.
        appendLog(LogLevel::Info, tr("SDAS model %1 is ready for RealNet's synthesis and for Tools > Anomaly "
                                     "synthesis preview.").arg(QFileInfo(model.bundlePath).fileName()));
        return;
    }
    // A new model never goes into use by itself: the active one stays until the
    // engineer promotes the new one (with a reason) after seeing its metrics.
    modelsDock_->show();
    modelsDock_->raise();
    if (retrain) {
        modelList_->compareModels(parentPath, model.bundlePath, true, true);
        return;
    }
    const QString active = modelList_->activeModelPath();
    if (!active.isEmpty() && QFileInfo::exists(active) && engine_->dataset()) {
        // Images labelled from annotations trained the new model: both leave the test split.
        modelList_->compareModels(active, model.bundlePath, model.labelledDefects > 0, true);
    } else {
        // Nothing to compare with: measure it, and load it for review in the viewer.
        modelList_->evaluateNewModel(model.bundlePath);
        if (active.isEmpty())
            openModel(model.bundlePath);
    }
    const QString message = tr("%1 is ready for review; promote it in the Models dock to put it into use.")
                                .arg(QFileInfo(model.bundlePath).fileName());
    appendLog(LogLevel::Info, message);
    statusBar()->showMessage(message, 10000);
}

void MainWindow::showSynthesisPreview()
{
    if (!synthesisPreview_) {
        synthesisPreview_ = new SynthesisPreview(engine_, this);
        connect(trainingPanel_, &TrainingPanel::sdasModelsChanged, synthesisPreview_,
                [this] { synthesisPreview_->setModels(trainingPanel_->sdasModels()); });
        connect(synthesisPreview_, &SynthesisPreview::errorOccurred, this,
                [this](const QString& message) { appendLog(LogLevel::Warning, message); });
    }
    trainingPanel_->refreshSdasModels();
    synthesisPreview_->setModels(trainingPanel_->sdasModels());
    synthesisPreview_->show();
    synthesisPreview_->raise();
    synthesisPreview_->activateWindow();
}

void MainWindow::onActiveModelChanged(const QString& bundlePath, const QString& method)
{
    trainingPanel_->setActiveModel(bundlePath, method);
    if (!bundlePath.isEmpty())
        openModel(bundlePath);
}

void MainWindow::createStatusBar()
{
    stageLabel_ = new QLabel;
    progressBar_ = new QProgressBar;
    progressBar_->setObjectName(QStringLiteral("progressBar"));
    progressBar_->setMaximumWidth(220);
    progressBar_->setTextVisible(false);
    cancelButton_ = new QPushButton(tr("Cancel"));
    cancelButton_->setObjectName(QStringLiteral("cancelButton"));
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        cancelButton_->setEnabled(false);
        stageLabel_->setText(tr("Cancelling\u2026"));
        engine_->cancel();
    });
    modelLabel_ = new QLabel(tr("No model loaded"));
    // The status bar must not widen the window for a long model description: it is
    // elided to this width (updateModelLabel), the tooltip names the bundle.
    modelLabel_->setMaximumWidth(kModelLabelWidth);
    modelLabel_->setObjectName(QStringLiteral("modelLabel"));

    pixelLabel_ = new QLabel;
    pixelLabel_->setObjectName(QStringLiteral("pixelLabel"));
    connect(resultView_, &ResultView::pixelReadoutChanged, pixelLabel_, &QLabel::setText);

    statusBar()->addWidget(stageLabel_, 1);
    statusBar()->addPermanentWidget(pixelLabel_);
    statusBar()->addPermanentWidget(progressBar_);
    statusBar()->addPermanentWidget(cancelButton_);
    statusBar()->addPermanentWidget(modelLabel_);
    onBusyChanged(false);
}

void MainWindow::connectEngine()
{
    connect(engine_, &EngineBridge::jobStarted, this, &MainWindow::onJobStarted);
    connect(engine_, &EngineBridge::progress, this, &MainWindow::onProgress);
    connect(engine_, &EngineBridge::busyChanged, this, &MainWindow::onBusyChanged);
    connect(engine_, &EngineBridge::datasetImported, this, &MainWindow::onDatasetImported);
    connect(engine_, &EngineBridge::modelLoaded, this, &MainWindow::onModelLoaded);
    connect(engine_, &EngineBridge::imageScored, this, &MainWindow::onImageScored);
    connect(engine_, &EngineBridge::failed, this, &MainWindow::onFailed);
    connect(engine_, &EngineBridge::cancelled, this, &MainWindow::onCancelled);
    connect(engine_, &EngineBridge::inspected, this, &MainWindow::onInspected);
    // Trainings, evaluations and inspections (finished, failed or cancelled part
    // way) may all have recorded runs and results.
    connect(engine_, &EngineBridge::modelJobsIdle, this, [this] {
        if (resultsTable_->hasDatabase())
            resultsTable_->refresh();
    });
    connect(engine_, &EngineBridge::datasetImported, this, [this] { updateInspectActions(); });
}

void MainWindow::openDataset(const QString& folder, const DatasetOptions& options)
{
    lastFolder_ = folder;
    appendLog(LogLevel::Info, tr("Opening dataset %1").arg(folder));
    engine_->importDataset(folder, options);
}

void MainWindow::openModel(const QString& bundlePath)
{
    lastFolder_ = QFileInfo(bundlePath).absolutePath();
    appendLog(LogLevel::Info, tr("Opening model %1").arg(bundlePath));
    engine_->loadModel(bundlePath);
}

void MainWindow::openImage(const QString& givenPath)
{
    // Absolute and clean, as the dataset import names its images (`--image ../x.png` included),
    // so the thumbnail strip, the results and the annotations find the same file.
    const QString imagePath = QDir::cleanPath(QFileInfo(givenPath).absoluteFilePath());
    if (imagePath != shownOverride_.imagePath)
        shownOverride_ = {};
    currentImagePath_ = imagePath;
    resultsTable_->setShownImage(imagePath);
    recordScoreOf_ = imagePath;
    // The previous image's score and verdict must not linger while this one is scored.
    resultView_->showPending(imagePath, engine_->nameBelowDatasetRoot(imagePath));
    engine_->scoreImage(imagePath);
    // While annotating, the editor follows the chosen image (asking about unsaved changes).
    if (isAnnotating())
        annotationEditor_->openImage(imagePath);
}

bool MainWindow::openDatabase(const QString& path)
{
    // Opened now: a server still being connected to in the background is no longer wanted.
    ++databaseOpenRequests_;
    setConnecting({});
    return openDatabaseNow(path);
}

void MainWindow::openDatabaseInBackground(const QString& path)
{
    if (!db::DatabaseLocation::isServerAddress(path)) {
        // A local file opens in milliseconds: at once, so that callers (and the
        // tests) find it open on return.
        const bool opened = openDatabase(path);
        emit databaseOpenFinished(path, opened);
        return;
    }
    if (isOpeningDatabase() && isSameDatabase(openingDatabase_, path))
        return; // already being connected to: opened once
    const quint64 request = ++databaseOpenRequests_;
    setConnecting(path.trimmed());
    struct Outcome {
        bool opened = false;
        QString error; // names the database without its password (db::Store's messages)
    };
    auto outcome = std::make_shared<Outcome>();
    // A throwaway Store on the worker: it waits for the server and runs the
    // schema upgrade there, and closes in that thread, which it belongs to.
    QThread* probe = QThread::create([path, outcome] {
        try {
            db::Store store;
            store.open(path);
            outcome->opened = true;
        } catch (const std::exception& error) {
            outcome->error = QString::fromUtf8(error.what());
        }
    });
    probe->setObjectName(QStringLiteral("databaseProbe"));
    databaseProbes_.append(probe);
    connect(probe, &QThread::finished, this, [this, probe, path, request, outcome] {
        databaseProbes_.removeOne(probe);
        probe->deleteLater();
        if (request != databaseOpenRequests_)
            return; // another database was asked for meanwhile
        setConnecting({});
        if (!outcome->opened) {
            showError(tr("Open results database"), outcome->error);
            emit databaseOpenFinished(path, false);
            return;
        }
        emit databaseOpenFinished(path, openDatabaseNow(path)); // the server answered: quick now
    });
    probe->start();
}

void MainWindow::setConnecting(const QString& path)
{
    const bool wasConnecting = isOpeningDatabase();
    openingDatabase_ = path;
    // The table waits (it still shows the previous database, if any) while the new one connects.
    resultsTable_->setEnabled(path.isEmpty());
    if (path.isEmpty()) {
        if (wasConnecting)
            statusBar()->clearMessage();
        return;
    }
    const QString message = tr("Connecting to %1\u2026").arg(databaseDisplayName(path));
    statusBar()->showMessage(message);
    appendLog(LogLevel::Info, message);
}

bool MainWindow::openDatabaseNow(const QString& path)
{
    try {
        resultsTable_->openDatabase(path);
    } catch (const std::exception& error) {
        showError(tr("Open results database"), QString::fromUtf8(error.what()));
        return false;
    }
    if (!db::DatabaseLocation::isServerAddress(path))
        lastFolder_ = localDataFolderFor(path); // the file's folder, also for "sqlite:PATH"
    // Training records its runs and models in the same database the models dock lists.
    trainingPanel_->setDatabasePath(resultsTable_->databasePath());
    modelList_->setDatabasePath(resultsTable_->databasePath());
    const QString activeModel = modelList_->activeModelFile();
    if (!activeModel.isEmpty() && QFileInfo::exists(activeModel)) {
        trainingPanel_->setActiveModel(activeModel, modelList_->methodOf(activeModel));
        if (!engine_->hasModel())
            openModel(activeModel);
    }
    exportReportAction_->setEnabled(true);
    annotationEditor_->setDatabasePath(resultsTable_->databasePath()); // masks go where the results are
    markAnnotatedThumbnails();
    resultsDock_->show();
    resultsDock_->raise();
    // The table needs room for its columns; the dataset tree does not. Once laid out:
    // at start-up the window has not its final width yet.
    QTimer::singleShot(0, this, [this] { resizeDocks({resultsDock_}, {width() / 3}, Qt::Horizontal); });
    appendLog(LogLevel::Info, tr("Opened results database %1").arg(databaseDisplayName(resultsTable_->databasePath())));
    return true;
}

bool MainWindow::exportReport(qint64 runId, const QString& htmlPath)
{
    if (!startReportExport(runId, htmlPath))
        return false;
    // Waits in a local event loop: the window keeps painting and the status bar's
    // Cancel works meanwhile. finishReportExport runs before the loop quits.
    QEventLoop waiting;
    connect(reportJob_, &ReportExportJob::finished, &waiting, &QEventLoop::quit);
    waiting.exec();
    return lastReportSucceeded_;
}

// ---- Report export (File > Export report), off the GUI thread ----

bool MainWindow::startReportExport(qint64 runId, const QString& htmlPath)
{
    if (!resultsTable_->hasDatabase())
        return false;
    if (reportJob_ && reportJob_->isRunning()) {
        showError(tr("Export report"), tr("A report is being written; wait for it or cancel it first."));
        return false;
    }
    QString base = htmlPath;
    if (base.endsWith(QStringLiteral(".html"), Qt::CaseInsensitive))
        base.chop(5);
    try {
        // The database is read here (the Store belongs to this thread; at most
        // ResultsTable::kMaxRows results, well under a second); thumbnails, HTML
        // and PDF are made on a worker.
        ReportExporter exporter(*resultsTable_->store(), runId, ResultsTable::kMaxRows);
        // The report lists what the table shows when its filter hides some of the run's results.
        if (std::optional<ReportSelection> shown = rowsShownByTable(*resultsTable_, runId))
            exporter.setSelection(std::move(*shown));
        createReportStatus();
        reportProgress_->setRange(0, 0); // busy until the first row is done
        reportCancelButton_->setText(tr("Cancel"));
        reportCancelButton_->setEnabled(true);
        reportStatusLabel_->setText(tr("Writing the report of run %1\u2026").arg(runId));
        reportStatus_->show();
        reportJob_->start(std::move(exporter), base);
    } catch (const std::exception& error) {
        showError(tr("Export report"), QString::fromUtf8(error.what()));
        return false;
    }
    return true;
}

void MainWindow::createReportStatus()
{
    if (reportJob_)
        return;
    reportJob_ = new ReportExportJob(this);
    // Its own progress bar and Cancel: an engine job may be running at the same time.
    reportStatus_ = new QWidget;
    reportStatus_->setObjectName(QStringLiteral("reportStatus"));
    auto* layout = new QHBoxLayout(reportStatus_);
    layout->setContentsMargins(0, 0, 0, 0);
    reportStatusLabel_ = new QLabel;
    reportProgress_ = new QProgressBar;
    reportProgress_->setObjectName(QStringLiteral("reportProgress"));
    reportProgress_->setMaximumWidth(160);
    reportProgress_->setTextVisible(false);
    reportCancelButton_ = new QPushButton(tr("Cancel"));
    reportCancelButton_->setObjectName(QStringLiteral("reportCancelButton"));
    layout->addWidget(reportStatusLabel_);
    layout->addWidget(reportProgress_);
    layout->addWidget(reportCancelButton_);
    statusBar()->addPermanentWidget(reportStatus_);
    reportStatus_->hide();
    connect(reportCancelButton_, &QPushButton::clicked, this, [this] {
        reportCancelButton_->setEnabled(false);
        reportStatusLabel_->setText(tr("Cancelling the report\u2026"));
        reportJob_->cancel();
    });
    connect(reportJob_, &ReportExportJob::progressChanged, this, [this](int done, int total) {
        reportProgress_->setRange(0, std::max(total, 1));
        reportProgress_->setValue(done);
    });
    connect(reportJob_, &ReportExportJob::finished, this, &MainWindow::finishReportExport);
}

void MainWindow::finishReportExport()
{
    reportStatus_->hide();
    const QString base = reportJob_->basePath();
    lastReportSucceeded_ = reportJob_->outcome() == ReportExportJob::Outcome::Succeeded;
    switch (reportJob_->outcome()) {
    case ReportExportJob::Outcome::Succeeded:
        appendLog(LogLevel::Info, tr("Report of run %1 written to %2.html, .csv and .pdf")
                                      .arg(reportJob_->runId())
                                      .arg(base));
        statusBar()->showMessage(tr("Report written: %1.html").arg(base), 5000);
        break;
    case ReportExportJob::Outcome::Cancelled:
        appendLog(LogLevel::Warning, tr("Report of run %1 cancelled; no files written").arg(reportJob_->runId()));
        statusBar()->showMessage(tr("Report cancelled"), 5000);
        break;
    case ReportExportJob::Outcome::Failed:
        showError(tr("Export report"), reportJob_->errorMessage());
        break;
    }
}

QString MainWindow::workstationDatabasePath() const
{
    return resultsTable_->hasDatabase() ? resultsTable_->databasePath() : trainingPanel_->databasePath();
}

void MainWindow::updateInspectActions()
{
    if (!inspectFolderAction_)
        return;
    inspectFolderAction_->setEnabled(engine_->hasModel());
    inspectTestSetAction_->setEnabled(engine_->hasModel() && engine_->dataset());
}

bool MainWindow::startInspection(const QString& folder)
{
    const std::optional<ModelSummary> model = engine_->model();
    if (!model) {
        showError(tr("Inspect"), tr("Open or train a model first: an inspection scores images with the loaded model."));
        return false;
    }
    InspectSpec spec;
    spec.bundlePath = model->bundlePath;
    spec.folder = folder;
    if (folder.isEmpty()) {
        if (!engine_->dataset()) {
            showError(tr("Inspect"), tr("Open a dataset first: its test images are inspected."));
            return false;
        }
        spec.datasets = {engine_->dataset()};
    }
    spec.weightsPath = engine_->backboneWeights();
    try {
        spec.databasePath = workstationDatabasePath();
    } catch (const std::exception& error) {
        showError(tr("Inspect"), QString::fromUtf8(error.what()));
        return false;
    }
    // Each inspection's heatmaps in their own folder beside the database (on this
    // station for a server's), so that the results table, the viewer and the
    // reports can show them later.
    const QString name = folder.isEmpty() ? QStringLiteral("test-set") : QFileInfo(folder).fileName();
    spec.heatmapFolder = localDataFolderFor(spec.databasePath) + QStringLiteral("/heatmaps/")
                         + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-")) + name;
    appendLog(LogLevel::Info, folder.isEmpty() ? tr("Inspecting the test set with %1").arg(model->bundlePath)
                                               : tr("Inspecting %1 with %2").arg(folder, model->bundlePath));
    engine_->inspect(spec);
    return true;
}

bool MainWindow::inspectFolder(const QString& folder)
{
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        showError(tr("Inspect"), tr("%1 is not a folder.").arg(folder));
        return false;
    }
    lastFolder_ = folder;
    return startInspection(folder);
}

bool MainWindow::inspectTestSet()
{
    return startInspection(QString());
}

void MainWindow::chooseInspectionFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Inspect folder"), lastFolder_);
    if (!folder.isEmpty())
        inspectFolder(folder);
}

void MainWindow::onInspected(const InspectionSummary& summary)
{
    QString message = tr("Inspected %n image(s) of %1: %2 defective", nullptr, summary.images)
                          .arg(summary.source)
                          .arg(summary.defects);
    if (summary.failed > 0)
        message += QLatin1String("; ") + tr("%n file(s) could not be scored (see the run's results)", nullptr,
                                            summary.failed);
    if (summary.imageAuroc >= 0)
        message += QLatin1String("; ") + tr("image AUROC %1").arg(summary.imageAuroc, 0, 'f', 3);
    appendLog(summary.failed > 0 ? LogLevel::Warning : LogLevel::Info, message);
    statusBar()->showMessage(message, 10000);
    showNewestResults();
}

void MainWindow::showNewestResults()
{
    // The model lane records through its own connection: show what it wrote.
    if (!resultsTable_->hasDatabase()) {
        QString path;
        try {
            path = trainingPanel_->databasePath();
        } catch (const std::exception& error) {
            appendLog(LogLevel::Warning, QString::fromUtf8(error.what()));
            return;
        }
        // A file that the job created, or a server database it recorded in.
        if (db::DatabaseLocation::isServerAddress(path) || QFileInfo::exists(path))
            openDatabaseInBackground(path);
        return;
    }
    resultsTable_->refresh();
    resultsDock_->show();
    resultsDock_->raise();
}

void MainWindow::chooseDatabase()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open results database"), lastFolder_,
        tr("DefectLens databases (*.sqlite *.db)") + QStringLiteral(";;") + tr("All files (*)"));
    if (!path.isEmpty())
        openDatabaseInBackground(path);
}

void MainWindow::chooseServerDatabase()
{
    const QString title = tr("Open results database on a server");
    // The open server database is offered again, but never with a password in it.
    QString address = QStringLiteral("postgresql://");
    if (resultsTable_->hasDatabase() && resultsTable_->store()->isServer()) {
        address = resultsTable_->databasePath();
        if (!QUrl(address).password().isEmpty())
            address = databaseDisplayName(address);
    }
    bool chosen = false;
    address = QInputDialog::getText(this, title,
                                    tr("PostgreSQL address, e.g. postgresql://user@host/line1\n"
                                       "(the password comes from DEFECTLENS_DB_PASSWORD or ~/.pgpass):"),
                                    QLineEdit::Normal, address, &chosen)
                  .trimmed();
    if (!chosen || address.isEmpty())
        return;
    // Any other text would be taken for an SQLite file name and create that file.
    if (!db::DatabaseLocation::isServerAddress(address)) {
        showError(title, tr("A server database is named by a postgresql:// address, e.g. "
                            "postgresql://user@host/line1. Open a database file with File \u25b8 Open results database."));
        return;
    }
    openDatabaseInBackground(address);
}

void MainWindow::chooseReport()
{
    // The run filter's run, else the run of the selected row.
    std::optional<qint64> runId = resultsTable_->selectedRunId();
    if (!runId)
        if (const ResultRow* row = resultsTable_->currentRow())
            runId = row->result.runId;
    if (!runId) {
        showError(tr("Export report"), tr("Choose a run in the results table first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export report"), lastFolder_ + QStringLiteral("/run-%1-report.html").arg(*runId),
        tr("HTML report, with CSV and PDF beside it (*.html)"));
    // Not exportReport: the GUI goes on while the worker writes; the status bar shows it.
    if (!path.isEmpty())
        startReportExport(*runId, path);
}

void MainWindow::showStoredResult(const QString& imagePath, const QString& heatmapPath)
{
    // The badge shows the operator's verdict where one was given.
    shownOverride_ = {};
    shownOverride_.imagePath = imagePath;
    const ResultRow* shownRow = resultsTable_->currentRow();
    storedDisplayName_ = shownRow && shownRow->result.imagePath == imagePath ? shownRow->relativePath : QString();
    if (const ResultRow* row = shownRow; row && row->result.imagePath == imagePath && row->override) {
        shownOverride_.defect = row->override->verdict == db::Verdict::Defect;
        shownOverride_.user = row->override->user;
        shownOverride_.reason = row->override->reason;
    }
    // With a model, the engine scores the image on its worker and draws a fresh heatmap.
    if (engine_->hasModel()) {
        openImage(imagePath);
        recordScoreOf_.clear(); // its result is stored already
        return;
    }
    currentImagePath_ = imagePath;
    resultsTable_->setShownImage(imagePath);
    if (isAnnotating())
        annotationEditor_->openImage(imagePath);
    ScoredImage shown;
    shown.imagePath = imagePath;
    shown.displayName = storedDisplayName_.isEmpty() ? engine_->nameBelowDatasetRoot(imagePath) : storedDisplayName_;
    shown.original = QImage(imagePath);
    // Only PNG heatmaps are pictures; other map formats need the engine to render them.
    if (heatmapPath.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        shown.overlay = QImage(heatmapPath);
    resultView_->showResult(shown);
    resultView_->setOperatorVerdict(shownOverride_.defect, shownOverride_.user, shownOverride_.reason);
}

void MainWindow::onVerdictOverridden(const ResultRow& row)
{
    linePanel_->noteOverride(row.result.id);
    if (row.result.imagePath != currentImagePath_ || !row.override)
        return;
    shownOverride_ = {row.result.imagePath, row.override->verdict == db::Verdict::Defect, row.override->user,
                      row.override->reason};
    resultView_->setOperatorVerdict(shownOverride_.defect, shownOverride_.user, shownOverride_.reason);
}

void MainWindow::chooseDataset()
{
    showImportDialog();
}

void MainWindow::showImportDialog(const QString& folder)
{
    // The dialog previews the folder off the GUI thread and lets the user pick the
    // layout and its options (e.g. the normal class of image+mask folders).
    auto* dialog = new ImportDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString datasets = AppSettings::load().datasetsFolder;
    dialog->setBrowseDirectory(lastFolder_.isEmpty() ? datasets : QFileInfo(lastFolder_).absolutePath());
    if (!folder.isEmpty())
        dialog->setFolder(folder);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openDataset(dialog->folder(), dialog->options()); });
    dialog->open();
}

void MainWindow::chooseModel()
{
    const QString modelsFolder = AppSettings::load().modelsFolder;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), modelsFolder.isEmpty() ? lastFolder_ : modelsFolder,
        tr("DefectLens models (*.dlm)") + QStringLiteral(";;") + tr("All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::chooseImage()
{
    // The extensions the engine's importers accept (data/ImageIO.h, hasImageExtension).
    const QString patterns = QStringLiteral("*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pbm *.pgm *.ppm *.pnm");
    const QString filter = tr("Images (%1)").arg(patterns) + QStringLiteral(";;") + tr("All files (*)");
    const QString path = QFileDialog::getOpenFileName(this, tr("Open image"), lastFolder_, filter);
    if (path.isEmpty())
        return;
    lastFolder_ = QFileInfo(path).absolutePath();
    openImage(path);
}

void MainWindow::showAbout()
{
    QMessageBox about(this);
    about.setWindowTitle(tr("About DefectLens"));
    about.setIconPixmap(QIcon(QStringLiteral(":/icons/defectlens-256.png")).pixmap(96, 96));
    about.setTextFormat(Qt::RichText);
    about.setText(tr("<h3>DefectLens %1</h3>"
                     "<p>A workstation for visual anomaly detection in industrial inspection: train "
                     "detectors on images of good parts, then find and localise defects.</p>"
                     "<p>Built with Qt %2, LibTorch and OpenCV.</p>")
                      .arg(QStringLiteral(DEFECTLENS_VERSION), QLatin1String(qVersion())));
    about.exec();
}

void MainWindow::onJobStarted(const QString& description)
{
    runningJob_ = description;
    stageLabel_->setText(description);
    // Until the engine reports a fraction, show an indeterminate (busy) bar.
    progressBar_->setRange(0, 0);
    cancelButton_->setEnabled(true);
}

void MainWindow::onProgress(double fraction, const QString& stage)
{
    stageLabel_->setText(stage);
    if (fraction > 0.0) {
        progressBar_->setRange(0, kProgressSteps);
        progressBar_->setValue(static_cast<int>(fraction * kProgressSteps));
    }
}

void MainWindow::onBusyChanged(bool busy)
{
    progressBar_->setVisible(busy);
    cancelButton_->setVisible(busy);
    cancelButton_->setEnabled(busy);
    if (busy) {
        progressBar_->setRange(0, 0);
    } else {
        stageLabel_->clear();
        runningJob_.clear();
    }
}

void MainWindow::onDatasetImported(const std::shared_ptr<const Dataset>& dataset)
{
    datasetTree_->showDataset(*dataset);
    thumbnailGrid_->showDataset(*dataset);
    // An image opened before the import finished (e.g. --image at start) is found in the strip now.
    if (!currentImagePath_.isEmpty()) {
        thumbnailGrid_->selectPath(currentImagePath_);
        datasetTree_->selectPath(currentImagePath_);
    }
    annotationEditor_->setDataset(dataset);
    // The new dataset's tree in front, not hidden behind the results tab.
    datasetDock_->show();
    datasetDock_->raise();
    const QString root = QFile::decodeName(dataset->root.c_str());
    std::set<std::string> categories;
    for (const Sample& sample : dataset->samples)
        categories.insert(sample.category);
    datasetName_ = QFileInfo(root).fileName();
    setWindowTitle(tr("%1 \u2014 DefectLens").arg(datasetName_));
    appendLog(LogLevel::Info, tr("Imported %1 (format: %2, categories: %3): %n image(s)", nullptr,
                                 static_cast<int>(dataset->samples.size()))
                                  .arg(root, QString::fromLatin1(toString(dataset->format)),
                                       QString::number(categories.size())));
    if (!dataset->skipped.empty()) {
        appendLog(LogLevel::Warning,
                  tr("%n file(s) skipped during import", nullptr, static_cast<int>(dataset->skipped.size())));
        for (std::size_t i = 0; i < dataset->skipped.size() && i < kSkippedFilesLogged; ++i)
            appendLog(LogLevel::Warning, QStringLiteral("%1: %2").arg(
                                             QFile::decodeName(dataset->skipped[i].path.c_str()),
                                             QString::fromStdString(dataset->skipped[i].reason)));
    }
    statusBar()->showMessage(tr("Dataset imported: %n image(s)", nullptr, static_cast<int>(dataset->samples.size())),
                             5000);
    markAnnotatedThumbnails();
}

void MainWindow::markAnnotatedThumbnails()
{
    const std::shared_ptr<const Dataset> dataset = engine_->dataset();
    db::Store* store = resultsTable_->store();
    if (!dataset || !store || !resultsTable_->hasDatabase())
        return;
    try {
        const auto record = store->findDatasetByRoot(QFile::decodeName(dataset->root.c_str()));
        if (!record)
            return;
        for (const db::ImageRecord& image : store->imagesOfDataset(record->id))
            if (store->latestAnnotation(image.id))
                thumbnailGrid_->thumbnailModel()->setAnnotated(image.path);
    } catch (const std::exception& error) {
        appendLog(LogLevel::Warning, tr("Annotated images could not be marked: %1").arg(QString::fromUtf8(error.what())));
    }
}

void MainWindow::onModelLoaded(const ModelSummary& model)
{
    updateInspectActions();
    resultView_->setModel(&model);
    // The model in use in the viewer is the one "Retrain with annotations" starts from,
    // however it was opened (model list, File > Open model, --model).
    trainingPanel_->setActiveModel(model.bundlePath, model.method);
    linePanel_->setLoadedModel(model.bundlePath);
    const QString categories = model.categories.join(QStringLiteral(", "));
    updateModelLabel();
    appendLog(LogLevel::Info, tr("Loaded model %1: method %2, categories %3, threshold %4 (%5)")
                                  .arg(model.bundlePath, model.method, categories,
                                       localNumber(model.threshold, 'g', 6), model.thresholdSource));
    // The image on screen was shown without (or with another) model: score it again.
    if (!currentImagePath_.isEmpty())
        engine_->scoreImage(currentImagePath_);
}

void MainWindow::onImageScored(const ScoredImage& given)
{
    ScoredImage image = given;
    // A stored result is named as the results table names it, dataset loaded or not.
    if (image.displayName.isEmpty() && image.imagePath == shownOverride_.imagePath)
        image.displayName = storedDisplayName_;
    resultView_->showResult(image);
    if (image.scored && !image.overlay.isNull())
        annotationEditor_->setHeatmap(image.imagePath, image.overlay); // a guide while annotating
    if (image.imagePath == shownOverride_.imagePath && shownOverride_.defect)
        resultView_->setOperatorVerdict(shownOverride_.defect, shownOverride_.user, shownOverride_.reason);
    if (image.scored)
        thumbnailGrid_->thumbnailModel()->setVerdict(image.imagePath, image.defect, image.score);
    thumbnailGrid_->selectPath(image.imagePath);
    datasetTree_->selectPath(image.imagePath);
    // Scores of images opened for review are recorded, once; a stored result shown again is not.
    if (image.scored && image.imagePath == recordScoreOf_) {
        recordScoreOf_.clear();
        if (const std::optional<ModelSummary> model = engine_->model())
            resultsTable_->recordViewerScore(image.imagePath, image.score, image.defect, model->bundlePath,
                                             model->checksum);
    }
    if (image.scored)
        appendLog(LogLevel::Info, tr("%1: score %2, %3")
                                      .arg(image.imagePath, localNumber(image.score, 'g', 6),
                                           image.defect ? tr("DEFECT") : tr("OK")));
}

void MainWindow::onFailed(const QString& message)
{
    showError(runningJob_.isEmpty() ? tr("DefectLens") : tr("%1 failed").arg(runningJob_), message);
}

void MainWindow::onCancelled(const QString& description)
{
    appendLog(LogLevel::Warning, tr("%1 cancelled").arg(description));
    statusBar()->showMessage(tr("%1 cancelled").arg(description), 5000);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    appendLog(LogLevel::Error, message);
    emit errorShown(message);
    if (!errorDialogsEnabled_)
        return;
    // open(), not exec(): no nested event loop while workers keep reporting.
    auto* box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::appendLog(LogLevel level, const QString& message)
{
    QString prefix;
    switch (level) {
    case LogLevel::Debug:
        prefix = tr("debug: ");
        break;
    case LogLevel::Info:
        break;
    case LogLevel::Warning:
        prefix = tr("warning: ");
        break;
    case LogLevel::Error:
        prefix = tr("error: ");
        break;
    }
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    logView_->appendPlainText(QStringLiteral("[%1] %2%3").arg(time, prefix, message));
}

void MainWindow::createAnnotationMode()
{
    annotationEditor_ = new AnnotationEditor;
    centralStack_->addWidget(annotationEditor_);
    sizeCentreByCurrentPage();
    connect(annotationEditor_, &AnnotationEditor::errorOccurred, this,
            [this](const QString& message) { showError(tr("Annotation"), message); });
    connect(annotationEditor_, &AnnotationEditor::annotationSaved, this, [this](const QString& imagePath, qint64 id) {
        thumbnailGrid_->thumbnailModel()->setAnnotated(imagePath);
        const QString message = tr("Annotation %1 of %2 saved to %3")
                                    .arg(id)
                                    .arg(imagePath, databaseDisplayName(annotationEditor_->databasePath()));
        appendLog(LogLevel::Info, message);
        statusBar()->showMessage(message, 5000);
    });
}

void MainWindow::createLineMode()
{
    linePanel_ = new LinePanel;
    centralStack_->addWidget(linePanel_);
    sizeCentreByCurrentPage();
    linePanel_->setDatabasePathProvider([this] { return workstationDatabasePath(); });
    connect(linePanel_, &LinePanel::errorOccurred, this, [this](const QString& message) { showError(tr("Line"), message); });
    connect(linePanel_, &LinePanel::statusMessage, this, [this](const QString& message) {
        appendLog(LogLevel::Info, message);
        statusBar()->showMessage(message, 8000);
    });
    connect(linePanel_, &LinePanel::reviewRequested, this, &MainWindow::reviewLivePart);
    connect(linePanel_, &LinePanel::partRecorded, this, [this] {
        // At most one reload a second: the line may deliver 40 parts a second.
        if (liveRefreshPending_)
            return;
        liveRefreshPending_ = true;
        QTimer::singleShot(1000, this, &MainWindow::followLiveResults);
    });
}

void MainWindow::createLabelQueueDock()
{
    labelQueue_ = new LabelQueuePanel;
    labelQueueDock_ = new QDockWidget(tr("Label next"), this);
    labelQueueDock_->setObjectName(QStringLiteral("labelQueueDock"));
    labelQueueDock_->setWidget(labelQueue_);
    addDockWidget(Qt::RightDockWidgetArea, labelQueueDock_);
    tabifyDockWidget(modelsDock_, labelQueueDock_);
    trainingDock_->raise();
    connect(labelQueue_, &LabelQueuePanel::rankRequested, this, [this] { startLabelQueue(); });
    connect(labelQueue_, &LabelQueuePanel::openRequested, this, [this](const QString& imagePath) {
        openImage(imagePath);
        setAnnotating(true);
    });
    connect(engine_, &EngineBridge::labelQueueReady, this, [this](const LabelQueue& queue) {
        labelQueue_->setQueue(queue);
        appendLog(LogLevel::Info, tr("Label next: %n image(s) ranked", nullptr, int(queue.entries.size())));
    });
    // A ranking that failed or was cancelled leaves the queue as it was.
    connect(engine_, &EngineBridge::modelJobsIdle, this, [this] { labelQueue_->setRanking(false); });
    // A saved mask moves the queue on to its next image.
    connect(annotationEditor_, &AnnotationEditor::annotationSaved, this,
            [this](const QString& imagePath, qint64) { labelQueue_->markAnnotated(imagePath, true); });
}

bool MainWindow::startLabelQueue()
{
    const std::optional<ModelSummary> model = engine_->model();
    if (!model) {
        showError(tr("Label next"), tr("Open or train a model first: it ranks the images."));
        return false;
    }
    if (!engine_->dataset()) {
        showError(tr("Label next"), tr("Open a dataset first: its test images are ranked."));
        return false;
    }
    LabelQueueSpec spec;
    spec.bundlePath = model->bundlePath;
    spec.dataset = engine_->dataset();
    spec.weightsPath = engine_->backboneWeights();
    try {
        spec.databasePath = workstationDatabasePath();
    } catch (const std::exception& error) {
        appendLog(LogLevel::Warning, QString::fromUtf8(error.what())); // ranked without overrides and annotations
    }
    labelQueueDock_->show();
    labelQueueDock_->raise();
    labelQueue_->setRanking(true);
    engine_->rankForLabelling(spec);
    return true;
}

void MainWindow::followLiveResults()
{
    liveRefreshPending_ = false;
    try {
        const QString database = workstationDatabasePath();
        if (!resultsTable_->hasDatabase() || resultsTable_->databasePath() != database)
            resultsTable_->openDatabase(database);
        else
            resultsTable_->refresh();
    } catch (const std::exception& error) {
        appendLog(LogLevel::Warning, QString::fromUtf8(error.what()));
    }
}

void MainWindow::reviewLivePart(qint64 resultId, bool acceptAsOk)
{
    followLiveResults();
    if (!resultsTable_->selectResult(resultId)) {
        showError(tr("Line"), tr("Result %1 is not shown in the results table (check its filters).").arg(resultId));
        return;
    }
    if (acceptAsOk)
        resultsTable_->acceptCurrent();
    else
        resultsTable_->rejectCurrent();
}

bool MainWindow::isInLineMode() const
{
    return centralStack_->currentWidget() == linePanel_;
}

void MainWindow::setLineMode(bool on)
{
    {
        const QSignalBlocker noRecursion(lineModeAction_);
        lineModeAction_->setChecked(on);
    }
    if (on && isAnnotating()) {
        const QSignalBlocker quiet(annotateAction_);
        annotateAction_->setChecked(false);
    }
    // Leaving keeps the session running: the operator may look at a part meanwhile.
    centralStack_->setCurrentWidget(on ? static_cast<QWidget*>(linePanel_) : resultView_);
}

bool MainWindow::isAnnotating() const
{
    return centralStack_->currentWidget() == annotationEditor_;
}

void MainWindow::setAnnotating(bool on)
{
    {
        const QSignalBlocker noRecursion(annotateAction_);
        annotateAction_->setChecked(on);
    }
    if (on && lineModeAction_ && lineModeAction_->isChecked()) {
        const QSignalBlocker quiet(lineModeAction_);
        lineModeAction_->setChecked(false);
    }
    // Leaving keeps the editor's state (and any unsaved mask, asked about later).
    centralStack_->setCurrentWidget(on ? static_cast<QWidget*>(annotationEditor_) : resultView_);
    if (!on)
        return;
    if (!currentImagePath_.isEmpty())
        annotationEditor_->openImage(currentImagePath_);
    annotationEditor_->canvas()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!annotationEditor_->maybeSave()) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::createThumbnailDock()
{
    thumbnailGrid_ = new ThumbnailGrid;
    thumbnailDock_ = new QDockWidget(tr("Thumbnails"), this);
    thumbnailDock_->setObjectName(QStringLiteral("thumbnailDock"));
    thumbnailDock_->setWidget(thumbnailGrid_);
    addDockWidget(Qt::BottomDockWidgetArea, thumbnailDock_);
    tabifyDockWidget(logDock_, thumbnailDock_);
    thumbnailDock_->raise();
    resizeDocks({thumbnailDock_}, {200}, Qt::Vertical);
    connect(thumbnailGrid_, &ThumbnailGrid::imageSelected, this, &MainWindow::openImage);
    // The grid shows the group chosen in the dataset tree (category, split, defect type).
    connect(datasetTree_, &DatasetTree::groupSelected, this,
            [this](const QString& category, int split, const QString& defectType) {
                ThumbnailModel::Filter filter;
                filter.category = category;
                if (split >= 0)
                    filter.split = Split(split);
                filter.defectType = defectType;
                thumbnailGrid_->setFilter(filter);
            });
}

void MainWindow::createAppearanceMenus(QMenu* viewMenu)
{
    viewMenu->addSeparator();
    themeMenu_ = viewMenu->addMenu(tr("&Theme"));
    themeGroup_ = new QActionGroup(this);
    for (Theme theme : {Theme::Light, Theme::Dark}) {
        QAction* action = themeMenu_->addAction(QString());
        action->setCheckable(true);
        action->setData(themeKey(theme));
        action->setObjectName(QStringLiteral("theme_%1").arg(themeKey(theme)));
        action->setChecked(theme == currentTheme());
        themeGroup_->addAction(action);
    }
    connect(themeGroup_, &QActionGroup::triggered, this, [this](QAction* action) {
        AppSettings settings = AppSettings::load();
        settings.theme = action->data().toString();
        applySettings(settings);
    });

    languageMenu_ = viewMenu->addMenu(tr("&Language"));
    languageGroup_ = new QActionGroup(this);
    for (const QString& language : supportedLanguages()) {
        // Each language in its own words, so that a user lost in a foreign UI finds theirs.
        QAction* action = languageMenu_->addAction(languageDisplayName(language));
        action->setCheckable(true);
        action->setData(language);
        action->setObjectName(QStringLiteral("language_%1").arg(language));
        action->setChecked(language == currentLanguage());
        languageGroup_->addAction(action);
    }
    connect(languageGroup_, &QActionGroup::triggered, this, [this](QAction* action) {
        AppSettings settings = AppSettings::load();
        settings.language = action->data().toString();
        applySettings(settings);
    });
}

void MainWindow::showSettings()
{
    auto* dialog = new SettingsDialog(AppSettings::load(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applySettings(dialog->settings()); });
    dialog->open();
}

void MainWindow::applySettings(const AppSettings& settings, SettingsDatabase database)
{
    const AppSettings previous = AppSettings::load();
    settings.save();
    applyTheme(themeFromKey(settings.theme));
    // Empty means the system language, which main() installed at start.
    if (settings.language != previous.language || (!settings.language.isEmpty() && settings.language != currentLanguage()))
        setLanguage(*qApp, settings.language); // LanguageChange -> retranslateUi everywhere
    for (QAction* action : themeGroup_->actions())
        action->setChecked(action->data().toString() == themeKey(currentTheme()));
    for (QAction* action : languageGroup_->actions())
        action->setChecked(action->data().toString() == currentLanguage());
    engine_->setBackboneWeights(settings.backboneWeights);
    linePanel_->setWeightsPath(settings.backboneWeights);
    // The decompression-bomb guard: the engine's decodes (data/ImageIO) and Qt's own
    // (thumbnails, stored heatmaps, the annotation editor) refuse larger images.
    const std::uint64_t maxPixels = settings.maxImageMegapixels > 0
                                        ? std::uint64_t(settings.maxImageMegapixels) * 1'000'000u
                                        : (previous.maxImageMegapixels > 0 ? kDefaultMaxImagePixels : maxImagePixels());
    setMaxImagePixels(maxPixels);
    // QImageReader counts megabytes of a 32-bit image.
    QImageReader::setAllocationLimit(int(std::min<std::uint64_t>(maxPixels * 4 / (1024 * 1024) + 1, 1 << 30)));
    if (settings.computeThreads != appliedComputeThreads_) {
        engine_->setComputeThreads(settings.computeThreads);
        appliedComputeThreads_ = settings.computeThreads;
    }
    // Compared as locations: "sqlite:PATH" or a relative path names the open file too,
    // and a settings or language change must not reopen it.
    const QString current = isOpeningDatabase() ? openingDatabase_ : resultsTable_->databasePath();
    if (database == SettingsDatabase::Open && !settings.databaseFile.isEmpty()
        && !isSameDatabase(settings.databaseFile, current))
        openDatabaseInBackground(settings.databaseFile);
}

void MainWindow::sizeCentreByCurrentPage()
{
    for (int i = 0; i < centralStack_->count(); ++i) {
        QWidget* page = centralStack_->widget(i);
        const bool current = page == centralStack_->currentWidget();
        page->setSizePolicy(current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                            current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    centralStack_->updateGeometry();
}

void MainWindow::fitInto(const QRect& available)
{
    const QSize size = sizeHint().boundedTo(available.size()).expandedTo(minimumSizeHint());
    resize(size);
    move(available.topLeft() + QPoint(std::max(0, (available.width() - size.width()) / 2),
                                      std::max(0, (available.height() - size.height()) / 2)));
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        // Longer texts may have widened the window; once the new texts are laid out,
        // go back to the width the user chose where the new language allows it.
        if (!restoringWidth_) {
            restoringWidth_ = true;
            // After the relayout the new texts cause (posted events), not before it.
            QTimer::singleShot(100, this, [this] {
                if (!isMaximized() && !isFullScreen() && chosenWidth_ > 0)
                    resize(std::max(chosenWidth_, minimumSizeHint().width()), height());
                restoringWidth_ = false;
            });
        }
    }
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    if (!restoringWidth_)
        chosenWidth_ = width();
}

void MainWindow::updateModelLabel()
{
    const std::optional<ModelSummary> model = engine_->model();
    if (!model) {
        modelLabel_->setText(tr("No model loaded"));
        modelLabel_->setToolTip({});
        return;
    }
    modelLabel_->setText(modelLabel_->fontMetrics().elidedText(
        tr("Model: %1 (%2), threshold %3")
            .arg(model->method, model->categories.join(QStringLiteral(", ")), localNumber(model->threshold, 'g', 4)),
        Qt::ElideMiddle, kModelLabelWidth));
    modelLabel_->setToolTip(model->bundlePath);
}

void MainWindow::retranslateUi()
{
    // Texts set once in createActions/createDocks/createStatusBar, set again in the new language.
    setWindowTitle(datasetName_.isEmpty() ? tr("DefectLens") : tr("%1 \u2014 DefectLens").arg(datasetName_));
    fileMenu_->setTitle(tr("&File"));
    openDatasetAction_->setText(tr("Open &dataset folder\u2026"));
    openDatasetAction_->setStatusTip(tr("Import a dataset folder (MVTec AD, VisA, image/mask folders or plain images)"));
    openModelAction_->setText(tr("Open &model\u2026"));
    openModelAction_->setStatusTip(tr("Load a trained DefectLens model bundle (.dlm)"));
    openImageAction_->setText(tr("Open &image\u2026"));
    openImageAction_->setStatusTip(tr("Score an image file with the loaded model"));
    openDatabaseAction_->setText(tr("Open results &database\u2026"));
    openDatabaseAction_->setStatusTip(tr("Review the results recorded by defectlens-cli test/predict --db"));
    openServerDatabaseAction_->setText(tr("Open results database on a se&rver\u2026"));
    openServerDatabaseAction_->setStatusTip(tr("Open the PostgreSQL database the line shares (postgresql://user@host/line1)"));
    exportReportAction_->setText(tr("&Export report\u2026"));
    exportReportAction_->setStatusTip(tr("Write the selected run's report as HTML, CSV and PDF"));
    settingsAction_->setText(tr("&Settings\u2026"));
    quitAction_->setText(tr("&Quit"));
    inspectMenu_->setTitle(tr("&Inspect"));
    inspectFolderAction_->setText(tr("Inspect &folder\u2026"));
    inspectFolderAction_->setStatusTip(tr("Score every image of a folder with the loaded model and record the results"));
    inspectTestSetAction_->setText(tr("Inspect the &test set"));
    lineModeAction_->setText(tr("&Line mode (watch a folder)"));
    lineModeAction_->setStatusTip(tr("Score each image as it arrives in a folder, live, and record every part"));
    inspectTestSetAction_->setStatusTip(tr("Score the loaded dataset's test images with the loaded model and record "
                                           "the results with their metrics"));
    viewMenu_->setTitle(tr("&View"));
    zoomInAction_->setText(tr("Zoom &in"));
    zoomOutAction_->setText(tr("Zoom &out"));
    fitAction_->setText(tr("&Fit to window"));
    themeMenu_->setTitle(tr("&Theme"));
    for (QAction* action : themeGroup_->actions())
        action->setText(themeFromKey(action->data().toString()) == Theme::Dark ? tr("&Dark") : tr("&Light"));
    languageMenu_->setTitle(tr("&Language"));
    toolsMenu_->setTitle(tr("&Tools"));
    synthesisPreviewAction_->setText(tr("Anomaly &synthesis preview\u2026"));
    synthesisPreviewAction_->setStatusTip(tr("Generate anomalies with an SDAS model at a chosen strength"));
    labelNextAction_->setText(tr("&Label next…"));
    labelNextAction_->setStatusTip(tr("Rank the images the model is least sure about and annotate them in that order"));
    labelQueueDock_->setWindowTitle(tr("Label next"));
    helpMenu_->setTitle(tr("&Help"));
    aboutAction_->setText(tr("&About DefectLens"));
    aboutQtAction_->setText(tr("About &Qt"));
    datasetDock_->setWindowTitle(tr("Dataset"));
    resultsDock_->setWindowTitle(tr("Results"));
    logDock_->setWindowTitle(tr("Log"));
    thumbnailDock_->setWindowTitle(tr("Thumbnails"));
    trainingDock_->setWindowTitle(tr("Training"));
    modelsDock_->setWindowTitle(tr("Models"));
    annotateAction_->setText(tr("&Annotate defects"));
    annotateAction_->setStatusTip(tr("Paint the defect mask of the current image for training (DMAD, CSE, RealNet and STLM learn from it)"));
    cancelButton_->setText(tr("Cancel"));
    updateModelLabel();
}

} // namespace dl::ui
