#include "methods/dskd/DskdParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"
#include "methods/dskd/DskdNetwork.h"

#include <algorithm>

namespace dl {

nlohmann::json DskdParams::defaults()
{
    const DskdParams d;
    return {
        {"image_size", d.imageSize},
        {"taps", d.taps},
        {"widths", d.widths},
        {"embed_dim", d.embedDim},
        {"embed_extra_stride", d.embedExtraStride},
        {"epochs", d.epochs},
        {"batch_size", d.batchSize},
        {"learning_rate", d.learningRate},
        {"l2_weight", d.l2Weight},
        {"teacher_norm", d.teacherNorm},
        {"validation_fraction", d.validationFraction},
        {"smoothing_sigma", d.smoothingSigma},
        {"seed", int(d.seed)},
        {"max_minutes", d.maxMinutes},
    };
}

DskdParams DskdParams::parse(const nlohmann::json& merged)
{
    const ParamReader r("dskd", merged);
    DskdParams p;
    p.taps = r.get<std::vector<std::string>>("taps");
    if (p.taps.size() != 3)
        throw Error("dskd taps must name three teacher feature maps (fine to coarse), got "
                    + std::to_string(p.taps.size()));
    const auto widths = r.get<std::vector<int>>("widths");
    if (widths.size() != 3)
        throw Error("dskd widths must hold three student widths (one per tap), got " + std::to_string(widths.size()));
    std::copy(widths.begin(), widths.end(), p.widths.begin());
    p.imageSize = r.get<int>("image_size");
    if (p.imageSize < 32 || p.imageSize > 2048 || p.imageSize % 16 != 0)
        throw Error("dskd image_size must be a multiple of 16 within 32..2048, got " + std::to_string(p.imageSize));
    p.epochs = r.atLeast("epochs", 1);
    p.batchSize = r.atLeast("batch_size", 1);
    p.learningRate = r.positive("learning_rate");
    p.maxMinutes = r.positive("max_minutes");
    p.smoothingSigma = r.nonNegative("smoothing_sigma");
    p.l2Weight = r.nonNegative("l2_weight");
    p.teacherNorm = r.oneOf("teacher_norm", {"tap", "channel"});
    p.validationFraction = r.number("validation_fraction", 0.0, 0.5);
    p.embedDim = r.get<int>("embed_dim");
    p.embedExtraStride = r.get<int>("embed_extra_stride");
    p.seed = r.get<unsigned>("seed");
    // Student settings fail here, before any work (the teacher's channels are checked at fit/load).
    DskdArchitecture probe;
    probe.widths = p.widths;
    probe.embedDim = p.embedDim;
    probe.embedExtraStride = p.embedExtraStride;
    checkArchitecture(probe);
    return p;
}

} // namespace dl
