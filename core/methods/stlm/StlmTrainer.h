#pragma once
// STLM's training (internal torch header): a seeded validation split of the normal
// images, the teacher's targets (StlmTeacherTargets: computed once, cached on disk),
// then the epochs of the shared EpochLoop (components/EpochLoop.h). Each step
// draws a pseudo-anomaly (Perlin mask + texture, core/synthesis; with labelled_share
// also labelled defects transplanted) into each image with anomaly_probability and
// trains both streams, the shared decoder and the FA module in one stage (StlmLoss.h). A fixed set of validation images, each clean
// and with a seeded pseudo-anomaly, gives the loss that picks the kept epoch.
#include "components/EpochLoop.h"
#include "engine/Detector.h"
#include "methods/stlm/StlmLoss.h"
#include "methods/stlm/StlmNetwork.h"
#include "methods/stlm/StlmParams.h"
#include "methods/stlm/StlmTeacherTargets.h"
#include "synthesis/DefectTransplant.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace dl {

class AnomalySynthesizer;
class FeatureExtractor;

// What a fit produces: the trained networks and the provenance record ("stlm").
struct StlmTrained {
    std::unique_ptr<StlmNetwork> net;
    std::string map; // the anomaly map in use ("auto" resolved)
    nlohmann::json provenance;
};

class StlmTrainer {
public:
    StlmTrainer(const StlmParams& params, FeatureExtractor& teacher, const PreprocessSpec& preprocess);
    ~StlmTrainer();

    // `fitStart` is when the fit began (the time budget counts from there).
    StlmTrained train(const FitInput& input, const ProgressContext& progress, SteadyClock::time_point fitStart);

private:
    // Student inputs with their clean targets and pseudo-anomaly masks.
    struct Batch {
        torch::Tensor images;               // [B,3,H,W] preprocessed
        std::vector<torch::Tensor> targets; // the teacher's levels of the clean images
        std::vector<torch::Tensor> plainTargets; // plain_target anomalous: the teacher's levels of `images`
        torch::Tensor maskGrid;             // [B,1,h,w] share of each cell covered by the defect
        std::int64_t size() const { return images.size(0); }
    };
    // Loss components averaged over a split, each batch weighted by its share.
    struct LossSums {
        double total = 0, plain = 0, denoising = 0, focal = 0, l1 = 0;
        void add(const StlmLosses& l, double weight);
    };

    // The optimiser; with student_init mobilenetv2 also the streams' ImageNet trunks
    // (loaded here) and their slower learning rate.
    void startStudentTrunks();
    // `anomalous[i]`: whether row i gets a pseudo-anomaly: drawn by `synthesizer` (or a
    // labelled defect from `labelled`), or, with `variantRng` (plain_target anomalous,
    // training), one of the row's fixed variants.
    Batch makeBatch(const StlmNormals& normals, const std::vector<std::int64_t>& rows,
                    const std::vector<bool>& anomalous, AnomalySynthesizer& synthesizer,
                    LabelledTransplants* labelled = nullptr, std::mt19937* variantRng = nullptr) const;
    void makeValidationBatches();
    LossSums evaluate() const;
    // Pixel AUROC of each anomaly map on the validation images' feature grid (cells
    // mostly covered by a pseudo-anomaly against all others, clean copies included).
    nlohmann::json mapAurocOnValidation() const;
    std::optional<LossSums> trainBatches(int epoch, const EpochLoop& loop, const ProgressContext& progress);
    std::optional<EpochReport> runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress);

    const StlmParams& params_;
    FeatureExtractor& teacher_;
    const PreprocessSpec& preprocess_;
    std::mt19937 rng_;
    StlmNormals train_, validationNormals_;
    std::vector<Batch> validation_;
    std::vector<std::string> textures_;
    std::unique_ptr<AnomalySynthesizer> synthesizer_;
    LabelledTransplants labelled_; // training only: validation judges epochs on synthetic anomalies
    std::unique_ptr<StlmNetwork> net_;
    std::unique_ptr<torch::optim::Adam> optimizer_;
    std::string studentWeightsSha256_; // the MobileNetV2 file the trunks started from ("" = random)
};

} // namespace dl
