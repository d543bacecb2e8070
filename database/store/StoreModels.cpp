// dl::db::Store: models, their metrics and notes, and promotions into use.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/InputChecks.h"
#include "database/RowMapping.h"

namespace dl::db {

using namespace detail;
using Reason = DatabaseError::Reason;

// --- models ------------------------------------------------------------------

ModelRecord Store::addModel(const ModelRecord& model)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("adding model %1").arg(quoted(model.bundlePath));
    c.requireWritable(action);
    requireText(c, model.method, "the method", action);
    requireText(c, model.bundlePath, "the bundle path", action);
    requireHashOrEmpty(c, model.bundleChecksum, "the bundle checksum", action);

    ModelRecord stored = model;
    stored.bundleChecksum = model.bundleChecksum.toLower();
    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    QSqlQuery insert = c.execute(QStringLiteral(
        "INSERT INTO models (method, categories_json, bundle_path, bundle_checksum, metrics_json, "
        "parent_model_id, created_at, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {model.method, jsonListText(model.categories), model.bundlePath, textValue(stored.bundleChecksum),
         jsonObjectText(c, model.metrics, "the metrics", action), idValue(model.parentModelId), createdAt,
         textValue(model.notes)}, action);
    stored.id = insert.lastInsertId().toLongLong();
    stored.metrics = storedObject(model.metrics);
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return stored;
}

std::optional<ModelRecord> Store::model(RowId id) const
{
    return selectOne(connection(), QStringLiteral("reading model %1").arg(id),
                     QStringLiteral("SELECT %1 FROM models WHERE id = ?").arg(kModelColumns),
                     {qlonglong(id)}, readModel);
}

std::vector<ModelRecord> Store::listModels() const
{
    return selectAll(connection(), QStringLiteral("listing models"),
                     QStringLiteral("SELECT %1 FROM models ORDER BY id DESC").arg(kModelColumns),
                     {}, readModel);
}

void Store::setModelNotes(RowId modelId, const QString& notes)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("saving the notes of model %1").arg(modelId);
    c.requireWritable(action);
    QSqlQuery update = c.execute(QStringLiteral("UPDATE models SET notes = ? WHERE id = ?"),
        {textValue(notes), qlonglong(modelId)}, action);
    if (update.numRowsAffected() == 0)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: model %2 does not exist").arg(action).arg(modelId));
}

std::optional<ModelRecord> Store::findModelByChecksum(const QString& bundleChecksum) const
{
    return selectOne(connection(), QStringLiteral("finding the model with checksum %1").arg(bundleChecksum),
                     QStringLiteral("SELECT %1 FROM models WHERE bundle_checksum = ? ORDER BY id DESC LIMIT 1")
                         .arg(kModelColumns),
                     {bundleChecksum.toLower()}, readModel);
}

ModelPromotionRecord Store::promoteModel(RowId modelId, const QString& user, const QString& reason)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("promoting model %1").arg(modelId);
    c.requireWritable(action);
    requireText(c, user, "the user name", action);
    WriteTransaction transaction(c, action);
    if (!model(modelId))
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: model %2 does not exist").arg(action).arg(modelId));
    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    QSqlQuery insert = c.execute(QStringLiteral(
        "INSERT INTO model_promotions (model_id, user_name, reason, created_at) VALUES (?, ?, ?, ?)"),
        {qlonglong(modelId), user, textValue(reason), createdAt}, action);
    ModelPromotionRecord stored;
    stored.id = insert.lastInsertId().toLongLong();
    stored.modelId = modelId;
    stored.user = user;
    stored.reason = reason;
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    transaction.commit();
    return stored;
}

std::optional<ModelRecord> Store::activeModel() const
{
    // Promotions of deleted models go with them (ON DELETE CASCADE).
    return selectOne(connection(), QStringLiteral("reading the active model"),
                     QStringLiteral("SELECT %1 FROM models WHERE id = "
                                    "(SELECT model_id FROM model_promotions ORDER BY id DESC LIMIT 1)")
                         .arg(kModelColumns),
                     {}, readModel);
}

std::vector<ModelPromotionRecord> Store::promotionHistory() const
{
    return selectAll(connection(), QStringLiteral("listing model promotions"),
                     QStringLiteral("SELECT %1 FROM model_promotions ORDER BY id DESC")
                         .arg(kPromotionColumns),
                     {}, readPromotion);
}

void Store::mergeModelMetrics(RowId modelId, const nlohmann::json& metrics)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("saving the metrics of model %1").arg(modelId);
    c.requireWritable(action);
    requireJsonObject(c, metrics, "the metrics", action);
    WriteTransaction transaction(c, action);
    std::optional<ModelRecord> current = model(modelId);
    if (!current)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: model %2 does not exist").arg(action).arg(modelId));
    nlohmann::json merged = current->metrics;
    merged.update(storedObject(metrics)); // top-level keys given replace stored ones
    QSqlQuery update = c.execute(QStringLiteral("UPDATE models SET metrics_json = ? WHERE id = ?"),
        {jsonObjectText(c, merged, "the merged metrics", action), qlonglong(modelId)}, action);
    transaction.commit();
}

} // namespace dl::db
