#pragma once
#include "cli/CliOptions.h"
#include "common/Progress.h"
#include "data/Dataset.h"

#include <vector>

namespace dl::cli {
// Runs one parsed command; returns the process exit code. Throws dl::Error on failure.
int runCommand(const CliOptions& options);

// Shared by the commands' files:
// progress on stderr, one line per stage change and every ~5%, unless --quiet; Ctrl-C cancels.
ProgressContext stderrProgress(const CliOptions& o);
// Every --data imported with its options (skipped files logged, a summary on stderr).
std::vector<Dataset> importAll(const CliOptions& o);
} // namespace dl::cli
