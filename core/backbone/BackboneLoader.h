#pragma once
// Internal: builds a FeatureExtractor from a BackboneSpec, verifying weights.
#include "backbone/Backbone.h"
#include "backbone/BackboneSpec.h"

#include <memory>

namespace dl {

// Loads (and caches per resolved path + hash) the backbone. The default
// MobileNetV2 file must match kMobileNetV2Int8Sha256; other files are accepted
// and identified by their own sha256. If `expectedSha256` is non-empty the
// weights must match it (used when a model bundle is loaded).
std::shared_ptr<FeatureExtractor> loadBackbone(const BackboneSpec& spec, const std::string& expectedSha256 = {});

} // namespace dl
