#pragma once
#include "cli/CliOptions.h"

namespace dl::cli {
// crossvalidate: K-fold cross-validation of a method and its parameters inside the
// training split (core/engine/CrossValidation.h). Prints the summary; --json also
// writes every held-out image's score. Nothing is recorded in the database.
int runCrossValidate(const CliOptions& options);
} // namespace dl::cli
