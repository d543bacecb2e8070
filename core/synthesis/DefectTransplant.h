#pragma once
// Defect transplanting: a labelled defect's masked pixels pasted onto another normal
// image, so that each real label yields many training defects in new surroundings
// (the synthetic path does the same with foreign textures under Perlin masks).
// Plain C++ and OpenCV; deterministic for a seed.
#include <opencv2/core.hpp>

#include <random>

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

} // namespace dl
