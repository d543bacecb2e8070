#include "methods/stlm/StlmTeacherTargets.h"

#include "backbone/Backbone.h"
#include "common/Sha256.h"
#include "components/ImageBatches.h"
#include "components/TensorConvert.h"
#include "components/TrainingSupport.h"

#include <cstring>
#include <opencv2/imgproc.hpp>

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

// Everything that decides which variants an image gets (texture files by name).
std::string variantIdentity(const StlmVariantSynthesis& v, unsigned seed)
{
    std::string textures;
    for (const auto& path : v.textures)
        textures += path + "\n";
    const SynthesisOptions& o = v.options;
    return "|anomalous variants " + std::to_string(v.count) + "|seed " + std::to_string(seed) + "|beta "
         + std::to_string(o.betaMin) + ".." + std::to_string(o.betaMax) + (o.objectForeground ? "|object" : "|texture")
         + (o.matchGreyscale ? "|grey" : "") + "|perlin " + std::to_string(o.mask.threshold) + " "
         + std::to_string(o.mask.minPixels) + " " + std::to_string(o.mask.maxScaleExponent) + "|textures "
         + Sha256::ofBytes(textures.data(), textures.size());
}

} // namespace

torch::Tensor maskShareOnGrid(const cv::Mat& mask, std::int64_t h, std::int64_t w)
{
    cv::Mat unit, cells;
    mask.convertTo(unit, CV_32F, 1.0 / 255.0);
    cv::resize(unit, cells, cv::Size(int(w), int(h)), 0, 0, cv::INTER_AREA);
    return torch::from_blob(cells.data, {1, 1, h, w}, torch::kFloat32).clone();
}

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

std::vector<torch::Tensor> StlmTeacherTargets::cachedOrComputed(FeatureCache& cache, const std::string& key,
                                                                 const std::vector<cv::Mat>& images)
{
    const std::int64_t n = std::int64_t(images.size()), cells = gridH_ * gridW_;
    const std::int64_t perImage = (channels_[0] + channels_[1]) * cells;
    auto cached = key.empty() ? std::nullopt : cache.load(key, n * perImage);
    if (!cached) {
        std::vector<torch::Tensor> levels = runTeacher(images);
        std::vector<float> entry;
        entry.reserve(std::size_t(n * perImage));
        for (std::int64_t i = 0; i < n; ++i)
            for (const torch::Tensor& level : levels) {
                torch::Tensor one = level[i].contiguous();
                entry.insert(entry.end(), one.data_ptr<float>(), one.data_ptr<float>() + one.numel());
            }
        if (!key.empty())
            cache.store(key, entry);
        return levels;
    }
    reused_ += int(n);
    std::vector<torch::Tensor> levels;
    for (int c : channels_)
        levels.push_back(torch::empty({n, c, gridH_, gridW_}, torch::kFloat32));
    const float* values = cached->data();
    for (std::int64_t i = 0; i < n; ++i)
        for (std::size_t l = 0; l < 2; ++l) {
            const std::int64_t size = channels_[l] * cells;
            std::memcpy(levels[l][i].data_ptr<float>(), values, std::size_t(size) * sizeof(float));
            values += size;
        }
    return levels;
}

void StlmTeacherTargets::addVariants(const cv::Mat& decoded, const std::string& path,
                                     const StlmVariantSynthesis& variants, std::int64_t row, StlmNormals& out)
{
    // Drawn at the teacher's input size so that the teacher sees the variant as sharply
    // as the clean image; the students get it resized like every image.
    const cv::Mat teacherRgb = teacherInput_.resize(decoded);
    const std::string digest = Sha256::ofBytes(teacherRgb.data, teacherRgb.total() * teacherRgb.elemSize());
    AnomalySynthesizer synthesizer(variants.textures, params_.seed ^ unsigned(std::stoul(digest.substr(0, 8), nullptr, 16)),
                                   variants.options);
    std::vector<cv::Mat> anomalous;
    const std::int64_t first = row * variants.count;
    for (int v = 0; v < variants.count; ++v) {
        SyntheticAnomaly a = synthesizer.make(teacherRgb, DefectKind::TexturePaste);
        out.variantRgb[std::size_t(first + v)] = preprocess_.resize(a.image);
        out.variantMasks[first + v].copy_(maskShareOnGrid(a.mask, gridH_, gridW_)[0]);
        anomalous.push_back(a.image);
    }
    std::vector<torch::Tensor> levels = cachedOrComputed(*variantDisk_, path, anomalous);
    for (std::size_t l = 0; l < 2; ++l)
        out.variantTargets[l].narrow(0, first, variants.count).copy_(levels[l]);
}

StlmNormals StlmTeacherTargets::collect(const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices,
                                        const ProgressContext& progress, const EngineText& stage,
                                        const StlmVariantSynthesis& variants)
{
    StlmNormals out;
    const std::int64_t n = std::int64_t(indices.size());
    for (int c : channels_)
        out.targets.push_back(torch::empty({n, c, gridH_, gridW_}, torch::kFloat32));
    if (variants.count > 0) {
        if (!variantDisk_)
            variantDisk_ = std::make_unique<FeatureCache>(
                cacheIdentity(teacher_, params_, teacherInput_, gridH_, gridW_) + variantIdentity(variants, params_.seed));
        out.variants = variants.count;
        out.variantRgb.resize(std::size_t(n * variants.count));
        out.variantMasks = torch::zeros({n * variants.count, 1, gridH_, gridW_});
        // Half precision: three variants of a few hundred images would otherwise hold GBs.
        for (int c : channels_)
            out.variantTargets.push_back(torch::empty({n * variants.count, c, gridH_, gridW_}, torch::kHalf));
    }
    // Decoded two at a time, and the teacher runs on one image (or one image's variants) at a
    // time: its activations at 1024 px take hundreds of MB per image.
    forEachImageBatch(samples, indices, 2, teacherInput_.decodeAtLeast(), progress, stage,
                      [&](std::vector<cv::Mat>& decoded, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const cv::Mat& image = decoded[i - begin];
            // Decoded for the teacher's larger input: for a JPEG over twice the teacher's
            // size the students see a finer decode than scoring gives them, both area-resized.
            out.rgb.push_back(preprocess_.resize(image));
            out.category.push_back(samples[std::size_t(indices[i])].category);
            const std::string& path = samples[std::size_t(indices[i])].path;
            if (variants.count > 0)
                addVariants(image, path, variants, std::int64_t(i), out);
            const std::vector<torch::Tensor> levels = cachedOrComputed(disk_, path, {image});
            for (std::size_t l = 0; l < 2; ++l)
                out.targets[l][std::int64_t(i)].copy_(levels[l][0]);
        }
    });
    return out;
}

} // namespace dl
