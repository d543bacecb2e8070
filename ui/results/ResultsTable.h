#pragma once
// The operator's review table: the results stored in a DefectLens database
// (runs of `defectlens-cli test|predict --db`), sortable and filterable by run,
// category, verdict and score. The operator accepts (OK) or rejects (defect) the
// selected result with a reason; the override goes to the database with the
// user name and time, and the row shows it.
//
// The change poll and the refreshes it finds reason for read the database on a
// worker thread (ResultsReader, with its own Store), so that a slow or
// unreachable server never freezes the GUI; while it cannot be read a line
// under the count says so. What the operator asks for directly (opening the
// database, choosing a run, refresh(), an override) is read or written on the
// GUI thread, synchronously (MainWindow opens a server database only once a
// worker has reached it): a Store belongs to the thread that opened it, and
// reading at most kMaxRows results (plus their overrides and image categories, a
// few queries per run) takes well under a second on a reachable database.
#include "database/Records.h"
#include "ui/results/ResultsModel.h"

#include <QSet>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableView;
class QThread;
class QTimer;

namespace dl::db {
class Store;
}

namespace dl::ui {

class ResultsReader;
struct ResultsSnapshot;
struct ResultsViewState;

class ResultsTable : public QWidget {
    Q_OBJECT
public:
    // The most results loaded at once (the oldest of the selected run or runs).
    static constexpr int kMaxRows = 20000;

    // Asked for the reason of an override; std::nullopt cancels the override.
    using ReasonProvider = std::function<std::optional<QString>(db::Verdict verdict)>;

    explicit ResultsTable(QWidget* parent = nullptr);
    ~ResultsTable() override;

    // Opens (or reopens) the database (an SQLite file or a postgresql:// address)
    // and shows its newest test/predict run. Throws dl::db::DatabaseError; the
    // previous database stays open then.
    void openDatabase(const QString& path);
    bool hasDatabase() const;
    db::Store* store() const { return store_.get(); }
    // The open SQLite file's absolute path, or the server address as it was given
    // (it may hold a password: show it with databaseDisplayName()); empty when none.
    QString databasePath() const;

    // The run chosen in the run filter; std::nullopt for "all runs".
    std::optional<db::RowId> selectedRunId() const;
    void selectRun(std::optional<db::RowId> runId);
    // Reloads the rows of the selected run from the database.
    void reload();
    // Reads the runs again (another connection, e.g. a training or inspection job,
    // may have added some): a scoring run newer than any seen before is selected,
    // else the chosen run and row stay selected.
    void refresh();
    // Selects the row of this result when the filters show it; false otherwise.
    bool selectResult(db::RowId resultId);
    // The image the viewer shows (set by the main window). Rows read afresh (a database
    // opened, a run finished, another station's writes) make its row current without
    // resultSelected, or none when the run lacks it: a reload never replaces the image on
    // screen by the first row's. With none shown, the first row is selected and shown.
    void setShownImage(const QString& imagePath) { shownImage_ = imagePath; }
    // While a database is open the table looks for changes made by other
    // connections (a watch, another station) this often and refreshes when it
    // finds some; 0 stops it. Default 2 s. The poll reads on a worker thread; a
    // tick while the previous read is still running is skipped.
    void setChangePollInterval(int milliseconds);
    // Tests point the poll at another database than the table's own connection
    // (e.g. a server that never answers); empty: the table's database.
    void setChangePollDatabaseForTesting(const QString& database) { pollDatabaseForTesting_ = database; }
    // The line that says the poll cannot read the database (hidden while it can).
    QLabel* pollStatusLabel() const { return pollStatus_; }

    // Records a score the viewer showed (an image opened from the dataset, the
    // thumbnails or File > Open image) as a result of this session's viewer run, a
    // predict run per model, finished when the table closes (or marked abandoned
    // at the next open if the program dies). Returns false (and emits
    // errorOccurred) when it cannot be stored; no-op without a database.
    bool recordViewerScore(const QString& imagePath, double score, bool defect, const QString& modelPath,
                           const QString& modelChecksum);
    std::optional<db::RowId> viewerRunId() const { return viewerRun_ ? std::optional(viewerRun_->id) : std::nullopt; }

    // Replaces the reason dialog (tests inject a fixed reason).
    void setReasonProvider(ReasonProvider provider) { reasonProvider_ = std::move(provider); }

    // The row under the cursor, if any.
    const ResultRow* currentRow() const;
    // Overrides the current row's verdict (asks for a reason first; an empty one
    // is refused) and selects the next row. Returns true when the override was stored.
    bool acceptCurrent();
    bool rejectCurrent();
    void selectNextRow();
    void selectPreviousRow();

    QTableView* tableView() const { return table_; }
    // Shows or hides a column (ResultsModel::Column; image and score always show) and
    // remembers the choice for the next start. The header's context menu calls it.
    void setColumnShown(int column, bool shown);
    ResultsModel* resultsModel() const { return model_; }
    ResultsFilterProxy* proxyModel() const { return proxy_; }
    QComboBox* runCombo() const { return runCombo_; }
    QComboBox* categoryCombo() const { return categoryCombo_; }
    QComboBox* verdictCombo() const { return verdictCombo_; }
    QDoubleSpinBox* minScoreBox() const { return minScore_; }
    QDoubleSpinBox* maxScoreBox() const { return maxScore_; }

    // The name stored with overrides: Settings' user name, else the login name.
    static QString operatorName();

signals:
    // The selected result's image and its stored heatmap file (may be empty).
    void resultSelected(const QString& imagePath, const QString& heatmapPath);
    void errorOccurred(const QString& message);
    void overrideStored(const QString& message);
    // An override was stored for `row` (already updated), before the selection moves on.
    void verdictOverridden(const dl::ui::ResultRow& row);

protected:
    void changeEvent(QEvent* event) override; // language switch: retranslateUi

private:
    void retranslateUi();
    // Header context menu: every column but Image and Score can be hidden; the
    // choice is kept in QSettings ("results/hiddenColumns").
    void showColumnMenu(const QPoint& position);
    void applyColumnVisibility();
    void fitColumnWidths();
    // Lists runs_ in the run filter with `shownRun` chosen (all runs when unset or
    // not listed); notes the newest scoring run.
    void fillRunCombo(std::optional<db::RowId> shownRun);
    ResultsViewState currentViewState() const;
    // Shows freshly read rows of the chosen run, keeping the category filter.
    void showRows(std::vector<ResultRow> rows);
    // The change poll: asks the reader for the change token and, when it moved,
    // for the runs and rows to show. Skipped while a read is in flight.
    void pollForChanges();
    // True when the answer to `requestId` is still wanted (no reload or other
    // database since it was asked); ends the read in flight either way.
    bool takeReply(quint64 requestId);
    void onSnapshotRead(quint64 requestId, const ResultsSnapshot& snapshot);
    void onPollFailed(quint64 requestId, const QString& message);
    void showPollFailure();
    void clearPollFailure();
    void fillCategoryCombo();
    void resetScoreRange();
    void applyFilters();
    void updateCountLabel();
    void onCurrentChanged();
    bool overrideCurrent(db::Verdict verdict);
    std::optional<QString> askReason(db::Verdict verdict, const ResultRow& row);
    void moveSelection(int step);

    std::unique_ptr<db::Store> store_;
    QString databasePath_; // see databasePath()
    std::vector<db::RunRecord> runs_; // as last read, newest first
    ResultsModel* model_ = nullptr;
    ResultsFilterProxy* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QSet<int> hiddenColumns_;    // chosen by the user
    bool categoryColumnNeeded_ = true;
    QComboBox* runCombo_ = nullptr;
    QComboBox* categoryCombo_ = nullptr;
    QComboBox* verdictCombo_ = nullptr;
    QDoubleSpinBox* minScore_ = nullptr;
    QDoubleSpinBox* maxScore_ = nullptr;
    QPushButton* acceptButton_ = nullptr;
    QPushButton* rejectButton_ = nullptr;
    QLabel* countLabel_ = nullptr;
    QLabel* pollStatus_ = nullptr;
    ReasonProvider reasonProvider_;
    struct ViewerRun {
        db::RowId id = 0;
        QString modelChecksum;
    };
    std::optional<ViewerRun> viewerRun_;
    void finishViewerRun();
    db::RowId newestScoringRun_ = 0; // the newest test/predict run the run list showed
    bool truncated_ = false; // the run has more than kMaxRows results
    bool updating_ = false; // filter widgets are being refilled: ignore their signals
    QString shownImage_;               // see setShownImage
    bool selectingShownImage_ = false; // its row is being made current: no resultSelected
    void selectAfterReload();
    // The first row the filters show for which `wanted` holds, as a proxy row; -1 if none.
    int proxyRowWhere(const std::function<bool(const ResultRow&)>& wanted) const;
    QTimer* changePoll_ = nullptr;
    bool askingReason_ = false;     // an override's reason dialog is open
    bool refreshDeferred_ = false;  // a refresh asked for meanwhile
    bool pollDeferred_ = false;     // the poll found changes meanwhile
    QString lastChangeToken_;       // the database's change token the rows show

    // The change poll's reader and its thread (joined by the destructor).
    QThread* readerThread_ = nullptr;
    ResultsReader* reader_ = nullptr;
    QString pollDatabaseForTesting_;
    quint64 lastRequestId_ = 0;
    bool readInFlight_ = false;
    // Counts the table's own loads (database opened, rows reloaded, an override):
    // a poll answer read before the latest of them is stale.
    quint64 viewGeneration_ = 0;
    quint64 requestGeneration_ = 0;
    QString requestDatabase_;  // the database of the read in flight
    QString pollFailure_;      // the poll's last error; empty while it reads fine
    QString pollFailureDatabase_;
};

} // namespace dl::ui
