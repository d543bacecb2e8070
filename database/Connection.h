#pragma once
// The plumbing under dl::db::Store: one QtSql connection to one SQLite file or
// PostgreSQL database (opening, per-connection settings, schema check and
// upgrade), the mapping of engine failures to DatabaseError, write
// transactions, and the few places where the two engines' SQL differs. Every
// message produced here starts with the database path or address. Internal to
// database/.
#include "database/DatabaseError.h"
#include "database/DatabaseLocation.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <vector>

class QSqlDatabase;
class QSqlError;
class QThread;

namespace dl::db::detail {

// What an opened file says about itself before we change anything in it.
// The busy timeout of connections opened from now on (Store::setBusyTimeout).
void setBusyTimeoutMs(int milliseconds);
int busyTimeoutMs();

struct SchemaState {
    int userVersion = 0;
    qint64 applicationId = 0;
    int objectCount = 0; // tables, indexes, views and triggers
};

class Connection {
public:
    using Reason = DatabaseError::Reason;

    // Registers the connection with QtSql; openAndPrepare() opens it. A
    // read-only connection never writes to the file (`whyReadOnly` says why it
    // is read-only, for error messages).
    Connection(const DatabaseLocation& location, bool openReadOnly, QString whyReadOnly);
    ~Connection(); // closes and unregisters the connection
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Opens the file and brings its schema to the latest version (Migrations.h).
    void openAndPrepare();

    QSqlDatabase database() const;

    [[noreturn]] void fail(Reason reason, const QString& problem) const;
    // The SQLite failure of `action` as a DatabaseError with a matching Reason.
    DatabaseError sqlError(const QString& action, const QSqlError& error) const;
    void requireWritable(const QString& action) const;

    bool isPostgres() const { return location.engine == DatabaseLocation::Engine::Postgres; }

    QSqlQuery prepare(const QString& sql, const QString& action) const;
    void exec(QSqlQuery& query, const QString& action) const;
    // Prepares `sql`, binds `values` in order to its placeholders and runs it.
    QSqlQuery execute(const QString& sql, const QVariantList& values, const QString& action) const;
    // Runs the prepared INSERT `sql` once per row, binding `valuesOfRow(i)`, and
    // returns the new row ids in order; a failure names `rowAction(i)`.
    // An INSERT that skipped its row (ON CONFLICT DO NOTHING) gives id 0.
    std::vector<qint64> insertRows(const QString& sql, std::size_t rowCount,
                                   const std::function<QVariantList(std::size_t)>& valuesOfRow,
                                   const std::function<QString(std::size_t)>& rowAction, const QString& action) const;
    // Runs the INSERT `sql` with `values` and returns the new row's id (both
    // engines: INSERT ... RETURNING id); 0 when ON CONFLICT DO NOTHING skipped it.
    qint64 insertReturningId(const QString& sql, const QVariantList& values, const QString& action,
                             const QString& idColumn = QStringLiteral("id")) const;
    // A LIMIT value for "no limit" when `limit` is negative (PostgreSQL refuses
    // negative limits, SQLite reads them as none).
    static qlonglong limitValue(int limit);
    // " FOR UPDATE" where the engine locks rows read for a later update
    // (PostgreSQL); SQLite's write transaction already holds the whole file.
    QString forUpdate() const;
    // The current time as stored in time stamp columns: the server's clock on
    // PostgreSQL (stations' clocks may disagree, and promotions are ordered
    // by time), this machine's on SQLite.
    QString nowText(const QString& action) const;
    // For fixed SQL text only (pragmas, transaction control, migration steps).
    void execStatement(const QString& sql, const QString& action) const;
    // Steps to the next row; false at the end. A failure while stepping (lock,
    // damaged page) throws instead of looking like "no more rows".
    bool next(QSqlQuery& query, const QString& action) const;
    qint64 readInteger(const QString& sql, const QString& action) const;

    const DatabaseLocation location;
    const QString path;           // the SQLite path or the server address without password
    const QString name;           // the QtSql connection name, unique per process
    const bool readOnly;
    const QString readOnlyReason;
    QThread* const owner;         // the only thread allowed to use the connection
    const int busyTimeoutMs;      // as set when the connection was opened

private:
    friend class WriteTransaction;
    // PostgreSQL: after the server dropped the connection (restart, network),
    // the next statement outside a transaction reconnects once first.
    void reconnectIfLost() const;
    std::vector<qint64> insertRowsInBatches(const QString& sql, std::size_t rowCount,
                                            const std::function<QVariantList(std::size_t)>& valuesOfRow,
                                            const std::function<QString(std::size_t)>& rowAction,
                                            const QString& action) const;
    void openPostgres();
    void openSqlite();
    SchemaState readSchemaState() const;
    // Refuses files this build must not write to. Nothing has been changed yet.
    void checkSchemaState(const SchemaState& state) const;
    void enableWal() const;
    void migrate() const;
    void migratePostgres() const;

    mutable bool connectionLost_ = false;
    mutable int openTransactions_ = 0;
    mutable bool transactionAborted_ = false; // PostgreSQL: rolled back where a statement failed
    mutable QElapsedTimer lastReconnectFailure_;
    mutable QString lastReconnectError_;
};

// SQLite: BEGIN IMMEDIATE takes the write lock up front, so a writer waits
// (busy timeout) at the start instead of failing halfway. PostgreSQL: a READ
// COMMITTED transaction; writers that read before they write lock those rows
// (Connection::forUpdate) or let a unique key decide (ON CONFLICT). Unless
// commit() succeeds, the destructor rolls everything back.
class WriteTransaction {
public:
    WriteTransaction(const Connection& connection, QString action);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    void commit();

private:
    const Connection& connection_;
    const QString action_;
    bool committed_ = false;
};

} // namespace dl::db::detail
