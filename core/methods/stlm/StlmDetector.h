#pragma once
// STLM (SAM-guided two-stream lightweight model, paper 000): a frozen SAM TinyViT
// teacher (training only), two small student streams (plain and denoising), a
// shared decoder and a feature-aggregation (FA) module trained on pseudo-anomaly
// masks. Only the students, decoder and FA run at inference. Torch-free header.
#include "engine/Detector.h"

#include <memory>

namespace dl {

class DetectorRegistry;
void registerStlm(DetectorRegistry& registry);

struct StlmNetwork; // methods/stlm/StlmNetwork.h (torch)

class StlmDetector : public Detector {
public:
    explicit StlmDetector(const nlohmann::json& params);
    ~StlmDetector() override;

    std::string method() const override { return "stlm"; }
    void fit(const FitInput& input, const ProgressContext& progress) override;
    Prediction predict(const cv::Mat& rgb8) override;
    std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images) override;
    void save(ModelBundle& bundle) const override;
    void load(const ModelBundle& bundle) override;
    std::vector<NetworkTiming> timeTrainedNetworks(int repeats) override;

    // The trained networks (null before fit/load); for tests and tools.
    StlmNetwork* network();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace dl
