#include "database/Connection.h"

#include "database/Migrations.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <QVariant>
#include <QtDebug>

#include <algorithm>
#include <atomic>
#include <limits>
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

// What a PostgreSQL SQLSTATE means for the user; `detail` is the server's text.
ErrorMeaning postgresMeaningOf(const QString& sqlState, const QString& detail)
{
    const QString sqlClass = sqlState.left(2);
    if (sqlState == QLatin1String("23505"))
        return {Reason::Constraint, QStringLiteral("an entry with the same key already exists")};
    if (sqlState == QLatin1String("23503"))
        return {Reason::Constraint, QStringLiteral("it refers to a row that does not exist")};
    if (sqlClass == QLatin1String("23") || sqlClass == QLatin1String("22"))
        return {Reason::Constraint, QStringLiteral("a value is not allowed")};
    if (sqlState == QLatin1String("40001") || sqlState == QLatin1String("40P01") || sqlState == QLatin1String("55P03"))
        return {Reason::Busy, QStringLiteral("another station's transaction got in the way; try again")};
    if (sqlState == QLatin1String("25006"))
        return {Reason::ReadOnly, QStringLiteral("the database server only allows reading (a standby?)")};
    if (sqlState == QLatin1String("42501"))
        return {Reason::ReadOnly, QStringLiteral("the database role lacks the privilege for this")};
    if (sqlState == QLatin1String("53100"))
        return {Reason::Io, QStringLiteral("the database server's disk is full")};
    if (sqlClass == QLatin1String("53") || sqlClass == QLatin1String("58"))
        return {Reason::Io, QStringLiteral("the database server ran out of a resource")};
    if (sqlClass == QLatin1String("28"))
        return {Reason::CannotOpen, QStringLiteral("the database server refused the user name or password")};
    if (sqlState == QLatin1String("3D000"))
        return {Reason::CannotOpen, QStringLiteral("the database does not exist on the server (create it first, "
                                                   "see docs/database.md)")};
    if (sqlClass == QLatin1String("08") || sqlClass == QLatin1String("57"))
        return {Reason::CannotOpen, QStringLiteral("the connection to the database server failed")};
    // libpq reports failures to connect without an SQLSTATE.
    if (sqlState.isEmpty() && detail.contains(QLatin1String("database \"")) && detail.contains(QLatin1String("does not exist")))
        return {Reason::CannotOpen, QStringLiteral("the database does not exist on the server (create it first, "
                                                   "see docs/database.md)")};
    if (sqlState.isEmpty()
        && (detail.contains(QLatin1String("password authentication failed"))
            || detail.contains(QLatin1String("no password supplied")) || detail.contains(QLatin1String("role \""))))
        return {Reason::CannotOpen, QStringLiteral("the database server refused the user name or password")};
    if (sqlState.isEmpty()
        && (detail.contains(QLatin1String("connection to server")) || detail.contains(QLatin1String("could not connect"))
            || detail.contains(QLatin1String("server closed the connection")) || detail.contains(QLatin1String("no connection"))))
        return {Reason::CannotOpen, QStringLiteral("the database server cannot be reached")};
    return {Reason::Failed, QStringLiteral("PostgreSQL reported an error")};
}

// A failure after which the server connection is gone and must be reopened.
bool isLostConnection(const QString& sqlState, const QString& detail)
{
    return sqlState.startsWith(QLatin1String("08")) || sqlState.startsWith(QLatin1String("57P"))
           || detail.contains(QLatin1String("server closed the connection"))
           || detail.contains(QLatin1String("no connection to the server"))
           || detail.contains(QLatin1String("terminating connection"));
}

// SQLite DDL of the schema history (Migrations.cpp) as PostgreSQL accepts it:
// 64-bit identity keys and integers (ids and nanosecond times exceed 32 bits),
// DOUBLE PRECISION for REAL, BYTEA for BLOB. Names, checks and defaults are the same.
QString postgresStatement(QString sql)
{
    sql.replace(QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"),
                QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    static const QRegularExpression integerType(QStringLiteral("\\bINTEGER\\b"));
    static const QRegularExpression realType(QStringLiteral("\\bREAL\\b"));
    static const QRegularExpression blobType(QStringLiteral("\\bBLOB\\b"));
    sql.replace(integerType, QStringLiteral("BIGINT"));
    sql.replace(realType, QStringLiteral("DOUBLE PRECISION"));
    sql.replace(blobType, QStringLiteral("BYTEA"));
    return sql;
}

} // namespace

void setBusyTimeoutMs(int milliseconds) { g_busyTimeoutMs.store(milliseconds); }
int busyTimeoutMs() { return g_busyTimeoutMs.load(); }

// --- Connection --------------------------------------------------------------

Connection::Connection(const DatabaseLocation& where, bool openReadOnly, QString whyReadOnly)
    : location(where)
    , path(where.displayName())
    , name(QStringLiteral("dl.db.Store.%1").arg(nextConnectionNumber()))
    , readOnly(openReadOnly)
    , readOnlyReason(std::move(whyReadOnly))
    , owner(QThread::currentThread())
    , busyTimeoutMs(g_busyTimeoutMs.load())
{
    const bool server = where.isServer();
    const QString driver = server ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
    if (!db.isValid()) {
        db = QSqlDatabase(); // the destructor does not run for a failed constructor
        QSqlDatabase::removeDatabase(name);
        fail(Reason::CannotOpen,
             server ? QStringLiteral("cannot open the database: the Qt PostgreSQL driver (QPSQL) is not "
                                     "available; install libqt6sql6-psql")
                    : QStringLiteral("cannot open the database: the Qt SQLite driver (QSQLITE) is not available"));
    }
    if (server) {
        db.setHostName(where.host);
        db.setPort(where.port);
        db.setUserName(where.user);
        db.setPassword(where.password);
        db.setDatabaseName(where.databaseName);
        db.setConnectOptions(where.connectOptions);
        return;
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
    QString detail = (error.databaseText().isEmpty() ? error.text() : error.databaseText()).trimmed();
    if (isPostgres()) {
        // libpq's text: "FATAL:  ...", several lines, and an empty "()" from Qt.
        detail.remove(QStringLiteral("FATAL:  ")).remove(QStringLiteral("ERROR:  "));
        detail.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\t'), QLatin1Char(' '));
        if (detail.endsWith(QLatin1String("()")))
            detail.chop(2);
        detail = detail.simplified();
    }
    ErrorMeaning meaning;
    if (isPostgres()) {
        const QString sqlState = error.nativeErrorCode().trimmed();
        meaning = postgresMeaningOf(sqlState, detail);
        if (isLostConnection(sqlState, detail) || !database().isOpen())
            connectionLost_ = true;
        // After an error PostgreSQL refuses everything but ROLLBACK in the
        // transaction, including Qt freeing the failed statement; end it now.
        if (openTransactions_ > 0 && !transactionAborted_) {
            QSqlQuery rollback(database());
            rollback.exec(QStringLiteral("ROLLBACK"));
            transactionAborted_ = true;
        }
    } else {
        bool isNumber = false;
        const int code = error.nativeErrorCode().toInt(&isNumber);
        meaning = meaningOf(isNumber ? (code & 0xff) : -1, detail, busyTimeoutMs);
    }
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

void Connection::reconnectIfLost() const
{
    if (!connectionLost_ || openTransactions_ > 0)
        return;
    // While the server stays away, calls fail at once instead of each waiting
    // for the connect timeout again (a view polling every 2 s would freeze).
    constexpr qint64 kRetryAfterMs = 5000;
    if (lastReconnectFailure_.isValid() && lastReconnectFailure_.elapsed() < kRetryAfterMs)
        fail(Reason::CannotOpen, QStringLiteral("the database server cannot be reached (%1; trying again in %2 s)")
                                     .arg(lastReconnectError_)
                                     .arg((kRetryAfterMs - lastReconnectFailure_.elapsed() + 999) / 1000));
    QSqlDatabase db = database();
    db.close();
    if (!db.open()) {
        const DatabaseError error = sqlError(QStringLiteral("reconnecting to the database server"), db.lastError());
        lastReconnectFailure_.start();
        lastReconnectError_ = error.problem();
        throw error;
    }
    lastReconnectFailure_.invalidate();
    connectionLost_ = false;
}

QSqlQuery Connection::prepare(const QString& sql, const QString& action) const
{
    reconnectIfLost();
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
    if (isPostgres() && openTransactions_ > 0 && rowCount > 1)
        return insertRowsInBatches(sql, rowCount, valuesOfRow, rowAction, action);
    // One prepared statement for all rows: the engine parses the SQL once.
    QSqlQuery insert = prepare(sql + QStringLiteral(" RETURNING id"), action);
    std::vector<qint64> ids;
    ids.reserve(rowCount);
    for (std::size_t row = 0; row < rowCount; ++row) {
        const QVariantList values = valuesOfRow(row);
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values[i]);
        exec(insert, rowAction(row));
        ids.push_back(next(insert, rowAction(row)) ? insert.value(0).toLongLong() : 0);
    }
    insert.finish();
    return ids;
}

// Each statement is a round trip to the server, so rows go in multi-row
// INSERTs. A batch that fails is undone to its savepoint and its rows are
// inserted one by one, so that the error names the row at fault.
std::vector<qint64> Connection::insertRowsInBatches(const QString& sql, std::size_t rowCount,
                                                    const std::function<QVariantList(std::size_t)>& valuesOfRow,
                                                    const std::function<QString(std::size_t)>& rowAction,
                                                    const QString& action) const
{
    constexpr std::size_t kRowsPerBatch = 250;
    static const QRegularExpression valuesClause(QStringLiteral("VALUES\\s*(\\([^)]*\\))"));
    const QRegularExpressionMatch match = valuesClause.match(sql);
    if (!match.hasMatch())
        fail(Reason::Failed, QStringLiteral("%1 failed: the insert has no VALUES list").arg(action));
    const QString rowPlaceholders = match.captured(1);
    auto batchSql = [&](std::size_t rows) {
        QStringList tuples;
        for (std::size_t i = 0; i < rows; ++i)
            tuples << rowPlaceholders;
        QString text = sql;
        text.replace(match.capturedStart(1), match.capturedLength(1), tuples.join(QStringLiteral(", ")));
        return text + QStringLiteral(" RETURNING id");
    };

    std::vector<qint64> ids(rowCount, 0);
    for (std::size_t first = 0; first < rowCount; first += kRowsPerBatch) {
        const std::size_t rows = std::min(kRowsPerBatch, rowCount - first);
        execStatement(QStringLiteral("SAVEPOINT dl_batch"), action);
        bool inserted = false;
        {
            // The values are written into the statement as literals by the
            // driver's own escaping (QSqlDriver::formatValue): one round trip,
            // and no server-side PREPARE of a statement used once. Every '?'
            // of the fixed SQL text is a placeholder (no literal holds one).
            QSqlDriver* driver = database().driver();
            QString text = batchSql(rows);
            QString filled;
            filled.reserve(text.size() * 2);
            std::size_t row = first;
            QVariantList values = valuesOfRow(row);
            int valueIndex = 0;
            for (const QChar ch : text) {
                if (ch != QLatin1Char('?')) {
                    filled += ch;
                    continue;
                }
                if (valueIndex == values.size()) {
                    values = valuesOfRow(++row);
                    valueIndex = 0;
                }
                const QVariant& value = values[valueIndex++];
                QSqlField field(QString(), value.metaType());
                field.setValue(value);
                filled += driver->formatValue(field);
            }
            QSqlQuery batch(database());
            batch.setForwardOnly(true);
            if (batch.exec(filled)) {
                // Identity values are drawn in the order of the VALUES list,
                // so the returned ids in ascending order belong to the rows
                // in input order (when no row was skipped by ON CONFLICT).
                std::vector<qint64> returned;
                while (batch.next())
                    returned.push_back(batch.value(0).toLongLong());
                std::sort(returned.begin(), returned.end());
                if (returned.size() == rows)
                    std::copy(returned.begin(), returned.end(), ids.begin() + std::ptrdiff_t(first));
                inserted = true;
            }
            if (!inserted)
                execStatement(QStringLiteral("ROLLBACK TO SAVEPOINT dl_batch"), action);
        }
        if (inserted) {
            execStatement(QStringLiteral("RELEASE SAVEPOINT dl_batch"), action);
            continue;
        }
        QSqlQuery single = prepare(sql + QStringLiteral(" RETURNING id"), action);
        for (std::size_t row = first; row < first + rows; ++row) {
            const QVariantList values = valuesOfRow(row);
            for (int i = 0; i < values.size(); ++i)
                single.bindValue(i, values[i]);
            exec(single, rowAction(row));
            ids[row] = next(single, rowAction(row)) ? single.value(0).toLongLong() : 0;
        }
        execStatement(QStringLiteral("RELEASE SAVEPOINT dl_batch"), action);
    }
    return ids;
}

qint64 Connection::insertReturningId(const QString& sql, const QVariantList& values, const QString& action,
                                     const QString& idColumn) const
{
    QSqlQuery insert = execute(sql + QStringLiteral(" RETURNING ") + idColumn, values, action);
    const qint64 id = next(insert, action) ? insert.value(0).toLongLong() : 0;
    insert.finish();
    return id;
}

qlonglong Connection::limitValue(int limit)
{
    return limit < 0 ? std::numeric_limits<qlonglong>::max() : qlonglong(limit);
}

QString Connection::nowText(const QString& action) const
{
    if (!isPostgres())
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QSqlQuery query = execute(QStringLiteral("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                                             "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"),
                              {}, action);
    if (!next(query, action))
        fail(Reason::Failed, QStringLiteral("%1 failed: the server did not tell its time").arg(action));
    return query.value(0).toString();
}

QString Connection::forUpdate() const
{
    return isPostgres() ? QStringLiteral(" FOR UPDATE") : QString();
}

void Connection::execStatement(const QString& sql, const QString& action) const
{
    reconnectIfLost();
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
    if (isPostgres()) {
        // The version lives in a one-row table (PostgreSQL has no user_version);
        // the objects counted are the tables of the connection's schema.
        state.objectCount = int(readInteger(
            QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"),
            action));
        if (readInteger(QStringLiteral("SELECT CASE WHEN to_regclass('defectlens_schema') IS NULL THEN 0 ELSE 1 END"),
                        action) == 0)
            return state;
        QSqlQuery query = prepare(QStringLiteral("SELECT application_id, version FROM defectlens_schema"), action);
        exec(query, action);
        if (next(query, action)) {
            state.applicationId = query.value(0).toLongLong();
            state.userVersion = query.value(1).toInt();
        }
        return state;
    }
    state.userVersion = int(readInteger(QStringLiteral("PRAGMA user_version"), action));
    state.applicationId = readInteger(QStringLiteral("PRAGMA application_id"), action);
    state.objectCount = int(readInteger(QStringLiteral("SELECT count(*) FROM sqlite_master"), action));
    return state;
}

void Connection::checkSchemaState(const SchemaState& state) const
{
    const QString engineName = isPostgres() ? QStringLiteral("a PostgreSQL") : QStringLiteral("an SQLite");
    const QString unchanged = isPostgres() ? QStringLiteral("the database was left unchanged")
                                           : QStringLiteral("the file was left unchanged");
    if (state.applicationId != 0 && state.applicationId != kApplicationId)
        fail(Reason::NotADatabase,
             QStringLiteral("not a DefectLens database: it is %1 database of another "
                            "application (application id %2); %3")
                 .arg(engineName)
                 .arg(state.applicationId)
                 .arg(unchanged));
    if (state.userVersion == 0 && state.objectCount > 0)
        fail(Reason::NotADatabase,
             QStringLiteral("not a DefectLens database: it is %1 database that already holds "
                            "%2 schema objects (tables, indexes) but no DefectLens schema version; %3")
                 .arg(engineName)
                 .arg(state.objectCount)
                 .arg(unchanged));
    if (state.userVersion > latestSchemaVersion())
        fail(Reason::NewerSchema,
             QStringLiteral("the database was written by a newer DefectLens (schema version %1; this "
                            "version understands up to %2). Update DefectLens to open it; %3")
                 .arg(state.userVersion)
                 .arg(latestSchemaVersion())
                 .arg(unchanged));
}

void Connection::openAndPrepare()
{
    QSqlDatabase db = database();
    if (!db.open())
        throw sqlError(QStringLiteral("opening the database"), db.lastError());
    if (isPostgres())
        openPostgres();
    else
        openSqlite();
}

void Connection::openPostgres()
{
    // Messages and warnings about the SQL we send are for developers, not the line.
    execStatement(QStringLiteral("SET client_min_messages = warning"), QStringLiteral("preparing the connection"));
    const SchemaState state = readSchemaState();
    checkSchemaState(state);
    if (state.userVersion < latestSchemaVersion())
        migratePostgres();
}

void Connection::openSqlite()
{

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

// All pending steps in one transaction (PostgreSQL's DDL is transactional).
// Stations opening a new line database at once queue on an advisory lock, and
// each re-reads the version once it holds the lock.
void Connection::migratePostgres() const
{
    const QString action = QStringLiteral("upgrading the database schema");
    WriteTransaction transaction(*this, action);
    execStatement(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kApplicationId), action);
    const SchemaState state = readSchemaState();
    checkSchemaState(state);
    if (state.userVersion >= latestSchemaVersion())
        return; // another station upgraded it meanwhile; the transaction rolls back empty
    execStatement(QStringLiteral("CREATE TABLE IF NOT EXISTS defectlens_schema ("
                                 "application_id BIGINT NOT NULL, version INTEGER NOT NULL)"),
                  action);
    for (const Migration& step : migrations()) {
        if (step.version <= state.userVersion)
            continue;
        const QString stepAction = QStringLiteral("upgrading the database schema to version %1 (%2)")
                                       .arg(step.version)
                                       .arg(QString::fromUtf8(step.summary));
        const std::vector<const char*>& statements =
            step.postgresStatements.empty() ? step.statements : step.postgresStatements;
        for (const char* statement : statements) {
            const QString sql = QString::fromUtf8(statement);
            if (sql.startsWith(QLatin1String("PRAGMA"))) // SQLite file settings; nothing to do on a server
                continue;
            execStatement(postgresStatement(sql), stepAction);
        }
    }
    execStatement(QStringLiteral("DELETE FROM defectlens_schema"), action);
    execStatement(QStringLiteral("INSERT INTO defectlens_schema (application_id, version) VALUES (%1, %2)")
                      .arg(kApplicationId)
                      .arg(latestSchemaVersion()),
                  action);
    transaction.commit();
}

// --- WriteTransaction ----------------------------------------------------------

WriteTransaction::WriteTransaction(const Connection& connection, QString action)
    : connection_(connection)
    , action_(std::move(action))
{
    connection_.execStatement(connection_.isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"),
                              action_);
    ++connection_.openTransactions_;
}

void WriteTransaction::commit()
{
    if (connection_.transactionAborted_)
        connection_.fail(Reason::Failed, QStringLiteral("%1 failed: an earlier error ended the transaction; "
                                                        "nothing was stored").arg(action_));
    connection_.execStatement(QStringLiteral("COMMIT"), action_);
    committed_ = true;
    --connection_.openTransactions_;
}

WriteTransaction::~WriteTransaction()
{
    if (committed_)
        return;
    --connection_.openTransactions_;
    if (connection_.transactionAborted_) {
        connection_.transactionAborted_ = false; // already rolled back where it failed
        return;
    }
    QSqlQuery rollback(connection_.database());
    // SQLite has already rolled back by itself after some errors (disk full,
    // I/O); then this ROLLBACK finds no transaction, which is harmless and not
    // worth a warning that would bury the error that caused it.
    if (!rollback.exec(QStringLiteral("ROLLBACK"))
        && !rollback.lastError().text().contains(QLatin1String("no transaction is active"))
        && !connection_.connectionLost_)
        qWarning("%s: rolling back after '%s' failed: %s", qUtf8Printable(connection_.path),
                 qUtf8Printable(action_), qUtf8Printable(rollback.lastError().text()));
}

} // namespace dl::db::detail
