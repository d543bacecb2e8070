#include "methods/sdas/SdasTraining.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "components/ModuleState.h"
#include "components/TrainingSupport.h"
#include "engine/ModelBundle.h"
#include "engine/Runtime.h"
#include "methods/sdas/SdasParams.h"
#include "methods/sdas/SdasTrainer.h"

#include <ctime>
#include <filesystem>
#include <set>

namespace dl {

namespace {

std::string utcNow()
{
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

} // namespace

std::string sdasCheckpointPath(const std::string& outputPath)
{
    return outputPath + ".sdas-checkpoint";
}

nlohmann::json sdasDefaultParams()
{
    return SdasParams::defaults();
}

nlohmann::json sdasMergedParams(const nlohmann::json& overrides)
{
    nlohmann::json merged;
    SdasParams::fromOverrides(overrides, &merged);
    return merged;
}

FitInput sdasFitInput(const std::vector<const Dataset*>& datasets)
{
    FitInput input;
    std::set<std::string> categories;
    for (const Dataset* dataset : datasets)
        for (const Sample* s : dataset->select(Split::Train))
            if (s->label != 1) {
                input.normal.push_back(*s);
                categories.insert(s->category);
            }
    if (input.normal.empty())
        throw Error("the training data holds no normal (defect-free) training images for sdas");
    input.categories.assign(categories.begin(), categories.end());
    return input;
}

SdasFitResult trainSdasModel(const FitInput& input, const nlohmann::json& params, const std::string& outputPath,
                             const ProgressContext& progress)
{
    const auto start = SteadyClock::now();
    ensureRuntimeConfigured();
    nlohmann::json merged;
    const SdasParams p = SdasParams::fromOverrides(params, &merged);
    if (outputPath.empty())
        throw Error("sdas needs an output path for its bundle");
    const std::string checkpoint = sdasCheckpointPath(outputPath);
    SdasTrainer trainer(p, merged, checkpoint);
    SdasTrained trained = trainer.train(input, progress);

    ModelBundle bundle;
    const SdasArchitecture a = trained.ema->architecture;
    bundle.header["method"] = kSdasMethod;
    bundle.header["kind"] = "synthesis";
    bundle.header["params"] = merged;
    bundle.header["categories"] = trained.categories;
    bundle.header["resolution"] = p.resolution;
    bundle.header["architecture"] = {{"base_width", a.baseWidth}, {"channel_multipliers", a.channelMultipliers},
                                     {"residual_blocks", a.residualBlocks}, {"attention_levels", a.attentionLevels},
                                     {"categories", a.categories}};
    nlohmann::json provenance = {{"sdas", trained.provenance},
                                 {"normal_images", input.normal.size()},
                                 {"created_utc", utcNow()},
                                 {"threads", runtimeThreads()},
                                 {"weights", "ema"},
#ifdef DEFECTLENS_VERSION
                                 {"defectlens_version", DEFECTLENS_VERSION},
#endif
    };
    bundle.header["provenance"] = provenance;
    putState(bundle, "sdas.", sdasState(trained.ema));
    const std::string bytes = bundle.serialize();
    writeFileAtomically(outputPath, bytes);
    std::error_code ec;
    std::filesystem::remove(checkpoint, ec);
    if (ec)
        logWarning(DL_TR("Engine", "sdas: could not remove the checkpoint %1: %2"), checkpoint, ec.message());

    SdasFitResult result;
    result.checksum = bytes.substr(bytes.size() - 64);
    result.categories = trained.categories;
    result.iterations = trained.iterations;
    result.resumedFrom = trained.resumedFrom;
    result.seconds = secondsSince(start);
    result.provenance = provenance;
    return result;
}

} // namespace dl
