#pragma once
// DSKD's training (internal torch header): a seeded validation split of the normal
// images, the frozen teacher's features cached once and normalised per tap, then
// the epochs of the shared EpochLoop (components/EpochLoop.h) training both
// students with Adam; the decoder's validation loss picks the kept epoch.
#include "components/EpochLoop.h"
#include "engine/Detector.h"
#include "methods/dskd/DskdAnomalyMap.h"
#include "methods/dskd/DskdNetwork.h"
#include "methods/dskd/DskdParams.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <memory>
#include <optional>
#include <random>
#include <vector>

namespace dl {

class FeatureExtractor;

// What a fit produces: the trained students, the teacher normalisation they were
// trained against, and the provenance record ("dskd" in the model's provenance).
struct DskdTrained {
    std::unique_ptr<DskdNetwork> net;
    TeacherNorm norm;
    nlohmann::json provenance;
};

class DskdTrainer {
public:
    DskdTrainer(const DskdParams& params, FeatureExtractor& teacher, const PreprocessSpec& preprocess);

    // `fitStart` is when the fit began (the time budget counts from there).
    DskdTrained train(const FitInput& input, const DskdArchitecture& architecture, const ProgressContext& progress,
                      SteadyClock::time_point fitStart);

private:
    // Preprocessed images and the teacher's features of one split, in memory.
    struct FeatureCache {
        torch::Tensor images;               // [N,3,H,W]
        std::vector<torch::Tensor> teacher; // per tap [N,C,h,w], normalised once TeacherNorm is known
        std::int64_t size() const { return images.defined() ? images.size(0) : 0; }
    };
    struct SplitLoss {
        double encoder = 0, decoder = 0, decoderCosine = 0;
    };

    FeatureCache cacheTeacher(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                              const ProgressContext& progress, const EngineText& stage) const;
    TeacherNorm normaliseTargets(FeatureCache& train, FeatureCache& validation) const;
    SplitLoss evaluate(const FeatureCache& cache) const;
    // scale_weights "validation": each tap's weight from the spread of its distance map
    // over the validation images (pixels at the input size; components/ScaleWeights.h),
    // the maps with this weight of the squared difference (0: 1 - cos alone).
    // Empty without validation images.
    std::vector<float> validationMapWeights(double squaredDifferenceWeight) const;
    std::optional<EpochReport> runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress);
    // The epoch's mean training loss, or nullopt when the budget ran out.
    std::optional<double> trainBatches(int epoch, const EpochLoop& loop, const ProgressContext& progress);

    const DskdParams& params_;
    FeatureExtractor& teacher_;
    const PreprocessSpec& preprocess_;
    std::mt19937 rng_;
    FeatureCache train_, validation_;
    std::unique_ptr<DskdNetwork> net_;
    std::unique_ptr<torch::optim::Adam> optimizer_;
};

} // namespace dl
