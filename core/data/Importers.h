#pragma once
#include "data/Dataset.h"

#include <string>
#include <vector>

namespace dl {

// Detects the layout of `root` (MVTec, VisA csv, image+mask folders, plain folder).
DatasetFormat detectDatasetFormat(const std::string& root); // throws dl::Error

// Imports a dataset. Throws dl::Error (naming the path and the problem) when the
// folder is missing, empty or malformed; unreadable individual images are listed
// in Dataset::skipped instead. Sample order is deterministic (sorted paths).
Dataset importDataset(const std::string& root, const DatasetOptions& options);

// Image files for prediction: a file gives itself; a folder gives its image
// files (recursive, sorted, hidden entries ignored). Throws dl::Error when the
// path is missing or the folder holds no image file. Paths are absolute.
std::vector<std::string> listImageFiles(const std::string& dirOrFile);

// How moveLabelledDefectsToTrain spreads its images over the defect types.
enum class LabelledDraw {
    RoundRobin,   // every type once before any type twice (a few labels of each kind)
    Proportional, // each type in proportion to its share of the defect images, so the labels
                  // (and a cross-validation that holds them out) mix types as the data does
};
// Moves `count` defect images (with masks) from test to train, stratified by
// defect type and chosen with `seed`; used for semi-supervised training. For any
// draw, a smaller count moves a subset of a larger one's images (the sets are nested).
void moveLabelledDefectsToTrain(Dataset& dataset, int count, unsigned seed,
                                LabelledDraw draw = LabelledDraw::RoundRobin);
// Moves the named test defects (relative paths, '/'-separated) from test to
// train, e.g. the images an engineer labelled from the "label next" queue.
// Throws dl::Error naming any path that is not a test image with a defect mask.
void moveNamedDefectsToTrain(Dataset& dataset, const std::vector<std::string>& relativePaths);

} // namespace dl
