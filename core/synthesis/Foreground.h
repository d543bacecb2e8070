#pragma once
// A rough object/background split for restricting synthetic defects to the object
// (a defect painted onto the background teaches a detector nothing useful).
#include <opencv2/core.hpp>

namespace dl {

// Foreground of an RGB CV_8UC3 image as CV_8UC1 {0,255}:
// 1. Otsu threshold of the lightly blurred grey image;
// 2. morphological open then close (kernel about 1/50 of the short side) to drop
//    speckles and close small gaps;
// 3. of the two polarities (bright-is-object, dark-is-object) the one whose
//    pixels touch the image border least is the object — the background usually
//    surrounds the object;
// 4. holes (background regions not connected to the border) are filled, so a dark
//    opening or print inside the object still counts as object.
// When that leaves under 1% of the image (a flat image, say), the whole image is
// returned, since there is no object to restrict to. Throws dl::Error for input
// that is empty or not CV_8UC3.
cv::Mat foregroundMask(const cv::Mat& rgb8);

} // namespace dl
