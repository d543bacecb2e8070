#pragma once
// Generated test images shared by the method tests: a textured "part" (smooth
// stripes plus mild noise, different per seed) and the same part with a red
// square defect, small enough for seconds-long fits.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstring>
#include <random>

namespace dltest {

inline cv::Mat normalPart(unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 6.0f);
    cv::Mat img(128, 128, CV_8UC3);
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x) {
            float base = 120.0f + 40.0f * std::sin(0.35f * float(x) + 0.1f * float(seed % 3));
            for (int c = 0; c < 3; ++c)
                img.at<cv::Vec3b>(y, x)[c] = cv::saturate_cast<uchar>(base + float(c) * 10.0f + noise(rng));
        }
    return img;
}

inline cv::Mat defectivePart(unsigned seed, cv::Rect defect)
{
    cv::Mat img = normalPart(seed);
    cv::rectangle(img, defect, cv::Scalar(250, 30, 30), cv::FILLED);
    return img;
}

// Bit-identical anomaly maps (same size, type and bytes).
inline bool sameMap(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && std::memcmp(a.data, b.data, a.total() * a.elemSize()) == 0;
}

} // namespace dltest
