#include "data/Preprocess.h"

#include "common/Error.h"

#include <opencv2/imgproc.hpp>

#include <cstdint>

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

namespace {

// (value / 255 - mean) / std as value * scale + offset, per channel: one multiply-add.
struct ChannelAffine {
    float scale[3];
    float offset[3];
};

ChannelAffine channelAffine(const PreprocessSpec& spec)
{
    ChannelAffine a{};
    for (int c = 0; c < 3; ++c) {
        if (!(spec.stdev[std::size_t(c)] > 0.0f))
            throw Error("preprocessing: every channel's standard deviation must be positive");
        a.scale[c] = float(1.0 / (255.0 * double(spec.stdev[std::size_t(c)])));
        a.offset[c] = float(-double(spec.mean[std::size_t(c)]) / double(spec.stdev[std::size_t(c)]));
    }
    return a;
}

} // namespace

cv::Mat PreprocessSpec::apply(const cv::Mat& rgb8) const
{
    const ChannelAffine a = channelAffine(*this);
    const cv::Mat resized = resize(rgb8);
    cv::Mat input(resized.size(), CV_32FC3);
    for (int y = 0; y < resized.rows; ++y) {
        const std::uint8_t* in = resized.ptr<std::uint8_t>(y);
        float* out = input.ptr<float>(y);
        for (int x = 0; x < 3 * resized.cols; x += 3)
            for (int c = 0; c < 3; ++c)
                out[x + c] = float(in[x + c]) * a.scale[c] + a.offset[c];
    }
    return input;
}

void PreprocessSpec::applyPlanar(const cv::Mat& rgb8, float* planes) const
{
    const ChannelAffine a = channelAffine(*this);
    const cv::Mat resized = resize(rgb8);
    const std::size_t plane = std::size_t(width) * std::size_t(height);
    float* red = planes;
    float* green = planes + plane;
    float* blue = planes + 2 * plane;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* in = resized.ptr<std::uint8_t>(y);
        const std::size_t row = std::size_t(y) * std::size_t(width);
        for (int x = 0; x < width; ++x) {
            red[row + std::size_t(x)] = float(in[3 * x]) * a.scale[0] + a.offset[0];
            green[row + std::size_t(x)] = float(in[3 * x + 1]) * a.scale[1] + a.offset[1];
            blue[row + std::size_t(x)] = float(in[3 * x + 2]) * a.scale[2] + a.offset[2];
        }
    }
}

} // namespace dl
