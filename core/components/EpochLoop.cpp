#include "components/EpochLoop.h"

#include "common/Error.h"
#include "common/Log.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

namespace dl {

namespace {

// Text (JSON, a generator's state) as a byte tensor, and back.
torch::Tensor textTensor(const std::string& text)
{
    torch::Tensor t = torch::empty({std::int64_t(text.size())}, torch::kUInt8);
    std::copy(text.begin(), text.end(), t.data_ptr<std::uint8_t>());
    return t;
}

std::string tensorText(const torch::Tensor& t)
{
    const torch::Tensor bytes = t.contiguous().to(torch::kUInt8);
    const auto* data = bytes.data_ptr<std::uint8_t>();
    return std::string(data, data + bytes.numel());
}

std::string generatorState(const std::mt19937& generator)
{
    std::ostringstream out;
    out << generator;
    return out.str();
}

} // namespace

EpochLoop::EpochLoop(EpochLoopSettings settings, NamedTensors state, EpochCarryOver carryOver)
    : settings_(std::move(settings)), state_(std::move(state)), carryOver_(std::move(carryOver))
{
}

// Written to a temporary file and renamed: a kill while saving leaves the
// previous epoch's checkpoint, never a torn one.
void EpochLoop::saveCheckpoint(int epoch) const
{
    const TrainingCheckpoint& where = settings_.checkpoint;
    torch::serialize::OutputArchive archive;
    const nlohmann::json header = {{"key", where.key},
                                   {"epoch", epoch},
                                   {"epochs_run", epochsRun_},
                                   {"best_epoch", best_.epoch()},
                                   {"best_criterion", best_.criterion()},
                                   {"train_seconds", previousTrainSeconds_ + trainSeconds_},
                                   {"curve", curve_},
                                   {"state_tensors", state_.size()},
                                   {"best_tensors", best_.snapshot().size()},
                                   {"generators", carryOver_.generators.size()},
                                   {"counters", carryOver_.saveCounters ? carryOver_.saveCounters() : nlohmann::json()}};
    archive.write("header", textTensor(header.dump()));
    for (std::size_t i = 0; i < state_.size(); ++i)
        archive.write("state." + std::to_string(i), state_[i].second.detach());
    for (std::size_t i = 0; i < best_.snapshot().size(); ++i)
        archive.write("best." + std::to_string(i), best_.snapshot()[i]);
    for (std::size_t i = 0; i < carryOver_.generators.size(); ++i)
        archive.write("generator." + std::to_string(i), textTensor(generatorState(*carryOver_.generators[i])));
    archive.write("torch_generator", at::detail::getDefaultCPUGenerator().get_state());
    if (carryOver_.optimizer) {
        torch::serialize::OutputArchive optimizerArchive;
        carryOver_.optimizer->save(optimizerArchive);
        archive.write("optimizer", optimizerArchive);
    }
    const std::string temporary = where.path + ".tmp";
    try {
        archive.save_to(temporary);
    } catch (const c10::Error& e) {
        throw Error("cannot write the training checkpoint " + temporary + ": " + e.what_without_backtrace());
    }
    if (std::rename(temporary.c_str(), where.path.c_str()) != 0)
        throw Error("cannot write the training checkpoint " + where.path + ": " + std::strerror(errno));
}

int EpochLoop::loadCheckpoint()
{
    const TrainingCheckpoint& where = settings_.checkpoint;
    if (where.path.empty() || !where.resume)
        return 0;
    if (!std::ifstream(where.path).good()) {
        logWarning(DL_TR("Engine", "%1: no training checkpoint at %2; training from the start"), settings_.method,
                   where.path);
        return 0;
    }
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(where.path);
        torch::Tensor headerBytes;
        archive.read("header", headerBytes);
        const nlohmann::json header = nlohmann::json::parse(tensorText(headerBytes));
        if (header.at("key").get<std::string>() != where.key) {
            logWarning(DL_TR("Engine", "%1: the checkpoint %2 belongs to another fit (method, parameters, backbone or "
                                       "training images differ); training from the start"),
                       settings_.method, where.path);
            return 0;
        }
        if (header.at("state_tensors").get<std::size_t>() != state_.size()
            || header.at("generators").get<std::size_t>() != carryOver_.generators.size())
            throw Error("it does not match this network");
        std::vector<torch::Tensor> best(header.at("best_tensors").get<std::size_t>());
        for (std::size_t i = 0; i < state_.size(); ++i) {
            torch::Tensor saved;
            archive.read("state." + std::to_string(i), saved);
            if (!saved.sizes().equals(state_[i].second.sizes()))
                throw Error("tensor " + state_[i].first + " has another shape");
            torch::NoGradGuard noGrad;
            state_[i].second.copy_(saved);
        }
        for (std::size_t i = 0; i < best.size(); ++i)
            archive.read("best." + std::to_string(i), best[i]);
        for (std::size_t i = 0; i < carryOver_.generators.size(); ++i) {
            torch::Tensor text;
            archive.read("generator." + std::to_string(i), text);
            std::istringstream in(tensorText(text));
            in >> *carryOver_.generators[i];
        }
        torch::Tensor torchGenerator;
        archive.read("torch_generator", torchGenerator);
        {
            at::Generator generator = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(generator.mutex());
            generator.set_state(torchGenerator);
        }
        if (carryOver_.optimizer) {
            torch::serialize::InputArchive optimizerArchive;
            archive.read("optimizer", optimizerArchive);
            carryOver_.optimizer->load(optimizerArchive);
        }
        if (carryOver_.loadCounters)
            carryOver_.loadCounters(header.at("counters"));
        best_.resumeFrom(header.at("best_epoch").get<int>(), header.at("best_criterion").get<double>(), std::move(best));
        curve_ = header.at("curve");
        epochsRun_ = header.at("epochs_run").get<int>();
        previousTrainSeconds_ = header.at("train_seconds").get<double>();
        const int epoch = header.at("epoch").get<int>();
        logInfo(DL_TR("Engine", "%1: resuming after epoch %2 from %3"), settings_.method, epoch, where.path);
        return epoch;
    } catch (const Error& e) {
        throw Error("the training checkpoint " + where.path + " cannot be used: " + e.what()
                    + " (delete it to train from the start)");
    } catch (const std::exception& e) {
        throw Error("the training checkpoint " + where.path + " is damaged: " + e.what()
                    + " (delete it to train from the start)");
    }
}

bool EpochLoop::outOfTime() const
{
    return epochsRun_ > 0 && secondsSince(settings_.start) > settings_.budgetSeconds;
}

void EpochLoop::reportProgress(const ProgressContext& progress, int epoch, double epochFraction) const
{
    progress.report(std::max((double(epoch - 1) + epochFraction) / double(settings_.epochs),
                             secondsSince(settings_.start) / settings_.budgetSeconds),
                    engineText(DL_TR("Engine", "training epoch %1/%2"), epoch, settings_.epochs));
}

void EpochLoop::run(const std::function<std::optional<EpochReport>(int epoch)>& runEpoch,
                    const std::function<bool(int epoch)>& finishedAfter)
{
    const auto trainStart = SteadyClock::now();
    resumedAfter_ = loadCheckpoint();
    for (int epoch = resumedAfter_ + 1; epoch <= settings_.epochs; ++epoch) {
        const auto epochStart = SteadyClock::now();
        std::optional<EpochReport> report = runEpoch(epoch);
        if (!report) {
            stoppedBy_ = "time budget";
            break;
        }
        ++epochsRun_;
        const double epochSeconds = secondsSince(epochStart);
        nlohmann::json point = {{"epoch", epoch}};
        point.update(report->point);
        point["seconds"] = epochSeconds;
        curve_.push_back(std::move(point));
        best_.offer(epoch, report->criterion, report->validated, state_);
        if (report->logText.source != nullptr) {
            std::vector<EngineText> arguments = report->logArguments;
            arguments.push_back(formatFixed(epochSeconds, 1));
            log(LogLevel::Info, engineTextOf(report->logText, std::move(arguments)));
        }
        if (!settings_.checkpoint.path.empty()) {
            trainSeconds_ = secondsSince(trainStart);
            saveCheckpoint(epoch);
        }
        // Stop before an epoch that would overrun the budget.
        if (epoch < settings_.epochs
            && ((finishedAfter && finishedAfter(epoch))
                || secondsSince(settings_.start) + epochSeconds > settings_.budgetSeconds)) {
            stoppedBy_ = "time budget";
            break;
        }
    }
    best_.restore(state_);
    trainSeconds_ = previousTrainSeconds_ + secondsSince(trainStart);
}

} // namespace dl
