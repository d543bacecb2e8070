#pragma once
// Helpers shared by the database tests: sample records, file digests, and a raw
// QtSql connection for inspecting or hand-building database files the way an
// older (or foreign) program would have written them.
#include "database/DatabaseLocation.h"
#include "database/Store.h"
#include "PostgresTestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>
#include <QVariant>
#include <QtDebug>

#include <memory>

namespace dl::db {

// QTest finds these by argument-dependent lookup to print enum values in
// failed QCOMPAREs; the caller frees the string (QTest convention).
inline char* toString(Verdict value) { return qstrdup(qPrintable(toText(value))); }
inline char* toString(RunKind value) { return qstrdup(qPrintable(toText(value))); }
inline char* toString(RunStatus value) { return qstrdup(qPrintable(toText(value))); }
inline char* toString(DatabaseError::Reason value) { return qstrdup(QByteArray::number(int(value)).constData()); }

} // namespace dl::db


namespace dl::db::test {

// A JSON member of a record (params, metrics, options) as compact text, for
// QCOMPARE (which cannot compare nlohmann::json values directly).
inline QString jsonText(const nlohmann::json& value) { return QString::fromStdString(value.dump()); }

// A 2x2 grey-scale PNG (a real, decodable file) standing in for a defect mask.
inline QByteArray tinyPng()
{
    static const char bytes[] =
        "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00"
        "\x00\x02\x08\x00\x00\x00\x00\x57\xdd\x52\xf8\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63"
        "\x60\xf8\x0f\x84\x00\x06\x00\x01\xff\x93\xd1\xe4\x89\x00\x00\x00\x00\x49\x45\x4e\x44\xae"
        "\x42\x60\x82";
    return QByteArray(bytes, 69);
}

inline QString sha256Of(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

inline ImageRecord sampleImage(RowId datasetId, int index, const QString& category = QStringLiteral("bottle"))
{
    ImageRecord image;
    image.datasetId = datasetId;
    image.relativePath = QStringLiteral("%1/test/broken/%2.png").arg(category).arg(index, 5, 10, QLatin1Char('0'));
    image.path = QStringLiteral("/data/mvtec/") + image.relativePath;
    image.contentHash = sha256Of(image.relativePath.toUtf8());
    image.width = 900;
    image.height = 900;
    image.split = QStringLiteral("test");
    image.label = 1;
    image.category = category;
    image.defectType = QStringLiteral("broken_large");
    image.maskPath = QStringLiteral("/data/mvtec/%1/ground_truth/broken/%2_mask.png").arg(category).arg(index);
    return image;
}

inline QByteArray fileDigest(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// The engine a Store suite runs on. The same suite is registered with CTest
// twice (tests/CMakeLists.txt): on SQLite files, and with
// DL_TEST_DB_ENGINE=postgresql on databases of a throwaway PostgreSQL server.
class TestDatabases {
public:
    static TestDatabases& instance()
    {
        static TestDatabases databases;
        return databases;
    }

    static bool onPostgres() { return qEnvironmentVariable("DL_TEST_DB_ENGINE") == QLatin1String("postgresql"); }
    static QString engineName() { return onPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"); }

    // Where the engine could not be started; empty when it runs.
    QString problem()
    {
        if (!onPostgres())
            return tempDir_.isValid() ? QString() : QStringLiteral("no temporary folder");
        startCluster();
        return cluster_->isRunning() ? QString() : cluster_->error();
    }

    // A fresh, empty database named after `name`: a file in a temporary
    // folder, or a new database on the test server.
    QString create(const QString& name)
    {
        const QString unique = QStringLiteral("%1_%2").arg(name).arg(++count_);
        if (!onPostgres())
            return tempDir_.filePath(unique + QStringLiteral(".sqlite"));
        startCluster();
        return cluster_->createDatabase(unique.toLower());
    }

    // Stops the test server (call from cleanupTestCase, while Qt still runs).
    void shutdown() { cluster_.reset(); }

    dltest::PostgresCluster* cluster()
    {
        if (onPostgres())
            startCluster();
        return cluster_.get();
    }

private:
    void startCluster()
    {
        if (!cluster_)
            cluster_ = std::make_unique<dltest::PostgresCluster>();
    }

    QTemporaryDir tempDir_;
    std::unique_ptr<dltest::PostgresCluster> cluster_;
    int count_ = 0;
};

// A plain QtSql connection (QSQLITE for a path, QPSQL for a server address),
// removed again on destruction.
class RawConnection {
public:
    explicit RawConnection(const QString& location)
        : name_(QStringLiteral("test.raw.%1").arg(++counter()))
    {
        if (DatabaseLocation::isServerAddress(location)) {
            const DatabaseLocation server = DatabaseLocation::parse(location);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name_);
            db.setHostName(server.host);
            db.setPort(server.port);
            db.setUserName(server.user);
            db.setDatabaseName(server.databaseName);
            if (!db.open())
                qWarning() << "raw open failed:" << db.lastError().text();
            return;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name_);
        db.setDatabaseName(location);
        if (!db.open())
            qWarning() << "raw open failed:" << db.lastError().text();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(name_, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Runs one fixed statement; reports the error and returns false on failure.
    bool exec(const QString& sql)
    {
        QSqlQuery query(QSqlDatabase::database(name_, false));
        if (query.exec(sql))
            return true;
        qWarning() << "raw exec failed:" << sql << query.lastError().text();
        return false;
    }

    // First column of the first row, or an invalid QVariant.
    QVariant scalar(const QString& sql)
    {
        QSqlQuery query(QSqlDatabase::database(name_, false));
        if (!query.exec(sql) || !query.next()) {
            qWarning() << "raw query failed:" << sql << query.lastError().text();
            return {};
        }
        return query.value(0);
    }

private:
    static int& counter()
    {
        static int value = 0;
        return value;
    }
    QString name_;
};

} // namespace dl::db::test
