#pragma once
#include "cli/CliOptions.h"

namespace dl::cli {
// defectlens-cli watch: live inspection of a folder (core/workflow/Watch.h),
// one JSON line per image on stdout, optional MQTT messages and a summary.
int runWatch(const CliOptions& options);
} // namespace dl::cli
