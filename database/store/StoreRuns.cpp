// dl::db::Store: runs (fit, test, predict, benchmark) and their life cycle.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/InputChecks.h"
#include "database/RowMapping.h"

#include "common/ProcessIdentity.h"

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
    static const ProcessIdentity owner = currentProcess();
    const qint64 insertedId = c.insertReturningId(QStringLiteral(
        "INSERT INTO runs (kind, params_json, status, started_at, model_id, owner_host, owner_pid, owner_start) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {toText(kind), jsonObjectText(c, params, "the run parameters", action), toText(status),
         startedAt.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(startedAt),
         idValue(modelId), QString::fromStdString(owner.host), owner.pid, QString::fromStdString(owner.startTime)},
        action);

    RunRecord stored;
    stored.id = insertedId;
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
    QSqlQuery update = c.execute(QStringLiteral(
        "UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'"),
        {timestampText(QDateTime::currentDateTimeUtc()), qlonglong(runId)}, action);
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
    QSqlQuery update = c.execute(QStringLiteral(
        "UPDATE runs SET status = ?, finished_at = ?, error_message = ? "
        "WHERE id = ? AND (status = 'running' OR (status = 'queued' AND ? <> 'succeeded'))"),
        {toText(status), timestampText(QDateTime::currentDateTimeUtc()), textValue(errorMessage),
         qlonglong(runId), toText(status)}, action);
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
    QSqlQuery update = c.execute(QStringLiteral("UPDATE runs SET model_id = ? WHERE id = ?"),
        {qlonglong(modelId), qlonglong(runId)}, action);
    if (update.numRowsAffected() == 0)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: run %2 does not exist").arg(action).arg(runId));
}

std::optional<RunRecord> Store::run(RowId id) const
{
    return selectOne(connection(), QStringLiteral("reading run %1").arg(id),
                     QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(kRunColumns),
                     {qlonglong(id)}, readRun);
}

std::vector<RunRecord> Store::listRuns(int limit) const
{
    return selectAll(connection(), QStringLiteral("listing runs"),
                     QStringLiteral("SELECT %1 FROM runs ORDER BY id DESC LIMIT ?").arg(kRunColumns),
                     {detail::Connection::limitValue(limit)}, readRun);
}

QString Store::changeToken() const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("checking the database for changes");
    // Plain SQL on indexed keys, so it stays cheap and works on any engine.
    QSqlQuery query = c.execute(QStringLiteral(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM runs), (SELECT COALESCE(MAX(id), 0) FROM results), "
        "(SELECT COALESCE(MAX(id), 0) FROM verdict_overrides), "
        "(SELECT COUNT(*) FROM runs WHERE status IN ('queued', 'running'))"), {}, action);
    if (!c.next(query, action))
        return {};
    return QStringLiteral("%1/%2/%3/%4")
        .arg(query.value(0).toLongLong())
        .arg(query.value(1).toLongLong())
        .arg(query.value(2).toLongLong())
        .arg(query.value(3).toLongLong());
}

int Store::abandonUnfinishedRuns(const QString& reason)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("closing runs left unfinished");
    c.requireWritable(action);
    const QString now = timestampText(QDateTime::currentDateTimeUtc());

    WriteTransaction transaction(c, action);
    QSqlQuery failRunning = c.execute(QStringLiteral(
        "UPDATE runs SET status = 'failed', finished_at = ?, error_message = ? WHERE status = 'running'"),
        {now, textValue(reason)}, action);
    QSqlQuery cancelQueued = c.execute(QStringLiteral(
        "UPDATE runs SET status = 'cancelled', finished_at = ?, error_message = ? WHERE status = 'queued'"),
        {now, textValue(reason)}, action);
    const int changed = failRunning.numRowsAffected() + cancelQueued.numRowsAffected();
    transaction.commit();
    return changed;
}

int Store::abandonRunsOfEndedProcesses()
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("closing runs whose process has ended");
    c.requireWritable(action);
    const QString host = QString::fromStdString(currentProcess().host);
    QSqlQuery open = c.execute(QStringLiteral(
        "SELECT id, status, owner_pid, owner_start FROM runs "
        "WHERE status IN ('queued', 'running') AND owner_host = ? AND owner_pid > 0"), {host}, action);
    struct Ended {
        qlonglong id;
        QString status;
        qlonglong pid;
    };
    std::vector<Ended> ended;
    while (c.next(open, action)) {
        ProcessIdentity owner;
        owner.host = host.toStdString();
        owner.pid = open.value(2).toLongLong();
        owner.startTime = open.value(3).toString().toStdString();
        if (!isStillRunning(owner))
            ended.push_back({open.value(0).toLongLong(), open.value(1).toString(), owner.pid});
    }
    open.finish();
    if (ended.empty())
        return 0;

    const QString now = timestampText(QDateTime::currentDateTimeUtc());
    WriteTransaction transaction(c, action);
    int changed = 0;
    for (const Ended& run : ended) {
        // "AND status = ?": the run may have finished since it was read.
        QSqlQuery update = c.execute(QStringLiteral(
            "UPDATE runs SET status = 'abandoned', finished_at = ?, error_message = ? WHERE id = ? AND status = ?"),
            {now,
             QStringLiteral("abandoned: the process that ran it (pid %1 on %2) ended while it was %3 "
                            "(killed, crashed or out of disk space)")
                 .arg(run.pid)
                 .arg(host, run.status),
             run.id, run.status},
            action);
        changed += update.numRowsAffected();
    }
    transaction.commit();
    return changed;
}

} // namespace dl::db
