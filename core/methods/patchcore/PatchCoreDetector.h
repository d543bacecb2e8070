#pragma once
// PatchCore (Roth et al., CVPR 2022): a coreset memory bank of normal patch
// features; anomaly = distance to the nearest normal patch. The Detector wiring:
// training in PatchCoreTrainer, scoring in PatchCoreAnomalyMap, parameters in
// PatchCoreParams. Torch-free header.
#include "engine/Detector.h"

#include <memory>

namespace dl {

class DetectorRegistry;
void registerPatchCore(DetectorRegistry& registry);

class PatchCoreDetector : public Detector {
public:
    explicit PatchCoreDetector(const nlohmann::json& params);
    ~PatchCoreDetector() override;

    std::string method() const override { return "patchcore"; }
    void fit(const FitInput& input, const ProgressContext& progress) override;
    Prediction predict(const cv::Mat& rgb8) override;
    std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images) override;
    void save(ModelBundle& bundle) const override;
    void load(const ModelBundle& bundle) override;

    std::int64_t memoryBankSize() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace dl
