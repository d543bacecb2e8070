#pragma once
// STLM's training targets (internal torch header): the frozen SAM teacher's two
// feature levels of every clean normal training image, average-pooled to the
// students' grid (stride 8 of image_size). The teacher is by far the most expensive
// part of a fit (seconds per image on a CPU at 1024 px), so each image's targets
// are computed once and kept on disk in the content-keyed feature cache
// (components/FeatureCache.h): a retrain on the same images skips the teacher.
// With plain_target "clean" both streams learn the *clean* image's targets and the
// teacher never sees a pseudo-anomaly. With "anomalous" each image also gets a
// fixed set of pseudo-anomalous copies, drawn at the teacher's input size from a
// seed derived from the image's pixels (the same image always gets the same
// copies), whose targets are cached beside the clean ones.
#include "common/Progress.h"
#include "components/FeatureCache.h"
#include "data/Dataset.h"
#include "data/Preprocess.h"
#include "methods/stlm/StlmParams.h"
#include "synthesis/AnomalySynthesizer.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dl {

class FeatureExtractor;

// Normal images in memory: the resized RGB (what the students and the synthesizer
// see) and the teacher's targets; with pseudo-anomalous variants, `variants` copies
// of each image (rows i * variants ... i * variants + variants - 1).
struct StlmNormals {
    std::vector<cv::Mat> rgb;           // CV_8UC3 at image_size
    std::vector<std::string> category;  // each image's category (which labelled defects it may get)
    std::vector<torch::Tensor> targets; // two levels, [N,C,h,w] on the students' grid
    int variants = 0;
    std::vector<cv::Mat> variantRgb;           // CV_8UC3 at image_size, N * variants
    torch::Tensor variantMasks;                // [N * variants,1,h,w]: the defect's share of each cell
    std::vector<torch::Tensor> variantTargets; // two levels, [N * variants,C,h,w], half precision
    std::int64_t size() const { return std::int64_t(rgb.size()); }
};

// The share of each cell of an h x w grid that a {0,255} mask covers: [1,1,h,w].
torch::Tensor maskShareOnGrid(const cv::Mat& mask, std::int64_t h, std::int64_t w);

// How the pseudo-anomalous variants are drawn (plain_target "anomalous").
struct StlmVariantSynthesis {
    int count = 0; // per image; 0 = none
    std::vector<std::string> textures;
    SynthesisOptions options;
};

class StlmTeacherTargets {
public:
    StlmTeacherTargets(FeatureExtractor& teacher, const StlmParams& params, const PreprocessSpec& preprocess);

    // Channels of the two target levels (from the teacher's taps).
    std::array<int, 2> channels() const { return channels_; }
    // Decodes `samples[indices]`, and takes their targets from the disk cache or the teacher.
    // With `variants.count` > 0 also draws that many pseudo-anomalous copies of each
    // image and takes their targets from the cache or the teacher.
    StlmNormals collect(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                        const ProgressContext& progress, const EngineText& stage,
                        const StlmVariantSynthesis& variants = {});

    int computed() const { return computed_; }   // images the teacher ran on (variants included)
    int reused() const { return reused_; }       // images whose targets came from the disk cache (variants included)
    double teacherSeconds() const { return teacherSeconds_; }

private:
    // The teacher on `images` (RGB, any size) -> two levels pooled to the grid.
    std::vector<torch::Tensor> runTeacher(const std::vector<cv::Mat>& images);
    // Targets of `images` from the cache entry `key` (all images in one entry) or the teacher.
    std::vector<torch::Tensor> cachedOrComputed(FeatureCache& cache, const std::string& key,
                                                const std::vector<cv::Mat>& images);
    // The pseudo-anomalous variants of one decoded image, appended to `out`.
    void addVariants(const cv::Mat& decoded, const std::string& path, const StlmVariantSynthesis& variants,
                     std::int64_t row, StlmNormals& out);

    FeatureExtractor& teacher_;
    const StlmParams& params_;
    PreprocessSpec preprocess_, teacherInput_;
    std::array<int, 2> channels_{};
    std::int64_t gridH_ = 0, gridW_ = 0;
    FeatureCache disk_;
    std::unique_ptr<FeatureCache> variantDisk_; // keyed also by how the variants are drawn
    int computed_ = 0, reused_ = 0;
    double teacherSeconds_ = 0;
};

} // namespace dl
