#include "ui/results/ResultsReader.h"

#include "database/Store.h"

#include <algorithm>

namespace dl::ui {

std::optional<db::RowId> runToShow(const std::vector<db::RunRecord>& runs, const ResultsViewState& view)
{
    std::optional<db::RowId> newestScoringRun;
    for (const db::RunRecord& run : runs) { // newest first
        if (run.kind == db::RunKind::Test || run.kind == db::RunKind::Predict) {
            newestScoringRun = run.id;
            break;
        }
    }
    if (newestScoringRun && *newestScoringRun > view.newestSeenScoringRun)
        return newestScoringRun;
    if (view.allRuns)
        return std::nullopt;
    if (!view.chosenRun)
        return newestScoringRun;
    const bool chosenStillListed = std::any_of(runs.begin(), runs.end(),
                                               [&](const db::RunRecord& run) { return run.id == *view.chosenRun; });
    return chosenStillListed ? view.chosenRun : std::nullopt;
}

ResultsReader::ResultsReader(QObject* parent) : QObject(parent)
{
}

ResultsReader::~ResultsReader() = default;

db::Store& ResultsReader::storeFor(const QString& database)
{
    if (!store_ || !store_->isOpen() || database_ != database) {
        store_.reset(); // closes the previous database in this thread
        database_.clear();
        auto store = std::make_unique<db::Store>();
        store->open(database); // throws; opened again at the next request
        store_ = std::move(store);
        database_ = database;
    }
    return *store_;
}

void ResultsReader::read(const ResultsRequest& request)
{
    try {
        const db::Store& store = storeFor(request.database);
        ResultsSnapshot snapshot;
        snapshot.changeToken = store.changeToken();
        if (!request.knownToken.isEmpty() && snapshot.changeToken == request.knownToken) {
            emit unchanged(request.id);
            return;
        }
        snapshot.runs = store.listRuns();
        snapshot.shownRun = runToShow(snapshot.runs, request.view);
        snapshot.rows = loadResultRows(store, snapshot.shownRun, request.maxRows);
        emit snapshotRead(request.id, snapshot);
    } catch (const std::exception& error) {
        emit failed(request.id, QString::fromUtf8(error.what()));
    }
}

} // namespace dl::ui
