#pragma once
// Where RealNet's synthetic anomalies come from (synthesis = dtd | sdas | both):
// - dtd: a DTD texture pasted under a Perlin mask, opacity beta ~ U(0.2, 1);
// - sdas: an image of the SDAS diffusion model (methods/sdas), made once per fit into a
//   pool per category at strength s ~ U(sdas_strength_min, sdas_strength_max), pasted
//   under a Perlin mask with beta ~ U(0.5, 1) (the paper's settings);
// - both: either, with equal probability.
// Where the image's category has labelled defects, labelled_share of the anomalies are
// instead one of them transplanted onto the image (synthesis/DefectTransplant): the real
// defect in new surroundings, with the clean image as the reconstruction target.
// Masks are restricted to the foreground with object_foreground. Torch-free.
#include "common/Progress.h"
#include "methods/realnet/RealnetParams.h"
#include "synthesis/AnomalySynthesizer.h"
#include "synthesis/DefectTransplant.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dl {

class RealnetAnomalySource {
public:
    // Loads the SDAS model and generates its pools when the synthesis needs them;
    // dl::Error naming the model file when it cannot be used, or a category it lacks.
    // `labelled`: the labelled defects mixed in (none: synthetic anomalies only).
    RealnetAnomalySource(const RealnetParams& params, const std::vector<std::string>& categories, unsigned seed,
                         LabelledTransplants labelled, const ProgressContext& progress);

    // One anomaly in a copy of `rgb8` (RGB at the working size) of `category`.
    SyntheticAnomaly make(const cv::Mat& rgb8, const std::string& category);

    // What was used, for the model's provenance (texture count, SDAS model and pools).
    nlohmann::json describe() const;
    // The random draws of the synthesis, carried across epochs (training checkpoints).
    std::mt19937& rng();

private:
    const std::vector<cv::Mat>& poolFor(const std::string& category) const;

    const RealnetParams& params_;
    std::vector<std::string> textures_;
    std::unique_ptr<AnomalySynthesizer> synthesizer_;
    std::map<std::string, std::vector<cv::Mat>> sdasPools_; // category -> generated RGB images
    // Counts the anomalies of each kind for the provenance (a resumed fit counts from its resume).
    LabelledTransplants labelled_;
    std::string sdasChecksum_;
    double sdasSeconds_ = 0;
};

} // namespace dl
