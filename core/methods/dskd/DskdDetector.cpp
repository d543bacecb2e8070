#include "methods/dskd/DskdDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "components/ModuleState.h"
#include "components/TrainingSupport.h"
#include "components/TensorConvert.h"
#include "methods/dskd/DskdLoss.h"
#include "methods/dskd/DskdModel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>

namespace dl {
namespace {

using Clock = SteadyClock;


// Preprocessed images and the frozen teacher's features for one split, held in
// memory: the teacher never changes, so it runs once per image, not once per epoch.
struct FeatureCache {
    torch::Tensor images;                // [N,3,H,W]
    std::vector<torch::Tensor> teacher;  // per tap [N,C,h,w], divided by the tap's scale

    std::int64_t size() const { return images.defined() ? images.size(0) : 0; }
};

} // namespace

struct DskdDetector::State {
    nlohmann::json params;
    std::vector<std::string> taps;
    std::shared_ptr<FeatureExtractor> teacher;
    std::unique_ptr<DskdNetwork> net;
    // Fixed per-channel normalisation of each teacher tap, [1,C,1,1]: (T - shift) / scale.
    // "tap": shift 0 and one RMS for the whole tap (balances the L2 terms, leaves the cosine as is);
    // "channel": each channel standardised over the training images.
    std::vector<torch::Tensor> teacherShift, teacherScale;

    double sigma() const { return params.at("smoothing_sigma").get<double>(); }
    std::string teacherNorm() const { return params.at("teacher_norm").get<std::string>(); }
    int batchSize() const { return std::max(1, params.at("batch_size").get<int>()); }
    double l2Weight() const { return params.at("l2_weight").get<double>(); }

    // The student layout for this teacher: channels and strides come from the taps.
    DskdArchitecture architectureFor(const FeatureExtractor& backbone, int imageSize) const
    {
        DskdArchitecture a;
        std::array<int, 3> strides{};
        for (std::size_t i = 0; i < 3; ++i) {
            TapInfo t = backbone.tap(taps[i]);
            a.teacherChannels[i] = t.channels;
            strides[i] = t.stride;
        }
        if (strides[1] != 2 * strides[0] || strides[2] != 2 * strides[1])
            throw Error("dskd taps must be three feature maps whose strides double from one to the next (got strides "
                        + std::to_string(strides[0]) + ", " + std::to_string(strides[1]) + ", "
                        + std::to_string(strides[2]) + " for " + taps[0] + ", " + taps[1] + ", " + taps[2] + ")");
        a.firstStride = strides[0];
        const auto widths = params.at("widths").get<std::vector<int>>();
        std::copy(widths.begin(), widths.end(), a.widths.begin());
        a.embedDim = params.at("embed_dim").get<int>();
        a.embedExtraStride = params.at("embed_extra_stride").get<int>();
        const int coarsest = strides[2] * a.embedExtraStride;
        if (imageSize % coarsest != 0)
            throw Error("dskd image_size must be a multiple of " + std::to_string(coarsest) + " for these taps, got "
                        + std::to_string(imageSize));
        return a;
    }

    FeatureCache buildCache(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                            const PreprocessSpec& preprocess, const ProgressContext& progress,
                            const std::string& stage) const
    {
        FeatureCache cache;
        if (indices.empty())
            return cache;
        const std::int64_t n = std::int64_t(indices.size());
        const std::size_t step = std::size_t(batchSize());
        for (std::size_t begin = 0; begin < indices.size(); begin += step) {
            progress.checkCancelled();
            progress.report(double(begin) / double(indices.size()), stage);
            const std::size_t end = std::min(indices.size(), begin + step);
            std::vector<cv::Mat> decoded;
            for (std::size_t i = begin; i < end; ++i)
                decoded.push_back(loadImageRgb(samples[std::size_t(indices[i])].path));
            torch::Tensor batch = imagesToTensor(decoded, preprocess);
            std::vector<torch::Tensor> features = teacher->extract(batch, taps);
            // Filled in place (no concatenation copy: the wide taps take GBs), and
            // allocated outside inference mode because autograd saves the targets for backward.
            if (!cache.images.defined()) {
                auto withCount = [n](const torch::Tensor& t) {
                    std::vector<std::int64_t> shape = t.sizes().vec();
                    shape[0] = n;
                    return torch::empty(shape, torch::kFloat32);
                };
                cache.images = withCount(batch);
                for (const auto& f : features)
                    cache.teacher.push_back(withCount(f));
            }
            const auto rows = std::int64_t(begin), rowsEnd = std::int64_t(end);
            cache.images.slice(0, rows, rowsEnd).copy_(batch);
            for (std::size_t t = 0; t < taps.size(); ++t)
                cache.teacher[t].slice(0, rows, rowsEnd).copy_(features[t]);
        }
        return cache;
    }

    struct SplitLoss {
        double encoder = 0, decoder = 0, decoderCosine = 0;
    };

    // Mean losses over a cached split in eval mode (validation).
    SplitLoss evaluate(const FeatureCache& cache) const
    {
        SplitLoss out;
        torch::NoGradGuard noGrad;
        net->train(false);
        const std::int64_t n = cache.size();
        for (std::int64_t begin = 0; begin < n; begin += batchSize()) {
            const std::int64_t end = std::min(n, begin + std::int64_t(batchSize()));
            std::vector<torch::Tensor> targets;
            for (const auto& t : cache.teacher)
                targets.push_back(t.slice(0, begin, end));
            auto outputs = net->forwardTraining(cache.images.slice(0, begin, end));
            const double weight = double(end - begin) / double(n);
            out.encoder += weight * studentLoss(targets, outputs.encoder, l2Weight()).item<double>();
            out.decoder += weight * studentLoss(targets, outputs.decoder, l2Weight()).item<double>();
            for (std::size_t s = 0; s < targets.size(); ++s)
                out.decoderCosine += weight * scaleLoss(targets[s], outputs.decoder[s]).cosine.item<double>();
        }
        return out;
    }

};

DskdDetector::DskdDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    State& s = *state_;
    s.params = params;
    s.taps = params.at("taps").get<std::vector<std::string>>();
    if (s.taps.size() != 3)
        throw Error("dskd taps must name three teacher feature maps (fine to coarse), got "
                    + std::to_string(s.taps.size()));
    const auto widths = params.at("widths").get<std::vector<int>>();
    if (widths.size() != 3)
        throw Error("dskd widths must hold three student widths (one per tap), got " + std::to_string(widths.size()));
    const int size = params.at("image_size").get<int>();
    if (size < 32 || size > 2048 || size % 16 != 0)
        throw Error("dskd image_size must be a multiple of 16 within 32..2048, got " + std::to_string(size));
    info_.preprocess.width = size;
    info_.preprocess.height = size;
    if (params.at("epochs").get<int>() < 1)
        throw Error("dskd epochs must be at least 1");
    if (params.at("batch_size").get<int>() < 1)
        throw Error("dskd batch_size must be at least 1");
    if (!(params.at("learning_rate").get<double>() > 0.0))
        throw Error("dskd learning_rate must be positive");
    if (!(params.at("max_minutes").get<double>() > 0.0))
        throw Error("dskd max_minutes must be positive");
    if (params.at("smoothing_sigma").get<double>() < 0.0)
        throw Error("dskd smoothing_sigma must not be negative");
    if (params.at("l2_weight").get<double>() < 0.0)
        throw Error("dskd l2_weight must not be negative");
    const double validation = params.at("validation_fraction").get<double>();
    const std::string norm = params.at("teacher_norm").get<std::string>();
    if (norm != "tap" && norm != "channel")
        throw Error("dskd teacher_norm must be tap or channel, got '" + norm + "'");
    if (!(validation >= 0.0 && validation <= 0.5))
        throw Error("dskd validation_fraction must be within 0..0.5, got " + std::to_string(validation));
    // Student settings fail here, before any work (the teacher's channels are checked at fit/load).
    DskdArchitecture probe;
    std::copy(widths.begin(), widths.end(), probe.widths.begin());
    probe.embedDim = params.at("embed_dim").get<int>();
    probe.embedExtraStride = params.at("embed_extra_stride").get<int>();
    checkArchitecture(probe);
}

DskdDetector::~DskdDetector() = default;

DskdNetwork* DskdDetector::network() { return state_->net.get(); }

void DskdDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    const auto fitStart = Clock::now();
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("dskd needs at least two normal training images");
    const auto& p = s.params;
    const unsigned seed = p.at("seed").get<unsigned>();
    const int epochs = p.at("epochs").get<int>();
    const double budgetSeconds = 60.0 * p.at("max_minutes").get<double>();

    s.teacher = loadBackbone(info_.backbone);
    info_.backboneSha256 = s.teacher->weightsSha256();
    const DskdArchitecture arch = s.architectureFor(*s.teacher, info_.preprocess.width);

    // Validation split of the normal training images: it alone picks the checkpoint.
    std::mt19937 rng(seed);
    const IndexSplit split = splitForValidation(input.normal.size(), p.at("validation_fraction").get<double>(), 1, rng);
    const std::vector<std::int64_t>& trainIdx = split.train;
    const std::vector<std::int64_t>& validationIdx = split.validation;
    if (validationIdx.empty())
        logWarning("dskd: no validation split (fewer than 5 normal images or validation_fraction 0); "
                   "the last epoch is kept");

    const ProgressContext cacheProgress = progress.sub(0.0, 0.1);
    FeatureCache train = s.buildCache(input.normal, trainIdx, info_.preprocess, cacheProgress.sub(0.0, 0.9),
                                      "caching teacher features");
    FeatureCache validation = s.buildCache(input.normal, validationIdx, info_.preprocess, cacheProgress.sub(0.9, 1.0),
                                           "caching validation features");
    // Normalised targets weigh the taps' L2 terms alike (see State::teacherShift).
    s.teacherShift.clear();
    s.teacherScale.clear();
    for (std::size_t t = 0; t < s.taps.size(); ++t) {
        const torch::Tensor& f = train.teacher[t];
        torch::Tensor shift, scale;
        if (s.teacherNorm() == "channel") {
            shift = f.mean({0, 2, 3}, true);
            scale = f.std({0, 2, 3}, true, true);
            // Channels that never vary (dead ReLU6 units) would divide by zero.
            scale = scale.clamp_min(std::max(1e-6, 1e-3 * scale.mean().item<double>()));
        } else {
            shift = torch::zeros({1, f.size(1), 1, 1});
            scale = torch::full({1, f.size(1), 1, 1}, std::max(1e-6, std::sqrt(f.pow(2).mean().item<double>())));
        }
        s.teacherShift.push_back(shift);
        s.teacherScale.push_back(scale);
        train.teacher[t].sub_(shift).div_(scale);
        if (validation.size() > 0)
            validation.teacher[t].sub_(shift).div_(scale);
    }
    const double cacheSeconds = secondsSince(fitStart);

    torch::manual_seed(seed);
    s.net = std::make_unique<DskdNetwork>(arch);
    torch::optim::Adam optimizer(s.net->parameters(),
                                 torch::optim::AdamOptions(p.at("learning_rate").get<double>()));
    logInfo("dskd: " + std::to_string(trainIdx.size()) + " training + " + std::to_string(validationIdx.size())
            + " validation images, " + std::to_string(s.net->parameterCount()) + " student parameters, teacher cached in "
            + formatFixed(cacheSeconds, 1) + " s");

    const ProgressContext trainProgress = progress.sub(0.1, 1.0);
    const std::int64_t n = train.size();
    const int batch = s.batchSize();
    std::vector<std::int64_t> perm(static_cast<std::size_t>(n));
    nlohmann::json curve = nlohmann::json::array();
    BestEpoch best;
    int epochsRun = 0;
    std::string stoppedBy = "epochs";
    const auto trainStart = Clock::now();
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        const auto epochStart = Clock::now();
        s.net->train(true);
        std::iota(perm.begin(), perm.end(), 0);
        seededShuffle(perm, rng);
        double lossSum = 0;
        bool outOfTime = false;
        for (std::int64_t begin = 0; begin < n; begin += batch) {
            progress.checkCancelled();
            // Past the budget, a partly trained epoch is dropped (the best checkpoint stays).
            if (epochsRun > 0 && secondsSince(fitStart) > budgetSeconds) {
                outOfTime = true;
                break;
            }
            const std::int64_t end = std::min(n, begin + std::int64_t(batch));
            torch::Tensor idx = torch::from_blob(perm.data() + begin, {end - begin}, torch::kInt64).clone();
            std::vector<torch::Tensor> targets;
            for (const auto& t : train.teacher)
                targets.push_back(t.index_select(0, idx));
            auto outputs = s.net->forwardTraining(train.images.index_select(0, idx));
            torch::Tensor loss = studentLoss(targets, outputs.encoder, s.l2Weight())
                               + studentLoss(targets, outputs.decoder, s.l2Weight());
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<double>() * double(end - begin);
            trainProgress.report(std::max((double(epoch - 1) + double(end) / double(n)) / double(epochs),
                                          secondsSince(fitStart) / budgetSeconds),
                                 "training epoch " + std::to_string(epoch) + "/" + std::to_string(epochs));
        }
        if (outOfTime) {
            stoppedBy = "time budget";
            break;
        }
        ++epochsRun;
        const double trainLoss = lossSum / double(n);
        progress.metric("loss", epoch, trainLoss);
        nlohmann::json point = {{"epoch", epoch}, {"loss", trainLoss}};
        // The decoder's validation loss picks the checkpoint: only D scores anomalies.
        double criterion = trainLoss;
        std::string line = "dskd epoch " + std::to_string(epoch) + ": loss " + formatFixed(trainLoss, 4);
        if (validation.size() > 0) {
            State::SplitLoss v = s.evaluate(validation);
            criterion = v.decoder;
            progress.metric("val_loss", epoch, v.encoder + v.decoder);
            progress.metric("val_decoder_loss", epoch, v.decoder);
            progress.metric("val_decoder_cosine", epoch, v.decoderCosine);
            point["val_loss"] = v.encoder + v.decoder;
            point["val_decoder_loss"] = v.decoder;
            point["val_decoder_cosine"] = v.decoderCosine;
            line += ", validation E " + formatFixed(v.encoder, 4) + " D " + formatFixed(v.decoder, 4) + " (D cosine "
                  + formatFixed(v.decoderCosine, 4) + ")";
        }
        const double epochSeconds = secondsSince(epochStart);
        point["seconds"] = epochSeconds;
        curve.push_back(point);
        best.offer(epoch, criterion, validation.size() > 0, s.net->namedState());
        logInfo(line + ", " + formatFixed(epochSeconds, 1) + " s");
        // Stop before an epoch that would overrun the budget.
        if (epoch < epochs && secondsSince(fitStart) + epochSeconds > budgetSeconds) {
            stoppedBy = "time budget";
            break;
        }
    }
    best.restore(s.net->namedState());
    s.net->train(false);
    const double trainSeconds = secondsSince(trainStart);
    logInfo("dskd: " + std::to_string(epochsRun) + " epochs in " + formatFixed(trainSeconds / 60.0, 1) + " min (stopped by "
            + stoppedBy + "), keeping epoch " + std::to_string(best.epoch()));
    info_.provenance["dskd"] = {{"train_images", trainIdx.size()},
                                {"validation_images", validationIdx.size()},
                                {"parameters", s.net->parameterCount()},
                                {"cache_seconds", cacheSeconds},
                                {"train_seconds", trainSeconds},
                                {"epochs_run", epochsRun},
                                {"best_epoch", best.epoch()},
                                {"stopped_by", stoppedBy},
                                {"curve", curve}};
    progress.report(1.0, "students trained");
}

std::vector<Prediction> DskdDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.net || !s.teacher)
        throw Error("dskd model is not trained or loaded");
    if (images.empty())
        return {};
    const int width = info_.preprocess.width, height = info_.preprocess.height;
    const auto prepStart = Clock::now();
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = Clock::now();
    torch::Tensor maps;
    double teacherMs = 0;
    {
        torch::InferenceMode guard;
        std::vector<torch::Tensor> teacher = s.teacher->extract(batch, s.taps);
        teacherMs = 1000.0 * secondsSince(netStart);
        std::vector<torch::Tensor> reconstructed = s.net->reconstruct(batch);
        namespace F = torch::nn::functional;
        for (std::size_t t = 0; t < teacher.size(); ++t) {
            torch::Tensor target = (teacher[t] - s.teacherShift[t]) / s.teacherScale[t];
            torch::Tensor d = cosineDistanceMap(target, reconstructed[t]).unsqueeze(1);
            d = F::interpolate(d, F::InterpolateFuncOptions()
                                      .size(std::vector<std::int64_t>{height, width})
                                      .mode(torch::kBilinear)
                                      .align_corners(false));
            maps = t == 0 ? d : maps + d;
        }
    }
    const double netMs = 1000.0 * secondsSince(netStart);
    const auto mapStart = Clock::now();
    std::vector<Prediction> out;
    out.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        Prediction pred;
        // Already at the input size: upsampleAndSmooth only applies the Gaussian.
        pred.map = upsampleAndSmooth(tensorToMat(maps[std::int64_t(i)][0]), width, height, s.sigma());
        double maxValue = 0;
        cv::minMaxLoc(pred.map, nullptr, &maxValue);
        pred.score = float(maxValue);
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
    for (std::size_t t = 0; t < s.teacherShift.size(); ++t) {
        const std::vector<std::int64_t> shape{s.teacherShift[t].numel()};
        bundle.putFloats("dskd.teacher_norm." + std::to_string(t) + ".shift", shape, s.teacherShift[t].contiguous().data_ptr<float>());
        bundle.putFloats("dskd.teacher_norm." + std::to_string(t) + ".scale", shape, s.teacherScale[t].contiguous().data_ptr<float>());
    }
    const auto& a = s.net->architecture;
    bundle.header["method_state"] = {{"teacher_channels", a.teacherChannels},
                                     {"first_stride", a.firstStride},
                                     {"student_parameters", s.net->parameterCount()}};
}

void DskdDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    s.teacher = loadBackbone(info_.backbone, info_.backboneSha256);
    DskdArchitecture arch = s.architectureFor(*s.teacher, info_.preprocess.width);
    try {
        const auto& state = bundle.header.at("method_state");
        if (state.at("teacher_channels").get<std::array<int, 3>>() != arch.teacherChannels)
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
    std::vector<torch::Tensor> shift, scale;
    for (std::size_t t = 0; t < 3; ++t) {
        const int c = arch.teacherChannels[t];
        const std::string prefix = "dskd.teacher_norm." + std::to_string(t);
        shift.push_back(torch::tensor(floatsOf(prefix + ".shift", c)).reshape({1, c, 1, 1}));
        scale.push_back(torch::tensor(floatsOf(prefix + ".scale", c)).reshape({1, c, 1, 1}));
    }
    auto net = std::make_unique<DskdNetwork>(arch);
    loadState(bundle, "dskd.", net->namedState(), "dskd");
    net->train(false);
    s.net = std::move(net);
    s.teacherShift = std::move(shift);
    s.teacherScale = std::move(scale);
}

void registerDskd(DetectorRegistry& registry)
{
    MethodDescription d;
    d.name = "dskd";
    d.title = "DSKD (dual-student knowledge distillation)";
    d.summary = "Frozen MobileNetV2 teacher; student encoder, bottleneck embedding and student decoder; "
                "anomaly = 1 - cos(teacher, decoder) over three scales.";
    d.defaultParams = {
        {"image_size", 256},
        {"taps", {"features.3", "features.6", "features.13"}},
        {"widths", {24, 48, 96}},
        {"embed_dim", 96},
        {"embed_extra_stride", 2},
        {"epochs", 20},
        {"batch_size", 8},
        {"learning_rate", 0.001},
        {"l2_weight", 1.0},
        {"teacher_norm", "tap"},
        {"validation_fraction", 0.1},
        {"smoothing_sigma", 4.0},
        {"seed", 0},
        {"max_minutes", 25.0},
    };
    d.create = [](const nlohmann::json& params) { return std::make_unique<DskdDetector>(params); };
    registry.add(std::move(d));
}

} // namespace dl
