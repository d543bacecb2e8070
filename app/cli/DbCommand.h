#pragma once
#include "cli/CliOptions.h"

namespace dl::cli {
// defectlens-cli db migrate | db bench (database/Store.h copyFrom; docs/database.md).
int runDb(const CliOptions& options);
} // namespace dl::cli
