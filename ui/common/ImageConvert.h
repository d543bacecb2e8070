#pragma once
// Conversions between OpenCV matrices (as the engine returns them: RGB channel
// order, 8 bits) and QImage. Both directions deep-copy, so the result never
// aliases memory owned by the other side and may cross threads freely.
#include <QImage>

#include <opencv2/core.hpp>

namespace dl::ui {

// CV_8UC1 (gray), CV_8UC3 (RGB) or CV_8UC4 (RGBA) -> QImage. An empty matrix
// gives a null QImage. Throws dl::Error for any other matrix type.
QImage toQImage(const cv::Mat& image);

// Any QImage -> CV_8UC3 in RGB order (alpha is dropped). A null image gives an empty matrix.
cv::Mat toRgbMat(const QImage& image);

} // namespace dl::ui
