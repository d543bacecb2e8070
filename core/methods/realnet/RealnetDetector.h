#pragma once
// RealNet (paper 004): anomaly-aware feature selection (AFS) on frozen MobileNetV2
// taps, one reconstruction UNet per tap trained to restore the clean image's selected
// features from synthetically defective ones (DTD textures or SDAS diffusion images),
// reconstruction-residual selection (RRS) and a segmentation head whose anomaly
// probability is the map. Torch-free header.
#include "engine/Detector.h"

#include <memory>

namespace dl {

class DetectorRegistry;
void registerRealnet(DetectorRegistry& registry);

struct RealnetNetwork; // methods/realnet/RealnetNetwork.h (torch)

class RealnetDetector : public Detector {
public:
    explicit RealnetDetector(const nlohmann::json& params);
    ~RealnetDetector() override;

    std::string method() const override { return "realnet"; }
    void fit(const FitInput& input, const ProgressContext& progress) override;
    Prediction predict(const cv::Mat& rgb8) override;
    std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images) override;
    void save(ModelBundle& bundle) const override;
    void load(const ModelBundle& bundle) override;

    // The trained networks (null before fit/load); for tests and tools.
    RealnetNetwork* network();
    // AFS's kept channel indices per tap (empty before fit/load).
    std::vector<std::vector<std::int64_t>> selectedChannels() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace dl
