#pragma once
// The plumbing under dl::db::Store: one QtSql connection to one SQLite file
// (opening, per-connection pragmas, schema check and upgrade), the mapping of
// SQLite failures to DatabaseError, and write transactions. Every message
// produced here starts with the database path. Internal to database/.
#include "database/DatabaseError.h"

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
    Connection(QString absolutePath, bool openReadOnly, QString whyReadOnly);
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

    QSqlQuery prepare(const QString& sql, const QString& action) const;
    void exec(QSqlQuery& query, const QString& action) const;
    // Prepares `sql`, binds `values` in order to its placeholders and runs it.
    QSqlQuery execute(const QString& sql, const QVariantList& values, const QString& action) const;
    // Runs the prepared INSERT `sql` once per row, binding `valuesOfRow(i)`, and
    // returns the new row ids in order; a failure names `rowAction(i)`.
    std::vector<qint64> insertRows(const QString& sql, std::size_t rowCount,
                                   const std::function<QVariantList(std::size_t)>& valuesOfRow,
                                   const std::function<QString(std::size_t)>& rowAction, const QString& action) const;
    // For fixed SQL text only (pragmas, transaction control, migration steps).
    void execStatement(const QString& sql, const QString& action) const;
    // Steps to the next row; false at the end. A failure while stepping (lock,
    // damaged page) throws instead of looking like "no more rows".
    bool next(QSqlQuery& query, const QString& action) const;
    qint64 readInteger(const QString& sql, const QString& action) const;

    const QString path;
    const QString name;           // the QtSql connection name, unique per process
    const bool readOnly;
    const QString readOnlyReason;
    QThread* const owner;         // the only thread allowed to use the connection
    const int busyTimeoutMs;      // as set when the connection was opened

private:
    SchemaState readSchemaState() const;
    // Refuses files this build must not write to. Nothing has been changed yet.
    void checkSchemaState(const SchemaState& state) const;
    void enableWal() const;
    void migrate() const;
};

// BEGIN IMMEDIATE takes the write lock up front, so a writer waits (busy
// timeout) at the start instead of failing halfway. Unless commit() succeeds,
// the destructor rolls everything back.
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
