#include "methods/cse/CseTrainer.h"

#include "backbone/Backbone.h"
#include "common/Log.h"
#include "components/ImageBatches.h"
#include "components/KMeans.h"
#include "components/TensorConvert.h"
#include "data/ImageIO.h"
#include "methods/cse/CseAnomalyMap.h"
#include "synthesis/AnomalySynthesizer.h"
#include "synthesis/DefectTransplant.h"
#include "synthesis/Random.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dl {
namespace {

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

} // namespace

CseTrainer::CseTrainer(const CseParams& params, FeatureExtractor& backbone, const PreprocessSpec& preprocess)
    : params_(params), backbone_(backbone), preprocess_(preprocess)
{
}

CseTrainer::~CseTrainer() = default;

// One RMS per tap from a few training images, so that every cached feature is scaled
// alike: the deeper tap's activations are several times larger and would dominate the
// embedder's input.
torch::Tensor CseTrainer::measureTapScale(const std::vector<Sample>& normal,
                                          const std::vector<std::int64_t>& trainIdx) const
{
    std::vector<cv::Mat> probe;
    for (std::size_t i = 0; i < std::min<std::size_t>(trainIdx.size(), 16); ++i)
        probe.push_back(preprocess_.decode(normal[std::size_t(trainIdx[i])].path).rgb);
    torch::InferenceMode guard;
    std::vector<torch::Tensor> features = backbone_.extract(imagesToTensor(probe, preprocess_), params_.taps);
    std::vector<float> scales;
    for (const auto& f : features)
        scales.push_back(float(std::max(1e-6, std::sqrt(f.pow(2).mean().item<double>()))));
    return torch::tensor(scales);
}

// Backbone -> fused, scaled taps, as an ordinary tensor (usable in autograd graphs).
torch::Tensor CseTrainer::fusedFeatures(const torch::Tensor& images) const
{
    torch::Tensor fused;
    {
        torch::InferenceMode guard;
        fused = scaledFusedTaps(backbone_, params_.taps, tapScale_, images);
    }
    return fused.clone(); // a clone made outside inference mode is a normal tensor
}

CseTrainer::NormalCache CseTrainer::cacheNormals(const std::vector<Sample>& samples,
                                                 const std::vector<std::int64_t>& indices,
                                                 const ProgressContext& progress, const EngineText& stage) const
{
    NormalCache cache;
    std::vector<torch::Tensor> parts;
    forEachImageBatch(samples, indices, params_.batchSize, preprocess_.decodeAtLeast(), progress, stage,
                      [&](std::vector<cv::Mat>& decoded, std::size_t begin, std::size_t end) {
        std::vector<cv::Mat> resized;
        for (std::size_t i = begin; i < end; ++i) {
            resized.push_back(preprocess_.resize(decoded[i - begin]));
            cache.category.push_back(samples[std::size_t(indices[i])].category);
        }
        parts.push_back(fusedFeatures(imagesToTensor(resized, preprocess_)));
        cache.rgb.insert(cache.rgb.end(), resized.begin(), resized.end());
    });
    if (!parts.empty())
        cache.fused = torch::cat(parts, 0);
    return cache;
}

// The defect mask as the fraction of defective pixels per pooled cell, [1,1,hp,wp].
torch::Tensor CseTrainer::defectWeightOf(const cv::Mat& mask) const
{
    cv::Mat fraction;
    cv::Mat unit;
    mask.convertTo(unit, CV_32F, 1.0 / 255.0);
    cv::resize(unit, fraction, cv::Size(int(wp_), int(hp_)), 0, 0, cv::INTER_AREA);
    torch::Tensor w = torch::from_blob(fraction.data, {1, 1, hp_, wp_}, torch::kFloat32).clone();
    if (params_.wholeImageContrast())
        return torch::ones_like(w); // the paper: the whole defective image is pushed away
    return w;
}

// A partner for `anchor`: another image of the anchor's own category (a unified model
// must not pull a bottle's embedding towards a tile's), any other image when none.
std::int64_t CseTrainer::partnerOf(const NormalCache& cache, std::int64_t anchor, std::mt19937& draw)
{
    std::vector<std::int64_t> candidates;
    for (std::int64_t j = 0; j < cache.size(); ++j)
        if (j != anchor && cache.category[std::size_t(j)] == cache.category[std::size_t(anchor)])
            candidates.push_back(j);
    if (candidates.empty())
        for (std::int64_t j = 0; j < cache.size(); ++j)
            if (j != anchor)
                candidates.push_back(j);
    return candidates[randomBelow(draw, std::uint32_t(candidates.size()))];
}

// The labelled defects at the working size, their masks and their fused features (the
// backbone runs once per label; transplanted copies run it again per pair).
CseTrainer::LabelledCache CseTrainer::cacheLabelled(const std::vector<Sample>& labelled,
                                                   const ProgressContext& progress) const
{
    LabelledCache cache;
    if (labelled.empty())
        return cache;
    WorkingSizeDefects defects = loadWorkingSizeDefects(labelled, preprocess_, "cse", progress);
    cache.rgb = std::move(defects.rgb);
    cache.mask = std::move(defects.mask);
    cache.category = std::move(defects.category);
    std::vector<torch::Tensor> parts;
    for (std::size_t begin = 0; begin < cache.rgb.size(); begin += std::size_t(params_.batchSize)) {
        const std::size_t end = std::min(cache.rgb.size(), begin + std::size_t(params_.batchSize));
        parts.push_back(fusedFeatures(
            imagesToTensor({cache.rgb.begin() + long(begin), cache.rgb.begin() + long(end)}, preprocess_)));
    }
    if (!parts.empty())
        cache.fused = torch::cat(parts, 0);
    return cache;
}

// Pairs (anchor, other image of the same category); each partner made defective with
// defect_probability. A defective partner is, with labelled_share where the anchor's
// category has labelled defects, a real one: half the time the labelled image itself,
// half the time its defect transplanted onto the drawn partner; otherwise synthetic.
CseTrainer::PairBatch CseTrainer::makePairs(const NormalCache& cache, const std::vector<std::int64_t>& anchors,
                                            std::mt19937& draw, AnomalySynthesizer& synthesizer,
                                            const LabelledCache* labelled) const
{
    PairBatch b;
    const auto n = std::int64_t(anchors.size());
    b.anchors = cache.fused.index_select(0, torch::tensor(anchors, torch::kInt64));
    std::vector<std::int64_t> partnerIdx;
    std::vector<cv::Mat> defective;
    std::vector<std::int64_t> defectiveRows;
    std::vector<std::int64_t> labelledRows, labelledIdx; // partners that are labelled images themselves
    b.defectWeight = torch::zeros({n, 1, hp_, wp_});
    std::vector<bool> normal(std::size_t(n), true);
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t anchor = anchors[std::size_t(i)];
        partnerIdx.push_back(partnerOf(cache, anchor, draw));
        if (randomUnit(draw) >= params_.defectProbability)
            continue;
        normal[std::size_t(i)] = false;
        std::vector<std::int64_t> ofCategory;
        if (labelled)
            for (std::int64_t j = 0; j < labelled->size(); ++j)
                if (labelled->category[std::size_t(j)] == cache.category[std::size_t(anchor)])
                    ofCategory.push_back(j);
        // No draw is spent on labels where there are none: a fit without them is the same as before they existed.
        if (!ofCategory.empty() && randomUnit(draw) < params_.labelledShare) {
            const std::int64_t j = ofCategory[randomBelow(draw, std::uint32_t(ofCategory.size()))];
            if (randomUnit(draw) < 0.5) {
                labelledRows.push_back(i);
                labelledIdx.push_back(j);
                b.defectWeight[i].copy_(defectWeightOf(labelled->mask[std::size_t(j)])[0]);
            } else {
                TransplantedDefect t = transplantDefect(cache.rgb[std::size_t(partnerIdx.back())],
                                                        labelled->rgb[std::size_t(j)], labelled->mask[std::size_t(j)],
                                                        draw);
                defective.push_back(t.image);
                defectiveRows.push_back(i);
                b.defectWeight[i].copy_(defectWeightOf(t.mask)[0]);
            }
            continue;
        }
        SyntheticAnomaly a = synthesizer.makeRandom(cache.rgb[std::size_t(partnerIdx.back())]);
        defective.push_back(a.image);
        defectiveRows.push_back(i);
        b.defectWeight[i].copy_(defectWeightOf(a.mask)[0]);
    }
    b.partners = cache.fused.index_select(0, torch::tensor(partnerIdx, torch::kInt64));
    if (!defective.empty()) {
        torch::Tensor features = fusedFeatures(imagesToTensor(defective, preprocess_));
        b.partners.index_copy_(0, torch::tensor(defectiveRows, torch::kInt64), features);
    }
    if (!labelledRows.empty())
        b.partners.index_copy_(0, torch::tensor(labelledRows, torch::kInt64),
                               labelled->fused.index_select(0, torch::tensor(labelledIdx, torch::kInt64)));
    b.partnerIsNormal = torch::zeros({n}, torch::kBool);
    for (std::int64_t i = 0; i < n; ++i)
        b.partnerIsNormal[i] = bool(normal[std::size_t(i)]);
    return b;
}

// Fixed validation pairs, synthesised once with their own seeds, so that every epoch's
// validation loss is measured on the same data.
CseTrainer::PairBatch CseTrainer::makeValidationPairs(const ProgressContext& progress) const
{
    if (validationImages_.size() < 2)
        return {};
    progress.report(0.09, DL_TR("Engine", "synthesising validation defects"));
    std::mt19937 validationDraw(params_.seed + 2);
    AnomalySynthesizer validationSynth(textures_, params_.seed + 3, synthesizer_->options());
    std::vector<std::int64_t> all(std::size_t(validationImages_.size()));
    std::iota(all.begin(), all.end(), 0);
    return makePairs(validationImages_, all, validationDraw, validationSynth, nullptr);
}

IndexSplit CseTrainer::prepare(const FitInput& input, const ProgressContext& progress)
{
    // Validation split of the normal training images: it alone picks the checkpoint.
    rng_.seed(params_.seed);
    IndexSplit split = splitForValidation(input.normal.size(), params_.validationFraction, 2, rng_);
    if (split.validation.empty())
        logWarning(DL_TR("Engine", "cse: no validation split (fewer than 5 normal images or validation_fraction 0); "
                                   "the last epoch is kept"));

    // 1. Decode, resize and run the backbone once per normal image.
    const ProgressContext cacheProgress = progress.sub(0.0, 0.1);
    tapScale_ = measureTapScale(input.normal, split.train);
    train_ = cacheNormals(input.normal, split.train, cacheProgress.sub(0.0, 0.85),
                          DL_TR("Engine", "caching backbone features"));
    validationImages_ = cacheNormals(input.normal, split.validation, cacheProgress.sub(0.85, 0.9),
                                     DL_TR("Engine", "caching validation features"));
    // Labelled defects train only: the validation pairs stay synthetic, so that the
    // checkpoint is not chosen on defects the embedder was trained on.
    labelled_ = params_.labelledShare > 0 ? cacheLabelled(input.labelledDefects, cacheProgress.sub(0.9, 1.0))
                                          : LabelledCache{};
    // The defect weights live on the finest scale's grid (csePairLoss averages them onto the others).
    hp_ = train_.fused.size(2) / params_.pools().back();
    wp_ = train_.fused.size(3) / params_.pools().back();

    // 2. Synthetic defects: texture paste (beta 1, as CSE), structural and blurry, equally likely.
    textures_ = locateOutlierTextures(params_.textureDir);
    if (textures_.empty())
        logWarning(DL_TR("Engine", "cse: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); "
                                   "texture-paste defects fall back to structural ones"));
    SynthesisOptions synthesisOptions;
    synthesisOptions.betaMin = synthesisOptions.betaMax = 1.0;
    synthesisOptions.objectForeground = params_.objectForeground;
    synthesisOptions.matchGreyscale = params_.matchGreyscale;
    synthesizer_ = std::make_unique<AnomalySynthesizer>(textures_, params_.seed + 1, synthesisOptions);
    validation_ = makeValidationPairs(progress);
    return split;
}

CseLosses CseTrainer::evaluate() const
{
    torch::NoGradGuard noGrad;
    net_->train(false);
    CseLosses sum{torch::zeros({}), torch::zeros({}), torch::zeros({})};
    const std::int64_t m = validation_.size();
    const std::int64_t batch = params_.batchSize;
    for (std::int64_t begin = 0; begin < m; begin += batch) {
        const std::int64_t end = std::min(m, begin + batch);
        CseLosses l = csePairLoss(*net_, validation_.anchors.slice(0, begin, end),
                                  validation_.partners.slice(0, begin, end), validation_.defectWeight.slice(0, begin, end),
                                  validation_.partnerIsNormal.slice(0, begin, end), params_.pools(),
                                  params_.contrastiveWeight);
        const double weight = double(end - begin) / double(m);
        sum.total += weight * l.total;
        sum.contrastive += weight * l.contrastive;
        sum.decoder += weight * l.decoder;
    }
    return sum;
}

std::optional<CseTrainer::EpochSums> CseTrainer::trainBatches(int epoch, const EpochLoop& loop,
                                                              const ProgressContext& progress)
{
    const std::int64_t n = train_.size();
    const std::int64_t batch = params_.batchSize;
    const std::vector<std::int64_t> perm = seededPermutation(n, rng_);
    EpochSums sums;
    for (std::int64_t begin = 0; begin < n; begin += batch) {
        progress.checkCancelled();
        // Past the budget, a partly trained epoch is dropped (the best checkpoint stays).
        if (loop.outOfTime())
            return std::nullopt;
        const std::int64_t end = std::min(n, begin + batch);
        // BatchNorm in train mode needs two rows at least; pairs give 2x the anchors.
        std::vector<std::int64_t> anchors(perm.begin() + begin, perm.begin() + end);
        const auto synthesisStart = SteadyClock::now();
        PairBatch b = makePairs(train_, anchors, rng_, *synthesizer_, &labelled_);
        synthesisSeconds_ += secondsSince(synthesisStart);
        const double rate = oneCycleRate(step_++, totalSteps_, params_.learningRate, params_.maxLearningRate);
        for (auto& group : optimizer_->param_groups())
            static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
        CseLosses l = csePairLoss(*net_, b.anchors, b.partners, b.defectWeight, b.partnerIsNormal, params_.pools(),
                                  params_.contrastiveWeight);
        optimizer_->zero_grad();
        l.total.backward();
        optimizer_->step();
        const double rows = double(end - begin);
        sums.loss += l.total.item<double>() * rows;
        sums.contrastive += l.contrastive.item<double>() * rows;
        sums.decoder += l.decoder.item<double>() * rows;
        loop.reportProgress(progress, epoch, double(end) / double(n));
    }
    return sums;
}

// The one-cycle schedule spans the epochs that will actually run: planned after epoch 1
// and again after epoch 2 (the first epoch also decodes the outlier textures, loaded
// lazily, so it overstates the cost of the others); a schedule cut short by the budget
// would end at its peak rate instead of annealed.
void CseTrainer::planSchedule(int epoch, SteadyClock::time_point epochStart)
{
    if (!((epoch == 1 || epoch == 2) && params_.epochs > epoch))
        return;
    const double perEpoch = secondsSince(epochStart);
    const double left = budgetSeconds_ - secondsSince(fitStart_);
    plannedEpochs_ = std::clamp(epoch + int(std::floor(left / std::max(1e-3, perEpoch))), epoch, params_.epochs);
    totalSteps_ = stepsPerEpoch_ * plannedEpochs_;
    if (plannedEpochs_ < params_.epochs && epoch == 2)
        logInfo(DL_TR("Engine", "cse: the time budget allows about %1 of %2 epochs; the learning-rate schedule is "
                                "fitted to them"),
                plannedEpochs_, params_.epochs);
}

std::optional<EpochReport> CseTrainer::runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress)
{
    const auto epochStart = SteadyClock::now();
    net_->train(true);
    synthesisSeconds_ = 0;
    const std::optional<EpochSums> sums = trainBatches(epoch, loop, progress);
    if (!sums)
        return std::nullopt;
    planSchedule(epoch, epochStart);
    const double n = double(train_.size());
    const double trainLoss = sums->loss / n, contrastive = sums->contrastive / n, decoder = sums->decoder / n;
    progress.metric("loss", epoch, trainLoss);
    progress.metric("learning_rate", epoch,
                    oneCycleRate(step_, totalSteps_, params_.learningRate, params_.maxLearningRate));
    progress.metric("contrastive_loss", epoch, contrastive);
    progress.metric("decoder_loss", epoch, decoder);
    EpochReport report;
    report.point = {{"loss", trainLoss}, {"contrastive_loss", contrastive}, {"decoder_loss", decoder}};
    report.criterion = trainLoss;
    report.logText = DL_TR("Engine", "cse epoch %1: loss %2 (contrastive %3, decoder %4), %6 s (synthesis + backbone "
                                     "%5 s)");
    report.logArguments = {std::to_string(epoch), formatFixed(trainLoss, 4), formatFixed(contrastive, 4),
                           formatFixed(decoder, 4)};
    if (validation_.size() > 0) {
        const CseLosses v = evaluate();
        report.criterion = v.total.item<double>();
        report.validated = true;
        progress.metric("val_loss", epoch, report.criterion);
        progress.metric("val_contrastive_loss", epoch, v.contrastive.item<double>());
        progress.metric("val_decoder_loss", epoch, v.decoder.item<double>());
        report.point["val_loss"] = report.criterion;
        report.point["val_contrastive_loss"] = v.contrastive.item<double>();
        report.point["val_decoder_loss"] = v.decoder.item<double>();
        report.logText = DL_TR("Engine", "cse epoch %1: loss %2 (contrastive %3, decoder %4), validation %5 (contrastive "
                                         "%6, decoder %7), %9 s (synthesis + backbone %8 s)");
        report.logArguments.insert(report.logArguments.end(), {formatFixed(report.criterion, 4),
                                                               formatFixed(v.contrastive.item<double>(), 4),
                                                               formatFixed(v.decoder.item<double>(), 4)});
    }
    report.logArguments.push_back(formatFixed(synthesisSeconds_, 1));
    return report;
}

// One scale's bank: k-means centres of the embeddings of every normal fit image, pooled by `pool`.
torch::Tensor CseTrainer::buildBank(int pool, std::int64_t& pointCount) const
{
    torch::Tensor points;
    {
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> parts;
        const std::int64_t batch = params_.batchSize;
        for (const NormalCache* cache : {&train_, &validationImages_})
            for (std::int64_t begin = 0; begin < cache->size(); begin += batch)
                parts.push_back(
                    cseBankPoints(*net_, cache->fused.slice(0, begin, std::min(cache->size(), begin + batch)), params_,
                                  pool));
        points = torch::cat(parts, 0).contiguous();
    }
    const int dim = int(points.size(1));
    std::vector<float> centres = kmeansCentres(points.data_ptr<float>(), points.size(0), dim, params_.clusters,
                                               params_.seed);
    const std::int64_t k = std::int64_t(centres.size()) / dim;
    pointCount = points.size(0);
    return torch::from_blob(centres.data(), {k, dim}, torch::kFloat32).clone();
}

CseTrained CseTrainer::train(const FitInput& input, const CseArchitecture& architecture,
                             const ProgressContext& progress, SteadyClock::time_point fitStart)
{
    fitStart_ = fitStart;
    budgetSeconds_ = fitBudgetSeconds(params_.maxMinutes, input.categories.size());
    const IndexSplit split = prepare(input, progress);
    const double cacheSeconds = secondsSince(fitStart);

    // 3. Train the embedder (the decoder stays as initialised).
    torch::manual_seed(params_.seed);
    net_ = std::make_unique<CseNetwork>(architecture);
    optimizer_ = std::make_unique<torch::optim::Adam>(net_->trainableParameters(),
                                                      torch::optim::AdamOptions(params_.learningRate));
    logInfo(DL_TR("Engine", "cse: %1 training + %2 validation images, %3 labelled defects, %4 outlier textures, %5 "
                            "embedder parameters, backbone cached in %6 s"),
            split.train.size(), split.validation.size(), labelled_.size(), textures_.size(),
            net_->trainableParameterCount(), formatFixed(cacheSeconds, 1));
    stepsPerEpoch_ = (train_.size() + params_.batchSize - 1) / params_.batchSize;
    plannedEpochs_ = params_.epochs;
    totalSteps_ = stepsPerEpoch_ * plannedEpochs_;
    step_ = 0;
    const ProgressContext trainProgress = progress.sub(0.1, 0.95);
    EpochCarryOver carryOver{optimizer_.get(), {&rng_, &synthesizer_->rng()}};
    // The one-cycle schedule's position and length go on from where they were.
    carryOver.saveCounters = [this] {
        return nlohmann::json{{"step", step_}, {"planned_epochs", plannedEpochs_}, {"total_steps", totalSteps_}};
    };
    carryOver.loadCounters = [this](const nlohmann::json& counters) {
        step_ = counters.at("step").get<std::int64_t>();
        plannedEpochs_ = counters.at("planned_epochs").get<int>();
        totalSteps_ = counters.at("total_steps").get<std::int64_t>();
    };
    EpochLoop loop({"cse", params_.epochs, budgetSeconds_, fitStart, input.checkpoint}, net_->namedState(),
                   carryOver);
    // Training also ends once the schedule fitted to the budget has annealed (later
    // epochs would run at the floor rate).
    loop.run([&](int epoch) { return runEpoch(epoch, loop, trainProgress); },
             [&](int epoch) { return epoch >= plannedEpochs_; });
    net_->train(false);

    // 4. The bank.
    progress.checkCancelled();
    progress.report(0.95, DL_TR("Engine", "building the k-means bank"));
    const auto bankStart = SteadyClock::now();
    CseTrained out;
    std::int64_t pointCount = 0;
    for (int pool : params_.pools())
        out.centres.push_back(buildBank(pool, pointCount));
    const double bankSeconds = secondsSince(bankStart);
    const std::int64_t k = out.centres.front().size(0);
    logInfo(loop.stoppedByTimeBudget()
                ? DL_TR("Engine", "cse: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3; bank of %4 "
                                  "centres from %5 embeddings in %6 s")
                : DL_TR("Engine", "cse: %1 epochs in %2 min, keeping epoch %3; bank of %4 centres from %5 embeddings in "
                                  "%6 s"),
            loop.epochsRun(), formatFixed(loop.trainSeconds() / 60.0, 1), loop.bestEpoch(), k, pointCount,
            formatFixed(bankSeconds, 1));
    out.provenance = {{"train_images", split.train.size()},
                      {"validation_images", split.validation.size()},
                      {"labelled_defects", labelled_.size()},
                      {"outlier_textures", textures_.size()},
                      {"parameters", net_->trainableParameterCount()},
                      {"cache_seconds", cacheSeconds},
                      {"bank_seconds", bankSeconds},
                      {"bank_centres", k},
                      {"epochs_planned", plannedEpochs_}};
    out.provenance.update(loop.record());
    out.tapScale = tapScale_;
    out.net = std::move(net_);
    return out;
}

} // namespace dl
