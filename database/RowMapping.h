#pragma once
// Between query rows and the record structs of Records.h, both ways: the column
// list each reader expects, the readers (row -> record, rejecting damaged
// values as Corrupt), and how record values are bound (text, ids, times, JSON).
// Internal to database/.
#include "database/Connection.h"
#include "database/Records.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>
#include <vector>

namespace dl::db::detail {

QString quoted(const QString& text);

// --- record values -> bound values -------------------------------------------

// QtSql binds a null QString as SQL NULL; our text columns are NOT NULL and an
// empty string means "none", so this binds "" instead.
QVariant textValue(const QString& text);
QVariant idValue(std::optional<RowId> id);
QString timestampText(const QDateTime& time);
// The compact text stored in a *_json column. `object` must be a JSON object;
// null is stored as {} so that every stored value reads back as an object.
// Anything else throws InvalidArgument naming `field`.
QString jsonObjectText(const Connection& c, const nlohmann::json& object, const char* field, const QString& action);
QString jsonListText(const QStringList& list);
// The value stored for `object`: null becomes the empty object it is stored as.
nlohmann::json storedObject(const nlohmann::json& object);

// --- rows -> records ------------------------------------------------------------

// Column lists; each reader below expects exactly this order.
extern const QString kDatasetColumns;
extern const QString kImageColumns;
extern const QString kAnnotationColumns;
extern const QString kModelColumns;
extern const QString kRunColumns;
extern const QString kResultColumns;   // of `results r`
extern const QString kOverrideColumns; // of `verdict_overrides o`
extern const QString kPromotionColumns;

DatasetRecord readDataset(const Connection& c, const QSqlQuery& q);
ImageRecord readImage(const QSqlQuery& q);
AnnotationRecord readAnnotation(const Connection& c, const QSqlQuery& q);
ModelRecord readModel(const Connection& c, const QSqlQuery& q);
RunRecord readRun(const Connection& c, const QSqlQuery& q);
ResultRecord readResult(const Connection& c, const QSqlQuery& q);
VerdictOverrideRecord readOverride(const Connection& c, const QSqlQuery& q);
ModelPromotionRecord readPromotion(const Connection& c, const QSqlQuery& q);

// Runs a prepared SELECT whose values are already bound and reads every row.
template <typename Reader>
auto readAll(const Connection& c, QSqlQuery& query, const QString& action, Reader reader)
{
    c.exec(query, action);
    std::vector<decltype(reader(query))> rows;
    while (c.next(query, action))
        rows.push_back(reader(query));
    return rows;
}

// Runs a prepared SELECT and reads its first row, if any.
template <typename Reader>
auto readOne(const Connection& c, QSqlQuery& query, const QString& action, Reader reader)
    -> std::optional<decltype(reader(query))>
{
    c.exec(query, action);
    if (!c.next(query, action))
        return std::nullopt;
    return reader(query);
}

} // namespace dl::db::detail
