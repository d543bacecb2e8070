#include "methods/cse/CseParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"
#include "methods/cse/CseNetwork.h"

namespace dl {

nlohmann::json CseParams::defaults()
{
    return defaultsOf<CseParams>();
}

void CseParams::applyLayout(const std::string& chosen)
{
    if (chosen != "surface" && chosen != "object")
        throw Error("internal: cse layout '" + chosen + "' is neither surface nor object");
    layout = chosen;
    taps = chosen == "object" ? objectTaps() : surfaceTaps();
    pool = chosen == "object" ? kObjectPool : kSurfacePool;
    scales = chosen == "object" ? kObjectScales : kSurfaceScales;
    if (!smoothingSigma)
        smoothingSigma = chosen == "object" ? kObjectSmoothingSigma : kSurfaceSmoothingSigma;
}

CseParams CseParams::parse(const nlohmann::json& merged)
{
    CseParams p = readFields<CseParams>("cse", merged);
    if (p.taps.empty() || p.taps.size() > 3)
        throw Error("cse taps must name one to three backbone feature maps (fine to coarse), got "
                    + std::to_string(p.taps.size()));
    if (p.imageSize < 32 || p.imageSize > 2048 || p.imageSize % 32 != 0)
        throw Error("cse image_size must be a multiple of 32 within 32..2048, got " + std::to_string(p.imageSize));
    if (p.layout != "auto") {
        // A named layout sets taps, pool and scales; other values given beside it would be silently lost.
        const CseParams defaultsOfAll;
        CseParams named;
        named.applyLayout(p.layout);
        auto leftOrAsNamed = [&](auto field) { return p.*field == defaultsOfAll.*field || p.*field == named.*field; };
        if (!leftOrAsNamed(&CseParams::taps) || !leftOrAsNamed(&CseParams::pool) || !leftOrAsNamed(&CseParams::scales))
            throw Error("cse layout=" + p.layout + " sets taps, pool and scales itself; to give them, leave layout at auto");
        p.applyLayout(p.layout);
    }
    if (p.pool % (1 << (p.scales - 1)) != 0)
        throw Error("cse scales " + std::to_string(p.scales) + " halve the pooling " + std::to_string(p.scales - 1)
                    + " times: pool must be a multiple of " + std::to_string(1 << (p.scales - 1)) + ", got "
                    + std::to_string(p.pool));
    if (!(p.maxLearningRate >= p.learningRate))
        throw Error("cse max_learning_rate (the one-cycle peak) must be at least learning_rate");
    // Embedder settings fail here, before any work (the taps' widths are checked at fit/load).
    CseArchitecture probe;
    probe.widths = p.widths;
    checkArchitecture(probe);
    return p;
}

} // namespace dl
