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
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO models (method, categories_json, bundle_path, bundle_checksum, metrics_json, "
        "parent_model_id, created_at, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"), action);
    insert.addBindValue(model.method);
    insert.addBindValue(jsonListText(model.categories));
    insert.addBindValue(model.bundlePath);
    insert.addBindValue(textValue(stored.bundleChecksum));
    insert.addBindValue(jsonObjectText(c, model.metrics, "the metrics", action));
    insert.addBindValue(idValue(model.parentModelId));
    insert.addBindValue(createdAt);
    insert.addBindValue(textValue(model.notes));
    c.exec(insert, action);
    stored.id = insert.lastInsertId().toLongLong();
    stored.metrics = storedObject(model.metrics);
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return stored;
}

std::optional<ModelRecord> Store::model(RowId id) const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("reading model %1").arg(id);
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM models WHERE id = ?").arg(kModelColumns), action);
    query.addBindValue(qlonglong(id));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readModel(c, q); });
}

std::vector<ModelRecord> Store::listModels() const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("listing models");
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM models ORDER BY id DESC").arg(kModelColumns), action);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readModel(c, q); });
}

void Store::setModelNotes(RowId modelId, const QString& notes)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("saving the notes of model %1").arg(modelId);
    c.requireWritable(action);
    QSqlQuery update = c.prepare(QStringLiteral("UPDATE models SET notes = ? WHERE id = ?"), action);
    update.addBindValue(textValue(notes));
    update.addBindValue(qlonglong(modelId));
    c.exec(update, action);
    if (update.numRowsAffected() == 0)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: model %2 does not exist").arg(action).arg(modelId));
}

std::optional<ModelRecord> Store::findModelByChecksum(const QString& bundleChecksum) const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("finding the model with checksum %1").arg(bundleChecksum);
    QSqlQuery query = c.prepare(
        QStringLiteral("SELECT %1 FROM models WHERE bundle_checksum = ? ORDER BY id DESC LIMIT 1").arg(kModelColumns),
        action);
    query.addBindValue(bundleChecksum.toLower());
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readModel(c, q); });
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
    QSqlQuery insert = c.prepare(
        QStringLiteral("INSERT INTO model_promotions (model_id, user_name, reason, created_at) VALUES (?, ?, ?, ?)"),
        action);
    insert.addBindValue(qlonglong(modelId));
    insert.addBindValue(user);
    insert.addBindValue(textValue(reason));
    insert.addBindValue(createdAt);
    c.exec(insert, action);
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
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("reading the active model");
    // Promotions of deleted models go with them (ON DELETE CASCADE).
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM models WHERE id = "
                                               "(SELECT model_id FROM model_promotions ORDER BY id DESC LIMIT 1)")
                                    .arg(kModelColumns),
                                action);
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readModel(c, q); });
}

std::vector<ModelPromotionRecord> Store::promotionHistory() const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("listing model promotions");
    QSqlQuery query =
        c.prepare(QStringLiteral("SELECT %1 FROM model_promotions ORDER BY id DESC").arg(kPromotionColumns), action);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readPromotion(c, q); });
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
    QSqlQuery update = c.prepare(QStringLiteral("UPDATE models SET metrics_json = ? WHERE id = ?"), action);
    update.addBindValue(jsonObjectText(c, merged, "the merged metrics", action));
    update.addBindValue(qlonglong(modelId));
    c.exec(update, action);
    transaction.commit();
}

} // namespace dl::db
