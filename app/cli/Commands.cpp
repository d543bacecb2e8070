#include "cli/Commands.h"
#include "cli/DbCommand.h"
#include "database/DatabaseLocation.h"

#include "cli/CrossValidateCommand.h"
#include "cli/SynthCommands.h"
#include "cli/ThresholdCommand.h"
#include "cli/WatchCommand.h"
#include "cli/LabelNextCommand.h"

#include "common/BlasKernel.h"
#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "common/UserName.h"
#include "data/ImageIO.h"
#include "data/ImagePrefetch.h"
#include "data/Importers.h"
#include "data/SampleData.h"
#include "database/Store.h"
#include "database/StoreRecorder.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "engine/NetworkTiming.h"
#include "engine/Overlay.h"
#include "engine/Runtime.h"
#include "methods/sdas/SdasTraining.h"
#include "workflow/DatasetRecording.h"
#include "workflow/RecordedRun.h"
#include "workflow/SdasFit.h"
#include "workflow/Workflow.h"


#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>

namespace dl::cli {

namespace {
// Set by SIGINT / SIGTERM so that Ctrl-C ends long work cleanly at the next
// check (the run is recorded as cancelled, exit status 130). A second signal
// ends the process at once, in case the work is stuck where nothing checks.
std::shared_ptr<CancelToken> g_cancel = std::make_shared<CancelToken>();
extern "C" void onInterrupt(int signalNumber)
{
    if (g_cancel->isCancelled()) {
        std::signal(signalNumber, SIG_DFL);
        std::raise(signalNumber);
        return;
    }
    g_cancel->cancel();
}
} // namespace

TileSpec tilingOverride(const CliOptions& o)
{
    return o.command == "fit" ? TileSpec{} : TileSpec{o.tileSize, std::max(0, o.tileOverlap)};
}

ProgressContext stderrProgress(const CliOptions& o)
{
    ProgressContext p;
    p.cancel = g_cancel;
    if (o.quiet) return p;
    auto lastStage = std::make_shared<std::string>();
    auto lastPercent = std::make_shared<int>(-100);
    p.onProgress = [lastStage, lastPercent](double f, const EngineText& stage) {
        int percent = int(std::lround(f * 100.0));
        // Per-image stages ("testing %1") collapse to their source text, plain ones to their first word.
        const std::string key = stage.translatable() ? std::string(stage.source) : stage.text.substr(0, stage.text.find(' '));
        if (key != *lastStage || percent >= *lastPercent + 5) {
            std::cerr << "[" << percent << "%] " << stage.text << std::endl;
            *lastStage = key;
            *lastPercent = percent;
        }
    };
    return p;
}

// --labelled-list FILE: one relative image path per line; blank lines and # comments ignored.
std::vector<std::string> readLabelledList(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error::forFile(path, "cannot read the list of labelled defects");
    std::vector<std::string> paths;
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
            continue;
        paths.push_back(line.substr(first));
    }
    return paths;
}

std::vector<Dataset> importAll(const CliOptions& o)
{
    std::vector<Dataset> datasets;
    for (const auto& d : o.data) {
        Dataset ds = importDataset(d.path, d.options);
        // The same seeded move in fit, test and benchmark, so labelled training
        // defects never reappear as test images.
        if (o.labelledDefects > 0)
            moveLabelledDefectsToTrain(ds, o.labelledDefects, o.labelSeed, o.labelledDraw);
        if (!o.labelledListPath.empty())
            moveNamedDefectsToTrain(ds, readLabelledList(o.labelledListPath));
        for (const auto& skipped : ds.skipped)
            logWarning("skipped " + skipped.path + ": " + skipped.reason);
        if (!o.quiet)
            std::cerr << "dataset " << ds.root << " (" << toString(ds.format) << "): "
                      << ds.select(Split::Train).size() << " train, " << ds.select(Split::Test).size()
                      << " test images, categories:";
        if (!o.quiet) {
            for (const auto& c : ds.categories()) std::cerr << ' ' << c;
            std::cerr << std::endl;
        }
        datasets.push_back(std::move(ds));
    }
    return datasets;
}

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

QString q(const std::string& s) { return QString::fromStdString(s); }
using workflow::metricsJson;

void writeJsonFile(const std::string& path, const json& j)
{
    writeFileAtomically(path, j.dump(2) + "\n");
}

std::string replaceExtension(const std::string& relative, const std::string& ext)
{
    fs::path p(relative);
    p.replace_extension(ext);
    return p.generic_string();
}

} // namespace

// Records runs/results in SQLite unless --no-db, through the workflow both front
// ends share (core/workflow). The database is opened before any work starts, so
// an unusable database fails the command early and clearly.
db::JobRecorder openRecorder(const CliOptions& o)
{
    if (o.noDb) return db::JobRecorder(QString());
    return db::JobRecorder(o.dbPath.empty() ? db::Store::defaultDatabasePath() : q(o.dbPath));
}

void applyDatabaseLabels(const CliOptions& o, workflow::WorkRecorder& recorder, std::vector<Dataset>& datasets)
{
    if (!o.labelsFromDb) return;
    for (auto& d : datasets) {
        const int n = workflow::applyDatabaseLabels(recorder, d);
        if (!o.quiet)
            std::cerr << d.root << ": " << n << " annotated defect image(s) from the database used as labelled training data"
                      << std::endl;
    }
}

nlohmann::json datasetParams(const CliOptions& o)
{
    nlohmann::json data = nlohmann::json::array();
    for (const auto& d : o.data)
        data.push_back({{"path", d.path}, {"format", toString(d.options.format)}, {"category", d.options.category},
                        {"normal_class", d.options.normalClass}, {"test_fraction", d.options.testFraction},
                        {"seed", d.options.seed}});
    return data;
}

namespace {

// fit --method sdas: trains the SDAS synthesis model (a generator, not a detector: no
// threshold calibration). The run, its datasets and the model are recorded; a fit with
// the same --out resumes from the checkpoint an interrupted one left beside it.
int runFitSdas(const CliOptions& o)
{
    if (!o.parentModelPath.empty())
        throw Error("sdas cannot start from a parent model (--parent); a fit with the same --out, parameters and data "
                    "resumes from its checkpoint instead");
    if (o.labelledDefects > 0 || o.labelsFromDb)
        logWarning("sdas trains on normal images only; labelled defects are not used");
    const json params = sdasMergedParams(o.params); // a bad --param fails before any work
    std::vector<Dataset> datasets = importAll(o);
    db::JobRecorder recording = openRecorder(o);
    workflow::SdasFitJob job;
    job.datasets = workflow::pointersTo(datasets);
    job.params = o.params;
    job.outputPath = o.outPath;
    job.runParams = {{"method", kSdasMethod}, {"data", datasetParams(o)}, {"params", o.params}, {"out", o.outPath}};
    const SdasFitResult result = workflow::fitSdasAndRecord(recording.recorder(), job, stderrProgress(o)).fit;
    std::cout << json({{"model", o.outPath}, {"method", kSdasMethod}, {"kind", "synthesis"},
                       {"categories", result.categories}, {"iterations", result.iterations},
                       {"resumed_from", result.resumedFrom}, {"fit_seconds", result.seconds},
                       {"params", params}, {"bundle_sha256", result.checksum}}).dump(2)
              << std::endl;
    return 0;
}

int runFit(const CliOptions& o)
{
    requireWritableOutput(o.outPath); // before minutes of training, not after
    if (o.method == kSdasMethod)
        return runFitSdas(o);
    std::vector<Dataset> datasets = importAll(o);
    if (o.labelledDefects > 0 && !DetectorRegistry::instance().learnsFromLabels(o.method, o.params))
        logWarning("method '" + o.method + "' does not train on labelled defects with these parameters; they only refine its threshold");
    db::JobRecorder recording = openRecorder(o);
    applyDatabaseLabels(o, recording.recorder(), datasets);
    workflow::FitJob job;
    job.runParams = {{"method", o.method}, {"data", datasetParams(o)}, {"unified", o.unified},
                     {"labelled_defects", o.labelledDefects}, {"params", o.params}, {"out", o.outPath}};
    job.request.method = o.method;
    job.request.params = o.params;
    job.request.backbone.architecture = o.backboneArchitecture;
    job.request.backbone.weightsPath = o.weightsPath;
    job.request.datasets = workflow::pointersTo(datasets);
    job.request.unified = o.unified;
    job.request.seed = o.labelSeed;
    job.request.parentModelPath = o.parentModelPath;
    // Methods that train for epochs save each one beside the bundle; --resume continues it.
    job.request.checkpointPath = workflow::trainingCheckpointPath(o.outPath);
    job.request.resume = o.resume;
    job.outputPath = o.outPath;
    const workflow::FitOutcome fit = workflow::fitAndRecord(recording.recorder(), job, stderrProgress(o));
    std::cout << json({{"model", o.outPath}, {"method", o.method}, {"categories", fit.detector->info().categories},
                       {"fit_seconds", fit.seconds}, {"threshold", fit.detector->info().threshold},
                       {"bundle_sha256", fit.checksum}}).dump(2)
              << std::endl;
    return 0;
}

// With several datasets, maps go under a per-dataset folder named after it.
std::map<std::string, std::string> mapFolderPrefixes(const std::vector<Dataset>& datasets)
{
    std::map<std::string, std::string> prefix;
    if (datasets.size() < 2) return prefix;
    std::map<std::string, int> seen;
    for (const auto& d : datasets) {
        std::string name = fs::path(d.root).filename().string();
        int n = seen[name]++;
        prefix[d.root] = n == 0 ? name : name + "-" + std::to_string(n + 1);
    }
    return prefix;
}

// Saves each evaluated image's map as a float TIFF under --maps-dir.
std::function<std::string(const EvaluatedImage&, const cv::Mat&)> mapWriter(const CliOptions& o,
                                                                            const std::vector<Dataset>& datasets)
{
    if (o.mapsDir.empty()) return {};
    std::map<const Sample*, std::string> prefixOf;
    const std::map<std::string, std::string> prefixes = mapFolderPrefixes(datasets);
    for (const auto& d : datasets)
        if (auto it = prefixes.find(d.root); it != prefixes.end())
            for (const auto& s : d.samples) prefixOf[&s] = it->second;
    return [mapsDir = o.mapsDir, prefixOf](const EvaluatedImage& e, const cv::Mat& full) {
        std::string rel = replaceExtension(e.sample->relativePath, ".tiff");
        if (auto it = prefixOf.find(e.sample); it != prefixOf.end()) rel = it->second + "/" + rel;
        // Importers refuse paths out of a dataset's root; this keeps the promise
        // "nothing is written outside --maps-dir" even if one ever slipped through.
        const fs::path relative = fs::path(rel).lexically_normal();
        if (relative.is_absolute() || relative.empty() || *relative.begin() == "..")
            throw Error::forFile(e.sample->path, "its map would be written outside --maps-dir (" + rel + "); refused");
        std::string out = (fs::path(mapsDir) / relative).string();
        writeFloatTiff(out, full);
        return out;
    };
}

json testJson(const CliOptions& o, const Detector& detector, const EvaluationReport& report)
{
    json categories = json::object();
    for (const auto& c : report.categories) categories[c.category] = metricsJson(c);
    json images = json::array();
    for (const auto& e : report.images)
        images.push_back({{"path", e.sample->relativePath}, {"category", e.sample->category},
                          {"label", e.sample->label == 1 ? 1 : 0}, {"score", e.score},
                          {"defect_type", e.sample->defectType}});
    return {{"model", o.modelPath}, {"method", detector.info().method},
            {"categories", categories}, {"mean", metricsJson(report.mean)},
            {"seconds_per_image", report.secondsPerImage}, {"threshold", detector.info().threshold},
            {"threshold_source", detector.info().thresholdSource}, {"images", images}};
}

int runTest(const CliOptions& o)
{
    std::vector<Dataset> datasets = importAll(o);
    auto detector = loadDetector(o.modelPath, o.weightsPath, tilingOverride(o));
    db::JobRecorder recording = openRecorder(o);
    applyDatabaseLabels(o, recording.recorder(), datasets);
    workflow::EvaluateJob job;
    job.datasets = workflow::pointersTo(datasets);
    job.runParams = {{"model", o.modelPath}, {"data", datasetParams(o)}, {"maps_dir", o.mapsDir}};
    job.saveMap = mapWriter(o, datasets);
    json summary;
    job.publish = [&](const EvaluationReport& report) {
        summary = testJson(o, *detector, report);
        writeJsonFile(o.jsonPath, summary);
        summary.erase("images");
    };
    workflow::evaluateAndRecord(recording.recorder(), *detector, job, stderrProgress(o));
    std::cout << summary.dump(2) << std::endl;
    return 0;
}

// Writes the overlay of a scored image under --overlay-dir, mirroring its place below --input.
std::function<std::string(const std::string&, const cv::Mat&, const Prediction&)> overlayWriter(
    const CliOptions& o, const Detector& detector)
{
    if (o.overlayDir.empty()) return {};
    const DisplayRange range = displayRange(detector.info());
    OverlayStyle style;
    style.contourScore = detector.info().threshold;
    const fs::path inputAbsolute = fs::absolute(o.inputPath);
    const fs::path inputRoot = fs::is_directory(inputAbsolute) ? inputAbsolute : inputAbsolute.parent_path();
    return [overlayDir = o.overlayDir, range, style, inputRoot](const std::string& file, const cv::Mat& image,
                                                                const Prediction& p) {
        fs::path rel = fs::absolute(file).lexically_relative(inputRoot);
        if (rel.empty() || rel.native().rfind("..", 0) == 0) rel = fs::path(file).filename();
        rel.replace_extension(".png");
        const std::string overlayPath = (fs::path(overlayDir) / rel).string();
        writeImage(overlayPath, renderOverlay(image, p.map, range, style));
        return overlayPath;
    };
}

json predictJson(const CliOptions& o, const Detector& detector, const std::vector<workflow::PredictedFile>& files)
{
    json images = json::array();
    int failures = 0;
    for (const auto& f : files) {
        json entry = {{"path", f.path}};
        if (f.score) {
            entry["score"] = *f.score;
            entry["verdict"] = f.defect ? "defect" : "ok";
        }
        if (!f.overlayPath.empty()) entry["overlay"] = f.overlayPath;
        if (!f.error.empty()) {
            entry["error"] = f.error;
            ++failures;
        }
        images.push_back(entry);
    }
    return {{"model", o.modelPath}, {"method", detector.info().method}, {"threshold", detector.info().threshold},
            {"images", images}, {"failed", failures}};
}

int runPredict(const CliOptions& o)
{
    auto detector = loadDetector(o.modelPath, o.weightsPath, tilingOverride(o));
    workflow::PredictJob job;
    job.files = listImageFiles(o.inputPath);
    db::JobRecorder recording = openRecorder(o);
    job.runParams = {{"model", o.modelPath}, {"input", o.inputPath}, {"overlay_dir", o.overlayDir}};
    if (!o.quiet)
        job.onFile = [&](std::size_t i) {
            std::cerr << "[" << (i + 1) << "/" << job.files.size() << "] " << job.files[i] << std::endl;
        };
    job.saveOverlay = overlayWriter(o, *detector);
    job.progress.cancel = g_cancel;
    job.publish = [&](const std::vector<workflow::PredictedFile>& files) {
        const json out = predictJson(o, *detector, files);
        if (!o.jsonPath.empty()) writeJsonFile(o.jsonPath, out);
        else std::cout << out.dump(2) << std::endl;
    };
    const auto files = workflow::predictAndRecord(recording.recorder(), *detector, job);
    const bool anyFailed = std::any_of(files.begin(), files.end(), [](const auto& f) { return !f.error.empty(); });
    return anyFailed ? 3 : 0;
}

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    double pos = q * double(v.size() - 1);
    std::size_t lo = std::size_t(pos), hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

int runBenchmark(const CliOptions& o)
{
    std::vector<Dataset> datasets = importAll(o);
    auto detector = loadDetector(o.modelPath, o.weightsPath, tilingOverride(o));
    std::vector<std::string> files;
    for (const auto& d : datasets) {
        for (const Sample* s : d.select(Split::Test)) files.push_back(s->path);
        for (const Sample* s : d.select(Split::Train)) files.push_back(s->path);
    }
    if (files.empty()) throw Error("benchmark data holds no images");
    if (o.benchmarkImages > 0 && files.size() > std::size_t(o.benchmarkImages)) files.resize(std::size_t(o.benchmarkImages));

    db::JobRecorder recording = openRecorder(o);
    applyDatabaseLabels(o, recording.recorder(), datasets);
    workflow::RecordedRun run(recording.recorder(), workflow::RunKind::Benchmark,
                              {{"model", o.modelPath}, {"data", datasetParams(o)}, {"images", files.size()}});
    return run.complete([&] {
        struct OneAtATime { std::vector<double> e2e, net, decode, megapixels; std::size_t reducedDecodes = 0; };
        // Decoded as the model takes its input (a large JPEG at a reduced scale).
        const auto decode = modelInputDecoder(detector->info());
        auto oneAtATime = [&](const char* path) {
            for (int i = 0; i < o.warmup; ++i) predictFile(*detector, files[std::size_t(i) % files.size()]);
            OneAtATime m;
            for (std::size_t i = 0; i < files.size(); ++i) {
                if (!o.quiet && i % 10 == 0)
                    std::cerr << "[" << (100 * i / files.size()) << "%] one image at a time, " << path << " path" << std::endl;
                const auto start = Clock::now();
                const DecodedImage image = decode(files[i]);
                m.decode.push_back(msSince(start));
                m.megapixels.push_back(double(image.fileSize.area()) / 1e6);
                m.reducedDecodes += image.reduced() ? 1 : 0;
                Prediction p = detector->predict(image.rgb);
                m.e2e.push_back(msSince(start));
                m.net.push_back(p.networkMs);
            }
            return m;
        };
        // The plain path first (same files, same warm-up), then the path in use.
        std::optional<OneAtATime> plain;
        if (o.fastPath) {
            setFastInference(false);
            plain = oneAtATime("plain");
            setFastInference(true);
        }
        const OneAtATime m = oneAtATime(o.fastPath ? "fast" : "plain");
        // Batched throughput: decode + score in batches of --batch.
        // The next images decode on a worker while the network scores this batch.
        // One batch first, untimed, like the warm-up above: fast copies of traced
        // networks are built per batch size on first use.
        if (o.warmup > 0) {
            std::vector<cv::Mat> warmupBatch;
            for (std::size_t i = 0; i < std::min(files.size(), std::size_t(o.batchSize)); ++i)
                warmupBatch.push_back(decode(files[i]).rgb);
            detector->predictBatch(warmupBatch);
        }
        const auto batchStart = Clock::now();
        ImagePrefetcher prefetch(files, std::size_t(o.batchSize), decode);
        for (std::size_t begin = 0; begin < files.size(); begin += std::size_t(o.batchSize)) {
            std::vector<cv::Mat> images;
            for (std::size_t i = begin; i < std::min(files.size(), begin + std::size_t(o.batchSize)); ++i)
                images.push_back(prefetch.next().rgb);
            detector->predictBatch(images);
        }
        const double batchSeconds = msSince(batchStart) / 1000.0;
        json out = {{"model", o.modelPath}, {"method", detector->info().method}, {"images", files.size()},
                    {"threads", runtimeThreads()}, {"fast_path", o.fastPath},
                    {"e2e_ms_median", percentile(m.e2e, 0.5)}, {"e2e_ms_p95", percentile(m.e2e, 0.95)},
                    // Per megapixel of input: what matters for large frames scored in tiles.
                    {"e2e_ms_per_megapixel",
                     std::accumulate(m.e2e.begin(), m.e2e.end(), 0.0)
                         / std::max(1e-9, std::accumulate(m.megapixels.begin(), m.megapixels.end(), 0.0))},
                    {"tiling", detector->info().tiling.enabled()
                                   ? json{{"size", detector->info().tiling.size},
                                          {"overlap", detector->info().tiling.overlap}}
                                   : json(nullptr)},
                    {"e2e_ms_mean", std::accumulate(m.e2e.begin(), m.e2e.end(), 0.0) / double(m.e2e.size())},
                    {"decode_ms_median", percentile(m.decode, 0.5)},
                    {"reduced_decodes", m.reducedDecodes},
                    {"net_ms_median", percentile(m.net, 0.5)},
                    {"batch_size", o.batchSize},
                    {"images_per_second", double(files.size()) / batchSeconds},
                    {"peak_rss_mb", peakRssMb()}};
        // The backbone alone, on both paths, with its arithmetic and the share of the
        // machine's measured matrix-multiply peak it reaches.
        const NetworkTiming backbone = timeBackbone(detector->info(), 20);
        const double peak = measuredPeakGflops();
        json network = {{"network", backbone.network}, {"plain_ms", backbone.plainMs}, {"gflop", backbone.gflop}};
        if (o.fastPath) {
            network["fast_ms"] = backbone.fastMs;
            network["speedup"] = backbone.plainMs / std::max(1e-9, backbone.fastMs);
        }
        const double usedMs = o.fastPath ? backbone.fastMs : backbone.plainMs;
        if (backbone.gflop > 0) {
            network["gflops_per_second"] = backbone.gflop / (usedMs / 1000.0);
            network["share_of_peak"] = backbone.gflop / (usedMs / 1000.0) / peak;
        }
        out["networks"] = json::array({network});
        // The method's own trained networks on their fast path, where it has one.
        for (const NetworkTiming& trained : detector->timeTrainedNetworks(20)) {
            json entry = {{"network", trained.network}, {"plain_ms", trained.plainMs}, {"gflop", trained.gflop}};
            const double ms = o.fastPath ? trained.fastMs : trained.plainMs;
            if (o.fastPath) {
                entry["fast_ms"] = trained.fastMs;
                entry["speedup"] = trained.plainMs / std::max(1e-9, trained.fastMs);
            }
            if (trained.gflop > 0) {
                entry["gflops_per_second"] = trained.gflop / (ms / 1000.0);
                entry["share_of_peak"] = trained.gflop / (ms / 1000.0) / peak;
            }
            out["networks"].push_back(entry);
        }
        // What libgomp was started with (both mains set a passive policy with a short
        // spin unless the user chose): timings depend on it.
        auto environmentValue = [](const char* name) {
            const char* value = std::getenv(name);
            return value ? json(value) : json(nullptr);
        };
        out["openmp"] = {{"wait_policy", environmentValue("OMP_WAIT_POLICY")},
                         {"spin_count", environmentValue("GOMP_SPINCOUNT")}};
        // Which OpenBLAS kernels ran the matrix products (the searches, the linear
        // layers, the peak below), and whether they were asked for.
        const std::string blasKernel = openBlasKernel();
        out["blas"] = {{"openblas_kernel", blasKernel.empty() ? json(nullptr) : json(blasKernel)},
                       {"coretype", environmentValue("OPENBLAS_CORETYPE")}};
        out["peak_gflops_per_second"] = peak;
        // How much lies beside decode and network (search, maps, copies), and how close the
        // batched pass comes to overlapping decode with the network completely.
        {
            const double decodeMs = percentile(m.decode, 0.5), netMs = percentile(m.net, 0.5);
            out["e2e_over_decode_plus_network"] = percentile(m.e2e, 0.5) / std::max(1e-9, decodeMs + netMs);
            out["batched_share_of_overlap_bound"] =
                double(files.size()) / batchSeconds / (1000.0 / std::max(1e-9, std::max(decodeMs, netMs)));
        }
        if (plain) {
            out["plain"] = {{"e2e_ms_median", percentile(plain->e2e, 0.5)},
                            {"decode_ms_median", percentile(plain->decode, 0.5)},
                            {"net_ms_median", percentile(plain->net, 0.5)}};
            out["net_speedup"] = percentile(plain->net, 0.5) / std::max(1e-9, percentile(m.net, 0.5));
            out["e2e_speedup"] = percentile(plain->e2e, 0.5) / std::max(1e-9, percentile(m.e2e, 0.5));
        }
        writeJsonFile(o.jsonPath, out);
        std::cout << out.dump(2) << std::endl;
        return 0;
    });
}

int runMethods()
{
    json out = json::array();
    for (const auto& m : DetectorRegistry::instance().methods())
        out.push_back({{"name", m.name}, {"kind", "detector"}, {"title", m.title}, {"summary", m.summary},
                       {"semi_supervised", m.semiSupervised}, {"label_use", m.labelUse.text},
                       {"warm_starts", m.warmStarts}, {"parameters", m.defaultParams},
                       {"scoring_parameters", m.scoringParams}});
    // Not a detector: the diffusion model RealNet's anomaly synthesis samples from.
    out.push_back({{"name", kSdasMethod}, {"kind", "synthesis"},
                   {"title", "SDAS (strength-controllable diffusion anomaly synthesis)"},
                   {"summary", "Class-conditional DDPM UNet trained on normal images; ancestral sampling with each "
                               "step's noise scaled by sqrt(1 + strength) gives normal-looking (0) to anomalous "
                               "images. Train with fit --method sdas, sample with synth; it does not score images."},
                   {"semi_supervised", false}, {"parameters", sdasDefaultParams()},
                   {"scoring_parameters", json::array()}});
    std::cout << out.dump(2) << std::endl;
    return 0;
}

// The database of --db (or the user's default one), for commands that read or change it.
std::unique_ptr<db::Store> openDatabase(const CliOptions& o)
{
    auto store = std::make_unique<db::Store>();
    store->open(o.dbPath.empty() ? db::Store::defaultDatabasePath() : q(o.dbPath));
    return store;
}

// How messages name the database (a server address without its password).
std::string databaseName(const CliOptions& o)
{
    if (o.dbPath.empty())
        return db::Store::defaultDatabasePath().toStdString();
    try {
        return db::DatabaseLocation::parse(q(o.dbPath)).displayName().toStdString();
    } catch (const db::DatabaseError&) {
        return o.dbPath; // not usable anyway; opening it reports why
    }
}

// `--model active`: the bundle of the database's newest promotion.
std::string activeModelPath(const CliOptions& o)
{
    std::unique_ptr<db::Store> store = openDatabase(o);
    const std::optional<db::ModelRecord> active = store->activeModel();
    if (!active)
        throw Error("the database " + databaseName(o)
                    + " has no active model yet; put one into use with: defectlens-cli promote --model-id N");
    // The recorded file, or the bundle stored in the database (fetched once into the cache).
    const std::string path = store->bundleFileForModel(*active).toStdString();
    if (!fs::exists(path))
        throw Error("the active model " + std::to_string(active->id) + " of " + databaseName(o) + " names " + path
                    + ", which does not exist any more (and its bundle is not stored in the database)");
    return path;
}

json modelJson(const db::ModelRecord& m, bool active)
{
    json categories = json::array();
    for (const QString& c : m.categories) categories.push_back(c.toStdString());
    return {{"id", m.id},
            {"method", m.method.toStdString()},
            {"categories", categories},
            {"bundle_path", m.bundlePath.toStdString()},
            {"bundle_checksum", m.bundleChecksum.toStdString()},
            {"parent_model_id", m.parentModelId ? json(*m.parentModelId) : json(nullptr)},
            {"created_utc", m.createdAt.toString(Qt::ISODate).toStdString()},
            {"metrics", m.metrics},
            {"notes", m.notes.toStdString()},
            {"active", active}};
}

int runModels(const CliOptions& o)
{
    std::unique_ptr<db::Store> store = openDatabase(o);
    const std::optional<db::ModelRecord> active = store->activeModel();
    json out = json::array();
    for (const db::ModelRecord& m : store->listModels()) // newest first
        out.push_back(modelJson(m, active && active->id == m.id));
    if (!o.jsonPath.empty()) writeJsonFile(o.jsonPath, out);
    std::cout << out.dump(2) << std::endl;
    return 0;
}

int runPromote(const CliOptions& o)
{
    std::unique_ptr<db::Store> store = openDatabase(o);
    std::optional<db::ModelRecord> model;
    if (o.modelId > 0) {
        model = store->model(o.modelId);
        if (!model)
            throw Error("the database " + databaseName(o) + " has no model " + std::to_string(o.modelId)
                        + " (defectlens-cli models lists them)");
    } else {
        // By content, so a bundle that was copied or moved is still recognised.
        model = store->findModelByChecksum(q(ModelBundle::fileChecksum(o.modelPath)));
        if (!model)
            throw Error(o.modelPath + " is not a model recorded in " + databaseName(o)
                        + " (no model has its checksum; defectlens-cli models lists them)");
    }
    if (model->method.toStdString() == kSdasMethod)
        throw Error("model " + std::to_string(model->id) + " (" + model->bundlePath.toStdString()
                    + ") is an SDAS synthesis model; it generates images and cannot be put into use as a detector");
    const db::ModelPromotionRecord promotion = store->promoteModel(model->id, q(currentUserName()), q(o.reason));
    json out = modelJson(*model, true);
    out["promotion"] = {{"id", promotion.id}, {"user", promotion.user.toStdString()},
                        {"reason", promotion.reason.toStdString()},
                        {"created_utc", promotion.createdAt.toString(Qt::ISODate).toStdString()},
                        {"bundle_in_database", promotion.bundleInDatabase}};
    if (!promotion.bundleInDatabase)
        logWarning("the bundle " + model->bundlePath.toStdString() + " could not be read, so it is not stored in the "
                   "database: stations without that file cannot load the active model");
    std::cout << out.dump(2) << std::endl;
    return 0;
}

int runInfo(const CliOptions& o)
{
    ModelBundle bundle = ModelBundle::load(o.modelPath);
    json out = bundle.header;
    json entries = json::object();
    for (const auto& [name, e] : bundle.entries())
        entries[name] = {{"dtype", e.dtype}, {"shape", e.shape}, {"bytes", e.bytes.size()}};
    out["entries"] = entries;
    std::cout << out.dump(2) << std::endl;
    return 0;
}

} // namespace

int runCommand(const CliOptions& given)
{
    CliOptions o = given;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    setLogVerbose(o.verbose);
    configureRuntime(o.threads);
    setFastInference(o.fastPath);
    if (o.maxImagePixels > 0) setMaxImagePixels(std::uint64_t(o.maxImagePixels));
    if (o.command == "help") { std::cout << usageText(); return 0; }
    if (o.command == "methods") return runMethods();
    if (o.command == "models") return runModels(o);
    if (o.command == "promote") return runPromote(o);
    if (o.command == "db") return runDb(o);
    // watch follows the active model itself, switching when another is promoted.
    if (o.command == "watch") return runWatch(o);
    if (o.modelPath == kActiveModel) o.modelPath = activeModelPath(o);
    if (o.command == "info") return runInfo(o);
    if (o.command == "make-sample") {
        writeSampleDataset(o.outPath);
        std::cout << "sample dataset (MVTec layout) written to " << o.outPath << std::endl;
        return 0;
    }
    if (o.command == "fit") return runFit(o);
    if (o.command == "crossvalidate") return runCrossValidate(o);
    if (o.command == "threshold") return runThreshold(o);
    if (o.command == "test") return runTest(o);
    if (o.command == "predict") return runPredict(o);
    if (o.command == "label-next") return runLabelNext(o);
    if (o.command == "benchmark") return runBenchmark(o);
    if (o.command == "synth") return runSynth(o);
    throw Error("unknown command '" + o.command + "'");
}

} // namespace dl::cli
