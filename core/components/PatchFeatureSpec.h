#pragma once
// Which patch features PatchCore and DMAD build (components/PatchFeatures.h):
// the backbone taps, the local averaging window and an optional width
// reduction. Torch-free, so the methods' parameter structs can hold it.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

struct PatchFeatureSpec {
    // Empty: the backbone's default pair (FeatureExtractor::defaultPatchTaps), which
    // the detectors write back into their parameters at fit time.
    std::vector<std::string> taps;
    int neighbourhood = 3;  // local averaging window (odd)
    int reducedDim = 0;     // 0 = keep the concatenated width

    // Its keys in a method's parameters (taps, neighbourhood, feature_dim), for the
    // method's fields() list (components/ParamReader.h).
    template <typename Fields>
    void fields(Fields& f)
    {
        f.get("taps", taps);
        f.get("neighbourhood", neighbourhood);
        f.get("feature_dim", reducedDim);
    }
    // An odd neighbourhood; throws dl::Error.
    void check() const;
};

} // namespace dl
