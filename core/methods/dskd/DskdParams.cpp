#include "methods/dskd/DskdParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"
#include "methods/dskd/DskdNetwork.h"

namespace dl {

nlohmann::json DskdParams::defaults()
{
    return defaultsOf<DskdParams>();
}

DskdParams DskdParams::parse(const nlohmann::json& merged)
{
    DskdParams p = readFields<DskdParams>("dskd", merged);
    if (p.taps.size() < 2 || p.taps.size() > 4)
        throw Error("dskd taps must name two to four teacher feature maps (fine to coarse), got "
                    + std::to_string(p.taps.size()));
    if (p.widths.size() != p.taps.size())
        throw Error("dskd widths must hold one student width per tap (" + std::to_string(p.taps.size()) + "), got "
                    + std::to_string(p.widths.size()));
    if (p.imageSize < 32 || p.imageSize > 2048 || p.imageSize % 16 != 0)
        throw Error("dskd image_size must be a multiple of 16 within 32..2048, got " + std::to_string(p.imageSize));
    // Student settings fail here, before any work (the teacher's channels are checked at fit/load).
    DskdArchitecture probe;
    probe.teacherChannels.assign(p.widths.size(), 1);
    probe.widths = p.widths;
    probe.embedDim = p.embedDim;
    probe.embedExtraStride = p.embedExtraStride.value_or(1);
    checkArchitecture(probe);
    return p;
}

} // namespace dl
