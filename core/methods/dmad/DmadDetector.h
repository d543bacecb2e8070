#pragma once
// DMAD (Hu et al., 2024): dual memory bank knowledge enhancement for unified,
// unsupervised and semi-supervised anomaly detection. Torch-free header.
#include "engine/Detector.h"
#include "methods/dmad/DualMemoryBank.h"

#include <memory>

namespace dl {

class DetectorRegistry;
void registerDmad(DetectorRegistry& registry);

class DmadDetector : public Detector {
public:
    explicit DmadDetector(const nlohmann::json& params);
    ~DmadDetector() override;

    std::string method() const override { return "dmad"; }
    void fit(const FitInput& input, const ProgressContext& progress) override;
    Prediction predict(const cv::Mat& rgb8) override;
    std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images) override;
    void save(ModelBundle& bundle) const override;
    void load(const ModelBundle& bundle) override;
    // Keeps the parent's normal memory bank: a retrain after new labels only
    // rebuilds the abnormal bank and the small heads.
    void warmStart(const ModelBundle& parent) override;

    DmadBankSizes bankSizes() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace dl
