#pragma once
// CSE's training (internal torch header): a seeded validation split of the normal
// images, each tap's scale, the fused backbone features cached once, pairs of
// different normal images whose partner is made defective at random (and a fixed
// set of validation pairs), the epochs of the shared EpochLoop (components/EpochLoop.h)
// with a one-cycle learning rate fitted to the time budget, then the k-means bank.
#include "components/EpochLoop.h"
#include "engine/Detector.h"
#include "methods/cse/CseLoss.h"
#include "methods/cse/CseNetwork.h"
#include "methods/cse/CseParams.h"

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

// What a fit produces: the trained networks, the tap scales their input was divided
// by, the bank's centres, and the provenance record ("cse" in the model's provenance).
struct CseTrained {
    std::unique_ptr<CseNetwork> net;
    torch::Tensor tapScale; // [T] one RMS per tap over the training images
    std::vector<torch::Tensor> centres; // per scale, coarse to fine: [K,D] (bank positions) or [K,D*hp*wp] (bank map)
    nlohmann::json provenance;
};

class CseTrainer {
public:
    CseTrainer(const CseParams& params, FeatureExtractor& backbone, const PreprocessSpec& preprocess);
    ~CseTrainer();

    // `fitStart` is when the fit began (the time budget counts from there).
    CseTrained train(const FitInput& input, const CseArchitecture& architecture, const ProgressContext& progress,
                     SteadyClock::time_point fitStart);

private:
    // Normal images in memory: the resized RGB (the synthesizer's input) and the fused
    // backbone features (the backbone is frozen, so it runs once per image).
    struct NormalCache {
        std::vector<cv::Mat> rgb; // CV_8UC3 at the working size
        torch::Tensor fused;      // [N,C,h,w] fused, scaled taps
        std::vector<std::string> category;
        std::int64_t size() const { return std::int64_t(rgb.size()); }
    };
    // The fit's labelled defects at the working size (README, "Labelled defects").
    struct LabelledCache {
        std::vector<cv::Mat> rgb;  // CV_8UC3
        std::vector<cv::Mat> mask; // CV_8UC1 {0,255}
        torch::Tensor fused;       // [L,C,h,w]
        std::vector<std::string> category;
        std::int64_t size() const { return std::int64_t(rgb.size()); }
    };
    // Pairs of fused features; anchors normal, partners normal or defective.
    struct PairBatch {
        torch::Tensor anchors, partners; // [M,C,h,w]
        torch::Tensor defectWeight;      // [M,1,hp,wp] on the finest scale's pooled grid
        torch::Tensor partnerIsNormal;   // [M] bool
        std::int64_t size() const { return anchors.defined() ? anchors.size(0) : 0; }
    };
    struct EpochSums {
        double loss = 0, contrastive = 0, decoder = 0; // summed over anchors
    };

    // Steps 1 and 2 of a fit: the split, the caches, the synthesizers and the validation pairs.
    IndexSplit prepare(const FitInput& input, const ProgressContext& progress);
    torch::Tensor measureTapScale(const std::vector<Sample>& normal, const std::vector<std::int64_t>& trainIdx) const;
    torch::Tensor fusedFeatures(const torch::Tensor& images) const;
    NormalCache cacheNormals(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                             const ProgressContext& progress, const EngineText& stage) const;
    torch::Tensor defectWeightOf(const cv::Mat& mask) const;
    LabelledCache cacheLabelled(const std::vector<Sample>& labelled, const ProgressContext& progress) const;
    static std::int64_t partnerOf(const NormalCache& cache, std::int64_t anchor, std::mt19937& draw);
    // `labelled` null: synthetic defects only (the validation pairs).
    PairBatch makePairs(const NormalCache& cache, const std::vector<std::int64_t>& anchors, std::mt19937& draw,
                        AnomalySynthesizer& synthesizer, const LabelledCache* labelled) const;
    PairBatch makeValidationPairs(const ProgressContext& progress) const;
    CseLosses evaluate() const;
    std::optional<EpochSums> trainBatches(int epoch, const EpochLoop& loop, const ProgressContext& progress);
    void planSchedule(int epoch, SteadyClock::time_point epochStart);
    std::optional<EpochReport> runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress);
    torch::Tensor buildBank(int pool, std::int64_t& pointCount) const; // one scale's centres; counts the points clustered

    const CseParams& params_;
    FeatureExtractor& backbone_;
    const PreprocessSpec& preprocess_;
    SteadyClock::time_point fitStart_;
    double budgetSeconds_ = 0; // components/TrainingSupport.h fitBudgetSeconds
    std::mt19937 rng_;
    torch::Tensor tapScale_;
    NormalCache train_, validationImages_;
    LabelledCache labelled_;
    std::int64_t hp_ = 0, wp_ = 0; // the finest scale's pooled grid
    std::vector<std::string> textures_;
    std::unique_ptr<AnomalySynthesizer> synthesizer_;
    PairBatch validation_;
    std::unique_ptr<CseNetwork> net_;
    std::unique_ptr<torch::optim::Adam> optimizer_;
    // The one-cycle schedule, spanning the epochs planned to run.
    int plannedEpochs_ = 0;
    std::int64_t stepsPerEpoch_ = 0, totalSteps_ = 0, step_ = 0;
    double synthesisSeconds_ = 0; // this epoch's pair making (synthesis + backbone)
};

} // namespace dl
