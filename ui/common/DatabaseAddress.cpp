#include "ui/common/DatabaseAddress.h"

#include "database/DatabaseLocation.h"

#include <QStandardPaths>

namespace dl::ui {

namespace {

// Removes ":password" from the user part of an address that does not parse.
QString withoutPassword(QString address)
{
    const int separator = address.indexOf(QLatin1String("://"));
    if (separator < 0)
        return address;
    const int authority = separator + 3;
    int authorityEnd = address.indexOf(QLatin1Char('/'), authority);
    if (authorityEnd < 0)
        authorityEnd = int(address.size());
    const int at = address.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    if (at < authority)
        return address;
    const int colon = address.indexOf(QLatin1Char(':'), authority);
    if (colon >= 0 && colon < at)
        address.remove(colon, at - colon);
    return address;
}

} // namespace

QString localDataFolderFor(const QString& database)
{
    try {
        return db::DatabaseLocation::parse(database).localDataFolder();
    } catch (const db::DatabaseError&) {
        // No database named, or an address that does not parse (opening it fails
        // with its own message): where the default database lives.
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    }
}

QString databaseDisplayName(const QString& database)
{
    try {
        return db::DatabaseLocation::parse(database).displayName();
    } catch (const db::DatabaseError&) {
        // Shown as typed, so that the user recognises it, but never with a password.
        return withoutPassword(database.trimmed());
    }
}

bool isSameDatabase(const QString& first, const QString& second)
{
    try {
        const db::DatabaseLocation a = db::DatabaseLocation::parse(first);
        const db::DatabaseLocation b = db::DatabaseLocation::parse(second);
        // The display name leaves out what makes another connection: options and password.
        return a.engine == b.engine && a.displayName() == b.displayName() && a.connectOptions == b.connectOptions
               && a.password == b.password;
    } catch (const db::DatabaseError&) {
        return first.trimmed() == second.trimmed();
    }
}

} // namespace dl::ui
