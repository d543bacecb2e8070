// SDAS: the schedule's arithmetic on hand-computed values (linear betas, respacing,
// posterior, the sqrt(1 + s) noise factor), the network's zero start, seeded and
// strength-dependent sampling, a loss that falls on generated images, bit-identical
// bundles, checkpoint resume after a cancelled fit, clear errors, and the novelty
// measurement's shape, determinism and errors (not its trend: the tiny model is untrained).
#include "TestSupport.h"
#include "ErrorMessage.h"
#include "core/methods/SyntheticParts.h"
#include "common/Error.h"
#include "common/Log.h"
#include "components/ModuleState.h"
#include "data/ImageIO.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "methods/sdas/SdasGenerator.h"
#include "methods/sdas/SdasLoss.h"
#include "methods/sdas/SdasNetwork.h"
#include "methods/sdas/SdasNovelty.h"
#include "methods/sdas/SdasSampler.h"
#include "methods/sdas/SdasSchedule.h"
#include "methods/sdas/SdasTrainer.h"
#include "methods/sdas/SdasTraining.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace {

using dltest::errorMessageOf;

// A network and a run small enough for seconds-long fits on 32x32 images.
nlohmann::json tinyParams(int iterations)
{
    return {{"resolution", 32},      {"base_width", 16},   {"channel_multipliers", {1, 2}},
            {"residual_blocks", 1},  {"attention_levels", 1}, {"batch_size", 8},
            {"learning_rate", 1e-3}, {"max_iterations", iterations}, {"curve_interval", 5},
            {"sampling_steps", 5},   {"checkpoint_minutes", 0}};
}

bool near(double a, double b, double tolerance = 1e-12)
{
    return std::abs(a - b) <= tolerance;
}

bool sameImages(const std::vector<cv::Mat>& a, const std::vector<cv::Mat>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!dltest::sameMap(a[i], b[i]))
            return false;
    return true;
}

// Log lines of one scope.
class LogCapture {
public:
    LogCapture()
    {
        dl::setLogSink([this](dl::LogLevel, const dl::EngineText& m) {
            std::lock_guard<std::mutex> lock(mutex_);
            lines_ += m.text + "\n";
        });
    }
    ~LogCapture() { dl::setLogSink(nullptr); }
    std::string text() const { return lines_; }

private:
    std::mutex mutex_;
    std::string lines_;
};

} // namespace

class TestSdas : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    dl::FitInput input_;
    std::string sharedModel_;
    dl::SdasFitResult sharedFit_;

    std::string file(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    // The model trained with tinyParams(40), on first use.
    std::string sharedModel()
    {
        if (sharedModel_.empty()) {
            sharedModel_ = file("shared.dlm");
            sharedFit_ = dl::trainSdasModel(input_, tinyParams(40), sharedModel_, {});
        }
        return sharedModel_;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QVERIFY(QDir().mkpath(dir_.path() + "/normal"));
        for (unsigned i = 0; i < 16; ++i) {
            dl::Sample s;
            s.path = (dir_.path() + QString("/normal/part_%1.png").arg(i, 2, 10, QChar('0'))).toStdString();
            s.category = i < 12 ? "stripes" : "other";
            dl::writeImage(s.path, dltest::normalPart(i));
            input_.normal.push_back(s);
        }
        input_.categories = {"other", "stripes"};
    }

    void linearScheduleMatchesHandComputedValues()
    {
        const dl::SdasSchedule s = dl::SdasSchedule::linear(3, 0.1, 0.3);
        QCOMPARE(s.steps(), 3);
        QVERIFY(near(s.beta(0), 0.1) && near(s.beta(1), 0.2) && near(s.beta(2), 0.3));
        QVERIFY(near(s.alphaCumprod(0), 0.9) && near(s.alphaCumprod(1), 0.72) && near(s.alphaCumprod(2), 0.504));
        QVERIFY(near(s.alphaCumprodPrev(0), 1.0) && near(s.alphaCumprodPrev(2), 0.72));
        // Posterior of step 1: variance beta_1 (1 - abar_0) / (1 - abar_1) = 0.2 * 0.1 / 0.28.
        QVERIFY(near(s.posteriorVariance(1), 0.02 / 0.28));
        QVERIFY(near(s.posteriorVariance(0), 0.0));
        QVERIFY(near(s.posteriorCoefX0(1), 0.2 * std::sqrt(0.9) / 0.28));
        QVERIFY(near(s.posteriorCoefXt(1), 0.1 * std::sqrt(0.8) / 0.28));
        // Step 0 recovers x_0 exactly: coefficient 1 on x_0, 0 on x_t.
        QVERIFY(near(s.posteriorCoefX0(0), 1.0) && near(s.posteriorCoefXt(0), 0.0));
        QVERIFY(near(s.x0CoefXt(2), 1.0 / std::sqrt(0.504)) && near(s.x0CoefEps(2), std::sqrt(1.0 / 0.504 - 1.0)));
        QVERIFY(near(s.sqrtAlphaCumprod(1), std::sqrt(0.72)) && near(s.sqrtOneMinusAlphaCumprod(1), std::sqrt(0.28)));
        // The default schedule: abar_999 = prod(1 - beta_i) of the 1000 linear betas 1e-4..0.02.
        const dl::SdasSchedule full = dl::SdasSchedule::linear(1000, 1e-4, 0.02);
        double product = 1.0;
        for (int i = 0; i < 1000; ++i) product *= 1.0 - (1e-4 + (0.02 - 1e-4) * i / 999.0);
        QVERIFY(near(full.alphaCumprod(999), product, 1e-15));
        QVERIFY(full.alphaCumprod(999) > 4.0e-5 && full.alphaCumprod(999) < 4.1e-5);
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::SdasSchedule::linear(1, 0.1, 0.2));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::SdasSchedule::linear(10, 0.0, 0.2));
    }

    void respacingKeepsTheCumulativeProducts()
    {
        // T = 10, beta_i = 0.01 (i + 1); 5 steps keep round(k * 9 / 4) = 0, 2, 5, 7, 9 (4.5 rounds up).
        const dl::SdasSchedule s = dl::SdasSchedule::linear(10, 0.01, 0.1);
        const dl::SdasSchedule r = s.respaced(5);
        QCOMPARE(r.timesteps(), (std::vector<int>{0, 2, 5, 7, 9}));
        const std::vector<double> expected{0.01, 1 - 0.98 * 0.97, 1 - 0.96 * 0.95 * 0.94, 1 - 0.93 * 0.92, 1 - 0.91 * 0.90};
        for (int k = 0; k < 5; ++k) {
            QVERIFY2(near(r.beta(k), expected[std::size_t(k)], 1e-12), qPrintable(QString::number(r.beta(k))));
            QVERIFY(near(r.alphaCumprod(k), s.alphaCumprod(r.timestep(k)), 1e-15));
        }
        // Posterior variance of a respaced step: beta'_k (1 - abar(t_{k-1})) / (1 - abar(t_k)).
        QVERIFY(near(r.posteriorVariance(2), r.beta(2) * (1 - s.alphaCumprod(2)) / (1 - s.alphaCumprod(5))));
        // All steps: the schedule itself; one step: the noisiest timestep alone.
        const dl::SdasSchedule same = s.respaced(10);
        for (int k = 0; k < 10; ++k) QVERIFY(near(same.beta(k), s.beta(k), 1e-15));
        const dl::SdasSchedule one = s.respaced(1);
        QCOMPARE(one.timesteps(), std::vector<int>{9});
        QVERIFY(near(one.beta(0), 1 - s.alphaCumprod(9)));
        // The default: 20 of 1000, both ends kept.
        const dl::SdasSchedule twenty = dl::SdasSchedule::linear(1000, 1e-4, 0.02).respaced(20);
        QCOMPARE(twenty.timestep(0), 0);
        QCOMPARE(twenty.timestep(1), 53); // 999 / 19 = 52.58
        QCOMPARE(twenty.timestep(19), 999);
        QVERIFY_THROWS_EXCEPTION(dl::Error, s.respaced(0));
        QVERIFY_THROWS_EXCEPTION(dl::Error, s.respaced(11));
    }

    void strengthScalesTheStepNoiseBySqrtOnePlusS()
    {
        const dl::SdasSchedule s = dl::SdasSchedule::linear(1000, 1e-4, 0.02).respaced(20);
        for (double strength : {0.0, 0.15, 0.3, 1.0})
            QVERIFY(near(s.noiseScale(7, strength), std::sqrt(1.0 + strength) * std::sqrt(s.posteriorVariance(7))));
        QVERIFY(near(s.noiseScale(0, 0.5), 0.0));
        QVERIFY_THROWS_EXCEPTION(dl::Error, s.noiseScale(3, -0.1));
        // With the same mean and z, the step's deviation from the mean scales exactly by sqrt(1 + s).
        torch::manual_seed(1);
        const torch::Tensor mean = torch::randn({3, 3, 4, 4});
        const torch::Tensor z = torch::randn({3, 3, 4, 4});
        const torch::Tensor plain = dl::sdasStep(s, 7, mean, torch::zeros({3}), z) - mean;
        QVERIFY(torch::allclose(plain, std::sqrt(s.posteriorVariance(7)) * z, 1e-6, 1e-7));
        const torch::Tensor strong = dl::sdasStep(s, 7, mean, torch::tensor({0.3f, 1.0f, 0.0f}), z) - mean;
        QVERIFY(torch::allclose(strong[0], std::sqrt(1.3) * plain[0], 1e-6, 1e-7));
        QVERIFY(torch::allclose(strong[1], std::sqrt(2.0) * plain[1], 1e-6, 1e-7));
        QVERIFY(torch::equal(strong[2], plain[2]));
        // The last step adds no noise, whatever the strength.
        QVERIFY(torch::equal(dl::sdasStep(s, 0, mean, torch::full({3}, 0.5f), z), mean));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::sdasStep(s, 5, mean, torch::full({3}, -0.5f), z));
        // The posterior mean from a noise prediction, on hand values: T = 3 schedule, step 1,
        // x_1 = 1, eps = 0 -> x_0 = 1 / sqrt(0.72) clipped to 1 -> mean = coefX0 + coefXt.
        const dl::SdasSchedule small = dl::SdasSchedule::linear(3, 0.1, 0.3);
        const torch::Tensor m = dl::sdasPosteriorMean(small, 1, torch::ones({1}), torch::zeros({1}));
        QVERIFY(near(m.item<double>(), small.posteriorCoefX0(1) + small.posteriorCoefXt(1), 1e-6));
    }

    void untrainedNetworkPredictsNoNoise()
    {
        dl::SdasParams params = dl::SdasParams::parse(dl::sdasMergedParams(tinyParams(1)));
        torch::manual_seed(2);
        dl::SdasUNet net(dl::SdasArchitecture::of(params, 2));
        const torch::Tensor x = torch::randn({2, 3, 32, 32});
        const torch::Tensor t = torch::tensor({0, 999}, torch::kInt64);
        const torch::Tensor c = torch::tensor({0, 1}, torch::kInt64);
        const torch::Tensor eps = net->forward(x, t, c);
        QCOMPARE(eps.sizes().vec(), (std::vector<std::int64_t>{2, 3, 32, 32}));
        // Zero-initialised output layer: the loss of a fresh network is the noise's mean square.
        QVERIFY(torch::equal(eps, torch::zeros_like(eps)));
        const dl::SdasSchedule schedule = dl::SdasSchedule::linear(1000, 1e-4, 0.02);
        const torch::Tensor noise = torch::randn({2, 3, 32, 32});
        const torch::Tensor loss = dl::sdasNoiseLoss(net, schedule, x.clamp(-1, 1), c, t, noise);
        QVERIFY(near(loss.item<double>(), noise.pow(2).mean().item<double>(), 1e-6));
        // q(x_t | x_0) at t = 0: sqrt(1 - 1e-4) x_0 + 0.01 noise.
        const torch::Tensor x0 = torch::ones({1, 3, 2, 2});
        const torch::Tensor xt = dl::sdasNoised(schedule, x0, torch::tensor({0}, torch::kInt64), torch::ones({1, 3, 2, 2}));
        QVERIFY(near(xt[0][0][0][0].item<double>(), std::sqrt(1 - 1e-4) + 0.01, 1e-6));
        QVERIFY(dl::sdasParameterCount(net) > 10000);
        // Every tensor has a stable dotted name (the bundle's keys).
        const dl::NamedTensors state = dl::sdasState(net);
        QCOMPARE(state.front().first, std::string("time_in.weight"));
    }

    void trainingLossFalls()
    {
        const std::string out = sharedModel();
        const dl::SdasFitResult& r = sharedFit_;
        QCOMPARE(r.iterations, 40);
        QCOMPARE(r.resumedFrom, 0);
        QCOMPARE(r.categories, (std::vector<std::string>{"other", "stripes"}));
        const nlohmann::json& curve = r.provenance.at("sdas").at("curve");
        QCOMPARE(curve.size(), std::size_t(8));
        const double first = curve.front().at("loss").get<double>(), last = curve.back().at("loss").get<double>();
        qInfo("sdas loss: first 5 iterations %.4f, last 5 %.4f", first, last);
        QVERIFY(std::isfinite(last));
        QVERIFY2(last < 0.7 * first, qPrintable(QString("%1 -> %2").arg(first).arg(last)));
        QVERIFY(QFile::exists(QString::fromStdString(out)));
        QVERIFY(!QFile::exists(QString::fromStdString(dl::sdasCheckpointPath(out))));
        const dl::ModelBundle bundle = dl::ModelBundle::load(out);
        QCOMPARE(bundle.header.at("method").get<std::string>(), std::string("sdas"));
        QCOMPARE(bundle.header.at("kind").get<std::string>(), std::string("synthesis"));
        QCOMPARE(bundle.header.at("provenance").at("sdas").at("stopped_by").get<std::string>(), std::string("iterations"));
    }

    void samplingIsSeededAndStrengthMatters()
    {
        const auto generator = dl::SdasGenerator::load(sharedModel());
        QCOMPARE(generator->resolution(), 32);
        QCOMPARE(generator->categories(), (std::vector<std::string>{"other", "stripes"}));
        int reports = 0;
        dl::ProgressContext progress;
        progress.onProgress = [&](double, const dl::EngineText&) { ++reports; };
        const std::vector<cv::Mat> a = generator->generate(3, 0.0, 0.0, 5, "", progress);
        QCOMPARE(a.size(), std::size_t(3));
        QCOMPARE(a[0].type(), CV_8UC3);
        QCOMPARE(a[0].cols, 32);
        QVERIFY(reports >= 5);
        QVERIFY(sameImages(a, generator->generate(3, 0.0, 0.0, 5, "", {})));
        QVERIFY(!dltest::sameMap(a[0], a[1])); // each image its own noise
        QVERIFY(!sameImages(a, generator->generate(3, 0.0, 0.0, 6, "", {})));
        const std::vector<cv::Mat> strong = generator->generate(3, 0.3, 0.3, 5, "", {});
        QVERIFY(!sameImages(a, strong));
        QVERIFY(!sameImages(a, generator->generate(3, 0.0, 0.0, 5, "stripes", {})));
        QVERIFY(sameImages(generator->generate(3, 0.0, 0.0, 5, "other", {}), a)); // "" = the first category
        // A range draws each image's strength; its ends are fixed strengths.
        QVERIFY(sameImages(generator->generate(2, 0.1, 0.2, 9, "", {}), generator->generate(2, 0.1, 0.2, 9, "", {})));
        // Batched: images beyond one batch (8) come out as well, with another step count.
        QCOMPARE(generator->generate(9, 0.0, 0.0, 1, "", {}, 2).size(), std::size_t(9));
        // Cancellation is honoured between steps.
        dl::ProgressContext cancelled;
        cancelled.cancel = std::make_shared<dl::CancelToken>();
        cancelled.cancel->cancel();
        QVERIFY_THROWS_EXCEPTION(dl::Cancelled, generator->generate(1, 0.0, 0.0, 1, "", cancelled));
    }

    void bundleRoundTripGivesBitIdenticalSamples()
    {
        // Training is deterministic: a fit in memory equals the one in the shared bundle.
        nlohmann::json merged = dl::sdasMergedParams(tinyParams(40));
        const dl::SdasParams params = dl::SdasParams::parse(merged);
        dl::SdasTrainer trainer(params, merged, file("memory.sdas-checkpoint"));
        dl::SdasTrained trained = trainer.train(input_, {});
        const dl::ModelBundle bundle = dl::ModelBundle::load(sharedModel());
        for (const auto& [name, tensor] : dl::sdasState(trained.ema)) {
            std::vector<std::int64_t> shape;
            const std::vector<float> stored = bundle.floats("sdas." + name, &shape);
            QCOMPARE(shape, tensor.sizes().vec());
            QVERIFY2(std::memcmp(stored.data(), tensor.contiguous().data_ptr<float>(), stored.size() * 4) == 0, name.c_str());
        }
        // Sampling the in-memory EMA as the generator does gives the generator's images.
        const auto generator = dl::SdasGenerator::load(sharedModel());
        const std::vector<cv::Mat> loaded = generator->generate(2, 0.2, 0.2, 11, "stripes", {});
        std::vector<at::Generator> generators{dl::sdasImageGenerator(11, 0), dl::sdasImageGenerator(11, 1)};
        const dl::SdasSchedule schedule = dl::SdasSchedule::linear(1000, 1e-4, 0.02).respaced(5);
        const torch::Tensor x = dl::sdasSampleBatch(trained.ema, schedule, generators, torch::full({2}, 0.2f),
                                                    torch::full({2}, 1, torch::kInt64), {});
        const torch::Tensor pixels = ((x + 1.0) * 127.5).round().clamp(0, 255).to(torch::kUInt8).permute({0, 2, 3, 1}).contiguous();
        for (int i = 0; i < 2; ++i)
            QVERIFY(std::memcmp(loaded[std::size_t(i)].data, pixels[i].data_ptr<std::uint8_t>(), 32 * 32 * 3) == 0);
    }

    void cancelledFitResumesFromItsCheckpoint()
    {
        const std::string out = file("resumed.dlm");
        const std::string checkpoint = dl::sdasCheckpointPath(out);
        // Cancel once iteration 10 of 20 is done.
        dl::ProgressContext progress;
        progress.cancel = std::make_shared<dl::CancelToken>();
        progress.onProgress = [&](double, const dl::EngineText& stage) {
            if (stage.text == "training iteration 10")
                progress.cancel->cancel();
        };
        QVERIFY_THROWS_EXCEPTION(dl::Cancelled, dl::trainSdasModel(input_, tinyParams(20), out, progress));
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
        QVERIFY(QFile::exists(QString::fromStdString(checkpoint)));
        QCOMPARE(dl::ModelBundle::load(checkpoint).header.at("iteration").get<int>(), 10);

        // Another parameter set does not resume from it (and says so).
        {
            LogCapture log;
            nlohmann::json other = tinyParams(3);
            other["learning_rate"] = 5e-4;
            const dl::SdasFitResult r = dl::trainSdasModel(input_, other, file("other.dlm"), {});
            QCOMPARE(r.resumedFrom, 0);
            // Its own output has no checkpoint; copy ours there to see the warning.
            std::filesystem::copy_file(checkpoint, dl::sdasCheckpointPath(file("other.dlm")));
            const dl::SdasFitResult again = dl::trainSdasModel(input_, other, file("other.dlm"), {});
            QCOMPARE(again.resumedFrom, 0);
            QCOMPARE(again.iterations, 3);
            QVERIFY2(log.text().find("ignoring the checkpoint") != std::string::npos, log.text().c_str());
            // A checkpoint whose header was damaged (a fingerprint that is not text)
            // is ignored the same way; it used to end the program.
            dl::ModelBundle damaged = dl::ModelBundle::load(checkpoint);
            damaged.header["fingerprint"] = 12345;
            damaged.save(dl::sdasCheckpointPath(file("other.dlm")));
            const dl::SdasFitResult third = dl::trainSdasModel(input_, other, file("other.dlm"), {});
            QCOMPARE(third.resumedFrom, 0);
            QVERIFY2(log.text().find("'fingerprint' is not text") != std::string::npos, log.text().c_str());
        }

        // The same fit resumes: 10 done before, 10 more, and the same weights as an uninterrupted fit.
        LogCapture log;
        const dl::SdasFitResult r = dl::trainSdasModel(input_, tinyParams(20), out, {});
        QVERIFY2(log.text().find("resuming from iteration 10") != std::string::npos, log.text().c_str());
        QCOMPARE(r.resumedFrom, 10);
        QCOMPARE(r.iterations, 20);
        QCOMPARE(r.provenance.at("sdas").at("resumed_from").get<int>(), 10);
        QCOMPARE(r.provenance.at("sdas").at("curve").size(), std::size_t(4));
        QVERIFY(!QFile::exists(QString::fromStdString(checkpoint)));
        dl::trainSdasModel(input_, tinyParams(20), file("straight.dlm"), {});
        const dl::ModelBundle resumed = dl::ModelBundle::load(out), straight = dl::ModelBundle::load(file("straight.dlm"));
        std::size_t compared = 0;
        for (const auto& [name, entry] : straight.entries()) {
            QVERIFY2(resumed.entry(name).bytes == entry.bytes, name.c_str());
            ++compared;
        }
        QVERIFY(compared > 10);
        // The same loss curve too (only the seconds differ).
        const nlohmann::json& a = resumed.header.at("provenance").at("sdas").at("curve");
        const nlohmann::json& b = straight.header.at("provenance").at("sdas").at("curve");
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].at("iteration").get<int>(), b[i].at("iteration").get<int>());
            QCOMPARE(a[i].at("loss").get<double>(), b[i].at("loss").get<double>());
        }
    }

    void budgetStopsAfterTheFirstIteration()
    {
        nlohmann::json params = tinyParams(1000);
        params["max_minutes"] = 1e-7;
        const dl::SdasFitResult r = dl::trainSdasModel(input_, params, file("budget.dlm"), {});
        QCOMPARE(r.iterations, 1);
        QCOMPARE(r.provenance.at("sdas").at("stopped_by").get<std::string>(), std::string("time budget"));
    }

    void badParametersAreNamed()
    {
        const std::vector<std::pair<nlohmann::json, std::string>> cases{
            {{{"resolution", 40}}, "resolution"},          {{{"resolution", 256}}, "resolution"},
            {{{"channel_multipliers", nlohmann::json::array()}}, "channel_multipliers"},
            {{{"channel_multipliers", {1, 2, 2, 2, 2}}}, "channel_multipliers"},
            {{{"residual_blocks", 3}}, "residual_blocks"}, {{{"attention_levels", 5}}, "attention_levels"},
            {{{"ema_decay", 1.5}}, "ema_decay"},           {{{"learning_rate", 0}}, "learning_rate"},
            {{{"sampling_steps", 0}}, "sampling_steps"},   {{{"sampling_steps", 2000}}, "sampling_steps"},
            {{{"beta_end", 0.00001}}, "beta_end"},         {{{"batch_size", "many"}}, "batch_size"},
            {{{"max_minutes", 0}}, "max_minutes"},         {{{"no_such_param", 1}}, "no_such_param"},
            {{{"flip", "sometimes"}}, "flip"}};
        for (const auto& [bad, key] : cases) {
            const std::string message = errorMessageOf([&] { dl::sdasMergedParams(bad); });
            QVERIFY2(message.find(key) != std::string::npos, (bad.dump() + " -> " + message).c_str());
            // A fit refuses them before any work.
            QVERIFY(errorMessageOf([&] { dl::trainSdasModel(input_, bad, file("bad.dlm"), {}); }).find(key)
                    != std::string::npos);
        }
        QVERIFY(!QFile::exists(QString::fromStdString(file("bad.dlm"))));
        QVERIFY(dl::sdasDefaultParams().at("resolution").get<int>() == 64);
    }

    void noveltyMeasuresEachStrengthReproducibly()
    {
        const auto generator = dl::SdasGenerator::load(sharedModel());
        std::vector<cv::Mat> training;
        std::vector<std::string> paths;
        for (const dl::Sample& s : input_.normal)
            if (s.category == "other") {
                training.push_back(dl::loadImageRgb(s.path));
                paths.push_back(s.path);
            }
        QCOMPARE(training.size(), std::size_t(4));
        dl::SdasNoveltyOptions options;
        options.strengths = {0.0, 0.3, 0.1};
        options.count = 3;
        options.seed = 7;
        options.keepSamples = true;
        double lastFraction = 0.0;
        dl::ProgressContext progress;
        progress.onProgress = [&](double f, const dl::EngineText&) { lastFraction = f; };
        const dl::SdasNovelty a = dl::measureSdasNovelty(*generator, training, options, progress);
        QCOMPARE(lastFraction, 1.0);
        QCOMPARE(a.category, std::string("other"));
        QCOMPARE(a.tap, std::string("features.13"));
        QCOMPARE(a.resolution, 32);
        QCOMPARE(a.embedSize, 224);
        QCOMPARE(a.trainingImages, 4);
        QCOMPARE(a.reference.distances.size(), std::size_t(4));
        QCOMPARE(a.rows.size(), std::size_t(3));
        for (std::size_t k = 0; k < a.rows.size(); ++k) {
            const dl::SdasNoveltyRow& row = a.rows[k];
            QCOMPARE(row.strength, options.strengths[k]);
            QCOMPARE(row.distances.size(), std::size_t(3));
            QCOMPARE(row.samples.size(), std::size_t(3));
            QCOMPARE(row.samples[0].cols, 32);
            // Unit vectors: distances within 0..2; the summary is of the distances.
            for (double d : row.distances)
                QVERIFY(std::isfinite(d) && d >= 0.0 && d <= 2.0);
            QVERIFY(row.min <= row.mean && row.mean <= row.max && row.stdev >= 0.0);
        }
        QVERIFY(a.reference.min > 0.0); // four different images
        // The same seed gives the same numbers; the path overload reads the same images.
        options.keepSamples = false;
        const dl::SdasNovelty b = dl::measureSdasNovelty(sharedModel(), paths, options, {});
        QVERIFY(b.rows[2].samples.empty());
        QCOMPARE(b.reference.distances, a.reference.distances);
        for (std::size_t k = 0; k < a.rows.size(); ++k)
            QCOMPARE(b.rows[k].distances, a.rows[k].distances);
        // An image and its copy are each other's nearest neighbour at distance 0.
        const dl::SdasNovelty twins =
            dl::measureSdasNovelty(*generator, {training[0], training[0].clone(), training[1]}, options, {});
        QVERIFY(twins.reference.distances[0] < 1e-6 && twins.reference.distances[1] < 1e-6);
        QVERIFY(twins.reference.distances[2] > 1e-3);

        // A sheet: a row per strength, a label column on the left.
        const cv::Mat sheet = dl::sdasSampleSheet({a.rows[0].samples, a.rows[1].samples}, {"s=0", "s=0.3"});
        QCOMPARE(sheet.type(), CV_8UC3);
        QCOMPARE(sheet.rows, 2 * (32 + 2) + 2);
        QVERIFY(sheet.cols > 3 * 32);
        QCOMPARE(dl::sdasSampleSheet({a.rows[0].samples}, {"s=0"}, 48).rows, 48 + 4);
        QVERIFY(errorMessageOf([&] { dl::sdasSampleSheet({a.rows[0].samples}, {}); }).find("label") != std::string::npos);
        QCOMPARE(dl::sdasStrengthLabel(0.1), std::string("s=0.1"));
    }

    void noveltyErrorsAreClear()
    {
        const auto generator = dl::SdasGenerator::load(sharedModel());
        const std::vector<cv::Mat> training{dltest::normalPart(12), dltest::normalPart(13)};
        const auto messageWith = [&](const std::function<void(dl::SdasNoveltyOptions&)>& change,
                                     const std::vector<cv::Mat>& images = {}) {
            dl::SdasNoveltyOptions options;
            options.count = 1;
            change(options);
            return errorMessageOf([&] {
                dl::measureSdasNovelty(*generator, images.empty() ? training : images, options, {});
            });
        };
        QVERIFY(messageWith([](auto& o) { o.strengths.clear(); }).find("strength list is empty") != std::string::npos);
        const std::string negative = messageWith([](auto& o) { o.strengths = {0.1, -0.2}; });
        QVERIFY2(negative.find(">= 0") != std::string::npos && negative.find("-0.2") != std::string::npos,
                 negative.c_str());
        QVERIFY(messageWith([](auto& o) { o.strengths = {std::nan("")}; }).find(">= 0") != std::string::npos);
        QVERIFY(messageWith([](auto& o) { o.count = 0; }).find("at least 1") != std::string::npos);
        QVERIFY(messageWith([](auto&) {}, {training[0]}).find("two training images") != std::string::npos);
        QVERIFY(messageWith([](auto&) {}, {training[0], cv::Mat()}).find("training image 1") != std::string::npos);
        QVERIFY(messageWith([](auto& o) { o.tap = "features.99"; }).find("features.99") != std::string::npos);
        QVERIFY(messageWith([](auto& o) { o.category = "bottle"; }).find("'bottle'") != std::string::npos);
        QVERIFY(messageWith([](auto& o) { o.backbone.architecture = "sam-tinyvit"; }).find("MobileNetV2")
                != std::string::npos);
        // Missing data: the bundle or a training image, named.
        const std::string missingImage = errorMessageOf([&] {
            dl::measureSdasNovelty(sharedModel(), {file("no-such-image.png"), file("no-such-too.png")}, {}, {});
        });
        QVERIFY2(missingImage.find("no-such-image.png") != std::string::npos, missingImage.c_str());
        QVERIFY(errorMessageOf([&] { dl::measureSdasNovelty(file("missing.dlm"), {}, {}, {}); }).find("missing.dlm")
                != std::string::npos);
    }

    void generatorErrorsAreClear()
    {
        const std::string missing = file("missing.dlm");
        QVERIFY(errorMessageOf([&] { dl::SdasGenerator::load(missing); }).find("missing.dlm") != std::string::npos);
        dl::ModelBundle other;
        other.header["method"] = "cse";
        other.save(file("cse.dlm"));
        const std::string wrong = errorMessageOf([&] { dl::SdasGenerator::load(file("cse.dlm")); });
        QVERIFY2(wrong.find("cse.dlm") != std::string::npos && wrong.find("SDAS") != std::string::npos, wrong.c_str());
        const auto generator = dl::SdasGenerator::load(sharedModel());
        QVERIFY(errorMessageOf([&] { generator->generate(0, 0.1, 0.1, 0, "", {}); }).find("at least 1") != std::string::npos);
        QVERIFY(errorMessageOf([&] { generator->generate(1, -0.1, 0.1, 0, "", {}); }).find("negative") != std::string::npos);
        QVERIFY(errorMessageOf([&] { generator->generate(1, 0.3, 0.1, 0, "", {}); }).find("range") != std::string::npos);
        QVERIFY(errorMessageOf([&] { generator->generate(1, 0.1, 0.1, 0, "bottle", {}); }).find("'bottle'")
                != std::string::npos);
        QVERIFY(errorMessageOf([&] { generator->generate(1, 0.1, 0.1, 0, "", {}, 5000); }).find("steps")
                != std::string::npos);
        // A detector loader refuses it and points at synth.
        const std::string asDetector = errorMessageOf([&] { dl::loadDetector(sharedModel()); });
        QVERIFY2(asDetector.find("SDAS synthesis model") != std::string::npos && asDetector.find("synth") != std::string::npos,
                 asDetector.c_str());
        QVERIFY(errorMessageOf([] { dl::trainSdasModel({}, {}, "x.dlm", {}); }).find("normal") != std::string::npos);
    }

    void architectureCountMatchesTheBuiltNetwork()
    {
        const std::vector<nlohmann::json> overrides = {
            tinyParams(1),
            nlohmann::json::object(),
            {{"channel_multipliers", {1, 2, 4, 8}}, {"residual_blocks", 2}, {"attention_levels", 0}},
            {{"base_width", 8}, {"channel_multipliers", {3}}, {"attention_levels", 1}, {"resolution", 32}},
            {{"channel_multipliers", {2, 1, 2}}, {"attention_levels", 3}},
        };
        for (const nlohmann::json& o : overrides)
            for (int categories : {1, 3}) {
                const dl::SdasArchitecture architecture =
                    dl::SdasArchitecture::of(dl::SdasParams::fromOverrides(o), categories);
                QCOMPARE(architecture.parameterCount(), dl::sdasParameterCount(dl::SdasUNet(architecture)));
            }
    }

    // A bundle's checksum proves it is intact, not that it is honest: its header can ask
    // for the largest network the parameters allow, or its weights can be NaN.
    void craftedOrDamagedBundlesAreRefusedBeforeUse()
    {
        const dl::ModelBundle original = dl::ModelBundle::load(sharedModel());
        const auto refusal = [&](const dl::ModelBundle& bundle, const char* name) {
            bundle.save(file(name));
            return errorMessageOf([&] { dl::SdasGenerator::load(file(name)); });
        };
        dl::ModelBundle huge = original;
        huge.header["params"]["resolution"] = 128;
        huge.header["params"]["base_width"] = 256;
        huge.header["params"]["channel_multipliers"] = {8, 8, 8, 8};
        huge.header["params"]["residual_blocks"] = 2;
        const std::string hugeMessage = refusal(huge, "huge.dlm");
        QVERIFY2(hugeMessage.find("huge.dlm") != std::string::npos
                     && hugeMessage.find("describes a network of") != std::string::npos,
                 hugeMessage.c_str());
        dl::ModelBundle crowded = original;
        crowded.header["categories"] = std::vector<std::string>(200000, "x");
        const std::string crowdedMessage = refusal(crowded, "crowded.dlm");
        QVERIFY2(crowdedMessage.find("describes a network of") != std::string::npos, crowdedMessage.c_str());

        dl::ModelBundle poisoned = original;
        const std::string key = "sdas.in_conv.weight";
        std::vector<std::int64_t> shape;
        std::vector<float> values = poisoned.floats(key, &shape);
        values[values.size() / 2] = std::nanf("");
        poisoned.putFloats(key, shape, values.data());
        const std::string nanMessage = refusal(poisoned, "poisoned.dlm");
        QVERIFY2(nanMessage.find("poisoned.dlm") != std::string::npos && nanMessage.find(key) != std::string::npos
                     && nanMessage.find("not a finite number") != std::string::npos,
                 nanMessage.c_str());
        // Found by fuzz_sdas_bundle: a header whose method is not text ended the
        // program (an uncaught JSON type error); the detector loader read it the same way.
        dl::ModelBundle numbered = original;
        numbered.header["method"] = 42;
        const std::string numberedMessage = refusal(numbered, "numbered.dlm");
        QVERIFY2(numberedMessage.find("numbered.dlm") != std::string::npos
                     && numberedMessage.find("'method' is not text") != std::string::npos,
                 numberedMessage.c_str());
        const std::string asDetector = errorMessageOf([&] { dl::loadDetector(file("numbered.dlm")); });
        QVERIFY2(asDetector.find("'method' is not text") != std::string::npos, asDetector.c_str());
        dl::ModelBundle kindless = original;
        kindless.header["kind"] = {{"synthesis", true}};
        kindless.save(file("kindless.dlm"));
        const std::string kindMessage = errorMessageOf([&] { dl::loadDetector(file("kindless.dlm")); });
        QVERIFY2(kindMessage.find("'kind' is not text") != std::string::npos, kindMessage.c_str());
        // The untouched bundle still loads.
        QVERIFY(dl::SdasGenerator::load(sharedModel()));
    }
};

QTEST_MAIN(TestSdas)
#include "tst_sdas.moc"
