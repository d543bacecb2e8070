#include "methods/realnet/RealnetTrainer.h"

#include "backbone/Backbone.h"
#include "common/Log.h"
#include "components/ImageBatches.h"
#include "components/TensorConvert.h"
#include "methods/realnet/RealnetFeatureSelection.h"
#include "methods/realnet/RealnetSynthesis.h"
#include "synthesis/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace dl {
namespace {

// A synthetic mask (CV_8UC1 {0,255}) as [H,W] int64 {0,1}.
torch::Tensor maskTensor(const cv::Mat& mask)
{
    cv::Mat binary;
    mask.convertTo(binary, CV_8U, 1.0 / 255.0);
    return torch::from_blob(binary.data, {binary.rows, binary.cols}, torch::kUInt8).to(torch::kInt64);
}

std::vector<torch::Tensor> scaledTaps(FeatureExtractor& backbone, const std::vector<std::string>& taps,
                                      const torch::Tensor& tapScale, const torch::Tensor& images)
{
    std::vector<torch::Tensor> out;
    torch::InferenceMode guard;
    std::vector<torch::Tensor> features = backbone.extract(images, taps);
    for (std::size_t t = 0; t < features.size(); ++t)
        out.push_back(features[t] / tapScale[std::int64_t(t)]);
    return out;
}

} // namespace

std::vector<torch::Tensor> selectedFeatures(FeatureExtractor& backbone, const std::vector<std::string>& taps,
                                            const torch::Tensor& tapScale, const std::vector<torch::Tensor>& selected,
                                            const torch::Tensor& images)
{
    std::vector<torch::Tensor> out;
    {
        torch::InferenceMode guard;
        out = selectChannels(scaledTaps(backbone, taps, tapScale, images), selected);
    }
    for (auto& f : out)
        f = f.clone(); // a clone made outside inference mode is a normal tensor
    return out;
}

RealnetTrainer::RealnetTrainer(const RealnetParams& params, FeatureExtractor& backbone, const PreprocessSpec& preprocess)
    : params_(params), backbone_(backbone), preprocess_(preprocess)
{
}

RealnetTrainer::~RealnetTrainer() = default;

RealnetTrainer::ImageCache RealnetTrainer::decode(const std::vector<Sample>& samples,
                                                  const std::vector<std::int64_t>& indices,
                                                  const ProgressContext& progress, const EngineText& stage) const
{
    ImageCache cache;
    forEachImageBatch(samples, indices, params_.batchSize, preprocess_.decodeAtLeast(), progress, stage,
                      [&](std::vector<cv::Mat>& decoded, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            cache.rgb.push_back(preprocess_.resize(decoded[i - begin]));
            cache.category.push_back(samples[std::size_t(indices[i])].category);
        }
    });
    return cache;
}

std::vector<torch::Tensor> RealnetTrainer::tapFeatures(const std::vector<cv::Mat>& images) const
{
    return scaledTaps(backbone_, params_.taps, tapScale_, imagesToTensor(images, preprocess_));
}

// One RMS per tap from a few training images: the taps' activations differ in scale by
// an order of magnitude, and the reconstruction losses of all taps are summed.
torch::Tensor RealnetTrainer::measureTapScale(const ImageCache& cache) const
{
    const std::vector<cv::Mat> probe(cache.rgb.begin(), cache.rgb.begin() + std::min<std::int64_t>(cache.size(), 16));
    torch::InferenceMode guard;
    std::vector<torch::Tensor> features = backbone_.extract(imagesToTensor(probe, preprocess_), params_.taps);
    std::vector<float> scales;
    for (const auto& f : features)
        scales.push_back(float(std::max(1e-6, std::sqrt(f.pow(2).mean().item<double>()))));
    return torch::tensor(scales);
}

// AFS: afs_images synthetic anomalies of the training images (cycled in a seeded order).
void RealnetTrainer::selectFeatures(const ImageCache& cache, const ProgressContext& progress)
{
    std::vector<int> channels;
    for (const auto& t : params_.taps)
        channels.push_back(backbone_.tap(t).channels);
    FeatureSelectionScores scores(channels);
    std::vector<std::int64_t> order(std::size_t(cache.size()));
    std::iota(order.begin(), order.end(), 0);
    seededShuffle(order, rng_);
    const int total = params_.afsImages;
    for (int begin = 0; begin < total; begin += params_.batchSize) {
        progress.checkCancelled();
        progress.report(double(begin) / double(total), DL_TR("Engine", "selecting features (AFS)"));
        const int end = std::min(total, begin + params_.batchSize);
        std::vector<cv::Mat> clean, anomalous;
        std::vector<torch::Tensor> masks;
        for (int i = begin; i < end; ++i) {
            const std::size_t row = std::size_t(order[std::size_t(i) % order.size()]);
            SyntheticAnomaly a = source_->make(cache.rgb[row], cache.category[row]);
            clean.push_back(cache.rgb[row]);
            anomalous.push_back(a.image);
            masks.push_back(maskTensor(a.mask));
        }
        scores.add(tapFeatures(anomalous), tapFeatures(clean), torch::stack(masks).unsqueeze(1));
    }
    std::vector<int> keep;
    for (std::size_t t = 0; t < channels.size(); ++t)
        keep.push_back(std::min(params_.selectedChannels[t], channels[t]));
    selected_ = scores.select(keep);
    // The record: each tap's kept count and the mean error of the kept and of all channels.
    const std::vector<torch::Tensor> errors = scores.meanErrors();
    selectionRecord_ = nlohmann::json::array();
    for (std::size_t t = 0; t < channels.size(); ++t)
        selectionRecord_.push_back({{"tap", params_.taps[t]},
                                    {"channels", channels[t]},
                                    {"kept", keep[t]},
                                    {"kept_mean_error", errors[t].index_select(0, selected_[t]).mean().item<double>()},
                                    {"all_mean_error", errors[t].mean().item<double>()},
                                    {"indices", channelNumbers(selected_[t])}});
    std::string summary;
    for (const auto& tap : selectionRecord_)
        summary += (summary.empty() ? "" : ", ") + tap.at("tap").get<std::string>() + " "
                 + std::to_string(tap.at("kept").get<int>()) + "/" + std::to_string(tap.at("channels").get<int>());
    logInfo(DL_TR("Engine", "realnet: AFS kept %1 channels, ranked on %2 synthetic anomalies"), summary,
            scores.images());
    logDebug("realnet: AFS record " + selectionRecord_.dump());
}

void RealnetTrainer::cacheCleanFeatures(ImageCache& cache, const ProgressContext& progress,
                                        const EngineText& stage) const
{
    std::vector<std::vector<torch::Tensor>> parts(params_.taps.size());
    for (std::int64_t begin = 0; begin < cache.size(); begin += params_.batchSize) {
        progress.checkCancelled();
        progress.report(double(begin) / double(std::max<std::int64_t>(1, cache.size())), stage);
        const std::int64_t end = std::min(cache.size(), begin + params_.batchSize);
        const std::vector<cv::Mat> images(cache.rgb.begin() + begin, cache.rgb.begin() + end);
        std::vector<torch::Tensor> f =
            selectedFeatures(backbone_, params_.taps, tapScale_, selected_, imagesToTensor(images, preprocess_));
        for (std::size_t t = 0; t < f.size(); ++t)
            parts[t].push_back(f[t]);
    }
    cache.clean.clear();
    for (auto& p : parts)
        cache.clean.push_back(p.empty() ? torch::Tensor() : torch::cat(p, 0));
}

RealnetTrainer::Batch RealnetTrainer::makeBatch(const ImageCache& cache, const std::vector<std::int64_t>& rows,
                                                const std::vector<bool>& anomalous)
{
    std::vector<cv::Mat> images;
    std::vector<torch::Tensor> masks;
    const auto synthesisStart = SteadyClock::now();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t row = std::size_t(rows[i]);
        if (anomalous[i]) {
            SyntheticAnomaly a = source_->make(cache.rgb[row], cache.category[row]);
            images.push_back(a.image);
            masks.push_back(maskTensor(a.mask));
        } else {
            images.push_back(cache.rgb[row]);
            masks.push_back(torch::zeros({cache.rgb[row].rows, cache.rgb[row].cols}, torch::kInt64));
        }
    }
    Batch b;
    b.input = selectedFeatures(backbone_, params_.taps, tapScale_, selected_, imagesToTensor(images, preprocess_));
    const torch::Tensor index = torch::tensor(rows, torch::kInt64);
    for (const auto& c : cache.clean)
        b.clean.push_back(c.index_select(0, index));
    b.masks = torch::stack(masks);
    synthesisSeconds_ += secondsSince(synthesisStart);
    return b;
}

RealnetLosses RealnetTrainer::validate()
{
    torch::NoGradGuard noGrad;
    net_->train(false);
    RealnetLosses sum{torch::zeros({}), torch::zeros({}), torch::zeros({})};
    std::int64_t total = 0;
    for (const Batch& b : validation_)
        total += b.size();
    for (const Batch& b : validation_) {
        const RealnetLosses l = realnetLoss(net_->forward(b.input), b.clean, b.masks, params_.featureLossWeight);
        const double share = double(b.size()) / double(total);
        sum.total += share * l.total;
        sum.segmentation += share * l.segmentation;
        sum.reconstruction += share * l.reconstruction;
    }
    return sum;
}

std::optional<RealnetTrainer::EpochSums> RealnetTrainer::trainBatches(int epoch, const EpochLoop& loop,
                                                                      const ProgressContext& progress)
{
    const std::int64_t n = train_.size();
    const std::vector<std::int64_t> perm = seededPermutation(n, rng_);
    EpochSums sums;
    for (std::int64_t begin = 0; begin < n; begin += params_.batchSize) {
        progress.checkCancelled();
        if (loop.outOfTime())
            return std::nullopt; // a partly trained epoch is dropped; the kept checkpoint stays
        const std::int64_t end = std::min(n, begin + params_.batchSize);
        std::vector<std::int64_t> rows(perm.begin() + begin, perm.begin() + end);
        std::vector<bool> anomalous;
        for (std::size_t i = 0; i < rows.size(); ++i)
            anomalous.push_back(randomUnit(rng_) < params_.syntheticShare);
        Batch b = makeBatch(train_, rows, anomalous);
        net_->train(true);
        const RealnetLosses l = realnetLoss(net_->forward(b.input), b.clean, b.masks, params_.featureLossWeight);
        optimizer_->zero_grad();
        l.total.backward();
        optimizer_->step();
        const double count = double(end - begin);
        sums.loss += l.total.item<double>() * count;
        sums.segmentation += l.segmentation.item<double>() * count;
        sums.reconstruction += l.reconstruction.item<double>() * count;
        loop.reportProgress(progress, epoch, double(end) / double(n));
    }
    return sums;
}

std::optional<EpochReport> RealnetTrainer::runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress)
{
    synthesisSeconds_ = 0;
    const std::optional<EpochSums> sums = trainBatches(epoch, loop, progress);
    if (!sums)
        return std::nullopt;
    const double n = double(train_.size());
    const double loss = sums->loss / n, segmentation = sums->segmentation / n, reconstruction = sums->reconstruction / n;
    progress.metric("loss", epoch, loss);
    progress.metric("segmentation_loss", epoch, segmentation);
    progress.metric("reconstruction_loss", epoch, reconstruction);
    EpochReport report;
    report.point = {{"loss", loss}, {"segmentation_loss", segmentation}, {"reconstruction_loss", reconstruction}};
    report.criterion = loss;
    report.logText = DL_TR("Engine", "realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), %6 s (synthesis + "
                                     "backbone %5 s)");
    report.logArguments = {std::to_string(epoch), formatFixed(loss, 4), formatFixed(segmentation, 4),
                           formatFixed(reconstruction, 4)};
    if (!validation_.empty()) {
        const RealnetLosses v = validate();
        report.criterion = v.total.item<double>();
        report.validated = true;
        progress.metric("val_loss", epoch, report.criterion);
        progress.metric("val_segmentation_loss", epoch, v.segmentation.item<double>());
        report.point["val_loss"] = report.criterion;
        report.point["val_segmentation_loss"] = v.segmentation.item<double>();
        report.point["val_reconstruction_loss"] = v.reconstruction.item<double>();
        report.logText = DL_TR("Engine", "realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), validation %5 "
                                         "(segmentation %6), %8 s (synthesis + backbone %7 s)");
        report.logArguments.insert(report.logArguments.end(), {formatFixed(report.criterion, 4),
                                                               formatFixed(v.segmentation.item<double>(), 4)});
    }
    report.logArguments.push_back(formatFixed(synthesisSeconds_, 1));
    return report;
}

RealnetTrained RealnetTrainer::train(const FitInput& input, const RealnetArchitecture& architecture,
                                     const ProgressContext& progress, SteadyClock::time_point fitStart)
{
    // 1. The validation split (it alone picks the checkpoint) and the decoded images.
    rng_.seed(params_.seed);
    const IndexSplit split = splitForValidation(input.normal.size(), params_.validationFraction, 2, rng_);
    if (split.validation.empty())
        logWarning(DL_TR("Engine", "realnet: no validation split (fewer than 5 normal images or validation_fraction 0); "
                                   "the last epoch is kept"));
    train_ = decode(input.normal, split.train, progress.sub(0.0, 0.03), DL_TR("Engine", "decoding training images"));
    validationImages_ = decode(input.normal, split.validation, progress.sub(0.03, 0.04),
                               DL_TR("Engine", "decoding validation images"));
    tapScale_ = measureTapScale(train_);

    // 2. The anomaly source (SDAS pools are generated here), then AFS.
    std::set<std::string> categories(train_.category.begin(), train_.category.end());
    LabelledTransplants labelled = LabelledTransplants::load(input.labelledDefects, params_.labelledShare, preprocess_,
                                                             "realnet", progress.sub(0.04, 0.05));
    source_ = std::make_unique<RealnetAnomalySource>(params_,
                                                     std::vector<std::string>(categories.begin(), categories.end()),
                                                     params_.seed + 1, std::move(labelled), progress.sub(0.05, 0.08));
    const auto afsStart = SteadyClock::now();
    selectFeatures(train_, progress.sub(0.08, 0.12));
    const double afsSeconds = secondsSince(afsStart);

    // 3. Clean features (the reconstruction targets), and the fixed validation batches:
    //    every validation image once as it is and once made anomalous.
    cacheCleanFeatures(train_, progress.sub(0.12, 0.14), DL_TR("Engine", "caching clean features"));
    cacheCleanFeatures(validationImages_, progress.sub(0.14, 0.15), DL_TR("Engine", "caching validation features"));
    for (std::int64_t begin = 0; begin < validationImages_.size(); begin += params_.batchSize / 2) {
        const std::int64_t end = std::min(validationImages_.size(), begin + std::max(1, params_.batchSize / 2));
        std::vector<std::int64_t> rows;
        std::vector<bool> anomalous;
        for (std::int64_t i = begin; i < end; ++i)
            for (bool a : {false, true}) {
                rows.push_back(i);
                anomalous.push_back(a);
            }
        validation_.push_back(makeBatch(validationImages_, rows, anomalous));
    }
    const double prepareSeconds = secondsSince(fitStart);

    // 4. Train.
    torch::manual_seed(params_.seed);
    net_ = std::make_unique<RealnetNetwork>(architecture);
    optimizer_ = std::make_unique<torch::optim::Adam>(net_->parameters(), torch::optim::AdamOptions(params_.learningRate));
    logInfo(DL_TR("Engine", "realnet: %1 training + %2 validation images, %3 parameters, prepared in %4 s (AFS %5 s)"),
            split.train.size(), split.validation.size(), net_->parameterCount(), formatFixed(prepareSeconds, 1),
            formatFixed(afsSeconds, 1));
    const ProgressContext trainProgress = progress.sub(0.15, 1.0);
    const double budget = fitBudgetSeconds(params_.maxMinutes, input.categories.size());
    EpochLoop loop({"realnet", params_.epochs, budget, fitStart, input.checkpoint},
                   net_->namedState(), {optimizer_.get(), {&rng_, &source_->rng()}});
    loop.run([&](int epoch) { return runEpoch(epoch, loop, trainProgress); });
    net_->train(false);
    logInfo(loop.stoppedByTimeBudget()
                ? DL_TR("Engine", "realnet: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3")
                : DL_TR("Engine", "realnet: %1 epochs in %2 min, keeping epoch %3"),
            loop.epochsRun(), formatFixed(loop.trainSeconds() / 60.0, 1), loop.bestEpoch());

    RealnetTrained out;
    out.provenance = {{"train_images", split.train.size()},
                      {"validation_images", split.validation.size()},
                      {"parameters", net_->parameterCount()},
                      {"prepare_seconds", prepareSeconds},
                      {"afs_seconds", afsSeconds},
                      {"feature_selection", selectionRecord_},
                      {"anomalies", source_->describe()}};
    out.provenance.update(loop.record());
    out.net = std::move(net_);
    out.selected = selected_;
    out.tapScale = tapScale_;
    return out;
}

} // namespace dl
