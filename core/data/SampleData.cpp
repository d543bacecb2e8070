#include "data/SampleData.h"

#include "common/FileUtil.h"
#include "data/ImageIO.h"

#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <random>

namespace dl {
namespace {

// A brushed-metal washer: radial gradient, concentric rings, fine noise.
cv::Mat cleanPart(std::mt19937& rng, int size)
{
    // Raw mt19937 output only: the distribution classes are implementation-defined
    // and the sample set must be the same everywhere.
    auto uniform = [&rng] { return float(rng()) / 4294967296.0f; };
    auto noise = [&uniform] { return 4.0f * 1.7320508f * (uniform() + uniform() + uniform() + uniform() - 2.0f) / 1.1547005f; };
    const float cx = size / 2.0f + 6.0f * uniform() - 3.0f, cy = size / 2.0f + 6.0f * uniform() - 3.0f;
    cv::Mat img(size, size, CV_8UC3);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const float r = std::hypot(float(x) - cx, float(y) - cy) / float(size);
            float v = 70.0f;
            if (r < 0.42f && r > 0.14f)
                v = 150.0f + 30.0f * std::cos(60.0f * r) + 20.0f * (0.42f - r);
            v += noise();
            img.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(v), cv::saturate_cast<uchar>(v * 0.97f),
                                                cv::saturate_cast<uchar>(v * 0.92f));
        }
    return img;
}

std::string numbered(const std::string& dir, int index, const char* suffix)
{
    char name[32];
    std::snprintf(name, sizeof(name), "/%03d%s.png", index, suffix);
    return dir + name;
}

} // namespace

void writeSampleDataset(const std::string& root, const SampleDataOptions& options)
{
    std::mt19937 rng(options.seed);
    const int s = options.size;
    for (const char* dir : {"/train/good", "/test/good", "/test/scratch", "/test/stain", "/ground_truth/scratch",
                            "/ground_truth/stain"})
        makeDirectories(root + dir);
    for (int i = 0; i < options.trainImages; ++i)
        writeImage(numbered(root + "/train/good", i, ""), cleanPart(rng, s));
    for (int i = 0; i < options.testGoodImages; ++i)
        writeImage(numbered(root + "/test/good", i, ""), cleanPart(rng, s));
    auto unit = [&rng] { return float(rng()) / 4294967296.0f; };
    for (int i = 0; i < options.testDefectImages; ++i) {
        const bool scratch = i % 2 == 0;
        const std::string type = scratch ? "scratch" : "stain";
        const int index = i / 2;
        cv::Mat img = cleanPart(rng, s);
        cv::Mat mask = cv::Mat::zeros(s, s, CV_8UC1);
        // Defects sit on the ring, where a real inspection would look.
        const float angle = 6.2832f * unit();
        const cv::Point centre(int(s / 2 + 0.28f * s * std::cos(angle)), int(s / 2 + 0.28f * s * std::sin(angle)));
        if (scratch) {
            const cv::Point delta(int(0.12f * s * std::cos(angle + 1.2f)), int(0.12f * s * std::sin(angle + 1.2f)));
            cv::line(img, centre - delta, centre + delta, cv::Scalar(235, 235, 240), 3, cv::LINE_AA);
            cv::line(mask, centre - delta, centre + delta, cv::Scalar(255), 3);
        } else {
            const cv::Size axes(int(0.05f * s + 6 * unit()), int(0.035f * s + 4 * unit()));
            cv::ellipse(img, centre, axes, angle * 57.3, 0, 360, cv::Scalar(60, 45, 30), cv::FILLED, cv::LINE_AA);
            cv::ellipse(mask, centre, axes, angle * 57.3, 0, 360, cv::Scalar(255), cv::FILLED);
        }
        writeImage(numbered(root + "/test/" + type, index, ""), img);
        writeImage(numbered(root + "/ground_truth/" + type, index, "_mask"), mask);
    }
}

} // namespace dl
