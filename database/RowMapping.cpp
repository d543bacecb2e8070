#include "database/RowMapping.h"

#include "database/InputChecks.h"

#include <QStringList>

#include <string>

namespace dl::db::detail {

namespace {

using Reason = DatabaseError::Reason;

// Text that is not valid UTF-8 is stored with U+FFFD in its place rather than
// failing the whole write.
QString compactText(const nlohmann::json& value)
{
    return QString::fromStdString(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The parsed JSON in a *_json column; empty text reads as null.
nlohmann::json storedJson(const QVariant& value)
{
    const std::string text = value.toString().trimmed().toStdString();
    if (text.empty())
        return nullptr;
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

QDateTime timestampFrom(const Connection& c, const QVariant& value, const QString& where)
{
    if (value.isNull())
        return {};
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        c.fail(Reason::Corrupt, QStringLiteral("%1 holds an invalid time stamp %2").arg(where, quoted(value.toString())));
    return time.toUTC();
}

nlohmann::json jsonObjectFrom(const Connection& c, const QVariant& value, const QString& where)
{
    const nlohmann::json stored = storedJson(value);
    if (stored.is_null())
        return nlohmann::json::object();
    if (!stored.is_object())
        c.fail(Reason::Corrupt, QStringLiteral("%1 does not hold a JSON object").arg(where));
    return stored;
}

QStringList jsonStringListFrom(const Connection& c, const QVariant& value, const QString& where)
{
    const nlohmann::json stored = storedJson(value);
    if (stored.is_null())
        return {};
    if (!stored.is_array())
        c.fail(Reason::Corrupt, QStringLiteral("%1 does not hold a JSON list").arg(where));
    QStringList list;
    for (const nlohmann::json& item : stored) {
        if (!item.is_string())
            c.fail(Reason::Corrupt, QStringLiteral("%1 holds a list item that is not text").arg(where));
        list << QString::fromStdString(item.get<std::string>());
    }
    return list;
}

Verdict verdictFrom(const Connection& c, const QVariant& value, const QString& where)
{
    const std::optional<Verdict> verdict = verdictFromString(value.toString());
    if (!verdict)
        c.fail(Reason::Corrupt, QStringLiteral("%1 holds an unknown verdict %2").arg(where, quoted(value.toString())));
    return *verdict;
}

std::optional<RowId> optionalId(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString rowName(const char* table, const QSqlQuery& query)
{
    return QStringLiteral("%1 row %2").arg(QLatin1String(table)).arg(query.value(0).toLongLong());
}

} // namespace

QString quoted(const QString& text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

// --- record values -> bound values -------------------------------------------

QVariant textValue(const QString& text)
{
    return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

QVariant idValue(std::optional<RowId> id)
{
    return id ? QVariant(qlonglong(*id)) : QVariant(QMetaType::fromType<qlonglong>());
}

QString timestampText(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString jsonObjectText(const Connection& c, const nlohmann::json& object, const char* field, const QString& action)
{
    requireJsonObject(c, object, field, action);
    return compactText(storedObject(object));
}

QString jsonListText(const QStringList& list)
{
    nlohmann::json array = nlohmann::json::array();
    for (const QString& item : list)
        array.push_back(item.toStdString());
    return compactText(array);
}

nlohmann::json storedObject(const nlohmann::json& object)
{
    return object.is_null() ? nlohmann::json::object() : object;
}

// --- rows -> records ------------------------------------------------------------

const QString kDatasetColumns = QStringLiteral("id, name, root_path, format, options_json, created_at");
const QString kImageColumns = QStringLiteral(
    "id, dataset_id, path, relative_path, content_hash, width, height, split, label, category, "
    "defect_type, mask_path");
const QString kAnnotationColumns = QStringLiteral("id, image_id, mask_png, author, created_at, defect_type, note");
const QString kModelColumns = QStringLiteral(
    "id, method, categories_json, bundle_path, bundle_checksum, metrics_json, parent_model_id, "
    "created_at, notes");
const QString kRunColumns = QStringLiteral(
    "id, kind, params_json, status, started_at, finished_at, error_message, model_id");
const QString kResultColumns = QStringLiteral(
    "r.id, r.run_id, r.image_id, r.image_path, r.score, r.verdict, r.heatmap_path, r.created_at");
const QString kOverrideColumns = QStringLiteral(
    "o.id, o.result_id, o.verdict, o.reason, o.user_name, o.created_at");
const QString kPromotionColumns = QStringLiteral("id, model_id, user_name, reason, created_at");
const QString kWatchedFileColumns = QStringLiteral(
    "id, watch_folder, path, size, modified_ns, status, error_message, result_id, model_id, archived_path, "
    "latency_ms, created_at");

DatasetRecord readDataset(const Connection& c, const QSqlQuery& q)
{
    const QString where = rowName("datasets", q);
    DatasetRecord d;
    d.id = q.value(0).toLongLong();
    d.name = q.value(1).toString();
    d.rootPath = q.value(2).toString();
    d.format = q.value(3).toString();
    d.options = jsonObjectFrom(c, q.value(4), where + QStringLiteral(" options_json"));
    d.createdAt = timestampFrom(c, q.value(5), where + QStringLiteral(" created_at"));
    return d;
}

ImageRecord readImage(const Connection&, const QSqlQuery& q)
{
    ImageRecord i;
    i.id = q.value(0).toLongLong();
    i.datasetId = q.value(1).toLongLong();
    i.path = q.value(2).toString();
    i.relativePath = q.value(3).toString();
    i.contentHash = q.value(4).toString();
    i.width = q.value(5).toInt();
    i.height = q.value(6).toInt();
    i.split = q.value(7).toString();
    i.label = q.value(8).toInt();
    i.category = q.value(9).toString();
    i.defectType = q.value(10).toString();
    i.maskPath = q.value(11).toString();
    return i;
}

AnnotationRecord readAnnotation(const Connection& c, const QSqlQuery& q)
{
    AnnotationRecord a;
    a.id = q.value(0).toLongLong();
    a.imageId = q.value(1).toLongLong();
    a.maskPng = q.value(2).toByteArray();
    a.author = q.value(3).toString();
    a.createdAt = timestampFrom(c, q.value(4), rowName("annotations", q) + QStringLiteral(" created_at"));
    a.defectType = q.value(5).toString();
    a.note = q.value(6).toString();
    return a;
}

ModelRecord readModel(const Connection& c, const QSqlQuery& q)
{
    const QString where = rowName("models", q);
    ModelRecord m;
    m.id = q.value(0).toLongLong();
    m.method = q.value(1).toString();
    m.categories = jsonStringListFrom(c, q.value(2), where + QStringLiteral(" categories_json"));
    m.bundlePath = q.value(3).toString();
    m.bundleChecksum = q.value(4).toString();
    m.metrics = jsonObjectFrom(c, q.value(5), where + QStringLiteral(" metrics_json"));
    m.parentModelId = optionalId(q.value(6));
    m.createdAt = timestampFrom(c, q.value(7), where + QStringLiteral(" created_at"));
    m.notes = q.value(8).toString();
    return m;
}

RunRecord readRun(const Connection& c, const QSqlQuery& q)
{
    const QString where = rowName("runs", q);
    RunRecord r;
    r.id = q.value(0).toLongLong();
    const std::optional<RunKind> kind = runKindFromString(q.value(1).toString());
    if (!kind)
        c.fail(Reason::Corrupt, QStringLiteral("%1 has an unknown run kind %2").arg(where, quoted(q.value(1).toString())));
    r.kind = *kind;
    r.params = jsonObjectFrom(c, q.value(2), where + QStringLiteral(" params_json"));
    const std::optional<RunStatus> status = runStatusFromString(q.value(3).toString());
    if (!status)
        c.fail(Reason::Corrupt, QStringLiteral("%1 has an unknown status %2").arg(where, quoted(q.value(3).toString())));
    r.status = *status;
    r.startedAt = timestampFrom(c, q.value(4), where + QStringLiteral(" started_at"));
    r.finishedAt = timestampFrom(c, q.value(5), where + QStringLiteral(" finished_at"));
    r.errorMessage = q.value(6).toString();
    r.modelId = optionalId(q.value(7));
    return r;
}

ResultRecord readResult(const Connection& c, const QSqlQuery& q)
{
    const QString where = rowName("results", q);
    ResultRecord r;
    r.id = q.value(0).toLongLong();
    r.runId = q.value(1).toLongLong();
    r.imageId = optionalId(q.value(2));
    r.imagePath = q.value(3).toString();
    r.score = q.value(4).toDouble();
    r.verdict = verdictFrom(c, q.value(5), where + QStringLiteral(" verdict"));
    r.heatmapPath = q.value(6).toString();
    r.createdAt = timestampFrom(c, q.value(7), where + QStringLiteral(" created_at"));
    return r;
}

VerdictOverrideRecord readOverride(const Connection& c, const QSqlQuery& q)
{
    const QString where = rowName("verdict_overrides", q);
    VerdictOverrideRecord o;
    o.id = q.value(0).toLongLong();
    o.resultId = q.value(1).toLongLong();
    o.verdict = verdictFrom(c, q.value(2), where + QStringLiteral(" verdict"));
    o.reason = q.value(3).toString();
    o.user = q.value(4).toString();
    o.createdAt = timestampFrom(c, q.value(5), where + QStringLiteral(" created_at"));
    return o;
}

ModelPromotionRecord readPromotion(const Connection& c, const QSqlQuery& q)
{
    const QString where = rowName("model_promotions", q);
    ModelPromotionRecord p;
    p.id = q.value(0).toLongLong();
    p.modelId = q.value(1).toLongLong();
    p.user = q.value(2).toString();
    p.reason = q.value(3).toString();
    p.createdAt = timestampFrom(c, q.value(4), where + QStringLiteral(" created_at"));
    return p;
}

WatchedFileRecord readWatchedFile(const Connection& c, const QSqlQuery& q)
{
    const QString where = rowName("watched_files", q);
    WatchedFileRecord w;
    w.id = q.value(0).toLongLong();
    w.watchFolder = q.value(1).toString();
    w.path = q.value(2).toString();
    w.size = q.value(3).toLongLong();
    w.modifiedNs = q.value(4).toLongLong();
    const QString status = q.value(5).toString();
    if (status != QStringLiteral("scored") && status != QStringLiteral("failed"))
        c.fail(DatabaseError::Reason::Corrupt,
               QStringLiteral("%1 status holds '%2', which is neither 'scored' nor 'failed'").arg(where, status));
    w.scored = status == QStringLiteral("scored");
    w.errorMessage = q.value(6).toString();
    w.resultId = optionalId(q.value(7));
    w.modelId = optionalId(q.value(8));
    w.archivedPath = q.value(9).toString();
    if (!q.value(10).isNull())
        w.latencyMs = q.value(10).toDouble();
    w.createdAt = timestampFrom(c, q.value(11), where + QStringLiteral(" created_at"));
    return w;
}

} // namespace dl::db::detail
