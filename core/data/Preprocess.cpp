#include "data/Preprocess.h"

#include "common/Error.h"

#include <opencv2/imgproc.hpp>

namespace dl {

namespace {

int interpolationFlag(const std::string& name)
{
    if (name == "area")
        return cv::INTER_AREA;
    if (name == "linear")
        return cv::INTER_LINEAR;
    throw Error("preprocessing: unknown interpolation '" + name + "' (expected \"area\" or \"linear\")");
}

void requireRgb8(const cv::Mat& image)
{
    if (image.empty())
        throw Error("preprocessing: the input image is empty");
    if (image.type() != CV_8UC3)
        throw Error("preprocessing: expected an 8-bit RGB image (CV_8UC3), got type " + std::to_string(image.type()));
}

} // namespace

cv::Mat PreprocessSpec::resize(const cv::Mat& rgb8) const
{
    requireRgb8(rgb8);
    if (width <= 0 || height <= 0)
        throw Error("preprocessing: invalid working size " + std::to_string(width) + "x" + std::to_string(height));
    const int flag = interpolationFlag(interpolation);
    if (rgb8.cols == width && rgb8.rows == height)
        return rgb8.clone();
    cv::Mat resized;
    cv::resize(rgb8, resized, cv::Size(width, height), 0, 0, flag);
    return resized;
}

cv::Mat PreprocessSpec::apply(const cv::Mat& rgb8) const
{
    for (float s : stdev)
        if (!(s > 0.0f))
            throw Error("preprocessing: every channel's standard deviation must be positive");
    cv::Mat input;
    resize(rgb8).convertTo(input, CV_32FC3, 1.0 / 255.0);
    // Channel order is RGB, matching mean/stdev; (x - mean) / std per channel.
    const cv::Scalar meanScalar(mean[0], mean[1], mean[2]);
    const cv::Scalar inverseStd(1.0 / stdev[0], 1.0 / stdev[1], 1.0 / stdev[2]);
    cv::Mat normalised;
    cv::subtract(input, meanScalar, normalised);
    cv::multiply(normalised, inverseStd, normalised);
    return normalised;
}

} // namespace dl
