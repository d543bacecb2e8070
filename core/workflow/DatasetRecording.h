#pragma once
// Datasets in the record: registering a dataset and its images, and turning the
// defect masks engineers drew (annotations) into labelled training defects.
#include "data/Dataset.h"
#include "workflow/WorkRecorder.h"

#include <map>
#include <string>
#include <vector>

namespace dl::workflow {

// Stores the dataset and its images once (by root folder); returns relative
// path -> image id. Does nothing when the recorder is disabled.
std::map<std::string, RecordId> registerDataset(WorkRecorder& recorder, const Dataset& dataset);

// The newest annotation of each image of `dataset` that has a non-empty mask makes
// that image a labelled training defect (label 1, split train, mask written once
// per annotation id to the recorder's annotation mask folder). An empty mask
// confirms a good part and changes nothing. Returns how many images changed.
// Throws dl::Error naming the image when a stored mask is not a readable PNG.
int applyDatabaseLabels(WorkRecorder& recorder, Dataset& dataset);

// What a run records about its datasets: root, format and categories of each.
nlohmann::json describeDatasets(const std::vector<Dataset>& datasets);

std::vector<const Dataset*> pointersTo(const std::vector<Dataset>& datasets);

} // namespace dl::workflow
