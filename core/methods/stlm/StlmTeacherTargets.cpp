#include "methods/stlm/StlmTeacherTargets.h"

#include "backbone/Backbone.h"
#include "components/ImageBatches.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"

#include <cstring>

namespace dl {
namespace {

std::string cacheIdentity(const FeatureExtractor& teacher, const StlmParams& params, const PreprocessSpec& input,
                          std::int64_t gridH, std::int64_t gridW)
{
    std::string id = "stlm-teacher|" + teacher.name() + "|" + teacher.weightsSha256() + "|"
                   + std::to_string(input.width) + "x" + std::to_string(input.height) + "|" + input.interpolation
                   + (input.reducedJpegDecode ? "|jpeg reduced" : "|jpeg full");
    for (const auto& tap : params.teacherTaps)
        id += "|" + tap;
    return id + "|grid " + std::to_string(gridW) + "x" + std::to_string(gridH);
}

PreprocessSpec atSquareSize(PreprocessSpec spec, int size)
{
    spec.width = spec.height = size;
    return spec;
}

} // namespace

StlmTeacherTargets::StlmTeacherTargets(FeatureExtractor& teacher, const StlmParams& params,
                                       const PreprocessSpec& preprocess)
    : teacher_(teacher), params_(params), preprocess_(preprocess),
      teacherInput_(atSquareSize(preprocess, params.teacherSize)), gridH_(preprocess.height / 8),
      gridW_(preprocess.width / 8), disk_(cacheIdentity(teacher, params, teacherInput_, gridH_, gridW_))
{
    for (std::size_t l = 0; l < 2; ++l)
        channels_[l] = teacher.tap(params.teacherTaps[l]).channels;
}

std::vector<torch::Tensor> StlmTeacherTargets::runTeacher(const std::vector<cv::Mat>& images)
{
    const auto start = SteadyClock::now();
    std::vector<torch::Tensor> levels;
    {
        torch::InferenceMode guard;
        for (const torch::Tensor& f : teacher_.extract(imagesToTensor(images, teacherInput_), params_.teacherTaps))
            levels.push_back(torch::adaptive_avg_pool2d(f, {gridH_, gridW_}));
    }
    teacherSeconds_ += secondsSince(start);
    computed_ += int(images.size());
    // Copies outside inference mode: autograd saves the targets for backward.
    for (auto& level : levels)
        level = level.clone();
    return levels;
}

StlmNormals StlmTeacherTargets::collect(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                                        const ProgressContext& progress, const EngineText& stage)
{
    StlmNormals out;
    const std::int64_t n = std::int64_t(indices.size());
    const std::int64_t cells = gridH_ * gridW_;
    const std::int64_t entrySize = (channels_[0] + channels_[1]) * cells;
    for (int c : channels_)
        out.targets.push_back(torch::empty({n, c, gridH_, gridW_}, torch::kFloat32));
    // Small batches: the teacher's activations at 1024 px take hundreds of MB per image.
    forEachImageBatch(samples, indices, 2, teacherInput_.decodeAtLeast(), progress, stage,
                      [&](std::vector<cv::Mat>& decoded, std::size_t begin, std::size_t end) {
        std::vector<cv::Mat> missing;
        std::vector<std::int64_t> missingRows;
        for (std::size_t i = begin; i < end; ++i) {
            const cv::Mat& image = decoded[i - begin];
            // Decoded for the teacher's larger input: for a JPEG over twice the teacher's
            // size the students see a finer decode than scoring gives them, both area-resized.
            out.rgb.push_back(preprocess_.resize(image));
            const std::string& path = samples[std::size_t(indices[i])].path;
            auto cached = path.empty() ? std::nullopt : disk_.load(path, entrySize);
            if (!cached) {
                missing.push_back(image);
                missingRows.push_back(std::int64_t(i));
                continue;
            }
            ++reused_;
            const float* values = cached->data();
            for (std::size_t l = 0; l < 2; ++l) {
                const std::int64_t size = channels_[l] * cells;
                std::memcpy(out.targets[l][std::int64_t(i)].data_ptr<float>(), values, std::size_t(size) * sizeof(float));
                values += size;
            }
        }
        if (missing.empty())
            return;
        std::vector<torch::Tensor> levels = runTeacher(missing);
        for (std::size_t m = 0; m < missing.size(); ++m) {
            const std::int64_t row = missingRows[m];
            std::vector<float> entry;
            entry.reserve(std::size_t(entrySize));
            for (std::size_t l = 0; l < 2; ++l) {
                torch::Tensor one = levels[l][std::int64_t(m)].contiguous();
                out.targets[l][row].copy_(one);
                entry.insert(entry.end(), one.data_ptr<float>(), one.data_ptr<float>() + one.numel());
            }
            const std::string& path = samples[std::size_t(indices[std::size_t(row)])].path;
            if (!path.empty())
                disk_.store(path, entry);
        }
    });
    return out;
}

} // namespace dl
