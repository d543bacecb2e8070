#include "methods/dmad/DmadParams.h"

#include "components/ParamReader.h"

namespace dl {

NearestNeighbourOptions DmadParams::searchOptions() const
{
    NearestNeighbourOptions options;
    options.kind = searchKind;
    options.pcaDim = searchDim;
    options.refineFactor = searchRefine;
    return options;
}

nlohmann::json DmadParams::defaults()
{
    return defaultsOf<DmadParams>();
}

DmadParams DmadParams::parse(const nlohmann::json& merged)
{
    DmadParams p = readFields<DmadParams>("dmad", merged);
    p.features.check();
    return p;
}

} // namespace dl
