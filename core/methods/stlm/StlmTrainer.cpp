#include "methods/stlm/StlmTrainer.h"

#include "backbone/Backbone.h"
#include "backbone/BackboneLoader.h"
#include "backbone/MobileNetV2.h"
#include "common/Error.h"
#include "common/Log.h"
#include "components/TensorConvert.h"
#include "methods/stlm/StlmAnomalyMap.h"
#include "metrics/Metrics.h"
#include "methods/stlm/StlmLoss.h"
#include "synthesis/AnomalySynthesizer.h"
#include "synthesis/Random.h"

#include <algorithm>
#include <numeric>

namespace dl {

void StlmTrainer::LossSums::add(const StlmLosses& l, double weight)
{
    total += weight * l.total.item<double>();
    plain += weight * l.plain.item<double>();
    denoising += weight * l.denoising.item<double>();
    focal += weight * l.focal.item<double>();
    l1 += weight * l.l1.item<double>();
}

StlmTrainer::StlmTrainer(const StlmParams& params, FeatureExtractor& teacher, const PreprocessSpec& preprocess)
    : params_(params), teacher_(teacher), preprocess_(preprocess)
{
}

StlmTrainer::~StlmTrainer() = default;

void StlmTrainer::startStudentTrunks()
{
    if (params_.studentInit != "mobilenetv2") {
        optimizer_ = std::make_unique<torch::optim::Adam>(
            net_->parameters(), torch::optim::AdamOptions(params_.learningRate).betas({0.5, 0.999}));
        return;
    }
    std::shared_ptr<FeatureExtractor> loaded = loadBackbone({"mobilenetv2", params_.studentWeights});
    const auto* mobileNet = dynamic_cast<const MobileNetV2*>(loaded.get());
    if (!mobileNet)
        throw Error("stlm student_init mobilenetv2: '" + loaded->weightsPath() + "' did not load as a MobileNetV2");
    studentWeightsSha256_ = mobileNet->weightsSha256();
    net_->plain->trunk->loadPretrained(*mobileNet);
    net_->denoising->trunk->loadPretrained(*mobileNet);
    // The pretrained trunks move slower than the fresh layers, so training refines the
    // ImageNet features rather than overwriting them in the first epochs.
    std::vector<torch::Tensor> trunks, fresh;
    for (const auto& [name, tensor] : net_->namedState()) {
        if (!tensor.requires_grad())
            continue;
        (name.find(".trunk.") != std::string::npos ? trunks : fresh).push_back(tensor);
    }
    torch::optim::AdamOptions base(params_.learningRate);
    base.betas({0.5, 0.999});
    torch::optim::AdamOptions slow(params_.learningRate * params_.trunkLearningRateScale);
    slow.betas({0.5, 0.999});
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(fresh, std::make_unique<torch::optim::AdamOptions>(base));
    groups.emplace_back(trunks, std::make_unique<torch::optim::AdamOptions>(slow));
    optimizer_ = std::make_unique<torch::optim::Adam>(groups, base);
}

StlmTrainer::Batch StlmTrainer::makeBatch(const StlmNormals& normals, const std::vector<std::int64_t>& rows,
                                          const std::vector<bool>& anomalous, AnomalySynthesizer& synthesizer,
                                          LabelledTransplants* labelled, std::mt19937* variantRng) const
{
    Batch b;
    const auto n = std::int64_t(rows.size());
    std::vector<cv::Mat> images;
    b.maskGrid = torch::zeros({n, 1, preprocess_.height / 8, preprocess_.width / 8});
    const bool fromVariants = variantRng && normals.variants > 0;
    if (fromVariants)
        for (const auto& level : normals.targets)
            b.plainTargets.push_back(torch::empty({n, level.size(1), level.size(2), level.size(3)}));
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t row = rows[std::size_t(i)];
        const cv::Mat& clean = normals.rgb[std::size_t(row)];
        if (!anomalous[std::size_t(i)]) {
            images.push_back(clean);
            for (std::size_t l = 0; l < b.plainTargets.size(); ++l)
                b.plainTargets[l][i].copy_(normals.targets[l][row]);
            continue;
        }
        if (fromVariants) {
            const std::int64_t variant =
                row * normals.variants + std::uniform_int_distribution<int>(0, normals.variants - 1)(*variantRng);
            images.push_back(normals.variantRgb[std::size_t(variant)]);
            b.maskGrid[i].copy_(normals.variantMasks[variant]);
            for (std::size_t l = 0; l < b.plainTargets.size(); ++l)
                b.plainTargets[l][i].copy_(normals.variantTargets[l][variant]);
            continue;
        }
        const auto synthetic = [&] { return synthesizer.make(clean, DefectKind::TexturePaste); };
        SyntheticAnomaly a = labelled ? labelled->make(clean, normals.category[std::size_t(row)], synthesizer.rng(), synthetic)
                                      : synthetic();
        images.push_back(a.image);
        b.maskGrid[i].copy_(maskShareOnGrid(a.mask, preprocess_.height / 8, preprocess_.width / 8)[0]);
    }
    b.images = imagesToTensor(images, preprocess_);
    const torch::Tensor index = torch::tensor(rows, torch::kInt64);
    for (const auto& level : normals.targets)
        b.targets.push_back(level.index_select(0, index));
    return b;
}

// Every validation image twice, clean and with a pseudo-anomaly from its own seeded
// synthesizer, so that each epoch is judged on the same data.
void StlmTrainer::makeValidationBatches()
{
    validation_.clear();
    const std::int64_t n = validationNormals_.size();
    if (n == 0)
        return;
    AnomalySynthesizer synthesizer(textures_, params_.seed + 3, synthesizer_->options());
    std::vector<std::int64_t> rows;
    std::vector<bool> anomalous;
    for (std::int64_t i = 0; i < n; ++i)
        for (bool defect : {false, true}) {
            rows.push_back(i);
            anomalous.push_back(defect);
        }
    const std::size_t batch = std::size_t(params_.batchSize);
    for (std::size_t begin = 0; begin < rows.size(); begin += batch) {
        const std::size_t end = std::min(rows.size(), begin + batch);
        validation_.push_back(makeBatch(validationNormals_, {rows.begin() + std::ptrdiff_t(begin), rows.begin() + std::ptrdiff_t(end)},
                                        {anomalous.begin() + std::ptrdiff_t(begin), anomalous.begin() + std::ptrdiff_t(end)},
                                        synthesizer));
    }
}

StlmTrainer::LossSums StlmTrainer::evaluate() const
{
    LossSums sums;
    torch::NoGradGuard noGrad;
    net_->train(false);
    std::int64_t count = 0;
    for (const Batch& b : validation_)
        count += b.size();
    for (const Batch& b : validation_) {
        StlmNetwork::Outputs o = net_->forward(b.images);
        StlmLosses l = stlmLoss(o.plain, o.denoising, o.faLogits, b.targets, b.maskGrid, params_.focalGamma,
                                params_.faWeight);
        sums.add(l, double(b.size()) / double(count));
    }
    return sums;
}

nlohmann::json StlmTrainer::mapAurocOnValidation() const
{
    torch::NoGradGuard noGrad;
    net_->train(false);
    const char* const maps[] = {"fa", "discrepancy", "product"};
    std::vector<std::vector<float>> scores(3);
    std::vector<std::uint8_t> labels;
    for (const Batch& b : validation_) {
        StlmNetwork::Outputs o = net_->forward(b.images);
        for (std::size_t m = 0; m < 3; ++m) {
            torch::Tensor grid = stlmGridMaps(o, maps[m]).contiguous();
            scores[m].insert(scores[m].end(), grid.data_ptr<float>(), grid.data_ptr<float>() + grid.numel());
        }
        torch::Tensor defect = (b.maskGrid.squeeze(1) > 0.5).to(torch::kUInt8).contiguous();
        labels.insert(labels.end(), defect.data_ptr<std::uint8_t>(), defect.data_ptr<std::uint8_t>() + defect.numel());
    }
    nlohmann::json out = nlohmann::json::object();
    const auto defects = std::count(labels.begin(), labels.end(), std::uint8_t(1));
    if (defects == 0 || defects == std::ptrdiff_t(labels.size())) {
        // Tiny grids can leave no cell mostly covered by a defect: nothing to rank.
        logWarning(DL_TR("Engine", "stlm: the validation pseudo-anomalies cover no whole feature cell; the map is not "
                                   "chosen on them"));
        return out;
    }
    for (std::size_t m = 0; m < 3; ++m)
        out[maps[m]] = auroc(scores[m], labels);
    return out;
}

std::optional<StlmTrainer::LossSums> StlmTrainer::trainBatches(int epoch, const EpochLoop& loop,
                                                               const ProgressContext& progress)
{
    const std::int64_t n = train_.size();
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    seededShuffle(order, rng_);
    LossSums sums;
    const std::int64_t batch = params_.batchSize;
    // Whole batches only: BatchNorm statistics of a single leftover image are meaningless.
    const std::int64_t usable = n >= batch ? n - n % batch : n;
    for (std::int64_t begin = 0; begin < usable; begin += batch) {
        progress.checkCancelled();
        if (loop.outOfTime())
            return std::nullopt;
        const std::int64_t end = std::min(usable, begin + batch);
        std::vector<std::int64_t> rows(order.begin() + begin, order.begin() + end);
        std::vector<bool> anomalous;
        for (std::size_t i = 0; i < rows.size(); ++i)
            anomalous.push_back(randomUnit(rng_) < params_.anomalyProbability);
        Batch b = makeBatch(train_, rows, anomalous, *synthesizer_, &labelled_, &rng_);
        StlmNetwork::Outputs o = net_->forward(b.images);
        StlmLosses l = stlmLoss(o.plain, o.denoising, o.faLogits, b.targets, b.maskGrid, params_.focalGamma,
                                params_.faWeight, b.plainTargets);
        optimizer_->zero_grad();
        l.total.backward();
        optimizer_->step();
        const double weight = double(end - begin) / double(usable);
        sums.add(l, weight);
        loop.reportProgress(progress, epoch, double(end) / double(usable));
    }
    return sums;
}

std::optional<EpochReport> StlmTrainer::runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress)
{
    net_->train(true);
    const std::optional<LossSums> t = trainBatches(epoch, loop, progress);
    if (!t)
        return std::nullopt;
    progress.metric("loss", epoch, t->total);
    EpochReport report;
    report.point = {{"loss", t->total}, {"plain", t->plain}, {"denoising", t->denoising},
                    {"focal", t->focal}, {"l1", t->l1}};
    report.criterion = t->total;
    report.logText = DL_TR("Engine", "stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), %7 s");
    report.logArguments = {std::to_string(epoch), formatFixed(t->total, 4), formatFixed(t->plain, 4),
                           formatFixed(t->denoising, 4), formatFixed(t->focal, 4), formatFixed(t->l1, 4)};
    if (!validation_.empty()) {
        const LossSums v = evaluate();
        report.criterion = v.total;
        report.validated = true;
        progress.metric("val_loss", epoch, v.total);
        report.point["val_loss"] = v.total;
        report.point["val_denoising"] = v.denoising;
        report.point["val_focal"] = v.focal;
        report.point["val_l1"] = v.l1;
        report.logText = DL_TR("Engine", "stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), validation "
                                         "%7 (denoising %8, focal %9, L1 %10), %11 s");
        report.logArguments.insert(report.logArguments.end(), {formatFixed(v.total, 4), formatFixed(v.denoising, 4),
                                                               formatFixed(v.focal, 4), formatFixed(v.l1, 4)});
    }
    return report;
}

StlmTrained StlmTrainer::train(const FitInput& input, const ProgressContext& progress, SteadyClock::time_point fitStart)
{
    rng_.seed(params_.seed);
    const IndexSplit split = splitForValidation(input.normal.size(), params_.validationFraction, 2, rng_);
    if (split.validation.empty())
        logWarning(DL_TR("Engine", "stlm: no validation split (fewer than 5 normal images or validation_fraction 0); "
                                   "the last epoch is kept"));

    // 1. Pseudo-anomalies: a DTD texture under a Perlin mask, opacity up to beta_max.
    textures_ = locateOutlierTextures(params_.textureDir);
    if (textures_.empty())
        logWarning(DL_TR("Engine", "stlm: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); "
                                   "pseudo-anomalies fall back to structural ones"));
    SynthesisOptions synthesis;
    synthesis.betaMin = std::min(0.1, params_.betaMax);
    synthesis.betaMax = params_.betaMax;
    synthesis.objectForeground = params_.objectForeground;
    synthesizer_ = std::make_unique<AnomalySynthesizer>(textures_, params_.seed + 1, synthesis);
    // Checked here, not when the parameters are read: without labels the share changes
    // nothing, so plain_target anomalous with the default share fits as before.
    if (!input.labelledDefects.empty() && params_.labelledShare > 0 && params_.plainTarget == "anomalous")
        throw Error("stlm: labelled defects need plain_target clean (or labelled_share 0): with plain_target "
                    "anomalous the plain stream learns the teacher's features of a fixed set of synthetic copies, "
                    "computed once, which a transplanted defect is not");
    labelled_ = LabelledTransplants::load(input.labelledDefects, params_.labelledShare, preprocess_, "stlm",
                                          progress.sub(0.0, 0.01));

    // 2. The teacher's targets (the slow part of a first fit; cached on disk for the next),
    // with plain_target anomalous also those of each training image's fixed variants.
    // Validation keeps the clean targets: its loss is the same in both modes.
    StlmTeacherTargets teacher(teacher_, params_, preprocess_);
    StlmVariantSynthesis variants;
    if (params_.plainTarget == "anomalous")
        variants = {params_.anomalousVariants, textures_, synthesis};
    const ProgressContext cacheProgress = progress.sub(0.0, 0.3);
    train_ = teacher.collect(input.normal, split.train, cacheProgress.sub(0.0, 0.9),
                             DL_TR("Engine", "teacher features (training)"), variants);
    validationNormals_ = teacher.collect(input.normal, split.validation, cacheProgress.sub(0.9, 1.0),
                                         DL_TR("Engine", "teacher features (validation)"));
    const double cacheSeconds = secondsSince(fitStart);
    makeValidationBatches();

    // 3. The networks, trained in one stage.
    torch::manual_seed(params_.seed);
    net_ = std::make_unique<StlmNetwork>(stlmArchitecture(params_, teacher.channels()));
    startStudentTrunks();
    logInfo(DL_TR("Engine", "stlm: %1 training + %2 validation images, %3 parameters; teacher ran on %4 images in %5 s, "
                            "%6 came from the cache"),
            split.train.size(), split.validation.size(), net_->parameterCount(), teacher.computed(),
            formatFixed(teacher.teacherSeconds(), 1), teacher.reused());

    const ProgressContext trainProgress = progress.sub(0.3, 1.0);
    const double budget = fitBudgetSeconds(params_.maxMinutes, input.categories.size());
    EpochLoop loop({"stlm", params_.epochs, budget, fitStart, input.checkpoint}, net_->namedState(),
                   {optimizer_.get(), {&rng_, &synthesizer_->rng()}});
    loop.run([&](int epoch) { return runEpoch(epoch, loop, trainProgress); });
    net_->train(false);
    logInfo(loop.stoppedByTimeBudget()
                ? DL_TR("Engine", "stlm: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3")
                : DL_TR("Engine", "stlm: %1 epochs in %2 min, keeping epoch %3"),
            loop.epochsRun(), formatFixed(loop.trainSeconds() / 60.0, 1), loop.bestEpoch());
    StlmTrained out;
    out.map = params_.map;
    nlohmann::json mapAuroc = nlohmann::json::object();
    if (!validation_.empty())
        mapAuroc = mapAurocOnValidation();
    if (out.map == "auto") {
        // The paper's FA map unless the validation data says otherwise.
        out.map = "fa";
        for (const auto& [name, value] : mapAuroc.items())
            if (value.get<double>() > mapAuroc.value(out.map, 0.0))
                out.map = name;
        logInfo(DL_TR("Engine", "stlm: anomaly map '%1' chosen on the validation images (pixel AUROC fa %2, "
                                "discrepancy %3, product %4)"),
                out.map, formatFixed(mapAuroc.value("fa", 0.0), 4), formatFixed(mapAuroc.value("discrepancy", 0.0), 4),
                formatFixed(mapAuroc.value("product", 0.0), 4));
    }
    out.provenance = {{"map", out.map},
                      {"map_validation_auroc", mapAuroc},
                      {"train_images", split.train.size()},
                      {"validation_images", split.validation.size()},
                      {"outlier_textures", textures_.size()},
                      {"plain_target", params_.plainTarget},
                      {"student_init", params_.studentInit},
                      {"student_weights_sha256", studentWeightsSha256_},
                      {"anomalous_variants", train_.variants},
                      {"parameters", net_->parameterCount()},
                      {"inference_macs", net_->multiplyAccumulates(preprocess_.height, preprocess_.width)},
                      {"teacher_images_computed", teacher.computed()},
                      {"teacher_images_from_cache", teacher.reused()},
                      {"teacher_seconds", teacher.teacherSeconds()},
                      {"cache_seconds", cacheSeconds}};
    if (!labelled_.empty())
        out.provenance["labelled"] = labelled_.describe();
    out.provenance.update(loop.record());
    out.net = std::move(net_);
    optimizer_.reset();
    return out;
}

} // namespace dl
