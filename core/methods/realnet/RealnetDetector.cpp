#include "methods/realnet/RealnetDetector.h"

#include "backbone/Backbone.h"
#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "components/ModuleState.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "methods/realnet/RealnetAnomalyMap.h"
#include "methods/realnet/RealnetFeatureSelection.h"
#include "methods/realnet/RealnetNetwork.h"
#include "methods/realnet/RealnetParams.h"
#include "methods/realnet/RealnetTrainer.h"

namespace dl {

struct RealnetDetector::State {
    RealnetParams params;
    std::shared_ptr<FeatureExtractor> backbone;
    std::unique_ptr<RealnetNetwork> net;
    std::vector<torch::Tensor> selected; // per tap, int64 channel indices
    torch::Tensor tapScale;              // [T]
};

RealnetDetector::RealnetDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    state_->params = RealnetParams::parse(params);
    info_.preprocess.width = state_->params.imageSize;
    info_.preprocess.height = state_->params.imageSize;
}

RealnetDetector::~RealnetDetector() = default;

RealnetNetwork* RealnetDetector::network() { return state_->net.get(); }

std::vector<std::vector<std::int64_t>> RealnetDetector::selectedChannels() const
{
    std::vector<std::vector<std::int64_t>> out;
    for (const auto& s : state_->selected)
        out.push_back(channelNumbers(s));
    return out;
}

void RealnetDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    const auto fitStart = SteadyClock::now();
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("realnet needs at least two normal training images");
    s.backbone = loadBackbone(info_.backbone);
    info_.backboneSha256 = s.backbone->weightsSha256();
    RealnetTrainer trainer(s.params, *s.backbone, info_.preprocess);
    RealnetTrained trained = trainer.train(input, realnetArchitecture(s.params, *s.backbone), progress, fitStart);
    s.net = std::move(trained.net);
    s.selected = trained.selected;
    s.tapScale = trained.tapScale;
    info_.provenance["realnet"] = std::move(trained.provenance);
    progress.report(1.0, DL_TR("Engine", "reconstruction and segmentation networks trained"));
}

std::vector<Prediction> RealnetDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.net || !s.backbone)
        throw Error("realnet model is not trained or loaded");
    if (images.empty())
        return {};
    const int width = info_.preprocess.width, height = info_.preprocess.height;
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = SteadyClock::now();
    torch::Tensor maps, scores;
    {
        torch::InferenceMode guard;
        const std::vector<torch::Tensor> features =
            selectedFeatures(*s.backbone, s.params.taps, s.tapScale, s.selected, batch);
        maps = realnetMaps(s.net->forward(features).logits, height, width).contiguous();
    }
    const double netMs = 1000.0 * secondsSince(netStart);
    std::vector<Prediction> out;
    out.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        Prediction pred = realnetPrediction(maps[std::int64_t(i)], s.params.smoothingSigma, s.params.scoreWindow);
        pred.networkMs = netMs / double(images.size());
        out.push_back(std::move(pred));
    }
    return out;
}

Prediction RealnetDetector::predict(const cv::Mat& rgb8)
{
    return predictBatch({rgb8}).front();
}

void RealnetDetector::save(ModelBundle& bundle) const
{
    const State& s = *state_;
    if (!s.net)
        throw Error("cannot save an untrained realnet model");
    putState(bundle, "realnet.", s.net->namedState());
    NamedTensors extra{{"tap_scale", s.tapScale}};
    for (std::size_t t = 0; t < s.selected.size(); ++t)
        extra.emplace_back("selected." + std::to_string(t), s.selected[t]);
    putState(bundle, "realnet.", extra);
    bundle.header["method_state"] = {{"tap_channels", s.net->architecture.tapChannels},
                                     {"selected_channels", s.net->architecture.selectedChannels},
                                     {"parameters", s.net->parameterCount()}};
}

void RealnetDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    s.backbone = loadBackbone(info_.backbone, info_.backboneSha256);
    RealnetArchitecture arch = realnetArchitecture(s.params, *s.backbone);
    try {
        const auto& state = bundle.header.at("method_state");
        if (state.at("tap_channels").get<std::vector<int>>() != arch.tapChannels)
            throw Error("realnet model bundle was trained on backbone taps of other widths than this backbone gives");
        if (state.at("selected_channels").get<std::vector<int>>() != arch.selectedChannels)
            throw Error("realnet model bundle's selected channel counts do not match its parameters");
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("realnet state in the bundle is malformed: ") + e.what());
    }
    auto net = std::make_unique<RealnetNetwork>(arch);
    loadState(bundle, "realnet.", net->namedState(), "realnet");
    std::vector<torch::Tensor> selected;
    NamedTensors extra{{"tap_scale", torch::zeros({std::int64_t(s.params.taps.size())})}};
    for (std::size_t t = 0; t < arch.selectedChannels.size(); ++t) {
        selected.push_back(torch::zeros({arch.selectedChannels[t]}, torch::kInt64));
        extra.emplace_back("selected." + std::to_string(t), selected.back());
    }
    loadState(bundle, "realnet.", extra, "realnet");
    for (std::size_t t = 0; t < selected.size(); ++t)
        if (selected[t].numel() > 0
            && (selected[t].min().item<std::int64_t>() < 0 || selected[t].max().item<std::int64_t>() >= arch.tapChannels[t]))
            throw Error("realnet model bundle selects a channel outside tap '" + s.params.taps[t] + "'");
    net->train(false);
    s.net = std::move(net);
    s.selected = std::move(selected);
    s.tapScale = extra.front().second;
}

void registerRealnet(DetectorRegistry& registry)
{
    MethodDescription entry = methodEntry<RealnetDetector, RealnetParams>(
        "realnet", "RealNet (feature and residual selection, SDAS synthesis)",
        "Reconstruction UNets restore the AFS-selected MobileNetV2 features of synthetic defects (DTD textures or an "
        "SDAS diffusion model, and labelled ones where given); the selected residuals (RRS) feed a segmentation head "
        "whose anomaly probability is the map.",
        /*semiSupervised=*/true);
    entry.labelUse = DL_TR("Engine", "Transplanted onto normal training images, they join the synthetic defects that "
                                     "its feature selection, reconstruction networks and segmentation head learn from.");
    entry.labelShareParam = "labelled_share";
    registry.add(std::move(entry));
}

} // namespace dl
