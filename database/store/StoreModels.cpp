// dl::db::Store: models, their metrics and notes, and promotions into use.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/InputChecks.h"
#include "database/RowMapping.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

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
    const qint64 insertedId = c.insertReturningId(QStringLiteral(
        "INSERT INTO models (method, categories_json, bundle_path, bundle_checksum, metrics_json, "
        "parent_model_id, created_at, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {model.method, jsonListText(model.categories), model.bundlePath, textValue(stored.bundleChecksum),
         jsonObjectText(c, model.metrics, "the metrics", action), idValue(model.parentModelId), createdAt,
         textValue(model.notes)}, action);
    stored.id = insertedId;
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
    const QString createdAt = c.nowText(action);
    const qint64 insertedId = c.insertReturningId(QStringLiteral(
        "INSERT INTO model_promotions (model_id, user_name, reason, created_at) VALUES (?, ?, ?, ?)"),
        {qlonglong(modelId), user, textValue(reason), createdAt}, action);
    ModelPromotionRecord stored;
    stored.id = insertedId;
    stored.modelId = modelId;
    stored.user = user;
    stored.reason = reason;
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    stored.bundleInDatabase = hasModelBundle(modelId);
    if (!stored.bundleInDatabase) {
        // In the same transaction: a promoted model is loadable from the database
        // by every station, or the promotion says it is not.
        QFile file(model(modelId)->bundlePath);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = file.readAll();
            if (file.error() == QFileDevice::NoError) {
                storeModelBundle(modelId, bytes);
                stored.bundleInDatabase = true;
            }
        }
    }
    transaction.commit();
    return stored;
}

namespace {

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// SHA-256 of a file, empty when it cannot be read.
QString fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

void Store::storeModelBundle(RowId modelId, const QByteArray& bytes)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("storing the bundle of model %1").arg(modelId);
    c.requireWritable(action);
    c.execute(QStringLiteral("INSERT INTO model_bundles (model_id, bytes, size, bytes_sha256, stored_at) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (model_id) DO NOTHING"),
              {qlonglong(modelId), bytes, qlonglong(bytes.size()), sha256Hex(bytes),
               timestampText(QDateTime::currentDateTimeUtc())},
              action);
}

bool Store::hasModelBundle(RowId modelId) const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("looking for the stored bundle of model %1").arg(modelId);
    QSqlQuery query = c.execute(QStringLiteral("SELECT 1 FROM model_bundles WHERE model_id = ?"),
                                {qlonglong(modelId)}, action);
    return c.next(query, action);
}

QString Store::defaultModelCacheFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/models");
}

QString Store::bundleFileForModel(const ModelRecord& model, const QString& cacheFolder) const
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("finding the bundle of model %1").arg(model.id);
    QSqlQuery query = c.execute(QStringLiteral("SELECT bytes_sha256, size FROM model_bundles WHERE model_id = ?"),
                                {qlonglong(model.id)}, action);
    if (!c.next(query, action))
        return model.bundlePath; // only the file: as before bundles were stored
    const QString checksum = query.value(0).toString();
    const qint64 size = query.value(1).toLongLong();
    query.finish();
    // The recorded file, when it still holds exactly the stored bytes.
    if (QFileInfo(model.bundlePath).size() == size && fileSha256(model.bundlePath) == checksum)
        return model.bundlePath;
    const QString folder = cacheFolder.isEmpty() ? defaultModelCacheFolder() : cacheFolder;
    const QString cached = folder + QLatin1Char('/') + checksum + QStringLiteral(".dlm");
    if (QFileInfo(cached).size() == size && fileSha256(cached) == checksum)
        return cached;
    // Fetched once into the cache.
    QSqlQuery bytesQuery = c.execute(QStringLiteral("SELECT bytes FROM model_bundles WHERE model_id = ?"),
                                     {qlonglong(model.id)}, action);
    if (!c.next(bytesQuery, action))
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: the stored bundle vanished").arg(action));
    const QByteArray bytes = bytesQuery.value(0).toByteArray();
    if (sha256Hex(bytes) != checksum)
        c.fail(Reason::Corrupt, QStringLiteral("%1 failed: the bundle stored in the database does not match its "
                                               "checksum (damaged)").arg(action));
    if (!QDir().mkpath(folder))
        c.fail(Reason::Io, QStringLiteral("%1 failed: cannot create the model cache folder %2").arg(action, folder));
    QSaveFile out(cached);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        c.fail(Reason::Io, QStringLiteral("%1 failed: cannot write %2 (%3)").arg(action, cached, out.errorString()));
    return cached;
}

std::optional<ModelRecord> Store::activeModel() const
{
    // Promotions of deleted models go with them (ON DELETE CASCADE). Ordered by
    // time first: promotions copied in from a station's own database (db
    // migrate) keep their times and do not displace newer ones of the line.
    return selectOne(connection(), QStringLiteral("reading the active model"),
                     QStringLiteral("SELECT %1 FROM models WHERE id = "
                                    "(SELECT model_id FROM model_promotions ORDER BY created_at DESC, id DESC LIMIT 1)")
                         .arg(kModelColumns),
                     {}, readModel);
}

std::vector<ModelPromotionRecord> Store::promotionHistory() const
{
    return selectAll(connection(), QStringLiteral("listing model promotions"),
                     QStringLiteral("SELECT %1 FROM model_promotions ORDER BY created_at DESC, id DESC")
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
    // Two stations merging metrics at once must not lose one's keys.
    if (c.isPostgres())
        c.execute(QStringLiteral("SELECT id FROM models WHERE id = ?") + c.forUpdate(), {qlonglong(modelId)}, action);
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
