#pragma once
// A throwaway PostgreSQL server for tests: installer/postgres-cluster.sh
// initialises a cluster in a fresh folder under /tmp, starts it on a free
// loopback port (no fsync: test data only), and stops it and removes the folder
// when the object goes. Each test takes a fresh database with createDatabase().
#include <QDir>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtDebug>

#include <cstdlib>
#include <string>

namespace dltest {

class PostgresCluster {
public:
    PostgresCluster()
    {
        char folderTemplate[] = "/tmp/dl-postgres-XXXXXX";
        if (!mkdtemp(folderTemplate)) {
            error_ = QStringLiteral("cannot create a folder for the test cluster under /tmp");
            return;
        }
        folder_ = QString::fromLocal8Bit(folderTemplate);
        QString output;
        if (!runScript({QStringLiteral("start"), folder_, QStringLiteral("--fast")}, &output)) {
            error_ = QStringLiteral("starting a PostgreSQL test cluster failed: %1").arg(output);
            return;
        }
        serverAddress_ = output.trimmed();
    }

    ~PostgresCluster()
    {
        if (folder_.isEmpty())
            return;
        if (!serverAddress_.isEmpty())
            runScript({QStringLiteral("stop"), folder_}, nullptr);
        QDir(folder_).removeRecursively();
    }

    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    bool isRunning() const { return !serverAddress_.isEmpty(); }
    QString error() const { return error_; }
    // postgresql://defectlens@127.0.0.1:PORT/ (append a database name)
    QString serverAddress() const { return serverAddress_; }

    // A new, empty database; returns its address, or an empty string (with a warning).
    QString createDatabase(const QString& name)
    {
        QString output;
        if (!runScript({QStringLiteral("createdb"), folder_, name}, &output)) {
            qWarning("creating test database %s failed: %s", qPrintable(name), qPrintable(output));
            return {};
        }
        return output.trimmed().section(QLatin1Char('\n'), -1);
    }

    // Stops and starts the server again on the same port (a line's server restarting).
    bool restart() { return stop() && start(); }
    bool stop() { return runScript({QStringLiteral("stop"), folder_}, nullptr); }
    bool start()
    {
        const QString port = QString::number(serverAddress_.section(QLatin1Char(':'), -1).section(QLatin1Char('/'), 0, 0).toInt());
        return runScript({QStringLiteral("start"), folder_, QStringLiteral("--fast"), QStringLiteral("--port"), port},
                         nullptr);
    }

private:
    static QString scriptPath() { return QStringLiteral(DL_SOURCE_DIR "/installer/postgres-cluster.sh"); }

    bool runScript(const QStringList& arguments, QString* output) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("bash"), QStringList{scriptPath()} + arguments);
        const bool finished = process.waitForFinished(120000);
        const QString text = QString::fromLocal8Bit(process.readAll());
        if (output)
            *output = text;
        return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    QString folder_;
    QString serverAddress_;
    QString error_;
};

} // namespace dltest
