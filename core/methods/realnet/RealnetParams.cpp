#include "methods/realnet/RealnetParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"

namespace dl {

nlohmann::json RealnetParams::defaults()
{
    return defaultsOf<RealnetParams>();
}

RealnetParams RealnetParams::parse(const nlohmann::json& merged)
{
    RealnetParams p = readFields<RealnetParams>("realnet", merged);
    if (p.taps.empty() || p.taps.size() > 6)
        throw Error("realnet taps must name one to six backbone feature maps (fine to coarse), got "
                    + std::to_string(p.taps.size()));
    if (p.selectedChannels.size() != p.taps.size())
        throw Error("realnet selected_channels must give one count per tap (" + std::to_string(p.taps.size())
                    + "), got " + std::to_string(p.selectedChannels.size()));
    for (int k : p.selectedChannels)
        if (k < 1 || k > 4096)
            throw Error("realnet selected_channels must be within 1..4096, got " + std::to_string(k));
    if (p.channelMultipliers.empty() || p.channelMultipliers.size() > 4)
        throw Error("realnet channel_multipliers must hold one to four multipliers");
    for (int m : p.channelMultipliers)
        if (m < 1 || m > 16)
            throw Error("realnet channel_multipliers must be within 1..16, got " + std::to_string(m));
    if (p.imageSize < 64 || p.imageSize > 2048 || p.imageSize % 32 != 0)
        throw Error("realnet image_size must be a multiple of 32 within 64..2048, got " + std::to_string(p.imageSize));
    if (p.sdasStrengthMin > p.sdasStrengthMax)
        throw Error("realnet sdas_strength_min must not exceed sdas_strength_max");
    if (p.usesSdas() && p.sdasModel.empty())
        throw Error("realnet synthesis '" + p.synthesis + "' needs sdas_model=PATH (an SDAS model trained with "
                    "fit --method sdas); synthesis=dtd needs none");
    return p;
}

} // namespace dl
