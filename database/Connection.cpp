#include "database/Connection.h"

#include "database/Migrations.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <QVariant>
#include <QtDebug>

#include <atomic>
#include <utility>

namespace dl::db::detail {

namespace {

using Reason = DatabaseError::Reason;

// How long a writer waits for other connections' locks before giving up. Not
// just the longest single transaction: SQLite's busy handler polls with growing
// sleeps, so with several busy writers a waiting one can lose the race for
// seconds (3 writers under ASan on a loaded 2-core machine waited > 5 s).
std::atomic<int> g_busyTimeoutMs{30000};

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

quint64 nextConnectionNumber()
{
    static std::atomic<quint64> counter{0};
    return ++counter;
}

struct ErrorMeaning {
    Reason reason = Reason::Failed;
    QString problem = QStringLiteral("SQLite reported an error");
};

// What an SQLite result code means for the user; `detail` is SQLite's own text.
ErrorMeaning meaningOf(int primaryCode, const QString& detail, int busyTimeoutMs)
{
    switch (primaryCode) {
    case kSqliteBusy:
    case kSqliteLocked:
        return {Reason::Busy, QStringLiteral("the database is locked by another connection (waited %1 s)")
                                  .arg(busyTimeoutMs / 1000.0)};
    case kSqliteReadOnly:
        return {Reason::ReadOnly, QStringLiteral("database is read-only")};
    case kSqliteNotADatabase:
        return {Reason::NotADatabase, QStringLiteral("the file is not an SQLite database")};
    case kSqliteCorrupt:
        return {Reason::Corrupt, QStringLiteral("the database file is damaged")};
    case kSqliteFull:
        return {Reason::Io, QStringLiteral("the disk is full")};
    case kSqliteIoError:
        // Also how SQLite reports a file grown past a size limit (EFBIG).
        return {Reason::Io, QStringLiteral("disk I/O error (is the disk full, failing or over a file size limit?)")};
    case kSqliteNoMemory:
        return {Reason::Failed, QStringLiteral("out of memory")};
    case kSqliteCantOpen:
        return {Reason::CannotOpen, QStringLiteral("cannot open the database file")};
    case kSqliteConstraint:
        if (detail.contains(QLatin1String("FOREIGN KEY")))
            return {Reason::Constraint, QStringLiteral("it refers to a row that does not exist")};
        if (detail.contains(QLatin1String("UNIQUE")))
            return {Reason::Constraint, QStringLiteral("an entry with the same key already exists")};
        return {Reason::Constraint, QStringLiteral("a value is not allowed")};
    default:
        return {};
    }
}

} // namespace

void setBusyTimeoutMs(int milliseconds) { g_busyTimeoutMs.store(milliseconds); }
int busyTimeoutMs() { return g_busyTimeoutMs.load(); }

// --- Connection --------------------------------------------------------------

Connection::Connection(QString absolutePath, bool openReadOnly, QString whyReadOnly)
    : path(std::move(absolutePath))
    , name(QStringLiteral("dl.db.Store.%1").arg(nextConnectionNumber()))
    , readOnly(openReadOnly)
    , readOnlyReason(std::move(whyReadOnly))
    , owner(QThread::currentThread())
    , busyTimeoutMs(g_busyTimeoutMs.load())
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!db.isValid()) {
        db = QSqlDatabase(); // the destructor does not run for a failed constructor
        QSqlDatabase::removeDatabase(name);
        fail(Reason::CannotOpen,
             QStringLiteral("cannot open the database: the Qt SQLite driver (QSQLITE) is not available"));
    }
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
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

Connection::~Connection()
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

QSqlDatabase Connection::database() const
{
    return QSqlDatabase::database(name, false);
}

void Connection::fail(Reason reason, const QString& problem) const
{
    throw DatabaseError(reason, path, problem);
}

DatabaseError Connection::sqlError(const QString& action, const QSqlError& error) const
{
    bool isNumber = false;
    const int code = error.nativeErrorCode().toInt(&isNumber);
    const int primary = isNumber ? (code & 0xff) : -1;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const ErrorMeaning meaning = meaningOf(primary, detail, busyTimeoutMs);
    // SQLite's own text is added where it says more than the meaning does.
    const bool detailAddsNothing = detail.isEmpty() || meaning.problem.startsWith(detail, Qt::CaseInsensitive);
    return DatabaseError(meaning.reason, path,
                         detailAddsNothing ? QStringLiteral("%1 failed: %2").arg(action, meaning.problem)
                                           : QStringLiteral("%1 failed: %2 (%3)").arg(action, meaning.problem, detail));
}

void Connection::requireWritable(const QString& action) const
{
    if (readOnly)
        fail(Reason::ReadOnly,
             QStringLiteral("%1 failed: database is read-only (%2, so it was opened for reading only)")
                 .arg(action, readOnlyReason));
}

QSqlQuery Connection::prepare(const QString& sql, const QString& action) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw sqlError(action, query.lastError());
    return query;
}

void Connection::exec(QSqlQuery& query, const QString& action) const
{
    if (!query.exec())
        throw sqlError(action, query.lastError());
}

QSqlQuery Connection::execute(const QString& sql, const QVariantList& values, const QString& action) const
{
    QSqlQuery query = prepare(sql, action);
    for (const QVariant& value : values)
        query.addBindValue(value);
    exec(query, action);
    return query;
}

std::vector<qint64> Connection::insertRows(const QString& sql, std::size_t rowCount,
                                           const std::function<QVariantList(std::size_t)>& valuesOfRow,
                                           const std::function<QString(std::size_t)>& rowAction,
                                           const QString& action) const
{
    // One prepared statement for all rows: SQLite parses the SQL once.
    QSqlQuery insert = prepare(sql, action);
    std::vector<qint64> ids;
    ids.reserve(rowCount);
    for (std::size_t row = 0; row < rowCount; ++row) {
        const QVariantList values = valuesOfRow(row);
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values[i]);
        exec(insert, rowAction(row));
        ids.push_back(insert.lastInsertId().toLongLong());
    }
    insert.finish();
    return ids;
}

void Connection::execStatement(const QString& sql, const QString& action) const
{
    QSqlQuery query(database());
    if (!query.exec(sql))
        throw sqlError(action, query.lastError());
}

bool Connection::next(QSqlQuery& query, const QString& action) const
{
    if (query.next())
        return true;
    if (query.lastError().isValid())
        throw sqlError(action, query.lastError());
    return false;
}

qint64 Connection::readInteger(const QString& sql, const QString& action) const
{
    QSqlQuery query = prepare(sql, action);
    exec(query, action);
    if (!next(query, action))
        fail(Reason::Failed, QStringLiteral("%1 failed: %2 returned no row").arg(action, sql));
    return query.value(0).toLongLong();
}

// --- opening and upgrading -----------------------------------------------------

SchemaState Connection::readSchemaState() const
{
    const QString action = QStringLiteral("reading the schema version");
    SchemaState state;
    state.userVersion = int(readInteger(QStringLiteral("PRAGMA user_version"), action));
    state.applicationId = readInteger(QStringLiteral("PRAGMA application_id"), action);
    state.objectCount = int(readInteger(QStringLiteral("SELECT count(*) FROM sqlite_master"), action));
    return state;
}

void Connection::checkSchemaState(const SchemaState& state) const
{
    if (state.applicationId != 0 && state.applicationId != kApplicationId)
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
    if (state.userVersion > latestSchemaVersion())
        fail(Reason::NewerSchema,
             QStringLiteral("the database was written by a newer DefectLens (schema version %1; this "
                            "version understands up to %2). Update DefectLens to open it; the file "
                            "was left unchanged")
                 .arg(state.userVersion)
                 .arg(latestSchemaVersion()));
}

void Connection::openAndPrepare()
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

    if (state.userVersion < latestSchemaVersion() && readOnly)
        fail(Reason::ReadOnly,
             QStringLiteral("the database has schema version %1 and must be upgraded to version %2, "
                            "but it is read-only (%3)")
                 .arg(state.userVersion)
                 .arg(latestSchemaVersion())
                 .arg(readOnlyReason));
    if (readOnly)
        return; // the journal mode is stored in the file; a reader cannot and need not set it

    enableWal();
    if (state.userVersion < latestSchemaVersion())
        migrate();
}

// WAL lets readers work while one connection writes. The setting is
// persistent; the answer is the mode actually in effect.
void Connection::enableWal() const
{
    const QString action = QStringLiteral("enabling WAL mode");
    QSqlQuery walQuery = prepare(QStringLiteral("PRAGMA journal_mode = WAL"), action);
    exec(walQuery, action);
    const QString mode = next(walQuery, action) ? walQuery.value(0).toString() : QString();
    walQuery.finish();
    if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        qWarning("%s: WAL journal mode is not available here (journal mode is '%s'); "
                 "concurrent readers will wait for writers",
                 qUtf8Printable(path), qUtf8Printable(mode));
}

void Connection::migrate() const
{
    const QString action = QStringLiteral("upgrading the database schema");
    const int stored = readSchemaState().userVersion;
    bool rebuildsTables = false;
    for (const Migration& step : migrations())
        rebuildsTables = rebuildsTables || (step.version > stored && step.rebuildsTables);
    // PRAGMA foreign_keys is a no-op inside a transaction: switch it before.
    if (rebuildsTables)
        execStatement(QStringLiteral("PRAGMA foreign_keys = OFF"), action);
    try {
        WriteTransaction transaction(*this, action);
        // Another connection may have upgraded the file while we waited for the lock.
        const SchemaState state = readSchemaState();
        checkSchemaState(state);
        for (const Migration& step : migrations()) {
            if (step.version <= state.userVersion)
                continue;
            const QString stepAction = QStringLiteral("upgrading the database schema to version %1 (%2)")
                                           .arg(step.version)
                                           .arg(QString::fromUtf8(step.summary));
            for (const char* statement : step.statements)
                execStatement(QString::fromUtf8(statement), stepAction);
        }
        if (rebuildsTables) {
            QSqlQuery check = prepare(QStringLiteral("PRAGMA foreign_key_check"), action);
            exec(check, action);
            if (next(check, action))
                fail(Reason::Corrupt, QStringLiteral("%1 failed: a row of table %2 refers to a missing row of %3; "
                                                     "the database was left unchanged")
                                          .arg(action, check.value(0).toString(), check.value(2).toString()));
        }
        // PRAGMA takes no bound parameters; the number is this build's schema
        // constant, never outside input.
        execStatement(QStringLiteral("PRAGMA user_version = %1").arg(latestSchemaVersion()), action);
        transaction.commit();
    } catch (const DatabaseError&) {
        if (rebuildsTables)
            execStatement(QStringLiteral("PRAGMA foreign_keys = ON"), action);
        throw;
    }
    if (rebuildsTables)
        execStatement(QStringLiteral("PRAGMA foreign_keys = ON"), action);
}

// --- WriteTransaction ----------------------------------------------------------

WriteTransaction::WriteTransaction(const Connection& connection, QString action)
    : connection_(connection)
    , action_(std::move(action))
{
    connection_.execStatement(QStringLiteral("BEGIN IMMEDIATE"), action_);
}

void WriteTransaction::commit()
{
    connection_.execStatement(QStringLiteral("COMMIT"), action_);
    committed_ = true;
}

WriteTransaction::~WriteTransaction()
{
    if (committed_)
        return;
    QSqlQuery rollback(connection_.database());
    // SQLite has already rolled back by itself after some errors (disk full,
    // I/O); then this ROLLBACK finds no transaction, which is harmless and not
    // worth a warning that would bury the error that caused it.
    if (!rollback.exec(QStringLiteral("ROLLBACK"))
        && !rollback.lastError().text().contains(QLatin1String("no transaction is active")))
        qWarning("%s: rolling back after '%s' failed: %s", qUtf8Printable(connection_.path),
                 qUtf8Printable(action_), qUtf8Printable(rollback.lastError().text()));
}

} // namespace dl::db::detail
