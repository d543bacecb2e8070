#include "methods/stlm/StlmParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"

namespace dl {

nlohmann::json StlmParams::defaults()
{
    return defaultsOf<StlmParams>();
}

StlmParams StlmParams::parse(const nlohmann::json& merged)
{
    StlmParams p = readFields<StlmParams>("stlm", merged);
    if (p.teacherTaps.size() != 2)
        throw Error("stlm teacher_taps must name two teacher feature maps (the two target levels), got "
                    + std::to_string(p.teacherTaps.size()));
    if (p.widths.size() != 3)
        throw Error("stlm widths must hold three stream widths (strides 2, 4, 8), got " + std::to_string(p.widths.size()));
    for (int w : p.widths)
        if (w < 4 || w > 1024)
            throw Error("stlm widths must be within 4..1024, got " + std::to_string(w));
    if (p.imageSize < 32 || p.imageSize > 2048 || p.imageSize % 8 != 0)
        throw Error("stlm image_size must be a multiple of 8 within 32..2048, got " + std::to_string(p.imageSize));
    if (p.teacherSize % 16 != 0)
        throw Error("stlm teacher_size must be a multiple of 16, got " + std::to_string(p.teacherSize));
    return p;
}

} // namespace dl
