#pragma once
// The one training-epoch loop of every method that trains a network (DMAD, DSKD,
// CSE, and the methods to come): epochs 1..N, a wall-clock budget, best-epoch
// checkpointing on a validation criterion (components/ModuleState.h), the loss
// curve, why training stopped, and the per-epoch training checkpoint that
// lets an interrupted fit continue (fit --resume). A resumed fit gets its time
// budget afresh, so only a fit bounded by epochs is bit-identical on resume.
// The method supplies one epoch (its batches, optimiser steps, progress, metrics
// and validation); the loop does the rest.
// Cancellation stays with the method's batch loop (progress.checkCancelled()).
// Internal torch header.
#include "common/Log.h"
#include "common/Progress.h"
#include "components/ModuleState.h"
#include "components/TrainingSupport.h"
#include "engine/Detector.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <random>
#include <limits>
#include <optional>
#include <string>

namespace dl {

struct EpochLoopSettings {
    std::string method;    // names the log lines, e.g. "dskd"
    int epochs = 1;
    // Wall-clock seconds since `start` (the beginning of the fit, feature caching
    // included) after which no new epoch starts and a started one is abandoned.
    double budgetSeconds = std::numeric_limits<double>::infinity();
    SteadyClock::time_point start = SteadyClock::now();
    TrainingCheckpoint checkpoint; // where to save and resume epochs (components/TrainingSupport.h)
};

// What the method's training carries from one epoch to the next besides the
// network: its optimiser and its own random generators. A resumed fit that
// restores them all (and torch's generator, which the loop saves itself) ends
// with the same model as an uninterrupted one.
struct EpochCarryOver {
    torch::optim::Optimizer* optimizer = nullptr;
    std::vector<std::mt19937*> generators;
    // Any other counters the method keeps across epochs (a learning-rate
    // schedule's step), as JSON.
    std::function<nlohmann::json()> saveCounters;
    std::function<void(const nlohmann::json&)> loadCounters;
};

// What one epoch reports to the loop.
struct EpochReport {
    double criterion = 0;   // lower is better; picks the kept epoch when `validated`
    bool validated = false; // false: no validation data, every epoch replaces the kept one
    nlohmann::json point = nlohmann::json::object(); // the curve point; the loop adds "epoch" and "seconds"
    // "<method> epoch %1: ..." (common/Log.h): the loop adds the epoch's seconds as
    // the last argument and logs it; no source, no line.
    TranslatableText logText{nullptr, nullptr};
    std::vector<EngineText> logArguments;
};

class EpochLoop {
public:
    // `state` is the trained modules' state that the best epoch's snapshot covers.
    // With settings.checkpoint.path set, every completed epoch is saved there
    // (state, kept epoch, curve, `carryOver`, torch's random generator), and with
    // settings.checkpoint.resume a saved checkpoint of the same key is continued.
    EpochLoop(EpochLoopSettings settings, NamedTensors state, EpochCarryOver carryOver = {});

    // For the batch loop inside an epoch: true once the budget is spent and at least
    // one epoch has completed (the first epoch always runs to its end). The epoch
    // then returns std::nullopt and is dropped; the kept checkpoint stays.
    bool outOfTime() const;

    // Training progress after a batch that brings epoch `epoch` to `epochFraction` done:
    // the larger of the planned epochs' share and the budget's share spent, staged
    // "training epoch N/M".
    void reportProgress(const ProgressContext& progress, int epoch, double epochFraction) const;

    // Runs the epochs. `runEpoch(epoch)` trains and validates epoch `epoch` (1-based)
    // and returns its report, or nullopt when it gave up for the budget.
    // `finishedAfter(epoch)`, when given, may end training early (e.g. a learning-rate
    // schedule fitted to the budget has annealed). Training also stops before an epoch
    // that would overrun the budget. Afterwards the kept epoch's state is restored.
    void run(const std::function<std::optional<EpochReport>(int epoch)>& runEpoch,
             const std::function<bool(int epoch)>& finishedAfter = {});

    int epochsRun() const { return epochsRun_; }
    int resumedAfterEpoch() const { return resumedAfter_; } // 0 when training started afresh
    int bestEpoch() const { return best_.epoch(); } // 0 when no epoch completed
    double bestCriterion() const { return best_.criterion(); }
    const std::string& stoppedBy() const { return stoppedBy_; } // "epochs" or "time budget"
    bool stoppedByTimeBudget() const { return stoppedBy_ == "time budget"; }
    const nlohmann::json& curve() const { return curve_; }      // one point per completed epoch
    double trainSeconds() const { return trainSeconds_; }       // the loop's own wall time
    // The above for a model's provenance: train_seconds, epochs_run, best_epoch, stopped_by, curve.
    nlohmann::json record() const
    {
        nlohmann::json out = {{"train_seconds", trainSeconds_}, {"epochs_run", epochsRun_}, {"best_epoch", bestEpoch()},
                              {"stopped_by", stoppedBy_}, {"curve", curve_}};
        if (resumedAfter_ > 0)
            out["resumed_after_epoch"] = resumedAfter_;
        return out;
    }

private:
    // The epoch the saved checkpoint ends with (0: none usable, start afresh).
    int loadCheckpoint();
    void saveCheckpoint(int epoch) const;

    EpochLoopSettings settings_;
    NamedTensors state_;
    EpochCarryOver carryOver_;
    int resumedAfter_ = 0;
    double previousTrainSeconds_ = 0; // spent before the resume
    BestEpoch best_;
    int epochsRun_ = 0;
    std::string stoppedBy_ = "epochs";
    nlohmann::json curve_ = nlohmann::json::array();
    double trainSeconds_ = 0;
};

} // namespace dl
