#pragma once
#include "cli/CliOptions.h"

namespace dl::cli {
// label-next: the test images not yet labelled, ranked for labelling
// (engine/LabelRanking.h), as JSON.
int runLabelNext(const CliOptions& options);
} // namespace dl::cli
