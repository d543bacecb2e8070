#include "methods/dmad/DmadPatches.h"

#include "data/ImageIO.h"
#include "synthesis/AnomalySynthesizer.h"
#include "synthesis/DefectTransplant.h"
#include "synthesis/Random.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <optional>

namespace dl {

DmadPatches::DmadPatches(DmadModel& model, const PreprocessSpec& preprocess, const ProgressContext& progress,
                         const std::string& cacheIdentity)
    : model_(model), preprocess_(preprocess), progress_(progress), cache_(cacheIdentity)
{
}

PatchSet DmadPatches::featuresOf(const std::vector<std::string>& paths, std::int64_t firstSource, double p0,
                                 double p1, const EngineText& stage)
{
    const int dim = model_.dim();
    PatchSet set;
    const std::size_t batch = 8;
    for (std::size_t begin = 0; begin < paths.size(); begin += batch) {
        progress_.checkCancelled();
        progress_.report(p0 + (p1 - p0) * double(begin) / double(std::max<std::size_t>(1, paths.size())), stage);
        const std::size_t end = std::min(paths.size(), begin + batch);
        std::vector<std::optional<std::vector<float>>> cached(end - begin);
        std::vector<cv::Mat> missing;
        std::vector<std::size_t> missingAt;
        const std::int64_t expected = model_.gridH > 0 ? model_.patchesPerImage() * dim : -1;
        for (std::size_t i = begin; i < end; ++i) {
            if (expected > 0) cached[i - begin] = cache_.load(paths[i], expected);
            if (!cached[i - begin]) {
                missing.push_back(preprocess_.decode(paths[i]).rgb);
                missingAt.push_back(i - begin);
            }
        }
        if (!missing.empty()) {
            torch::Tensor f = model_.extract(missing, preprocess_);
            const std::int64_t per = model_.patchesPerImage() * dim;
            for (std::size_t m = 0; m < missing.size(); ++m) {
                std::vector<float> v(f.data_ptr<float>() + std::int64_t(m) * per,
                                     f.data_ptr<float>() + std::int64_t(m + 1) * per);
                cache_.store(paths[begin + missingAt[m]], v);
                cached[missingAt[m]] = std::move(v);
            }
        }
        for (std::size_t i = begin; i < end; ++i) {
            const auto& v = *cached[i - begin];
            set.features.insert(set.features.end(), v.begin(), v.end());
            set.source.insert(set.source.end(), std::size_t(model_.patchesPerImage()), firstSource + std::int64_t(i));
        }
    }
    return set;
}

PatchSet DmadPatches::labelledDefects(const std::vector<Sample>& labelled, std::int64_t firstSource)
{
    PatchSet defects;
    for (std::size_t j = 0; j < labelled.size(); ++j) {
        const Sample& d = labelled[j];
        PatchSet one = featuresOf({d.path}, firstSource + std::int64_t(j), 0.45, 0.5,
                                  DL_TR("Engine", "extracting labelled defects"));
        cv::Mat mask = loadMask(d.maskPath);
        std::vector<std::uint8_t> labels = patchLabelsFromMask(mask, model_.gridH, model_.gridW);
        for (std::int64_t p = 0; p < model_.patchesPerImage(); ++p)
            if (labels[std::size_t(p)]) defects.append(one, p, model_.dim());
    }
    return defects;
}

PatchSet DmadPatches::synthesize(AnomalySynthesizer& synthesizer, const std::vector<std::string>& paths,
                                 std::int64_t firstSource, bool keepAllPatches, double p0, double p1,
                                 const EngineText& stage)
{
    const int dim = model_.dim();
    PatchSet set;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        progress_.checkCancelled();
        progress_.report(p0 + (p1 - p0) * double(i) / double(std::max<std::size_t>(1, paths.size())), stage);
        cv::Mat base = preprocess_.resize(preprocess_.decode(paths[i]).rgb);
        SyntheticAnomaly a = synthesizer.makeRandom(base);
        torch::Tensor f = model_.extract({a.image}, preprocess_);
        std::vector<std::uint8_t> labels = patchLabelsFromMask(a.mask, model_.gridH, model_.gridW);
        for (std::int64_t p = 0; p < model_.patchesPerImage(); ++p)
            if (keepAllPatches || labels[std::size_t(p)]) {
                set.features.insert(set.features.end(), f.data_ptr<float>() + p * dim, f.data_ptr<float>() + (p + 1) * dim);
                set.source.push_back(firstSource + std::int64_t(i));
                set.defect.push_back(labels[std::size_t(p)]);
            }
    }
    return set;
}

PatchSet DmadPatches::transplantedDefects(const std::vector<Sample>& labelled, const std::vector<std::string>& basePaths,
                                          int perLabel, std::int64_t firstLabelSource, unsigned seed)
{
    const int dim = model_.dim();
    PatchSet set;
    if (perLabel <= 0 || basePaths.empty()) return set;
    std::mt19937 rng(seed);
    const cv::Size size(preprocess_.width, preprocess_.height);
    for (std::size_t j = 0; j < labelled.size(); ++j) {
        progress_.checkCancelled();
        progress_.report(0.5 + 0.05 * double(j) / double(labelled.size()),
                         DL_TR("Engine", "transplanting labelled defects"));
        const cv::Mat defect = preprocess_.resize(preprocess_.decode(labelled[j].path).rgb);
        cv::Mat mask;
        cv::resize(loadMask(labelled[j].maskPath), mask, size, 0, 0, cv::INTER_NEAREST);
        std::vector<cv::Mat> images;
        std::vector<cv::Mat> masks;
        std::vector<std::int64_t> bases;
        for (int c = 0; c < perLabel; ++c) {
            const std::size_t b = randomBelow(rng, std::uint32_t(basePaths.size()));
            TransplantedDefect t = transplantDefect(preprocess_.resize(preprocess_.decode(basePaths[b]).rgb), defect, mask, rng);
            images.push_back(std::move(t.image));
            masks.push_back(std::move(t.mask));
            bases.push_back(std::int64_t(b));
        }
        // Batches of 8 bound the backbone's activation memory (as featuresOf).
        const std::int64_t patches = model_.patchesPerImage();
        constexpr std::size_t kBatch = 8;
        for (std::size_t begin = 0; begin < images.size(); begin += kBatch) {
            const std::size_t end = std::min(images.size(), begin + kBatch);
            torch::Tensor f = model_.extract({images.begin() + long(begin), images.begin() + long(end)}, preprocess_);
            for (std::size_t c = begin; c < end; ++c) {
                std::vector<std::uint8_t> labels = patchLabelsFromMask(masks[c], model_.gridH, model_.gridW);
                for (std::int64_t p = 0; p < patches; ++p)
                    if (labels[std::size_t(p)]) {
                        const float* row = f.data_ptr<float>() + (std::int64_t(c - begin) * patches + p) * dim;
                        set.features.insert(set.features.end(), row, row + dim);
                        set.source.push_back(firstLabelSource + std::int64_t(j));
                        set.baseImage.push_back(bases[c]);
                    }
            }
        }
    }
    return set;
}

} // namespace dl
