// MqttPublisher against a real mosquitto broker on a loopback port: every
// message arrives, a broker that is down or restarts costs no message, and a
// full outbox drops the oldest and says so.
#include "MqttTestSupport.h"
#include "common/Error.h"
#include "line/MqttPublisher.h"

#include <QtTest>

#include <set>

using dl::line::MqttPublisher;

namespace {

std::set<std::string> distinct(const std::vector<std::string>& messages)
{
    return {messages.begin(), messages.end()};
}

std::string numbered(int i)
{
    return "{\"result_id\":" + std::to_string(i) + "}";
}

} // namespace

class TestMqttPublisher : public QObject {
    Q_OBJECT

private slots:
    void addressesAreParsedAndMistakesNamed()
    {
        const dl::line::MqttTarget t = dl::line::parseMqttUrl("mqtt://10.0.0.5:1884/line1/verdicts");
        QCOMPARE(t.host, std::string("10.0.0.5"));
        QCOMPARE(t.port, 1884);
        QCOMPARE(t.topic, std::string("line1/verdicts"));
        QCOMPARE(dl::line::parseMqttUrl("mqtt://broker/x").port, 1883);
        const dl::line::MqttTarget withUser = dl::line::parseMqttUrl("mqtt://line1@broker:1884/v", "secret");
        QCOMPARE(withUser.user, std::string("line1"));
        QCOMPARE(withUser.password, std::string("secret"));
        QCOMPARE(withUser.host, std::string("broker"));
        QCOMPARE(withUser.port, 1884);
        const std::vector<std::pair<std::string, std::string>> wrong = {
            {"http://broker/x", "not an MQTT address"},
            {"mqtt://broker", "the topic is missing"},
            {"mqtt://broker:99999/x", "not a number from 1 to 65535"},
            {"mqtt://broker:1883/line/#", "wildcards"},
            {"mqtt://:1883/x", "the host is missing"},
            {"mqtt://line1:secret@broker/x", "DEFECTLENS_MQTT_PASSWORD"},
            {"mqtt://@broker/x", "the user before '@' is empty"},
        };
        for (const auto& [url, problem] : wrong) {
            try {
                dl::line::parseMqttUrl(url);
                QFAIL(qPrintable(QString::fromStdString(url + " was accepted")));
            } catch (const dl::Error& e) {
                QVERIFY2(std::string(e.what()).find(problem) != std::string::npos, e.what());
                // The address is repeated, except one holding a password.
                const bool holdsPassword = url.find(":secret@") != std::string::npos;
                QVERIFY2((std::string(e.what()).find(url) != std::string::npos) != holdsPassword, e.what());
            }
        }
    }

    void everyMessageReachesASubscriber()
    {
        dltest::MosquittoBroker broker;
        DL_REQUIRE_MOSQUITTO(broker);
        QVERIFY(broker.start());
        dltest::MqttCollector collector(broker.port(), "line/verdicts");
        QVERIFY(collector.waitUntilSubscribed(10000));
        {
            MqttPublisher publisher({"127.0.0.1", broker.port(), "line/verdicts"});
            for (int i = 0; i < 300; ++i)
                publisher.publish(numbered(i));
            QVERIFY(publisher.waitUntilDelivered(std::chrono::seconds(20)));
            const dl::line::MqttStatistics s = publisher.statistics();
            QCOMPARE(s.published, std::uint64_t(300));
            QCOMPARE(s.delivered, std::uint64_t(300));
            QCOMPARE(s.waiting, std::size_t(0));
            QVERIFY(s.connected);
        }
        QVERIFY(collector.waitFor([](const auto& m) { return distinct(m).size() == 300; }, 20000));
        // Sent in order over one connection: they arrive in order.
        const std::vector<std::string> received = collector.messages();
        QCOMPARE(received.front(), numbered(0));
        QCOMPARE(received[299], numbered(299));
    }

    void aBrokerThatIsDownAtFirstGetsEverythingOnceItStarts()
    {
        dltest::MosquittoBroker broker;
        DL_REQUIRE_MOSQUITTO(broker);
        // The subscriber's persistent session is made first, so that the broker
        // keeps what arrives for it whichever of the two reconnects first.
        QVERIFY(broker.start());
        dltest::MqttCollector collector(broker.port(), "late");
        QVERIFY(collector.waitUntilSubscribed(10000));
        broker.stop();

        MqttPublisher publisher({"127.0.0.1", broker.port(), "late"});
        for (int i = 0; i < 50; ++i)
            publisher.publish(numbered(i));
        QTest::qWait(700);
        const dl::line::MqttStatistics s = publisher.statistics();
        QVERIFY(!s.connected);
        QCOMPARE(s.waiting, std::size_t(50));
        QVERIFY2(s.lastProblem.find(std::to_string(broker.port())) != std::string::npos, s.lastProblem.c_str());

        QVERIFY(broker.start());
        QVERIFY(publisher.waitUntilDelivered(std::chrono::seconds(20)));
        QVERIFY(collector.waitFor([](const auto& m) { return distinct(m).size() == 50; }, 20000));
        QCOMPARE(publisher.statistics().delivered, std::uint64_t(50));
    }

    void aBrokerRestartMidStreamLosesNoMessage()
    {
        dltest::MosquittoBroker broker;
        DL_REQUIRE_MOSQUITTO(broker);
        QVERIFY(broker.start());
        dltest::MqttCollector collector(broker.port(), "restart");
        QVERIFY(collector.waitUntilSubscribed(10000));
        MqttPublisher publisher({"127.0.0.1", broker.port(), "restart"});
        int next = 0;
        for (; next < 100; ++next)
            publisher.publish(numbered(next));
        QVERIFY(publisher.waitUntilDelivered(std::chrono::seconds(20)));

        broker.stop();
        for (; next < 200; ++next) {
            publisher.publish(numbered(next));
            QTest::qWait(5);
        }
        QVERIFY(!publisher.statistics().connected);
        QVERIFY(broker.start());
        for (; next < 300; ++next)
            publisher.publish(numbered(next));
        QVERIFY(publisher.waitUntilDelivered(std::chrono::seconds(30)));
        // QoS 1 is "at least once": a message may come twice, none may be missing.
        const bool all = collector.waitFor([](const auto& m) { return distinct(m).size() == 300; }, 30000);
        QVERIFY2(all, qPrintable(QStringLiteral("%1 of 300 distinct messages arrived (%2 in all); published %3, "
                                                "delivered %4")
                                     .arg(distinct(collector.messages()).size())
                                     .arg(collector.messages().size())
                                     .arg(publisher.statistics().published)
                                     .arg(publisher.statistics().delivered)
                                 + "\nbroker log:\n" + broker.log().right(3000)));
        QVERIFY(publisher.statistics().reconnects >= 1);
        QCOMPARE(publisher.statistics().dropped, std::uint64_t(0));
    }

    void aBrokerWithPasswordsTakesTheRightUserOnly()
    {
        dltest::MosquittoBroker broker("line1", "s3cret");
        DL_REQUIRE_MOSQUITTO(broker);
        QVERIFY(broker.start());
        dltest::MqttCollector collector(broker.port(), "secure", "line1", "s3cret");
        QVERIFY(collector.waitUntilSubscribed(10000));
        {
            MqttPublisher wrong({"127.0.0.1", broker.port(), "secure", "line1", "guess"});
            wrong.flushTimeout = std::chrono::milliseconds(0);
            wrong.publish(numbered(0));
            QTest::qWait(800);
            const dl::line::MqttStatistics s = wrong.statistics();
            QVERIFY(!s.connected);
            QCOMPARE(s.delivered, std::uint64_t(0));
            QVERIFY2(s.lastProblem.find("refused") != std::string::npos, s.lastProblem.c_str());
        }
        MqttPublisher right({"127.0.0.1", broker.port(), "secure", "line1", "s3cret"});
        for (int i = 1; i <= 20; ++i)
            right.publish(numbered(i));
        QVERIFY(right.waitUntilDelivered(std::chrono::seconds(20)));
        QVERIFY(collector.waitFor([](const auto& m) { return distinct(m).size() == 20; }, 20000));
    }

    void tlsAddressesNeedTheirFiles()
    {
        const dl::line::MqttTarget plain = dl::line::parseMqttUrl("mqtts://broker/line1/v");
        QVERIFY(plain.tls);
        QCOMPARE(plain.port, 8883);
        QCOMPARE(plain.tlsFiles.caPath, std::string("/etc/ssl/certs")); // the system's trust without --publish-ca
        const std::vector<std::pair<dl::line::MqttTls, std::string>> wrong = {
            {{"/nonexistent/ca.pem", {}, {}, {}}, "CA certificate file /nonexistent/ca.pem cannot be read"},
            {{{}, {}, "/etc/hostname", {}}, "needs its key"},
        };
        for (const auto& [files, problem] : wrong) {
            try {
                dl::line::parseMqttUrl("mqtts://broker/v", {}, files);
                QFAIL("bad TLS files were accepted");
            } catch (const dl::Error& e) {
                QVERIFY2(std::string(e.what()).find(problem) != std::string::npos, e.what());
            }
        }
        try {
            dl::line::parseMqttUrl("mqtt://broker/v", {}, {"/etc/hostname", {}, {}, {}});
            QFAIL("TLS files with a plain address were accepted");
        } catch (const dl::Error& e) {
            QVERIFY2(std::string(e.what()).find("use mqtts://") != std::string::npos, e.what());
        }
    }

    // Verdicts over TLS reach the subscriber; a broker whose certificate this
    // station does not trust gets nothing, and the statistics say why.
    void tlsDeliversToATrustedBrokerOnly()
    {
        QTemporaryDir folder, otherFolder;
        const dltest::TestCertificates certificates = dltest::makeTestCertificates(folder.path(), "DefectLensTestCA");
        QVERIFY2(certificates.problem.isEmpty(), qPrintable(certificates.problem));
        const dltest::TestCertificates stranger = dltest::makeTestCertificates(otherFolder.path(), "SomeOtherCA");
        QVERIFY2(stranger.problem.isEmpty(), qPrintable(stranger.problem));
        dltest::MosquittoBroker broker;
        DL_REQUIRE_MOSQUITTO(broker);
        broker.addTlsListener(certificates);
        QVERIFY2(broker.start(), qPrintable(broker.log()));
        dltest::MqttCollector collector(broker.port(), "tls"); // subscribes on the plain listener
        QVERIFY(collector.waitUntilSubscribed(10000));
        {
            MqttPublisher untrusting(dl::line::parseMqttUrl(broker.tlsUrl("tls").toStdString(), {},
                                                            {stranger.caFile.toStdString(), {}, {}, {}}));
            untrusting.flushTimeout = std::chrono::milliseconds(0);
            untrusting.publish(numbered(0));
            QTest::qWait(1500);
            const dl::line::MqttStatistics s = untrusting.statistics();
            QVERIFY(!s.connected);
            QCOMPARE(s.delivered, std::uint64_t(0));
            QVERIFY2(s.lastProblem.find("TLS") != std::string::npos, s.lastProblem.c_str());
        }
        MqttPublisher trusting(dl::line::parseMqttUrl(broker.tlsUrl("tls").toStdString(), {},
                                                      {certificates.caFile.toStdString(), {}, {}, {}}));
        for (int i = 1; i <= 20; ++i)
            trusting.publish(numbered(i));
        QVERIFY2(trusting.waitUntilDelivered(std::chrono::seconds(20)), trusting.statistics().lastProblem.c_str());
        QVERIFY(collector.waitFor([](const auto& m) { return distinct(m).size() == 20; }, 20000));
    }

    void aFullOutboxDropsTheOldestAndCountsThem()
    {
        // Port 1 on loopback: nothing listens, the connection is refused.
        MqttPublisher publisher({"127.0.0.1", 1, "nowhere"}, 10);
        publisher.flushTimeout = std::chrono::milliseconds(0);
        for (int i = 0; i < 25; ++i)
            publisher.publish(numbered(i));
        const dl::line::MqttStatistics s = publisher.statistics();
        QCOMPARE(s.published, std::uint64_t(25));
        QCOMPARE(s.dropped, std::uint64_t(15));
        QCOMPARE(s.waiting, std::size_t(10));
        QCOMPARE(s.delivered, std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestMqttPublisher)
#include "tst_mqtt_publisher.moc"
