#pragma once
// The single exception type thrown by dl::db::Store. It derives from dl::Error so
// that callers handling "any DefectLens failure" catch database problems too.
// what() reads "<database file>: <problem>", e.g.
//   "/home/op/defectlens.sqlite: adding results failed: database is read-only (...)".
#include "core/common/Error.h"

#include <QString>

namespace dl::db {

class DatabaseError : public dl::Error {
public:
    // Coarse category so callers can react (offer an update, retry later, ...)
    // without parsing the message text.
    enum class Reason {
        CannotOpen,      // path unusable: folder cannot be created, is a folder, driver missing
        NotADatabase,    // the file is not an SQLite database, or belongs to another application
        NewerSchema,     // written by a newer DefectLens; this build refuses to touch it
        ReadOnly,        // a write was attempted on a database that cannot be written
        Busy,            // another connection held the lock longer than the busy timeout
        Constraint,      // foreign key, uniqueness or value check rejected the data
        InvalidArgument, // the caller passed a value the API does not accept
        NotFound,        // an update named a row that does not exist
        Usage,           // Store not open, or used from a thread that did not create it
        Corrupt,         // the file or a stored value is damaged
        Io,              // disk full or I/O error
        Failed           // any other SQLite failure
    };

    DatabaseError(Reason reason, const QString& databasePath, const QString& problem)
        : dl::Error(compose(databasePath, problem))
        , reason_(reason)
        , databasePath_(databasePath)
        , problem_(problem)
    {
    }

    Reason reason() const noexcept { return reason_; }
    const QString& databasePath() const noexcept { return databasePath_; }
    const QString& problem() const noexcept { return problem_; }

private:
    static std::string compose(const QString& databasePath, const QString& problem)
    {
        const QString where = databasePath.isEmpty() ? QStringLiteral("DefectLens database") : databasePath;
        return (where + QStringLiteral(": ") + problem).toStdString();
    }

    Reason reason_;
    QString databasePath_;
    QString problem_;
};

} // namespace dl::db
