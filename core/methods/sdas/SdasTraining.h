#pragma once
// Training an SDAS model (torch-free header): the diffusion model that RealNet's
// strength-controllable anomaly synthesis samples from, trained on normal images
// only. It is a generator, not a detector: it is not in the DetectorRegistry, and
// its bundle (header "method": "sdas", "kind": "synthesis") is read by SdasGenerator.
#include "common/Progress.h"
#include "data/Dataset.h"
#include "engine/Detector.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

inline constexpr const char* kSdasMethod = "sdas";

// The checkpoint a fit writing `outputPath` keeps beside it: "<outputPath>.sdas-checkpoint".
std::string sdasCheckpointPath(const std::string& outputPath);

// The default parameter set (every key a --param may name).
nlohmann::json sdasDefaultParams();
// The defaults overridden by `overrides`, checked: throws dl::Error naming an unknown or bad key.
nlohmann::json sdasMergedParams(const nlohmann::json& overrides);

// The training input of SDAS from datasets: every normal (not defective) training image of
// every category, the categories sorted. Throws dl::Error when there is none.
FitInput sdasFitInput(const std::vector<const Dataset*>& datasets);

struct SdasFitResult {
    std::string checksum;         // SHA-256 of the saved bundle
    std::vector<std::string> categories;
    int iterations = 0;           // in total, resumed ones included
    int resumedFrom = 0;          // the checkpoint's iteration; 0 when training started afresh
    double seconds = 0;           // this run's wall time
    nlohmann::json provenance;    // the bundle's provenance
};

// Trains on input.normal (params override sdasDefaultParams(); an unknown or bad key is a
// dl::Error naming it) and writes the bundle to `outputPath`. Every checkpoint_minutes, and
// when cancelled (before dl::Cancelled is rethrown), it writes sdasCheckpointPath(outputPath):
// model, EMA, Adam state, iteration, time used and loss curve, with a fingerprint of the
// training parameters and images. A fit with the same output, parameters (the budget keys
// max_minutes, max_iterations, checkpoint_minutes and sampling_steps aside) and images resumes
// from it; another fingerprint is ignored with a warning. The checkpoint is removed once the
// bundle is written.
SdasFitResult trainSdasModel(const FitInput& input, const nlohmann::json& params, const std::string& outputPath,
                             const ProgressContext& progress);

} // namespace dl
