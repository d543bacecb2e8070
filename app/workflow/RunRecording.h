#pragma once
// How DefectLens records its work in the database, shared by defectlens-cli and
// the GUI so that both leave the same trail: a run per fit/test job, a model row
// per saved bundle (method, categories, checksum, parent model, metrics), the
// dataset and its images, and per-image test results. Also turns the defect
// masks engineers drew (annotations) into labelled training defects.
//
// Every function takes the Store to use: a Store belongs to one thread, so the
// GUI's workers open their own (see database/Store.h).
#include "common/Error.h"
#include "database/Store.h"
#include "engine/Engine.h"

#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>

namespace dl::workflow {

// The name recorded for the audit trail (annotation author, who promoted a
// model): the login name, or "engineer" when unknown.
QString currentUserName();

// Metrics as JSON, an undefined metric (-1) as null.
nlohmann::json metricsJson(const CategoryMetrics& metrics);

// One run from start to finish. Without a Store (nullptr) every call does nothing,
// which is how the CLI's --no-db works.
class RunRecorder {
public:
    explicit RunRecorder(db::Store* store) : store_(store) {}
    bool enabled() const { return store_ != nullptr; }
    db::Store& store() { return *store_; }
    db::RowId runId() const { return runId_; }

    db::RowId start(db::RunKind kind, const nlohmann::json& params);
    void succeeded();
    void failed(const std::string& error);
    void cancelled();
    void linkModel(db::RowId modelId);
    // Links the run to the stored model with this bundle checksum, if there is one;
    // returns its id.
    std::optional<db::RowId> linkModelByChecksum(const std::string& bundleChecksum);

    // Runs `body`; marks the run succeeded, or failed / cancelled (and rethrows).
    template <typename Body>
    auto recorded(Body body) -> decltype(body())
    {
        try {
            if constexpr (std::is_void_v<decltype(body())>) {
                body();
                succeeded();
            } else {
                auto result = body();
                succeeded();
                return result;
            }
        } catch (const Cancelled&) {
            cancelled();
            throw;
        } catch (const std::exception& e) {
            failed(e.what());
            throw;
        }
    }

private:
    db::Store* store_ = nullptr;
    db::RowId runId_ = 0;
};

// Stores the dataset and its images once (by root folder); returns relative path -> image id.
std::map<std::string, db::RowId> registerDataset(db::Store& store, const Dataset& dataset);

// The newest annotation of each image of `dataset` that has a non-empty mask makes
// that image a labelled training defect (label 1, split train, mask written once
// per annotation id to <database folder>/annotation-masks/). An empty mask
// confirms a good part and changes nothing. Returns how many images changed.
// Throws dl::Error naming the image when a stored mask is not a readable PNG.
int applyDatabaseLabels(db::Store& store, Dataset& dataset);

// Records a freshly saved bundle as a model row: method, categories, absolute
// bundle path, checksum, threshold and fit time as metrics, and the parent model
// (found by the parent bundle's checksum) when it was retrained from one.
db::ModelRecord recordTrainedModel(db::Store& store, const Detector& detector, const std::string& bundlePath,
                                   const std::string& bundleChecksum, const std::string& parentModelPath,
                                   double fitSeconds);

// Stores one result per evaluated image under `runId` (verdict from `threshold`)
// and, when `modelId` is given, merges the mean metrics into the model's row.
// `imageIds` maps each dataset root to its relative path -> image id table
// (registerDataset); `heatmapPathOf` may give a saved map per sample.
void recordEvaluation(db::Store& store, db::RowId runId, std::optional<db::RowId> modelId,
                      const EvaluationReport& report, double threshold,
                      const std::map<const Sample*, std::string>& rootOf,
                      const std::map<std::string, std::map<std::string, db::RowId>>& imageIds,
                      const std::function<std::string(const Sample*)>& heatmapPathOf = {});

} // namespace dl::workflow
