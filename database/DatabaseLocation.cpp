#include "database/DatabaseLocation.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace dl::db {

namespace {

using Reason = DatabaseError::Reason;

// libpq connection keywords a user may add to an address. host is handled
// separately (it may name a socket folder).
const QStringList& knownOptions()
{
    static const QStringList options = {
        QStringLiteral("sslmode"),         QStringLiteral("sslrootcert"),     QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),          QStringLiteral("sslcrl"),          QStringLiteral("sslpassword"),
        QStringLiteral("connect_timeout"), QStringLiteral("application_name"), QStringLiteral("target_session_attrs"),
        QStringLiteral("keepalives"),      QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
        QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout"), QStringLiteral("gssencmode"),
        QStringLiteral("passfile"),        QStringLiteral("service"),
    };
    return options;
}

[[noreturn]] void refuse(const QString& text, const QString& problem)
{
    throw DatabaseError(Reason::InvalidArgument, QString(),
                        QStringLiteral("the database address '%1' is not usable: %2").arg(text, problem));
}

DatabaseLocation parseServerAddress(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        refuse(text, url.errorString());
    DatabaseLocation location;
    location.engine = DatabaseLocation::Engine::Postgres;
    location.host = url.host();
    location.port = url.port(5432);
    if (location.port <= 0 || location.port > 65535)
        refuse(text, QStringLiteral("the port must be between 1 and 65535"));
    location.user = url.userName();
    location.password = url.password();
    if (location.password.isEmpty())
        location.password = qEnvironmentVariable("DEFECTLENS_DB_PASSWORD");
    location.databaseName = url.path();
    if (location.databaseName.startsWith(QLatin1Char('/')))
        location.databaseName.remove(0, 1);
    if (location.databaseName.isEmpty() || location.databaseName.contains(QLatin1Char('/')))
        refuse(text, QStringLiteral("name one database after the host, as in postgresql://user@host/line1"));

    QStringList options;
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            location.host = value;
            continue;
        }
        if (key == QLatin1String("port")) {
            bool isNumber = false;
            location.port = value.toInt(&isNumber);
            if (!isNumber || location.port <= 0 || location.port > 65535)
                refuse(text, QStringLiteral("the port must be between 1 and 65535"));
            continue;
        }
        if (!knownOptions().contains(key))
            refuse(text, QStringLiteral("'%1' is not a connection setting DefectLens passes on (known: host, port, %2)")
                             .arg(key, knownOptions().join(QStringLiteral(", "))));
        if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')))
            refuse(text, QStringLiteral("the value of '%1' may not contain spaces or ';'").arg(key));
        options << key + QLatin1Char('=') + value;
    }
    // A station on a line must notice a dead server instead of hanging.
    if (!query.hasQueryItem(QStringLiteral("connect_timeout")))
        options << QStringLiteral("connect_timeout=10");
    if (!query.hasQueryItem(QStringLiteral("application_name")))
        options << QStringLiteral("application_name=DefectLens");
    location.connectOptions = options.join(QLatin1Char(';'));
    return location;
}

} // namespace

bool DatabaseLocation::isServerAddress(const QString& text)
{
    const QString trimmed = text.trimmed();
    return trimmed.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
           || trimmed.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

DatabaseLocation DatabaseLocation::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        throw DatabaseError(Reason::InvalidArgument, QString(), QStringLiteral("no database file name was given"));
    if (isServerAddress(trimmed))
        return parseServerAddress(trimmed);
    QString path = text;
    if (path.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive))
        path = path.mid(7);
    if (path.trimmed().isEmpty())
        throw DatabaseError(Reason::InvalidArgument, QString(), QStringLiteral("no database file name was given"));
    DatabaseLocation location;
    location.sqlitePath = QFileInfo(path).absoluteFilePath();
    return location;
}

QString DatabaseLocation::displayName() const
{
    if (engine == Engine::Sqlite)
        return sqlitePath;
    QString address = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        address += user + QLatin1Char('@');
    const bool overSocket = host.startsWith(QLatin1Char('/'));
    if (!overSocket) {
        address += host;
        if (port != 5432)
            address += QLatin1Char(':') + QString::number(port);
    }
    address += QLatin1Char('/') + databaseName;
    if (overSocket) {
        address += QStringLiteral("?host=") + host;
        if (port != 5432)
            address += QStringLiteral("&port=") + QString::number(port);
    }
    return address;
}

QString DatabaseLocation::localDataFolder() const
{
    if (engine == Engine::Sqlite)
        return QFileInfo(sqlitePath).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace dl::db
