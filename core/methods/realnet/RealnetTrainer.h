#pragma once
// RealNet's training (internal torch header): a seeded validation split of the
// normal images; each tap's scale; AFS on synthetic anomalies (RealnetFeatureSelection.h);
// the clean images' selected features cached once (the backbone is frozen); then the
// epochs of the shared EpochLoop, each batch half normal and half synthetic images
// (RealnetSynthesis.h) made afresh, checkpointed on the validation loss over a fixed
// set of validation images, each clean and once made anomalous.
#include "components/EpochLoop.h"
#include "engine/Detector.h"
#include "methods/realnet/RealnetLoss.h"
#include "methods/realnet/RealnetNetwork.h"
#include "methods/realnet/RealnetParams.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace dl {

class FeatureExtractor;
class RealnetAnomalySource;

// What a fit produces: the trained networks, AFS's channel choice, the tap scales the
// features were divided by, and the provenance record ("realnet" in the model's provenance).
struct RealnetTrained {
    std::unique_ptr<RealnetNetwork> net;
    std::vector<torch::Tensor> selected; // per tap: the kept channel indices (int64, ascending)
    torch::Tensor tapScale;              // [T] one RMS per tap over training images
    nlohmann::json provenance;
};

// Backbone -> each tap divided by its scale -> AFS's channels; runs without autograd and
// returns ordinary tensors (usable as inputs of a graph).
std::vector<torch::Tensor> selectedFeatures(FeatureExtractor& backbone, const std::vector<std::string>& taps,
                                            const torch::Tensor& tapScale, const std::vector<torch::Tensor>& selected,
                                            const torch::Tensor& images);

class RealnetTrainer {
public:
    RealnetTrainer(const RealnetParams& params, FeatureExtractor& backbone, const PreprocessSpec& preprocess);
    ~RealnetTrainer();

    // `fitStart` is when the fit began (the time budget counts from there).
    RealnetTrained train(const FitInput& input, const RealnetArchitecture& architecture,
                         const ProgressContext& progress, SteadyClock::time_point fitStart);

private:
    struct ImageCache {
        std::vector<cv::Mat> rgb; // CV_8UC3 at the working size
        std::vector<std::string> category;
        std::vector<torch::Tensor> clean; // per tap [N,k,h,w]: the selected, scaled features
        std::int64_t size() const { return std::int64_t(rgb.size()); }
    };
    struct Batch {
        std::vector<torch::Tensor> input, clean; // per tap
        torch::Tensor masks;                     // [N,H,W] int64
        std::int64_t size() const { return masks.defined() ? masks.size(0) : 0; }
    };
    struct EpochSums {
        double loss = 0, segmentation = 0, reconstruction = 0; // summed over images
    };

    ImageCache decode(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                      const ProgressContext& progress, const EngineText& stage) const;
    torch::Tensor measureTapScale(const ImageCache& cache) const;
    std::vector<torch::Tensor> tapFeatures(const std::vector<cv::Mat>& images) const; // scaled, all channels
    void selectFeatures(const ImageCache& cache, const ProgressContext& progress);
    void cacheCleanFeatures(ImageCache& cache, const ProgressContext& progress, const EngineText& stage) const;
    // Rows `rows` of `cache`, each made anomalous when `anomalous[i]`.
    Batch makeBatch(const ImageCache& cache, const std::vector<std::int64_t>& rows, const std::vector<bool>& anomalous);
    RealnetLosses validate();
    std::optional<EpochSums> trainBatches(int epoch, const EpochLoop& loop, const ProgressContext& progress);
    std::optional<EpochReport> runEpoch(int epoch, const EpochLoop& loop, const ProgressContext& progress);

    const RealnetParams& params_;
    FeatureExtractor& backbone_;
    const PreprocessSpec& preprocess_;
    std::mt19937 rng_;
    std::unique_ptr<RealnetAnomalySource> source_;
    torch::Tensor tapScale_;
    std::vector<torch::Tensor> selected_;
    nlohmann::json selectionRecord_;
    ImageCache train_, validationImages_;
    std::vector<Batch> validation_;
    std::unique_ptr<RealnetNetwork> net_;
    std::unique_ptr<torch::optim::Adam> optimizer_;
    double synthesisSeconds_ = 0;
};

} // namespace dl
