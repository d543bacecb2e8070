// dl::db::Store: opening and closing; the entity groups live in database/store/.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/Migrations.h"
#include "database/RowMapping.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

namespace dl::db {

namespace {

using Reason = DatabaseError::Reason;
using detail::quoted;

// A file with no write permission bit at all was meant to be read-only, even
// for root (who passes every access() check); respect that.
bool fileIsWritable(const QFileInfo& info)
{
    const QFile::Permissions anyWrite = QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
    return info.isWritable() && (info.permissions() & anyWrite);
}

} // namespace

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

void Store::setBusyTimeout(int milliseconds)
{
    if (milliseconds < 0)
        throw DatabaseError(Reason::InvalidArgument, QString(),
                            QStringLiteral("the busy timeout cannot be negative (%1 ms)").arg(milliseconds));
    detail::setBusyTimeoutMs(milliseconds);
}

int Store::busyTimeout()
{
    return detail::busyTimeoutMs();
}

void Store::open(const QString& path)
{
    close();
    const DatabaseLocation location = DatabaseLocation::parse(path);
    if (location.isServer()) {
        auto connection = std::make_unique<detail::Connection>(location, false, QString());
        connection->openAndPrepare();
        connection_ = std::move(connection);
        abandonRunsOfEndedProcessesQuietly();
        return;
    }

    const QFileInfo info(location.sqlitePath);
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
    auto connection = std::make_unique<detail::Connection>(location, readOnly, readOnlyReason);
    connection->openAndPrepare();
    connection_ = std::move(connection);
    if (!readOnly)
        abandonRunsOfEndedProcessesQuietly();
}

void Store::abandonRunsOfEndedProcessesQuietly()
{
    try {
        abandonRunsOfEndedProcesses();
    } catch (const DatabaseError& e) {
        // Housekeeping only: the database is usable, and the next open tries again.
        qWarning("%s", e.what());
    }
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

const DatabaseLocation& Store::location() const
{
    return connection().location;
}

bool Store::isServer() const noexcept
{
    return connection_ && connection_->isPostgres();
}

const detail::Connection& Store::connection() const
{
    if (!connection_)
        throw DatabaseError(Reason::Usage, QString(), QStringLiteral("no database is open"));
    if (QThread::currentThread() != connection_->owner)
        throw DatabaseError(Reason::Usage, connection_->path,
                            QStringLiteral("this Store was used from a thread that did not create it; "
                                           "each thread needs its own Store"));
    return *connection_;
}

} // namespace dl::db
