#include "synthesis/Foreground.h"

#include "common/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace dl {
namespace {

// Fraction of the one-pixel image border that is set in a binary mask.
double borderFraction(const cv::Mat& binary)
{
    const int w = binary.cols, h = binary.rows;
    int set = 0, total = 0;
    for (int x = 0; x < w; ++x) {
        set += binary.at<uchar>(0, x) != 0;
        set += binary.at<uchar>(h - 1, x) != 0;
        total += 2;
    }
    for (int y = 1; y + 1 < h; ++y) {
        set += binary.at<uchar>(y, 0) != 0;
        set += binary.at<uchar>(y, w - 1) != 0;
        total += 2;
    }
    return total > 0 ? double(set) / total : 0.0;
}

// Sets every background region that does not reach the border.
cv::Mat fillHoles(const cv::Mat& binary)
{
    cv::Mat padded;
    cv::copyMakeBorder(binary, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
    // The padding connects all border-touching background, so one flood reaches it all.
    cv::floodFill(padded, cv::Point(0, 0), cv::Scalar(128));
    cv::Mat filled = padded != 128;
    return filled(cv::Rect(1, 1, binary.cols, binary.rows)).clone();
}

} // namespace

cv::Mat foregroundMask(const cv::Mat& rgb8)
{
    if (rgb8.empty() || rgb8.type() != CV_8UC3)
        throw Error("the foreground mask needs a non-empty 8-bit RGB image");

    cv::Mat grey;
    cv::cvtColor(rgb8, grey, cv::COLOR_RGB2GRAY);
    cv::GaussianBlur(grey, grey, cv::Size(5, 5), 0); // steadier Otsu split on noisy sensors
    cv::Mat bright;
    cv::threshold(grey, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);

    const int side = std::min(rgb8.cols, rgb8.rows);
    const int k = std::max(3, (side / 50) | 1);
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k));
    auto clean = [&](const cv::Mat& binary) {
        cv::Mat out;
        cv::morphologyEx(binary, out, cv::MORPH_OPEN, kernel);
        cv::morphologyEx(out, out, cv::MORPH_CLOSE, kernel);
        return out;
    };
    const cv::Mat brightObject = clean(bright);
    const cv::Mat darkObject = clean(255 - bright);

    const double brightBorder = borderFraction(brightObject);
    const double darkBorder = borderFraction(darkObject);
    const cv::Mat& chosen = brightBorder < darkBorder ? brightObject
                            : darkBorder < brightBorder ? darkObject
                            // Equal contact: the smaller region is the likelier object.
                            : (cv::countNonZero(brightObject) <= cv::countNonZero(darkObject) ? brightObject
                                                                                                : darkObject);
    cv::Mat object = fillHoles(chosen);
    if (cv::countNonZero(object) < 0.01 * double(object.total()))
        object = cv::Mat(rgb8.size(), CV_8UC1, cv::Scalar(255));
    return object;
}

} // namespace dl
