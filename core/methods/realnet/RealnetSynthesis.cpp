#include "methods/realnet/RealnetSynthesis.h"

#include "common/Error.h"
#include "common/Log.h"
#include "components/TrainingSupport.h"
#include "engine/ModelBundle.h"
#include "methods/sdas/SdasGenerator.h"
#include "synthesis/Random.h"

#include <algorithm>
#include <set>

namespace dl {
namespace {

constexpr double kTextureBetaMin = 0.2, kTextureBetaMax = 1.0;   // RealNet's DTD mode
constexpr double kGeneratedBetaMin = 0.5, kGeneratedBetaMax = 1.0; // RealNet's SDAS paste

} // namespace

RealnetAnomalySource::RealnetAnomalySource(const RealnetParams& params, const std::vector<std::string>& categories,
                                           unsigned seed, LabelledTransplants labelled, const ProgressContext& progress)
    : params_(params), labelled_(std::move(labelled))
{
    if (params.usesTextures()) {
        textures_ = locateOutlierTextures(params.textureDir);
        if (textures_.empty())
            logWarning(DL_TR("Engine", "realnet: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); "
                                       "texture defects fall back to structural ones"));
    }
    SynthesisOptions options;
    options.betaMin = kTextureBetaMin;
    options.betaMax = kTextureBetaMax;
    options.objectForeground = params.objectForeground;
    synthesizer_ = std::make_unique<AnomalySynthesizer>(textures_, seed, options);
    if (!params.usesSdas())
        return;

    const auto start = SteadyClock::now();
    std::unique_ptr<SdasGenerator> generator = SdasGenerator::load(params.sdasModel);
    sdasChecksum_ = ModelBundle::fileChecksum(params.sdasModel);
    const std::vector<std::string>& known = generator->categories();
    const std::set<std::string> wanted(categories.begin(), categories.end());
    std::size_t done = 0;
    for (const std::string& category : wanted) {
        std::string source = category;
        if (std::find(known.begin(), known.end(), category) == known.end()) {
            // A one-category SDAS model serves any one-category training (names may differ).
            if (known.size() == 1 && wanted.size() == 1) {
                source = known.front();
                logWarning(DL_TR("Engine", "realnet: SDAS model %1 was trained on '%2'; using it for '%3'"),
                           params.sdasModel, source, category);
            } else {
                std::string list;
                for (const auto& k : known)
                    list += (list.empty() ? "" : ", ") + k;
                throw Error("SDAS model " + params.sdasModel + " has no category '" + category + "' (it knows: " + list
                            + "); train one with fit --method sdas on this data");
            }
        }
        const ProgressContext sub = progress.sub(double(done) / double(wanted.size()),
                                                 double(done + 1) / double(wanted.size()));
        sdasPools_[category] = generator->generate(params.sdasPool, params.sdasStrengthMin, params.sdasStrengthMax,
                                                   seed + unsigned(done) * 7919u, source, sub);
        ++done;
    }
    sdasSeconds_ = secondsSince(start);
    logInfo(DL_TR("Engine", "realnet: %1 SDAS images per category from %2 in %3 s"), params.sdasPool, params.sdasModel,
            formatFixed(sdasSeconds_, 1));
}

const std::vector<cv::Mat>& RealnetAnomalySource::poolFor(const std::string& category) const
{
    const auto it = sdasPools_.find(category);
    if (it == sdasPools_.end() || it->second.empty())
        throw Error("realnet: no SDAS images for category '" + category + "'");
    return it->second;
}

SyntheticAnomaly RealnetAnomalySource::make(const cv::Mat& rgb8, const std::string& category)
{
    return labelled_.make(rgb8, category, synthesizer_->rng(), [&] {
        std::mt19937& rng = synthesizer_->rng();
        const bool generated = params_.synthesis == "sdas" || (params_.synthesis == "both" && randomUnit(rng) < 0.5);
        if (!generated)
            return synthesizer_->make(rgb8, DefectKind::TexturePaste);
        const std::vector<cv::Mat>& pool = poolFor(category);
        const cv::Mat& source = pool[randomBelow(rng, std::uint32_t(pool.size()))];
        return synthesizer_->pasteGenerated(rgb8, source, kGeneratedBetaMin, kGeneratedBetaMax);
    });
}

nlohmann::json RealnetAnomalySource::describe() const
{
    nlohmann::json d = {{"synthesis", params_.synthesis}, {"outlier_textures", textures_.size()}};
    if (!labelled_.empty())
        d["labelled"] = labelled_.describe();
    if (params_.usesSdas())
        d["sdas"] = {{"model", params_.sdasModel},
                     {"model_sha256", sdasChecksum_},
                     {"pool_per_category", params_.sdasPool},
                     {"strength", {params_.sdasStrengthMin, params_.sdasStrengthMax}},
                     {"generation_seconds", sdasSeconds_}};
    return d;
}

std::mt19937& RealnetAnomalySource::rng()
{
    return synthesizer_->rng();
}

} // namespace dl
