#include "methods/patchcore/PatchCoreDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "components/Coreset.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "components/NearestNeighbours.h"
#include "components/TensorConvert.h"
#include "components/PatchFeatures.h"

#include <chrono>
#include <cmath>

namespace dl {

struct PatchCoreDetector::State {
    nlohmann::json params;
    PatchFeatureSpec featureSpec;
    std::unique_ptr<PatchFeatureExtractor> features;
    NearestNeighbourIndex bank;
    NearestNeighbourOptions searchOptions;
    int gridH = 0, gridW = 0;

    double coresetRatio() const { return params.at("coreset_ratio").get<double>(); }
    int reweightNeighbours() const { return params.at("reweight_neighbours").get<int>(); }
    double sigma() const { return params.at("smoothing_sigma").get<double>(); }
    std::string imageScore() const { return params.at("image_score").get<std::string>(); }
};

PatchCoreDetector::PatchCoreDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    state_->params = params;
    state_->featureSpec = PatchFeatureSpec::fromParams(params);
    state_->searchOptions.kind = params.at("search").get<std::string>();
    state_->searchOptions.hnswEfSearch = params.at("hnsw_ef_search").get<int>();
    if (state_->searchOptions.kind != "exact" && state_->searchOptions.kind != "hnsw")
        throw Error("patchcore search must be exact or hnsw, got '" + state_->searchOptions.kind + "'");
    const int size = params.at("image_size").get<int>();
    if (size < 32 || size > 2048)
        throw Error("patchcore image_size must be within 32..2048, got " + std::to_string(size));
    const std::string imageScore = params.at("image_score").get<std::string>();
    if (imageScore != "map_max" && imageScore != "patch_max" && imageScore != "reweighted")
        throw Error("patchcore image_score must be map_max, patch_max or reweighted, got '" + imageScore + "'");
    info_.preprocess.width = size;
    info_.preprocess.height = size;
    const double ratio = params.at("coreset_ratio").get<double>();
    if (!(ratio > 0.0 && ratio <= 1.0))
        throw Error("patchcore coreset_ratio must be in (0, 1], got " + std::to_string(ratio));
}

PatchCoreDetector::~PatchCoreDetector() = default;

std::int64_t PatchCoreDetector::memoryBankSize() const { return state_->bank.size(); }

void PatchCoreDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    using Clock = std::chrono::steady_clock;
    if (input.normal.empty())
        throw Error("patchcore needs at least one normal training image");
    State& s = *state_;
    auto backbone = loadBackbone(info_.backbone);
    info_.backboneSha256 = backbone->weightsSha256();
    s.features = std::make_unique<PatchFeatureExtractor>(backbone, s.featureSpec);

    // 1. Patch features of every normal image, streamed in small batches.
    const int batchSize = std::max(1, s.params.at("batch_size").get<int>());
    const int dim = s.features->dim();
    std::vector<float> all;
    const auto extractStart = Clock::now();
    for (std::size_t begin = 0; begin < input.normal.size(); begin += std::size_t(batchSize)) {
        progress.checkCancelled();
        const std::size_t end = std::min(input.normal.size(), begin + std::size_t(batchSize));
        progress.report(0.4 * double(begin) / double(input.normal.size()), "extracting patch features");
        std::vector<cv::Mat> images;
        for (std::size_t i = begin; i < end; ++i)
            images.push_back(loadImageRgb(input.normal[i].path));
        torch::Tensor batch = imagesToTensor(images, info_.preprocess);
        torch::Tensor f = s.features->extract(batch, s.gridH, s.gridW);
        all.insert(all.end(), f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
    }
    const std::int64_t count = std::int64_t(all.size()) / dim;
    const double extractSeconds = std::chrono::duration<double>(Clock::now() - extractStart).count();

    // 2. Greedy coreset on a random projection.
    const auto coresetStart = Clock::now();
    CoresetOptions coreset;
    coreset.targetSize = std::max<std::int64_t>(1, std::int64_t(std::llround(s.coresetRatio() * double(count))));
    coreset.projectionDim = s.params.at("projection_dim").get<int>();
    coreset.seed = s.params.at("seed").get<unsigned>();
    std::vector<std::int64_t> keep = greedyCoreset(all.data(), count, dim, coreset, progress.sub(0.4, 0.95));
    std::vector<float> bank(keep.size() * std::size_t(dim));
    for (std::size_t i = 0; i < keep.size(); ++i)
        std::copy_n(all.data() + keep[i] * dim, dim, bank.data() + i * std::size_t(dim));
    all.clear();
    all.shrink_to_fit();
    const double coresetSeconds = std::chrono::duration<double>(Clock::now() - coresetStart).count();

    // 3. Searchable memory bank.
    progress.report(0.95, "building nearest-neighbour index");
    const auto indexStart = Clock::now();
    s.bank.build(bank.data(), std::int64_t(keep.size()), dim, s.searchOptions);
    const double indexSeconds = std::chrono::duration<double>(Clock::now() - indexStart).count();
    logInfo("patchcore: " + std::to_string(count) + " patches -> memory bank of " + std::to_string(keep.size())
            + " x " + std::to_string(dim) + " (features " + std::to_string(extractSeconds) + " s, coreset "
            + std::to_string(coresetSeconds) + " s, index " + std::to_string(indexSeconds) + " s)");
    info_.provenance["patchcore"] = {{"patches", count}, {"memory_bank", keep.size()}, {"dim", dim},
                                     {"feature_seconds", extractSeconds}, {"coreset_seconds", coresetSeconds},
                                     {"index_seconds", indexSeconds}};
    progress.report(1.0, "memory bank ready");
}

std::vector<Prediction> PatchCoreDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.features || s.bank.empty())
        throw Error("patchcore model is not trained or loaded");
    const auto prepStart = std::chrono::steady_clock::now();
    torch::Tensor batch = imagesToTensor(images, info_.preprocess);
    const auto netStart = std::chrono::steady_clock::now();
    int gh = 0, gw = 0;
    torch::Tensor f = s.features->extract(batch, gh, gw);
    const double netMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - netStart).count();

    const int dim = s.features->dim();
    const std::int64_t patches = std::int64_t(gh) * gw;
    std::vector<Prediction> out;
    std::vector<float> distances(static_cast<std::size_t>(patches));
    std::vector<std::int64_t> nearest(static_cast<std::size_t>(patches));
    for (std::size_t n = 0; n < images.size(); ++n) {
        const float* queries = f.data_ptr<float>() + std::int64_t(n) * patches * dim;
        s.bank.search(queries, patches, 1, distances.data(), nearest.data());
        cv::Mat grid(gh, gw, CV_32FC1);
        float* g = grid.ptr<float>();
        std::int64_t worst = 0;
        for (std::int64_t p = 0; p < patches; ++p) {
            g[p] = std::sqrt(std::max(0.0f, distances[std::size_t(p)]));
            if (g[p] > g[worst]) worst = p;
        }
        // PatchCore's image score: the largest patch distance, down-weighted when the
        // matched memory sits in a dense neighbourhood (the paper's reweighting).
        float score = g[worst];
        const int b = s.reweightNeighbours();
        if (s.imageScore() == "reweighted" && b > 1) {
            const std::int64_t matched = nearest[std::size_t(worst)];
            std::vector<float> nd(static_cast<std::size_t>(b));
            std::vector<std::int64_t> nid(static_cast<std::size_t>(b));
            s.bank.search(s.bank.vector(matched), 1, b, nd.data(), nid.data());
            const float* q = queries + worst * dim;
            std::vector<double> dist;
            for (int j = 0; j < b; ++j) {
                if (nid[std::size_t(j)] < 0) continue;
                const float* m = s.bank.vector(nid[std::size_t(j)]);
                double d = 0;
                for (int k = 0; k < dim; ++k) d += double(q[k] - m[k]) * double(q[k] - m[k]);
                dist.push_back(std::sqrt(d));
            }
            if (!dist.empty()) {
                // exp(a)/sum(exp(b)) computed as 1/sum(exp(b-a)) for numerical stability.
                const double a = g[worst];
                double denominator = 0;
                for (double d : dist) denominator += std::exp(d - a);
                const double weight = 1.0 - 1.0 / std::max(denominator, 1.0);
                score = float(weight * a);
            }
        }
        const auto searchEnd = std::chrono::steady_clock::now();
        Prediction pred;
        pred.map = upsampleAndSmooth(grid, info_.preprocess.width, info_.preprocess.height, s.sigma());
        if (s.imageScore() == "map_max") {
            // Maximum of the smoothed map: a single noisy patch counts less than a defect blob.
            double maxValue = 0;
            cv::minMaxLoc(pred.map, nullptr, &maxValue);
            score = float(maxValue);
        }
        pred.score = score;
        logDebug("patchcore timing ms: preprocess " + std::to_string(std::chrono::duration<double, std::milli>(netStart - prepStart).count())
                 + " network " + std::to_string(netMs) + " search+score " + std::to_string(std::chrono::duration<double, std::milli>(searchEnd - netStart).count() - netMs)
                 + " map " + std::to_string(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - searchEnd).count()));
        pred.networkMs = netMs / double(images.size());
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
    s.features = std::make_unique<PatchFeatureExtractor>(backbone, s.featureSpec);
    std::vector<std::int64_t> shape;
    std::vector<float> bank = bundle.floats("patchcore.memory_bank", &shape);
    if (shape.size() != 2 || shape[1] != s.features->dim())
        throw Error("patchcore memory bank in the bundle does not match the configured features");
    s.bank.deserialize(bundle.entry("patchcore.faiss_index").bytes, bank.data(), shape[0], int(shape[1]), s.searchOptions);
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
    MethodDescription d;
    d.name = "patchcore";
    d.title = "PatchCore";
    d.summary = "Coreset memory bank of locally aware MobileNetV2 patch features; nearest-neighbour distance.";
    d.defaultParams = {
        {"taps", {"features.6", "features.13"}},
        {"neighbourhood", 3},
        {"feature_dim", 0},
        {"image_size", 256},
        {"coreset_ratio", 0.01},
        {"projection_dim", 32},
        {"search", "exact"},
        {"hnsw_ef_search", 64},
        {"image_score", "map_max"},
        {"reweight_neighbours", 9},
        {"smoothing_sigma", 4.0},
        {"batch_size", 8},
        {"seed", 0},
    };
    d.create = [](const nlohmann::json& params) { return std::make_unique<PatchCoreDetector>(params); };
    registry.add(std::move(d));
}

} // namespace dl
