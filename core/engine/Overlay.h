#pragma once
// Heatmap presentation shared by the CLI (--overlay-dir) and the GUI. Maps are
// normalised with the model's per-dataset statistics, never per image: a good
// part must look calm, not be stretched to full colour.
#include "engine/Detector.h"

#include <opencv2/core.hpp>

namespace dl {

struct DisplayRange {
    double low = 0.0;  // maps to 0 (typical normal pixel)
    double high = 1.0; // maps to 1 (clearly anomalous)
};

// From ModelInfo::normalisation: low = median normal pixel score,
// high = max(largest normal pixel score, image threshold) * 1.25.
DisplayRange displayRange(const ModelInfo& info);

// CV_32FC1 map -> CV_32FC1 in [0,1] using `range`.
cv::Mat normaliseMap(const cv::Mat& map, const DisplayRange& range);

// Colours a normalised map (OpenCV colormap id, e.g. cv::COLORMAP_TURBO), blends it over
// the RGB image with `opacity` and outlines regions above `contourLevel` (in [0,1], <0: none).
// Returns RGB 8-bit at the image's size.
cv::Mat renderOverlay(const cv::Mat& rgb8, const cv::Mat& normalisedMap, int colormap, double opacity,
                      double contourLevel);

} // namespace dl
