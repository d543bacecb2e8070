#include "methods/dskd/DskdTrainer.h"

#include "backbone/Backbone.h"
#include "common/Log.h"
#include "components/ImageBatches.h"
#include "components/ScaleWeights.h"
#include "components/TensorConvert.h"
#include "methods/dskd/DskdLoss.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dl {

DskdTrainer::DskdTrainer(const DskdParams& params, FeatureExtractor& teacher, const PreprocessSpec& preprocess)
    : params_(params), teacher_(teacher), preprocess_(preprocess)
{
}

DskdTrainer::FeatureCache DskdTrainer::cacheTeacher(const std::vector<Sample>& samples,
                                                    const std::vector<std::int64_t>& indices,
                                                    const ProgressContext& progress, const EngineText& stage) const
{
    FeatureCache cache;
    const std::int64_t n = std::int64_t(indices.size());
    forEachImageBatch(samples, indices, params_.batchSize, preprocess_.decodeAtLeast(), progress, stage,
                      [&](std::vector<cv::Mat>& decoded, std::size_t begin, std::size_t end) {
        torch::Tensor batch = imagesToTensor(decoded, preprocess_);
        std::vector<torch::Tensor> features = teacher_.extract(batch, params_.taps);
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
        for (std::size_t t = 0; t < params_.taps.size(); ++t)
            cache.teacher[t].slice(0, rows, rowsEnd).copy_(features[t]);
    });
    return cache;
}

// "tap": shift 0 and one RMS for the whole tap (balances the L2 terms, leaves the cosine
// as is); "channel": each channel standardised over the training images.
TeacherNorm DskdTrainer::normaliseTargets(FeatureCache& train, FeatureCache& validation) const
{
    TeacherNorm norm;
    for (std::size_t t = 0; t < params_.taps.size(); ++t) {
        const torch::Tensor& f = train.teacher[t];
        torch::Tensor shift, scale;
        if (params_.teacherNorm == "channel") {
            shift = f.mean({0, 2, 3}, true);
            scale = f.std({0, 2, 3}, true, true);
            // Channels that never vary (dead ReLU6 units) would divide by zero.
            scale = scale.clamp_min(std::max(1e-6, 1e-3 * scale.mean().item<double>()));
        } else {
            shift = torch::zeros({1, f.size(1), 1, 1});
            scale = torch::full({1, f.size(1), 1, 1}, std::max(1e-6, std::sqrt(f.pow(2).mean().item<double>())));
        }
        norm.shift.push_back(shift);
        norm.scale.push_back(scale);
        train.teacher[t].sub_(shift).div_(scale);
        if (validation.size() > 0)
            validation.teacher[t].sub_(shift).div_(scale);
    }
    return norm;
}

// Mean losses over a cached split in eval mode (validation).
DskdTrainer::SplitLoss DskdTrainer::evaluate(const FeatureCache& cache) const
{
    SplitLoss out;
    torch::NoGradGuard noGrad;
    net_->train(false);
    const std::int64_t n = cache.size();
    const std::int64_t batch = params_.batchSize;
    for (std::int64_t begin = 0; begin < n; begin += batch) {
        const std::int64_t end = std::min(n, begin + batch);
        std::vector<torch::Tensor> targets;
        for (const auto& t : cache.teacher)
            targets.push_back(t.slice(0, begin, end));
        auto outputs = net_->forwardTraining(cache.images.slice(0, begin, end));
        const double weight = double(end - begin) / double(n);
        out.encoder += weight * studentLoss(targets, outputs.encoder, params_.l2Weight).item<double>();
        out.decoder += weight * studentLoss(targets, outputs.decoder, params_.l2Weight).item<double>();
        for (std::size_t s = 0; s < targets.size(); ++s)
            out.decoderCosine += weight * scaleLoss(targets[s], outputs.decoder[s]).cosine.item<double>();
    }
    return out;
}

std::vector<float> DskdTrainer::validationMapWeights(double squaredDifferenceWeight) const
{
    const std::int64_t n = validation_.size();
    if (n == 0)
        return {};
    torch::NoGradGuard noGrad;
    net_->train(false);
    const int height = int(validation_.images.size(2)), width = int(validation_.images.size(3));
    ScaleSpread spread(validation_.teacher.size());
    for (std::int64_t begin = 0; begin < n; begin += params_.batchSize) {
        const std::int64_t end = std::min(n, begin + std::int64_t(params_.batchSize));
        const auto decoded = net_->forwardTraining(validation_.images.slice(0, begin, end)).decoder;
        for (std::size_t t = 0; t < decoded.size(); ++t)
            spread.add(t, dskdTapDistanceMap(validation_.teacher[t].slice(0, begin, end), decoded[t], height, width,
                                             squaredDifferenceWeight));
    }
    return spread.inverseSpreadWeights();
}

std::optional<double> DskdTrainer::trainBatches(int epoch, const EpochLoop& loop, const ProgressContext& progress)
{
    const std::int64_t n = train_.size();
    const std::int64_t batch = params_.batchSize;
    std::vector<std::int64_t> perm = seededPermutation(n, rng_); // from_blob needs mutable data
    double lossSum = 0;
    for (std::int64_t begin = 0; begin < n; begin += batch) {
        progress.checkCancelled();
        // Past the budget, a partly trained epoch is dropped (the best checkpoint stays).
        if (loop.outOfTime())
            return std::nullopt;
        const std::int64_t end = std::min(n, begin + batch);
        torch::Tensor idx = torch::from_blob(perm.data() + begin, {end - begin}, torch::kInt64).clone();
        std::vector<torch::Tensor> targets;
        for (const auto& t : train_.teacher)
            targets.push_back(t.index_select(0, idx));
        auto outputs = net_->forwardTraining(train_.images.index_select(0, idx));
        torch::Tensor loss = studentLoss(targets, outputs.encoder, params_.l2Weight)
                           + studentLoss(targets, outputs.decoder, params_.l2Weight);
        optimizer_->zero_grad();
        loss.backward();
        optimizer_->step();
        lossSum += loss.item<double>() * double(end - begin);
        loop.reportProgress(progress, epoch, double(end) / double(n));
    }
    return lossSum / double(n);
}

std::optional<EpochReport> DskdTrainer::runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress)
{
    net_->train(true);
    const std::optional<double> trainLoss = trainBatches(epoch, loop, progress);
    if (!trainLoss)
        return std::nullopt;
    progress.metric("loss", epoch, *trainLoss);
    EpochReport report;
    report.point = {{"loss", *trainLoss}};
    // The decoder's validation loss picks the checkpoint: only D scores anomalies.
    report.criterion = *trainLoss;
    report.logText = DL_TR("Engine", "dskd epoch %1: loss %2, %3 s");
    report.logArguments = {std::to_string(epoch), formatFixed(*trainLoss, 4)};
    if (validation_.size() > 0) {
        const SplitLoss v = evaluate(validation_);
        report.criterion = v.decoder;
        report.validated = true;
        progress.metric("val_loss", epoch, v.encoder + v.decoder);
        progress.metric("val_decoder_loss", epoch, v.decoder);
        progress.metric("val_decoder_cosine", epoch, v.decoderCosine);
        report.point["val_loss"] = v.encoder + v.decoder;
        report.point["val_decoder_loss"] = v.decoder;
        report.point["val_decoder_cosine"] = v.decoderCosine;
        report.logText = DL_TR("Engine", "dskd epoch %1: loss %2, validation E %3 D %4 (D cosine %5), %6 s");
        report.logArguments.insert(report.logArguments.end(), {formatFixed(v.encoder, 4), formatFixed(v.decoder, 4),
                                                               formatFixed(v.decoderCosine, 4)});
    }
    return report;
}

DskdTrained DskdTrainer::train(const FitInput& input, const DskdArchitecture& architecture,
                               const ProgressContext& progress, SteadyClock::time_point fitStart)
{
    // Validation split of the normal training images: it alone picks the checkpoint.
    rng_.seed(params_.seed);
    const IndexSplit split = splitForValidation(input.normal.size(), params_.validationFraction, 1, rng_);
    if (split.validation.empty())
        logWarning(DL_TR("Engine", "dskd: no validation split (fewer than 5 normal images or validation_fraction 0); "
                                   "the last epoch is kept"));

    const ProgressContext cacheProgress = progress.sub(0.0, 0.1);
    train_ = cacheTeacher(input.normal, split.train, cacheProgress.sub(0.0, 0.9),
                          DL_TR("Engine", "caching teacher features"));
    validation_ = cacheTeacher(input.normal, split.validation, cacheProgress.sub(0.9, 1.0),
                               DL_TR("Engine", "caching validation features"));
    DskdTrained out;
    // Normalised targets weigh the taps' L2 terms alike.
    out.norm = normaliseTargets(train_, validation_);
    const double cacheSeconds = secondsSince(fitStart);

    torch::manual_seed(params_.seed);
    net_ = std::make_unique<DskdNetwork>(architecture);
    optimizer_ = std::make_unique<torch::optim::Adam>(net_->parameters(), torch::optim::AdamOptions(params_.learningRate));
    logInfo(DL_TR("Engine", "dskd: %1 training + %2 validation images, %3 student parameters, teacher cached in %4 s"),
            split.train.size(), split.validation.size(), net_->parameterCount(), formatFixed(cacheSeconds, 1));

    const ProgressContext trainProgress = progress.sub(0.1, 1.0);
    const double budget = fitBudgetSeconds(params_.maxMinutes, input.categories.size());
    EpochLoop loop({"dskd", params_.epochs, budget, fitStart, input.checkpoint}, net_->namedState(),
                   {optimizer_.get(), {&rng_}});
    loop.run([&](int epoch) { return runEpoch(epoch, loop, trainProgress); });
    net_->train(false);
    logInfo(loop.stoppedByTimeBudget()
                ? DL_TR("Engine", "dskd: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3")
                : DL_TR("Engine", "dskd: %1 epochs in %2 min, keeping epoch %3"),
            loop.epochsRun(), formatFixed(loop.trainSeconds() / 60.0, 1), loop.bestEpoch());
    out.provenance = {{"train_images", split.train.size()},
                      {"validation_images", split.validation.size()},
                      {"parameters", net_->parameterCount()},
                      {"cache_seconds", cacheSeconds}};
    out.norm.squaredDifferenceWeight = squaredDifferenceWeight(params_);
    out.norm.separateScore = scoresOnTheCosineAlone(params_);
    if (params_.scaleWeights == "validation") {
        out.norm.mapWeight = validationMapWeights(out.norm.squaredDifferenceWeight);
        if (out.norm.mapWeight.empty())
            logWarning(DL_TR("Engine", "dskd: no validation images to weigh the scales by; they are summed equally"));
        else
            out.provenance["map_weights"] = out.norm.mapWeight;
        // The score's cosine-only sum gets the weights a cosine map would have had.
        if (out.norm.separateScore && !out.norm.mapWeight.empty()) {
            out.norm.scoreWeight = validationMapWeights(0.0);
            out.provenance["score_weights"] = out.norm.scoreWeight;
        }
    }
    out.provenance.update(loop.record());
    out.net = std::move(net_);
    optimizer_.reset();
    return out;
}

} // namespace dl
