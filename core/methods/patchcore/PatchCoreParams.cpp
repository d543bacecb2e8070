#include "methods/patchcore/PatchCoreParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"

namespace dl {

nlohmann::json PatchCoreParams::defaults()
{
    return defaultsOf<PatchCoreParams>();
}

PatchCoreParams PatchCoreParams::parse(const nlohmann::json& merged)
{
    PatchCoreParams p = readFields<PatchCoreParams>("patchcore", merged);
    p.features.check();
    if (!(p.coresetRatio > 0.0 && p.coresetRatio <= 1.0))
        throw Error("patchcore coreset_ratio must be in (0, 1], got " + std::to_string(p.coresetRatio));
    return p;
}

NearestNeighbourOptions PatchCoreParams::searchOptions() const
{
    NearestNeighbourOptions o;
    o.kind = search;
    o.hnswEfSearch = hnswEfSearch;
    return o;
}

} // namespace dl
