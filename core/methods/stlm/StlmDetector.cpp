#include "methods/stlm/StlmDetector.h"

#include "backbone/Backbone.h"
#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "components/FrozenInference.h"
#include "components/ModuleState.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "methods/stlm/StlmAnomalyMap.h"
#include "methods/stlm/StlmNetwork.h"
#include "methods/stlm/StlmParams.h"
#include "methods/stlm/StlmTrainer.h"

namespace dl {

struct StlmDetector::State {
    StlmParams params;
    std::unique_ptr<StlmNetwork> net;
    // Both streams, the decoder and FA on the fast path, rebuilt whenever `net` changes.
    std::unique_ptr<FrozenInference> fastNetwork;

    void useNetwork(std::unique_ptr<StlmNetwork> trained)
    {
        net = std::move(trained);
        StlmNetwork* n = net.get();
        fastNetwork = std::make_unique<FrozenInference>(
            "stlm streams, decoder and FA",
            [n](const std::vector<torch::Tensor>& images) {
                StlmNetwork::Outputs o = n->forward(images.at(0));
                std::vector<torch::Tensor> flat = o.plain;
                flat.insert(flat.end(), o.denoising.begin(), o.denoising.end());
                flat.push_back(o.faLogits);
                return flat;
            },
            [n] { return n->parameters(); });
    }
    StlmNetwork::Outputs inferenceForward(const torch::Tensor& images)
    {
        std::vector<torch::Tensor> flat = (*fastNetwork)(images);
        const std::size_t levels = (flat.size() - 1) / 2;
        StlmNetwork::Outputs o;
        o.plain.assign(flat.begin(), flat.begin() + std::ptrdiff_t(levels));
        o.denoising.assign(flat.begin() + std::ptrdiff_t(levels), flat.end() - 1);
        o.faLogits = flat.back();
        return o;
    }
};

StlmDetector::StlmDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    state_->params = StlmParams::parse(params);
    info_.preprocess.width = state_->params.imageSize;
    info_.preprocess.height = state_->params.imageSize;
}

StlmDetector::~StlmDetector() = default;

StlmNetwork* StlmDetector::network()
{
    // The caller may change the weights: the fast copy is rebuilt on next use.
    if (state_->fastNetwork)
        state_->fastNetwork->weightsChanged();
    return state_->net.get();
}

void StlmDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    const auto fitStart = SteadyClock::now();
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("stlm needs at least two normal training images");
    // The teacher is needed for training only; the bundle records which one it was.
    std::shared_ptr<FeatureExtractor> teacher = loadBackbone({s.params.teacher, s.params.teacherWeights});
    info_.backbone = {teacher->name(), teacher->weightsPath()};
    info_.backboneSha256 = teacher->weightsSha256();
    StlmTrainer trainer(s.params, *teacher, info_.preprocess);
    StlmTrained trained = trainer.train(input, progress, fitStart);
    s.useNetwork(std::move(trained.net));
    // "auto" is resolved on the validation images; the bundle records the map in use.
    s.params.map = trained.map;
    info_.params["map"] = trained.map;
    info_.provenance["stlm"] = std::move(trained.provenance);
    progress.report(1.0, DL_TR("Engine", "streams trained"));
}

std::vector<Prediction> StlmDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.net)
        throw Error("stlm model is not trained or loaded");
    if (images.empty())
        return {};
    const int width = info_.preprocess.width, height = info_.preprocess.height;
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = SteadyClock::now();
    torch::Tensor grids;
    {
        torch::InferenceMode guard;
        grids = stlmGridMaps(s.inferenceForward(batch), s.params.map);
    }
    const double netMs = 1000.0 * secondsSince(netStart);
    std::vector<Prediction> out;
    out.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        Prediction pred = stlmPrediction(grids[std::int64_t(i)], width, height, s.params.smoothingSigma, s.params.topK);
        pred.networkMs = netMs / double(images.size());
        out.push_back(std::move(pred));
    }
    return out;
}

Prediction StlmDetector::predict(const cv::Mat& rgb8)
{
    return predictBatch({rgb8}).front();
}

void StlmDetector::save(ModelBundle& bundle) const
{
    const State& s = *state_;
    if (!s.net)
        throw Error("cannot save an untrained stlm model");
    putState(bundle, "stlm.", s.net->namedState());
    bundle.header["method_state"] = {{"teacher_channels", s.net->architecture.teacherChannels},
                                     {"parameters", s.net->parameterCount()}};
}

void StlmDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    std::array<int, 2> teacherChannels{};
    try {
        teacherChannels = bundle.header.at("method_state").at("teacher_channels").get<std::array<int, 2>>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("stlm state in the bundle is malformed: ") + e.what());
    }
    // No teacher here: inference needs only the trained networks.
    auto net = std::make_unique<StlmNetwork>(stlmArchitecture(s.params, teacherChannels));
    loadState(bundle, "stlm.", net->namedState(), "stlm");
    net->train(false);
    s.useNetwork(std::move(net));
    if (s.params.map == "auto")
        throw Error("stlm model bundle does not say which anomaly map it uses (map is 'auto')");
}

std::vector<NetworkTiming> StlmDetector::timeTrainedNetworks(int repeats)
{
    if (!state_->fastNetwork)
        return {};
    return {state_->fastNetwork->timeOnImage(info_.preprocess.height, info_.preprocess.width, repeats)};
}

void registerStlm(DetectorRegistry& registry)
{
    MethodDescription entry = methodEntry<StlmDetector, StlmParams>(
        "stlm", "STLM (SAM-guided two-stream lightweight model)",
        "Frozen SAM TinyViT teacher (training only); plain and denoising student streams with a shared decoder; "
        "a feature-aggregation module trained on pseudo-anomaly masks (labelled defects too, where given) "
        "gives the map.",
        /*semiSupervised=*/true);
    // Bundles from before student_init existed hold randomly initialised small-CNN streams.
    entry.bundleFallbacks = {{"student_init", "random"}};
    entry.labelUse = DL_TR("Engine", "Transplanted onto normal training images, they join the pseudo-anomalies whose "
                                     "masks its feature-aggregation module learns and that its students learn to see past.");
    entry.labelShareParam = "labelled_share";
    registry.add(std::move(entry));
}

} // namespace dl
