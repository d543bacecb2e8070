#include "methods/sdas/SdasTrainer.h"

#include "common/Error.h"
#include "common/Log.h"
#include "common/Sha256.h"
#include "components/ModuleState.h"
#include "components/TrainingSupport.h"
#include "data/ImageIO.h"
#include "engine/ModelBundle.h"
#include "methods/sdas/SdasLoss.h"

#include <ATen/CPUGeneratorImpl.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>

namespace dl {

namespace {

constexpr const char* kCheckpointMethod = "sdas-checkpoint";

// The generator of training iteration `iteration`: everything random in it.
at::Generator iterationGenerator(unsigned seed, int iteration)
{
    std::seed_seq sequence{std::uint32_t(seed), std::uint32_t(iteration), 0x7a41u};
    std::uint32_t words[2];
    sequence.generate(words, words + 2);
    return at::detail::createCPUGenerator((std::uint64_t(words[0]) << 32) | words[1]);
}

// An RGB image as [3,R,R] in [-1,1], resized with area averaging.
torch::Tensor imageTensor(const cv::Mat& rgb, int resolution)
{
    cv::Mat resized;
    cv::resize(rgb, resized, cv::Size(resolution, resolution), 0, 0, cv::INTER_AREA);
    if (!resized.isContinuous())
        resized = resized.clone();
    return torch::from_blob(resized.data, {resolution, resolution, 3}, torch::kUInt8)
        .permute({2, 0, 1})
        .to(torch::kFloat32)
        .div(127.5)
        .sub(1.0);
}

std::string optimizerBlob(torch::optim::Adam& optimizer)
{
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void loadOptimizerBlob(torch::optim::Adam& optimizer, const std::string& blob)
{
    std::istringstream in(blob);
    torch::serialize::InputArchive archive;
    archive.load_from(in);
    optimizer.load(archive);
}

} // namespace

SdasTrainer::SdasTrainer(const SdasParams& params, nlohmann::json merged, std::string checkpointPath)
    : params_(params), merged_(std::move(merged)), checkpointPath_(std::move(checkpointPath)),
      schedule_(SdasSchedule::linear(params.timesteps, params.betaStart, params.betaEnd))
{
}

SdasTrainer::~SdasTrainer() = default;

std::string SdasTrainer::fingerprint(const nlohmann::json& merged, const std::vector<std::string>& categories,
                                     const std::vector<Sample>& images)
{
    nlohmann::json shaping = merged;
    for (const char* budgetKey : {"max_minutes", "max_iterations", "checkpoint_minutes", "sampling_steps"})
        shaping.erase(budgetKey);
    Sha256 hash;
    hash.update(shaping.dump());
    hash.update(nlohmann::json(categories).dump());
    for (const Sample& s : images) {
        hash.update(s.path);
        hash.update(std::string(1, '\0'));
        hash.update(s.category);
        hash.update(std::string(1, '\n'));
    }
    return hash.hexDigest();
}

void SdasTrainer::loadImages(const FitInput& input, const ProgressContext& progress)
{
    if (input.normal.empty())
        throw Error("sdas needs at least one normal training image");
    std::set<std::string> known(input.categories.begin(), input.categories.end());
    categories_ = input.categories;
    std::set<std::string> extra;
    for (const Sample& s : input.normal)
        if (!known.count(s.category))
            extra.insert(s.category);
    categories_.insert(categories_.end(), extra.begin(), extra.end());

    std::vector<torch::Tensor> images;
    std::vector<std::int64_t> classes;
    const std::size_t n = input.normal.size();
    for (std::size_t i = 0; i < n; ++i) {
        progress.checkCancelled();
        progress.report(double(i) / double(n), DL_TR("Engine", "loading training images"));
        const Sample& s = input.normal[i];
        images.push_back(imageTensor(loadImageRgb(s.path), params_.resolution));
        classes.push_back(std::int64_t(std::find(categories_.begin(), categories_.end(), s.category) - categories_.begin()));
    }
    images_ = torch::stack(images);
    imageClass_ = torch::tensor(classes, torch::kInt64);
    fingerprint_ = fingerprint(merged_, categories_, input.normal);
}

bool SdasTrainer::resume()
{
    std::error_code ec;
    if (!std::filesystem::exists(checkpointPath_, ec))
        return false;
    ModelBundle bundle;
    try {
        bundle = ModelBundle::load(checkpointPath_);
    } catch (const Error& e) {
        logWarning(DL_TR("Engine", "sdas: ignoring an unreadable checkpoint (%1); training starts afresh"), e.what());
        return false;
    }
    const auto& h = bundle.header;
    std::string method, fingerprint;
    try {
        method = bundle.headerText("method", "");
        fingerprint = bundle.headerText("fingerprint", "");
    } catch (const Error& e) {
        logWarning(DL_TR("Engine", "sdas: ignoring the checkpoint %1: %2; training starts afresh and the next checkpoint "
                                   "replaces it"),
                   checkpointPath_, e.what());
        return false;
    }
    if (method != kCheckpointMethod || fingerprint != fingerprint_) {
        logWarning(DL_TR("Engine", "sdas: ignoring the checkpoint %1: it was written for other training parameters or "
                                   "other training images; training starts afresh and the next checkpoint replaces it"),
                   checkpointPath_);
        return false;
    }
    // A checkpoint of another network layout (e.g. written by an older DefectLens) cannot
    // be continued; like one of other parameters it is replaced, not an error.
    for (const auto& [name, tensor] : netState_) {
        const std::string key = "model." + name;
        if (!bundle.has(key) || bundle.entry(key).shape != tensor.sizes().vec()) {
            logWarning(DL_TR("Engine", "sdas: ignoring the checkpoint %1: it holds another network layout ('%2' "
                                       "differs); training starts afresh and the next checkpoint replaces it"),
                       checkpointPath_, key);
            return false;
        }
    }
    try {
        loadState(bundle, "model.", netState_, "sdas checkpoint");
        loadState(bundle, "ema.", emaState_, "sdas checkpoint");
        loadOptimizerBlob(*optimizer_, bundle.entry("adam").bytes);
        iteration_ = h.at("iteration").get<int>();
        secondsBefore_ = h.at("train_seconds").get<double>();
        curve_.points = h.at("curve");
        curve_.lossSum = h.at("curve_partial").at("loss_sum").get<double>();
        curve_.lossCount = h.at("curve_partial").at("count").get<int>();
        checkpointsWritten_ = h.value("checkpoints_written", 0);
    } catch (const nlohmann::json::exception& e) {
        throw Error::forFile(checkpointPath_, std::string("SDAS checkpoint header is malformed (") + e.what()
                                                  + "); delete it to train afresh");
    } catch (const c10::Error& e) {
        throw Error::forFile(checkpointPath_, std::string("SDAS checkpoint's optimiser state cannot be read (")
                                                  + e.what_without_backtrace() + "); delete it to train afresh");
    }
    resumedFrom_ = iteration_;
    logInfo(DL_TR("Engine", "sdas: resuming from iteration %1 (checkpoint %2, %3 min trained before)"), iteration_,
            checkpointPath_, formatFixed(secondsBefore_ / 60.0, 1));
    return true;
}

void SdasTrainer::writeCheckpoint(double trainSeconds)
{
    ModelBundle bundle;
    bundle.header["method"] = kCheckpointMethod;
    bundle.header["fingerprint"] = fingerprint_;
    bundle.header["params"] = merged_;
    bundle.header["categories"] = categories_;
    bundle.header["iteration"] = iteration_;
    bundle.header["train_seconds"] = trainSeconds;
    bundle.header["curve"] = curve_.points;
    bundle.header["curve_partial"] = {{"loss_sum", curve_.lossSum}, {"count", curve_.lossCount}};
    bundle.header["checkpoints_written"] = checkpointsWritten_ + 1;
    putState(bundle, "model.", netState_);
    putState(bundle, "ema.", emaState_);
    bundle.putBlob("adam", optimizerBlob(*optimizer_));
    bundle.save(checkpointPath_);
    ++checkpointsWritten_;
    logDebug("sdas: checkpoint at iteration " + std::to_string(iteration_) + " written to " + checkpointPath_);
}

void SdasTrainer::updateEma()
{
    // Warm-up: early on the average follows the weights closely.
    const double n = double(iteration_);
    const double decay = std::min(params_.emaDecay, (1.0 + n) / (10.0 + n));
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < netState_.size(); ++i)
        emaState_[i].second.mul_(decay).add_(netState_[i].second.detach(), 1.0 - decay);
}

double SdasTrainer::iterate()
{
    at::Generator gen = iterationGenerator(params_.seed, iteration_);
    const std::int64_t batch = params_.batchSize, r = params_.resolution;
    const torch::Tensor rows = torch::randint(0, images_.size(0), {batch}, gen, torch::kInt64);
    torch::Tensor x0 = images_.index_select(0, rows);
    if (params_.flip) {
        const torch::Tensor flipped = (torch::rand({batch}, gen) < 0.5).reshape({-1, 1, 1, 1});
        x0 = torch::where(flipped, x0.flip({3}), x0);
    }
    const torch::Tensor t = torch::randint(0, params_.timesteps, {batch}, gen, torch::kInt64);
    const torch::Tensor noise = torch::randn({batch, 3, r, r}, gen);
    net_->train(true);
    const torch::Tensor loss = sdasNoiseLoss(net_, schedule_, x0, imageClass_.index_select(0, rows), t, noise);
    optimizer_->zero_grad();
    loss.backward();
    optimizer_->step();
    ++iteration_;
    updateEma();
    return loss.item<double>();
}

SdasTrained SdasTrainer::train(const FitInput& input, const ProgressContext& progress)
{
    const auto start = SteadyClock::now();
    loadImages(input, progress.sub(0.0, 0.05));
    const double loadSeconds = secondsSince(start);

    const SdasArchitecture architecture = SdasArchitecture::of(params_, int(categories_.size()));
    torch::manual_seed(params_.seed);
    net_ = SdasUNet(architecture);
    ema_ = SdasUNet(architecture);
    netState_ = sdasState(net_);
    emaState_ = sdasState(ema_);
    restoreState(emaState_, snapshotState(netState_));
    for (auto& p : ema_->parameters())
        p.set_requires_grad(false);
    ema_->eval();
    optimizer_ = std::make_unique<torch::optim::Adam>(net_->parameters(),
                                                      torch::optim::AdamOptions(params_.learningRate));
    resume();
    const std::int64_t parameters = sdasParameterCount(net_);
    logInfo(DL_TR("Engine", "sdas: %1 images (categories: %2) at %3x%3, %4 parameters, loaded in %5 s"),
            images_.size(0), categories_.size(), params_.resolution, parameters, formatFixed(loadSeconds, 1));

    const ProgressContext trainProgress = progress.sub(0.05, 1.0);
    const double budget = fitBudgetSeconds(params_.maxMinutes, categories_.size());
    const auto loopStart = SteadyClock::now();
    auto lastCheckpoint = loopStart;
    const auto elapsed = [&] { return secondsBefore_ + secondsSince(loopStart); };
    std::string stoppedBy = "iterations";
    try {
        while (iteration_ < params_.maxIterations) {
            trainProgress.checkCancelled();
            // The first iteration of a fit always runs.
            if (iteration_ > 0 && elapsed() >= budget) {
                stoppedBy = "time budget";
                break;
            }
            const double loss = iterate();
            curve_.lossSum += loss;
            ++curve_.lossCount;
            if (curve_.lossCount == params_.curveInterval) {
                const double mean = curve_.lossSum / double(curve_.lossCount);
                curve_.points.push_back({{"iteration", iteration_}, {"loss", mean}, {"seconds", elapsed()}});
                curve_.lossSum = 0;
                curve_.lossCount = 0;
                trainProgress.metric("loss", iteration_, mean);
                const double runSeconds = secondsSince(loopStart);
                logInfo(DL_TR("Engine", "sdas iteration %1: loss %2 (%3 it/s)"), iteration_, formatFixed(mean, 4),
                        formatFixed(double(iteration_ - resumedFrom_) / std::max(1e-9, runSeconds), 2));
            }
            const double fraction = std::max(double(iteration_) / double(params_.maxIterations), elapsed() / budget);
            trainProgress.report(std::min(1.0, fraction),
                                 engineText(DL_TR("Engine", "training iteration %1"), iteration_));
            if (params_.checkpointMinutes > 0 && secondsSince(lastCheckpoint) >= 60.0 * params_.checkpointMinutes) {
                writeCheckpoint(elapsed());
                lastCheckpoint = SteadyClock::now();
            }
        }
    } catch (const Cancelled&) {
        writeCheckpoint(elapsed());
        logInfo(DL_TR("Engine", "sdas: cancelled at iteration %1; the checkpoint %2 holds it, and the same fit resumes "
                                "from there"),
                iteration_, checkpointPath_);
        throw;
    }
    const double runSeconds = secondsSince(loopStart);
    if (curve_.lossCount > 0)
        curve_.points.push_back({{"iteration", iteration_}, {"loss", curve_.lossSum / double(curve_.lossCount)},
                                 {"seconds", elapsed()}, {"partial", true}});
    const double rate = double(iteration_ - resumedFrom_) / std::max(1e-9, runSeconds);
    logInfo(stoppedBy == "time budget"
                ? DL_TR("Engine", "sdas: %1 iterations (%2 in this run, %3 it/s), stopped by the time budget")
                : DL_TR("Engine", "sdas: %1 iterations (%2 in this run, %3 it/s)"),
            iteration_, iteration_ - resumedFrom_, formatFixed(rate, 2));

    SdasTrained out;
    out.ema = ema_;
    out.categories = categories_;
    out.iterations = iteration_;
    out.resumedFrom = resumedFrom_;
    out.provenance = {{"iterations", iteration_},
                      {"resumed_from", resumedFrom_},
                      {"stopped_by", stoppedBy},
                      {"train_seconds", elapsed()},
                      {"run_seconds", runSeconds},
                      {"load_seconds", loadSeconds},
                      {"iterations_per_second", rate},
                      {"images", images_.size(0)},
                      {"categories", categories_},
                      {"parameters", parameters},
                      {"checkpoints_written", checkpointsWritten_},
                      {"fingerprint", fingerprint_},
                      {"curve", curve_.points}};
    return out;
}

} // namespace dl
