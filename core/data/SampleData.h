#pragma once
// Generates a small synthetic inspection dataset in the MVTec AD layout, so the
// demo and the tests can run where no real data is available.
#include <string>

namespace dl {

struct SampleDataOptions {
    int trainImages = 60;
    int testGoodImages = 12;
    int testDefectImages = 12; // half "scratch", half "stain"
    int size = 256;
    unsigned seed = 7;
};

// Writes <root>/train/good, <root>/test/{good,scratch,stain}, <root>/ground_truth/...
// Throws dl::Error naming the folder when it cannot be written.
void writeSampleDataset(const std::string& root, const SampleDataOptions& options = {});

} // namespace dl
