#pragma once
// Where a DefectLens database lives: an SQLite file on this station (the
// embedded default) or a PostgreSQL database a whole line shares.
//
//   /var/lib/defectlens/line.sqlite         an SQLite file (also "sqlite:PATH")
//   postgresql://USER@HOST[:PORT]/DBNAME    a PostgreSQL database ("postgres://" too)
//   postgresql://USER@/DBNAME?host=/run/postgresql   the same over a unix socket
//
// Query items of a PostgreSQL address are libpq connection keywords (sslmode,
// sslrootcert, connect_timeout, ...); anything else is refused, so a typo does
// not silently connect without TLS. The password comes from
// DEFECTLENS_DB_PASSWORD, else from libpq's own PGPASSWORD or ~/.pgpass; one in
// the address is accepted but never shown or stored.
#include "database/DatabaseError.h"

#include <QString>

namespace dl::db {

struct DatabaseLocation {
    enum class Engine { Sqlite, Postgres };

    Engine engine = Engine::Sqlite;
    QString sqlitePath;   // absolute path of the SQLite file
    // PostgreSQL
    QString host;         // name, address, or a unix socket folder (starts with '/'); empty: libpq's default
    int port = 5432;
    QString user;
    QString password;     // only as given in the address or DEFECTLENS_DB_PASSWORD
    QString databaseName;
    QString connectOptions; // "key=value;key=value" for QPSQL

    // Parses what a user typed (--db, the settings dialog). Throws
    // DatabaseError(InvalidArgument) naming the text and the problem.
    static DatabaseLocation parse(const QString& text);
    // True for postgresql:// and postgres:// addresses.
    static bool isServerAddress(const QString& text);

    bool isServer() const { return engine == Engine::Postgres; }
    // How messages and views name the database: the SQLite path, or the
    // address without its password.
    QString displayName() const;
    // Where files that belong with this database but are written on this
    // station are kept (annotation masks exported for training, heatmaps): the
    // SQLite file's folder, or this user's application data folder for a
    // server, whose disk is not this station's.
    QString localDataFolder() const;
};

} // namespace dl::db
