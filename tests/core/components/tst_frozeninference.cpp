// The trained networks' fast inference path: a traced, frozen, oneDNN-optimised
// copy of a LibTorch C++ module's forward gives the op-by-op outputs on inputs it
// was not traced on, per batch shape, leaves the module trainable, follows weight
// changes when told, and stands aside when the fast path is off.
#include "components/FrozenInference.h"
#include "engine/Runtime.h"

#include <QtTest>

namespace nn = torch::nn;

namespace {

// Convolutions with BatchNorm and ReLU, a strided stage, a transposed convolution
// back up and a residual sum: the layer kinds of the methods' students and decoders.
struct SmallNetImpl : nn::Module {
    SmallNetImpl()
    {
        down = register_module("down", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(3, 16, 3).stride(2).padding(1).bias(false)),
                                                      nn::BatchNorm2d(16), nn::ReLU()));
        mid = register_module("mid", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(16, 16, 3).padding(1)), nn::BatchNorm2d(16),
                                                    nn::ReLU()));
        up = register_module("up", nn::Sequential(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(16, 8, 2).stride(2)),
                                                  nn::BatchNorm2d(8), nn::ReLU()));
        head = register_module("head", nn::Conv2d(nn::Conv2dOptions(8, 4, 1)));
    }
    std::vector<torch::Tensor> forward(const torch::Tensor& x)
    {
        const torch::Tensor a = down->forward(x);
        const torch::Tensor b = a + mid->forward(a);
        return {b, head->forward(up->forward(b))};
    }
    nn::Sequential down{nullptr}, mid{nullptr}, up{nullptr};
    nn::Conv2d head{nullptr};
};
TORCH_MODULE(SmallNet);

SmallNet trainedLookingNet()
{
    torch::manual_seed(3);
    SmallNet net;
    torch::NoGradGuard noGrad;
    for (auto& buffer : net->named_buffers()) {
        if (buffer.key().find("running_mean") != std::string::npos)
            buffer.value().uniform_(-0.2, 0.2);
        else if (buffer.key().find("running_var") != std::string::npos)
            buffer.value().uniform_(0.5, 2.0);
    }
    for (auto& parameter : net->named_parameters())
        if (parameter.key().find("bn") != std::string::npos || parameter.value().dim() == 1)
            parameter.value().uniform_(0.1, 0.5);
    net->eval();
    return net;
}

double relativeError(const torch::Tensor& a, const torch::Tensor& b)
{
    return ((a - b).norm() / b.norm()).item<double>();
}

} // namespace

class TestFrozenInference : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { dl::ensureRuntimeConfigured(); }

    void fastCopyMatchesTheModuleOnOtherInputsAndBatchSizes()
    {
        SmallNet net = trainedLookingNet();
        dl::FrozenInference fast("small net", [&](const std::vector<torch::Tensor>& x) { return net->forward(x.at(0)); },
                                 [&] { return net->parameters(); });
        dl::setFastInference(true);
        for (std::int64_t batch : {1, 3}) {
            fast(torch::randn({batch, 3, 64, 64})); // traced on this input
            const torch::Tensor other = torch::randn({batch, 3, 64, 64});
            const std::vector<torch::Tensor> got = fast(other);
            torch::NoGradGuard noGrad;
            const std::vector<torch::Tensor> expected = net->forward(other);
            QCOMPARE(got.size(), expected.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].sizes(), expected[i].sizes());
                QVERIFY2(relativeError(got[i], expected[i]) < 1e-5, qPrintable(QString::number(relativeError(got[i], expected[i]))));
            }
        }
        QCOMPARE(fast.builtShapes(), std::size_t(2));
        // The module stays trainable.
        for (const auto& p : net->parameters())
            QVERIFY(p.requires_grad());
    }

    void followsWeightChangesWhenTold()
    {
        SmallNet net = trainedLookingNet();
        dl::FrozenInference fast("small net", [&](const std::vector<torch::Tensor>& x) { return net->forward(x.at(0)); },
                                 [&] { return net->parameters(); });
        dl::setFastInference(true);
        const torch::Tensor input = torch::randn({2, 3, 32, 32});
        const torch::Tensor before = fast(input)[1];
        {
            torch::NoGradGuard noGrad;
            net->head->weight.mul_(2.0);
        }
        fast.weightsChanged();
        QCOMPARE(fast.builtShapes(), std::size_t(0));
        const torch::Tensor after = fast(input)[1];
        torch::NoGradGuard noGrad;
        QVERIFY(relativeError(after, net->forward(input)[1]) < 1e-5);
        QVERIFY(relativeError(after, before) > 0.1);
    }

    void theFastPathOffRunsTheModuleAndBuildsNothing()
    {
        SmallNet net = trainedLookingNet();
        dl::FrozenInference fast("small net", [&](const std::vector<torch::Tensor>& x) { return net->forward(x.at(0)); },
                                 [&] { return net->parameters(); });
        dl::setFastInference(false);
        const torch::Tensor input = torch::randn({1, 3, 32, 32});
        const torch::Tensor got = fast(input)[1];
        dl::setFastInference(true);
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(got, net->forward(input)[1]));
        QCOMPARE(fast.builtShapes(), std::size_t(0));
    }

    // Both paths timed, and the arithmetic counted from the trace: 2 x the
    // multiply-accumulates of the three convolutions and the transposed one.
    void timesBothPathsAndCountsTheArithmetic()
    {
        SmallNet net = trainedLookingNet();
        dl::FrozenInference fast("small net", [&](const std::vector<torch::Tensor>& x) { return net->forward(x.at(0)); },
                                 [&] { return net->parameters(); });
        const dl::NetworkTiming timing = fast.time({torch::randn({2, 3, 64, 64})}, 3);
        QCOMPARE(QString::fromStdString(timing.network), QString("small net"));
        QVERIFY(timing.fastMs > 0 && timing.plainMs > 0);
        // Per image: down 3x3 stride 2 to 16x32x32, mid 3x3 16->16 at 32x32, up 2x2
        // transposed 16->8 from 32x32, head 1x1 8->4 at 64x64.
        const double macs = 16.0 * 32 * 32 * 3 * 9 + 16.0 * 32 * 32 * 16 * 9 + 16.0 * 32 * 32 * 8 * 4 + 4.0 * 64 * 64 * 8;
        QVERIFY2(std::abs(timing.gflop - 2.0 * macs / 1e9) < 1e-9, qPrintable(QString::number(timing.gflop * 1e9)));
    }

    void keepsAtMostABoundedNumberOfShapes()
    {
        SmallNet net = trainedLookingNet();
        dl::FrozenInference fast("small net", [&](const std::vector<torch::Tensor>& x) { return net->forward(x.at(0)); },
                                 [&] { return net->parameters(); });
        dl::setFastInference(true);
        for (std::int64_t batch = 1; batch <= std::int64_t(dl::FrozenInference::kMaxShapes) + 2; ++batch)
            fast(torch::randn({batch, 3, 16, 16}));
        QVERIFY(fast.builtShapes() <= dl::FrozenInference::kMaxShapes);
    }
};

QTEST_GUILESS_MAIN(TestFrozenInference)
#include "tst_frozeninference.moc"
