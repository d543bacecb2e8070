#pragma once
#include "cli/CliOptions.h"

namespace dl::cli {
// synth: images of an SDAS synthesis model (--out), the novelty measurement
// (--measure-novelty) and the sample sheet (--grid). Nothing is recorded in the database.
int runSynth(const CliOptions& options);
} // namespace dl::cli
