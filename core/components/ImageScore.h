#pragma once
// An anomaly map's image score, shared by the methods: the maximum (the project's
// convention) or the mean of the map's highest pixels, which one hot pixel of a grainy
// surface cannot lift on its own. OpenCV only.
#include <opencv2/core.hpp>

#include <string>

namespace dl {

// Mean of the `k` largest values of a CV_32FC1 map (all of them when it has fewer).
float topKMean(const cv::Mat& map, int k);

// Mean of the highest `fraction` (0..1] of a CV_32FC1 map's pixels, at least one pixel:
// a score that does not depend on the image's size.
float topFractionMean(const cv::Mat& map, double fraction);

// The image score most methods offer as `image_score`: the mean of the map's highest
// `fraction` of pixels when `top`, otherwise its maximum.
float maxOrTopFractionMean(const cv::Mat& map, bool top, double fraction);

} // namespace dl
