#include "line/MqttPublisher.h"

#include "common/Error.h"

#include <mosquitto.h>

#include <algorithm>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>

#include <unistd.h>

namespace dl::line {

namespace {

using Clock = std::chrono::steady_clock;

void initialiseLibraryOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

std::string clientId()
{
    static std::atomic<int> counter{0};
    char host[64] = {};
    if (::gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    // MQTT 3.1.1 brokers accept ids of 23 bytes for certain; mosquitto accepts more.
    return "defectlens-" + std::string(host).substr(0, 16) + "-" + std::to_string(::getpid()) + "-"
           + std::to_string(counter++);
}

// One connection's state, touched only by the sender thread (libmosquitto runs
// the callbacks inside mosquitto_loop on that thread).
struct InFlight {
    std::string payload;
    std::uint64_t key = 0;
};

struct Session {
    bool connackReceived = false;
    int connackCode = -1;
    std::map<int, InFlight> inFlight; // message id -> message, in send order
    std::uint64_t acknowledged = 0;
    std::vector<std::uint64_t> acknowledgedKeys;
};

extern "C" void onConnect(mosquitto*, void* user, int code)
{
    auto* session = static_cast<Session*>(user);
    session->connackReceived = true;
    session->connackCode = code;
}

extern "C" void onPublish(mosquitto*, void* user, int messageId)
{
    auto* session = static_cast<Session*>(user);
    const auto it = session->inFlight.find(messageId);
    if (it == session->inFlight.end())
        return;
    if (it->second.key != 0)
        session->acknowledgedKeys.push_back(it->second.key);
    session->inFlight.erase(it);
    ++session->acknowledged;
}

} // namespace

namespace {

void requireReadable(const std::string& url, const std::string& what, const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (path.empty() || !file.good())
        throw Error("--publish " + url + ": the " + what + " " + (path.empty() ? std::string("is not named") : path)
                    + " cannot be read");
}

} // namespace

MqttTarget parseMqttUrl(const std::string& url, const std::string& passwordFromEnvironment, const MqttTls& tls)
{
    const std::string form = "expected mqtt://[USER@]HOST[:PORT]/TOPIC or mqtts://... for TLS, "
                             "e.g. mqtt://127.0.0.1:1883/line1/verdicts";
    const bool secure = url.rfind("mqtts://", 0) == 0;
    if (!secure && url.rfind("mqtt://", 0) != 0)
        throw Error("--publish " + url + ": not an MQTT address (" + form + ")");
    const std::string rest = url.substr(secure ? 8 : 7);
    const std::size_t slash = rest.find('/');
    if (slash == std::string::npos || slash + 1 >= rest.size())
        throw Error("--publish " + url + ": the topic is missing (" + form + ")");
    MqttTarget t;
    t.tls = secure;
    t.port = secure ? 8883 : 1883;
    std::string hostPort = rest.substr(0, slash);
    const std::size_t at = hostPort.rfind('@');
    if (at != std::string::npos) {
        t.user = hostPort.substr(0, at);
        hostPort = hostPort.substr(at + 1);
        if (t.user.find(':') != std::string::npos)
            throw Error("--publish: a password in the address would show in process lists; give the user only "
                        "(mqtt://USER@HOST/TOPIC) and the password in DEFECTLENS_MQTT_PASSWORD");
        if (t.user.empty())
            throw Error("--publish " + url + ": the user before '@' is empty (" + form + ")");
        t.password = passwordFromEnvironment;
    }
    t.topic = rest.substr(slash + 1);
    if (t.topic.find_first_of("+#") != std::string::npos)
        throw Error("--publish " + url + ": a topic to publish to cannot contain the wildcards + or #");
    const std::size_t colon = hostPort.rfind(':');
    if (colon != std::string::npos) {
        const std::string port = hostPort.substr(colon + 1);
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit)
            || std::stoi(port) < 1 || std::stoi(port) > 65535)
            throw Error("--publish " + url + ": the port '" + port + "' is not a number from 1 to 65535");
        t.port = std::stoi(port);
        hostPort = hostPort.substr(0, colon);
    }
    if (hostPort.empty())
        throw Error("--publish " + url + ": the host is missing (" + form + ")");
    t.host = hostPort;

    const bool anyTlsFile = !tls.caFile.empty() || !tls.certFile.empty() || !tls.keyFile.empty();
    if (!secure) {
        if (anyTlsFile)
            throw Error("--publish " + url + ": TLS certificates were given for a plain mqtt:// address; "
                        "use mqtts:// to encrypt the connection");
        return t;
    }
    t.tlsFiles = tls;
    if (tls.caFile.empty() && tls.caPath.empty())
        t.tlsFiles.caPath = "/etc/ssl/certs"; // the system's trusted certificates
    if (!tls.caFile.empty())
        requireReadable(url, "CA certificate file", tls.caFile);
    if (tls.certFile.empty() != tls.keyFile.empty())
        throw Error("--publish " + url + ": a client certificate needs its key and a key its certificate "
                    "(--publish-cert and --publish-key)");
    if (!tls.certFile.empty()) {
        requireReadable(url, "client certificate", tls.certFile);
        requireReadable(url, "client key", tls.keyFile);
    }
    return t;
}

MqttTarget parseMqttUrlWithEnvironment(const std::string& url, const MqttTls& given)
{
    const auto orVariable = [](const std::string& value, const char* name) {
        const char* fromEnvironment = std::getenv(name);
        return !value.empty() ? value : std::string(fromEnvironment ? fromEnvironment : "");
    };
    MqttTls tls = given;
    tls.caFile = orVariable(given.caFile, "DEFECTLENS_MQTT_CA");
    tls.certFile = orVariable(given.certFile, "DEFECTLENS_MQTT_CERT");
    tls.keyFile = orVariable(given.keyFile, "DEFECTLENS_MQTT_KEY");
    return parseMqttUrl(url, orVariable({}, "DEFECTLENS_MQTT_PASSWORD"), tls);
}

MqttPublisher::MqttPublisher(MqttTarget target, std::size_t maxQueued)
    : target_(std::move(target)), maxQueued_(std::max<std::size_t>(1, maxQueued))
{
    initialiseLibraryOnce();
    sender_ = std::thread([this] { run(); });
}

MqttPublisher::~MqttPublisher()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    sender_.join();
}

void MqttPublisher::publish(std::string payload, std::uint64_t key)
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++stats_.published;
        if (outbox_.size() >= maxQueued_) {
            outbox_.pop_front();
            ++stats_.dropped;
            --stats_.waiting;
        }
        outbox_.push_back({std::move(payload), key});
        ++stats_.waiting;
    }
    changed_.notify_all();
}

std::vector<std::uint64_t> MqttPublisher::takeDelivered()
{
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::uint64_t> keys;
    keys.swap(delivered_);
    return keys;
}

bool MqttPublisher::waitUntilDelivered(std::chrono::milliseconds timeout)
{
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return stats_.waiting == 0; });
}

MqttStatistics MqttPublisher::statistics() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
}

void MqttPublisher::run()
{
    auto backoff = std::chrono::milliseconds(200);
    std::optional<Clock::time_point> flushDeadline;
    bool everConnected = false;
    auto shouldEnd = [&]() {
        // With the mutex held.
        if (!stopping_)
            return false;
        if (!flushDeadline)
            flushDeadline = Clock::now() + flushTimeout;
        return stats_.waiting == 0 || Clock::now() >= *flushDeadline;
    };

    while (true) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (shouldEnd())
                return;
        }
        Session session;
        mosquitto* client = mosquitto_new(clientId().c_str(), true, &session);
        if (!client) {
            std::lock_guard<std::mutex> lock(mutex_);
            stats_.lastProblem = "the MQTT client could not be created (out of memory)";
            return;
        }
        mosquitto_connect_callback_set(client, onConnect);
        if (!target_.user.empty())
            mosquitto_username_pw_set(client, target_.user.c_str(),
                                      target_.password.empty() ? nullptr : target_.password.c_str());
        mosquitto_publish_callback_set(client, onPublish);

        std::string problem;
        int rc = MOSQ_ERR_SUCCESS;
        if (target_.tls) {
            const MqttTls& f = target_.tlsFiles;
            auto orNull = [](const std::string& text) { return text.empty() ? nullptr : text.c_str(); };
            rc = mosquitto_tls_set(client, orNull(f.caFile), orNull(f.caPath), orNull(f.certFile), orNull(f.keyFile),
                                   nullptr);
            if (rc == MOSQ_ERR_SUCCESS)
                rc = mosquitto_tls_opts_set(client, 1 /* verify the broker */, nullptr, nullptr);
            if (rc != MOSQ_ERR_SUCCESS)
                problem = std::string("TLS settings refused: ") + mosquitto_strerror(rc);
        }
        if (problem.empty())
            rc = mosquitto_connect_async(client, target_.host.c_str(), target_.port, 30);
        if (problem.empty() && rc != MOSQ_ERR_SUCCESS)
            problem = rc == MOSQ_ERR_ERRNO ? std::string(std::strerror(errno)) : mosquitto_strerror(rc);
        const auto connectDeadline = Clock::now() + std::chrono::seconds(5);
        while (problem.empty() && !session.connackReceived) {
            rc = mosquitto_loop(client, 50, 1);
            if (rc == MOSQ_ERR_TLS)
                problem = "the TLS handshake failed: the broker's certificate is not trusted (--publish-ca) or "
                          "does not name " + target_.host;
            else if (rc != MOSQ_ERR_SUCCESS)
                problem = rc == MOSQ_ERR_ERRNO ? std::string(std::strerror(errno)) : mosquitto_strerror(rc);
            else if (Clock::now() > connectDeadline)
                problem = "no answer from the broker within 5 s";
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_ && shouldEnd())
                break;
        }
        if (problem.empty() && session.connackReceived && session.connackCode != 0)
            problem = std::string("the broker refused the connection: ") + mosquitto_connack_string(session.connackCode);

        if (problem.empty() && session.connackReceived) {
            backoff = std::chrono::milliseconds(200);
            {
                std::lock_guard<std::mutex> lock(mutex_);
                stats_.connected = true;
                stats_.lastProblem.clear();
                if (everConnected)
                    ++stats_.reconnects;
            }
            everConnected = true;
            // Send and acknowledge until the connection breaks or the work is done.
            while (true) {
                std::vector<Message> toSend;
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    stats_.delivered += session.acknowledged;
                    stats_.waiting -= std::min<std::size_t>(stats_.waiting, session.acknowledged);
                    session.acknowledged = 0;
                    delivered_.insert(delivered_.end(), session.acknowledgedKeys.begin(), session.acknowledgedKeys.end());
                    session.acknowledgedKeys.clear();
                    if (stats_.waiting == 0)
                        changed_.notify_all();
                    if (shouldEnd())
                        break;
                    // A bounded window in flight keeps a slow broker from holding everything.
                    while (!outbox_.empty() && session.inFlight.size() + toSend.size() < 64) {
                        toSend.push_back(std::move(outbox_.front()));
                        outbox_.pop_front();
                    }
                }
                for (Message& message : toSend) {
                    int messageId = 0;
                    rc = mosquitto_publish(client, &messageId, target_.topic.c_str(), int(message.payload.size()),
                                           message.payload.data(), 1, false);
                    if (rc != MOSQ_ERR_SUCCESS) {
                        std::lock_guard<std::mutex> lock(mutex_);
                        outbox_.push_front(std::move(message));
                        continue;
                    }
                    session.inFlight.emplace(messageId, InFlight{std::move(message.payload), message.key});
                }
                rc = mosquitto_loop(client, 50, 1);
                if (rc != MOSQ_ERR_SUCCESS) {
                    problem = rc == MOSQ_ERR_ERRNO ? std::string(std::strerror(errno)) : mosquitto_strerror(rc);
                    break;
                }
                if (toSend.empty() && session.inFlight.empty()) {
                    std::unique_lock<std::mutex> lock(mutex_);
                    changed_.wait_for(lock, std::chrono::milliseconds(50),
                                      [&] { return stopping_ || !outbox_.empty(); });
                }
            }
            if (problem.empty())
                mosquitto_disconnect(client);
        }
        {
            // What the broker never acknowledged goes back to the front, in order.
            std::lock_guard<std::mutex> lock(mutex_);
            stats_.delivered += session.acknowledged;
            stats_.waiting -= std::min<std::size_t>(stats_.waiting, session.acknowledged);
            delivered_.insert(delivered_.end(), session.acknowledgedKeys.begin(), session.acknowledgedKeys.end());
            for (auto it = session.inFlight.rbegin(); it != session.inFlight.rend(); ++it)
                outbox_.push_front({std::move(it->second.payload), it->second.key});
            stats_.connected = false;
            if (!problem.empty())
                stats_.lastProblem = "MQTT broker " + target_.host + ":" + std::to_string(target_.port) + ": " + problem;
            if (stats_.waiting == 0)
                changed_.notify_all();
        }
        mosquitto_destroy(client);
        if (problem.empty())
            continue; // a clean end (stopping): the loop's first check returns
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait_for(lock, backoff, [&] { return stopping_ && shouldEnd(); });
        backoff = std::min<std::chrono::milliseconds>(backoff * 2, std::chrono::seconds(5));
    }
}

} // namespace dl::line
