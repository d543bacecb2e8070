#pragma once
#include "cli/CliOptions.h"

namespace dl::cli {

// threshold: the image threshold for a target false-reject rate, from
// cross-validated normal training scores (engine/ThresholdCalibration.h);
// optionally writes a copy of the model with that threshold.
int runThreshold(const CliOptions& o);

} // namespace dl::cli
