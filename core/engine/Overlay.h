#pragma once
// Heatmap presentation shared by the CLI (--overlay-dir), the GUI bridge and the
// result view: one function from raw pixel scores to the picture. Maps are
// normalised with the model's per-dataset statistics, never per image: a good
// part must look calm, not be stretched to full colour.
#include "engine/Detector.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <optional>

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

// How the heatmap is drawn; the defaults are what every front end starts with.
struct OverlayStyle {
    int colormap = cv::COLORMAP_TURBO; // an OpenCV colour map id
    double opacity = 0.45;             // of the colours over the image, in [0,1]
    // Raw pixel score above which regions are outlined (e.g. the model's
    // threshold); none, or a score below range.low, draws no outline.
    std::optional<double> contourScore;
};

// Colours `rawMap` (CV_32FC1 pixel scores, resized bilinearly to the image when
// its size differs) on the scale of `range`, blends it over the RGB 8-bit image
// and outlines the regions above the style's contour score. Returns RGB 8-bit at
// the image's size.
cv::Mat renderOverlay(const cv::Mat& rgb8, const cv::Mat& rawMap, const DisplayRange& range,
                      const OverlayStyle& style = {});

} // namespace dl
