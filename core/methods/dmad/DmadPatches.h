#pragma once
// Where DMAD's training patches come from (internal torch header): patch features
// of image files through the content-keyed feature cache, labelled defect patches
// where their masks are set, and synthetic defects (Perlin mask + texture /
// structure / blur, core/synthesis) made on normal images.
#include "components/FeatureCache.h"
#include "methods/dmad/DmadAnomalyMap.h"

#include <string>
#include <vector>

namespace dl {

class AnomalySynthesizer;

class DmadPatches {
public:
    // `cacheIdentity` names the extractor (backbone, taps, sizes) in the cache keys.
    DmadPatches(DmadModel& model, const PreprocessSpec& preprocess, const ProgressContext& progress,
                const std::string& cacheIdentity);

    // Every patch of each image; source ids firstSource, firstSource + 1, ... per image.
    // Progress runs from p0 to p1 under `stage`.
    PatchSet featuresOf(const std::vector<std::string>& paths, std::int64_t firstSource, double p0, double p1,
                        const EngineText& stage);
    // The patches of labelled defect images that their masks cover (patchLabelsFromMask).
    PatchSet labelledDefects(const std::vector<Sample>& labelled, std::int64_t firstSource);
    // One synthetic defect on each image: its defective patches, or all of its patches
    // with their defect flags when `keepAllPatches`.
    PatchSet synthesize(AnomalySynthesizer& synthesizer, const std::vector<std::string>& paths,
                        std::int64_t firstSource, bool keepAllPatches, double p0, double p1, const EngineText& stage);

    // Defect transplants (synthesis/DefectTransplant.h): `perLabel` copies of each
    // labelled defect pasted onto normal images drawn from `basePaths`; the patches
    // their masks cover. `source` is the label's id (firstLabelSource + j), so that a
    // label's memories are skipped for all its copies; `baseImage` the base's index in
    // `basePaths`, whose own normal memories the copies skip.
    PatchSet transplantedDefects(const std::vector<Sample>& labelled, const std::vector<std::string>& basePaths,
                                 int perLabel, std::int64_t firstLabelSource, unsigned seed);

private:
    DmadModel& model_;
    const PreprocessSpec& preprocess_;
    const ProgressContext& progress_;
    FeatureCache cache_;
};

} // namespace dl
