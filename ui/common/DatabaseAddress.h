#pragma once
// How the GUI treats the text that names a DefectLens database: an SQLite file
// on this station, or a PostgreSQL address a line shares
// (database/DatabaseLocation.h). Panels pass that text on as given, because
// db::Store::path() of a server drops the address's connection options and
// password that further connections need; they show it with
// databaseDisplayName(), which never shows a password.
#include <QString>

namespace dl::ui {

// Where files that go with `database` but are written on this station are kept
// (inspection and Line mode heatmaps, trained models; the database records only
// their paths): db::DatabaseLocation::localDataFolder(), i.e. the SQLite file's
// folder, or this user's AppDataLocation for a server address (also for text
// that names no usable database), since the server's disk is not this station's.
QString localDataFolderFor(const QString& database);

// `database` as messages show it: the SQLite file's absolute path, or the
// address without its password (and without its connection options).
QString databaseDisplayName(const QString& database);

// True when both texts name the same database: the same SQLite file however it
// is written (a relative path, "sqlite:PATH"), or the same server address with
// the same connection options and password. Text that does not parse is
// compared as typed, less surrounding spaces.
bool isSameDatabase(const QString& first, const QString& second);

} // namespace dl::ui
