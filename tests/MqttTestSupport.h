#pragma once
// A real MQTT broker for tests: Debian's mosquitto on a free loopback port,
// started and stopped by the test (persistence on, so that a subscriber's
// session survives a broker restart), and a subscriber that collects what
// arrives. Tests skip with a clear message where mosquitto is not installed.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <mosquitto.h>

#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dltest {

// A TCP port on 127.0.0.1 that nothing listens on right now.
inline int freeLoopbackPort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    int port = 0;
    if (::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        socklen_t length = sizeof address;
        if (::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
    }
    ::close(s);
    return port;
}

inline QString mosquittoBinary()
{
    QString found = QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(QStringLiteral("mosquitto"), {QStringLiteral("/usr/sbin"),
                                                                             QStringLiteral("/usr/local/sbin")});
    return found;
}

// A test CA and a server certificate for 127.0.0.1 / localhost signed by it,
// made with the openssl command in `folder` (files ca.pem, server.pem, server.key).
struct TestCertificates {
    QString caFile, certFile, keyFile;
    QString problem; // empty when made
};

inline TestCertificates makeTestCertificates(const QString& folder, const QString& caName)
{
    TestCertificates made{folder + QStringLiteral("/ca.pem"), folder + QStringLiteral("/server.pem"),
                          folder + QStringLiteral("/server.key"), {}};
    QFile extensions(folder + QStringLiteral("/server.ext"));
    if (!extensions.open(QIODevice::WriteOnly)) {
        made.problem = QStringLiteral("cannot write ") + extensions.fileName();
        return made;
    }
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    extensions.close();
    const QString ecKey = QStringLiteral("ec -pkeyopt ec_paramgen_curve:prime256v1");
    const QStringList steps = {
        QStringLiteral("req -x509 -newkey %1 -nodes -keyout %2/ca.key -out %2/ca.pem -days 2 -subj /CN=%3")
            .arg(ecKey, folder, caName),
        QStringLiteral("req -newkey %1 -nodes -keyout %2/server.key -out %2/server.csr -subj /CN=127.0.0.1")
            .arg(ecKey, folder),
        QStringLiteral("x509 -req -in %1/server.csr -CA %1/ca.pem -CAkey %1/ca.key -CAcreateserial -out %1/server.pem "
                       "-days 2 -extfile %1/server.ext")
            .arg(folder)};
    for (const QString& step : steps) {
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"), step.split(QLatin1Char(' '), Qt::SkipEmptyParts));
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
            made.problem = QStringLiteral("openssl %1 failed: %2").arg(step, QString::fromLocal8Bit(openssl.readAll()));
            return made;
        }
    }
    return made;
}

class MosquittoBroker {
public:
    // With `user` set, anonymous clients are refused and only user/password may connect.
    explicit MosquittoBroker(const QString& user = {}, const QString& password = {}) : port_(freeLoopbackPort())
    {
        QString access = QStringLiteral("allow_anonymous true\n");
        if (!user.isEmpty()) {
            const QString passwords = dir_.path() + QStringLiteral("/passwords");
            QProcess make;
            make.start(QStringLiteral("mosquitto_passwd"), {QStringLiteral("-c"), QStringLiteral("-b"), passwords, user, password});
            make.waitForFinished(10000);
            access = QStringLiteral("allow_anonymous false\npassword_file %1\n").arg(passwords);
        }
        const QString config = dir_.path() + QStringLiteral("/mosquitto.conf");
        QFile f(config);
        if (f.open(QIODevice::WriteOnly)) {
            // Started as root, mosquitto would switch to its own user, which cannot
            // write the persistence file and log into this private folder.
            const passwd* self = ::getpwuid(::getuid());
            f.write(QStringLiteral("listener %1 127.0.0.1\n%4persistence true\n"
                                   "persistence_location %2/\nlog_dest file %2/mosquitto.log\nuser %3\n")
                        .arg(port_)
                        .arg(dir_.path())
                        .arg(QString::fromLocal8Bit(self ? self->pw_name : "root"))
                        .arg(access)
                        .toUtf8());
        }
        configPath_ = config;
    }
    ~MosquittoBroker() { stop(); }

    bool available() const { return !mosquittoBinary().isEmpty() && port_ > 0; }
    int port() const { return port_; }
    QString url(const QString& topic) const { return QStringLiteral("mqtt://127.0.0.1:%1/%2").arg(port_).arg(topic); }

    // A second listener that speaks TLS with `certificates` (call before start()).
    void addTlsListener(const TestCertificates& certificates)
    {
        tlsPort_ = freeLoopbackPort();
        QFile f(configPath_);
        if (f.open(QIODevice::Append))
            f.write(QStringLiteral("listener %1 127.0.0.1\ncafile %2\ncertfile %3\nkeyfile %4\n")
                        .arg(tlsPort_)
                        .arg(certificates.caFile, certificates.certFile, certificates.keyFile)
                        .toUtf8());
    }
    QString tlsUrl(const QString& topic) const
    {
        return QStringLiteral("mqtts://127.0.0.1:%1/%2").arg(tlsPort_).arg(topic);
    }

    // The broker's log, for failure messages.
    QString log() const
    {
        QFile f(dir_.path() + QStringLiteral("/mosquitto.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    // Starts the broker and waits until it accepts connections.
    bool start()
    {
        process_.start(mosquittoBinary(), {QStringLiteral("-c"), configPath_});
        if (!process_.waitForStarted(10000))
            return false;
        for (int i = 0; i < 100; ++i) {
            if (accepts())
                return true;
            QThread::msleep(50);
        }
        return false;
    }
    // SIGTERM: mosquitto saves its persistent state and exits.
    void stop()
    {
        if (process_.state() == QProcess::NotRunning)
            return;
        process_.terminate();
        if (!process_.waitForFinished(10000))
            process_.kill();
        process_.waitForFinished(5000);
    }

private:
    bool accepts() const
    {
        const int s = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(quint16(port_));
        const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(s);
        return ok;
    }

    QTemporaryDir dir_;
    QString configPath_;
    int port_ = 0;
    int tlsPort_ = 0;
    QProcess process_;
};

// Subscribes at QoS 1 with a persistent session (clean session off), so that
// messages published while it reconnects after a broker restart still reach it.
class MqttCollector {
public:
    MqttCollector(int port, const std::string& topic, const std::string& user = {}, const std::string& password = {})
        : topic_(topic)
    {
        mosquitto_lib_init();
        client_ = mosquitto_new(("dltest-collector-" + std::to_string(::getpid())).c_str(), false, this);
        if (!user.empty())
            mosquitto_username_pw_set(client_, user.c_str(), password.c_str());
        mosquitto_connect_callback_set(client_, [](mosquitto* m, void* self, int rc) {
            if (rc == 0)
                mosquitto_subscribe(m, nullptr, static_cast<MqttCollector*>(self)->topic_.c_str(), 1);
        });
        mosquitto_subscribe_callback_set(client_, [](mosquitto*, void* self, int, int, const int*) {
            auto* c = static_cast<MqttCollector*>(self);
            std::lock_guard<std::mutex> lock(c->mutex_);
            c->subscribed_ = true;
        });
        mosquitto_message_callback_set(client_, [](mosquitto*, void* self, const mosquitto_message* m) {
            auto* c = static_cast<MqttCollector*>(self);
            std::lock_guard<std::mutex> lock(c->mutex_);
            c->messages_.emplace_back(static_cast<const char*>(m->payload), std::size_t(m->payloadlen));
        });
        mosquitto_reconnect_delay_set(client_, 1, 2, false);
        connected_ = mosquitto_connect(client_, "127.0.0.1", port, 10) == MOSQ_ERR_SUCCESS;
        mosquitto_loop_start(client_);
    }
    ~MqttCollector()
    {
        mosquitto_disconnect(client_);
        mosquitto_loop_stop(client_, false);
        mosquitto_destroy(client_);
    }
    bool waitUntilSubscribed(int timeoutMs)
    {
        for (int waited = 0; waited < timeoutMs; waited += 20) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                if (subscribed_)
                    return true;
            }
            QThread::msleep(20);
        }
        return false;
    }
    std::vector<std::string> messages() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return messages_;
    }
    // Waits until `predicate(messages)` holds or the time is up.
    template <typename Predicate>
    bool waitFor(Predicate predicate, int timeoutMs) const
    {
        for (int waited = 0; waited < timeoutMs; waited += 50) {
            if (predicate(messages()))
                return true;
            QThread::msleep(50);
        }
        return predicate(messages());
    }
    bool connected() const { return connected_; }

private:
    std::string topic_;
    mosquitto* client_ = nullptr;
    bool connected_ = false;
    mutable std::mutex mutex_;
    bool subscribed_ = false;
    std::vector<std::string> messages_;
};

// The result ids the watch's JSON messages name (each part once, whatever QoS 1 repeated).
inline std::set<qint64> resultIdsOf(const std::vector<std::string>& messages)
{
    std::set<qint64> ids;
    for (const std::string& m : messages)
        ids.insert(QJsonDocument::fromJson(QByteArray::fromStdString(m)).object()["result_id"].toInteger());
    return ids;
}

} // namespace dltest

#define DL_REQUIRE_MOSQUITTO(broker)                                                                       \
    do {                                                                                                   \
        if (!(broker).available())                                                                         \
            QSKIP("the mosquitto broker is not installed (Debian package mosquitto; "                      \
                  "installer/setup-deps.sh installs it): MQTT test skipped");                              \
    } while (0)
