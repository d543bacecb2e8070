#pragma once
// The DefectLens main window: open a dataset, a model and images; see each
// image beside its anomaly heatmap with the score and an OK/DEFECT verdict.
// All engine work runs through EngineBridge on worker threads; the status bar
// shows its progress and offers Cancel.
#include "common/Log.h"
#include "data/Dataset.h"

#include <QList>
#include <QMainWindow>
#include <QString>

#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QStackedWidget;
class QDockWidget;
class QMenu;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QThread;

namespace dl {
struct Dataset;
}

namespace dl::ui {

class AnnotationEditor;
class LinePanel;
class LabelQueuePanel;
class DatasetTree;
class EngineBridge;
class ThumbnailGrid;
struct AppSettings;
class ModelList;
class SynthesisPreview;
class TrainingPanel;
struct TrainedModel;
class ResultView;
class ReportExportJob;
class ResultsTable;
struct ModelSummary;
struct ScoredImage;
struct InspectionSummary;
struct ResultRow;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Sizes the window to its natural size, but never larger than `available` (a
    // screen's available geometry) where its minimum allows, and centres it there.
    // The natural size grows with the language's labels: German's passes 1600 px.
    void fitInto(const QRect& available);

    // Start the work without waiting for it (also used for command-line arguments).
    // `options` as chosen in the import dialog; the default detects the layout.
    void openDataset(const QString& folder, const DatasetOptions& options = {});
    void openModel(const QString& bundlePath);
    void openImage(const QString& imagePath);
    // Opens a results database (an SQLite file or a postgresql:// address) in the
    // results table and the panels, on this thread and at once (Store is
    // thread-bound; loading is bounded, see ResultsTable). A server that does not
    // answer holds the window up to the address's connect_timeout (10 s by
    // default): the menus, the settings and --db use openDatabaseInBackground.
    // Returns false and shows the error when it cannot be opened.
    bool openDatabase(const QString& path);
    // Opens a results database without holding up the window: a server is first
    // opened on a worker thread by a throwaway connection (it proves the server
    // answers and upgrades its schema) while the status bar and the log say
    // "Connecting to ...", and the results dock waits disabled; once it answered,
    // openDatabase takes it (quick now). An SQLite file opens at once, as with
    // openDatabase (a local file opens in milliseconds). A later call supersedes
    // one still connecting; the same database asked for again while it connects
    // is opened once. Emits databaseOpenFinished when done, unless superseded.
    void openDatabaseInBackground(const QString& path);
    // A server database is being connected to by openDatabaseInBackground.
    bool isOpeningDatabase() const { return !openingDatabase_.isEmpty(); }
    // Writes the report of `runId` as <base>.html, <base>.csv and <base>.pdf, where
    // <base> is `htmlPath` without its .html suffix. The rows are those the results
    // table shows when its filter hides some of the run's. The files are made on a
    // worker thread; this waits for it in a local event loop (File > Export report
    // does not wait). Returns false and shows the error on failure, false when cancelled.
    bool exportReport(qint64 runId, const QString& htmlPath);

    // Inspect > Inspect folder / the test set: scores the images with the loaded
    // model on the model lane and records every result (with a heatmap overlay)
    // in the workstation's database; the results table shows them when done.
    // Returns false (and shows why) when no model or dataset is loaded.
    bool inspectFolder(const QString& folder);
    bool inspectTestSet();
    // The database this workstation records to: the results table's, else the
    // training panel's (Settings, or the default). Throws db::DatabaseError when
    // no default location is known.
    QString workstationDatabasePath() const;

    // A problem with the command line, shown as any error is.
    void showStartupError(const QString& message) { showError(tr("DefectLens"), message); }

    // Errors always go to the log and errorShown; this decides whether a message
    // box pops up as well (tests switch it off).
    void setErrorDialogsEnabled(bool enabled) { errorDialogsEnabled_ = enabled; }

    EngineBridge* engine() const { return engine_; }
    DatasetTree* datasetTree() const { return datasetTree_; }
    ResultView* resultView() const { return resultView_; }
    ResultsTable* resultsTable() const { return resultsTable_; }
    AnnotationEditor* annotationEditor() const { return annotationEditor_; }
    // Annotate mode (View > Annotate defects, Ctrl+E): the annotation editor takes
    // the centre in place of the heatmap review and follows the current image.
    void showAnnotationEditor() { setAnnotating(true); }
    void setAnnotating(bool on);
    bool isAnnotating() const;
    // Line mode (Inspect > Line mode, Ctrl+L): the live view of a watch folder
    // takes the centre; parts are recorded in the workstation's database and the
    // results table follows them.
    void setLineMode(bool on);
    bool isInLineMode() const;
    LinePanel* linePanel() const { return linePanel_; }
    // Tools > Label next: ranks the loaded dataset's unannotated test images with
    // the loaded model (on the model lane); the queue then opens them in the
    // annotation editor one after another. False (and why) without model or dataset.
    bool startLabelQueue();
    LabelQueuePanel* labelQueue() const { return labelQueue_; }
    TrainingPanel* trainingPanel() const { return trainingPanel_; }
    // Tools > Anomaly synthesis preview: SDAS images at a chosen strength (non-modal).
    void showSynthesisPreview();
    SynthesisPreview* synthesisPreview() const { return synthesisPreview_; }
    ModelList* modelList() const { return modelList_; }
    ThumbnailGrid* thumbnailGrid() const { return thumbnailGrid_; }

    // Whether applySettings opens the settings' results database: not at a start
    // with --db, which names the database to open instead (opened once).
    enum class SettingsDatabase { Open, LeaveClosed };
    // Applies settings (theme, language, compute threads, backbone weights, the
    // results database when it is not the one open or being opened, in the
    // background) and remembers them for the next start.
    void applySettings(const AppSettings& settings, SettingsDatabase database = SettingsDatabase::Open);
    // File → Open dataset: the import dialog (window-modal, not blocking), on `folder` if given.
    void showImportDialog(const QString& folder = {});

signals:
    void errorShown(const QString& message);
    // openDatabaseInBackground(path) is done: `opened` when the results table shows it now.
    void databaseOpenFinished(const QString& path, bool opened);

protected:
    void closeEvent(QCloseEvent* event) override; // asks about unsaved annotations
    void changeEvent(QEvent* event) override;     // language switch: retranslateUi
    void resizeEvent(QResizeEvent* event) override; // remembers the width the user chose

private:
    // The central stack's size from its current page only (hidden pages are Ignored).
    void sizeCentreByCurrentPage();
    void createActions();
    void createDocks();
    void createModelDocks(); // training panel and model list (right side)
    void onTrainingFinished(const TrainedModel& model, bool retrain, const QString& parentPath);
    void onActiveModelChanged(const QString& bundlePath, const QString& method);
    void createStatusBar();
    void createAnnotationMode();
    void createLineMode();
    void createLabelQueueDock();
    void reviewLivePart(qint64 resultId, bool acceptAsOk);
    void followLiveResults();
    void createThumbnailDock();
    void createAppearanceMenus(QMenu* viewMenu); // theme and language
    void retranslateUi();
    void showSettings();
    void updateModelLabel();
    void connectEngine();

    void chooseDataset();
    void chooseModel();
    void chooseImage();
    void chooseDatabase();
    void chooseServerDatabase(); // asks for a postgresql:// address
    void chooseInspectionFolder();
    bool startInspection(const QString& folder); // empty: the test split of the loaded dataset
    void onInspected(const InspectionSummary& summary);
    void showNewestResults();
    void updateInspectActions();
    void markAnnotatedThumbnails(); // badges for the images annotated in the open database
    void chooseReport();
    // The report is written by reportJob_ on a worker; the status bar shows it
    // with its own progress bar and Cancel. Returns false (error shown) when it
    // could not start.
    bool startReportExport(qint64 runId, const QString& htmlPath);
    void createReportStatus();
    void finishReportExport();
    void showStoredResult(const QString& imagePath, const QString& heatmapPath);
    void onVerdictOverridden(const ResultRow& row);
    void showAbout();

    void onJobStarted(const QString& description);
    void onProgress(double fraction, const QString& stage);
    void onBusyChanged(bool busy);
    void onDatasetImported(const std::shared_ptr<const Dataset>& dataset);
    void onModelLoaded(const ModelSummary& model);
    void onImageScored(const ScoredImage& given);
    void onFailed(const QString& message);
    void onCancelled(const QString& description);

    bool openDatabaseNow(const QString& path); // openDatabase, leaving a background open alone
    void showError(const QString& title, const QString& message);
    void appendLog(LogLevel level, const QString& message);

    EngineBridge* engine_ = nullptr;
    LinePanel* linePanel_ = nullptr;
    LabelQueuePanel* labelQueue_ = nullptr;
    QDockWidget* labelQueueDock_ = nullptr;
    QAction* labelNextAction_ = nullptr;
    QAction* lineModeAction_ = nullptr;
    bool liveRefreshPending_ = false;
    ResultView* resultView_ = nullptr;
    DatasetTree* datasetTree_ = nullptr;
    QDockWidget* datasetDock_ = nullptr;
    ResultsTable* resultsTable_ = nullptr;
    QDockWidget* resultsDock_ = nullptr;
    QPlainTextEdit* logView_ = nullptr;
    QDockWidget* logDock_ = nullptr;
    AnnotationEditor* annotationEditor_ = nullptr;
    QStackedWidget* centralStack_ = nullptr; // the result view, or the annotation editor
    QAction* annotateAction_ = nullptr;
    TrainingPanel* trainingPanel_ = nullptr;
    SynthesisPreview* synthesisPreview_ = nullptr; // made on first use
    QDockWidget* trainingDock_ = nullptr;
    ModelList* modelList_ = nullptr;
    QDockWidget* modelsDock_ = nullptr;
    ThumbnailGrid* thumbnailGrid_ = nullptr;
    QDockWidget* thumbnailDock_ = nullptr;
    QLabel* pixelLabel_ = nullptr; // the anomaly score under the mouse
    QMenu* fileMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* inspectMenu_ = nullptr;
    QAction* inspectFolderAction_ = nullptr;
    QAction* inspectTestSetAction_ = nullptr;
    QMenu* toolsMenu_ = nullptr;
    QAction* synthesisPreviewAction_ = nullptr;
    QMenu* helpMenu_ = nullptr;
    QMenu* themeMenu_ = nullptr;
    QMenu* languageMenu_ = nullptr;
    QActionGroup* themeGroup_ = nullptr;
    QActionGroup* languageGroup_ = nullptr;
    QAction* zoomInAction_ = nullptr;
    QAction* zoomOutAction_ = nullptr;
    QAction* fitAction_ = nullptr;
    QAction* settingsAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
    QAction* aboutQtAction_ = nullptr;
    QString datasetName_; // for the window title; empty without a dataset
    int appliedComputeThreads_ = 0; // what applySettings gave the engine; 0: its default (all cores)
    QLabel* stageLabel_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QLabel* modelLabel_ = nullptr;

    QAction* openDatasetAction_ = nullptr;
    QAction* openModelAction_ = nullptr;
    QAction* openImageAction_ = nullptr;
    QAction* openDatabaseAction_ = nullptr;
    QAction* openServerDatabaseAction_ = nullptr;
    QAction* exportReportAction_ = nullptr;
    QAction* quitAction_ = nullptr;

    QString runningJob_;       // description of the job in progress, for error titles
    QString currentImagePath_; // the image shown (or requested last)
    // The operator's verdict on the image shown, from the results table, for the badge.
    struct ShownOverride {
        QString imagePath;
        std::optional<bool> defect;
        QString user;
        QString reason;
    };
    ShownOverride shownOverride_;
    QString storedDisplayName_; // the results table's name of the stored result shown
    QString recordScoreOf_; // an image opened for review whose score is recorded when it arrives
    QString lastFolder_;       // where the file dialogs start
    bool errorDialogsEnabled_ = true;
    int chosenWidth_ = 0;          // the window's width before a language switch widened it
    bool restoringWidth_ = false;  // a language switch is being laid out

    // openDatabaseInBackground: the server being connected to (empty when none),
    // the count of calls (an answer for an earlier one is superseded) and the
    // threads still connecting (joined by the destructor).
    QString openingDatabase_;
    quint64 databaseOpenRequests_ = 0;
    QList<QThread*> databaseProbes_;
    void setConnecting(const QString& path); // empty: no longer

    ReportExportJob* reportJob_ = nullptr; // made on the first export
    QWidget* reportStatus_ = nullptr;      // label, progress and Cancel in the status bar
    QLabel* reportStatusLabel_ = nullptr;
    QProgressBar* reportProgress_ = nullptr;
    QPushButton* reportCancelButton_ = nullptr;
    bool lastReportSucceeded_ = false;
};

} // namespace dl::ui
