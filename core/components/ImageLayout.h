#pragma once
// Surface or object? Measured from the normal images alone, before training: the
// share of the backbone's feature variance that the position in the image explains.
// Near 0 for a stationary surface (any place looks like any other), near 1 where
// every image looks alike at each position (an aligned part). CSE chooses its layout
// by it, DSKD its scale weights. Internal torch header.
#include "data/Dataset.h"
#include "data/Preprocess.h"

#include <string>
#include <vector>

namespace dl {

class FeatureExtractor;

// At or above this share the images are an aligned object. The two sets measured lie
// far on either side (MVTec bottle 0.92, Magnetic Tile 0.19); the threshold is midway.
constexpr double kObjectPositionalShare = 0.5;

// The tap the share is measured at: "features.13" on MobileNetV2, else the backbone's
// first tap of stride 16, else its last tap.
std::string layoutProbeTap(const FeatureExtractor& backbone);

// The share at `tap` (inner cells only), over up to 32 normal images of each category;
// the smallest share over the categories (a unified fit counts as a surface when any of
// its categories is one).
double positionalShareOfVariance(FeatureExtractor& backbone, const PreprocessSpec& preprocess,
                                 const std::vector<Sample>& normal, const std::string& tap);

} // namespace dl
