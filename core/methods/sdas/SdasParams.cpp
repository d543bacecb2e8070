#include "methods/sdas/SdasParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"

namespace dl {

nlohmann::json SdasParams::defaults()
{
    return defaultsOf<SdasParams>();
}

SdasParams SdasParams::parse(const nlohmann::json& merged)
{
    SdasParams p = readFields<SdasParams>("sdas", merged);
    const auto levels = p.channelMultipliers.size();
    if (levels < 1 || levels > 4)
        throw Error("sdas channel_multipliers must list one to four levels, got " + std::to_string(levels));
    for (int m : p.channelMultipliers)
        if (m < 1 || m > 8)
            throw Error("sdas channel_multipliers must each be within 1..8, got " + std::to_string(m));
    // Every level but the last halves the grid: the resolution must survive the halvings.
    const int factor = 1 << (levels - 1);
    if (p.resolution % 16 != 0 || p.resolution / factor < 4)
        throw Error("sdas resolution must be a multiple of 16 within 32..128 that leaves at least 4x4 pixels at the "
                    "coarsest of the " + std::to_string(levels) + " levels, got " + std::to_string(p.resolution));
    if (p.attentionLevels > int(levels))
        throw Error("sdas attention_levels must not exceed the number of levels (" + std::to_string(levels) + "), got "
                    + std::to_string(p.attentionLevels));
    if (!(p.betaEnd > p.betaStart))
        throw Error("sdas beta_end must be larger than beta_start");
    if (p.samplingSteps > p.timesteps)
        throw Error("sdas sampling_steps must not exceed timesteps (" + std::to_string(p.timesteps) + "), got "
                    + std::to_string(p.samplingSteps));
    return p;
}

SdasParams SdasParams::fromOverrides(const nlohmann::json& overrides, nlohmann::json* mergedOut)
{
    nlohmann::json merged = defaults();
    if (!overrides.is_null() && !overrides.is_object())
        throw Error("sdas parameters must be a JSON object of key/value pairs");
    if (overrides.is_object())
        for (auto it = overrides.begin(); it != overrides.end(); ++it) {
            if (!merged.contains(it.key())) {
                std::string known;
                for (auto k = merged.begin(); k != merged.end(); ++k) known += (known.empty() ? "" : ", ") + k.key();
                throw Error("method 'sdas' has no parameter '" + it.key() + "' (parameters: " + known + ")");
            }
            merged[it.key()] = it.value();
        }
    SdasParams p = parse(merged);
    if (mergedOut)
        *mergedOut = merged;
    return p;
}

} // namespace dl
