#pragma once
// The DefectLens main window: open a dataset, a model and images; see each
// image beside its anomaly heatmap with the score and an OK/DEFECT verdict.
// All engine work runs through EngineBridge on worker threads; the status bar
// shows its progress and offers Cancel.
#include "common/Log.h"

#include <QMainWindow>
#include <QString>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace dl {
struct Dataset;
}

namespace dl::ui {

class DatasetTree;
class EngineBridge;
class ResultView;
class ResultsTable;
struct ModelSummary;
struct ScoredImage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Start the work without waiting for it (also used for command-line arguments).
    void openDataset(const QString& folder);
    void openModel(const QString& bundlePath);
    void openImage(const QString& imagePath);
    // Opens a results database in the results table (on this thread: Store is
    // thread-bound and loading is bounded, see ResultsTable). Returns false and
    // shows the error when it cannot be opened.
    bool openDatabase(const QString& path);
    // Writes the report of `runId` as <base>.html, <base>.csv and <base>.pdf, where
    // <base> is `htmlPath` without its .html suffix. Returns false and shows the
    // error on failure.
    bool exportReport(qint64 runId, const QString& htmlPath);

    // Errors always go to the log and errorShown; this decides whether a message
    // box pops up as well (tests switch it off).
    void setErrorDialogsEnabled(bool enabled) { errorDialogsEnabled_ = enabled; }

    EngineBridge* engine() const { return engine_; }
    DatasetTree* datasetTree() const { return datasetTree_; }
    ResultView* resultView() const { return resultView_; }
    ResultsTable* resultsTable() const { return resultsTable_; }

signals:
    void errorShown(const QString& message);

private:
    void createActions();
    void createDocks();
    void createStatusBar();
    void connectEngine();

    void chooseDataset();
    void chooseModel();
    void chooseImage();
    void chooseDatabase();
    void chooseReport();
    void showStoredResult(const QString& imagePath, const QString& heatmapPath);
    void showAbout();

    void onJobStarted(const QString& description);
    void onProgress(double fraction, const QString& stage);
    void onBusyChanged(bool busy);
    void onDatasetImported(const std::shared_ptr<const Dataset>& dataset);
    void onModelLoaded(const ModelSummary& model);
    void onImageScored(const ScoredImage& image);
    void onFailed(const QString& message);
    void onCancelled(const QString& description);

    void showError(const QString& title, const QString& message);
    void appendLog(LogLevel level, const QString& message);

    EngineBridge* engine_ = nullptr;
    ResultView* resultView_ = nullptr;
    DatasetTree* datasetTree_ = nullptr;
    QDockWidget* datasetDock_ = nullptr;
    ResultsTable* resultsTable_ = nullptr;
    QDockWidget* resultsDock_ = nullptr;
    QPlainTextEdit* logView_ = nullptr;
    QDockWidget* logDock_ = nullptr;
    QLabel* stageLabel_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QLabel* modelLabel_ = nullptr;

    QAction* openDatasetAction_ = nullptr;
    QAction* openModelAction_ = nullptr;
    QAction* openImageAction_ = nullptr;
    QAction* openDatabaseAction_ = nullptr;
    QAction* exportReportAction_ = nullptr;
    QAction* quitAction_ = nullptr;

    QString runningJob_;       // description of the job in progress, for error titles
    QString currentImagePath_; // the image shown (or requested last)
    QString lastFolder_;       // where the file dialogs start
    bool errorDialogsEnabled_ = true;
};

} // namespace dl::ui
