#pragma once
// DMAD's fit (internal torch header), in the paper's order: patch features of the
// normal images (content-cached), the normal bank, defect patches (labelled and
// synthetic), the abnormal bank, the training and validation patches with their
// retrieved memories, then the heads' hinge-loss training with the epoch of the
// best validation (image + patch AUROC on held-out synthetic defects) kept.
#include "components/TrainingSupport.h"
#include "methods/dmad/DmadAnomalyMap.h"
#include "methods/dmad/DmadPatches.h"
#include "methods/dmad/DmadParams.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace dl {

class AnomalySynthesizer;

class DmadTrainer {
public:
    // The model's patch feature extractor must be set; its banks and heads are filled.
    DmadTrainer(const DmadParams& params, DmadModel& model, DmadAnomalyMap& map, const PreprocessSpec& preprocess,
                const ProgressContext& progress);

    // Fits the banks and heads; `warmNormal`: the model's normal bank is a parent's and
    // stays. `start` is when the fit began. Returns the provenance (sizes, best epoch, times).
    nlohmann::json fit(const FitInput& input, const std::string& backboneSha256, bool warmNormal,
                       SteadyClock::time_point start);

private:
    struct NormalImages {
        std::vector<std::string> train, validation; // paths; training sorted
    };
    // The heads' training patches with their k nearest memories of each bank.
    struct TrainingSet {
        std::vector<float> queries;
        std::vector<std::int64_t> source;       // skipped in the abnormal bank
        std::vector<std::int64_t> normalSource; // skipped in the normal bank (a transplant's base image)
        std::vector<float> weight;
        std::vector<std::uint8_t> normal;
        std::int64_t normalCount = 0; // the normal patches come first
        std::vector<std::int64_t> nn, na;
        std::int64_t count() const { return std::int64_t(normal.size()); }
    };
    // Held-out normal images and synthetic defects made from them, with their memories.
    struct ValidationSet {
        std::size_t images = 0;
        PatchSet normal, defects;
        std::vector<std::int64_t> normalNn, normalNa, defectNn, defectNa;
    };

    int dim() const { return model_.dim(); }
    void endStage(const char* name);
    NormalImages splitNormals(const std::vector<Sample>& normal);
    void buildNormalBank(const PatchSet& train, const PatchSet& validation);
    PatchSet syntheticDefectPatches(AnomalySynthesizer& synthesizer, const std::vector<std::string>& trainPaths);
    PatchSet textureFeatures(const std::vector<std::string>& textures);
    void buildAbnormalBank(const PatchSet& real, const PatchSet& synthetic, const std::vector<std::string>& textures);
    TrainingSet trainingPatches(PatchSet normalSet, const PatchSet& synthetic, const PatchSet& real,
                                const PatchSet& transplanted);
    void retrieveTrainingNeighbours(TrainingSet& training) const;
    ValidationSet validationSet(AnomalySynthesizer& synthesizer, const std::vector<std::string>& paths,
                                PatchSet normal, std::int64_t firstSource);
    void calibrateDistance(const ValidationSet& validation, const TrainingSet& training);
    double validate(const ValidationSet& validation);
    double trainEpoch(torch::optim::Adam& optimizer, const TrainingSet& training, const std::vector<std::int64_t>& order);
    // Returns the kept epoch (1-based) and its validation.
    std::pair<int, double> trainHeads(const TrainingSet& training, const ValidationSet& validation);

    const DmadParams& params_;
    DmadModel& model_;
    DmadAnomalyMap& map_;
    const PreprocessSpec& preprocess_;
    const ProgressContext& progress_;
    std::optional<DmadPatches> patches_; // made when the fit knows the backbone
    std::mt19937 rng_;
    nlohmann::json stageSeconds_ = nlohmann::json::object();
    SteadyClock::time_point stageStart_;
};

} // namespace dl
