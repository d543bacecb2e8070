#include "methods/dmad/DmadDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "components/ModuleState.h"
#include "components/TrainingSupport.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "methods/dmad/DmadAnomalyMap.h"
#include "methods/dmad/DmadParams.h"
#include "methods/dmad/DmadTrainer.h"

#include <cstring>

namespace dl {
namespace {

const char* const kNetworkPrefix = "dmad.net.";

void putBank(ModelBundle& bundle, const std::string& name, const MemoryBank& bank)
{
    bundle.putFloats("dmad." + name + "_bank", {bank.index.size(), bank.index.dim()}, bank.index.bank().data());
    bundle.putInt64s("dmad." + name + "_sources", {std::int64_t(bank.sourceImage.size())}, bank.sourceImage.data());
    bundle.putBlob("dmad." + name + "_index", bank.index.serialize());
}

// Reads a bank saved by putBank; `expectedDim` < 0 accepts any feature width. Returns its size.
std::int64_t loadBank(const ModelBundle& bundle, const std::string& name, MemoryBank& bank, int expectedDim,
                      const NearestNeighbourOptions& search)
{
    std::vector<std::int64_t> shape;
    std::vector<float> values = bundle.floats("dmad." + name + "_bank", &shape);
    if (expectedDim >= 0 && (shape.size() != 2 || shape[1] != expectedDim))
        throw Error("dmad " + name + " memory bank in the bundle does not match the configured features");
    const BundleEntry& sources = bundle.entry("dmad." + name + "_sources");
    bank.sourceImage.resize(sources.bytes.size() / sizeof(std::int64_t));
    std::memcpy(bank.sourceImage.data(), sources.bytes.data(), sources.bytes.size());
    bank.index.deserialize(bundle.entry("dmad." + name + "_index").bytes, values.data(), shape[0], int(shape[1]), search);
    return shape[0];
}

} // namespace

struct DmadDetector::State {
    explicit State(const nlohmann::json& merged) : params(DmadParams::parse(merged)) {}

    DmadParams params;
    DmadModel model;
    DmadAnomalyMap map{params, model};
    bool warmNormal = false;

    void useBackbone(std::shared_ptr<FeatureExtractor> backbone)
    {
        model.features = std::make_unique<PatchFeatureExtractor>(std::move(backbone), params.features);
    }
};

DmadDetector::DmadDetector(const nlohmann::json& params) : state_(std::make_unique<State>(params))
{
    info_.preprocess.width = state_->params.imageSize;
    info_.preprocess.height = state_->params.imageSize;
}

DmadDetector::~DmadDetector() = default;

DmadBankSizes DmadDetector::bankSizes() const { return state_->model.sizes; }

void DmadDetector::warmStart(const ModelBundle& parent)
{
    State& s = *state_;
    s.model.sizes.normal = loadBank(parent, "normal", s.model.normal, -1, s.params.searchOptions());
    s.warmNormal = true;
}

void DmadDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("dmad needs at least two normal training images");
    const auto start = SteadyClock::now();
    auto backbone = loadBackbone(info_.backbone);
    info_.backboneSha256 = backbone->weightsSha256();
    s.useBackbone(backbone);
    // The bundle (and the feature cache key) record the taps used, also where they
    // were the backbone's default.
    s.params.features.taps = s.model.features->taps();
    info_.params["taps"] = s.params.features.taps;
    if (s.warmNormal && s.model.normal.index.dim() != s.model.dim())
        throw Error("the parent model's normal memory bank does not match dmad's patch features");
    DmadTrainer trainer(s.params, s.model, s.map, info_.preprocess, progress);
    info_.provenance["dmad"] = trainer.fit(input, info_.backboneSha256, s.warmNormal, start);
}

std::vector<Prediction> DmadDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.model.network || s.model.normal.index.empty())
        throw Error("dmad model is not trained or loaded");
    const auto netStart = SteadyClock::now();
    torch::Tensor features = s.model.extract(images, info_.preprocess);
    const double netMs = secondsSince(netStart) * 1000.0;
    std::vector<Prediction> out = s.map.predict(features, images.size(), info_.preprocess.width, info_.preprocess.height);
    for (Prediction& p : out)
        p.networkMs = netMs / double(images.size());
    return out;
}

Prediction DmadDetector::predict(const cv::Mat& rgb8) { return predictBatch({rgb8}).front(); }

void DmadDetector::save(ModelBundle& bundle) const
{
    const State& s = *state_;
    if (!s.model.network)
        throw Error("cannot save an untrained dmad model");
    putBank(bundle, "normal", s.model.normal);
    putBank(bundle, "abnormal", s.model.abnormal);
    putState(bundle, kNetworkPrefix, allStateOf(*s.model.network));
    const DmadBankSizes& sizes = s.model.sizes;
    bundle.header["method_state"] = {{"grid", {s.model.gridH, s.model.gridW}}, {"distance_scale", s.model.distanceScale},
                                     {"bank_sizes", {{"normal", sizes.normal}, {"labelled", sizes.labelledDefects},
                                                     {"synthetic", sizes.syntheticDefects}, {"centre_samples", sizes.centreSamples},
                                                     {"textures", sizes.textures}}}};
}

void DmadDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    s.useBackbone(loadBackbone(info_.backbone, info_.backboneSha256));
    loadBank(bundle, "normal", s.model.normal, s.model.dim(), s.params.searchOptions());
    loadBank(bundle, "abnormal", s.model.abnormal, s.model.dim(), s.params.searchOptions());
    try {
        const auto& state = bundle.header.at("method_state");
        s.model.gridH = state.at("grid").at(0).get<int>();
        s.model.gridW = state.at("grid").at(1).get<int>();
        s.model.distanceScale = state.at("distance_scale").get<float>();
        const auto& sizes = state.at("bank_sizes");
        s.model.sizes = {sizes.at("normal").get<std::int64_t>(), sizes.at("labelled").get<std::int64_t>(),
                         sizes.at("synthetic").get<std::int64_t>(), sizes.at("centre_samples").get<std::int64_t>(),
                         sizes.at("textures").get<std::int64_t>()};
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("dmad state in the bundle is malformed: ") + e.what());
    }
    s.model.createNetwork(s.params);
    s.map.weightsChanged();
    loadState(bundle, kNetworkPrefix, allStateOf(*s.model.network), "dmad");
    s.model.network->eval();
}

void registerDmad(DetectorRegistry& registry)
{
    MethodDescription entry = methodEntry<DmadDetector, DmadParams>("dmad", "DMAD",
                        "Dual memory bank (normal coreset + abnormal: labelled/synthetic defects, centre samples, textures) "
                        "knowledge enhancement with a hinge-loss discriminator; unified and semi-supervised.", true);
    entry.labelUse = DL_TR("Engine", "They fill its abnormal memory bank and train its scoring heads.");
    entry.warmStarts = true; // a retrain reuses the parent's normal bank
    // Bundles from before image_score existed scored by the map's maximum.
    entry.bundleFallbacks = {{"image_score", "max"}};
    registry.add(std::move(entry));
}

} // namespace dl
