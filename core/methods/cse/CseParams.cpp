#include "methods/cse/CseParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"
#include "methods/cse/CseNetwork.h"

namespace dl {

nlohmann::json CseParams::defaults()
{
    const CseParams d;
    return {
        {"image_size", d.imageSize},
        {"taps", d.taps},
        {"widths", d.widths},
        {"pool", d.pool},
        {"epochs", d.epochs},
        {"batch_size", d.batchSize},
        {"learning_rate", d.learningRate},
        {"max_learning_rate", d.maxLearningRate},
        {"contrastive_weight", d.contrastiveWeight},
        {"defect_probability", d.defectProbability},
        {"contrast_region", d.contrastRegion},
        {"bank", d.bank},
        {"clusters", d.clusters},
        {"image_score", d.imageScore},
        {"validation_fraction", d.validationFraction},
        {"smoothing_sigma", d.smoothingSigma},
        {"object_foreground", d.objectForeground},
        {"texture_dir", d.textureDir},
        {"seed", int(d.seed)},
        {"max_minutes", d.maxMinutes},
    };
}

CseParams CseParams::parse(const nlohmann::json& merged)
{
    const ParamReader r("cse", merged);
    CseParams p;
    p.taps = r.get<std::vector<std::string>>("taps");
    if (p.taps.empty() || p.taps.size() > 3)
        throw Error("cse taps must name one to three backbone feature maps (fine to coarse), got "
                    + std::to_string(p.taps.size()));
    p.imageSize = r.get<int>("image_size");
    if (p.imageSize < 32 || p.imageSize > 2048 || p.imageSize % 32 != 0)
        throw Error("cse image_size must be a multiple of 32 within 32..2048, got " + std::to_string(p.imageSize));
    p.pool = r.integer("pool", 1, 4);
    p.epochs = r.atLeast("epochs", 1);
    p.batchSize = r.atLeast("batch_size", 1);
    p.learningRate = r.positive("learning_rate");
    p.maxLearningRate = r.get<double>("max_learning_rate");
    if (!(p.maxLearningRate >= p.learningRate))
        throw Error("cse max_learning_rate (the one-cycle peak) must be at least learning_rate");
    p.maxMinutes = r.positive("max_minutes");
    p.smoothingSigma = r.nonNegative("smoothing_sigma");
    p.contrastiveWeight = r.nonNegative("contrastive_weight");
    p.defectProbability = r.number("defect_probability", 0.0, 1.0);
    p.validationFraction = r.number("validation_fraction", 0.0, 0.5);
    p.clusters = r.integer("clusters", 1, 4096);
    p.contrastRegion = r.oneOf("contrast_region", {"mask", "image"});
    p.bank = r.oneOf("bank", {"map", "positions"});
    p.imageScore = r.oneOf("image_score", {"max", "mean"});
    p.objectForeground = r.get<bool>("object_foreground");
    p.textureDir = r.get<std::string>("texture_dir");
    p.seed = r.get<unsigned>("seed");
    p.widths = r.get<std::vector<int>>("widths");
    // Embedder settings fail here, before any work (the taps' widths are checked at fit/load).
    CseArchitecture probe;
    probe.widths = p.widths;
    checkArchitecture(probe);
    return p;
}

} // namespace dl
