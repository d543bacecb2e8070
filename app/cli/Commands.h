#pragma once
#include "cli/CliOptions.h"

namespace dl::cli {
// Runs one parsed command; returns the process exit code. Throws dl::Error on failure.
int runCommand(const CliOptions& options);
} // namespace dl::cli
