#include "database/Store.h"

#include "database/Migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <QVariant>
#include <QtDebug>

#include <atomic>
#include <cmath>
#include <utility>

namespace dl::db {

namespace {

using Reason = DatabaseError::Reason;

// How long a writer waits for another connection's lock before giving up.
constexpr int kBusyTimeoutMs = 5000;

// SQLite primary result codes (sqlite3.h); QtSql reports them, possibly
// extended with detail bits above the low byte, as QSqlError::nativeErrorCode().
enum SqliteCode {
    kSqliteBusy = 5,
    kSqliteLocked = 6,
    kSqliteNoMemory = 7,
    kSqliteReadOnly = 8,
    kSqliteIoError = 10,
    kSqliteCorrupt = 11,
    kSqliteFull = 13,
    kSqliteCantOpen = 14,
    kSqliteConstraint = 19,
    kSqliteNotADatabase = 26,
};

QString quoted(const QString& text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

// QtSql binds a null QString as SQL NULL; our text columns are NOT NULL and an
// empty string means "none", so bind "" instead.
QVariant textValue(const QString& text)
{
    return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

QVariant idValue(std::optional<RowId> id)
{
    return id ? QVariant(qlonglong(*id)) : QVariant(QMetaType::fromType<qlonglong>());
}

std::optional<RowId> optionalId(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString timestampText(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString jsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString jsonText(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

bool isSha256Hex(const QString& text)
{
    if (text.size() != 64)
        return false;
    for (QChar ch : text)
        if (!ch.isDigit() && !(ch >= QLatin1Char('a') && ch <= QLatin1Char('f')))
            return false;
    return true;
}

// A file with no write permission bit at all was meant to be read-only, even
// for root (who passes every access() check); respect that.
bool fileIsWritable(const QFileInfo& info)
{
    const QFile::Permissions anyWrite = QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
    return info.isWritable() && (info.permissions() & anyWrite);
}

// What an opened file says about itself before we change anything in it.
struct SchemaState {
    int userVersion = 0;
    qint64 applicationId = 0;
    int objectCount = 0; // tables, indexes, views and triggers
};

// One QtSql connection plus the helpers every Store method needs. All error
// messages produced here start with the database path.
class SqlConnection {
public:
    SqlConnection(QString absolutePath, bool openReadOnly, QString whyReadOnly)
        : path(std::move(absolutePath))
        , name(QStringLiteral("dl.db.Store.%1").arg(nextConnectionNumber()))
        , readOnly(openReadOnly)
        , readOnlyReason(std::move(whyReadOnly))
        , owner(QThread::currentThread())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        if (!db.isValid()) {
            db = QSqlDatabase(); // the destructor does not run for a failed constructor
            QSqlDatabase::removeDatabase(name);
            fail(Reason::CannotOpen,
                 QStringLiteral("cannot open the database: the Qt SQLite driver (QSQLITE) is not available"));
        }
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
        if (readOnly) {
            // A plain read-only connection to a WAL database creates the -wal and
            // -shm companions (with the database's read-only mode bits) and cannot
            // remove them again, which later breaks writable opens; in an
            // unwritable folder it cannot read at all. `immutable` reads the main
            // file without companions or locks. That would hide transactions still
            // sitting in a non-empty -wal, so then we fall back to plain read-only.
            const bool walHoldsData = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
            QUrl uri = QUrl::fromLocalFile(path);
            uri.setQuery(walHoldsData ? QStringLiteral("mode=ro") : QStringLiteral("mode=ro&immutable=1"));
            db.setDatabaseName(uri.toString(QUrl::FullyEncoded));
            options += QStringLiteral(";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI");
        } else {
            db.setDatabaseName(path);
        }
        db.setConnectOptions(options);
    }

    SqlConnection(const SqlConnection&) = delete;
    SqlConnection& operator=(const SqlConnection&) = delete;

    ~SqlConnection()
    {
        {
            // removeDatabase() needs every QSqlDatabase handle on the connection
            // gone, so this one lives in its own scope.
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    QSqlDatabase database() const { return QSqlDatabase::database(name, false); }

    [[noreturn]] void fail(Reason reason, const QString& problem) const
    {
        throw DatabaseError(reason, path, problem);
    }

    DatabaseError sqlError(const QString& action, const QSqlError& error) const
    {
        bool isNumber = false;
        const int code = error.nativeErrorCode().toInt(&isNumber);
        const int primary = isNumber ? (code & 0xff) : -1;
        const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();

        Reason reason = Reason::Failed;
        QString problem = QStringLiteral("SQLite reported an error");
        switch (primary) {
        case kSqliteBusy:
        case kSqliteLocked:
            reason = Reason::Busy;
            problem = QStringLiteral("the database is locked by another connection (waited %1 s)")
                          .arg(kBusyTimeoutMs / 1000);
            break;
        case kSqliteReadOnly:
            reason = Reason::ReadOnly;
            problem = QStringLiteral("database is read-only");
            break;
        case kSqliteNotADatabase:
            reason = Reason::NotADatabase;
            problem = QStringLiteral("the file is not an SQLite database");
            break;
        case kSqliteCorrupt:
            reason = Reason::Corrupt;
            problem = QStringLiteral("the database file is damaged");
            break;
        case kSqliteFull:
            reason = Reason::Io;
            problem = QStringLiteral("the disk is full");
            break;
        case kSqliteIoError:
            reason = Reason::Io;
            problem = QStringLiteral("disk I/O error");
            break;
        case kSqliteNoMemory:
            reason = Reason::Failed;
            problem = QStringLiteral("out of memory");
            break;
        case kSqliteCantOpen:
            reason = Reason::CannotOpen;
            problem = QStringLiteral("cannot open the database file");
            break;
        case kSqliteConstraint:
            reason = Reason::Constraint;
            if (detail.contains(QLatin1String("FOREIGN KEY")))
                problem = QStringLiteral("it refers to a row that does not exist");
            else if (detail.contains(QLatin1String("UNIQUE")))
                problem = QStringLiteral("an entry with the same key already exists");
            else
                problem = QStringLiteral("a value is not allowed");
            break;
        default:
            break;
        }
        return DatabaseError(reason, path,
                             QStringLiteral("%1 failed: %2 (%3)").arg(action, problem, detail));
    }

    void requireWritable(const QString& action) const
    {
        if (readOnly)
            fail(Reason::ReadOnly,
                 QStringLiteral("%1 failed: database is read-only (%2, so it was opened for reading only)")
                     .arg(action, readOnlyReason));
    }

    QSqlQuery prepare(const QString& sql, const QString& action) const
    {
        QSqlQuery query(database());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            throw sqlError(action, query.lastError());
        return query;
    }

    void exec(QSqlQuery& query, const QString& action) const
    {
        if (!query.exec())
            throw sqlError(action, query.lastError());
    }

    // For fixed SQL text only (pragmas, transaction control, migration steps).
    void execStatement(const QString& sql, const QString& action) const
    {
        QSqlQuery query(database());
        if (!query.exec(sql))
            throw sqlError(action, query.lastError());
    }

    // Steps to the next row; false at the end. A failure while stepping (lock,
    // damaged page) throws instead of looking like "no more rows".
    bool next(QSqlQuery& query, const QString& action) const
    {
        if (query.next())
            return true;
        if (query.lastError().isValid())
            throw sqlError(action, query.lastError());
        return false;
    }

    qint64 readInteger(const QString& sql, const QString& action) const
    {
        QSqlQuery query = prepare(sql, action);
        exec(query, action);
        if (!next(query, action))
            fail(Reason::Failed, QStringLiteral("%1 failed: %2 returned no row").arg(action, sql));
        return query.value(0).toLongLong();
    }

    SchemaState readSchemaState() const
    {
        const QString action = QStringLiteral("reading the schema version");
        SchemaState state;
        state.userVersion = int(readInteger(QStringLiteral("PRAGMA user_version"), action));
        state.applicationId = readInteger(QStringLiteral("PRAGMA application_id"), action);
        state.objectCount = int(readInteger(QStringLiteral("SELECT count(*) FROM sqlite_master"), action));
        return state;
    }

    // Refuses files this build must not write to. Nothing has been changed yet.
    void checkSchemaState(const SchemaState& state) const
    {
        if (state.applicationId != 0 && state.applicationId != detail::kApplicationId)
            fail(Reason::NotADatabase,
                 QStringLiteral("not a DefectLens database: it is an SQLite database of another "
                                "application (application id %1); the file was left unchanged")
                     .arg(state.applicationId));
        if (state.userVersion == 0 && state.objectCount > 0)
            fail(Reason::NotADatabase,
                 QStringLiteral("not a DefectLens database: it is an SQLite database that already holds "
                                "%1 schema objects (tables, indexes) but no DefectLens schema version; the "
                                "file was left unchanged")
                     .arg(state.objectCount));
        if (state.userVersion > detail::latestSchemaVersion())
            fail(Reason::NewerSchema,
                 QStringLiteral("the database was written by a newer DefectLens (schema version %1; this "
                                "version understands up to %2). Update DefectLens to open it; the file "
                                "was left unchanged")
                     .arg(state.userVersion)
                     .arg(detail::latestSchemaVersion()));
    }

    // Opens the file and brings its schema to the latest version.
    void openAndPrepare()
    {
        QSqlDatabase db = database();
        if (!db.open())
            throw sqlError(QStringLiteral("opening the database"), db.lastError());

        // Per-connection settings; none of them writes to the file.
        execStatement(QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("enabling foreign keys"));
        if (readInteger(QStringLiteral("PRAGMA foreign_keys"), QStringLiteral("enabling foreign keys")) != 1)
            fail(Reason::Failed, QStringLiteral("this SQLite library does not enforce foreign keys"));

        // The first read of the file: random bytes fail here with "not a database".
        const SchemaState state = readSchemaState();
        checkSchemaState(state);

        if (state.userVersion < detail::latestSchemaVersion() && readOnly)
            fail(Reason::ReadOnly,
                 QStringLiteral("the database has schema version %1 and must be upgraded to version %2, "
                                "but it is read-only (%3)")
                     .arg(state.userVersion)
                     .arg(detail::latestSchemaVersion())
                     .arg(readOnlyReason));
        if (readOnly)
            return; // the journal mode is stored in the file; a reader cannot and need not set it

        // WAL lets readers work while one connection writes. The setting is
        // persistent; the answer is the mode actually in effect.
        QSqlQuery walQuery = prepare(QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("enabling WAL mode"));
        exec(walQuery, QStringLiteral("enabling WAL mode"));
        const QString mode = next(walQuery, QStringLiteral("enabling WAL mode")) ? walQuery.value(0).toString() : QString();
        walQuery.finish();
        if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            qWarning("%s: WAL journal mode is not available here (journal mode is '%s'); "
                     "concurrent readers will wait for writers",
                     qUtf8Printable(path), qUtf8Printable(mode));

        if (state.userVersion < detail::latestSchemaVersion())
            migrate();
    }

    void migrate();

    const QString path;
    const QString name;
    const bool readOnly;
    const QString readOnlyReason;
    QThread* const owner;

private:
    static quint64 nextConnectionNumber()
    {
        static std::atomic<quint64> counter{0};
        return ++counter;
    }
};

// BEGIN IMMEDIATE takes the write lock up front, so a writer waits (busy
// timeout) at the start instead of failing halfway. Unless commit() succeeds,
// the destructor rolls everything back.
class WriteTransaction {
public:
    WriteTransaction(const SqlConnection& connection, QString action)
        : connection_(connection)
        , action_(std::move(action))
    {
        connection_.execStatement(QStringLiteral("BEGIN IMMEDIATE"), action_);
    }

    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    void commit()
    {
        connection_.execStatement(QStringLiteral("COMMIT"), action_);
        committed_ = true;
    }

    ~WriteTransaction()
    {
        if (committed_)
            return;
        QSqlQuery rollback(connection_.database());
        // SQLite has already rolled back by itself after some errors (disk full,
        // I/O); then this ROLLBACK finds no transaction, which is harmless.
        if (!rollback.exec(QStringLiteral("ROLLBACK")))
            qWarning("%s: rolling back after '%s' failed: %s", qUtf8Printable(connection_.path),
                     qUtf8Printable(action_), qUtf8Printable(rollback.lastError().text()));
    }

private:
    const SqlConnection& connection_;
    const QString action_;
    bool committed_ = false;
};

void SqlConnection::migrate()
{
    const QString action = QStringLiteral("upgrading the database schema");
    WriteTransaction transaction(*this, action);
    // Another connection may have upgraded the file while we waited for the lock.
    const SchemaState state = readSchemaState();
    checkSchemaState(state);
    for (const detail::Migration& step : detail::migrations()) {
        if (step.version <= state.userVersion)
            continue;
        const QString stepAction = QStringLiteral("upgrading the database schema to version %1 (%2)")
                                       .arg(step.version)
                                       .arg(QString::fromUtf8(step.summary));
        for (const char* statement : step.statements)
            execStatement(QString::fromUtf8(statement), stepAction);
    }
    // PRAGMA takes no bound parameters; the number is this build's schema
    // constant, never outside input.
    execStatement(QStringLiteral("PRAGMA user_version = %1").arg(detail::latestSchemaVersion()), action);
    transaction.commit();
}

// --- reading rows ------------------------------------------------------------

QDateTime timestampFrom(const SqlConnection& c, const QVariant& value, const QString& where)
{
    if (value.isNull())
        return {};
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        c.fail(Reason::Corrupt, QStringLiteral("%1 holds an invalid time stamp %2").arg(where, quoted(value.toString())));
    return time.toUTC();
}

QJsonObject jsonObjectFrom(const SqlConnection& c, const QVariant& value, const QString& where)
{
    const QByteArray text = value.toString().toUtf8();
    if (text.trimmed().isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        c.fail(Reason::Corrupt, QStringLiteral("%1 does not hold a JSON object").arg(where));
    return document.object();
}

QStringList jsonStringListFrom(const SqlConnection& c, const QVariant& value, const QString& where)
{
    const QByteArray text = value.toString().toUtf8();
    if (text.trimmed().isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        c.fail(Reason::Corrupt, QStringLiteral("%1 does not hold a JSON list").arg(where));
    QStringList list;
    for (const QJsonValue& item : document.array()) {
        if (!item.isString())
            c.fail(Reason::Corrupt, QStringLiteral("%1 holds a list item that is not text").arg(where));
        list << item.toString();
    }
    return list;
}

Verdict verdictFrom(const SqlConnection& c, const QVariant& value, const QString& where)
{
    const std::optional<Verdict> verdict = verdictFromString(value.toString());
    if (!verdict)
        c.fail(Reason::Corrupt, QStringLiteral("%1 holds an unknown verdict %2").arg(where, quoted(value.toString())));
    return *verdict;
}

QString rowName(const char* table, const QSqlQuery& query)
{
    return QStringLiteral("%1 row %2").arg(QLatin1String(table)).arg(query.value(0).toLongLong());
}

// Column lists; each reader below expects exactly this order.
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

DatasetRecord readDataset(const SqlConnection& c, const QSqlQuery& q)
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

ImageRecord readImage(const QSqlQuery& q)
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

AnnotationRecord readAnnotation(const SqlConnection& c, const QSqlQuery& q)
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

ModelRecord readModel(const SqlConnection& c, const QSqlQuery& q)
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

RunRecord readRun(const SqlConnection& c, const QSqlQuery& q)
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

ResultRecord readResult(const SqlConnection& c, const QSqlQuery& q)
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

VerdictOverrideRecord readOverride(const SqlConnection& c, const QSqlQuery& q)
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

ModelPromotionRecord readPromotion(const SqlConnection& c, const QSqlQuery& q)
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

// Runs a prepared SELECT whose values are already bound and reads every row.
template <typename Reader>
auto readAll(const SqlConnection& c, QSqlQuery& query, const QString& action, Reader reader)
{
    c.exec(query, action);
    std::vector<decltype(reader(query))> rows;
    while (c.next(query, action))
        rows.push_back(reader(query));
    return rows;
}

template <typename Reader>
auto readOne(const SqlConnection& c, QSqlQuery& query, const QString& action, Reader reader)
    -> std::optional<decltype(reader(query))>
{
    c.exec(query, action);
    if (!c.next(query, action))
        return std::nullopt;
    return reader(query);
}

// --- validating input ----------------------------------------------------------

void requireText(const SqlConnection& c, const QString& value, const char* field, const QString& action)
{
    if (value.trimmed().isEmpty())
        c.fail(Reason::InvalidArgument, QStringLiteral("%1 failed: %2 is empty").arg(action, QLatin1String(field)));
}

void requireHashOrEmpty(const SqlConnection& c, const QString& value, const char* field, const QString& action)
{
    if (!value.isEmpty() && !isSha256Hex(value.toLower()))
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: %2 %3 is not a SHA-256 digest (64 hexadecimal digits)")
                   .arg(action, QLatin1String(field), quoted(value)));
}

void validateImage(const SqlConnection& c, const ImageRecord& image, const QString& action)
{
    requireText(c, image.path, "the image path", action);
    requireText(c, image.relativePath, "the relative path", action);
    requireHashOrEmpty(c, image.contentHash, "the content hash", action);
    if (image.width < 0 || image.height < 0)
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: the size %2x%3 is negative").arg(action).arg(image.width).arg(image.height));
    if (image.label < -1 || image.label > 1)
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: label %2 is not -1 (unknown), 0 (normal) or 1 (defective)")
                   .arg(action)
                   .arg(image.label));
}

bool isPng(const QByteArray& bytes)
{
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    return bytes.startsWith(signature);
}

} // namespace

// The private connection type named in Store.h.
class Store::Connection : public SqlConnection {
public:
    using SqlConnection::SqlConnection;
};

// --- opening and closing -----------------------------------------------------

Store::Store() = default;

Store::~Store()
{
    close();
}

QString Store::defaultDatabasePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (folder.isEmpty())
        throw DatabaseError(Reason::CannotOpen, QString(),
                            QStringLiteral("no folder for application data is known on this system; "
                                           "choose a database file explicitly"));
    return folder + QStringLiteral("/defectlens.sqlite");
}

int Store::schemaVersion()
{
    return detail::latestSchemaVersion();
}

void Store::open(const QString& path)
{
    close();
    if (path.trimmed().isEmpty())
        throw DatabaseError(Reason::InvalidArgument, QString(), QStringLiteral("no database file name was given"));

    const QFileInfo info(path);
    const QString absolutePath = info.absoluteFilePath();
    const QString folder = info.absolutePath();
    bool readOnly = false;
    QString readOnlyReason;

    if (info.exists()) {
        if (info.isDir())
            throw DatabaseError(Reason::CannotOpen, absolutePath,
                                QStringLiteral("this is a folder, not a database file"));
        if (!info.isFile())
            throw DatabaseError(Reason::CannotOpen, absolutePath,
                                QStringLiteral("this is not a regular file, so it cannot be a database"));
        if (!fileIsWritable(info)) {
            readOnly = true;
            readOnlyReason = QStringLiteral("the file is not writable");
        } else if (!QFileInfo(folder).isWritable()) {
            // WAL mode keeps two companion files next to the database.
            readOnly = true;
            readOnlyReason = QStringLiteral("its folder is not writable");
        }
    } else {
        if (!QDir().mkpath(folder))
            throw DatabaseError(Reason::CannotOpen, absolutePath,
                                QStringLiteral("cannot create the database: the folder %1 cannot be created")
                                    .arg(quoted(folder)));
        if (!QFileInfo(folder).isWritable())
            throw DatabaseError(Reason::ReadOnly, absolutePath,
                                QStringLiteral("cannot create the database: the folder %1 is not writable")
                                    .arg(quoted(folder)));
    }

    // On any failure the half-made connection is closed and removed again.
    auto connection = std::make_unique<Connection>(absolutePath, readOnly, readOnlyReason);
    connection->openAndPrepare();
    connection_ = std::move(connection);
}

void Store::close() noexcept
{
    connection_.reset();
}

bool Store::isOpen() const noexcept
{
    return connection_ != nullptr;
}

bool Store::isReadOnly() const noexcept
{
    return connection_ && connection_->readOnly;
}

QString Store::path() const
{
    return connection_ ? connection_->path : QString();
}

const Store::Connection& Store::connection() const
{
    if (!connection_)
        throw DatabaseError(Reason::Usage, QString(), QStringLiteral("no database is open"));
    if (QThread::currentThread() != connection_->owner)
        throw DatabaseError(Reason::Usage, connection_->path,
                            QStringLiteral("this Store was used from a thread that did not create it; "
                                           "each thread needs its own Store"));
    return *connection_;
}

// --- datasets ----------------------------------------------------------------

DatasetRecord Store::addDataset(const DatasetRecord& dataset)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("adding dataset %1").arg(quoted(dataset.rootPath));
    c.requireWritable(action);
    requireText(c, dataset.name, "the dataset name", action);
    requireText(c, dataset.rootPath, "the dataset root path", action);
    requireText(c, dataset.format, "the dataset format", action);

    DatasetRecord stored = dataset;
    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO datasets (name, root_path, format, options_json, created_at) VALUES (?, ?, ?, ?, ?)"), action);
    insert.addBindValue(dataset.name);
    insert.addBindValue(dataset.rootPath);
    insert.addBindValue(dataset.format);
    insert.addBindValue(jsonText(dataset.options));
    insert.addBindValue(createdAt);
    c.exec(insert, action);
    stored.id = insert.lastInsertId().toLongLong();
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return stored;
}

std::optional<DatasetRecord> Store::dataset(RowId id) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading dataset %1").arg(id);
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM datasets WHERE id = ?").arg(kDatasetColumns), action);
    query.addBindValue(qlonglong(id));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readDataset(c, q); });
}

std::optional<DatasetRecord> Store::findDatasetByRoot(const QString& rootPath) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("looking up the dataset at %1").arg(quoted(rootPath));
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM datasets WHERE root_path = ?").arg(kDatasetColumns), action);
    query.addBindValue(textValue(rootPath));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readDataset(c, q); });
}

std::vector<DatasetRecord> Store::listDatasets() const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("listing datasets");
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM datasets ORDER BY id").arg(kDatasetColumns), action);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readDataset(c, q); });
}

// --- images ------------------------------------------------------------------

std::vector<RowId> Store::addImages(const std::vector<ImageRecord>& images)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("adding %1 images").arg(images.size());
    c.requireWritable(action);
    if (images.empty())
        return {};
    for (std::size_t i = 0; i < images.size(); ++i)
        validateImage(c, images[i], QStringLiteral("%1 (image %2, %3)").arg(action).arg(i + 1).arg(quoted(images[i].relativePath)));

    WriteTransaction transaction(c, action);
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO images (dataset_id, path, relative_path, content_hash, width, height, split, label, "
        "category, defect_type, mask_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), action);
    std::vector<RowId> ids;
    ids.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        const ImageRecord& image = images[i];
        insert.bindValue(0, qlonglong(image.datasetId));
        insert.bindValue(1, image.path);
        insert.bindValue(2, image.relativePath);
        insert.bindValue(3, textValue(image.contentHash.toLower()));
        insert.bindValue(4, image.width);
        insert.bindValue(5, image.height);
        insert.bindValue(6, textValue(image.split));
        insert.bindValue(7, image.label);
        insert.bindValue(8, textValue(image.category));
        insert.bindValue(9, textValue(image.defectType));
        insert.bindValue(10, textValue(image.maskPath));
        c.exec(insert, QStringLiteral("%1 (image %2, %3)").arg(action).arg(i + 1).arg(quoted(image.relativePath)));
        ids.push_back(insert.lastInsertId().toLongLong());
    }
    insert.finish();
    transaction.commit();
    return ids;
}

std::optional<ImageRecord> Store::image(RowId id) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading image %1").arg(id);
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM images WHERE id = ?").arg(kImageColumns), action);
    query.addBindValue(qlonglong(id));
    return readOne(c, query, action, readImage);
}

std::vector<ImageRecord> Store::imagesOfDataset(RowId datasetId) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("listing the images of dataset %1").arg(datasetId);
    QSqlQuery query = c.prepare(
        QStringLiteral("SELECT %1 FROM images WHERE dataset_id = ? ORDER BY relative_path").arg(kImageColumns), action);
    query.addBindValue(qlonglong(datasetId));
    return readAll(c, query, action, readImage);
}

std::optional<ImageRecord> Store::findImage(RowId datasetId, const QString& relativePath) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("looking up image %1 of dataset %2").arg(quoted(relativePath)).arg(datasetId);
    QSqlQuery query = c.prepare(
        QStringLiteral("SELECT %1 FROM images WHERE dataset_id = ? AND relative_path = ?").arg(kImageColumns), action);
    query.addBindValue(qlonglong(datasetId));
    query.addBindValue(relativePath);
    return readOne(c, query, action, readImage);
}

// --- annotations -------------------------------------------------------------

AnnotationRecord Store::addAnnotation(RowId imageId, const QByteArray& maskPng, const QString& author,
                                     const QString& defectType, const QString& note)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("adding an annotation to image %1").arg(imageId);
    c.requireWritable(action);
    requireText(c, author, "the author", action);
    if (!isPng(maskPng))
        c.fail(Reason::InvalidArgument, QStringLiteral("%1 failed: the mask is not PNG data").arg(action));

    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO annotations (image_id, mask_png, author, created_at, defect_type, note) "
        "VALUES (?, ?, ?, ?, ?, ?)"), action);
    insert.addBindValue(qlonglong(imageId));
    insert.addBindValue(maskPng);
    insert.addBindValue(author);
    insert.addBindValue(createdAt);
    insert.addBindValue(textValue(defectType));
    insert.addBindValue(textValue(note));
    c.exec(insert, action);

    AnnotationRecord stored;
    stored.id = insert.lastInsertId().toLongLong();
    stored.imageId = imageId;
    stored.maskPng = maskPng;
    stored.author = author;
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    stored.defectType = defectType;
    stored.note = note;
    return stored;
}

std::optional<AnnotationRecord> Store::latestAnnotation(RowId imageId) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading the latest annotation of image %1").arg(imageId);
    // Newest = highest id: ids follow insertion order even if the clock jumps.
    QSqlQuery query = c.prepare(QStringLiteral(
        "SELECT %1 FROM annotations WHERE image_id = ? ORDER BY id DESC LIMIT 1").arg(kAnnotationColumns), action);
    query.addBindValue(qlonglong(imageId));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readAnnotation(c, q); });
}

std::vector<AnnotationRecord> Store::annotationsForImage(RowId imageId) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("listing the annotations of image %1").arg(imageId);
    QSqlQuery query = c.prepare(QStringLiteral(
        "SELECT %1 FROM annotations WHERE image_id = ? ORDER BY id DESC").arg(kAnnotationColumns), action);
    query.addBindValue(qlonglong(imageId));
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readAnnotation(c, q); });
}

// --- models ------------------------------------------------------------------

ModelRecord Store::addModel(const ModelRecord& model)
{
    const Connection& c = connection();
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
    insert.addBindValue(jsonText(model.categories));
    insert.addBindValue(model.bundlePath);
    insert.addBindValue(textValue(stored.bundleChecksum));
    insert.addBindValue(jsonText(model.metrics));
    insert.addBindValue(idValue(model.parentModelId));
    insert.addBindValue(createdAt);
    insert.addBindValue(textValue(model.notes));
    c.exec(insert, action);
    stored.id = insert.lastInsertId().toLongLong();
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return stored;
}

std::optional<ModelRecord> Store::model(RowId id) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading model %1").arg(id);
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM models WHERE id = ?").arg(kModelColumns), action);
    query.addBindValue(qlonglong(id));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readModel(c, q); });
}

std::vector<ModelRecord> Store::listModels() const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("listing models");
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM models ORDER BY id DESC").arg(kModelColumns), action);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readModel(c, q); });
}

void Store::setModelNotes(RowId modelId, const QString& notes)
{
    const Connection& c = connection();
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
    const Connection& c = connection();
    const QString action = QStringLiteral("finding the model with checksum %1").arg(bundleChecksum);
    QSqlQuery query = c.prepare(
        QStringLiteral("SELECT %1 FROM models WHERE bundle_checksum = ? ORDER BY id DESC LIMIT 1").arg(kModelColumns),
        action);
    query.addBindValue(bundleChecksum.toLower());
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readModel(c, q); });
}

ModelPromotionRecord Store::promoteModel(RowId modelId, const QString& user, const QString& reason)
{
    const Connection& c = connection();
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
    const Connection& c = connection();
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
    const Connection& c = connection();
    const QString action = QStringLiteral("listing model promotions");
    QSqlQuery query =
        c.prepare(QStringLiteral("SELECT %1 FROM model_promotions ORDER BY id DESC").arg(kPromotionColumns), action);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readPromotion(c, q); });
}

void Store::mergeModelMetrics(RowId modelId, const QJsonObject& metrics)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("saving the metrics of model %1").arg(modelId);
    c.requireWritable(action);
    WriteTransaction transaction(c, action);
    std::optional<ModelRecord> current = model(modelId);
    if (!current)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: model %2 does not exist").arg(action).arg(modelId));
    QJsonObject merged = current->metrics;
    for (auto it = metrics.begin(); it != metrics.end(); ++it)
        merged.insert(it.key(), it.value());
    QSqlQuery update = c.prepare(QStringLiteral("UPDATE models SET metrics_json = ? WHERE id = ?"), action);
    update.addBindValue(jsonText(merged));
    update.addBindValue(qlonglong(modelId));
    c.exec(update, action);
    transaction.commit();
}

// --- runs --------------------------------------------------------------------

RunRecord Store::insertRun(RunKind kind, const QJsonObject& params, std::optional<RowId> modelId, RunStatus status)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("recording a new %1 run").arg(toText(kind));
    c.requireWritable(action);

    QString startedAt;
    if (status == RunStatus::Running)
        startedAt = timestampText(QDateTime::currentDateTimeUtc());
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO runs (kind, params_json, status, started_at, model_id) VALUES (?, ?, ?, ?, ?)"), action);
    insert.addBindValue(toText(kind));
    insert.addBindValue(jsonText(params));
    insert.addBindValue(toText(status));
    insert.addBindValue(startedAt.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(startedAt));
    insert.addBindValue(idValue(modelId));
    c.exec(insert, action);

    RunRecord stored;
    stored.id = insert.lastInsertId().toLongLong();
    stored.kind = kind;
    stored.params = params;
    stored.status = status;
    if (!startedAt.isEmpty())
        stored.startedAt = QDateTime::fromString(startedAt, Qt::ISODateWithMs);
    stored.modelId = modelId;
    return stored;
}

RunRecord Store::queueRun(RunKind kind, const QJsonObject& params, std::optional<RowId> modelId)
{
    return insertRun(kind, params, modelId, RunStatus::Queued);
}

RunRecord Store::startRun(RunKind kind, const QJsonObject& params, std::optional<RowId> modelId)
{
    return insertRun(kind, params, modelId, RunStatus::Running);
}

void Store::markRunStarted(RowId runId)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("starting run %1").arg(runId);
    c.requireWritable(action);
    QSqlQuery update = c.prepare(QStringLiteral(
        "UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'"), action);
    update.addBindValue(timestampText(QDateTime::currentDateTimeUtc()));
    update.addBindValue(qlonglong(runId));
    c.exec(update, action);
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
    const Connection& c = connection();
    const QString action = QStringLiteral("finishing run %1 as %2").arg(runId).arg(toText(status));
    c.requireWritable(action);
    if (!isFinished(status))
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: a finished run must be succeeded, failed or cancelled").arg(action));

    // Only a running run can succeed; a queued one can still fail or be cancelled.
    QSqlQuery update = c.prepare(QStringLiteral(
        "UPDATE runs SET status = ?, finished_at = ?, error_message = ? "
        "WHERE id = ? AND (status = 'running' OR (status = 'queued' AND ? <> 'succeeded'))"), action);
    update.addBindValue(toText(status));
    update.addBindValue(timestampText(QDateTime::currentDateTimeUtc()));
    update.addBindValue(textValue(errorMessage));
    update.addBindValue(qlonglong(runId));
    update.addBindValue(toText(status));
    c.exec(update, action);
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
    const Connection& c = connection();
    const QString action = QStringLiteral("linking run %1 to model %2").arg(runId).arg(modelId);
    c.requireWritable(action);
    QSqlQuery update = c.prepare(QStringLiteral("UPDATE runs SET model_id = ? WHERE id = ?"), action);
    update.addBindValue(qlonglong(modelId));
    update.addBindValue(qlonglong(runId));
    c.exec(update, action);
    if (update.numRowsAffected() == 0)
        c.fail(Reason::NotFound, QStringLiteral("%1 failed: run %2 does not exist").arg(action).arg(runId));
}

std::optional<RunRecord> Store::run(RowId id) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading run %1").arg(id);
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(kRunColumns), action);
    query.addBindValue(qlonglong(id));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readRun(c, q); });
}

std::vector<RunRecord> Store::listRuns(int limit) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("listing runs");
    // LIMIT -1 means "no limit" to SQLite.
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM runs ORDER BY id DESC LIMIT ?").arg(kRunColumns), action);
    query.addBindValue(limit < 0 ? -1 : limit);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readRun(c, q); });
}

int Store::abandonUnfinishedRuns(const QString& reason)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("closing runs left unfinished");
    c.requireWritable(action);
    const QString now = timestampText(QDateTime::currentDateTimeUtc());

    WriteTransaction transaction(c, action);
    QSqlQuery failRunning = c.prepare(QStringLiteral(
        "UPDATE runs SET status = 'failed', finished_at = ?, error_message = ? WHERE status = 'running'"), action);
    failRunning.addBindValue(now);
    failRunning.addBindValue(textValue(reason));
    c.exec(failRunning, action);
    QSqlQuery cancelQueued = c.prepare(QStringLiteral(
        "UPDATE runs SET status = 'cancelled', finished_at = ?, error_message = ? WHERE status = 'queued'"), action);
    cancelQueued.addBindValue(now);
    cancelQueued.addBindValue(textValue(reason));
    c.exec(cancelQueued, action);
    const int changed = failRunning.numRowsAffected() + cancelQueued.numRowsAffected();
    transaction.commit();
    return changed;
}

// --- results -----------------------------------------------------------------

std::vector<RowId> Store::addResults(const std::vector<ResultRecord>& results)
{
    const Connection& c = connection();
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
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO results (run_id, image_id, image_path, score, verdict, heatmap_path, created_at) "
        "VALUES (?, ?, COALESCE(NULLIF(?, ''), (SELECT path FROM images WHERE id = ?), ''), ?, ?, ?, ?)"), action);
    std::vector<RowId> ids;
    ids.reserve(results.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        const ResultRecord& r = results[i];
        insert.bindValue(0, qlonglong(r.runId));
        insert.bindValue(1, idValue(r.imageId));
        insert.bindValue(2, textValue(r.imagePath));
        insert.bindValue(3, idValue(r.imageId));
        insert.bindValue(4, r.score);
        insert.bindValue(5, toText(r.verdict));
        insert.bindValue(6, textValue(r.heatmapPath));
        insert.bindValue(7, createdAt);
        c.exec(insert, QStringLiteral("%1 (result %2)").arg(action).arg(i + 1));
        ids.push_back(insert.lastInsertId().toLongLong());
    }
    insert.finish();
    transaction.commit();
    return ids;
}

std::optional<ResultRecord> Store::result(RowId id) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading result %1").arg(id);
    QSqlQuery query = c.prepare(QStringLiteral("SELECT %1 FROM results r WHERE r.id = ?").arg(kResultColumns), action);
    query.addBindValue(qlonglong(id));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readResult(c, q); });
}

std::vector<ResultRecord> Store::resultsOfRun(RowId runId) const
{
    ResultFilter filter;
    filter.runId = runId;
    return findResults(filter);
}

std::vector<ResultRecord> Store::findResults(const ResultFilter& filter) const
{
    const Connection& c = connection();
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
    values << (filter.limit < 0 ? -1 : filter.limit) << qMax(0, filter.offset);

    QSqlQuery query = c.prepare(sql, action);
    for (const QVariant& value : values)
        query.addBindValue(value);
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readResult(c, q); });
}

// --- verdict overrides -------------------------------------------------------

VerdictOverrideRecord Store::addOverride(RowId resultId, Verdict verdict, const QString& reason, const QString& user)
{
    const Connection& c = connection();
    const QString action = QStringLiteral("overriding the verdict of result %1").arg(resultId);
    c.requireWritable(action);
    requireText(c, user, "the user name", action);

    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    QSqlQuery insert = c.prepare(QStringLiteral(
        "INSERT INTO verdict_overrides (result_id, verdict, reason, user_name, created_at) VALUES (?, ?, ?, ?, ?)"),
        action);
    insert.addBindValue(qlonglong(resultId));
    insert.addBindValue(toText(verdict));
    insert.addBindValue(textValue(reason));
    insert.addBindValue(user);
    insert.addBindValue(createdAt);
    c.exec(insert, action);

    VerdictOverrideRecord stored;
    stored.id = insert.lastInsertId().toLongLong();
    stored.resultId = resultId;
    stored.verdict = verdict;
    stored.reason = reason;
    stored.user = user;
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return stored;
}

std::optional<VerdictOverrideRecord> Store::latestOverride(RowId resultId) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading the verdict override of result %1").arg(resultId);
    QSqlQuery query = c.prepare(QStringLiteral(
        "SELECT %1 FROM verdict_overrides o WHERE o.result_id = ? ORDER BY o.id DESC LIMIT 1").arg(kOverrideColumns),
        action);
    query.addBindValue(qlonglong(resultId));
    return readOne(c, query, action, [&](const QSqlQuery& q) { return readOverride(c, q); });
}

std::vector<VerdictOverrideRecord> Store::overrideHistory(RowId resultId) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading the override history of result %1").arg(resultId);
    QSqlQuery query = c.prepare(QStringLiteral(
        "SELECT %1 FROM verdict_overrides o WHERE o.result_id = ? ORDER BY o.id DESC").arg(kOverrideColumns), action);
    query.addBindValue(qlonglong(resultId));
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readOverride(c, q); });
}

std::vector<VerdictOverrideRecord> Store::latestOverridesOfRun(RowId runId) const
{
    const Connection& c = connection();
    const QString action = QStringLiteral("reading the verdict overrides of run %1").arg(runId);
    QSqlQuery query = c.prepare(QStringLiteral(
        "SELECT %1 FROM verdict_overrides o JOIN results r ON r.id = o.result_id "
        "WHERE r.run_id = ? AND o.id = (SELECT MAX(newer.id) FROM verdict_overrides newer "
        "WHERE newer.result_id = o.result_id) ORDER BY o.result_id").arg(kOverrideColumns), action);
    query.addBindValue(qlonglong(runId));
    return readAll(c, query, action, [&](const QSqlQuery& q) { return readOverride(c, q); });
}

} // namespace dl::db
