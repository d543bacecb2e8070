// The shared training loop (components/EpochLoop) and the typed parameter reader
// (components/ParamReader): the kept epoch is the best validated one and its
// weights are put back, unvalidated training keeps the last epoch, the time
// budget drops an abandoned epoch but never the first, an early finish rule ends
// training, a unified fit's budget counts per category, and bad parameters fail
// with messages naming the method and the key.
#include "common/Error.h"
#include "components/EpochLoop.h"
#include "components/ParamReader.h"

#include <QtTest>

#include <chrono>
#include <thread>

namespace {

// One scalar "weight" that each epoch sets to the epoch number.
struct OneWeight {
    torch::Tensor weight = torch::zeros({1});
    dl::NamedTensors state() { return {{"w", weight}}; }
};

dl::EpochReport reportOf(double criterion, bool validated)
{
    dl::EpochReport r;
    r.criterion = criterion;
    r.validated = validated;
    r.point = {{"loss", criterion}};
    return r;
}

} // namespace

class TestEpochLoop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theBudgetCountsPerCategory()
    {
        // A unified model over three categories may train as long as the three per-class fits.
        QCOMPARE(dl::fitBudgetSeconds(2.0, 1), 120.0);
        QCOMPARE(dl::fitBudgetSeconds(2.0, 3), 360.0);
        QCOMPARE(dl::fitBudgetSeconds(2.0, 0), 120.0); // no category named: one budget
    }

    void keepsTheBestValidatedEpoch()
    {
        OneWeight net;
        dl::EpochLoopSettings settings;
        settings.method = "test";
        settings.epochs = 5;
        dl::EpochLoop loop(settings, net.state());
        const double criteria[] = {0.9, 0.4, 0.6, 0.4, 0.7}; // epoch 2 is best; a tie later does not replace it
        loop.run([&](int epoch) -> std::optional<dl::EpochReport> {
            net.weight.fill_(double(epoch));
            return reportOf(criteria[epoch - 1], true);
        });
        QCOMPARE(loop.epochsRun(), 5);
        QCOMPARE(loop.bestEpoch(), 2);
        QCOMPARE(loop.bestCriterion(), 0.4);
        QCOMPARE(net.weight.item<double>(), 2.0); // the kept epoch's weights are back
        QCOMPARE(loop.stoppedBy(), std::string("epochs"));
        QCOMPARE(int(loop.curve().size()), 5);
        QCOMPARE(loop.curve()[1].at("epoch").get<int>(), 2);
        QCOMPARE(loop.curve()[1].at("loss").get<double>(), 0.4);
        QVERIFY(loop.curve()[1].contains("seconds"));
    }

    void withoutValidationKeepsTheLastEpoch()
    {
        OneWeight net;
        dl::EpochLoopSettings settings;
        settings.epochs = 3;
        dl::EpochLoop loop(settings, net.state());
        loop.run([&](int epoch) -> std::optional<dl::EpochReport> {
            net.weight.fill_(double(epoch));
            return reportOf(10.0 - epoch, false);
        });
        QCOMPARE(loop.bestEpoch(), 3);
        QCOMPARE(net.weight.item<double>(), 3.0);
    }

    void budgetDropsAnAbandonedEpochButNotTheFirst()
    {
        OneWeight net;
        dl::EpochLoopSettings settings;
        settings.epochs = 10;
        settings.budgetSeconds = 0.05;
        dl::EpochLoop loop(settings, net.state());
        loop.run([&](int epoch) -> std::optional<dl::EpochReport> {
            // Each "batch" takes 30 ms; the loop's clock says when to give up.
            for (int batch = 0; batch < 3; ++batch) {
                if (loop.outOfTime())
                    return std::nullopt;
                std::this_thread::sleep_for(std::chrono::milliseconds(30));
            }
            net.weight.fill_(double(epoch));
            return reportOf(1.0 / epoch, true);
        });
        QCOMPARE(loop.epochsRun(), 1); // the first epoch ran past the budget to its end
        QCOMPARE(loop.bestEpoch(), 1);
        QCOMPARE(loop.stoppedBy(), std::string("time budget"));
        QCOMPARE(net.weight.item<double>(), 1.0);
    }

    void finishRuleEndsTraining()
    {
        OneWeight net;
        dl::EpochLoopSettings settings;
        settings.epochs = 10;
        dl::EpochLoop loop(settings, net.state());
        loop.run([&](int epoch) -> std::optional<dl::EpochReport> { return reportOf(1.0 / epoch, true); },
                 [](int epoch) { return epoch >= 4; });
        QCOMPARE(loop.epochsRun(), 4);
        QCOMPARE(loop.bestEpoch(), 4);
        QCOMPARE(loop.stoppedBy(), std::string("time budget"));
    }

    void paramReaderNamesMethodAndKey()
    {
        const nlohmann::json params = {{"image_size", 16}, {"search", "fast"}, {"rate", -1.0}, {"name", 3}};
        const dl::ParamReader read("demo", params);
        auto messageOf = [](const std::function<void()>& f) {
            try {
                f();
            } catch (const dl::Error& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        QCOMPARE(messageOf([&] { read.integer("image_size", 32, 2048); }),
                 std::string("demo image_size must be within 32..2048, got 16"));
        QCOMPARE(messageOf([&] { read.oneOf("search", {"exact", "hnsw"}); }),
                 std::string("demo search must be exact or hnsw, got 'fast'"));
        QCOMPARE(messageOf([&] { read.positive("rate"); }), std::string("demo rate must be positive"));
        QCOMPARE(messageOf([&] { read.get<std::string>("name"); }), std::string("demo name has the wrong type: 3"));
        QCOMPARE(messageOf([&] { read.get<int>("missing"); }), std::string("demo parameter 'missing' is missing"));
        QCOMPARE(read.number("rate", -2.0, 0.0), -1.0);
    }
};

QTEST_APPLESS_MAIN(TestEpochLoop)
#include "tst_epochloop.moc"
