#include "methods/dskd/DskdDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "components/FrozenInference.h"
#include "components/ImageLayout.h"
#include "components/ModuleState.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "methods/dskd/DskdAnomalyMap.h"
#include "methods/dskd/DskdNetwork.h"
#include "methods/dskd/DskdParams.h"
#include "methods/dskd/DskdTrainer.h"

#include <chrono>
#include <cmath>

namespace dl {

struct DskdDetector::State {
    DskdParams params;
    std::shared_ptr<FeatureExtractor> teacher;
    std::unique_ptr<DskdNetwork> net;
    TeacherNorm norm;
    // The students' fast path (E, bottleneck, D), rebuilt whenever `net` changes.
    std::unique_ptr<FrozenInference> fastStudents;

    void useNetwork(std::unique_ptr<DskdNetwork> trained)
    {
        net = std::move(trained);
        DskdNetwork* n = net.get();
        fastStudents = std::make_unique<FrozenInference>(
            "dskd students (encoder, bottleneck, decoder)", [n](const std::vector<torch::Tensor>& images) { return n->reconstruct(images.at(0)); },
            [n] { return n->parameters(); });
    }
};

DskdDetector::DskdDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    state_->params = DskdParams::parse(params);
    info_.preprocess.width = state_->params.imageSize;
    info_.preprocess.height = state_->params.imageSize;
}

DskdDetector::~DskdDetector() = default;

DskdNetwork* DskdDetector::network()
{
    // The caller may change the weights: the fast copy is rebuilt on next use.
    if (state_->fastStudents)
        state_->fastStudents->weightsChanged();
    return state_->net.get();
}

void DskdDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    const auto fitStart = SteadyClock::now();
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("dskd needs at least two normal training images");
    s.teacher = loadBackbone(info_.backbone);
    info_.backboneSha256 = s.teacher->weightsSha256();
    nlohmann::json layoutRecord = nlohmann::json::object();
    if (s.params.scaleWeights == "auto" || !s.params.embedExtraStride || s.params.mapDistance == "auto") {
        // Weighing the taps by their normal spread, a 4x4 embedding and the squared
        // difference in the map helped a surface; the first cost an aligned part its fine
        // localisation, the second gained it nothing, the third was not measured on one
        // (README, "Scale weights", "A 4x4 embedding for surfaces", "Regions from the
        // squared difference"): the images say which they are.
        progress.report(0.0, DL_TR("Engine", "measuring whether the images show a surface or an object"));
        const double share = positionalShareOfVariance(*s.teacher, info_.preprocess, input.normal,
                                                       layoutProbeTap(*s.teacher));
        const bool object = share >= kObjectPositionalShare;
        if (s.params.scaleWeights == "auto") {
            s.params.scaleWeights = object ? "equal" : "validation";
            info_.params["scale_weights"] = s.params.scaleWeights;
        }
        if (!s.params.embedExtraStride) {
            const bool halvingFits = embeddingGridFits(s.params.imageSize, s.teacher->tap(s.params.taps.back()).stride, 2);
            s.params.embedExtraStride = object || !halvingFits ? 1 : 2;
            info_.params["embed_extra_stride"] = *s.params.embedExtraStride;
        }
        if (s.params.mapDistance == "auto") {
            s.params.mapDistance = object ? "cosine" : "cosine_l2";
            info_.params["map_distance"] = s.params.mapDistance;
        }
        logInfo(DL_TR("Engine", "dskd: position explains %1 of the normal images' feature variance: scale weights %2, "
                                "embedding stride factor %3, map distance %4"),
                formatFixed(share, 2), s.params.scaleWeights, std::to_string(*s.params.embedExtraStride),
                s.params.mapDistance);
        layoutRecord = {{"positional_share", share}};
    }
    DskdTrainer trainer(s.params, *s.teacher, info_.preprocess);
    DskdTrained trained = trainer.train(input, dskdArchitecture(s.params, *s.teacher), progress, fitStart);
    s.useNetwork(std::move(trained.net));
    s.norm = std::move(trained.norm);
    info_.provenance["dskd"] = std::move(trained.provenance);
    info_.provenance["dskd"].update(layoutRecord);
    progress.report(1.0, DL_TR("Engine", "students trained"));
}

std::vector<Prediction> DskdDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.net || !s.teacher)
        throw Error("dskd model is not trained or loaded");
    if (images.empty())
        return {};
    const int width = info_.preprocess.width, height = info_.preprocess.height;
    const auto prepStart = SteadyClock::now();
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = SteadyClock::now();
    DskdMaps maps;
    double teacherMs = 0;
    {
        torch::InferenceMode guard;
        std::vector<torch::Tensor> teacher = s.teacher->extract(batch, s.params.taps);
        teacherMs = 1000.0 * secondsSince(netStart);
        maps = dskdDistanceMaps(teacher, (*s.fastStudents)(batch), s.norm, height, width);
    }
    const double netMs = 1000.0 * secondsSince(netStart);
    const auto mapStart = SteadyClock::now();
    std::vector<Prediction> out;
    out.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        const auto at = std::int64_t(i);
        Prediction pred = dskdPrediction(maps.map[at], maps.scoreMap.defined() ? maps.scoreMap[at] : torch::Tensor(),
                                         width, height, s.params);
        pred.networkMs = netMs / double(images.size());
        out.push_back(std::move(pred));
    }
    logDebug("dskd timing ms (batch of " + std::to_string(images.size()) + "): preprocess "
             + formatFixed(1000.0 * std::chrono::duration<double>(netStart - prepStart).count(), 2) + " teacher "
             + formatFixed(teacherMs, 2) + " students+cosine " + formatFixed(netMs - teacherMs, 2) + " smoothing "
             + formatFixed(1000.0 * secondsSince(mapStart), 2));
    return out;
}

Prediction DskdDetector::predict(const cv::Mat& rgb8)
{
    return predictBatch({rgb8}).front();
}

void DskdDetector::save(ModelBundle& bundle) const
{
    const State& s = *state_;
    if (!s.net)
        throw Error("cannot save an untrained dskd model");
    putState(bundle, "dskd.", s.net->namedState());
    for (std::size_t t = 0; t < s.norm.shift.size(); ++t) {
        const std::vector<std::int64_t> shape{s.norm.shift[t].numel()};
        const std::string prefix = "dskd.teacher_norm." + std::to_string(t);
        bundle.putFloats(prefix + ".shift", shape, s.norm.shift[t].contiguous().data_ptr<float>());
        bundle.putFloats(prefix + ".scale", shape, s.norm.scale[t].contiguous().data_ptr<float>());
    }
    if (!s.norm.mapWeight.empty())
        bundle.putFloats("dskd.map_weights", {std::int64_t(s.norm.mapWeight.size())}, s.norm.mapWeight.data());
    if (!s.norm.scoreWeight.empty())
        bundle.putFloats("dskd.score_weights", {std::int64_t(s.norm.scoreWeight.size())}, s.norm.scoreWeight.data());
    const auto& a = s.net->architecture;
    bundle.header["method_state"] = {{"teacher_channels", a.teacherChannels},
                                     {"first_stride", a.firstStride},
                                     {"student_parameters", s.net->parameterCount()}};
}

void DskdDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    s.teacher = loadBackbone(info_.backbone, info_.backboneSha256);
    DskdArchitecture arch = dskdArchitecture(s.params, *s.teacher);
    try {
        const auto& state = bundle.header.at("method_state");
        if (state.at("teacher_channels").get<std::vector<int>>() != arch.teacherChannels)
            throw Error("dskd model bundle was trained on teacher taps of other widths than this backbone gives");
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("dskd state in the bundle is malformed: ") + e.what());
    }
    auto floatsOf = [&](const std::string& key, std::int64_t expectedSize) {
        if (!bundle.has(key))
            throw Error("dskd model bundle lacks the tensor '" + key + "'");
        std::vector<std::int64_t> shape;
        std::vector<float> values = bundle.floats(key, &shape);
        if (std::int64_t(values.size()) != expectedSize)
            throw Error("dskd tensor '" + key + "' in the bundle has the wrong size for these parameters");
        return values;
    };
    TeacherNorm norm;
    norm.squaredDifferenceWeight = squaredDifferenceWeight(s.params);
    for (std::size_t t = 0; t < arch.scales(); ++t) {
        const int c = arch.teacherChannels[t];
        const std::string prefix = "dskd.teacher_norm." + std::to_string(t);
        norm.shift.push_back(torch::tensor(floatsOf(prefix + ".shift", c)).reshape({1, c, 1, 1}));
        norm.scale.push_back(torch::tensor(floatsOf(prefix + ".scale", c)).reshape({1, c, 1, 1}));
    }
    if (s.params.mapDistance == "auto")
        throw Error("dskd model bundle does not say which map distance it was trained with (map_distance \"auto\")");
    norm.separateScore = scoresOnTheCosineAlone(s.params);
    auto positiveWeights = [&](const std::string& key) {
        std::vector<float> weights = floatsOf(key, std::int64_t(arch.scales()));
        for (float w : weights)
            if (!(std::isfinite(w) && w > 0.0f))
                throw Error("dskd tensor '" + key + "' in the bundle holds a weight that is not a positive number");
        return weights;
    };
    if (bundle.has("dskd.map_weights"))
        norm.mapWeight = positiveWeights("dskd.map_weights");
    if (norm.separateScore && bundle.has("dskd.score_weights"))
        norm.scoreWeight = positiveWeights("dskd.score_weights");
    if (norm.separateScore && norm.mapWeight.empty() != norm.scoreWeight.empty())
        throw Error("dskd model bundle weighs its map's taps but not its score's, or the other way round");
    auto net = std::make_unique<DskdNetwork>(arch);
    loadState(bundle, "dskd.", net->namedState(), "dskd");
    net->train(false);
    s.useNetwork(std::move(net));
    s.norm = std::move(norm);
}

std::vector<NetworkTiming> DskdDetector::timeTrainedNetworks(int repeats)
{
    if (!state_->fastStudents)
        return {};
    return {state_->fastStudents->timeOnImage(info_.preprocess.height, info_.preprocess.width, repeats)};
}

void registerDskd(DetectorRegistry& registry)
{
    MethodDescription entry = methodEntry<DskdDetector, DskdParams>("dskd", "DSKD (dual-student knowledge distillation)",
                        "Frozen MobileNetV2 teacher; student encoder, bottleneck embedding and student decoder; "
                        "anomaly = 1 - cos(teacher, decoder), on surfaces plus their squared difference, "
                        "summed over the taps' scales.");
    // Bundles from before scale_weights, map_distance or score_distance existed sum their
    // taps equally, map 1 - cos and read the score from that map.
    entry.bundleFallbacks = {{"scale_weights", "equal"}, {"map_distance", "cosine"}, {"score_distance", "map"}};
    // map_distance and score_distance stay out: the validation spreads that weigh the
    // taps are measured at fit with them.
    entry.scoringParams = {"smoothing_sigma", "image_score", "top_fraction"};
    registry.add(std::move(entry));
}

} // namespace dl
