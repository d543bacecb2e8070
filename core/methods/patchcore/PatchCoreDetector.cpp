#include "methods/patchcore/PatchCoreDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "methods/patchcore/PatchCoreAnomalyMap.h"
#include "methods/patchcore/PatchCoreParams.h"
#include "methods/patchcore/PatchCoreTrainer.h"

namespace dl {

struct PatchCoreDetector::State {
    PatchCoreParams params;
    std::unique_ptr<PatchFeatureExtractor> features;
    NearestNeighbourIndex bank;
    int gridH = 0, gridW = 0;
};

PatchCoreDetector::PatchCoreDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    state_->params = PatchCoreParams::parse(params);
    info_.preprocess.width = state_->params.imageSize;
    info_.preprocess.height = state_->params.imageSize;
}

PatchCoreDetector::~PatchCoreDetector() = default;

std::int64_t PatchCoreDetector::memoryBankSize() const { return state_->bank.size(); }

void PatchCoreDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    if (input.normal.empty())
        throw Error("patchcore needs at least one normal training image");
    State& s = *state_;
    auto backbone = loadBackbone(info_.backbone);
    info_.backboneSha256 = backbone->weightsSha256();
    s.features = std::make_unique<PatchFeatureExtractor>(backbone, s.params.features);
    // The bundle records the taps used, also where they were the backbone's default.
    s.params.features.taps = s.features->taps();
    info_.params["taps"] = s.params.features.taps;
    PatchCoreMemory memory = buildPatchCoreMemory(*s.features, input.normal, info_.preprocess, s.params, progress);
    s.bank = std::move(memory.bank);
    s.gridH = memory.gridH;
    s.gridW = memory.gridW;
    info_.provenance["patchcore"] = memory.provenance;
    progress.report(1.0, DL_TR("Engine", "memory bank ready"));
}

std::vector<Prediction> PatchCoreDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.features || s.bank.empty())
        throw Error("patchcore model is not trained or loaded");
    const auto prepStart = SteadyClock::now();
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = SteadyClock::now();
    int gh = 0, gw = 0;
    torch::Tensor f = s.features->extract(batch, gh, gw);
    const double netMs = 1000.0 * secondsSince(netStart);
    const std::int64_t perImage = std::int64_t(gh) * gw * s.features->dim();
    std::vector<Prediction> out;
    for (std::size_t n = 0; n < images.size(); ++n) {
        const auto scoreStart = SteadyClock::now();
        Prediction pred = patchCoreScore(s.bank, f.data_ptr<float>() + std::int64_t(n) * perImage, gh, gw, s.params);
        pred.networkMs = netMs / double(images.size());
        logDebug("patchcore timing ms: preprocess "
                 + formatFixed(1000.0 * std::chrono::duration<double>(netStart - prepStart).count(), 2) + " network "
                 + formatFixed(netMs, 2) + " search+map " + formatFixed(1000.0 * secondsSince(scoreStart), 2));
        out.push_back(std::move(pred));
    }
    return out;
}

Prediction PatchCoreDetector::predict(const cv::Mat& rgb8)
{
    return predictBatch({rgb8}).front();
}

void PatchCoreDetector::save(ModelBundle& bundle) const
{
    const State& s = *state_;
    if (s.bank.empty())
        throw Error("cannot save an untrained patchcore model");
    bundle.putFloats("patchcore.memory_bank", {s.bank.size(), s.bank.dim()}, s.bank.bank().data());
    bundle.putBlob("patchcore.faiss_index", s.bank.serialize());
    bundle.header["method_state"] = {{"grid", {s.gridH, s.gridW}}};
}

void PatchCoreDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    auto backbone = loadBackbone(info_.backbone, info_.backboneSha256);
    s.features = std::make_unique<PatchFeatureExtractor>(backbone, s.params.features);
    std::vector<std::int64_t> shape;
    std::vector<float> bank = bundle.floats("patchcore.memory_bank", &shape);
    if (shape.size() != 2 || shape[1] != s.features->dim())
        throw Error("patchcore memory bank in the bundle does not match the configured features");
    s.bank.deserialize(bundle.entry("patchcore.faiss_index").bytes, bank.data(), shape[0], int(shape[1]),
                       s.params.searchOptions());
    try {
        auto grid = bundle.header.at("method_state").at("grid");
        s.gridH = grid.at(0).get<int>();
        s.gridW = grid.at(1).get<int>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("patchcore state in the bundle is malformed: ") + e.what());
    }
}

void registerPatchCore(DetectorRegistry& registry)
{
    MethodDescription entry = methodEntry<PatchCoreDetector, PatchCoreParams>("patchcore", "PatchCore",
                        "Coreset memory bank of locally aware MobileNetV2 patch features; nearest-neighbour distance.");
    entry.scoringParams = {"smoothing_sigma", "image_score", "reweight_neighbours"};
    registry.add(std::move(entry));
}

} // namespace dl
