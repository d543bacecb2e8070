#include "methods/sdas/SdasNovelty.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "components/TensorConvert.h"
#include "data/ImageIO.h"
#include "methods/sdas/SdasGenerator.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace dl {
namespace {

constexpr int kEmbedBatch = 16;

void checkOptions(const SdasNoveltyOptions& o)
{
    if (o.strengths.empty())
        throw Error("sdas novelty: the strength list is empty; give one or more strengths >= 0, e.g. 0,0.1,0.2,0.3");
    for (double s : o.strengths)
        if (!std::isfinite(s) || s < 0.0)
            throw Error("sdas novelty: every strength must be a number >= 0, got " + std::to_string(s));
    if (o.count < 1)
        throw Error("sdas novelty: the number of samples per strength must be at least 1, got "
                    + std::to_string(o.count));
    if (o.embedSize < 32 || o.embedSize > 1024)
        throw Error("sdas novelty: the embedding size must be within 32..1024 pixels, got "
                    + std::to_string(o.embedSize));
    if (o.backbone.architecture != "mobilenetv2")
        throw Error("sdas novelty embeds with MobileNetV2, not '" + o.backbone.architecture + "'");
}

// [N,D] unit vectors: each image resized to the SDAS resolution (area averaging), then to
// embedSize (bilinear), ImageNet-normalised, the tap's map averaged over its positions.
torch::Tensor embed(FeatureExtractor& backbone, const std::vector<cv::Mat>& images, int resolution,
                    const SdasNoveltyOptions& o, const ProgressContext& progress, const EngineText& stage)
{
    PreprocessSpec spec;
    spec.width = spec.height = o.embedSize;
    spec.interpolation = "linear";
    std::vector<torch::Tensor> parts;
    for (std::size_t begin = 0; begin < images.size(); begin += kEmbedBatch) {
        progress.checkCancelled();
        progress.report(double(begin) / double(images.size()), stage);
        const std::size_t end = std::min(images.size(), begin + kEmbedBatch);
        std::vector<cv::Mat> batch;
        for (std::size_t i = begin; i < end; ++i) {
            cv::Mat atResolution;
            cv::resize(images[i], atResolution, cv::Size(resolution, resolution), 0, 0, cv::INTER_AREA);
            batch.push_back(atResolution);
        }
        const torch::Tensor map = backbone.extract(imagesToTensor(batch, spec), {o.tap}).front();
        parts.push_back(torch::nn::functional::normalize(
            map.mean({2, 3}), torch::nn::functional::NormalizeFuncOptions().p(2).dim(1)));
    }
    return torch::cat(parts, 0);
}

SdasNoveltyRow summarise(const torch::Tensor& nearest, double strength)
{
    SdasNoveltyRow row;
    row.strength = strength;
    const torch::Tensor d = nearest.to(torch::kFloat64).contiguous();
    row.distances.assign(d.data_ptr<double>(), d.data_ptr<double>() + d.numel());
    double sum = 0.0, squares = 0.0;
    row.min = std::numeric_limits<double>::infinity();
    row.max = -row.min;
    for (double v : row.distances) {
        sum += v;
        row.min = std::min(row.min, v);
        row.max = std::max(row.max, v);
    }
    row.mean = sum / double(row.distances.size());
    for (double v : row.distances)
        squares += (v - row.mean) * (v - row.mean);
    row.stdev = std::sqrt(squares / double(row.distances.size()));
    return row;
}

// Exact pairwise Euclidean distances (no matrix-product shortcut: these are small sets).
torch::Tensor distances(const torch::Tensor& a, const torch::Tensor& b)
{
    return torch::cdist(a.unsqueeze(0), b.unsqueeze(0), 2.0, /*donot_use_mm_for_euclid_dist*/ 2).squeeze(0);
}

} // namespace

std::string sdasStrengthLabel(double strength)
{
    std::ostringstream out;
    out.precision(3);
    out << "s=" << strength;
    return out.str();
}

SdasNovelty measureSdasNovelty(const SdasGenerator& generator, const std::vector<cv::Mat>& training,
                               const SdasNoveltyOptions& o, const ProgressContext& progress)
{
    checkOptions(o);
    if (training.size() < 2)
        throw Error("sdas novelty needs at least two training images (each is compared with the others), got "
                    + std::to_string(training.size()));
    for (std::size_t i = 0; i < training.size(); ++i)
        if (training[i].empty() || training[i].type() != CV_8UC3)
            throw Error("sdas novelty: training image " + std::to_string(i) + " is empty or not 8-bit RGB");
    const std::vector<std::string>& known = generator.categories();
    if (!o.category.empty() && std::find(known.begin(), known.end(), o.category) == known.end())
        throw Error("sdas novelty: the SDAS model has no category '" + o.category + "'");
    std::shared_ptr<FeatureExtractor> backbone = loadBackbone(o.backbone);
    backbone->tap(o.tap); // an unknown tap is an error naming the available ones, before any sampling
    SdasNovelty result;
    result.category = o.category.empty() ? generator.categories().front() : o.category;
    result.tap = o.tap;
    result.resolution = generator.resolution();
    result.embedSize = o.embedSize;
    result.trainingImages = int(training.size());

    const double trainingShare = 0.1;
    const torch::Tensor bank =
        embed(*backbone, training, result.resolution, o, progress.sub(0.0, trainingShare),
              DL_TR("Engine", "embedding training images"));
    // Leave-one-out: an image is not its own neighbour.
    const torch::Tensor self = distances(bank, bank).fill_diagonal_(std::numeric_limits<float>::infinity());
    result.reference = summarise(std::get<0>(self.min(1)), 0.0);

    const double share = (1.0 - trainingShare) / double(o.strengths.size());
    for (std::size_t k = 0; k < o.strengths.size(); ++k) {
        const double s = o.strengths[k], begin = trainingShare + share * double(k);
        std::vector<cv::Mat> samples =
            generator.generate(o.count, s, s, o.seed, o.category, progress.sub(begin, begin + 0.9 * share), o.steps);
        const torch::Tensor e = embed(*backbone, samples, result.resolution, o,
                                      progress.sub(begin + 0.9 * share, begin + share), DL_TR("Engine", "embedding samples"));
        SdasNoveltyRow row = summarise(std::get<0>(distances(e, bank).min(1)), s);
        if (o.keepSamples)
            row.samples = std::move(samples);
        result.rows.push_back(std::move(row));
    }
    progress.report(1.0, DL_TR("Engine", "novelty measured"));
    return result;
}

SdasNovelty measureSdasNovelty(const SdasGenerator& generator, const std::vector<std::string>& trainingPaths,
                               const SdasNoveltyOptions& options, const ProgressContext& progress)
{
    checkOptions(options); // before decoding anything
    // Shrunk to the SDAS resolution as they are decoded (what the measurement does first
    // anyway; resizing to the same size copies): hundreds of full-size images need not
    // be held at once.
    const int r = generator.resolution();
    std::vector<cv::Mat> training;
    for (const std::string& path : trainingPaths) {
        progress.checkCancelled();
        cv::Mat small;
        cv::resize(loadImageRgb(path), small, cv::Size(r, r), 0, 0, cv::INTER_AREA);
        training.push_back(small);
    }
    return measureSdasNovelty(generator, training, options, progress);
}

SdasNovelty measureSdasNovelty(const std::string& bundlePath, const std::vector<std::string>& trainingPaths,
                               const SdasNoveltyOptions& options, const ProgressContext& progress)
{
    checkOptions(options); // before loading anything
    return measureSdasNovelty(*SdasGenerator::load(bundlePath), trainingPaths, options, progress);
}

cv::Mat sdasSampleSheet(const std::vector<std::vector<cv::Mat>>& rows, const std::vector<std::string>& labels,
                        int cell)
{
    if (rows.empty() || rows.size() != labels.size())
        throw Error("sample sheet: " + std::to_string(rows.size()) + " rows for " + std::to_string(labels.size())
                    + " labels");
    std::size_t columns = 0;
    for (const auto& row : rows) {
        columns = std::max(columns, row.size());
        for (const cv::Mat& image : row)
            if (image.empty() || image.type() != CV_8UC3)
                throw Error("sample sheet: every image must be 8-bit RGB");
        if (cell <= 0 && !row.empty())
            cell = row.front().cols;
    }
    if (columns == 0 || cell <= 0)
        throw Error("sample sheet: no images");
    const int gap = 2, labelWidth = 72;
    const int width = labelWidth + int(columns) * (cell + gap), height = int(rows.size()) * (cell + gap) + gap;
    cv::Mat sheet(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int top = gap + int(r) * (cell + gap);
        cv::putText(sheet, labels[r], cv::Point(4, top + cell / 2 + 5), cv::FONT_HERSHEY_SIMPLEX, 0.45,
                    cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            cv::Mat scaled;
            cv::resize(rows[r][c], scaled, cv::Size(cell, cell), 0, 0,
                       cell < rows[r][c].cols ? cv::INTER_AREA : cv::INTER_NEAREST);
            scaled.copyTo(sheet(cv::Rect(labelWidth + int(c) * (cell + gap), top, cell, cell)));
        }
    }
    return sheet;
}

} // namespace dl
