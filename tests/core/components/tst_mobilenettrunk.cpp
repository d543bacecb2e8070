// The trainable MobileNetV2 trunk (STLM's pretrained student streams): started
// from the ImageNet weights it computes the backbone's own features, and it trains.
#include "TestSupport.h"
#include "backbone/BackboneLoader.h"
#include "backbone/MobileNetV2.h"
#include "common/Error.h"
#include "components/MobileNetTrunk.h"
#include "engine/Runtime.h"

#include <QtTest>

class TestMobileNetTrunk : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { dl::configureRuntime(); }

    void layoutAloneGivesTheShapes()
    {
        dl::MobileNetTrunk trunk(6);
        QCOMPARE(trunk->outChannels(), 32);
        const torch::Tensor out = trunk->forward(torch::zeros({2, 3, 256, 192}));
        QCOMPARE(out.sizes(), (torch::IntArrayRef{2, 32, 32, 24}));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::MobileNetTrunk(18));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::MobileNetTrunk(-1));
    }

    void pretrainedTrunkComputesTheBackbonesFeatures()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        auto backbone = dl::loadBackbone({});
        const auto* mobileNet = dynamic_cast<const dl::MobileNetV2*>(backbone.get());
        QVERIFY(mobileNet);
        dl::MobileNetTrunk trunk(6);
        trunk->loadPretrained(*mobileNet);
        torch::manual_seed(3);
        const torch::Tensor input = torch::randn({2, 3, 256, 256});
        dl::setFastInference(false);
        const torch::Tensor expected = backbone->extract(input, {"features.6"}).front();
        dl::setFastInference(true);
        torch::Tensor actual;
        {
            torch::NoGradGuard noGrad;
            actual = trunk->forward(input);
        }
        QCOMPARE(actual.sizes(), expected.sizes());
        const double difference = (actual - expected).abs().max().item<double>();
        const double range = expected.abs().max().item<double>();
        QVERIFY2(difference <= 1e-5 * range, qPrintable(QString::number(difference) + " of " + QString::number(range)));
        // Multiply-accumulates agree with the backbone's own FLOP count (2 per MAC).
        QCOMPARE(double(trunk->multiplyAccumulates(256, 256)) * 2.0, backbone->flops({"features.6"}, 256, 256));
    }

    void trunkParametersTrain()
    {
        dl::MobileNetTrunk trunk(3);
        torch::manual_seed(1);
        const torch::Tensor input = torch::randn({2, 3, 64, 64});
        torch::optim::Adam adam(trunk->parameters(), torch::optim::AdamOptions(1e-3));
        const torch::Tensor before = trunk->forward(input).detach().clone();
        for (int step = 0; step < 3; ++step) {
            adam.zero_grad();
            trunk->forward(input).pow(2).mean().backward();
            adam.step();
        }
        QVERIFY(trunk->forward(input).pow(2).mean().item<double>() < before.pow(2).mean().item<double>());
    }
};

QTEST_GUILESS_MAIN(TestMobileNetTrunk)
#include "tst_mobilenettrunk.moc"
