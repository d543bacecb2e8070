#pragma once
// Reads what the results table shows on a thread of its own, so that a slow or
// unreachable database server never holds up the GUI: the change poll asks for
// the database's change token and, when it differs from the one the table has,
// for the runs and the rows of the run to show. The reader keeps one Store open
// between requests (opening a server connection per 2-s poll would cost more
// than the poll) and answers with plain data through queued signals.
#include "database/Records.h"
#include "ui/results/ResultsModel.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace dl::db {
class Store;
}

namespace dl::ui {

// What the table shows now; decides which run a new list of runs shows.
struct ResultsViewState {
    std::optional<db::RowId> chosenRun; // the run in the run filter; none for "all runs"
    bool allRuns = false;               // "All runs" is chosen
    db::RowId newestSeenScoringRun = 0; // the newest test/predict run listed before
};

// The run whose rows the table shows after listing `runs` (newest first): a
// scoring run newer than any seen before, else the chosen run while it is still
// listed, else all runs (std::nullopt). A table that has shown no run list yet
// takes the newest scoring run.
std::optional<db::RowId> runToShow(const std::vector<db::RunRecord>& runs, const ResultsViewState& view);

struct ResultsRequest {
    quint64 id = 0;
    QString database;   // as given to the table (a server address keeps its options)
    QString knownToken; // the change token the table has seen; empty reads anyway
    ResultsViewState view;
    int maxRows = -1;
};

struct ResultsSnapshot {
    QString changeToken;
    std::vector<db::RunRecord> runs;   // newest first
    std::optional<db::RowId> shownRun; // runToShow(runs, request.view)
    std::vector<ResultRow> rows;       // of shownRun, at most maxRows
};

// Lives in its own QThread; the Store it opens belongs to that thread and is
// closed there when the reader is deleted.
class ResultsReader : public QObject {
    Q_OBJECT
public:
    explicit ResultsReader(QObject* parent = nullptr);
    ~ResultsReader() override;

    // Answers with exactly one of unchanged, snapshotRead or failed.
    void read(const dl::ui::ResultsRequest& request);

signals:
    void unchanged(quint64 requestId);
    void snapshotRead(quint64 requestId, const dl::ui::ResultsSnapshot& snapshot);
    // `message` names the database without its password (db::Store's messages).
    void failed(quint64 requestId, const QString& message);

private:
    // The Store on `database`, opened when another database (or none) is open.
    db::Store& storeFor(const QString& database);

    std::unique_ptr<db::Store> store_;
    QString database_;
};

} // namespace dl::ui

Q_DECLARE_METATYPE(dl::ui::ResultsSnapshot)
