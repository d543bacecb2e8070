#include "methods/cse/CseDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "engine/DetectorRegistry.h"
#include "components/KMeans.h"
#include "engine/ModelBundle.h"
#include "components/ModuleState.h"
#include "components/TrainingSupport.h"
#include "components/TensorConvert.h"
#include "methods/cse/CseModel.h"
#include "synthesis/AnomalySynthesizer.h"
#include "synthesis/Random.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <random>

namespace dl {
namespace {

using Clock = SteadyClock;
namespace F = torch::nn::functional;

constexpr double kPi = 3.14159265358979323846;


// One-cycle schedule over `total` optimiser steps: cosine warm-up from `base` to
// `peak` during the first 30%, then cosine annealing down to base / 100.
double oneCycleRate(std::int64_t step, std::int64_t total, double base, double peak)
{
    const double warm = std::max(1.0, 0.3 * double(total));
    const double t = double(step);
    auto cosineRamp = [](double from, double to, double fraction) {
        return to + (from - to) * 0.5 * (1.0 + std::cos(kPi * std::clamp(fraction, 0.0, 1.0)));
    };
    if (t < warm)
        return cosineRamp(base, peak, t / warm);
    return cosineRamp(peak, base / 100.0, (t - warm) / std::max(1.0, double(total) - warm));
}

// Normal training images in memory: the resized RGB (the synthesizer's input) and
// the fused backbone features (the backbone is frozen, so it runs once per image).
struct NormalCache {
    std::vector<cv::Mat> rgb;       // CV_8UC3 at the working size
    torch::Tensor fused;            // [N,C,h,w] fused, scaled taps
    std::vector<std::string> category;

    std::int64_t size() const { return std::int64_t(rgb.size()); }
};

// Fixed validation pairs (partners already synthesised), so the validation loss of
// every epoch is measured on the same data.
struct ValidationPairs {
    torch::Tensor anchors, partners; // [M,C,h,w]
    torch::Tensor defectWeight;      // [M,1,hp,wp] on the pooled grid
    torch::Tensor partnerIsNormal;   // [M] bool

    std::int64_t size() const { return anchors.defined() ? anchors.size(0) : 0; }
};

} // namespace

struct CseDetector::State {
    nlohmann::json params;
    std::vector<std::string> taps;
    std::shared_ptr<FeatureExtractor> backbone;
    std::unique_ptr<CseNetwork> net;
    torch::Tensor tapScale; // [T] one RMS per tap over the training images
    torch::Tensor centres;  // k-means centres: [K,D] (bank positions) or [K,D*hp*wp] (bank map)

    template <typename T>
    T p(const char* key) const { return params.at(key).get<T>(); }
    int pool() const { return p<int>("pool"); }
    int batchSize() const { return std::max(1, p<int>("batch_size")); }

    CseArchitecture architectureFor(const FeatureExtractor& extractor, int imageSize) const
    {
        CseArchitecture a;
        a.widths = p<std::vector<int>>("widths");
        int fineStride = 0;
        for (std::size_t t = 0; t < taps.size(); ++t) {
            TapInfo info = extractor.tap(taps[t]);
            a.tapChannels.push_back(info.channels);
            if (t == 0)
                fineStride = info.stride;
            else if (info.stride < fineStride)
                throw Error("cse taps must be listed fine to coarse: " + taps[t] + " (stride "
                            + std::to_string(info.stride) + ") is finer than " + taps[0] + " (stride "
                            + std::to_string(fineStride) + ")");
        }
        const int cell = fineStride * pool();
        if (imageSize % cell != 0)
            throw Error("cse image_size must be a multiple of " + std::to_string(cell) + " (the stride of " + taps[0]
                        + " times pool), got " + std::to_string(imageSize));
        return a;
    }

    // Backbone -> fused, scaled taps, as an ordinary tensor (usable in autograd graphs).
    torch::Tensor fusedFeatures(const torch::Tensor& images) const
    {
        torch::Tensor fused;
        {
            torch::InferenceMode guard;
            std::vector<torch::Tensor> features = backbone->extract(images, taps);
            for (std::size_t t = 0; t < features.size(); ++t)
                features[t] = features[t] / tapScale[std::int64_t(t)];
            fused = fuseTaps(features);
        }
        return fused.clone(); // a clone made outside inference mode is a normal tensor
    }

    torch::Tensor pooled(const torch::Tensor& embedding) const
    {
        return pool() > 1 ? F::avg_pool2d(embedding, F::AvgPool2dFuncOptions(pool())) : embedding;
    }

    // The defect mask as the fraction of defective pixels per pooled cell, [1,1,hp,wp].
    torch::Tensor defectWeightOf(const cv::Mat& mask, std::int64_t hp, std::int64_t wp) const
    {
        cv::Mat fraction;
        cv::Mat unit;
        mask.convertTo(unit, CV_32F, 1.0 / 255.0);
        cv::resize(unit, fraction, cv::Size(int(wp), int(hp)), 0, 0, cv::INTER_AREA);
        torch::Tensor w = torch::from_blob(fraction.data, {1, 1, hp, wp}, torch::kFloat32).clone();
        if (p<std::string>("contrast_region") == "image")
            return torch::ones_like(w); // the paper: the whole defective image is pushed away
        return w;
    }

    struct Losses {
        torch::Tensor total, contrastive, decoder;
    };

    // Loss of a batch of pairs; anchors are normal, partners normal or defective.
    Losses pairLoss(const torch::Tensor& anchors, const torch::Tensor& partners, const torch::Tensor& defectWeight,
                    const torch::Tensor& partnerIsNormal) const
    {
        const std::int64_t b = anchors.size(0);
        torch::Tensor both = torch::cat({anchors, partners}, 0);
        torch::Tensor embedding = net->embedder->forward(both);
        torch::Tensor reduced = pooled(embedding);
        Losses l;
        l.contrastive = contrastiveCosineLoss(reduced.slice(0, 0, b), reduced.slice(0, b, 2 * b), defectWeight);
        // The decoder only ever sees normal images' embeddings.
        torch::Tensor normalRows = torch::cat({torch::ones({b}, torch::kBool), partnerIsNormal}).nonzero().squeeze(1);
        torch::Tensor normalEmbedding = embedding.index_select(0, normalRows);
        torch::Tensor targets = both.index_select(0, normalRows);
        const auto& channels = net->architecture.tapChannels;
        std::vector<std::int64_t> split(channels.begin(), channels.end());
        l.decoder = decoderCosineLoss(net->decoder->forward(normalEmbedding), targets.split_with_sizes(split, 1));
        l.total = p<double>("contrastive_weight") * l.contrastive + l.decoder;
        return l;
    }

    bool mapBank() const { return p<std::string>("bank") == "map"; }

    // Pooled embeddings, unit length at every position, [N,D,hp,wp], eval mode.
    torch::Tensor unitEmbeddings(const torch::Tensor& fused) const
    {
        return F::normalize(pooled(net->embedder->forward(fused)), F::NormalizeFuncOptions().dim(1).eps(1e-8));
    }

    // What k-means clusters: "map" one point per image (its whole embedding map, so a
    // centre is a reference map compared position by position, as the pairs were in
    // training); "positions" one point per position, wherever it lies.
    torch::Tensor bankPoints(const torch::Tensor& fused) const
    {
        torch::Tensor e = unitEmbeddings(fused);
        if (mapBank())
            return e.reshape({e.size(0), -1});
        return e.permute({0, 2, 3, 1}).reshape({-1, e.size(1)});
    }

    // Per-position distance 1 - cos to the nearest centre, [N,hp,wp].
    torch::Tensor distanceMaps(const torch::Tensor& fused) const
    {
        torch::Tensor e = unitEmbeddings(fused);
        const auto n = e.size(0), d = e.size(1), h = e.size(2), w = e.size(3);
        const auto unitOptions = F::NormalizeFuncOptions().dim(1).eps(1e-8);
        if (mapBank()) {
            // Centre maps re-normalised per position; the nearest centre is taken per position.
            torch::Tensor c = F::normalize(centres.reshape({-1, d, h, w}), unitOptions);
            torch::Tensor cosine = (e.unsqueeze(1) * c.unsqueeze(0)).sum(2); // [N,K,h,w]
            return 1.0 - std::get<0>(cosine.max(1));
        }
        torch::Tensor unit = e.permute({0, 2, 3, 1}).reshape({-1, d});
        torch::Tensor nearest = std::get<0>(unit.matmul(F::normalize(centres, unitOptions).t()).max(1));
        return (1.0 - nearest).reshape({n, h, w});
    }

};

CseDetector::CseDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    State& s = *state_;
    s.params = params;
    s.taps = params.at("taps").get<std::vector<std::string>>();
    if (s.taps.empty() || s.taps.size() > 3)
        throw Error("cse taps must name one to three backbone feature maps (fine to coarse), got "
                    + std::to_string(s.taps.size()));
    const int size = params.at("image_size").get<int>();
    if (size < 32 || size > 2048 || size % 32 != 0)
        throw Error("cse image_size must be a multiple of 32 within 32..2048, got " + std::to_string(size));
    info_.preprocess.width = size;
    info_.preprocess.height = size;
    const int pool = params.at("pool").get<int>();
    if (pool < 1 || pool > 4)
        throw Error("cse pool must be within 1..4 (the bank's average-pooling factor), got " + std::to_string(pool));
    if (params.at("epochs").get<int>() < 1)
        throw Error("cse epochs must be at least 1");
    if (params.at("batch_size").get<int>() < 1)
        throw Error("cse batch_size must be at least 1");
    const double lr = params.at("learning_rate").get<double>(), peak = params.at("max_learning_rate").get<double>();
    if (!(lr > 0.0))
        throw Error("cse learning_rate must be positive");
    if (!(peak >= lr))
        throw Error("cse max_learning_rate (the one-cycle peak) must be at least learning_rate");
    if (!(params.at("max_minutes").get<double>() > 0.0))
        throw Error("cse max_minutes must be positive");
    if (params.at("smoothing_sigma").get<double>() < 0.0)
        throw Error("cse smoothing_sigma must not be negative");
    if (params.at("contrastive_weight").get<double>() < 0.0)
        throw Error("cse contrastive_weight must not be negative");
    const double defectProbability = params.at("defect_probability").get<double>();
    if (!(defectProbability >= 0.0 && defectProbability <= 1.0))
        throw Error("cse defect_probability must be within 0..1, got " + std::to_string(defectProbability));
    const double validation = params.at("validation_fraction").get<double>();
    if (!(validation >= 0.0 && validation <= 0.5))
        throw Error("cse validation_fraction must be within 0..0.5, got " + std::to_string(validation));
    const int clusters = params.at("clusters").get<int>();
    if (clusters < 1 || clusters > 4096)
        throw Error("cse clusters must be within 1..4096, got " + std::to_string(clusters));
    const std::string region = params.at("contrast_region").get<std::string>();
    if (region != "mask" && region != "image")
        throw Error("cse contrast_region must be mask or image, got '" + region + "'");
    const std::string bank = params.at("bank").get<std::string>();
    if (bank != "map" && bank != "positions")
        throw Error("cse bank must be map or positions, got '" + bank + "'");
    const std::string score = params.at("image_score").get<std::string>();
    if (score != "max" && score != "mean")
        throw Error("cse image_score must be max or mean, got '" + score + "'");
    (void)params.at("object_foreground").get<bool>();
    (void)params.at("texture_dir").get<std::string>();
    (void)params.at("seed").get<unsigned>();
    // Embedder settings fail here, before any work (the taps' widths are checked at fit/load).
    CseArchitecture probe;
    probe.widths = params.at("widths").get<std::vector<int>>();
    checkArchitecture(probe);
}

CseDetector::~CseDetector() = default;

CseNetwork* CseDetector::network() { return state_->net.get(); }

int CseDetector::bankSize() const
{
    return state_->centres.defined() ? int(state_->centres.size(0)) : 0;
}

void CseDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    const auto fitStart = Clock::now();
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("cse needs at least two normal training images (it trains on pairs of different images)");
    const unsigned seed = s.p<unsigned>("seed");
    const int epochs = s.p<int>("epochs");
    const double budgetSeconds = 60.0 * s.p<double>("max_minutes");
    const int batch = s.batchSize();

    s.backbone = loadBackbone(info_.backbone);
    info_.backboneSha256 = s.backbone->weightsSha256();
    const CseArchitecture arch = s.architectureFor(*s.backbone, info_.preprocess.width);

    // Validation split of the normal training images: it alone picks the checkpoint.
    std::mt19937 rng(seed);
    const IndexSplit split = splitForValidation(input.normal.size(), s.p<double>("validation_fraction"), 2, rng);
    const std::vector<std::int64_t>& trainIdx = split.train;
    const std::vector<std::int64_t>& validationIdx = split.validation;
    if (validationIdx.empty())
        logWarning("cse: no validation split (fewer than 5 normal images or validation_fraction 0); "
                   "the last epoch is kept");

    // 1. Decode, resize and run the backbone once per normal image.
    const ProgressContext cacheProgress = progress.sub(0.0, 0.1);
    auto buildCache = [&](const std::vector<std::int64_t>& indices, double p0, double p1, const std::string& stage) {
        NormalCache cache;
        std::vector<torch::Tensor> parts;
        for (std::size_t begin = 0; begin < indices.size(); begin += std::size_t(batch)) {
            progress.checkCancelled();
            cacheProgress.report(p0 + (p1 - p0) * double(begin) / double(indices.size()), stage);
            const std::size_t end = std::min(indices.size(), begin + std::size_t(batch));
            std::vector<cv::Mat> resized;
            for (std::size_t i = begin; i < end; ++i) {
                const Sample& sample = input.normal[std::size_t(indices[i])];
                resized.push_back(info_.preprocess.resize(loadImageRgb(sample.path)));
                cache.category.push_back(sample.category);
            }
            parts.push_back(s.fusedFeatures(imagesToTensor(resized, info_.preprocess)));
            cache.rgb.insert(cache.rgb.end(), resized.begin(), resized.end());
        }
        if (!parts.empty())
            cache.fused = torch::cat(parts, 0);
        return cache;
    };
    // Tap scales first (from a few training images), so that every cached feature is scaled alike:
    // the deeper tap's activations are several times larger and would dominate the embedder's input.
    s.tapScale = torch::ones({std::int64_t(s.taps.size())});
    {
        std::vector<cv::Mat> probe;
        for (std::size_t i = 0; i < std::min<std::size_t>(trainIdx.size(), 16); ++i)
            probe.push_back(loadImageRgb(input.normal[std::size_t(trainIdx[i])].path));
        torch::InferenceMode guard;
        std::vector<torch::Tensor> features = s.backbone->extract(imagesToTensor(probe, info_.preprocess), s.taps);
        std::vector<float> scales;
        for (const auto& f : features)
            scales.push_back(float(std::max(1e-6, std::sqrt(f.pow(2).mean().item<double>()))));
        s.tapScale = torch::tensor(scales);
    }
    NormalCache train = buildCache(trainIdx, 0.0, 0.85, "caching backbone features");
    NormalCache validationImages = buildCache(validationIdx, 0.85, 0.9, "caching validation features");
    const std::int64_t h = train.fused.size(2), w = train.fused.size(3);
    const std::int64_t hp = h / s.pool(), wp = w / s.pool();

    // 2. Synthetic defects: texture paste (beta 1, as CSE), structural and blurry, equally likely.
    const std::vector<std::string> textures = locateOutlierTextures(s.p<std::string>("texture_dir"));
    if (textures.empty())
        logWarning("cse: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); "
                   "texture-paste defects fall back to structural ones");
    SynthesisOptions synthesisOptions;
    synthesisOptions.betaMin = synthesisOptions.betaMax = 1.0;
    synthesisOptions.objectForeground = s.p<bool>("object_foreground");
    AnomalySynthesizer synthesizer(textures, seed + 1, synthesisOptions);
    const double defectProbability = s.p<double>("defect_probability");

    // Partners come from the anchor's own category (a unified model must not pull a
    // bottle's embedding towards a tile's).
    auto partnerOf = [&](const NormalCache& cache, std::int64_t anchor, std::mt19937& draw) {
        std::vector<std::int64_t> candidates;
        for (std::int64_t j = 0; j < cache.size(); ++j)
            if (j != anchor && cache.category[std::size_t(j)] == cache.category[std::size_t(anchor)])
                candidates.push_back(j);
        if (candidates.empty())
            for (std::int64_t j = 0; j < cache.size(); ++j)
                if (j != anchor)
                    candidates.push_back(j);
        return candidates[randomBelow(draw, std::uint32_t(candidates.size()))];
    };

    struct PairBatch {
        torch::Tensor anchors, partners, defectWeight, partnerIsNormal;
    };
    // Pairs (anchor, other image of the same category); each partner made defective with defectProbability.
    auto makePairs = [&](const NormalCache& cache, const std::vector<std::int64_t>& anchors, std::mt19937& draw,
                         AnomalySynthesizer& synth) {
        PairBatch b;
        const auto n = std::int64_t(anchors.size());
        torch::Tensor anchorIdx = torch::tensor(anchors, torch::kInt64);
        b.anchors = cache.fused.index_select(0, anchorIdx);
        std::vector<std::int64_t> partnerIdx;
        std::vector<cv::Mat> defective;
        std::vector<std::int64_t> defectiveRows;
        b.defectWeight = torch::zeros({n, 1, hp, wp});
        std::vector<bool> normal(std::size_t(n), true);
        for (std::int64_t i = 0; i < n; ++i) {
            partnerIdx.push_back(partnerOf(cache, anchors[std::size_t(i)], draw));
            if (randomUnit(draw) < defectProbability) {
                SyntheticAnomaly a = synth.makeRandom(cache.rgb[std::size_t(partnerIdx.back())]);
                defective.push_back(a.image);
                defectiveRows.push_back(i);
                b.defectWeight[i].copy_(s.defectWeightOf(a.mask, hp, wp)[0]);
                normal[std::size_t(i)] = false;
            }
        }
        b.partners = cache.fused.index_select(0, torch::tensor(partnerIdx, torch::kInt64));
        if (!defective.empty()) {
            torch::Tensor features = s.fusedFeatures(imagesToTensor(defective, info_.preprocess));
            b.partners.index_copy_(0, torch::tensor(defectiveRows, torch::kInt64), features);
        }
        b.partnerIsNormal = torch::zeros({n}, torch::kBool);
        for (std::int64_t i = 0; i < n; ++i)
            b.partnerIsNormal[i] = bool(normal[std::size_t(i)]);
        return b;
    };

    // Fixed validation pairs, synthesised once with their own seed.
    ValidationPairs validation;
    if (validationImages.size() >= 2) {
        progress.report(0.09, "synthesising validation defects");
        std::mt19937 validationDraw(seed + 2);
        AnomalySynthesizer validationSynth(textures, seed + 3, synthesisOptions);
        std::vector<std::int64_t> all(std::size_t(validationImages.size()));
        std::iota(all.begin(), all.end(), 0);
        PairBatch b = makePairs(validationImages, all, validationDraw, validationSynth);
        validation.anchors = b.anchors;
        validation.partners = b.partners;
        validation.defectWeight = b.defectWeight;
        validation.partnerIsNormal = b.partnerIsNormal;
    }
    const double cacheSeconds = secondsSince(fitStart);

    // 3. Train the embedder (the decoder stays as initialised).
    torch::manual_seed(seed);
    s.net = std::make_unique<CseNetwork>(arch);
    const double baseRate = s.p<double>("learning_rate"), peakRate = s.p<double>("max_learning_rate");
    torch::optim::Adam optimizer(s.net->trainableParameters(), torch::optim::AdamOptions(baseRate));
    logInfo("cse: " + std::to_string(trainIdx.size()) + " training + " + std::to_string(validationIdx.size())
            + " validation images, " + std::to_string(textures.size()) + " outlier textures, "
            + std::to_string(s.net->trainableParameterCount()) + " embedder parameters, backbone cached in "
            + formatFixed(cacheSeconds, 1) + " s");

    auto evaluate = [&]() {
        torch::NoGradGuard noGrad;
        s.net->train(false);
        State::Losses sum{torch::zeros({}), torch::zeros({}), torch::zeros({})};
        const std::int64_t m = validation.size();
        for (std::int64_t begin = 0; begin < m; begin += batch) {
            const std::int64_t end = std::min(m, begin + std::int64_t(batch));
            State::Losses l = s.pairLoss(validation.anchors.slice(0, begin, end), validation.partners.slice(0, begin, end),
                                         validation.defectWeight.slice(0, begin, end),
                                         validation.partnerIsNormal.slice(0, begin, end));
            const double weight = double(end - begin) / double(m);
            sum.total += weight * l.total;
            sum.contrastive += weight * l.contrastive;
            sum.decoder += weight * l.decoder;
        }
        return sum;
    };

    const ProgressContext trainProgress = progress.sub(0.1, 0.95);
    const std::int64_t n = train.size();
    const std::int64_t stepsPerEpoch = (n + batch - 1) / batch;
    // The one-cycle schedule spans the epochs that will actually run: after the first
    // epoch the budget's share is known, and a schedule cut short by the budget would
    // end at its peak rate instead of annealed.
    int plannedEpochs = epochs;
    std::int64_t totalSteps = stepsPerEpoch * plannedEpochs;
    std::int64_t step = 0;
    double synthesisSeconds = 0;
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
        double lossSum = 0, contrastiveSum = 0, decoderSum = 0;
        bool outOfTime = false;
        for (std::int64_t begin = 0; begin < n; begin += batch) {
            progress.checkCancelled();
            // Past the budget, a partly trained epoch is dropped (the best checkpoint stays).
            if (epochsRun > 0 && secondsSince(fitStart) > budgetSeconds) {
                outOfTime = true;
                break;
            }
            const std::int64_t end = std::min(n, begin + std::int64_t(batch));
            // BatchNorm in train mode needs two rows at least; pairs give 2x the anchors.
            std::vector<std::int64_t> anchors(perm.begin() + begin, perm.begin() + end);
            const auto synthesisStart = Clock::now();
            PairBatch b = makePairs(train, anchors, rng, synthesizer);
            synthesisSeconds += secondsSince(synthesisStart);
            const double rate = oneCycleRate(step++, totalSteps, baseRate, peakRate);
            for (auto& group : optimizer.param_groups())
                static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
            State::Losses l = s.pairLoss(b.anchors, b.partners, b.defectWeight, b.partnerIsNormal);
            optimizer.zero_grad();
            l.total.backward();
            optimizer.step();
            const double rows = double(end - begin);
            lossSum += l.total.item<double>() * rows;
            contrastiveSum += l.contrastive.item<double>() * rows;
            decoderSum += l.decoder.item<double>() * rows;
            trainProgress.report(std::max((double(epoch - 1) + double(end) / double(n)) / double(epochs),
                                          secondsSince(fitStart) / budgetSeconds),
                                 "training epoch " + std::to_string(epoch) + "/" + std::to_string(epochs));
        }
        if (outOfTime) {
            stoppedBy = "time budget";
            break;
        }
        ++epochsRun;
        // Planned after epoch 1 and again after epoch 2: the first epoch also decodes the
        // outlier textures (loaded lazily), so it overstates the cost of the others.
        if ((epoch == 1 || epoch == 2) && epochs > epoch) {
            const double perEpoch = secondsSince(epochStart);
            const double left = budgetSeconds - secondsSince(fitStart);
            plannedEpochs = std::clamp(epoch + int(std::floor(left / std::max(1e-3, perEpoch))), epoch, epochs);
            totalSteps = stepsPerEpoch * plannedEpochs;
            if (plannedEpochs < epochs && epoch == 2)
                logInfo("cse: the time budget allows about " + std::to_string(plannedEpochs) + " of " + std::to_string(epochs)
                        + " epochs; the learning-rate schedule is fitted to them");
        }
        const double trainLoss = lossSum / double(n);
        progress.metric("loss", epoch, trainLoss);
        progress.metric("learning_rate", epoch, oneCycleRate(step, totalSteps, baseRate, peakRate));
        progress.metric("contrastive_loss", epoch, contrastiveSum / double(n));
        progress.metric("decoder_loss", epoch, decoderSum / double(n));
        nlohmann::json point = {{"epoch", epoch},
                                {"loss", trainLoss},
                                {"contrastive_loss", contrastiveSum / double(n)},
                                {"decoder_loss", decoderSum / double(n)}};
        double criterion = trainLoss;
        std::string line = "cse epoch " + std::to_string(epoch) + ": loss " + formatFixed(trainLoss, 4) + " (contrastive "
                         + formatFixed(contrastiveSum / double(n), 4) + ", decoder " + formatFixed(decoderSum / double(n), 4) + ")";
        if (validation.size() > 0) {
            State::Losses v = evaluate();
            criterion = v.total.item<double>();
            progress.metric("val_loss", epoch, criterion);
            progress.metric("val_contrastive_loss", epoch, v.contrastive.item<double>());
            progress.metric("val_decoder_loss", epoch, v.decoder.item<double>());
            point["val_loss"] = criterion;
            point["val_contrastive_loss"] = v.contrastive.item<double>();
            point["val_decoder_loss"] = v.decoder.item<double>();
            line += ", validation " + formatFixed(criterion, 4) + " (contrastive " + formatFixed(v.contrastive.item<double>(), 4)
                  + ", decoder " + formatFixed(v.decoder.item<double>(), 4) + ")";
        }
        const double epochSeconds = secondsSince(epochStart);
        point["seconds"] = epochSeconds;
        curve.push_back(point);
        best.offer(epoch, criterion, validation.size() > 0, s.net->namedState());
        logInfo(line + ", " + formatFixed(epochSeconds, 1) + " s (synthesis + backbone " + formatFixed(synthesisSeconds, 1) + " s)");
        synthesisSeconds = 0;
        // Stop before an epoch that would overrun the budget, or once the schedule fitted
        // to the budget has annealed (later epochs would run at the floor rate).
        if (epoch < epochs && (epoch >= plannedEpochs || secondsSince(fitStart) + epochSeconds > budgetSeconds)) {
            stoppedBy = "time budget";
            break;
        }
    }
    best.restore(s.net->namedState());
    s.net->train(false);
    const double trainSeconds = secondsSince(trainStart);

    // 4. The bank: k-means centres of the pooled embeddings of every normal fit image.
    progress.checkCancelled();
    progress.report(0.95, "building the k-means bank");
    const auto bankStart = Clock::now();
    torch::Tensor points;
    {
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> parts;
        for (const NormalCache* cache : {&train, &validationImages})
            for (std::int64_t begin = 0; begin < cache->size(); begin += batch)
                parts.push_back(s.bankPoints(cache->fused.slice(0, begin, std::min(cache->size(), begin + batch))));
        points = torch::cat(parts, 0).contiguous();
    }
    const int dim = int(points.size(1));
    std::vector<float> centres = kmeansCentres(points.data_ptr<float>(), points.size(0), dim, s.p<int>("clusters"), seed);
    const std::int64_t k = std::int64_t(centres.size()) / dim;
    s.centres = torch::from_blob(centres.data(), {k, dim}, torch::kFloat32).clone();
    const double bankSeconds = secondsSince(bankStart);

    logInfo("cse: " + std::to_string(epochsRun) + " epochs in " + formatFixed(trainSeconds / 60.0, 1) + " min (stopped by "
            + stoppedBy + "), keeping epoch " + std::to_string(best.epoch()) + "; bank of " + std::to_string(k)
            + " centres from " + std::to_string(points.size(0)) + " embeddings in " + formatFixed(bankSeconds, 1) + " s");
    info_.provenance["cse"] = {{"train_images", trainIdx.size()},
                               {"validation_images", validationIdx.size()},
                               {"outlier_textures", textures.size()},
                               {"parameters", s.net->trainableParameterCount()},
                               {"cache_seconds", cacheSeconds},
                               {"train_seconds", trainSeconds},
                               {"bank_seconds", bankSeconds},
                               {"bank_centres", k},
                               {"epochs_run", epochsRun},
                               {"epochs_planned", plannedEpochs},
                               {"best_epoch", best.epoch()},
                               {"stopped_by", stoppedBy},
                               {"curve", curve}};
    progress.report(1.0, "embedder trained, bank built");
}

std::vector<Prediction> CseDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.net || !s.backbone || !s.centres.defined())
        throw Error("cse model is not trained or loaded");
    if (images.empty())
        return {};
    const int width = info_.preprocess.width, height = info_.preprocess.height;
    const auto prepStart = Clock::now();
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = Clock::now();
    torch::Tensor maps;
    {
        torch::InferenceMode guard;
        std::vector<torch::Tensor> features = s.backbone->extract(batch, s.taps);
        for (std::size_t t = 0; t < features.size(); ++t)
            features[t] = features[t] / s.tapScale[std::int64_t(t)];
        maps = s.distanceMaps(fuseTaps(features)).contiguous();
    }
    const double netMs = 1000.0 * secondsSince(netStart);
    const bool meanScore = s.p<std::string>("image_score") == "mean";
    std::vector<Prediction> out;
    out.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        Prediction pred;
        const cv::Mat grid = tensorToMat(maps[std::int64_t(i)]);
        pred.map = upsampleAndSmooth(grid, width, height, s.p<double>("smoothing_sigma"));
        if (meanScore) {
            pred.score = float(cv::mean(grid)[0]); // the paper's image score
        } else {
            double maxValue = 0;
            cv::minMaxLoc(pred.map, nullptr, &maxValue);
            pred.score = float(maxValue);
        }
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
    if (!s.net || !s.centres.defined())
        throw Error("cannot save an untrained cse model");
    putState(bundle, "cse.", s.net->namedState());
    putState(bundle, "cse.", {{"tap_scale", s.tapScale}, {"centres", s.centres}});
    bundle.header["method_state"] = {{"tap_channels", s.net->architecture.tapChannels},
                                     {"bank_centres", s.centres.size(0)},
                                     {"embedder_parameters", s.net->trainableParameterCount()}};
}

void CseDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    s.backbone = loadBackbone(info_.backbone, info_.backboneSha256);
    CseArchitecture arch = s.architectureFor(*s.backbone, info_.preprocess.width);
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
    if (tapScale.dim() != 1 || tapScale.size(0) != std::int64_t(s.taps.size()))
        throw Error("cse tap scales in the bundle do not match the taps");
    torch::Tensor centres = tensorOf("cse.centres");
    if (centres.dim() != 2 || centres.size(0) < 1 || centres.size(1) % arch.widths.back() != 0
        || (!s.mapBank() && centres.size(1) != arch.widths.back()))
        throw Error("cse bank in the bundle does not match the embedding width");
    auto net = std::make_unique<CseNetwork>(arch);
    loadState(bundle, "cse.", net->namedState(), "cse");
    net->train(false);
    s.net = std::move(net);
    s.tapScale = tapScale;
    s.centres = centres;
}

void registerCse(DetectorRegistry& registry)
{
    MethodDescription d;
    d.name = "cse";
    d.title = "CSE (contrastively selected embedding)";
    d.summary = "1x1-conv embedder on deep MobileNetV2 features, trained contrastively on normal and synthetic "
                "defect pairs with a frozen random decoder; anomaly = cosine distance to the nearest k-means centre.";
    d.defaultParams = {
        {"image_size", 256},
        {"taps", {"features.13", "features.17"}},
        {"widths", {256, 128, 64}},
        {"pool", 2},
        {"epochs", 50},
        {"batch_size", 8},
        {"learning_rate", 0.0004},
        {"max_learning_rate", 0.004},
        {"contrastive_weight", 10.0},
        {"defect_probability", 0.5},
        {"contrast_region", "mask"},
        {"bank", "map"},
        {"clusters", 8},
        {"image_score", "max"},
        {"validation_fraction", 0.2},
        {"smoothing_sigma", 4.0},
        {"object_foreground", false},
        {"texture_dir", ""},
        {"seed", 0},
        {"max_minutes", 25.0},
    };
    d.create = [](const nlohmann::json& params) { return std::make_unique<CseDetector>(params); };
    registry.add(std::move(d));
}

} // namespace dl
