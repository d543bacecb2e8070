#pragma once
#include "cli/CliOptions.h"
#include "common/Progress.h"
#include "data/Dataset.h"
#include "engine/Detector.h"
#include "database/StoreRecorder.h"
#include "workflow/WorkRecorder.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace dl::cli {
// Runs one parsed command; returns the process exit code. Throws dl::Error on failure.
int runCommand(const CliOptions& options);

// Shared by the commands' files:
// progress on stderr, one line per stage change and every ~5%, unless --quiet; Ctrl-C cancels.
ProgressContext stderrProgress(const CliOptions& o);
// Every --data imported with its options (skipped files logged, a summary on stderr).
std::vector<Dataset> importAll(const CliOptions& o);
// The run recorder of --db (a no-op recorder with --no-db); opened before any work starts.
db::JobRecorder openRecorder(const CliOptions& o);
// --labels-from-db: defect masks annotated in the database become labelled training defects.
void applyDatabaseLabels(const CliOptions& o, workflow::WorkRecorder& recorder, std::vector<Dataset>& datasets);
// --tile / --overlap of a scoring command: replaces the model's own tiling (disabled when not given).
TileSpec tilingOverride(const CliOptions& o);
// The --data arguments as recorded with a run.
nlohmann::json datasetParams(const CliOptions& o);
} // namespace dl::cli
