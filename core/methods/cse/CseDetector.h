#pragma once
// CSE (contrastively selected embedding, paper 003): a small 1x1-conv embedder on
// two deep MobileNetV2 taps, trained with a contrastive cosine loss on pairs of
// normal / synthetically defective images plus a frozen random decoder's loss;
// anomaly = cosine distance of each pooled embedding to the nearest k-means centre
// of the normal embeddings. Torch-free header.
#include "engine/Detector.h"

#include <memory>

namespace dl {

class DetectorRegistry;
void registerCse(DetectorRegistry& registry);

struct CseNetwork; // methods/cse/CseNetwork.h (torch)

class CseDetector : public Detector {
public:
    explicit CseDetector(const nlohmann::json& params);
    ~CseDetector() override;

    std::string method() const override { return "cse"; }
    void fit(const FitInput& input, const ProgressContext& progress) override;
    Prediction predict(const cv::Mat& rgb8) override;
    std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images) override;
    void save(ModelBundle& bundle) const override;
    void load(const ModelBundle& bundle) override;

    // The trained networks (null before fit/load); for tests and tools.
    CseNetwork* network();
    // Number of k-means centres in the bank (0 before fit/load).
    int bankSize() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace dl
