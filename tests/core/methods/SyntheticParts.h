#pragma once
// Generated test images shared by the method tests: a textured "part" (smooth
// stripes plus mild noise, different per seed) and the same part with a red
// square defect, small enough for seconds-long fits; and a stationary surface and
// an aligned object, either side of the surface/object measurement
// (components/ImageLayout.h).
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

// A stationary surface: grains of random place, size and shade, alike everywhere in
// the image and different in every image.
inline cv::Mat surfaceImage(unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> place(0, 127), radius(2, 7), shade(40, 220);
    cv::Mat img(128, 128, CV_8UC3, cv::Scalar::all(130));
    for (int grain = 0; grain < 220; ++grain)
        cv::circle(img, cv::Point(place(rng), place(rng)), radius(rng), cv::Scalar::all(shade(rng)), cv::FILLED);
    return img;
}

// An aligned object: the same dark ring on a bright ground in every image, a little noise.
inline cv::Mat objectImage(unsigned seed)
{
    cv::Mat img(128, 128, CV_8UC3, cv::Scalar::all(210));
    cv::circle(img, cv::Point(64, 64), 40, cv::Scalar(40, 60, 80), 18);
    cv::Mat noise(img.size(), CV_8UC3);
    cv::theRNG().state = seed;
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(12));
    return img + noise;
}

// Bit-identical anomaly maps (same size, type and bytes).
inline bool sameMap(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && std::memcmp(a.data, b.data, a.total() * a.elemSize()) == 0;
}

} // namespace dltest
