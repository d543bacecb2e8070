#pragma once
// Runs the real defectlens-cli binary (DL_CLI_PATH) for the CLI test suites.
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>

namespace dltest {

struct CliOutcome {
    int exitCode;   // -1: timed out (killed); -2: crashed
    QString out, err;
};

// `childSetup`, when given, runs in the child before the CLI starts (resource
// limits); `environment`, when not empty, replaces the child's environment.
inline CliOutcome runCli(const QStringList& args, int timeoutMs = 300000, std::function<void()> childSetup = {},
                         const QProcessEnvironment& environment = {})
{
    QProcess p;
    if (childSetup)
        p.setChildProcessModifier(childSetup);
    if (!environment.isEmpty())
        p.setProcessEnvironment(environment);
    p.start(QStringLiteral(DL_CLI_PATH), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("timed out")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace dltest
