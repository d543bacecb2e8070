#include "ui/MainWindow.h"

#include "data/Dataset.h"
#include "ui/DatasetTree.h"
#include "ui/EngineBridge.h"
#include "ui/ImageViewer.h"
#include "ui/ReportExporter.h"
#include "ui/ResultView.h"
#include "ui/ResultsModel.h"
#include "ui/ResultsTable.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QImage>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScreen>
#include <QPushButton>
#include <QStatusBar>
#include <QTime>

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
// A dataset with thousands of unreadable files would flood the log; the first ones tell the story.
constexpr std::size_t kSkippedFilesLogged = 20;

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    static const bool resourcesReady = (initDefectLensResources(), true);
    Q_UNUSED(resourcesReady);

    setWindowTitle(tr("DefectLens"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/defectlens-256.png")));
    // Roomy on a desktop monitor, never larger than a small laptop screen.
    resize(QSize(1400, 900).boundedTo(screen()->availableSize() * 0.95));

    engine_ = new EngineBridge(this);
    resultView_ = new ResultView(this);
    setCentralWidget(resultView_);

    createDocks();
    createActions();
    createStatusBar();
    connectEngine();

    // Engine messages may come from any thread; queue them to the log view.
    setLogSink([this](LogLevel level, const std::string& message) {
        const QString text = QString::fromStdString(message);
        QMetaObject::invokeMethod(this, [this, level, text] { appendLog(level, text); }, Qt::QueuedConnection);
    });
    appendLog(LogLevel::Info, tr("DefectLens %1 ready.").arg(QStringLiteral(DEFECTLENS_VERSION)));
}

MainWindow::~MainWindow()
{
    // Back to stderr before this window goes: a worker may still log while the engine shuts down.
    setLogSink(nullptr);
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
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
    exportReportAction_ = fileMenu->addAction(tr("&Export report\u2026"), this, &MainWindow::chooseReport);
    exportReportAction_->setStatusTip(tr("Write the selected run's report as HTML, CSV and PDF"));
    exportReportAction_->setEnabled(false);
    fileMenu->addSeparator();
    quitAction_ = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction_->setShortcut(QKeySequence::Quit);
    quitAction_->setMenuRole(QAction::QuitRole);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    ImageViewer* viewer = resultView_->originalViewer(); // the heatmap viewer follows it
    QAction* zoomIn = viewMenu->addAction(tr("Zoom &in"), viewer, &ImageViewer::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction* zoomOut = viewMenu->addAction(tr("Zoom &out"), viewer, &ImageViewer::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* fit = viewMenu->addAction(tr("&Fit to window"), viewer, &ImageViewer::fitToWindow);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    viewMenu->addSeparator();
    viewMenu->addAction(datasetDock_->toggleViewAction());
    viewMenu->addAction(resultsDock_->toggleViewAction());
    viewMenu->addAction(logDock_->toggleViewAction());

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About DefectLens"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
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
    modelLabel_->setObjectName(QStringLiteral("modelLabel"));

    statusBar()->addWidget(stageLabel_, 1);
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
}

void MainWindow::openDataset(const QString& folder)
{
    lastFolder_ = folder;
    appendLog(LogLevel::Info, tr("Opening dataset %1").arg(folder));
    engine_->importDataset(folder);
}

void MainWindow::openModel(const QString& bundlePath)
{
    lastFolder_ = QFileInfo(bundlePath).absolutePath();
    appendLog(LogLevel::Info, tr("Opening model %1").arg(bundlePath));
    engine_->loadModel(bundlePath);
}

void MainWindow::openImage(const QString& imagePath)
{
    currentImagePath_ = imagePath;
    engine_->scoreImage(imagePath);
}

bool MainWindow::openDatabase(const QString& path)
{
    try {
        resultsTable_->openDatabase(path);
    } catch (const std::exception& error) {
        showError(tr("Open results database"), QString::fromUtf8(error.what()));
        return false;
    }
    lastFolder_ = QFileInfo(path).absolutePath();
    exportReportAction_->setEnabled(true);
    resultsDock_->show();
    resultsDock_->raise();
    // The table needs room for its columns; the dataset tree does not.
    resizeDocks({resultsDock_}, {width() * 2 / 5}, Qt::Horizontal);
    appendLog(LogLevel::Info, tr("Opened results database %1").arg(resultsTable_->databasePath()));
    return true;
}

bool MainWindow::exportReport(qint64 runId, const QString& htmlPath)
{
    if (!resultsTable_->hasDatabase())
        return false;
    QString base = htmlPath;
    if (base.endsWith(QStringLiteral(".html"), Qt::CaseInsensitive))
        base.chop(5);
    try {
        // Reads at most ResultsTable::kMaxRows results and renders thumbnails on this
        // thread: the Store cannot leave it, and a report is an explicit, one-off request.
        const ReportExporter exporter(*resultsTable_->store(), runId, ResultsTable::kMaxRows);
        exporter.writeHtml(base + QStringLiteral(".html"));
        exporter.writeCsv(base + QStringLiteral(".csv"));
        exporter.writePdf(base + QStringLiteral(".pdf"));
    } catch (const std::exception& error) {
        showError(tr("Export report"), QString::fromUtf8(error.what()));
        return false;
    }
    appendLog(LogLevel::Info, tr("Report of run %1 written to %2.html, .csv and .pdf").arg(runId).arg(base));
    statusBar()->showMessage(tr("Report written: %1.html").arg(base), 5000);
    return true;
}

void MainWindow::chooseDatabase()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open results database"), lastFolder_,
        tr("DefectLens databases (*.sqlite *.db)") + QStringLiteral(";;") + tr("All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
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
    if (!path.isEmpty())
        exportReport(*runId, path);
}

void MainWindow::showStoredResult(const QString& imagePath, const QString& heatmapPath)
{
    // With a model, the engine scores the image on its worker and draws a fresh heatmap.
    if (engine_->hasModel()) {
        openImage(imagePath);
        return;
    }
    currentImagePath_ = imagePath;
    ScoredImage shown;
    shown.imagePath = imagePath;
    shown.original = QImage(imagePath);
    // Only PNG heatmaps are pictures; other map formats need the engine to render them.
    if (heatmapPath.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        shown.overlay = QImage(heatmapPath);
    resultView_->showResult(shown);
}

void MainWindow::chooseDataset()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"), lastFolder_);
    if (!folder.isEmpty())
        openDataset(folder);
}

void MainWindow::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), lastFolder_,
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
    datasetDock_->show();
    const QString root = QFile::decodeName(dataset->root.c_str());
    std::set<std::string> categories;
    for (const Sample& sample : dataset->samples)
        categories.insert(sample.category);
    setWindowTitle(tr("%1 \u2014 DefectLens").arg(QFileInfo(root).fileName()));
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
}

void MainWindow::onModelLoaded(const ModelSummary& model)
{
    resultView_->setModel(&model);
    const QString categories = model.categories.join(QStringLiteral(", "));
    modelLabel_->setText(tr("Model: %1 (%2), threshold %3")
                             .arg(model.method, categories, QString::number(model.threshold, 'g', 4)));
    modelLabel_->setToolTip(model.bundlePath);
    appendLog(LogLevel::Info, tr("Loaded model %1: method %2, categories %3, threshold %4 (%5)")
                                  .arg(model.bundlePath, model.method, categories,
                                       QString::number(model.threshold, 'g', 6), model.thresholdSource));
    // The image on screen was shown without (or with another) model: score it again.
    if (!currentImagePath_.isEmpty())
        engine_->scoreImage(currentImagePath_);
}

void MainWindow::onImageScored(const ScoredImage& image)
{
    resultView_->showResult(image);
    if (image.scored)
        appendLog(LogLevel::Info, tr("%1: score %2, %3")
                                      .arg(image.imagePath, QString::number(image.score, 'g', 6),
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

} // namespace dl::ui
