// dl::db::Store: runs (fit, test, predict, benchmark) and their life cycle.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/InputChecks.h"
#include "database/RowMapping.h"

namespace dl::db {

using namespace detail;
using Reason = DatabaseError::Reason;

// --- runs --------------------------------------------------------------------

RunRecord Store::insertRun(RunKind kind, const nlohmann::json& params, std::optional<RowId> modelId, RunStatus status)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("recording a new %1 run").arg(toText(kind));
    c.requireWritable(action);

    QString startedAt;
    if (status == RunStatus::Running)
        startedAt = timestampText(QDateTime::currentDateTimeUtc());
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO runs (kind, params_json, status, started_at, model_id) VALUES (?, ?, ?, ?, ?)"), action);
    insert.addBindValue(toText(kind));
    insert.addBindValue(jsonObjectText(c, params, "the run parameters", action));
    insert.addBindValue(toText(status));
    insert.addBindValue(startedAt.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(startedAt));
    insert.addBindValue(idValue(modelId));
    c.exec(insert, action);

    RunRecord stored;
    stored.id = insert.lastInsertId().toLongLong();
    stored.kind = kind;
    stored.params = storedObject(params);
    stored.status = status;
    if (!startedAt.isEmpty())
        stored.startedAt = QDateTime::fromString(startedAt, Qt::ISODateWithMs);
    stored.modelId = modelId;
    return stored;
}

RunRecord Store::queueRun(RunKind kind, const nlohmann::json& params, std::optional<RowId> modelId)
{
    return insertRun(kind, params, modelId, RunStatus::Queued);
}

RunRecord Store::startRun(RunKind kind, const nlohmann::json& params, std::optional<RowId> modelId)
{
    return insertRun(kind, params, modelId, RunStatus::Running);
}

void Store::markRunStarted(RowId runId)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("starting run %1").arg(runId);
    c.requireWritable(action);
    QSqlQuery update = c.prepare(QStringLiteral(
        "UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'"), action);
    update.addBindValue(timestampText(QDateTime::currentDateTimeUtc()));
    update.addBindValue(qlonglong(runId));
    c.exec(update, action);
    if (update.numRowsAffected() == 1)
        return;
    const std::optional<RunRecord> current = run(runId);
    if (!current)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: run %2 does not exist").arg(action).arg(runId));
    c.fail(Reason::InvalidArgument,
           QStringLiteral("%1 failed: the run is %2, not queued").arg(action, toText(current->status)));
}

void Store::finishRun(RowId runId, RunStatus status, const QString& errorMessage)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("finishing run %1 as %2").arg(runId).arg(toText(status));
    c.requireWritable(action);
    if (!isFinished(status))
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: a finished run must be succeeded, failed or cancelled").arg(action));

    // Only a running run can succeed; a queued one can still fail or be cancelled.
    QSqlQuery update = c.prepare(QStringLiteral(
        "UPDATE runs SET status = ?, finished_at = ?, error_message = ? "
        "WHERE id = ? AND (status = 'running' OR (status = 'queued' AND ? <> 'succeeded'))"), action);
    update.addBindValue(toText(status));
    update.addBindValue(timestampText(QDateTime::currentDateTimeUtc()));
    update.addBindValue(textValue(errorMessage));
    update.addBindValue(qlonglong(runId));
    update.addBindValue(toText(status));
    c.exec(update, action);
    if (update.numRowsAffected() == 1)
        return;
    const std::optional<RunRecord> current = run(runId);
    if (!current)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: run %2 does not exist").arg(action).arg(runId));
    if (current->status == RunStatus::Queued)
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: the run is still queued; only a running run can succeed").arg(action));
    c.fail(Reason::InvalidArgument,
           QStringLiteral("%1 failed: the run has already finished as %2").arg(action, toText(current->status)));
}

void Store::setRunModel(RowId runId, RowId modelId)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("linking run %1 to model %2").arg(runId).arg(modelId);
    c.requireWritable(action);
    QSqlQuery update = c.prepare(QStringLiteral("UPDATE runs SET model_id = ? WHERE id = ?"), action);
    update.addBindValue(qlonglong(modelId));
    update.addBindValue(qlonglong(runId));
    c.exec(update, action);
    if (update.numRowsAffected() == 0)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: run %2 does not exist").arg(action).arg(runId));
}

std::optional<RunRecord> Store::run(RowId id) const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("reading run %1").arg(id);
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(kRunColumns), action);
    query.addBindValue(qlonglong(id));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readRun(c, q); });
}

std::vector<RunRecord> Store::listRuns(int limit) const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("listing runs");
    // LIMIT -1 means "no limit" to SQLite.
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM runs ORDER BY id DESC LIMIT ?").arg(kRunColumns), action);
    query.addBindValue(limit < 0 ? -1 : limit);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readRun(c, q); });
}

int Store::abandonUnfinishedRuns(const QString& reason)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("closing runs left unfinished");
    c.requireWritable(action);
    const QString now = timestampText(QDateTime::currentDateTimeUtc());

    WriteTransaction transaction(c, action);
    QSqlQuery failRunning = c.prepare(QStringLiteral(
        "UPDATE runs SET status = 'failed', finished_at = ?, error_message = ? WHERE status = 'running'"), action);
    failRunning.addBindValue(now);
    failRunning.addBindValue(textValue(reason));
    c.exec(failRunning, action);
    QSqlQuery cancelQueued = c.prepare(QStringLiteral(
        "UPDATE runs SET status = 'cancelled', finished_at = ?, error_message = ? WHERE status = 'queued'"), action);
    cancelQueued.addBindValue(now);
    cancelQueued.addBindValue(textValue(reason));
    c.exec(cancelQueued, action);
    const int changed = failRunning.numRowsAffected() + cancelQueued.numRowsAffected();
    transaction.commit();
    return changed;
}

} // namespace dl::db
