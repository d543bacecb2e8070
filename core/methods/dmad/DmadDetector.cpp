#include "methods/dmad/DmadDetector.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "components/Coreset.h"
#include "engine/DetectorRegistry.h"
#include "components/FeatureCache.h"
#include "engine/ModelBundle.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"
#include "methods/dmad/DmadLoss.h"
#include "methods/dmad/DmadNetwork.h"
#include "methods/dmad/DualMemoryBank.h"
#include "components/PatchFeatures.h"
#include "metrics/Metrics.h"
#include "synthesis/AnomalySynthesizer.h"

#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

namespace dl {
namespace {

using Clock = SteadyClock;


// Patch features of a set of training samples (rows [patches, dim]) with each
// row's source image id; uses the content-keyed cache.
struct PatchSet {
    std::vector<float> features;
    std::vector<std::int64_t> source;
    std::vector<std::uint8_t> defect; // per patch, from masks (empty when no masks)
    std::int64_t rows(int dim) const { return std::int64_t(features.size()) / dim; }
};

} // namespace

struct DmadDetector::State {
    nlohmann::json params;
    PatchFeatureSpec featureSpec;
    std::unique_ptr<PatchFeatureExtractor> features;
    MemoryBank normal, abnormal;
    DmadNetwork network{nullptr};
    DmadBankSizes sizes;
    bool warmNormal = false;
    int gridH = 0, gridW = 0;
    // Typical nearest-normal distance of a normal patch (held-out images); makes
    // the distance term of the patch score unitless.
    float distanceScale = 1.0f;

    int dim() const { return features->dim(); }
    NearestNeighbourOptions searchOptions() const
    {
        NearestNeighbourOptions o;
        o.kind = params.at("search").get<std::string>();
        o.pcaDim = params.at("search_dim").get<int>();
        o.refineFactor = params.at("search_refine").get<int>();
        return o;
    }
    int neighbours() const { return params.at("neighbours").get<int>(); }
    template <typename T> T p(const char* key) const { return params.at(key).get<T>(); }

    std::string cacheIdentity(const std::string& backboneSha, const PreprocessSpec& pre) const
    {
        return "dmad-patch|" + backboneSha + "|" + params.at("taps").dump() + "|" + std::to_string(featureSpec.neighbourhood)
             + "|" + std::to_string(featureSpec.reducedDim) + "|" + std::to_string(pre.width) + "x" + std::to_string(pre.height);
    }

    torch::Tensor extract(const std::vector<cv::Mat>& images, const PreprocessSpec& pre)
    {
        torch::Tensor f = features->extract(imagesToTensor(images, pre), gridH, gridW);
        return f;
    }

    DmadNetworkOptions networkOptions() const
    {
        DmadNetworkOptions o;
        o.featureDim = dim();
        o.projectionDim = p<int>("projection_dim");
        o.hiddenDim = p<int>("hidden_dim");
        o.attention = p<std::string>("knowledge") == "distance+attention";
        return o;
    }

    // Scores query patches [n, dim] (eval mode, no grad): higher = more anomalous.
    torch::Tensor scorePatches(const float* queries, std::int64_t n)
    {
        const int k = neighbours();
        std::vector<std::int64_t> nn = normal.nearestExcluding(queries, n, k, nullptr);
        std::vector<std::int64_t> na = abnormal.nearestExcluding(queries, n, k, nullptr);
        return scoreWithNeighbours(queries, n, nn, na);
    }

    // Distance of each query to its nearest retrieved normal memory, [n].
    torch::Tensor nearestNormalDistance(const torch::Tensor& q, const std::vector<std::int64_t>& nn, std::int64_t n)
    {
        const int k = neighbours();
        torch::Tensor nearest = gatherMemories(normal, nn, n, k).select(1, 0);
        return (q - nearest).norm(2, 1);
    }

    torch::Tensor gatherMemories(const MemoryBank& bank, const std::vector<std::int64_t>& ids, std::int64_t n, int k)
    {
        torch::Tensor bankTensor = torch::from_blob(const_cast<float*>(bank.index.bank().data()),
                                                    {bank.index.size(), dim()}, torch::kFloat32);
        torch::Tensor idx = torch::from_blob(const_cast<std::int64_t*>(ids.data()), {n * k}, torch::kInt64);
        return bankTensor.index_select(0, idx).reshape({n, k, dim()});
    }

    torch::Tensor bankTensor(const MemoryBank& bank) const
    {
        return torch::from_blob(const_cast<float*>(bank.index.bank().data()), {bank.index.size(), dim()}, torch::kFloat32);
    }

    // The heads folded for scoring (DmadNetwork.h, FusedHeads); rebuilt after the
    // weights change (training steps, loading).
    FusedHeads fused;
    bool fusedCurrent = false;

    torch::Tensor scoreWithNeighbours(const float* queries, std::int64_t n, const std::vector<std::int64_t>& nn,
                                      const std::vector<std::int64_t>& na)
    {
        torch::NoGradGuard noGrad;
        network->eval();
        if (!fusedCurrent) {
            fused = network->fuse(bankTensor(normal), bankTensor(abnormal));
            fusedCurrent = true;
        }
        const int k = neighbours();
        torch::Tensor q = torch::from_blob(const_cast<float*>(queries), {n, dim()}, torch::kFloat32);
        auto ids = [&](const std::vector<std::int64_t>& v) {
            return torch::from_blob(const_cast<std::int64_t*>(v.data()), {n * k}, torch::kInt64);
        };
        torch::Tensor nearest;
        torch::Tensor score = network->fusedScore(fused, q, ids(nn), ids(na), k, &nearest);
        // The hinge loss stops ordering patches once they clear the margin; the
        // nearest-normal distance (the knowledge's own first term) restores a fine
        // ranking inside each class. Weight 0 gives the pure discriminator.
        const double w = params.at("distance_weight").get<double>();
        if (w > 0)
            score = score + w * (q - nearest).norm(2, 1) / distanceScale;
        return score;
    }
};

DmadDetector::DmadDetector(const nlohmann::json& params) : state_(std::make_unique<State>())
{
    state_->params = params;
    state_->featureSpec = PatchFeatureSpec::fromParams(params);
    const int size = params.at("image_size").get<int>();
    if (size < 32 || size > 2048)
        throw Error("dmad image_size must be within 32..2048, got " + std::to_string(size));
    const std::string knowledge = params.at("knowledge").get<std::string>();
    if (knowledge != "distance" && knowledge != "distance+attention")
        throw Error("dmad knowledge must be 'distance' or 'distance+attention', got '" + knowledge + "'");
    const std::string search = params.at("search").get<std::string>();
    if (search != "exact" && search != "pca-refine")
        throw Error("dmad search must be 'exact' or 'pca-refine', got '" + search + "'");
    if (params.at("search_dim").get<int>() < 1 || params.at("search_refine").get<int>() < 1)
        throw Error("dmad search_dim and search_refine must be at least 1");
    if (params.at("neighbours").get<int>() < 1)
        throw Error("dmad neighbours must be at least 1");
    // Type-check every parameter now, not minutes into a fit.
    for (const char* key : {"epochs", "batch_size", "projection_dim", "hidden_dim", "normal_patches", "synthetic_images",
                            "texture_images", "centres", "seed", "max_defect_memories"})
        if (params.at(key).get<int>() < 0)
            throw Error(std::string("dmad ") + key + " must not be negative");
    for (const char* key : {"coreset_ratio", "learning_rate", "margin", "fake_noise", "labelled_weight",
                            "texture_coreset_ratio", "centre_noise", "validation_fraction", "smoothing_sigma",
                            "distance_weight"})
        (void)params.at(key).get<double>();
    (void)params.at("texture_dir").get<std::string>();
    (void)params.at("object_foreground").get<bool>();
    (void)params.at("synthetic_with_labels").get<bool>();
    info_.preprocess.width = size;
    info_.preprocess.height = size;
}

DmadDetector::~DmadDetector() = default;

DmadBankSizes DmadDetector::bankSizes() const { return state_->sizes; }

void DmadDetector::warmStart(const ModelBundle& parent)
{
    State& s = *state_;
    std::vector<std::int64_t> shape;
    std::vector<float> bank = parent.floats("dmad.normal_bank", &shape);
    const BundleEntry& sources = parent.entry("dmad.normal_sources");
    s.normal.sourceImage.resize(sources.bytes.size() / sizeof(std::int64_t));
    std::memcpy(s.normal.sourceImage.data(), sources.bytes.data(), sources.bytes.size());
    const NearestNeighbourOptions search = s.searchOptions();
    s.normal.index.deserialize(parent.entry("dmad.normal_index").bytes, bank.data(), shape[0], int(shape[1]), search);
    s.warmNormal = true;
    s.sizes.normal = shape[0];
}

void DmadDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    State& s = *state_;
    if (input.normal.size() < 2)
        throw Error("dmad needs at least two normal training images");
    const auto start = Clock::now();
    nlohmann::json stageSeconds = nlohmann::json::object();
    auto stageStart = Clock::now();
    auto endStage = [&](const char* name) {
        stageSeconds[name] = secondsSince(stageStart);
        stageStart = Clock::now();
    };
    auto backbone = loadBackbone(info_.backbone);
    info_.backboneSha256 = backbone->weightsSha256();
    s.features = std::make_unique<PatchFeatureExtractor>(backbone, s.featureSpec);
    const int dim = s.dim();
    if (s.warmNormal && s.normal.index.dim() != dim)
        throw Error("the parent model's normal memory bank does not match dmad's patch features");
    FeatureCache cache(s.cacheIdentity(backbone->weightsSha256(), info_.preprocess));
    const unsigned seed = s.p<unsigned>("seed");
    std::mt19937 rng(seed);
    torch::manual_seed(seed);

    // Patch features of a list of image files, cached by content.
    auto featuresOf = [&](const std::vector<std::string>& paths, std::int64_t firstSource, double p0, double p1,
                          const std::string& stage) {
        PatchSet set;
        const std::size_t batch = 8;
        for (std::size_t begin = 0; begin < paths.size(); begin += batch) {
            progress.checkCancelled();
            progress.report(p0 + (p1 - p0) * double(begin) / double(std::max<std::size_t>(1, paths.size())), stage);
            const std::size_t end = std::min(paths.size(), begin + batch);
            std::vector<std::optional<std::vector<float>>> cached(end - begin);
            std::vector<cv::Mat> missing;
            std::vector<std::size_t> missingAt;
            const std::int64_t expected = s.gridH > 0 ? std::int64_t(s.gridH) * s.gridW * dim : -1;
            for (std::size_t i = begin; i < end; ++i) {
                if (expected > 0) cached[i - begin] = cache.load(paths[i], expected);
                if (!cached[i - begin]) {
                    missing.push_back(loadImageRgb(paths[i]));
                    missingAt.push_back(i - begin);
                }
            }
            if (!missing.empty()) {
                torch::Tensor f = s.extract(missing, info_.preprocess);
                const std::int64_t per = std::int64_t(s.gridH) * s.gridW * dim;
                for (std::size_t m = 0; m < missing.size(); ++m) {
                    std::vector<float> v(f.data_ptr<float>() + std::int64_t(m) * per, f.data_ptr<float>() + std::int64_t(m + 1) * per);
                    cache.store(paths[begin + missingAt[m]], v);
                    cached[missingAt[m]] = std::move(v);
                }
            }
            for (std::size_t i = begin; i < end; ++i) {
                const auto& v = *cached[i - begin];
                set.features.insert(set.features.end(), v.begin(), v.end());
                set.source.insert(set.source.end(), std::size_t(s.gridH) * std::size_t(s.gridW), firstSource + std::int64_t(i));
            }
        }
        return set;
    };

    // 1. Normal images: training part and a validation part for checkpoint choice.
    std::vector<Sample> normals = input.normal;
    seededShuffle(normals, rng);
    const std::size_t validationCount = normals.size() >= 10
        ? std::max<std::size_t>(2, std::size_t(std::lround(s.p<double>("validation_fraction") * double(normals.size()))))
        : 0;
    std::vector<std::string> trainPaths, validationPaths;
    for (std::size_t i = 0; i < normals.size(); ++i)
        (i < validationCount ? validationPaths : trainPaths).push_back(normals[i].path);
    std::sort(trainPaths.begin(), trainPaths.end());
    // The grid size is known after the first extraction; prime it with one image.
    if (s.gridH == 0) s.extract({loadImageRgb(trainPaths.front())}, info_.preprocess);
    PatchSet normalSet = featuresOf(trainPaths, 0, 0.0, 0.27, "extracting normal patch features");
    // Validation images get source ids after the training images': they are in the
    // normal bank like every normal image, and their own memories are excluded when
    // they are scored, exactly as for training patches.
    const std::int64_t validationSourceBase = std::int64_t(trainPaths.size());
    PatchSet validationNormal = featuresOf(validationPaths, validationSourceBase, 0.27, 0.3, "extracting validation features");
    const std::int64_t patchesPerImage = std::int64_t(s.gridH) * s.gridW;
    endStage("normal_features");

    // 2. Normal memory bank over all normal images, the validation ones included (as
    //    PatchCore's bank covers every training image); reused from the parent model
    //    on retraining.
    if (!s.warmNormal) {
        PatchSet allNormal = normalSet;
        allNormal.features.insert(allNormal.features.end(), validationNormal.features.begin(), validationNormal.features.end());
        allNormal.source.insert(allNormal.source.end(), validationNormal.source.begin(), validationNormal.source.end());
        CoresetOptions coreset;
        const std::int64_t rows = allNormal.rows(dim);
        coreset.targetSize = std::max<std::int64_t>(1, std::llround(s.p<double>("coreset_ratio") * double(rows)));
        coreset.seed = seed;
        std::vector<std::int64_t> keep = greedyCoreset(allNormal.features.data(), rows, dim, coreset, progress.sub(0.3, 0.45));
        std::vector<float> bank(keep.size() * std::size_t(dim));
        s.normal.sourceImage.clear();
        for (std::size_t i = 0; i < keep.size(); ++i) {
            std::copy_n(allNormal.features.data() + keep[i] * dim, dim, bank.data() + i * std::size_t(dim));
            s.normal.sourceImage.push_back(allNormal.source[std::size_t(keep[i])]);
        }
        const NearestNeighbourOptions search = s.searchOptions();
        s.normal.index.build(bank.data(), std::int64_t(keep.size()), dim, search);
        s.sizes.normal = std::int64_t(keep.size());
    }

    endStage("normal_bank");
    // 3. Defect patches: real labelled ones where their masks are set, and synthetic
    //    ones (Perlin mask + texture/structure/blur) on a subset of normal images.
    const std::vector<std::string> textures = locateOutlierTextures(s.p<std::string>("texture_dir"));
    if (textures.empty())
        logWarning("dmad: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); "
                   "synthetic defects use structural and blur kinds only and the texture bank is empty");
    SynthesisOptions synthesisOptions;
    synthesisOptions.objectForeground = s.p<bool>("object_foreground");
    AnomalySynthesizer synthesizer(textures, seed + 1, synthesisOptions);

    const std::int64_t labelledSourceBase = 1'000'000;
    PatchSet realDefects;
    for (std::size_t j = 0; j < input.labelledDefects.size(); ++j) {
        const Sample& d = input.labelledDefects[j];
        PatchSet one = featuresOf({d.path}, labelledSourceBase + std::int64_t(j), 0.45, 0.5, "extracting labelled defects");
        cv::Mat mask = loadMask(d.maskPath);
        std::vector<std::uint8_t> labels = patchLabelsFromMask(mask, s.gridH, s.gridW);
        for (std::int64_t p = 0; p < patchesPerImage; ++p)
            if (labels[std::size_t(p)]) {
                realDefects.features.insert(realDefects.features.end(), one.features.begin() + p * dim, one.features.begin() + (p + 1) * dim);
                realDefects.source.push_back(labelledSourceBase + std::int64_t(j));
            }
    }

    auto synthesize = [&](const std::vector<std::string>& paths, std::int64_t firstSource, bool keepAllPatches,
                          double p0, double p1, const std::string& stage) {
        PatchSet set;
        for (std::size_t i = 0; i < paths.size(); ++i) {
            progress.checkCancelled();
            progress.report(p0 + (p1 - p0) * double(i) / double(std::max<std::size_t>(1, paths.size())), stage);
            cv::Mat base = info_.preprocess.resize(loadImageRgb(paths[i]));
            SyntheticAnomaly a = synthesizer.makeRandom(base);
            torch::Tensor f = s.extract({a.image}, info_.preprocess);
            std::vector<std::uint8_t> labels = patchLabelsFromMask(a.mask, s.gridH, s.gridW);
            for (std::int64_t p = 0; p < patchesPerImage; ++p)
                if (keepAllPatches || labels[std::size_t(p)]) {
                    set.features.insert(set.features.end(), f.data_ptr<float>() + p * dim, f.data_ptr<float>() + (p + 1) * dim);
                    set.source.push_back(firstSource + std::int64_t(i));
                    set.defect.push_back(labels[std::size_t(p)]);
                }
        }
        return set;
    };
    std::vector<std::string> synthesisPaths = trainPaths;
    seededShuffle(synthesisPaths, rng);
    synthesisPaths.resize(std::min<std::size_t>(synthesisPaths.size(), std::size_t(s.p<int>("synthetic_images"))));
    // Source ids of synthetic patches are those of their base normal image, so that
    // training never matches them against memories of the same part.
    std::vector<std::int64_t> baseIndex;
    for (const auto& pth : synthesisPaths)
        baseIndex.push_back(std::lower_bound(trainPaths.begin(), trainPaths.end(), pth) - trainPaths.begin());
    PatchSet syntheticDefects;
    {
        PatchSet all = synthesize(synthesisPaths, 0, false, 0.5, 0.6, "synthesising defects");
        syntheticDefects.features = std::move(all.features);
        // map running index -> base image index
        std::size_t patch = 0;
        for (std::size_t i = 0; i < all.source.size(); ++i, ++patch)
            syntheticDefects.source.push_back(baseIndex[std::size_t(all.source[i])]);
    }

    endStage("defect_patches");
    // 4. Abnormal memory bank: (1) real defects (synthetic ones without labels),
    //    (2) anomaly-centre samples around (1), (3) a coreset of texture patches.
    const bool haveLabels = !realDefects.features.empty();
    // Large defect sets are thinned by a coreset: every memory costs search time
    // for each of the 1024 patches of every inspected part.
    auto thinned = [&](const PatchSet& set, std::int64_t limit, unsigned thinSeed) {
        const std::int64_t rows = set.rows(dim);
        if (rows <= limit) return set;
        CoresetOptions coreset;
        coreset.targetSize = limit;
        coreset.seed = thinSeed;
        PatchSet out;
        for (auto i : greedyCoreset(set.features.data(), rows, dim, coreset, {})) {
            out.features.insert(out.features.end(), set.features.begin() + i * dim, set.features.begin() + (i + 1) * dim);
            out.source.push_back(set.source[std::size_t(i)]);
        }
        return out;
    };
    // With few labels the real defect patches alone make a thin bank; the synthetic
    // ones stay beside them unless `synthetic_with_labels` is off.
    PatchSet combined = haveLabels ? realDefects : syntheticDefects;
    const bool keepSynthetic = haveLabels && s.p<bool>("synthetic_with_labels");
    if (keepSynthetic) {
        PatchSet synthetic = thinned(syntheticDefects, s.p<int>("max_defect_memories"), seed + 5);
        combined.features.insert(combined.features.end(), synthetic.features.begin(), synthetic.features.end());
        combined.source.insert(combined.source.end(), synthetic.source.begin(), synthetic.source.end());
    }
    const PatchSet seedDefects = thinned(combined, s.p<int>("max_defect_memories") * (keepSynthetic ? 2 : 1), seed + 4);
    std::vector<float> abnormalBank = seedDefects.features;
    std::vector<std::int64_t> abnormalSource = seedDefects.source;
    s.sizes.labelledDefects = haveLabels ? std::min(realDefects.rows(dim), seedDefects.rows(dim)) : 0;
    s.sizes.syntheticDefects = seedDefects.rows(dim) - s.sizes.labelledDefects;
    if (!seedDefects.features.empty()) {
        // Noise scaled to the defects' own spread (the paper's 0.015 was for WRN features).
        const std::int64_t n = seedDefects.rows(dim);
        double variance = 0;
        for (int d = 0; d < dim; ++d) {
            double mean = 0, sq = 0;
            for (std::int64_t i = 0; i < n; ++i) { double v = seedDefects.features[std::size_t(i * dim + d)]; mean += v; sq += v * v; }
            mean /= double(n);
            variance += std::max(0.0, sq / double(n) - mean * mean);
        }
        const float sigma = float(s.p<double>("centre_noise") * std::sqrt(variance / dim));
        std::vector<float> sampled = sampleAroundCentres(seedDefects.features, dim, s.p<int>("centres"), n, sigma, seed + 2);
        abnormalBank.insert(abnormalBank.end(), sampled.begin(), sampled.end());
        abnormalSource.insert(abnormalSource.end(), std::size_t(n), -1);
        s.sizes.centreSamples = n;
    }
    if (!textures.empty()) {
        std::vector<std::string> picked = textures;
        seededShuffle(picked, rng);
        picked.resize(std::min<std::size_t>(picked.size(), std::size_t(s.p<int>("texture_images"))));
        std::sort(picked.begin(), picked.end());
        PatchSet textureSet = featuresOf(picked, -1, 0.6, 0.7, "extracting outlier textures");
        CoresetOptions coreset;
        const std::int64_t rows = textureSet.rows(dim);
        coreset.targetSize = std::max<std::int64_t>(1, std::llround(s.p<double>("texture_coreset_ratio") * double(rows)));
        coreset.seed = seed + 3;
        std::vector<std::int64_t> keep = greedyCoreset(textureSet.features.data(), rows, dim, coreset, {});
        for (auto i : keep) {
            abnormalBank.insert(abnormalBank.end(), textureSet.features.begin() + i * dim, textureSet.features.begin() + (i + 1) * dim);
            abnormalSource.push_back(-1);
        }
        s.sizes.textures = std::int64_t(keep.size());
    }
    if (abnormalBank.empty())
        throw Error("dmad could not build an abnormal memory bank (no defects, no synthetic defects, no textures)");
    const NearestNeighbourOptions search = s.searchOptions();
    s.abnormal.index.build(abnormalBank.data(), std::int64_t(abnormalBank.size()) / dim, dim, search);
    s.abnormal.sourceImage = abnormalSource;

    endStage("abnormal_bank");
    // 5. Training samples with their neighbours (own-image memories excluded).
    const int k = s.neighbours();
    std::vector<std::int64_t> normalPick(static_cast<std::size_t>(normalSet.rows(dim)));
    std::iota(normalPick.begin(), normalPick.end(), 0);
    seededShuffle(normalPick, rng);
    normalPick.resize(std::min<std::size_t>(normalPick.size(), std::size_t(s.p<int>("normal_patches"))));
    std::vector<float> trainQueries;
    std::vector<std::int64_t> trainSource;
    std::vector<float> trainWeight;
    std::vector<std::uint8_t> trainNormal;
    for (auto i : normalPick) {
        trainQueries.insert(trainQueries.end(), normalSet.features.begin() + i * dim, normalSet.features.begin() + (i + 1) * dim);
        trainSource.push_back(normalSet.source[std::size_t(i)]);
        trainWeight.push_back(1.0f);
        trainNormal.push_back(1);
    }
    auto addDefects = [&](const PatchSet& set, float weight) {
        trainQueries.insert(trainQueries.end(), set.features.begin(), set.features.end());
        trainSource.insert(trainSource.end(), set.source.begin(), set.source.end());
        trainWeight.insert(trainWeight.end(), set.source.size(), weight);
        trainNormal.insert(trainNormal.end(), set.source.size(), 0);
    };
    {
        // Synthetic negatives: a seeded random subset keeps the training set balanced.
        PatchSet negatives;
        std::vector<std::int64_t> pick(static_cast<std::size_t>(syntheticDefects.rows(dim)));
        std::iota(pick.begin(), pick.end(), 0);
        seededShuffle(pick, rng);
        pick.resize(std::min<std::size_t>(pick.size(), std::size_t(s.p<int>("normal_patches") / 2)));
        for (auto i : pick) {
            negatives.features.insert(negatives.features.end(), syntheticDefects.features.begin() + i * dim,
                                      syntheticDefects.features.begin() + (i + 1) * dim);
            negatives.source.push_back(syntheticDefects.source[std::size_t(i)]);
        }
        addDefects(negatives, 1.0f);
    }
    addDefects(realDefects, float(s.p<double>("labelled_weight")));
    normalSet = PatchSet(); // release
    const std::int64_t trainCount = std::int64_t(trainNormal.size());
    progress.report(0.7, "retrieving memories for training patches");
    std::vector<std::int64_t> trainNn = s.normal.nearestExcluding(trainQueries.data(), trainCount, k, trainSource.data());
    std::vector<std::int64_t> trainNa = s.abnormal.nearestExcluding(trainQueries.data(), trainCount, k, trainSource.data());

    endStage("training_neighbours");
    // 6. Validation: held-out normal images and synthetic defects made from them.
    std::vector<float> validationScoresImage;
    PatchSet validationDefects = synthesize(validationPaths, validationSourceBase, true, 0.7, 0.75, "synthesising validation defects");
    std::vector<std::int64_t> valNormalNn, valNormalNa, valDefectNn, valDefectNa;
    if (!validationPaths.empty()) {
        // Own-image memories excluded: a validation part is scored against the other parts.
        valNormalNn = s.normal.nearestExcluding(validationNormal.features.data(), validationNormal.rows(dim), k,
                                                validationNormal.source.data());
        valNormalNa = s.abnormal.nearestExcluding(validationNormal.features.data(), validationNormal.rows(dim), k, nullptr);
        valDefectNn = s.normal.nearestExcluding(validationDefects.features.data(), validationDefects.rows(dim), k,
                                                validationDefects.source.data());
        valDefectNa = s.abnormal.nearestExcluding(validationDefects.features.data(), validationDefects.rows(dim), k, nullptr);
    }
    {
        // Median nearest-normal distance of held-out (or, without them, training) normal patches.
        torch::NoGradGuard noGrad;
        const bool held = !validationPaths.empty();
        const float* q = held ? validationNormal.features.data() : trainQueries.data();
        const std::int64_t n = held ? validationNormal.rows(dim) : std::int64_t(normalPick.size());
        const std::vector<std::int64_t>& nn = held ? valNormalNn : trainNn;
        torch::Tensor d = s.nearestNormalDistance(torch::from_blob(const_cast<float*>(q), {n, dim}, torch::kFloat32), nn, n);
        s.distanceScale = std::max(1e-6f, d.median().item<float>());
    }
    auto validate = [&]() -> double {
        if (validationPaths.empty()) return 0.0;
        torch::Tensor sn = s.scoreWithNeighbours(validationNormal.features.data(), validationNormal.rows(dim), valNormalNn, valNormalNa);
        torch::Tensor sd = s.scoreWithNeighbours(validationDefects.features.data(), validationDefects.rows(dim), valDefectNn, valDefectNa);
        std::vector<float> imageScores;
        std::vector<std::uint8_t> imageLabels;
        std::vector<float> patchScores;
        std::vector<std::uint8_t> patchLabels;
        const std::int64_t images = std::int64_t(validationPaths.size());
        for (std::int64_t i = 0; i < images; ++i) {
            imageScores.push_back(sn.slice(0, i * patchesPerImage, (i + 1) * patchesPerImage).max().item<float>());
            imageLabels.push_back(0);
            imageScores.push_back(sd.slice(0, i * patchesPerImage, (i + 1) * patchesPerImage).max().item<float>());
            imageLabels.push_back(1);
        }
        patchScores.assign(sn.data_ptr<float>(), sn.data_ptr<float>() + sn.numel());
        patchLabels.assign(std::size_t(sn.numel()), 0);
        patchScores.insert(patchScores.end(), sd.data_ptr<float>(), sd.data_ptr<float>() + sd.numel());
        patchLabels.insert(patchLabels.end(), validationDefects.defect.begin(), validationDefects.defect.end());
        const bool patchBoth = std::count(patchLabels.begin(), patchLabels.end(), 1) > 0;
        return auroc(imageScores, imageLabels) + (patchBoth ? auroc(patchScores, patchLabels) : 0.0);
    };

    endStage("validation_set");
    // 7. Train the heads: hinge loss on normal, noise-fake, synthetic and labelled patches.
    s.network = DmadNetwork(s.networkOptions());
    s.fusedCurrent = false;
    torch::optim::Adam optimizer(s.network->parameters(), torch::optim::AdamOptions(s.p<double>("learning_rate")));
    const int epochs = s.p<int>("epochs");
    const int batchSize = s.p<int>("batch_size");
    const double margin = s.p<double>("margin");
    const double fakeNoise = s.p<double>("fake_noise");
    torch::Tensor queries = torch::from_blob(trainQueries.data(), {trainCount, dim}, torch::kFloat32);
    torch::Tensor weights = torch::from_blob(trainWeight.data(), {trainCount}, torch::kFloat32);
    torch::Tensor isNormal = torch::from_blob(trainNormal.data(), {trainCount}, torch::kUInt8).to(torch::kBool);
    std::vector<torch::Tensor> bestState;
    double bestScore = -1;
    int bestEpoch = -1;
    std::vector<std::int64_t> order(static_cast<std::size_t>(trainCount));
    std::iota(order.begin(), order.end(), 0);
    for (int epoch = 0; epoch < epochs; ++epoch) {
        seededShuffle(order, rng);
        s.network->train();
        double lossSum = 0;
        int steps = 0;
        for (std::int64_t begin = 0; begin + 1 < trainCount; begin += batchSize) {
            progress.checkCancelled();
            const std::int64_t end = std::min<std::int64_t>(trainCount, begin + batchSize);
            const std::int64_t n = end - begin;
            if (n < 2) break; // BatchNorm needs two samples
            std::vector<std::int64_t> rows(order.begin() + begin, order.begin() + end);
            std::vector<std::int64_t> nn, na;
            for (auto r : rows) {
                nn.insert(nn.end(), trainNn.begin() + r * k, trainNn.begin() + (r + 1) * k);
                na.insert(na.end(), trainNa.begin() + r * k, trainNa.begin() + (r + 1) * k);
            }
            torch::Tensor index = torch::from_blob(rows.data(), {n}, torch::kInt64);
            torch::Tensor q = queries.index_select(0, index);
            torch::Tensor r = s.network->representation(q, s.gatherMemories(s.normal, nn, n, k), s.gatherMemories(s.abnormal, na, n, k));
            torch::Tensor normalMask = isNormal.index_select(0, index);
            // Noise fakes around normal representations (scaled to their spread).
            torch::Tensor normalR = r.index({normalMask});
            torch::Tensor fakes = normalR + torch::randn_like(normalR) * (fakeNoise * normalR.detach().std().item<double>());
            torch::Tensor all = torch::cat({r, fakes}, 0);
            torch::Tensor logits = s.network->discriminate(all);
            torch::Tensor labels = torch::cat({normalMask, torch::zeros({fakes.size(0)}, torch::kBool)});
            torch::Tensor w = torch::cat({weights.index_select(0, index), torch::ones({fakes.size(0)})});
            torch::Tensor loss = dmadHingeLoss(logits, labels, w, margin);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            s.fusedCurrent = false;
            lossSum += loss.item<double>();
            ++steps;
        }
        const double validation = validate();
        progress.metric("loss", epoch, lossSum / std::max(1, steps));
        progress.metric("validation", epoch, validation);
        progress.report(0.75 + 0.25 * double(epoch + 1) / double(epochs),
                        "training heads, epoch " + std::to_string(epoch + 1) + "/" + std::to_string(epochs));
        logDebug("dmad epoch " + std::to_string(epoch + 1) + ": loss " + std::to_string(lossSum / std::max(1, steps))
                 + ", validation " + std::to_string(validation));
        if (validation > bestScore || validationPaths.empty()) {
            bestScore = validation;
            bestEpoch = epoch;
            bestState.clear();
            for (const auto& t : s.network->parameters()) bestState.push_back(t.detach().clone());
            for (const auto& t : s.network->buffers()) bestState.push_back(t.detach().clone());
        }
    }
    {
        torch::NoGradGuard noGrad;
        std::size_t i = 0;
        for (auto& t : s.network->parameters()) t.copy_(bestState[i++]);
        for (auto& t : s.network->buffers()) t.copy_(bestState[i++]);
        s.fusedCurrent = false;
    }
    s.network->eval();
    endStage("training");
    info_.provenance["dmad"] = {
        {"stage_seconds", stageSeconds},
        {"normal_bank", s.sizes.normal}, {"normal_bank_reused", s.warmNormal},
        {"labelled_defect_patches", s.sizes.labelledDefects}, {"synthetic_defect_patches", s.sizes.syntheticDefects},
        {"centre_samples", s.sizes.centreSamples}, {"texture_memories", s.sizes.textures},
        {"labelled_images", input.labelledDefects.size()}, {"training_patches", trainCount},
        {"best_epoch", bestEpoch + 1}, {"best_validation", bestScore}, {"fit_seconds", secondsSince(start)}};
    logInfo("dmad: normal bank " + std::to_string(s.sizes.normal) + (s.warmNormal ? " (reused)" : "")
            + ", abnormal bank " + std::to_string(s.abnormal.index.size()) + " (labelled " + std::to_string(s.sizes.labelledDefects)
            + ", synthetic " + std::to_string(s.sizes.syntheticDefects) + ", centre samples " + std::to_string(s.sizes.centreSamples)
            + ", textures " + std::to_string(s.sizes.textures) + "); best epoch " + std::to_string(bestEpoch + 1)
            + " (validation " + std::to_string(bestScore) + "); " + std::to_string(secondsSince(start)) + " s; stages "
            + stageSeconds.dump());
}

std::vector<Prediction> DmadDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    State& s = *state_;
    if (!s.network || s.normal.index.empty())
        throw Error("dmad model is not trained or loaded");
    const auto netStart = Clock::now();
    torch::Tensor f = s.extract(images, info_.preprocess);
    const double netMs = secondsSince(netStart) * 1000.0;
    const std::int64_t patches = std::int64_t(s.gridH) * s.gridW;
    torch::Tensor scores = s.scorePatches(f.data_ptr<float>(), std::int64_t(images.size()) * patches).contiguous();
    std::vector<Prediction> out;
    for (std::size_t n = 0; n < images.size(); ++n) {
        cv::Mat grid(s.gridH, s.gridW, CV_32FC1, scores.data_ptr<float>() + std::int64_t(n) * patches);
        Prediction p;
        p.map = upsampleAndSmooth(grid.clone(), info_.preprocess.width, info_.preprocess.height, s.p<double>("smoothing_sigma"));
        double maxValue = 0;
        cv::minMaxLoc(p.map, nullptr, &maxValue);
        p.score = float(maxValue);
        p.networkMs = netMs / double(images.size());
        out.push_back(std::move(p));
    }
    return out;
}

Prediction DmadDetector::predict(const cv::Mat& rgb8) { return predictBatch({rgb8}).front(); }

void DmadDetector::save(ModelBundle& bundle) const
{
    const State& s = *state_;
    if (!s.network)
        throw Error("cannot save an untrained dmad model");
    auto putBank = [&](const std::string& name, const MemoryBank& bank) {
        bundle.putFloats("dmad." + name + "_bank", {bank.index.size(), bank.index.dim()}, bank.index.bank().data());
        bundle.putInt64s("dmad." + name + "_sources", {std::int64_t(bank.sourceImage.size())}, bank.sourceImage.data());
        bundle.putBlob("dmad." + name + "_index", bank.index.serialize());
    };
    putBank("normal", s.normal);
    putBank("abnormal", s.abnormal);
    for (const auto& item : s.network->named_parameters()) {
        torch::Tensor t = item.value().detach().contiguous();
        bundle.putFloats("dmad.net." + item.key(), t.sizes().vec(), t.data_ptr<float>());
    }
    for (const auto& item : s.network->named_buffers()) {
        torch::Tensor t = item.value().detach().contiguous();
        if (t.scalar_type() == torch::kLong)
            bundle.putInt64s("dmad.net." + item.key(), t.sizes().vec(), t.data_ptr<std::int64_t>());
        else
            bundle.putFloats("dmad.net." + item.key(), t.sizes().vec(), t.data_ptr<float>());
    }
    bundle.header["method_state"] = {{"grid", {s.gridH, s.gridW}}, {"distance_scale", s.distanceScale},
                                     {"bank_sizes", {{"normal", s.sizes.normal}, {"labelled", s.sizes.labelledDefects},
                                                     {"synthetic", s.sizes.syntheticDefects}, {"centre_samples", s.sizes.centreSamples},
                                                     {"textures", s.sizes.textures}}}};
}

void DmadDetector::load(const ModelBundle& bundle)
{
    State& s = *state_;
    auto backbone = loadBackbone(info_.backbone, info_.backboneSha256);
    s.features = std::make_unique<PatchFeatureExtractor>(backbone, s.featureSpec);
    const NearestNeighbourOptions search = s.searchOptions();
    auto loadBank = [&](const std::string& name, MemoryBank& bank) {
        std::vector<std::int64_t> shape;
        std::vector<float> values = bundle.floats("dmad." + name + "_bank", &shape);
        if (shape.size() != 2 || shape[1] != s.dim())
            throw Error("dmad " + name + " memory bank in the bundle does not match the configured features");
        const BundleEntry& sources = bundle.entry("dmad." + name + "_sources");
        bank.sourceImage.resize(sources.bytes.size() / sizeof(std::int64_t));
        std::memcpy(bank.sourceImage.data(), sources.bytes.data(), sources.bytes.size());
        bank.index.deserialize(bundle.entry("dmad." + name + "_index").bytes, values.data(), shape[0], int(shape[1]), search);
    };
    loadBank("normal", s.normal);
    loadBank("abnormal", s.abnormal);
    try {
        const auto& state = bundle.header.at("method_state");
        s.gridH = state.at("grid").at(0).get<int>();
        s.gridW = state.at("grid").at(1).get<int>();
        s.distanceScale = state.at("distance_scale").get<float>();
        const auto& sizes = state.at("bank_sizes");
        s.sizes = {sizes.at("normal").get<std::int64_t>(), sizes.at("labelled").get<std::int64_t>(),
                   sizes.at("synthetic").get<std::int64_t>(), sizes.at("centre_samples").get<std::int64_t>(),
                   sizes.at("textures").get<std::int64_t>()};
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("dmad state in the bundle is malformed: ") + e.what());
    }
    s.network = DmadNetwork(s.networkOptions());
    s.fusedCurrent = false;
    torch::NoGradGuard noGrad;
    for (auto& item : s.network->named_parameters()) {
        std::vector<std::int64_t> shape;
        std::vector<float> v = bundle.floats("dmad.net." + item.key(), &shape);
        if (std::int64_t(v.size()) != item.value().numel())
            throw Error("dmad network tensor '" + item.key() + "' in the bundle has the wrong size");
        item.value().copy_(torch::from_blob(v.data(), item.value().sizes(), torch::kFloat32));
    }
    for (auto& item : s.network->named_buffers()) {
        const BundleEntry& e = bundle.entry("dmad.net." + item.key());
        if (e.bytes.size() != std::size_t(item.value().numel()) * item.value().element_size())
            throw Error("dmad network buffer '" + item.key() + "' in the bundle has the wrong size");
        std::memcpy(item.value().data_ptr(), e.bytes.data(), e.bytes.size());
    }
    s.network->eval();
}

void registerDmad(DetectorRegistry& registry)
{
    MethodDescription d;
    d.name = "dmad";
    d.title = "DMAD";
    d.summary = "Dual memory bank (normal coreset + abnormal: labelled/synthetic defects, centre samples, textures) "
                "knowledge enhancement with a hinge-loss discriminator; unified and semi-supervised.";
    d.semiSupervised = true;
    d.defaultParams = {
        {"taps", {"features.6", "features.13"}}, {"neighbourhood", 3}, {"feature_dim", 0}, {"image_size", 256},
        {"coreset_ratio", 0.01}, {"neighbours", 4}, {"knowledge", "distance+attention"},
        {"search", "pca-refine"}, {"search_dim", 32}, {"search_refine", 2},
        {"projection_dim", 128}, {"hidden_dim", 256}, {"epochs", 8}, {"batch_size", 512}, {"learning_rate", 1e-3},
        {"margin", 0.5}, {"fake_noise", 0.2}, {"labelled_weight", 10.0}, {"normal_patches", 40000},
        {"synthetic_images", 40}, {"object_foreground", false}, {"texture_images", 60}, {"texture_coreset_ratio", 0.03}, {"max_defect_memories", 1000}, {"synthetic_with_labels", false},
        {"texture_dir", ""}, {"centres", 1}, {"centre_noise", 0.1}, {"validation_fraction", 0.1},
        {"smoothing_sigma", 4.0}, {"distance_weight", 6.0}, {"seed", 0},
    };
    d.create = [](const nlohmann::json& params) { return std::make_unique<DmadDetector>(params); };
    registry.add(std::move(d));
}

} // namespace dl
