#pragma once
// The schema history of the DefectLens database. Each step lifts the schema from
// version-1 to `version` (stored in PRAGMA user_version). Steps are append-only:
// once released, a step is never edited; a change to the schema is a new step.
// Store applies all pending steps in one transaction when it opens a database.
#include <vector>

namespace dl::db::detail {

struct Migration {
    int version;                         // user_version after this step
    const char* summary;                 // shown in error messages
    std::vector<const char*> statements; // one SQL statement each (QtSql runs one per exec)
    // SQLite cannot change a table's constraints in place: such a step builds a
    // new table, copies the rows and swaps it in. It runs with foreign keys off
    // (dropping the old table would otherwise cascade into its children), and the
    // keys are checked before the step commits.
    bool rebuildsTables = false;
    // PostgreSQL runs `statements` with their column types translated
    // (Connection.cpp, postgresStatement); a step whose SQL must differ
    // beyond that (SQLite's table rebuilds) gives the server's version here.
    std::vector<const char*> postgresStatements = {};
};

// Ordered by version, starting at 1, without gaps.
const std::vector<Migration>& migrations();

// The version this build creates and understands: migrations().back().version.
int latestSchemaVersion();

// PRAGMA application_id written by the first step ("DLEN"), so that a DefectLens
// database can be told apart from other SQLite files.
constexpr int kApplicationId = 0x444C454E;

} // namespace dl::db::detail
