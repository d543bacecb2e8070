#include "engine/Engine.h"

#include "backbone/BackboneLoader.h"
#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "common/Sha256.h"
#include "data/ImageIO.h"
#include "data/ImagePrefetch.h"
#include "engine/DetectorRegistry.h"
#include "engine/ModelBundle.h"
#include "engine/TiledDetector.h"
#include "engine/Runtime.h"
#include "components/TrainingSupport.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <optional>
#include <random>
#include <filesystem>
#include <set>

namespace dl {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string utcNow()
{
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}


nlohmann::json preprocessToJson(const PreprocessSpec& p)
{
    nlohmann::json j = {{"width", p.width}, {"height", p.height}, {"mean", p.mean}, {"std", p.stdev},
                        {"interpolation", p.interpolation}, {"color", "RGB"}, {"scale", "1/255"}};
    // Absent means a full decode: bundles written before the reduced decode load and
    // save unchanged.
    if (p.reducedJpegDecode)
        j["jpeg_decode"] = "reduced";
    return j;
}

bool reducedJpegDecodeFrom(const nlohmann::json& value, const std::string& where)
{
    if (value == "reduced")
        return true;
    if (value == "full")
        return false;
    throw Error(where + " must be \"reduced\" or \"full\", got " + value.dump());
}

// The engine's `jpeg_decode` parameter, taken out of the method's parameters like tiling's:
// true for "reduced", false for "full", empty when not given.
std::optional<bool> takeJpegDecodeParameter(nlohmann::json& params)
{
    if (!params.is_object() || !params.contains("jpeg_decode"))
        return std::nullopt;
    const nlohmann::json value = params.at("jpeg_decode");
    params.erase("jpeg_decode");
    return reducedJpegDecodeFrom(value, "parameter jpeg_decode");
}

PreprocessSpec preprocessFromJson(const nlohmann::json& j)
{
    PreprocessSpec p;
    p.width = j.at("width").get<int>();
    p.height = j.at("height").get<int>();
    p.mean = j.at("mean").get<std::array<float, 3>>();
    p.stdev = j.at("std").get<std::array<float, 3>>();
    p.interpolation = j.at("interpolation").get<std::string>();
    p.reducedJpegDecode = j.contains("jpeg_decode") && reducedJpegDecodeFrom(j.at("jpeg_decode"), "preprocess.jpeg_decode");
    return p;
}

} // namespace

void Detector::warmStart(const ModelBundle&)
{
    throw Error("method '" + method() + "' cannot reuse a parent model; train it from scratch");
}

std::vector<Prediction> Detector::predictBatch(const std::vector<cv::Mat>& images)
{
    std::vector<Prediction> out;
    out.reserve(images.size());
    for (const auto& image : images)
        out.push_back(predict(image));
    return out;
}

cv::Mat resizeMap(const cv::Mat& map, int width, int height)
{
    if (map.cols == width && map.rows == height)
        return map.clone();
    cv::Mat out;
    cv::resize(map, out, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
    return out;
}

namespace {

// The training images of a request: labelled defects, each category's normal
// images split into the fit set and a held-out calibration set, and the datasets'
// description for the provenance.
struct TrainingSet {
    FitInput input;
    std::vector<Sample> calibration;
    nlohmann::json datasets = nlohmann::json::array();
};

TrainingSet collectTrainingSet(const TrainRequest& request)
{
    TrainingSet set;
    FitInput& input = set.input;
    std::set<std::string> categorySet;
    std::map<std::string, std::vector<Sample>> normalByCategory;
    for (const Dataset* dataset : request.datasets) {
        for (const Sample* s : dataset->select(Split::Train)) {
            categorySet.insert(s->category);
            if (s->label == 1 && !s->maskPath.empty())
                input.labelledDefects.push_back(*s);
            else if (s->label != 1)
                normalByCategory[s->category].push_back(*s);
        }
        set.datasets.push_back({{"root", dataset->root}, {"format", toString(dataset->format)},
                                {"categories", dataset->categories()},
                                {"train_images", dataset->select(Split::Train).size()},
                                {"normal_class", dataset->options.normalClass},
                                {"test_fraction", dataset->options.testFraction},
                                {"seed", dataset->options.seed}});
    }
    if (categorySet.size() > 1 && !request.unified)
        throw Error("the training data holds " + std::to_string(categorySet.size())
                    + " categories; train one model per category (--category) or pass --unified");
    if (normalByCategory.empty())
        throw Error("the training data holds no normal (defect-free) training images");

    // Hold out a seeded fraction of each category's normal images to calibrate
    // the threshold on scores the model has not memorised.
    for (auto& [category, samples] : normalByCategory) {
        std::vector<Sample> shuffled = samples;
        std::mt19937 rng(request.seed);
        seededShuffle(shuffled, rng);
        std::size_t holdOut = shuffled.size() >= 10
            ? std::max<std::size_t>(1, std::size_t(std::lround(request.calibrationFraction * double(shuffled.size()))))
            : 0;
        if (holdOut == 0)
            logWarning(DL_TR("Engine", "category '%1' has fewer than 10 normal training images: the threshold is "
                                       "calibrated on training images and will be optimistic"),
                       category);
        for (std::size_t i = 0; i < shuffled.size(); ++i)
            (i < holdOut ? set.calibration : input.normal).push_back(shuffled[i]);
        if (holdOut == 0)
            set.calibration.insert(set.calibration.end(), shuffled.begin(), shuffled.end());
    }
    // Stable order for fitting regardless of the shuffle.
    std::sort(input.normal.begin(), input.normal.end(), [](const Sample& a, const Sample& b) { return a.path < b.path; });
    input.categories.assign(categorySet.begin(), categorySet.end());
    return set;
}

// What a saved checkpoint must match to be continued: the method, its parameters,
// the backbone, the seed, the parent model and every training image (path, size,
// time stamp), as one SHA-256.
std::string checkpointKey(const TrainRequest& request, const FitInput& input)
{
    nlohmann::json key = {{"method", request.method},
                          {"params", request.params},
                          {"backbone", request.backbone.architecture},
                          {"weights", request.backbone.weightsPath},
                          {"seed", request.seed},
                          {"calibration_fraction", request.calibrationFraction},
                          {"parent", request.parentModelPath},
                          {"categories", input.categories}};
    auto files = [](const std::vector<Sample>& samples) {
        nlohmann::json list = nlohmann::json::array();
        for (const Sample& s : samples) {
            std::error_code error;
            const auto size = std::filesystem::file_size(s.path, error);
            const auto time = std::filesystem::last_write_time(s.path, error);
            list.push_back({s.path, s.maskPath, error ? -1 : std::int64_t(size),
                            error ? 0 : std::int64_t(time.time_since_epoch().count())});
        }
        return list;
    };
    key["normal"] = files(input.normal);
    key["labelled"] = files(input.labelledDefects);
    const std::string text = key.dump();
    return Sha256::ofBytes(text.data(), text.size());
}

void warmStartFromParent(Detector& detector, const TrainRequest& request, std::optional<bool> askedReducedJpegDecode)
{
    ModelBundle parent = ModelBundle::load(request.parentModelPath);
    std::string method;
    try {
        method = parent.headerText("method", "");
    } catch (const Error& e) {
        throw Error::forFile(request.parentModelPath, e.what());
    }
    if (method != request.method)
        throw Error::forFile(request.parentModelPath,
                             "parent model was trained with method '" + method + "', not '" + request.method + "'");
    // What a warm start reuses (DMAD's normal bank) was computed from the parent's decodes:
    // the child decodes the same way.
    bool parentReduced = false;
    try {
        parentReduced = preprocessFromJson(parent.header.at("preprocess")).reducedJpegDecode;
    } catch (const nlohmann::json::exception& e) {
        throw Error::forFile(request.parentModelPath, std::string("model bundle header is incomplete: ") + e.what());
    } catch (const Error& e) {
        throw Error::forFile(request.parentModelPath,
                             std::string("model bundle header has a damaged preprocess entry: ") + e.what());
    }
    if (askedReducedJpegDecode && *askedReducedJpegDecode != parentReduced)
        throw Error::forFile(request.parentModelPath,
                             std::string("parent model decodes JPEGs ") + (parentReduced ? "reduced" : "in full")
                                 + ", and a model trained from it keeps that (jpeg_decode="
                                 + (parentReduced ? "reduced" : "full") + "); train without a parent to change it");
    detector.info().preprocess.reducedJpegDecode = parentReduced;
    detector.warmStart(parent);
    // ModelBundle::load has checked the checksum, so it is text.
    detector.info().provenance["parent_bundle_sha256"] = parent.headerText("checksum_sha256", "");
    detector.info().provenance["parent_model"] = request.parentModelPath;
}

// Threshold and display statistics from the held-out normal images (and, for a method
// that did not train on them, the labelled defects).
void calibrate(Detector& detector, const TrainingSet& set, const TrainRequest& request,
               const ProgressContext& progress)
{
    const std::vector<Sample>& calibration = set.calibration;
    std::vector<float> imageScores;
    std::vector<float> pixelSamples;
    for (std::size_t i = 0; i < calibration.size(); ++i) {
        progress.checkCancelled();
        progress.report(0.9 + 0.1 * double(i) / double(calibration.size()), DL_TR("Engine", "calibrating threshold"));
        Prediction p = predictFile(detector, calibration[i].path);
        imageScores.push_back(p.score);
        // A strided subsample keeps the pixel statistics cheap and representative.
        const float* data = p.map.ptr<float>();
        for (std::size_t k = 0; k < p.map.total(); k += 7)
            pixelSamples.push_back(data[k]);
    }
    // Labelled defects refine the threshold (F1-optimal) where a method did not
    // train on them; a method that did would score them optimistically.
    std::vector<float> defectScores;
    if (!DetectorRegistry::instance().learnsFromLabels(request.method, request.params))
        for (const Sample& defect : set.input.labelledDefects)
            defectScores.push_back(predictFile(detector, defect.path).score);
    ThresholdResult threshold = chooseThreshold(imageScores, defectScores);
    ModelInfo& info = detector.info();
    info.threshold = threshold.threshold;
    info.thresholdSource = threshold.source;
    double mean = 0, var = 0;
    for (float s : imageScores) mean += s;
    mean /= double(std::max<std::size_t>(1, imageScores.size()));
    for (float s : imageScores) var += (s - mean) * (s - mean);
    var /= double(std::max<std::size_t>(1, imageScores.size()));
    info.normalisation = {
        {"calibration_images", calibration.size()},
        {"image_score_mean", mean},
        {"image_score_std", std::sqrt(var)},
        {"image_score_min", imageScores.empty() ? 0.0 : *std::min_element(imageScores.begin(), imageScores.end())},
        {"image_score_max", imageScores.empty() ? 0.0 : *std::max_element(imageScores.begin(), imageScores.end())},
        {"pixel_score_p50", quantile(pixelSamples, 0.50)},
        {"pixel_score_p99", quantile(pixelSamples, 0.99)},
        {"pixel_score_max", pixelSamples.empty() ? 0.0 : *std::max_element(pixelSamples.begin(), pixelSamples.end())},
    };
}

} // namespace

std::unique_ptr<Detector> trainDetector(const TrainRequest& request, const ProgressContext& progress)
{
    ensureRuntimeConfigured();
    if (request.datasets.empty())
        throw Error("no training data given (use --data PATH)");
    TrainingSet set = collectTrainingSet(request);
    if (!request.checkpointPath.empty())
        set.input.checkpoint = {request.checkpointPath, checkpointKey(request, set.input), request.resume};

    nlohmann::json methodParams = request.params;
    const TileSpec tiling = takeTilingParameters(methodParams);
    const std::optional<bool> askedReducedJpegDecode = takeJpegDecodeParameter(methodParams);
    auto detector = withTiling(DetectorRegistry::instance().create(request.method, methodParams), tiling);
    ModelInfo& info = detector->info();
    info.preprocess.reducedJpegDecode = askedReducedJpegDecode.value_or(true);
    info.backbone = request.backbone;
    info.categories = set.input.categories;
    if (!request.parentModelPath.empty())
        warmStartFromParent(*detector, request, askedReducedJpegDecode);
    const auto fitStart = Clock::now();
    detector->fit(set.input, progress.sub(0.0, 0.9));
    const double fitSeconds = msSince(fitStart) / 1000.0;

    calibrate(*detector, set, request, progress);
    info.provenance.update(nlohmann::json{
        {"datasets", set.datasets},
        {"unified", request.unified},
        {"normal_images", set.input.normal.size()},
        {"labelled_defects", set.input.labelledDefects.size()},
        {"fit_seconds", fitSeconds},
        {"created_utc", utcNow()},
        {"seed", request.seed},
        {"threads", runtimeThreads()},
#ifdef DEFECTLENS_VERSION
        {"defectlens_version", DEFECTLENS_VERSION},
#endif
    });
    progress.report(1.0, DL_TR("Engine", "done"));
    return detector;
}

namespace {

// The bundle of a detector: its header (method, parameters, backbone, preprocessing,
// threshold, provenance) and the method's own entries.
ModelBundle bundleOf(const Detector& detector)
{
    ModelBundle bundle;
    const ModelInfo& info = detector.info();
    bundle.header["method"] = info.method;
    bundle.header["params"] = info.params;
    bundle.header["backbone"] = {{"architecture", info.backbone.architecture},
                                 {"weights_path", info.backbone.weightsPath},
                                 {"sha256", info.backboneSha256}};
    bundle.header["preprocess"] = preprocessToJson(info.preprocess);
    bundle.header["categories"] = info.categories;
    bundle.header["threshold"] = {{"value", info.threshold}, {"source", info.thresholdSource}};
    bundle.header["normalisation"] = info.normalisation;
    bundle.header["provenance"] = info.provenance;
    if (info.tiling.enabled())
        bundle.header["tiling"] = {{"size", info.tiling.size}, {"overlap", info.tiling.overlap}};
    detector.save(bundle);
    return bundle;
}

// A detector from a parsed bundle; `path` names it in errors (the file it came from).
std::unique_ptr<Detector> detectorFromBundle(const ModelBundle& bundle, const std::string& path,
                                             const std::string& weightsOverride, const TileSpec& tilingOverride)
{
    std::unique_ptr<Detector> detector;
    try {
        const auto& h = bundle.header;
        TileSpec tiling;
        if (h.contains("tiling")) {
            nlohmann::json asParameters = {{"tile_size", h.at("tiling").at("size")},
                                           {"tile_overlap", h.at("tiling").at("overlap")}};
            try {
                tiling = takeTilingParameters(asParameters);
            } catch (const Error& e) {
                throw Error::forFile(path, std::string("model bundle header has a damaged tiling entry: ") + e.what());
            }
        }
        if (tilingOverride.enabled())
            tiling = tilingOverride;
        const std::string method = h.at("method").get<std::string>();
        nlohmann::json params = h.at("params");
        if (params.is_object())
            for (const auto& [key, value] : DetectorRegistry::instance().describe(method).bundleFallbacks.items())
                if (!params.contains(key)) params[key] = value;
        detector = withTiling(DetectorRegistry::instance().create(method, params), tiling);
        ModelInfo& info = detector->info();
        info.backbone.architecture = h.at("backbone").at("architecture").get<std::string>();
        info.backbone.weightsPath = weightsOverride.empty() ? h.at("backbone").at("weights_path").get<std::string>()
                                                            : weightsOverride;
        info.backboneSha256 = h.at("backbone").at("sha256").get<std::string>();
        try {
            info.preprocess = preprocessFromJson(h.at("preprocess"));
        } catch (const Error& e) {
            throw Error::forFile(path, std::string("model bundle header has a damaged preprocess entry: ") + e.what());
        }
        info.categories = h.at("categories").get<std::vector<std::string>>();
        info.threshold = h.at("threshold").at("value").get<double>();
        info.thresholdSource = h.at("threshold").at("source").get<std::string>();
        info.normalisation = h.at("normalisation");
        info.provenance = h.at("provenance");
        info.provenance["bundle_sha256"] = h.at("checksum_sha256");
    } catch (const nlohmann::json::exception& e) {
        throw Error::forFile(path, std::string("model bundle header is incomplete: ") + e.what());
    }
    // A recorded weights path that no longer exists falls back to the default location.
    std::error_code ec;
    if (!detector->info().backbone.weightsPath.empty()
        && !std::filesystem::exists(detector->info().backbone.weightsPath, ec) && weightsOverride.empty())
        detector->info().backbone.weightsPath.clear();
    detector->load(bundle);
    return detector;
}

} // namespace

std::string saveDetector(const Detector& detector, const std::string& path)
{
    std::string bytes = bundleOf(detector).serialize();
    std::string checksum = bytes.substr(bytes.size() - 64);
    writeFileAtomically(path, bytes);
    return checksum;
}

std::unique_ptr<Detector> loadDetector(const std::string& path, const std::string& weightsOverride,
                                       const TileSpec& tilingOverride)
{
    ensureRuntimeConfigured();
    ModelBundle bundle = ModelBundle::load(path);
    std::string kind, method;
    try {
        kind = bundle.headerText("kind", "");
        method = bundle.headerText("method", "synthesis");
    } catch (const Error& e) {
        throw Error::forFile(path, e.what());
    }
    if (kind == "synthesis") {
        // A generator (e.g. SDAS) is not a detector: say so instead of "unknown method".
        std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return char(std::toupper(c)); });
        throw Error::forFile(path, "is an " + method
                                       + " synthesis model; it generates images and does not score them, use synth "
                                         "(defectlens-cli synth --model MODEL.dlm ...)");
    }
    return detectorFromBundle(bundle, path, weightsOverride, tilingOverride);
}


void checkScoringParameters(const std::string& method, const nlohmann::json& params)
{
    const MethodDescription& description = DetectorRegistry::instance().describe(method);
    if (!params.is_object())
        throw Error("scoring parameters must be KEY=VALUE pairs");
    for (const auto& [key, value] : params.items()) {
        const auto& allowed = description.scoringParams;
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string list;
        for (const std::string& k : allowed) list += (list.empty() ? "" : ", ") + k;
        throw Error("'" + key + "' is not a scoring parameter of " + method + ": training reads it, so each value needs "
                    + "a model of its own (compare them as separate --param settings). " + method
                    + (list.empty() ? " has no parameters that only scoring reads" : "'s scoring parameters: " + list));
    }
}

std::unique_ptr<Detector> rescoredDetector(const Detector& trained, const nlohmann::json& scoringParams,
                                           const TrainRequest& request, const ProgressContext& progress)
{
    const std::string method = trained.info().method;
    checkScoringParameters(method, scoringParams);
    const std::string source = "the trained " + method + " model";
    // Through the bundle's bytes, as a saved and reloaded model would be: the new
    // detector shares no state with the trained one.
    ModelBundle bundle = ModelBundle::parse(bundleOf(trained).serialize(), source);
    for (const auto& [key, value] : scoringParams.items()) bundle.header["params"][key] = value;
    auto detector = detectorFromBundle(bundle, source, {}, {});
    calibrate(*detector, collectTrainingSet(request), request, progress);
    detector->info().provenance["rescored_with"] = scoringParams;
    return detector;
}

cv::Size modelDecodeAtLeast(const ModelInfo& info)
{
    return info.tiling.enabled() ? cv::Size() : info.preprocess.decodeAtLeast();
}

std::function<DecodedImage(const std::string&)> modelInputDecoder(const ModelInfo& info)
{
    const cv::Size atLeast = modelDecodeAtLeast(info);
    return [atLeast](const std::string& path) { return loadImageRgbAtLeast(path, atLeast); };
}

DecodedImage loadModelInput(const std::string& path, const ModelInfo& info)
{
    return modelInputDecoder(info)(path);
}

Prediction predictFile(Detector& detector, const std::string& imagePath)
{
    return detector.predict(loadModelInput(imagePath, detector.info()).rgb);
}

namespace {

// What evaluateDetector gathers per category: one entry per test image.
struct EvaluatedCategory {
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    std::vector<std::string> defectTypes; // "" for good images
    std::vector<PixelImage> pixels;
    std::vector<std::size_t> defectPixels; // nonzero mask pixels per image
    bool anyMask = false;
};

// Each defect type against the category's good images; empty with fewer than two types
// (one type's numbers are the category's).
std::vector<DefectTypeMetrics> defectTypeMetrics(const EvaluatedCategory& c)
{
    std::map<std::string, std::vector<std::size_t>> imagesOfType;
    std::vector<std::size_t> good;
    for (std::size_t i = 0; i < c.labels.size(); ++i)
        (c.labels[i] ? imagesOfType[c.defectTypes[i]] : good).push_back(i);
    std::vector<DefectTypeMetrics> result;
    if (imagesOfType.size() < 2 || good.empty())
        return result;
    std::size_t allDefectPixels = 0;
    for (const auto& [type, indices] : imagesOfType)
        for (std::size_t i : indices) allDefectPixels += c.defectPixels[i];
    for (const auto& [type, indices] : imagesOfType) {
        DefectTypeMetrics t;
        t.defectType = type;
        t.images = int(indices.size());
        std::vector<float> scores;
        std::vector<std::uint8_t> labels;
        PixelImageRefs pixels, ownPixels;
        std::size_t typeDefectPixels = 0, typePixels = 0;
        for (std::size_t i : good) {
            scores.push_back(c.scores[i]);
            labels.push_back(0);
            pixels.push_back(&c.pixels[i]);
        }
        for (std::size_t i : indices) {
            scores.push_back(c.scores[i]);
            labels.push_back(1);
            pixels.push_back(&c.pixels[i]);
            ownPixels.push_back(&c.pixels[i]);
            typeDefectPixels += c.defectPixels[i];
            typePixels += c.pixels[i].scores.size();
        }
        t.imageAuroc = auroc(scores, labels);
        if (typeDefectPixels > 0) {
            t.pixelAuroc = pixelAuroc(pixels);
            t.aupro = auPro(pixels, 0.3);
            t.defectPixelShare = double(typeDefectPixels) / double(allDefectPixels);
            if (typeDefectPixels < typePixels) // masks covering their whole images leave nothing to compare
                t.pixelAurocWithinImages = pixelAuroc(ownPixels);
        }
        result.push_back(std::move(t));
    }
    return result;
}

} // namespace

EvaluationReport evaluateDetector(Detector& detector, const std::vector<const Dataset*>& datasets,
                                  const ProgressContext& progress,
                                  const std::function<void(const EvaluatedImage&, const cv::Mat&)>& onImage,
                                  bool withCurves)
{
    EvaluationReport report;
    std::vector<const Sample*> samples;
    for (const Dataset* d : datasets)
        for (const Sample* s : d->select(Split::Test))
            samples.push_back(s);
    if (samples.empty())
        throw Error("the test data holds no test images");

    std::map<std::string, EvaluatedCategory> perCategory;
    double totalMs = 0;
    // The next image decodes on a worker while this one is scored.
    std::vector<std::string> paths;
    for (const Sample* s : samples)
        paths.push_back(s->path);
    ImagePrefetcher prefetch(paths, 1, modelInputDecoder(detector.info()));
    for (std::size_t i = 0; i < samples.size(); ++i) {
        progress.checkCancelled();
        progress.report(double(i) / double(samples.size()),
                        engineText(DL_TR("Engine", "testing %1"), samples[i]->relativePath));
        const Sample& s = *samples[i];
        const auto start = Clock::now();
        const DecodedImage image = prefetch.next();
        Prediction p = detector.predict(image.rgb);
        totalMs += msSince(start);

        // Masks and metrics at the file's size, also where the decode was reduced.
        const cv::Size size = image.fileSize;
        cv::Mat mask = s.maskPath.empty() ? cv::Mat::zeros(size, CV_8UC1) : loadMask(s.maskPath);
        if (mask.size() != size)
            throw Error::forFile(s.maskPath, "mask is " + std::to_string(mask.cols) + "x" + std::to_string(mask.rows)
                                                 + " but its image is " + std::to_string(size.width) + "x"
                                                 + std::to_string(size.height));
        cv::Mat full = resizeMap(p.map, mask.cols, mask.rows);
        EvaluatedImage evaluated{&s, p.score, p.map};
        if (onImage)
            onImage(evaluated, full);
        EvaluatedCategory& c = perCategory[s.category];
        c.scores.push_back(p.score);
        c.labels.push_back(s.label == 1 ? 1 : 0);
        c.defectTypes.push_back(s.label == 1 ? s.defectType : std::string());
        PixelImage px;
        px.width = full.cols;
        px.height = full.rows;
        px.scores.assign(full.ptr<float>(), full.ptr<float>() + full.total());
        px.mask.assign(mask.ptr<std::uint8_t>(), mask.ptr<std::uint8_t>() + mask.total());
        c.defectPixels.push_back(std::size_t(cv::countNonZero(mask)));
        c.anyMask = c.anyMask || c.defectPixels.back() > 0;
        c.pixels.push_back(std::move(px));
        report.images.push_back(std::move(evaluated));
    }
    report.secondsPerImage = totalMs / 1000.0 / double(samples.size());

    auto defined = [](double v) { return v >= 0; };
    std::map<std::string, std::pair<double, int>> sums;
    for (auto& [name, c] : perCategory) {
        progress.report(1.0, engineText(DL_TR("Engine", "computing metrics for %1"), name));
        CategoryMetrics m;
        m.category = name;
        m.images = int(c.scores.size());
        bool bothClasses = std::count(c.labels.begin(), c.labels.end(), 1) > 0
                        && std::count(c.labels.begin(), c.labels.end(), 0) > 0;
        if (bothClasses) {
            m.imageAuroc = auroc(c.scores, c.labels);
            m.ap = averagePrecision(c.scores, c.labels);
            m.f1Max = f1Max(c.scores, c.labels).f1;
        }
        if (c.anyMask) {
            m.pixelAuroc = pixelAuroc(c.pixels);
            m.aupro = auPro(c.pixels, 0.3);
        }
        if (withCurves) {
            CategoryCurves curves;
            curves.category = name;
            if (bothClasses)
                curves.roc = rocCurve(c.scores, c.labels);
            if (c.anyMask)
                curves.pro = proCurve(c.pixels, 0.3);
            report.curves.push_back(std::move(curves));
        }
        m.defectTypes = defectTypeMetrics(c);
        c.pixels.clear();
        c.pixels.shrink_to_fit();
        report.categories.push_back(m);
        const std::pair<const char*, double> values[] = {{"image_auroc", m.imageAuroc}, {"pixel_auroc", m.pixelAuroc},
                                                         {"aupro", m.aupro}, {"f1_max", m.f1Max}, {"ap", m.ap}};
        for (const auto& [key, v] : values)
            if (defined(v)) { sums[key].first += v; sums[key].second += 1; }
    }
    auto meanOf = [&](const char* key) { auto it = sums.find(key); return it == sums.end() ? -1.0 : it->second.first / it->second.second; };
    report.mean.category = "mean";
    report.mean.imageAuroc = meanOf("image_auroc");
    report.mean.pixelAuroc = meanOf("pixel_auroc");
    report.mean.aupro = meanOf("aupro");
    report.mean.f1Max = meanOf("f1_max");
    report.mean.ap = meanOf("ap");
    report.mean.images = int(samples.size());
    return report;
}

} // namespace dl
