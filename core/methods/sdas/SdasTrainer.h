#pragma once
// SDAS's training (internal torch header): the normal images decoded once, resized to
// the model's resolution and kept in memory in [-1, 1]; iterations of the noise-
// prediction loss (SdasLoss.h) with Adam and an EMA copy of the weights (the EMA is what
// is saved and sampled); a loss curve; a wall-clock budget summed over resumes; and the
// checkpoint (SdasTraining.h) that a cancelled or interrupted fit resumes from.
//
// Every random choice of iteration i (images, flips, timesteps, noise) comes from a
// generator seeded by (seed, i), so a resumed fit continues exactly as an uninterrupted
// one would have (same thread count).
#include "engine/Detector.h"
#include "methods/sdas/SdasNetwork.h"
#include "methods/sdas/SdasParams.h"
#include "methods/sdas/SdasSchedule.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace dl {

class ModelBundle;

struct SdasTrained {
    SdasUNet ema{nullptr};
    std::vector<std::string> categories;
    int iterations = 0;
    int resumedFrom = 0;
    nlohmann::json provenance;
};

class SdasTrainer {
public:
    // `merged` is the full parameter set `params` was parsed from (it enters the fingerprint).
    SdasTrainer(const SdasParams& params, nlohmann::json merged, std::string checkpointPath);
    ~SdasTrainer();

    SdasTrained train(const FitInput& input, const ProgressContext& progress);

    // The fingerprint of a fit: SHA-256 over the parameters that shape training (budget keys
    // aside), the categories and the training images (path and category, in order).
    static std::string fingerprint(const nlohmann::json& merged, const std::vector<std::string>& categories,
                                   const std::vector<Sample>& images);

private:
    struct CurveState {
        double lossSum = 0;
        int lossCount = 0;
        nlohmann::json points = nlohmann::json::array();
    };

    void loadImages(const FitInput& input, const ProgressContext& progress);
    bool resume(); // true when a matching checkpoint was loaded
    void writeCheckpoint(double trainSeconds);
    void updateEma();
    double iterate(); // one optimiser step; returns the loss

    const SdasParams& params_;
    nlohmann::json merged_;
    std::string checkpointPath_;
    SdasSchedule schedule_;
    std::vector<std::string> categories_;
    torch::Tensor images_;     // [N,3,R,R] in [-1,1]
    torch::Tensor imageClass_; // [N] int64
    std::string fingerprint_;
    SdasUNet net_{nullptr}, ema_{nullptr};
    NamedTensors netState_, emaState_;
    std::unique_ptr<torch::optim::Adam> optimizer_;
    int iteration_ = 0;
    int resumedFrom_ = 0;
    double secondsBefore_ = 0; // training time of the runs before a resume
    CurveState curve_;
    int checkpointsWritten_ = 0;
};

} // namespace dl
