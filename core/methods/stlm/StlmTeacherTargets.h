#pragma once
// STLM's training targets (internal torch header): the frozen SAM teacher's two
// feature levels of every clean normal training image, average-pooled to the
// students' grid (stride 8 of image_size). The teacher is by far the most expensive
// part of a fit (seconds per image on a CPU at 1024 px), so each image's targets
// are computed once and kept on disk in the content-keyed feature cache
// (components/FeatureCache.h): a retrain on the same images skips the teacher.
// Both streams learn the *clean* image's targets, so the teacher never sees a
// pseudo-anomaly and the cache holds one entry per image.
#include "common/Progress.h"
#include "components/FeatureCache.h"
#include "data/Dataset.h"
#include "data/Preprocess.h"
#include "methods/stlm/StlmParams.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace dl {

class FeatureExtractor;

// Normal images in memory: the resized RGB (what the students and the synthesizer
// see) and the teacher's targets.
struct StlmNormals {
    std::vector<cv::Mat> rgb;           // CV_8UC3 at image_size
    std::vector<torch::Tensor> targets; // two levels, [N,C,h,w] on the students' grid
    std::int64_t size() const { return std::int64_t(rgb.size()); }
};

class StlmTeacherTargets {
public:
    StlmTeacherTargets(FeatureExtractor& teacher, const StlmParams& params, const PreprocessSpec& preprocess);

    // Channels of the two target levels (from the teacher's taps).
    std::array<int, 2> channels() const { return channels_; }
    // Decodes `samples[indices]`, and takes their targets from the disk cache or the teacher.
    StlmNormals collect(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                        const ProgressContext& progress, const EngineText& stage);

    int computed() const { return computed_; }   // images the teacher ran on
    int reused() const { return reused_; }       // images whose targets came from the disk cache
    double teacherSeconds() const { return teacherSeconds_; }

private:
    // The teacher on `images` (RGB, any size) -> two levels pooled to the grid.
    std::vector<torch::Tensor> runTeacher(const std::vector<cv::Mat>& images);

    FeatureExtractor& teacher_;
    const StlmParams& params_;
    PreprocessSpec preprocess_, teacherInput_;
    std::array<int, 2> channels_{};
    std::int64_t gridH_ = 0, gridW_ = 0;
    FeatureCache disk_;
    int computed_ = 0, reused_ = 0;
    double teacherSeconds_ = 0;
};

} // namespace dl
