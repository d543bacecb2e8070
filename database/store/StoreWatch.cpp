// dl::db::Store: the journal of files a watch folder delivered (live inspection).
#include "database/Store.h"

#include "database/Connection.h"
#include "database/RowMapping.h"

#include <cmath>
#include <set>

namespace dl::db {

using namespace detail;
using Reason = DatabaseError::Reason;

namespace {

Store::PendingMessage readPendingMessage(const Connection&, const QSqlQuery& q)
{
    return Store::PendingMessage{RowId(q.value(0).toLongLong()), q.value(1).toString()};
}

} // namespace

std::optional<WatchedFileRecord> Store::findWatchedFile(const QString& path, qint64 size, qint64 modifiedNs) const
{
    return selectOne(connection(), QStringLiteral("looking up the watched file %1").arg(path),
                     QStringLiteral("SELECT %1 FROM watched_files WHERE path = ? AND size = ? AND modified_ns = ?")
                         .arg(kWatchedFileColumns),
                     {path, size, modifiedNs}, readWatchedFile);
}

std::vector<std::optional<WatchedFileRecord>> Store::addInspectedFiles(const std::vector<InspectedFile>& files)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("recording %1 inspected files").arg(files.size());
    c.requireWritable(action);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const InspectedFile& f = files[i];
        const QString where = QStringLiteral("%1 (%2)").arg(action, f.file.path);
        if (f.file.path.trimmed().isEmpty() || f.file.watchFolder.trimmed().isEmpty())
            c.fail(Reason::InvalidArgument, QStringLiteral("%1 failed: the file or its watch folder is not named").arg(action));
        if (f.file.scored != f.result.has_value())
            c.fail(Reason::InvalidArgument,
                   QStringLiteral("%1 failed: a scored file needs its result, a failed one has none").arg(where));
        if (f.result && !std::isfinite(f.result->score))
            c.fail(Reason::InvalidArgument, QStringLiteral("%1 failed: the score is not a finite number").arg(where));
    }
    std::vector<std::optional<WatchedFileRecord>> stored(files.size());
    if (files.empty())
        return stored;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString createdAt = timestampText(now);
    // "Not yet journalled" must stay true until this transaction commits, even
    // with a second watcher on the folder: SQLite's BEGIN IMMEDIATE holds the
    // whole file; on PostgreSQL watchers of the same folder queue on an
    // advisory lock per folder (taken in a fixed order, so never a deadlock).
    WriteTransaction transaction(c, action);
    if (c.isPostgres()) {
        std::set<QString> folders;
        for (const InspectedFile& f : files)
            folders.insert(f.file.watchFolder);
        for (const QString& folder : folders)
            c.execute(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))"), {folder}, action);
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        WatchedFileRecord w = files[i].file;
        QSqlQuery existing = c.execute(
            QStringLiteral("SELECT 1 FROM watched_files WHERE path = ? AND size = ? AND modified_ns = ?"),
            {w.path, w.size, w.modifiedNs}, action);
        if (c.next(existing, action))
            continue;
        existing.finish();
        if (const std::optional<ResultRecord>& r = files[i].result) {
            const qint64 insertedId = c.insertReturningId(
                QStringLiteral("INSERT INTO results (run_id, image_id, image_path, score, verdict, heatmap_path, "
                               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {qlonglong(r->runId), idValue(r->imageId), textValue(r->imagePath.isEmpty() ? w.path : r->imagePath),
                 r->score, toText(r->verdict), textValue(r->heatmapPath), createdAt},
                QStringLiteral("%1 (result of %2)").arg(action, w.path));
            w.resultId = insertedId;
        }
        const qint64 insertedId = c.insertReturningId(
            QStringLiteral("INSERT INTO watched_files (watch_folder, path, size, modified_ns, status, error_message, "
                           "result_id, model_id, archived_path, latency_ms, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {w.watchFolder, w.path, w.size, w.modifiedNs,
             w.scored ? QStringLiteral("scored") : QStringLiteral("failed"), textValue(w.errorMessage),
             idValue(w.resultId), idValue(w.modelId), textValue(w.archivedPath),
             w.latencyMs ? QVariant(*w.latencyMs) : QVariant(QMetaType(QMetaType::Double)), createdAt},
            QStringLiteral("%1 (journal of %2)").arg(action, w.path));
        w.id = insertedId;
        w.createdAt = now;
        stored[i] = w;
    }
    transaction.commit();
    return stored;
}

void Store::setWatchedFileArchived(RowId watchedFileId, const QString& archivedPath)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("recording where watched file %1 was archived").arg(watchedFileId);
    c.requireWritable(action);
    QSqlQuery update = c.execute(QStringLiteral("UPDATE watched_files SET archived_path = ? WHERE id = ?"),
                                 {textValue(archivedPath), qlonglong(watchedFileId)}, action);
    if (update.numRowsAffected() == 0)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: no such journal entry").arg(action));
}

std::vector<WatchedFileRecord> Store::watchedFiles(const QString& watchFolder, int limit) const
{
    const QString action = QStringLiteral("listing watched files");
    if (watchFolder.isEmpty())
        return selectAll(connection(), action,
                         QStringLiteral("SELECT %1 FROM watched_files ORDER BY id DESC LIMIT ?").arg(kWatchedFileColumns),
                         {detail::Connection::limitValue(limit)}, readWatchedFile);
    return selectAll(connection(), action,
                     QStringLiteral("SELECT %1 FROM watched_files WHERE watch_folder = ? ORDER BY id DESC LIMIT ?")
                         .arg(kWatchedFileColumns),
                     {watchFolder, detail::Connection::limitValue(limit)}, readWatchedFile);
}

void Store::keepPendingMessages(const std::vector<PendingMessage>& messages)
{
    if (messages.empty())
        return;
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("keeping %1 MQTT messages until the broker acknowledges them").arg(messages.size());
    c.requireWritable(action);
    WriteTransaction transaction(c, action);
    for (const PendingMessage& m : messages)
        c.execute(QStringLiteral("UPDATE watched_files SET mqtt_pending = ? WHERE id = ?"),
                  {m.payload, qlonglong(m.watchedFileId)}, action);
    transaction.commit();
}

void Store::clearPendingMessages(const std::vector<RowId>& watchedFileIds)
{
    if (watchedFileIds.empty())
        return;
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("noting %1 MQTT messages the broker acknowledged").arg(watchedFileIds.size());
    c.requireWritable(action);
    WriteTransaction transaction(c, action);
    for (RowId id : watchedFileIds)
        c.execute(QStringLiteral("UPDATE watched_files SET mqtt_pending = NULL WHERE id = ?"), {qlonglong(id)}, action);
    transaction.commit();
}

std::vector<Store::PendingMessage> Store::pendingMessages(const QString& watchFolder) const
{
    return selectAll(connection(), QStringLiteral("listing the MQTT messages waiting for %1").arg(watchFolder),
                     QStringLiteral("SELECT id, mqtt_pending FROM watched_files WHERE watch_folder = ? AND "
                                    "mqtt_pending IS NOT NULL ORDER BY id"),
                     {watchFolder}, readPendingMessage);
}

} // namespace dl::db
