#include "engine/Overlay.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace dl {

namespace {

// Colours a normalised map, blends it over the image and outlines regions above
// `contourLevel` (in [0,1]; < 0: none).
cv::Mat blendNormalised(const cv::Mat& rgb8, const cv::Mat& normalisedMap, int colormap, double opacity,
                        double contourLevel)
{
    cv::Mat map8;
    normalisedMap.convertTo(map8, CV_8U, 255.0);
    cv::Mat colouredBgr, coloured;
    cv::applyColorMap(map8, colouredBgr, colormap);
    cv::cvtColor(colouredBgr, coloured, cv::COLOR_BGR2RGB);
    cv::Mat blended;
    cv::addWeighted(rgb8, 1.0 - opacity, coloured, opacity, 0.0, blended);
    if (contourLevel >= 0.0) {
        cv::Mat above = normalisedMap > contourLevel;
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(above, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        const int thickness = std::max(1, std::min(rgb8.cols, rgb8.rows) / 300);
        cv::drawContours(blended, contours, -1, cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
    }
    return blended;
}

} // namespace

DisplayRange displayRange(const ModelInfo& info)
{
    DisplayRange r;
    const auto& n = info.normalisation;
    r.low = n.value("pixel_score_p50", 0.0);
    double normalMax = n.value("pixel_score_max", info.threshold);
    r.high = std::max(normalMax, info.threshold) * 1.25;
    if (r.high <= r.low)
        r.high = r.low + 1.0;
    return r;
}

cv::Mat normaliseMap(const cv::Mat& map, const DisplayRange& range)
{
    cv::Mat out;
    map.convertTo(out, CV_32F, 1.0 / (range.high - range.low), -range.low / (range.high - range.low));
    cv::min(out, 1.0, out);
    cv::max(out, 0.0, out);
    return out;
}

cv::Mat renderOverlay(const cv::Mat& rgb8, const cv::Mat& rawMap, const DisplayRange& range, const OverlayStyle& style)
{
    cv::Mat map = rawMap;
    if (map.size() != rgb8.size())
        cv::resize(rawMap, map, rgb8.size(), 0, 0, cv::INTER_LINEAR);
    double contourLevel = -1.0;
    if (style.contourScore)
        contourLevel = (*style.contourScore - range.low) / (range.high - range.low);
    return blendNormalised(rgb8, normaliseMap(map, range), style.colormap, style.opacity, contourLevel);
}

} // namespace dl
