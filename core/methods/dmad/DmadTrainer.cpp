#include "methods/dmad/DmadTrainer.h"

#include "common/Error.h"
#include "common/Log.h"
#include "components/EpochLoop.h"
#include "components/ModuleState.h"
#include "data/ImageIO.h"
#include "methods/dmad/DmadLoss.h"
#include "metrics/Metrics.h"
#include "synthesis/AnomalySynthesizer.h"

#include <cmath>
#include <numeric>

namespace dl {
namespace {

// Source ids of labelled defect images: apart from every normal image's.
constexpr std::int64_t kLabelledSourceBase = 1'000'000;

} // namespace

DmadTrainer::DmadTrainer(const DmadParams& params, DmadModel& model, DmadAnomalyMap& map,
                         const PreprocessSpec& preprocess, const ProgressContext& progress)
    : params_(params), model_(model), map_(map), preprocess_(preprocess), progress_(progress)
{
}

void DmadTrainer::endStage(const char* name)
{
    stageSeconds_[name] = secondsSince(stageStart_);
    stageStart_ = SteadyClock::now();
}

nlohmann::json DmadTrainer::fit(const FitInput& input, const std::string& backboneSha256, bool warmNormal,
                                SteadyClock::time_point start)
{
    stageStart_ = start;
    patches_.emplace(model_, preprocess_, progress_,
                     "dmad-patch|" + backboneSha256 + "|" + nlohmann::json(params_.features.taps).dump() + "|"
                         + std::to_string(params_.features.neighbourhood) + "|" + std::to_string(params_.features.reducedDim) + "|"
                         + std::to_string(preprocess_.width) + "x" + std::to_string(preprocess_.height)
                         + (preprocess_.reducedJpegDecode ? "|jpeg reduced" : "|jpeg full"));
    rng_.seed(params_.seed);
    torch::manual_seed(params_.seed);

    // 1. Normal images: training part and a validation part for checkpoint choice.
    const NormalImages normals = splitNormals(input.normal);
    // The grid size is known after the first extraction; prime it with one image.
    if (model_.gridH == 0) model_.extract({preprocess_.decode(normals.train.front()).rgb}, preprocess_);
    PatchSet normalSet =
        patches_->featuresOf(normals.train, 0, 0.0, 0.27, DL_TR("Engine", "extracting normal patch features"));
    // Validation images get source ids after the training images': they are in the
    // normal bank like every normal image, and their own memories are excluded when
    // they are scored, exactly as for training patches.
    const std::int64_t validationSourceBase = std::int64_t(normals.train.size());
    PatchSet validationNormal =
        patches_->featuresOf(normals.validation, validationSourceBase, 0.27, 0.3,
                             DL_TR("Engine", "extracting validation features"));
    endStage("normal_features");

    // 2. Normal memory bank; reused from the parent model on retraining.
    if (!warmNormal) buildNormalBank(normalSet, validationNormal);
    endStage("normal_bank");

    // 3. Defect patches: real labelled ones where their masks are set, and synthetic
    //    ones (Perlin mask + texture/structure/blur) on a subset of normal images.
    const std::vector<std::string> textures = locateOutlierTextures(params_.textureDir);
    if (textures.empty())
        logWarning(DL_TR("Engine", "dmad: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); "
                                   "synthetic defects use structural and blur kinds only and the texture bank is empty"));
    SynthesisOptions synthesisOptions;
    synthesisOptions.objectForeground = params_.objectForeground;
    AnomalySynthesizer synthesizer(textures, params_.seed + 1, synthesisOptions);
    const PatchSet realDefects = patches_->labelledDefects(input.labelledDefects, kLabelledSourceBase);
    const PatchSet syntheticDefects = syntheticDefectPatches(synthesizer, normals.train);
    // Each label pasted onto other normal images multiplies the real defects.
    const PatchSet transplanted = patches_->transplantedDefects(input.labelledDefects, normals.train,
                                                                params_.transplantsPerLabel, kLabelledSourceBase,
                                                                params_.seed + 7);
    endStage("defect_patches");

    // 4. Abnormal memory bank.
    PatchSet realAndTransplanted = realDefects;
    realAndTransplanted.appendAll(transplanted);
    buildAbnormalBank(realAndTransplanted, syntheticDefects, textures);
    endStage("abnormal_bank");

    // 5. Training samples with their neighbours (own-image memories excluded).
    TrainingSet training = trainingPatches(std::move(normalSet), syntheticDefects, realDefects, transplanted);
    retrieveTrainingNeighbours(training);
    endStage("training_neighbours");

    // 6. Validation: held-out normal images and synthetic defects made from them.
    const ValidationSet validation =
        validationSet(synthesizer, normals.validation, std::move(validationNormal), validationSourceBase);
    calibrateDistance(validation, training);
    endStage("validation_set");

    // 7. The heads, with the best validation epoch kept.
    const auto [bestEpoch, bestValidation] = trainHeads(training, validation);
    endStage("training");

    const DmadBankSizes& sizes = model_.sizes;
    const TranslatableText summary =
        warmNormal ? DL_TR("Engine", "dmad: normal bank %1 (reused), abnormal bank %2 (labelled %3, synthetic %4, centre "
                                     "samples %5, textures %6); best epoch %7 (validation %8); %9 s")
                   : DL_TR("Engine", "dmad: normal bank %1, abnormal bank %2 (labelled %3, synthetic %4, centre samples "
                                     "%5, textures %6); best epoch %7 (validation %8); %9 s");
    logInfo(summary, sizes.normal, model_.abnormal.index.size(), sizes.labelledDefects, sizes.syntheticDefects,
            sizes.centreSamples, sizes.textures, bestEpoch, formatFixed(bestValidation, 4),
            formatFixed(secondsSince(start), 1));
    logDebug("dmad: stage seconds " + stageSeconds_.dump());
    return {{"stage_seconds", stageSeconds_},
            {"normal_bank", sizes.normal}, {"normal_bank_reused", warmNormal},
            {"labelled_defect_patches", sizes.labelledDefects}, {"synthetic_defect_patches", sizes.syntheticDefects},
            {"centre_samples", sizes.centreSamples}, {"texture_memories", sizes.textures},
            {"labelled_images", input.labelledDefects.size()}, {"transplanted_patches", transplanted.source.size()},
            {"training_patches", training.count()},
            {"best_epoch", bestEpoch}, {"best_validation", bestValidation}, {"fit_seconds", secondsSince(start)}};
}

DmadTrainer::NormalImages DmadTrainer::splitNormals(const std::vector<Sample>& normal)
{
    std::vector<Sample> shuffled = normal;
    seededShuffle(shuffled, rng_);
    const std::size_t validationCount = shuffled.size() >= 10
        ? std::max<std::size_t>(2, std::size_t(std::lround(params_.validationFraction * double(shuffled.size()))))
        : 0;
    NormalImages images;
    for (std::size_t i = 0; i < shuffled.size(); ++i)
        (i < validationCount ? images.validation : images.train).push_back(shuffled[i].path);
    std::sort(images.train.begin(), images.train.end());
    return images;
}

// Over all normal images, the validation ones included (as PatchCore's bank covers
// every training image).
void DmadTrainer::buildNormalBank(const PatchSet& train, const PatchSet& validation)
{
    PatchSet all = train;
    all.appendAll(validation);
    dl::buildNormalBank(model_.normal, all, dim(), params_, progress_.sub(0.3, 0.45), model_.sizes);
}

PatchSet DmadTrainer::syntheticDefectPatches(AnomalySynthesizer& synthesizer, const std::vector<std::string>& trainPaths)
{
    std::vector<std::string> paths = trainPaths;
    seededShuffle(paths, rng_);
    paths.resize(std::min<std::size_t>(paths.size(), std::size_t(params_.syntheticImages)));
    // Source ids of synthetic patches are those of their base normal image, so that
    // training never matches them against memories of the same part.
    std::vector<std::int64_t> baseIndex;
    for (const auto& path : paths)
        baseIndex.push_back(std::lower_bound(trainPaths.begin(), trainPaths.end(), path) - trainPaths.begin());
    PatchSet all = patches_->synthesize(synthesizer, paths, 0, false, 0.5, 0.6,
                                        DL_TR("Engine", "synthesising defects"));
    PatchSet defects;
    defects.features = std::move(all.features);
    for (std::int64_t running : all.source)
        defects.source.push_back(baseIndex[std::size_t(running)]);
    return defects;
}

// Outlier-texture images (a seeded subset) as patch features.
PatchSet DmadTrainer::textureFeatures(const std::vector<std::string>& textures)
{
    std::vector<std::string> picked = textures;
    seededShuffle(picked, rng_);
    picked.resize(std::min<std::size_t>(picked.size(), std::size_t(params_.textureImages)));
    std::sort(picked.begin(), picked.end());
    return patches_->featuresOf(picked, -1, 0.6, 0.7, DL_TR("Engine", "extracting outlier textures"));
}

// (1) real defects (synthetic ones without labels), (2) anomaly-centre samples
// around (1), (3) a coreset of outlier-texture patches.
void DmadTrainer::buildAbnormalBank(const PatchSet& real, const PatchSet& synthetic,
                                    const std::vector<std::string>& textures)
{
    const int dim = this->dim();
    PatchSet bank = defectMemories(real, synthetic, dim, params_, model_.sizes);
    if (!bank.features.empty()) appendCentreSamples(bank, dim, params_, model_.sizes);
    if (!textures.empty()) appendTextureCoreset(bank, textureFeatures(textures), dim, params_, model_.sizes);
    if (bank.features.empty())
        throw Error("dmad could not build an abnormal memory bank (no defects, no synthetic defects, no textures)");
    model_.abnormal.index.build(bank.features.data(), bank.rows(dim), dim, params_.searchOptions());
    model_.abnormal.sourceImage = bank.source;
}

// Normal patches (a seeded subset), synthetic defect patches (a seeded subset, half as
// many) and the labelled defect patches (weighted up).
DmadTrainer::TrainingSet DmadTrainer::trainingPatches(PatchSet normalSet, const PatchSet& synthetic,
                                                      const PatchSet& real, const PatchSet& transplanted)
{
    const int dim = this->dim();
    TrainingSet t;
    std::vector<std::int64_t> normalPick(static_cast<std::size_t>(normalSet.rows(dim)));
    std::iota(normalPick.begin(), normalPick.end(), 0);
    seededShuffle(normalPick, rng_);
    normalPick.resize(std::min<std::size_t>(normalPick.size(), std::size_t(params_.normalPatches)));
    for (auto i : normalPick) {
        t.queries.insert(t.queries.end(), normalSet.features.begin() + i * dim, normalSet.features.begin() + (i + 1) * dim);
        t.source.push_back(normalSet.source[std::size_t(i)]);
        t.normalSource.push_back(normalSet.source[std::size_t(i)]);
        t.weight.push_back(1.0f);
        t.normal.push_back(1);
    }
    t.normalCount = std::int64_t(normalPick.size());
    auto addDefects = [&](const PatchSet& set, float weight) {
        t.queries.insert(t.queries.end(), set.features.begin(), set.features.end());
        t.source.insert(t.source.end(), set.source.begin(), set.source.end());
        const auto& normalSource = set.baseImage.empty() ? set.source : set.baseImage;
        t.normalSource.insert(t.normalSource.end(), normalSource.begin(), normalSource.end());
        t.weight.insert(t.weight.end(), set.source.size(), weight);
        t.normal.insert(t.normal.end(), set.source.size(), 0);
    };
    // Synthetic negatives: a seeded random subset keeps the training set balanced.
    PatchSet negatives;
    std::vector<std::int64_t> pick(static_cast<std::size_t>(synthetic.rows(dim)));
    std::iota(pick.begin(), pick.end(), 0);
    seededShuffle(pick, rng_);
    pick.resize(std::min<std::size_t>(pick.size(), std::size_t(params_.normalPatches / 2)));
    for (auto i : pick)
        negatives.append(synthetic, i, dim);
    addDefects(negatives, 1.0f);
    addDefects(real, float(params_.labelledWeight));
    addDefects(transplanted, 1.0f);
    return t;
}

void DmadTrainer::retrieveTrainingNeighbours(TrainingSet& t) const
{
    const int k = params_.neighbours;
    progress_.report(0.7, DL_TR("Engine", "retrieving memories for training patches"));
    t.nn = model_.normal.nearestExcluding(t.queries.data(), t.count(), k, t.normalSource.data());
    t.na = model_.abnormal.nearestExcluding(t.queries.data(), t.count(), k, t.source.data());
}

DmadTrainer::ValidationSet DmadTrainer::validationSet(AnomalySynthesizer& synthesizer,
                                                      const std::vector<std::string>& paths, PatchSet normal,
                                                      std::int64_t firstSource)
{
    const int dim = this->dim(), k = params_.neighbours;
    ValidationSet v;
    v.images = paths.size();
    v.normal = std::move(normal);
    v.defects = patches_->synthesize(synthesizer, paths, firstSource, true, 0.7, 0.75,
                                     DL_TR("Engine", "synthesising validation defects"));
    if (!paths.empty()) {
        // Own-image memories excluded: a validation part is scored against the other parts.
        v.normalNn = model_.normal.nearestExcluding(v.normal.features.data(), v.normal.rows(dim), k, v.normal.source.data());
        v.normalNa = model_.abnormal.nearestExcluding(v.normal.features.data(), v.normal.rows(dim), k, nullptr);
        v.defectNn = model_.normal.nearestExcluding(v.defects.features.data(), v.defects.rows(dim), k, v.defects.source.data());
        v.defectNa = model_.abnormal.nearestExcluding(v.defects.features.data(), v.defects.rows(dim), k, nullptr);
    }
    return v;
}

// The distance term's unit: the median nearest-normal distance of held-out (or,
// without them, training) normal patches.
void DmadTrainer::calibrateDistance(const ValidationSet& validation, const TrainingSet& training)
{
    const int dim = this->dim();
    torch::NoGradGuard noGrad;
    const bool held = validation.images > 0;
    const float* q = held ? validation.normal.features.data() : training.queries.data();
    const std::int64_t n = held ? validation.normal.rows(dim) : training.normalCount;
    const std::vector<std::int64_t>& nn = held ? validation.normalNn : training.nn;
    torch::Tensor d = map_.nearestNormalDistance(torch::from_blob(const_cast<float*>(q), {n, dim}, torch::kFloat32), nn, n);
    model_.distanceScale = std::max(1e-6f, d.median().item<float>());
}

// Image AUROC plus (where defect patches exist) patch AUROC on the validation set.
double DmadTrainer::validate(const ValidationSet& v)
{
    if (v.images == 0) return 0.0;
    const int dim = this->dim();
    const std::int64_t patches = model_.patchesPerImage();
    torch::Tensor sn = map_.scoreWithNeighbours(v.normal.features.data(), v.normal.rows(dim), v.normalNn, v.normalNa);
    torch::Tensor sd = map_.scoreWithNeighbours(v.defects.features.data(), v.defects.rows(dim), v.defectNn, v.defectNa);
    std::vector<float> imageScores;
    std::vector<std::uint8_t> imageLabels;
    for (std::int64_t i = 0; i < std::int64_t(v.images); ++i) {
        imageScores.push_back(sn.slice(0, i * patches, (i + 1) * patches).max().item<float>());
        imageLabels.push_back(0);
        imageScores.push_back(sd.slice(0, i * patches, (i + 1) * patches).max().item<float>());
        imageLabels.push_back(1);
    }
    std::vector<float> patchScores(sn.data_ptr<float>(), sn.data_ptr<float>() + sn.numel());
    std::vector<std::uint8_t> patchLabels(std::size_t(sn.numel()), 0);
    patchScores.insert(patchScores.end(), sd.data_ptr<float>(), sd.data_ptr<float>() + sd.numel());
    patchLabels.insert(patchLabels.end(), v.defects.defect.begin(), v.defects.defect.end());
    const bool patchBoth = std::count(patchLabels.begin(), patchLabels.end(), 1) > 0;
    return auroc(imageScores, imageLabels) + (patchBoth ? auroc(patchScores, patchLabels) : 0.0);
}

// One pass over the training patches in `order`: hinge loss on normal, noise-fake,
// synthetic and labelled patches. Returns the mean batch loss.
double DmadTrainer::trainEpoch(torch::optim::Adam& optimizer, const TrainingSet& t,
                               const std::vector<std::int64_t>& order)
{
    const int dim = this->dim(), k = params_.neighbours;
    const std::int64_t count = t.count();
    torch::Tensor queries = torch::from_blob(const_cast<float*>(t.queries.data()), {count, dim}, torch::kFloat32);
    torch::Tensor weights = torch::from_blob(const_cast<float*>(t.weight.data()), {count}, torch::kFloat32);
    torch::Tensor isNormal =
        torch::from_blob(const_cast<std::uint8_t*>(t.normal.data()), {count}, torch::kUInt8).to(torch::kBool);
    DmadNetwork& network = model_.network;
    network->train();
    double lossSum = 0;
    int steps = 0;
    for (std::int64_t begin = 0; begin + 1 < count; begin += params_.batchSize) {
        progress_.checkCancelled();
        const std::int64_t end = std::min<std::int64_t>(count, begin + params_.batchSize);
        const std::int64_t n = end - begin;
        if (n < 2) break; // BatchNorm needs two samples
        std::vector<std::int64_t> rows(order.begin() + begin, order.begin() + end);
        std::vector<std::int64_t> nn, na;
        for (auto r : rows) {
            nn.insert(nn.end(), t.nn.begin() + r * k, t.nn.begin() + (r + 1) * k);
            na.insert(na.end(), t.na.begin() + r * k, t.na.begin() + (r + 1) * k);
        }
        torch::Tensor index = torch::from_blob(rows.data(), {n}, torch::kInt64);
        torch::Tensor q = queries.index_select(0, index);
        torch::Tensor r = network->representation(q, gatherMemories(model_.normal, nn, n, k, dim),
                                                  gatherMemories(model_.abnormal, na, n, k, dim));
        torch::Tensor normalMask = isNormal.index_select(0, index);
        // Noise fakes around normal representations (scaled to their spread).
        torch::Tensor normalR = r.index({normalMask});
        torch::Tensor fakes =
            normalR + torch::randn_like(normalR) * (params_.fakeNoise * normalR.detach().std().item<double>());
        torch::Tensor logits = network->discriminate(torch::cat({r, fakes}, 0));
        torch::Tensor labels = torch::cat({normalMask, torch::zeros({fakes.size(0)}, torch::kBool)});
        torch::Tensor w = torch::cat({weights.index_select(0, index), torch::ones({fakes.size(0)})});
        torch::Tensor loss = dmadHingeLoss(logits, labels, w, params_.margin);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        map_.weightsChanged();
        lossSum += loss.item<double>();
        ++steps;
    }
    return lossSum / std::max(1, steps);
}

std::pair<int, double> DmadTrainer::trainHeads(const TrainingSet& training, const ValidationSet& validation)
{
    model_.createNetwork(params_);
    map_.weightsChanged();
    torch::optim::Adam optimizer(model_.network->parameters(), torch::optim::AdamOptions(params_.learningRate));
    std::vector<std::int64_t> order(static_cast<std::size_t>(training.count()));
    std::iota(order.begin(), order.end(), 0);
    EpochLoopSettings settings; // no time budget: DMAD's heads train in seconds
    settings.method = "dmad";
    settings.epochs = params_.epochs;
    // The kept epoch's snapshot covers every parameter and buffer, BatchNorm's counter included.
    EpochLoop loop(settings, allStateOf(*model_.network));
    loop.run([&](int epoch) -> std::optional<EpochReport> {
        seededShuffle(order, rng_);
        const double loss = trainEpoch(optimizer, training, order);
        const double score = validate(validation);
        progress_.metric("loss", epoch - 1, loss);
        progress_.metric("validation", epoch - 1, score);
        progress_.report(0.75 + 0.25 * double(epoch) / double(params_.epochs),
                         engineText(DL_TR("Engine", "training heads, epoch %1/%2"), epoch, params_.epochs));
        logDebug("dmad epoch " + std::to_string(epoch) + ": loss " + std::to_string(loss) + ", validation "
                 + std::to_string(score));
        EpochReport report;
        report.criterion = -score; // the loop keeps the lowest; validation is higher-is-better
        report.validated = validation.images > 0;
        report.point = {{"loss", loss}, {"validation", score}};
        return report;
    });
    map_.weightsChanged(); // the kept epoch's weights are back
    model_.network->eval();
    return {loop.bestEpoch(), -loop.bestCriterion()};
}

} // namespace dl
