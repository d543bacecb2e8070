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
extern const QString kWatchedFileColumns;

DatasetRecord readDataset(const Connection& c, const QSqlQuery& q);
ImageRecord readImage(const Connection& c, const QSqlQuery& q);
AnnotationRecord readAnnotation(const Connection& c, const QSqlQuery& q);
ModelRecord readModel(const Connection& c, const QSqlQuery& q);
RunRecord readRun(const Connection& c, const QSqlQuery& q);
ResultRecord readResult(const Connection& c, const QSqlQuery& q);
VerdictOverrideRecord readOverride(const Connection& c, const QSqlQuery& q);
ModelPromotionRecord readPromotion(const Connection& c, const QSqlQuery& q);
WatchedFileRecord readWatchedFile(const Connection& c, const QSqlQuery& q);

// How a record is read from the current row of a query.
template <typename Record>
using RowReader = Record (*)(const Connection& c, const QSqlQuery& q);

// Prepares the SELECT `sql`, binds `values` in order to its placeholders and
// reads every row with `reader`.
template <typename Record>
std::vector<Record> selectAll(const Connection& c, const QString& action, const QString& sql,
                              const QVariantList& values, RowReader<Record> reader)
{
    QSqlQuery query = c.execute(sql, values, action);
    std::vector<Record> rows;
    while (c.next(query, action))
        rows.push_back(reader(c, query));
    return rows;
}

// The same for the first row only, if there is one.
template <typename Record>
std::optional<Record> selectOne(const Connection& c, const QString& action, const QString& sql,
                                const QVariantList& values, RowReader<Record> reader)
{
    QSqlQuery query = c.execute(sql, values, action);
    if (!c.next(query, action))
        return std::nullopt;
    return reader(c, query);
}

} // namespace dl::db::detail
