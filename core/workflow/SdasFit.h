#pragma once
// Training an SDAS synthesis model as a recorded fit run: the step defectlens-cli
// (fit --method sdas) and the GUI's training panel share. SDAS is a generator,
// not a detector, so this sits beside fitAndRecord rather than inside it: no
// threshold, no Detector, and a fit with the same output resumes from the
// checkpoint an interrupted one left (methods/sdas/SdasTraining.h).
#include "methods/sdas/SdasTraining.h"
#include "workflow/WorkRecorder.h"

#include <string>
#include <vector>

namespace dl::workflow {

struct SdasFitJob {
    std::vector<const Dataset*> datasets; // registered with the run; their normal training images are used
    nlohmann::json params;                // overrides of sdasDefaultParams()
    std::string outputPath;               // the bundle; its checkpoint lies beside it
    nlohmann::json runParams;             // what the fit run records about the request
};

struct SdasFitOutcome {
    SdasFitResult fit;
    RecordId modelId = 0;                 // 0 when not recorded
};

// Registers the datasets, trains (resuming from the output's checkpoint when it
// fits) and records the bundle as a model of the fit run, with method "sdas" and
// metrics {"kind": "synthesis", "fit_seconds", "iterations"}. A cancelled or
// failed fit ends its run so and rethrows; a cancelled one keeps its checkpoint.
SdasFitOutcome fitSdasAndRecord(WorkRecorder& recorder, const SdasFitJob& job, const ProgressContext& progress);

} // namespace dl::workflow
