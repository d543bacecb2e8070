#pragma once
// DSKD (dual-student knowledge distillation, paper 001): a frozen MobileNetV2
// teacher, a student encoder E that mimics it, a bottleneck embedding of E's
// multi-scale features and a student decoder D that reconstructs the teacher's
// features from that embedding. Anomaly = 1 - cos(teacher, D). Torch-free header.
#include "engine/Detector.h"

#include <memory>

namespace dl {

class DetectorRegistry;
void registerDskd(DetectorRegistry& registry);

struct DskdNetwork; // methods/dskd/DskdNetwork.h (torch)

class DskdDetector : public Detector {
public:
    explicit DskdDetector(const nlohmann::json& params);
    ~DskdDetector() override;

    std::string method() const override { return "dskd"; }
    void fit(const FitInput& input, const ProgressContext& progress) override;
    Prediction predict(const cv::Mat& rgb8) override;
    std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images) override;
    void save(ModelBundle& bundle) const override;
    void load(const ModelBundle& bundle) override;
    std::vector<NetworkTiming> timeTrainedNetworks(int repeats) override;

    // The trained students (null before fit/load); for tests and tools.
    DskdNetwork* network();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace dl
