// dl::db::Store: copying one database into another (defectlens-cli db migrate).
#include "database/Store.h"

#include "database/Connection.h"
#include "database/RowMapping.h"

#include "common/Error.h"

#include <QHash>
#include <QStringList>

#include <map>

namespace dl::db {

using namespace detail;

namespace {

using Reason = DatabaseError::Reason;

// A reference from a column to another copied table; its values are renumbered.
struct Reference {
    const char* column;
    const char* table;
    bool nullable;
};

// How one table is copied. `match` finds a row that already stands for the
// source row (its values bound from `matchColumns`, references already
// renumbered); `conflict` is the unique key a concurrent writer could take first.
struct TableCopy {
    const char* table;
    QStringList columns; // all but id, in the order they are read and written
    std::vector<Reference> references;
    QString match;
    QStringList matchColumns;
    QString conflict;
};

// In dependency order: every table after the tables it refers to.
const std::vector<TableCopy>& tableCopies()
{
    static const std::vector<TableCopy> copies = {
        {"datasets",
         {"name", "root_path", "format", "options_json", "created_at"},
         {},
         "SELECT id FROM datasets WHERE root_path = ?",
         {"root_path"},
         "(root_path)"},
        {"images",
         {"dataset_id", "path", "relative_path", "content_hash", "width", "height", "split", "label", "category",
          "defect_type", "mask_path"},
         {{"dataset_id", "datasets", false}},
         "SELECT id FROM images WHERE dataset_id = ? AND relative_path = ?",
         {"dataset_id", "relative_path"},
         "(dataset_id, relative_path)"},
        {"models",
         {"method", "categories_json", "bundle_path", "bundle_checksum", "metrics_json", "parent_model_id",
          "created_at", "notes"},
         {{"parent_model_id", "models", true}},
         // The same bundle bytes recorded at two stations are one model.
         "SELECT id FROM models WHERE bundle_checksum = ? AND bundle_checksum <> '' AND method = ? ORDER BY id LIMIT 1",
         {"bundle_checksum", "method"},
         {}},
        {"model_promotions",
         {"model_id", "user_name", "reason", "created_at"},
         {{"model_id", "models", false}},
         {}, {}, {}},
        {"annotations",
         {"image_id", "mask_png", "author", "created_at", "defect_type", "note"},
         {{"image_id", "images", false}},
         {}, {}, {}},
        {"runs",
         {"kind", "params_json", "status", "started_at", "finished_at", "error_message", "model_id", "owner_host",
          "owner_pid", "owner_start"},
         {{"model_id", "models", true}},
         {}, {}, {}},
        {"results",
         {"run_id", "image_id", "image_path", "score", "verdict", "heatmap_path", "created_at"},
         {{"run_id", "runs", false}, {"image_id", "images", true}},
         {}, {}, {}},
        {"verdict_overrides",
         {"result_id", "verdict", "reason", "user_name", "created_at"},
         {{"result_id", "results", false}},
         {}, {}, {}},
        {"watched_files",
         {"watch_folder", "path", "size", "modified_ns", "status", "error_message", "result_id", "model_id",
          "archived_path", "latency_ms", "created_at", "mqtt_pending"},
         {{"result_id", "results", true}, {"model_id", "models", true}},
         "SELECT id FROM watched_files WHERE path = ? AND size = ? AND modified_ns = ?",
         {"path", "size", "modified_ns"},
         "(path, size, modified_ns)"},
    };
    return copies;
}

constexpr int kRowsPerChunk = 2000;

qint64 countRows(const Connection& c, const QString& table, const QString& action)
{
    return c.readInteger(QStringLiteral("SELECT count(*) FROM %1").arg(table), action);
}

} // namespace

QString Store::databaseIdentity() const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading the database identity");
    QSqlQuery query = c.execute(QStringLiteral("SELECT uuid FROM database_identity"), {}, action);
    if (!c.next(query, action))
        c.fail(Reason::Corrupt, QStringLiteral("%1 failed: the database has no identity row").arg(action));
    return query.value(0).toString();
}

bool Store::CopyReport::complete() const
{
    for (const CopiedTable& table : tables)
        if (!table.complete())
            return false;
    return true;
}

Store::CopyReport Store::copyFrom(const Store& source, const CopyProgress& progress)
{
    const Connection& target = connection();
    const Connection& from = source.connection();
    const QString action = QStringLiteral("copying %1 into this database").arg(from.path);
    target.requireWritable(action);

    CopyReport report;
    report.sourceIdentity = source.databaseIdentity();
    if (report.sourceIdentity == databaseIdentity())
        target.fail(Reason::InvalidArgument,
                    QStringLiteral("%1 failed: it is this database (or a copy of its file): both have identity %2")
                        .arg(action, report.sourceIdentity));

    // source row id -> target row id, per table, as recorded in copied_rows.
    std::map<QString, QHash<qint64, qint64>> copiedIds;
    auto loadCopied = [&](const QString& table) {
        QHash<qint64, qint64>& ids = copiedIds[table];
        QSqlQuery query = target.execute(
            QStringLiteral("SELECT source_row, target_row FROM copied_rows WHERE source_database = ? AND table_name = ?"),
            {report.sourceIdentity, table}, action);
        while (target.next(query, action))
            ids.insert(query.value(0).toLongLong(), query.value(1).toLongLong());
    };

    for (const TableCopy& spec : tableCopies()) {
        const QString table = QString::fromLatin1(spec.table);
        const QString tableAction = QStringLiteral("%1 (table %2)").arg(action, table);
        CopiedTable counts;
        counts.table = table;
        counts.sourceRows = countRows(from, table, tableAction);
        loadCopied(table);
        QHash<qint64, qint64>& ids = copiedIds[table];

        QStringList placeholders;
        for (int i = 0; i < spec.columns.size(); ++i)
            placeholders << QStringLiteral("?");
        QString insertSql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                .arg(table, spec.columns.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", ")));
        if (!spec.conflict.isEmpty())
            insertSql += QStringLiteral(" ON CONFLICT %1 DO NOTHING").arg(spec.conflict);
        std::vector<int> matchIndexes;
        for (const QString& column : spec.matchColumns)
            matchIndexes.push_back(int(spec.columns.indexOf(column)));
        std::vector<std::pair<int, const Reference*>> referenceIndexes;
        for (const Reference& reference : spec.references)
            referenceIndexes.emplace_back(int(spec.columns.indexOf(QLatin1String(reference.column))), &reference);

        QSqlQuery rows = from.execute(QStringLiteral("SELECT id, %1 FROM %2 ORDER BY id")
                                          .arg(spec.columns.join(QStringLiteral(", ")), table),
                                      {}, tableAction);
        qint64 done = 0;
        bool more = true;
        while (more) {
            // One chunk: read, renumber references, match or insert, record.
            std::vector<qint64> sourceIds;
            std::vector<QVariantList> values;
            while (int(values.size()) < kRowsPerChunk && (more = from.next(rows, tableAction))) {
                const qint64 sourceId = rows.value(0).toLongLong();
                ++done;
                if (ids.contains(sourceId)) {
                    ++counts.copiedBefore;
                    continue;
                }
                QVariantList row;
                for (int i = 0; i < spec.columns.size(); ++i)
                    row << rows.value(i + 1);
                for (const auto& [index, reference] : referenceIndexes) {
                    const QVariant value = row[index];
                    if (value.isNull())
                        continue;
                    const QHash<qint64, qint64>& referenced = copiedIds[QString::fromLatin1(reference->table)];
                    const auto found = referenced.constFind(value.toLongLong());
                    if (found != referenced.constEnd()) {
                        row[index] = qlonglong(found.value());
                    } else if (reference->nullable) {
                        row[index] = QVariant(QMetaType::fromType<qlonglong>());
                    } else {
                        from.fail(Reason::Corrupt, QStringLiteral("%1 failed: %2 row %3 refers to %4 row %5, which "
                                                                  "is missing")
                                                       .arg(tableAction, table)
                                                       .arg(sourceId)
                                                       .arg(QLatin1String(reference->table))
                                                       .arg(value.toLongLong()));
                    }
                }
                sourceIds.push_back(sourceId);
                values.push_back(row);
            }
            if (values.empty())
                break;

            WriteTransaction transaction(target, tableAction);
            std::vector<qint64> targetIds(values.size(), 0);
            std::vector<std::size_t> toInsert;
            auto matchRow = [&](std::size_t i) -> qint64 {
                QVariantList key;
                for (int index : matchIndexes)
                    key << values[i][index];
                QSqlQuery found = target.execute(spec.match, key, tableAction);
                return target.next(found, tableAction) ? found.value(0).toLongLong() : 0;
            };
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (!spec.match.isEmpty() && (targetIds[i] = matchRow(i)) != 0)
                    ++counts.matched;
                else
                    toInsert.push_back(i);
            }
            const std::vector<qint64> inserted = target.insertRows(
                insertSql, toInsert.size(), [&](std::size_t k) { return values[toInsert[k]]; },
                [&](std::size_t k) {
                    return QStringLiteral("%1, source row %2").arg(tableAction).arg(sourceIds[toInsert[k]]);
                },
                tableAction);
            for (std::size_t k = 0; k < toInsert.size(); ++k) {
                const std::size_t i = toInsert[k];
                targetIds[i] = inserted[k];
                if (targetIds[i] != 0) {
                    ++counts.copied;
                } else if (!spec.match.isEmpty() && (targetIds[i] = matchRow(i)) != 0) {
                    ++counts.matched; // another writer stored the same key meanwhile
                } else {
                    target.fail(Reason::Failed, QStringLiteral("%1 failed: source row %2 was neither stored nor found")
                                                    .arg(tableAction)
                                                    .arg(sourceIds[i]));
                }
            }
            target.insertRows(
                QStringLiteral("INSERT INTO copied_rows (source_database, table_name, source_row, target_row) "
                               "VALUES (?, ?, ?, ?)"),
                values.size(),
                [&](std::size_t i) -> QVariantList {
                    return {report.sourceIdentity, table, qlonglong(sourceIds[i]), qlonglong(targetIds[i])};
                },
                [&](std::size_t i) { return QStringLiteral("%1, source row %2").arg(tableAction).arg(sourceIds[i]); },
                tableAction);
            transaction.commit();
            for (std::size_t i = 0; i < values.size(); ++i)
                ids.insert(sourceIds[i], targetIds[i]);
            if (progress && !progress(table, done, counts.sourceRows))
                throw Cancelled();
        }
        rows.finish();
        report.tables.push_back(counts);
        if (progress && !progress(table, counts.sourceRows, counts.sourceRows))
            throw Cancelled();
    }

    // Bundle bytes belong to their model (one row each, keyed by the model).
    CopiedTable bundles;
    bundles.table = QStringLiteral("model_bundles");
    const QString bundleAction = QStringLiteral("%1 (table model_bundles)").arg(action);
    QSqlQuery bundleIds = from.execute(QStringLiteral("SELECT model_id FROM model_bundles ORDER BY model_id"), {}, bundleAction);
    std::vector<qint64> sourceModels;
    while (from.next(bundleIds, bundleAction))
        sourceModels.push_back(bundleIds.value(0).toLongLong());
    bundleIds.finish();
    bundles.sourceRows = qint64(sourceModels.size());
    const QHash<qint64, qint64>& models = copiedIds[QStringLiteral("models")];
    for (const qint64 sourceModel : sourceModels) {
        const qint64 targetModel = models.value(sourceModel, 0);
        if (targetModel == 0)
            from.fail(Reason::Corrupt, QStringLiteral("%1 failed: the bundle of model %2 has no model").arg(bundleAction).arg(sourceModel));
        QSqlQuery bytes = from.execute(QStringLiteral("SELECT bytes, size, bytes_sha256, stored_at FROM model_bundles "
                                                      "WHERE model_id = ?"),
                                       {qlonglong(sourceModel)}, bundleAction);
        if (!from.next(bytes, bundleAction))
            continue;
        const qint64 stored = target.insertReturningId(
            QStringLiteral("INSERT INTO model_bundles (model_id, bytes, size, bytes_sha256, stored_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (model_id) DO NOTHING"),
            {qlonglong(targetModel), bytes.value(0).toByteArray(), bytes.value(1), bytes.value(2), bytes.value(3)},
            bundleAction, QStringLiteral("model_id"));
        if (stored != 0)
            ++bundles.copied;
        else
            ++bundles.matched; // this model's bundle is here already
        if (progress && !progress(bundles.table, bundles.copied + bundles.matched, bundles.sourceRows))
            throw Cancelled();
    }
    report.tables.push_back(bundles);
    return report;
}

} // namespace dl::db
