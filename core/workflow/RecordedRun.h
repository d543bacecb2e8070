#pragma once
// One recorded run from start to finish: started on construction, and ended
// as succeeded, failed or cancelled by the work it wraps (complete()). With a
// NullRecorder every call does nothing.
#include "common/Error.h"
#include "common/Log.h"
#include "workflow/WorkRecorder.h"

#include <optional>
#include <string>
#include <type_traits>

namespace dl::workflow {

class RecordedRun {
public:
    RecordedRun(WorkRecorder& recorder, RunKind kind, const nlohmann::json& params)
        : recorder_(recorder), id_(recorder.startRun(kind, params))
    {
    }
    RecordedRun(const RecordedRun&) = delete;
    RecordedRun& operator=(const RecordedRun&) = delete;

    RecordId id() const { return id_; }

    void linkModel(RecordId model)
    {
        if (id_ != 0)
            recorder_.setRunModel(id_, model);
    }
    // Links the run to the stored model with this bundle checksum, if there is
    // one; returns its id.
    std::optional<RecordId> linkModelByChecksum(const std::string& bundleChecksum)
    {
        if (id_ == 0 || bundleChecksum.empty())
            return std::nullopt;
        const std::optional<RecordId> model = recorder_.findModelByChecksum(bundleChecksum);
        if (model)
            recorder_.setRunModel(id_, *model);
        return model;
    }

    // Runs `body`; marks the run succeeded, or failed / cancelled (and rethrows).
    template <typename Body>
    auto complete(Body body) -> decltype(body())
    {
        try {
            if constexpr (std::is_void_v<decltype(body())>) {
                body();
                finish(RunEnd::Succeeded, {});
            } else {
                auto result = body();
                finish(RunEnd::Succeeded, {});
                return result;
            }
        } catch (const Cancelled&) {
            finishKeepingTheCause(RunEnd::Cancelled, "cancelled");
            throw;
        } catch (const std::exception& e) {
            finishKeepingTheCause(RunEnd::Failed, e.what());
            throw;
        }
    }

private:
    // On the way out of a failure the record may fail as well (a full disk):
    // the user must still see the first error, so this one is only logged. The
    // run stays open in the database and is closed as abandoned at the next open.
    void finishKeepingTheCause(RunEnd end, const std::string& message)
    {
        try {
            finish(end, message);
        } catch (const std::exception& e) {
            logWarning(DL_TR("Engine", "the run could not be closed in the database: %1"), e.what());
        }
    }

    void finish(RunEnd end, const std::string& message)
    {
        if (id_ == 0)
            return;
        const RecordId run = id_;
        id_ = 0;
        recorder_.finishRun(run, end, message);
    }

    WorkRecorder& recorder_;
    RecordId id_ = 0;
};

} // namespace dl::workflow
