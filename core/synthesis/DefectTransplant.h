#pragma once
// Defect transplanting: a labelled defect's masked pixels pasted onto another normal
// image, so that each real label yields many training defects in new surroundings
// (the synthetic path does the same with foreign textures under Perlin masks).
// Plain C++ and OpenCV; deterministic for a seed.
#include "common/Progress.h"
#include "data/Dataset.h"
#include "data/Preprocess.h"
#include "synthesis/AnomalySynthesizer.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace dl {

struct TransplantedDefect {
    cv::Mat image; // RGB CV_8UC3, the base image's size
    cv::Mat mask;  // CV_8UC1 {0,255}, where the defect now is; empty (all zero) when the label had no mask pixels
};

// Pastes the defect under `defectMask` (CV_8UC1, nonzero = defect) of `defectImage`
// onto `base`; both images CV_8UC3 of the same size (resize them to the working size
// first). The defect is flipped at random (horizontally, vertically), moved to a
// random place (a defect touching an image border stays at that border: breaks and
// frays sit on edges), its brightness shifted to match the destination around it,
// and blended with a feathered edge. Pixels outside the dilated mask stay the base's.
TransplantedDefect transplantDefect(const cv::Mat& base, const cv::Mat& defectImage, const cv::Mat& defectMask,
                                    std::mt19937& rng);

// Labelled defects decoded and resized to a model's working size, ready to transplant.
struct WorkingSizeDefects {
    std::vector<cv::Mat> rgb;  // CV_8UC3 at the working size
    std::vector<cv::Mat> mask; // CV_8UC1 {0,255}, never without defect pixels
    std::vector<std::string> category;
    std::size_t size() const { return rgb.size(); }
};

// Decodes each labelled defect (image and mask) at `preprocess`'s size. A defect whose
// mask keeps no pixel at that size is left out with a warning that names the file and
// `method`; an unreadable file is a dl::Error naming it.
WorkingSizeDefects loadWorkingSizeDefects(const std::vector<Sample>& labelled, const PreprocessSpec& preprocess,
                                          const std::string& method, const ProgressContext& progress);

// Labelled defects mixed into a method's synthetic anomalies (RealNet, STLM): where an
// image's category has labels, `share` of the anomalies made from it are one of them
// transplanted onto it (the clean image stays the target underneath); the rest are the
// method's own. No random draw is spent where a category has no labels, so a fit without
// labels draws exactly what it drew before labels were used.
class LabelledTransplants {
public:
    LabelledTransplants() = default; // no labels: every anomaly is the method's own
    LabelledTransplants(WorkingSizeDefects labelled, double share);

    // Loads `input` at `preprocess`'s size when `share` > 0 (none otherwise) and logs what
    // it will do; errors as loadWorkingSizeDefects.
    static LabelledTransplants load(const std::vector<Sample>& input, double share, const PreprocessSpec& preprocess,
                                    const std::string& method, const ProgressContext& progress);

    // An anomaly in a copy of `rgb8` (RGB at the working size) of `category`: a labelled
    // defect transplanted with probability `share` where the category has labels,
    // otherwise (or when the transplant lost its defect) `synthetic()`.
    SyntheticAnomaly make(const cv::Mat& rgb8, const std::string& category, std::mt19937& rng,
                          const std::function<SyntheticAnomaly()>& synthetic);

    bool empty() const { return byCategory_.empty(); }
    // {defects, labelled_share, transplanted, synthetic} for a model's provenance (counts
    // since this object was made); null when there are no labels.
    nlohmann::json describe() const;

private:
    WorkingSizeDefects labelled_;
    double share_ = 0;
    std::map<std::string, std::vector<std::size_t>> byCategory_; // category -> indices into labelled_
    std::size_t transplanted_ = 0, synthetic_ = 0;
};

} // namespace dl
