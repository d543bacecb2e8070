#pragma once
// Progress reporting and cooperative cancellation for long engine work
// (fit, test, feature extraction). The engine calls report() often and
// checkCancelled() between units of work; the GUI and the CLI supply sinks.
#include "common/EngineText.h"
#include "common/Error.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace dl {

class CancelToken {
public:
    void cancel() { cancelled_.store(true); }
    bool isCancelled() const { return cancelled_.load(); }
    void throwIfCancelled() const
    {
        if (isCancelled())
            throw Cancelled();
    }

private:
    std::atomic<bool> cancelled_{false};
};

// fraction in [0,1] of the whole operation; stage is a short human label
// (DL_TR("Engine", ...) where it is the engine's own, so the GUI can translate it).
using ProgressCallback = std::function<void(double fraction, const EngineText& stage)>;

// Bundles both so that every long call takes one argument.
struct ProgressContext {
    ProgressCallback onProgress;
    std::shared_ptr<CancelToken> cancel;
    // Optional per-epoch/step metrics stream (name, step, value) for live curves.
    std::function<void(const std::string& name, int step, double value)> onMetric;

    void report(double fraction, const EngineText& stage) const
    {
        if (onProgress)
            onProgress(fraction, stage);
    }
    void metric(const std::string& name, int step, double value) const
    {
        if (onMetric)
            onMetric(name, step, value);
    }
    void checkCancelled() const
    {
        if (cancel)
            cancel->throwIfCancelled();
    }
    // A sub-range [begin,end] of the parent's progress, for nested stages.
    ProgressContext sub(double begin, double end) const
    {
        ProgressContext child = *this;
        if (onProgress) {
            auto parent = onProgress;
            child.onProgress = [parent, begin, end](double f, const EngineText& s) {
                parent(begin + (end - begin) * f, s);
            };
        }
        return child;
    }
};

} // namespace dl
