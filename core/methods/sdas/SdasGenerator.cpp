#include "methods/sdas/SdasGenerator.h"

#include "common/Error.h"
#include "components/ModuleState.h"
#include "engine/ModelBundle.h"
#include "engine/Runtime.h"
#include "methods/sdas/SdasNetwork.h"
#include "methods/sdas/SdasParams.h"
#include "methods/sdas/SdasSampler.h"
#include "methods/sdas/SdasSchedule.h"
#include "methods/sdas/SdasTraining.h"

#include <algorithm>
#include <cstring>
#include <random>

namespace dl {

struct SdasGenerator::State {
    SdasParams params;
    std::vector<std::string> categories;
    mutable SdasUNet net{nullptr}; // sampling runs the (eval-mode) network from const generate()
    std::string path;
};

SdasGenerator::SdasGenerator(std::unique_ptr<State> state) : state_(std::move(state)) {}

SdasGenerator::~SdasGenerator() = default;

std::unique_ptr<SdasGenerator> SdasGenerator::load(const std::string& bundlePath)
{
    ensureRuntimeConfigured();
    return fromBundle(ModelBundle::load(bundlePath), bundlePath);
}

std::unique_ptr<SdasGenerator> SdasGenerator::fromBundle(const ModelBundle& bundle, const std::string& name)
{
    std::string method;
    try {
        method = bundle.headerText("method", "");
    } catch (const Error& e) {
        throw Error::forFile(name, e.what());
    }
    if (method != kSdasMethod)
        throw Error::forFile(name, "is a '" + method + "' model, not an SDAS synthesis model (method 'sdas')");
    auto state = std::make_unique<State>();
    state->path = name;
    try {
        state->params = SdasParams::parse(bundle.header.at("params"));
        state->categories = bundle.header.at("categories").get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception& e) {
        throw Error::forFile(name, std::string("SDAS bundle header is incomplete: ") + e.what());
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& e) {
        throw Error::forFile(name, e.what());
    }
    if (state->categories.empty())
        throw Error::forFile(name, "SDAS bundle names no category");
    const SdasArchitecture architecture = SdasArchitecture::of(state->params, int(state->categories.size()));
    // Every value of the network is stored in the file, so its size bounds an honest
    // network: compare before allocating what a damaged or crafted header asks for.
    std::int64_t stored = 0;
    for (const auto& [key, entry] : bundle.entries())
        if (key.rfind("sdas.", 0) == 0 && entry.dtype == "f32")
            stored += std::int64_t(entry.bytes.size() / sizeof(float));
    const std::int64_t needed = architecture.parameterCount();
    if (needed > stored)
        throw Error::forFile(name, "its header describes a network of " + std::to_string(needed)
                                       + " values, but the bundle holds only " + std::to_string(stored)
                                       + " (damaged, or not written by DefectLens)");
    state->net = SdasUNet(architecture);
    try {
        loadState(bundle, "sdas.", sdasState(state->net), "sdas");
    } catch (const Error& e) {
        throw Error::forFile(name, e.what());
    }
    state->net->eval();
    return std::unique_ptr<SdasGenerator>(new SdasGenerator(std::move(state)));
}

int SdasGenerator::resolution() const
{
    return state_->params.resolution;
}

const std::vector<std::string>& SdasGenerator::categories() const
{
    return state_->categories;
}

std::vector<cv::Mat> SdasGenerator::generate(int count, double strengthMin, double strengthMax, unsigned seed,
                                             const std::string& category, const ProgressContext& progress,
                                             int steps) const
{
    const State& s = *state_;
    if (count < 1)
        throw Error("sdas: the number of images to generate must be at least 1, got " + std::to_string(count));
    if (!(strengthMin >= 0.0))
        throw Error("sdas: the strength must not be negative, got " + std::to_string(strengthMin));
    if (!(strengthMax >= strengthMin))
        throw Error("sdas: the strength range is empty (" + std::to_string(strengthMin) + " to "
                    + std::to_string(strengthMax) + ")");
    std::int64_t classIndex = 0;
    if (!category.empty()) {
        const auto it = std::find(s.categories.begin(), s.categories.end(), category);
        if (it == s.categories.end()) {
            std::string known;
            for (const auto& c : s.categories) known += (known.empty() ? "" : ", ") + c;
            throw Error(s.path + ": the SDAS model has no category '" + category + "' (it knows: " + known + ")");
        }
        classIndex = it - s.categories.begin();
    }
    const int stepCount = steps == 0 ? s.params.samplingSteps : steps;
    if (stepCount < 1 || stepCount > s.params.timesteps)
        throw Error("sdas: sampling steps must be within 1.." + std::to_string(s.params.timesteps) + ", got "
                    + std::to_string(stepCount));
    const SdasSchedule schedule =
        SdasSchedule::linear(s.params.timesteps, s.params.betaStart, s.params.betaEnd).respaced(stepCount);

    std::vector<cv::Mat> out;
    const int batch = std::max(1, s.params.batchSize);
    for (int begin = 0; begin < count; begin += batch) {
        const int end = std::min(count, begin + batch);
        std::vector<at::Generator> generators;
        std::vector<float> strengths;
        for (int i = begin; i < end; ++i) {
            generators.push_back(sdasImageGenerator(seed, i));
            // The strength of image i from its own draw, so that it depends on (seed, i) only.
            std::seed_seq sequence{std::uint32_t(seed), std::uint32_t(i), 0x57e4u};
            std::mt19937 draw(sequence);
            const double unit = double(draw()) / 4294967296.0;
            strengths.push_back(float(strengthMin + (strengthMax - strengthMin) * unit));
        }
        const torch::Tensor classes = torch::full({end - begin}, classIndex, torch::kInt64);
        const torch::Tensor x = sdasSampleBatch(s.net, schedule, generators, torch::tensor(strengths), classes,
                                                progress.sub(double(begin) / count, double(end) / count));
        const torch::Tensor pixels =
            ((x + 1.0) * 127.5).round().clamp(0, 255).to(torch::kUInt8).permute({0, 2, 3, 1}).contiguous();
        const int r = s.params.resolution;
        for (int i = 0; i < end - begin; ++i) {
            cv::Mat image(r, r, CV_8UC3);
            std::memcpy(image.data, pixels[i].data_ptr<std::uint8_t>(), std::size_t(r) * std::size_t(r) * 3);
            out.push_back(image);
        }
    }
    return out;
}

} // namespace dl
