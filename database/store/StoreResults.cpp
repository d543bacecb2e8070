// dl::db::Store: per-image results and operators' verdict overrides.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/InputChecks.h"
#include "database/RowMapping.h"

#include <QStringList>

#include <cmath>

namespace dl::db {

using namespace detail;
using Reason = DatabaseError::Reason;

// --- results -----------------------------------------------------------------

std::vector<RowId> Store::addResults(const std::vector<ResultRecord>& results)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("adding %1 results").arg(results.size());
    c.requireWritable(action);
    if (results.empty())
        return {};
    for (std::size_t i = 0; i < results.size(); ++i) {
        const ResultRecord& r = results[i];
        const QString where = QStringLiteral("%1 (result %2)").arg(action).arg(i + 1);
        if (!r.imageId && r.imagePath.trimmed().isEmpty())
            c.fail(Reason::InvalidArgument, QStringLiteral("%1 failed: it names neither an image nor a file").arg(where));
        if (!std::isfinite(r.score))
            c.fail(Reason::InvalidArgument, QStringLiteral("%1 failed: the score is not a finite number").arg(where));
    }

    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    WriteTransaction transaction(c, action);
    // Without an explicit path the linked image's path is stored, so the result
    // stays readable even if the image row is deleted later.
    std::vector<RowId> ids = c.insertRows(
        QStringLiteral("INSERT INTO results (run_id, image_id, image_path, score, verdict, heatmap_path, created_at) "
                       "VALUES (?, ?, COALESCE(NULLIF(?, ''), (SELECT path FROM images WHERE id = ?), ''), "
                       "?, ?, ?, ?)"),
        results.size(),
        [&](std::size_t i) -> QVariantList {
            const ResultRecord& r = results[i];
            return {qlonglong(r.runId), idValue(r.imageId), textValue(r.imagePath), idValue(r.imageId), r.score,
                    toText(r.verdict), textValue(r.heatmapPath), createdAt};
        },
        [&](std::size_t i) { return QStringLiteral("%1 (result %2)").arg(action).arg(i + 1); }, action);
    transaction.commit();
    return ids;
}

std::optional<ResultRecord> Store::result(RowId id) const
{
    return selectOne(connection(), QStringLiteral("reading result %1").arg(id),
                     QStringLiteral("SELECT %1 FROM results r WHERE r.id = ?").arg(kResultColumns),
                     {qlonglong(id)}, readResult);
}

std::vector<ResultRecord> Store::resultsOfRun(RowId runId) const
{
    ResultFilter filter;
    filter.runId = runId;
    return findResults(filter);
}

std::vector<ResultRecord> Store::findResults(const ResultFilter& filter) const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("searching results");

    // The SQL is assembled from fixed fragments only; every value is bound.
    QString sql = QStringLiteral("SELECT %1 FROM results r").arg(kResultColumns);
    QStringList conditions;
    QVariantList values;
    if (!filter.category.isEmpty()) {
        sql += QStringLiteral(" JOIN images i ON i.id = r.image_id");
        conditions << QStringLiteral("i.category = ?");
        values << filter.category;
    }
    if (filter.runId) {
        conditions << QStringLiteral("r.run_id = ?");
        values << qlonglong(*filter.runId);
    }
    if (filter.verdict) {
        if (filter.verdictIncludesOverrides)
            conditions << QStringLiteral(
                "COALESCE((SELECT o.verdict FROM verdict_overrides o WHERE o.result_id = r.id "
                "ORDER BY o.id DESC LIMIT 1), r.verdict) = ?");
        else
            conditions << QStringLiteral("r.verdict = ?");
        values << toText(*filter.verdict);
    }
    if (filter.minScore) {
        conditions << QStringLiteral("r.score >= ?");
        values << *filter.minScore;
    }
    if (filter.maxScore) {
        conditions << QStringLiteral("r.score <= ?");
        values << *filter.maxScore;
    }
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY r.id LIMIT ? OFFSET ?");
    values << detail::Connection::limitValue(filter.limit) << qMax(0, filter.offset);

    return selectAll(c, action, sql, values, readResult);
}

// --- verdict overrides -------------------------------------------------------

VerdictOverrideRecord Store::addOverride(RowId resultId, Verdict verdict, const QString& reason, const QString& user)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("overriding the verdict of result %1").arg(resultId);
    c.requireWritable(action);
    requireText(c, user, "the user name", action);

    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    const qint64 insertedId = c.insertReturningId(QStringLiteral(
        "INSERT INTO verdict_overrides (result_id, verdict, reason, user_name, created_at) VALUES (?, ?, ?, ?, ?)"),
        {qlonglong(resultId), toText(verdict), textValue(reason), user, createdAt}, action);

    VerdictOverrideRecord stored;
    stored.id = insertedId;
    stored.resultId = resultId;
    stored.verdict = verdict;
    stored.reason = reason;
    stored.user = user;
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return stored;
}

std::optional<VerdictOverrideRecord> Store::latestOverride(RowId resultId) const
{
    return selectOne(connection(), QStringLiteral("reading the verdict override of result %1").arg(resultId),
                     QStringLiteral("SELECT %1 FROM verdict_overrides o WHERE o.result_id = ? "
                                    "ORDER BY o.id DESC LIMIT 1")
                         .arg(kOverrideColumns),
                     {qlonglong(resultId)}, readOverride);
}

std::vector<VerdictOverrideRecord> Store::overrideHistory(RowId resultId) const
{
    return selectAll(connection(), QStringLiteral("reading the override history of result %1").arg(resultId),
                     QStringLiteral("SELECT %1 FROM verdict_overrides o WHERE o.result_id = ? ORDER BY o.id DESC")
                         .arg(kOverrideColumns),
                     {qlonglong(resultId)}, readOverride);
}

std::vector<VerdictOverrideRecord> Store::latestOverridesOfRun(RowId runId) const
{
    return selectAll(connection(), QStringLiteral("reading the verdict overrides of run %1").arg(runId),
                     QStringLiteral("SELECT %1 FROM verdict_overrides o JOIN results r ON r.id = o.result_id "
                                    "WHERE r.run_id = ? AND o.id = (SELECT MAX(newer.id) FROM verdict_overrides newer "
                                    "WHERE newer.result_id = o.result_id) ORDER BY o.result_id")
                         .arg(kOverrideColumns),
                     {qlonglong(runId)}, readOverride);
}

std::vector<QString> Store::overriddenImagePaths() const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("listing the images with operator overrides");
    QSqlQuery query = c.execute(
        QStringLiteral("SELECT DISTINCT COALESCE(i.path, r.image_path) FROM verdict_overrides o "
                       "JOIN results r ON r.id = o.result_id LEFT JOIN images i ON i.id = r.image_id"),
        {}, action);
    std::vector<QString> paths;
    while (c.next(query, action))
        paths.push_back(query.value(0).toString());
    return paths;
}

} // namespace dl::db
