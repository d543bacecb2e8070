#include "methods/cse/CseDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "components/ImageLayout.h"
#include "components/ModuleState.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "methods/cse/CseAnomalyMap.h"
#include "methods/cse/CseNetwork.h"
#include "methods/cse/CseParams.h"
#include "methods/cse/CseTrainer.h"

#include <chrono>

namespace dl {

struct CseDetector::State {
    CseParams params;
    std::shared_ptr<FeatureExtractor> backbone;
    std::unique_ptr<CseNetwork> net;
    torch::Tensor tapScale; // [T] one RMS per tap over the training images
    // k-means centres per scale, coarse to fine: [K,D] (bank positions) or [K,D*hp*wp] (bank map).
    std::vector<torch::Tensor> centres;
    std::vector<torch::Tensor> searchCentres; // the same, as the search reads them (cseSearchCentres)
};

namespace {

// The bundle key of a scale's bank: the first scale keeps the key of single-scale bundles.
std::string centresKey(std::size_t scale)
{
    return scale == 0 ? "centres" : "centres." + std::to_string(scale);
}

} // namespace

CseDetector::CseDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    state_->params = CseParams::parse(params);
    info_.preprocess.width = state_->params.imageSize;
    info_.preprocess.height = state_->params.imageSize;
}

CseDetector::~CseDetector() = default;

CseNetwork* CseDetector::network() { return state_->net.get(); }

int CseDetector::bankSize() const
{
    return state_->centres.empty() ? 0 : int(state_->centres.front().size(0));
}

void CseDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    const auto fitStart = SteadyClock::now();
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("cse needs at least two normal training images (it trains on pairs of different images)");
    s.backbone = loadBackbone(info_.backbone);
    info_.backboneSha256 = s.backbone->weightsSha256();
    nlohmann::json layoutRecord = {{"layout", s.params.layout}};
    if (s.params.layoutLeftToTheData()) {
        // Aligned objects want a fine map, surfaces a coarse one (README, "Surfaces and
        // objects"); the normal images say which: how much of their features' variance
        // the position explains (bottle ~0.9, Magnetic Tile ~0.2).
        progress.report(0.0, DL_TR("Engine", "measuring whether the images show a surface or an object"));
        const double share = positionalShareOfVariance(*s.backbone, info_.preprocess, input.normal,
                                                       layoutProbeTap(*s.backbone));
        s.params.applyLayout(share >= kObjectPositionalShare ? "object" : "surface");
        logInfo(DL_TR("Engine", "cse: position explains %1 of the normal images' feature variance: layout %2"),
                formatFixed(share, 2), s.params.layout);
        layoutRecord = {{"layout", s.params.layout}, {"positional_share", share}};
    }
    // The bundle records what the layout resolved to, chosen here or named by the user.
    info_.params["layout"] = s.params.layout;
    info_.params["taps"] = s.params.taps;
    info_.params["pool"] = s.params.pool;
    info_.params["scales"] = s.params.scales;
    s.params.smoothingSigma = s.params.smoothing();
    info_.params["smoothing_sigma"] = *s.params.smoothingSigma;
    CseTrainer trainer(s.params, *s.backbone, info_.preprocess);
    CseTrained trained = trainer.train(input, cseArchitecture(s.params, *s.backbone), progress, fitStart);
    s.net = std::move(trained.net);
    s.tapScale = trained.tapScale;
    s.centres = trained.centres;
    s.searchCentres = cseSearchCentres(s.centres, s.params, s.net->architecture.widths.back());
    info_.provenance["cse"] = std::move(trained.provenance);
    info_.provenance["cse"].update(layoutRecord);
    progress.report(1.0, DL_TR("Engine", "embedder trained, bank built"));
}

std::vector<Prediction> CseDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.net || !s.backbone || s.centres.empty())
        throw Error("cse model is not trained or loaded");
    if (images.empty())
        return {};
    const int width = info_.preprocess.width, height = info_.preprocess.height;
    const auto prepStart = SteadyClock::now();
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = SteadyClock::now();
    torch::Tensor maps;
    {
        torch::InferenceMode guard;
        torch::Tensor fused = scaledFusedTaps(*s.backbone, s.params.taps, s.tapScale, batch);
        maps = cseDistanceMaps(*s.net, fused, s.searchCentres, s.params).contiguous();
    }
    const double netMs = 1000.0 * secondsSince(netStart);
    std::vector<Prediction> out;
    out.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        Prediction pred = csePrediction(maps[std::int64_t(i)], width, height, s.params);
        pred.networkMs = netMs / double(images.size());
        out.push_back(std::move(pred));
    }
    logDebug("cse timing ms (batch of " + std::to_string(images.size()) + "): preprocess "
             + formatFixed(1000.0 * std::chrono::duration<double>(netStart - prepStart).count(), 2) + " network+bank "
             + formatFixed(netMs, 2));
    return out;
}

Prediction CseDetector::predict(const cv::Mat& rgb8)
{
    return predictBatch({rgb8}).front();
}

void CseDetector::save(ModelBundle& bundle) const
{
    const State& s = *state_;
    if (!s.net || s.centres.empty())
        throw Error("cannot save an untrained cse model");
    putState(bundle, "cse.", s.net->namedState());
    NamedTensors tensors{{"tap_scale", s.tapScale}};
    for (std::size_t scale = 0; scale < s.centres.size(); ++scale)
        tensors.push_back({centresKey(scale), s.centres[scale]});
    putState(bundle, "cse.", tensors);
    bundle.header["method_state"] = {{"tap_channels", s.net->architecture.tapChannels},
                                     {"bank_centres", s.centres.front().size(0)},
                                     {"embedder_parameters", s.net->trainableParameterCount()}};
}

void CseDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    s.backbone = loadBackbone(info_.backbone, info_.backboneSha256);
    CseArchitecture arch = cseArchitecture(s.params, *s.backbone);
    try {
        const auto& state = bundle.header.at("method_state");
        if (state.at("tap_channels").get<std::vector<int>>() != arch.tapChannels)
            throw Error("cse model bundle was trained on backbone taps of other widths than this backbone gives");
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("cse state in the bundle is malformed: ") + e.what());
    }
    auto tensorOf = [&](const std::string& key) {
        if (!bundle.has(key))
            throw Error("cse model bundle lacks the tensor '" + key + "'");
        std::vector<std::int64_t> shape;
        std::vector<float> values = bundle.floats(key, &shape);
        return torch::tensor(values).reshape(shape);
    };
    torch::Tensor tapScale = tensorOf("cse.tap_scale");
    if (tapScale.dim() != 1 || tapScale.size(0) != std::int64_t(s.params.taps.size()))
        throw Error("cse tap scales in the bundle do not match the taps");
    std::vector<torch::Tensor> centres;
    for (std::size_t scale = 0; scale < s.params.pools().size(); ++scale) {
        torch::Tensor bank = tensorOf("cse." + centresKey(scale));
        if (bank.dim() != 2 || bank.size(0) < 1 || bank.size(1) % arch.widths.back() != 0
            || (!s.params.mapBank() && bank.size(1) != arch.widths.back()))
            throw Error("cse bank '" + centresKey(scale) + "' in the bundle does not match the embedding width");
        centres.push_back(bank);
    }
    auto net = std::make_unique<CseNetwork>(arch);
    loadState(bundle, "cse.", net->namedState(), "cse");
    net->train(false);
    s.net = std::move(net);
    s.tapScale = tapScale;
    s.centres = centres;
    s.searchCentres = cseSearchCentres(s.centres, s.params, arch.widths.back());
}

void registerCse(DetectorRegistry& registry)
{
    MethodDescription entry = methodEntry<CseDetector, CseParams>("cse", "CSE (contrastively selected embedding)",
                        "1x1-conv embedder on deep MobileNetV2 features, trained contrastively on normal and defect pairs "
                        "(synthetic defects, and labelled ones where given) with a frozen random decoder; anomaly = "
                        "cosine distance to the nearest k-means centre.",
                        /*semiSupervised=*/true);
    entry.labelShareParam = "labelled_share";
    entry.labelUse = DL_TR("Engine", "They join the synthetic defects its embedding learns to set apart from normal "
                                     "images, as they are and transplanted onto other normal images.");
    // Bundles from before scales existed hold one bank, at `pool`.
    entry.bundleFallbacks = {{"scales", 1}};
    entry.scoringParams = {"smoothing_sigma", "image_score", "top_fraction"};
    registry.add(std::move(entry));
}

} // namespace dl
