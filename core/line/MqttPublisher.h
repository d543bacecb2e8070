#pragma once
// Publishes inspection results to an MQTT broker (libmosquitto) at QoS 1, so
// that a PLC, a dashboard or a MES sees each verdict as it is made.
//
// publish() never blocks and never fails the inspection: messages wait in an
// outbox (bounded; the oldest are dropped past `maxQueued` and counted) until
// the broker has acknowledged them (PUBACK). A broker that is down or goes away
// is retried with a growing delay (up to 5 s); on reconnecting, every message
// that was not acknowledged is sent again. Delivery is therefore at least once,
// as QoS 1 promises: a subscriber that must count each message once keys on its
// content (a result id). The outbox lives in memory; a caller that must not
// lose messages when the process ends gives each a key and keeps it until
// takeDelivered() names it (the watch keeps them in its journal).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dl::line {

// TLS for mqtts:// addresses: the broker's certificate is checked against
// `caFile` (PEM), else against the system's certificates (`caPath`), and its
// name against the host; `certFile` + `keyFile` give a client certificate to
// brokers that ask for one.
struct MqttTls {
    std::string caFile;
    std::string caPath;
    std::string certFile;
    std::string keyFile;
};

struct MqttTarget {
    std::string host;
    int port = 1883;        // 8883 for mqtts://
    std::string topic;
    std::string user;       // empty: anonymous
    std::string password;   // with a user only
    bool tls = false;       // mqtts://
    MqttTls tlsFiles;
};

// mqtt://[USER@]HOST[:PORT]/TOPIC (the topic may contain '/'), or mqtts://
// for TLS. A user's password comes from `passwordFromEnvironment` (the CLI
// passes $DEFECTLENS_MQTT_PASSWORD), never from the address, which process
// lists show. `tls` names the TLS files (the CLI: --publish-ca/-cert/-key, else
// $DEFECTLENS_MQTT_CA/_CERT/_KEY); mqtts:// without a CA file trusts the
// system's certificates (/etc/ssl/certs). Files are checked here: a missing
// or unreadable one, a certificate without its key, or TLS files with a plain
// mqtt:// address throw dl::Error naming the problem, as does any other
// malformed address.
MqttTarget parseMqttUrl(const std::string& url, const std::string& passwordFromEnvironment = {},
                        const MqttTls& tls = {});
// The same with the password from $DEFECTLENS_MQTT_PASSWORD and each TLS file
// from `given` where set, else from $DEFECTLENS_MQTT_CA, _CERT, _KEY (the CLI
// passes its --publish-ca/-cert/-key; the GUI's line mode passes none).
MqttTarget parseMqttUrlWithEnvironment(const std::string& url, const MqttTls& given = {});

struct MqttStatistics {
    std::uint64_t published = 0;   // handed to publish()
    std::uint64_t delivered = 0;   // acknowledged by the broker
    std::uint64_t dropped = 0;     // pushed out of a full outbox
    std::uint64_t reconnects = 0;  // connections made after the first
    std::size_t waiting = 0;       // not yet acknowledged
    bool connected = false;
    std::string lastProblem;       // why the broker is not reachable; empty when connected
};

class MqttPublisher {
public:
    // Starts connecting in the background; a broker that is down is not an error.
    explicit MqttPublisher(MqttTarget target, std::size_t maxQueued = 100000);
    // Waits up to `flushTimeout` for the outbox to empty, then disconnects.
    ~MqttPublisher();
    MqttPublisher(const MqttPublisher&) = delete;
    MqttPublisher& operator=(const MqttPublisher&) = delete;

    // `key` (not 0) comes back from takeDelivered() once the broker acknowledged the message.
    void publish(std::string payload, std::uint64_t key = 0);
    // The keys of messages acknowledged since the last call, in no particular order.
    std::vector<std::uint64_t> takeDelivered();
    // True once every message published so far has been acknowledged.
    bool waitUntilDelivered(std::chrono::milliseconds timeout);
    MqttStatistics statistics() const;
    const MqttTarget& target() const { return target_; }

    std::chrono::milliseconds flushTimeout{3000};

private:
    void run();

    const MqttTarget target_;
    const std::size_t maxQueued_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    struct Message {
        std::string payload;
        std::uint64_t key = 0;
    };
    std::deque<Message> outbox_;      // oldest first; the sender moves them in flight
    std::vector<std::uint64_t> delivered_; // keys acknowledged, not yet taken
    MqttStatistics stats_;
    bool stopping_ = false;
    std::thread sender_;
};

} // namespace dl::line
