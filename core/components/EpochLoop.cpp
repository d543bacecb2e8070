#include "components/EpochLoop.h"

#include "common/Log.h"

#include <algorithm>

namespace dl {

EpochLoop::EpochLoop(EpochLoopSettings settings, NamedTensors state)
    : settings_(std::move(settings)), state_(std::move(state))
{
}

bool EpochLoop::outOfTime() const
{
    return epochsRun_ > 0 && secondsSince(settings_.start) > settings_.budgetSeconds;
}

void EpochLoop::reportProgress(const ProgressContext& progress, int epoch, double epochFraction) const
{
    progress.report(std::max((double(epoch - 1) + epochFraction) / double(settings_.epochs),
                             secondsSince(settings_.start) / settings_.budgetSeconds),
                    "training epoch " + std::to_string(epoch) + "/" + std::to_string(settings_.epochs));
}

void EpochLoop::run(const std::function<std::optional<EpochReport>(int epoch)>& runEpoch,
                    const std::function<bool(int epoch)>& finishedAfter)
{
    const auto trainStart = SteadyClock::now();
    for (int epoch = 1; epoch <= settings_.epochs; ++epoch) {
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
        if (!report->logLine.empty())
            logInfo(report->logLine + ", " + formatFixed(epochSeconds, 1) + " s" + report->logSuffix);
        // Stop before an epoch that would overrun the budget.
        if (epoch < settings_.epochs
            && ((finishedAfter && finishedAfter(epoch))
                || secondsSince(settings_.start) + epochSeconds > settings_.budgetSeconds)) {
            stoppedBy_ = "time budget";
            break;
        }
    }
    best_.restore(state_);
    trainSeconds_ = secondsSince(trainStart);
}

} // namespace dl
