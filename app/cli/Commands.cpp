#include "cli/Commands.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "common/Sha256.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "data/SampleData.h"
#include "database/Store.h"
#include "engine/DetectorRegistry.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "engine/Overlay.h"
#include "engine/Runtime.h"
#include "workflow/RunRecording.h"

#include <QDir>
#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <csignal>
#include <sys/resource.h>

namespace dl::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

QString q(const std::string& s) { return QString::fromStdString(s); }
using workflow::metricsJson;

// Set by SIGINT so that Ctrl-C ends long work cleanly (the run is recorded as cancelled).
std::shared_ptr<CancelToken> g_cancel = std::make_shared<CancelToken>();
extern "C" void onInterrupt(int) { g_cancel->cancel(); }

// Progress on stderr: one line per stage change and every ~5%, unless --quiet.
ProgressContext stderrProgress(const CliOptions& o)
{
    ProgressContext p;
    p.cancel = g_cancel;
    if (o.quiet) return p;
    auto lastStage = std::make_shared<std::string>();
    auto lastPercent = std::make_shared<int>(-100);
    p.onProgress = [lastStage, lastPercent](double f, const std::string& stage) {
        int percent = int(std::lround(f * 100.0));
        // Per-image stages ("testing x.png") collapse to their first word.
        std::string key = stage.substr(0, stage.find(' '));
        if (key != *lastStage || percent >= *lastPercent + 5) {
            std::cerr << "[" << percent << "%] " << stage << std::endl;
            *lastStage = key;
            *lastPercent = percent;
        }
    };
    return p;
}

std::vector<Dataset> importAll(const CliOptions& o)
{
    std::vector<Dataset> datasets;
    for (const auto& d : o.data) {
        Dataset ds = importDataset(d.path, d.options);
        // The same seeded move in fit, test and benchmark, so labelled training
        // defects never reappear as test images.
        if (o.labelledDefects > 0)
            moveLabelledDefectsToTrain(ds, o.labelledDefects, o.labelSeed);
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

std::vector<const Dataset*> pointers(const std::vector<Dataset>& datasets)
{
    std::vector<const Dataset*> out;
    for (const auto& d : datasets) out.push_back(&d);
    return out;
}


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

// Records runs/results in SQLite unless --no-db, with the bookkeeping the GUI
// shares (app/workflow/RunRecording.h). The database is opened before any work
// starts, so an unusable database fails the command early and clearly.
class Recorder {
public:
    explicit Recorder(const CliOptions& o)
    {
        if (o.noDb) return;
        const QString path = o.dbPath.empty() ? db::Store::defaultDatabasePath() : q(o.dbPath);
        store_.emplace();
        store_->open(path);
        runs_ = workflow::RunRecorder(&*store_);
    }
    bool enabled() const { return store_.has_value(); }
    db::Store& store() { return *store_; }

    db::RowId startRun(db::RunKind kind, const json& params) { return runs_.start(kind, params); }
    void finish(bool ok, const std::string& error = {}) { ok ? runs_.succeeded() : runs_.failed(error); }
    void cancelled() { runs_.cancelled(); }
    db::RowId runId() const { return runs_.runId(); }

    // Links the current run to the stored model with this bundle checksum, if any.
    std::optional<db::RowId> linkModel(const std::string& bundleChecksum)
    {
        return runs_.linkModelByChecksum(bundleChecksum);
    }

    // Stores the dataset and its images once (by root); returns relative path -> image id.
    std::map<std::string, db::RowId> registerDataset(const Dataset& d)
    {
        if (!store_) return {};
        return workflow::registerDataset(*store_, d);
    }

private:
    std::optional<db::Store> store_;
    workflow::RunRecorder runs_{nullptr};
};

void applyDatabaseLabels(const CliOptions& o, Recorder& recorder, std::vector<Dataset>& datasets)
{
    if (!o.labelsFromDb) return;
    for (auto& d : datasets) {
        const int n = workflow::applyDatabaseLabels(recorder.store(), d);
        if (!o.quiet)
            std::cerr << d.root << ": " << n << " annotated defect image(s) from the database used as labelled training data"
                      << std::endl;
    }
}

// Runs `body`; on failure marks the run failed (or cancelled) and rethrows.
template <typename Body>
int recorded(Recorder& recorder, Body body)
{
    try {
        int rc = body();
        recorder.finish(true);
        return rc;
    } catch (const Cancelled&) {
        recorder.cancelled();
        throw;
    } catch (const std::exception& e) {
        recorder.finish(false, e.what());
        throw;
    }
}

json datasetParams(const CliOptions& o)
{
    json data = json::array();
    for (const auto& d : o.data)
        data.push_back({{"path", d.path}, {"format", toString(d.options.format)}, {"category", d.options.category},
                        {"normal_class", d.options.normalClass}, {"test_fraction", d.options.testFraction},
                        {"seed", d.options.seed}});
    return data;
}

int runFit(const CliOptions& o)
{
    std::vector<Dataset> datasets = importAll(o);
    if (o.labelledDefects > 0 && !DetectorRegistry::instance().describe(o.method).semiSupervised)
        logWarning("method '" + o.method + "' does not train on labelled defects; they only refine its threshold");
    Recorder recorder(o);
    applyDatabaseLabels(o, recorder, datasets);
    recorder.startRun(db::RunKind::Fit, {{"method", o.method}, {"data", datasetParams(o)}, {"unified", o.unified},
                                         {"labelled_defects", o.labelledDefects}, {"params", o.params},
                                         {"out", o.outPath}});
    return recorded(recorder, [&] {
        for (const auto& d : datasets) recorder.registerDataset(d);
        TrainRequest request;
        request.method = o.method;
        request.params = o.params;
        request.backbone.architecture = o.backboneArchitecture;
        request.backbone.weightsPath = o.weightsPath;
        request.datasets = pointers(datasets);
        request.unified = o.unified;
        request.seed = o.labelSeed;
        request.parentModelPath = o.parentModelPath;
        const auto start = Clock::now();
        auto detector = trainDetector(request, stderrProgress(o));
        const double seconds = msSince(start) / 1000.0;
        detector->info().provenance["train_seconds_total"] = seconds;
        const std::string checksum = saveDetector(*detector, o.outPath);
        if (recorder.enabled()) {
            const db::RowId modelId = workflow::recordTrainedModel(recorder.store(), *detector, o.outPath, checksum,
                                                                   o.parentModelPath, seconds).id;
            recorder.store().setRunModel(recorder.runId(), modelId);
        }
        std::cout << json({{"model", o.outPath}, {"method", o.method}, {"categories", detector->info().categories},
                           {"fit_seconds", seconds}, {"threshold", detector->info().threshold},
                           {"bundle_sha256", checksum}}).dump(2)
                  << std::endl;
        return 0;
    });
}

int runTest(const CliOptions& o)
{
    std::vector<Dataset> datasets = importAll(o);
    auto detector = loadDetector(o.modelPath, o.weightsPath);
    Recorder recorder(o);
    applyDatabaseLabels(o, recorder, datasets);
    recorder.startRun(db::RunKind::Test, {{"model", o.modelPath}, {"data", datasetParams(o)}, {"maps_dir", o.mapsDir}});
    const std::optional<db::RowId> modelId = recorder.linkModel(detector->info().provenance.value("bundle_sha256", ""));
    return recorded(recorder, [&] {
        std::map<const Sample*, std::string> rootOf;
        std::map<std::string, std::map<std::string, db::RowId>> imageIds;
        for (const auto& d : datasets) {
            imageIds[d.root] = recorder.registerDataset(d);
            for (const auto& s : d.samples) rootOf[&s] = d.root;
        }
        // With several datasets, maps go under a per-dataset folder named after it.
        std::map<std::string, std::string> mapPrefix;
        if (datasets.size() > 1) {
            std::map<std::string, int> seen;
            for (const auto& d : datasets) {
                std::string name = fs::path(d.root).filename().string();
                int n = seen[name]++;
                mapPrefix[d.root] = n == 0 ? name : name + "-" + std::to_string(n + 1);
            }
        }
        std::map<const Sample*, std::string> mapPaths;
        auto onImage = [&](const EvaluatedImage& e, const cv::Mat& full) {
            if (o.mapsDir.empty()) return;
            std::string rel = replaceExtension(e.sample->relativePath, ".tiff");
            if (!mapPrefix.empty()) rel = mapPrefix[rootOf[e.sample]] + "/" + rel;
            std::string out = (fs::path(o.mapsDir) / rel).string();
            writeFloatTiff(out, full);
            mapPaths[e.sample] = out;
        };
        EvaluationReport report = evaluateDetector(*detector, pointers(datasets), stderrProgress(o), onImage);
        const double threshold = detector->info().threshold;
        json categories = json::object();
        for (const auto& c : report.categories) categories[c.category] = metricsJson(c);
        json images = json::array();
        for (const auto& e : report.images)
            images.push_back({{"path", e.sample->relativePath}, {"category", e.sample->category},
                              {"label", e.sample->label == 1 ? 1 : 0}, {"score", e.score},
                              {"defect_type", e.sample->defectType}});
        json out = {{"model", o.modelPath}, {"method", detector->info().method},
                    {"categories", categories}, {"mean", metricsJson(report.mean)},
                    {"seconds_per_image", report.secondsPerImage}, {"threshold", threshold},
                    {"threshold_source", detector->info().thresholdSource}, {"images", images}};
        writeJsonFile(o.jsonPath, out);
        if (recorder.enabled())
            workflow::recordEvaluation(recorder.store(), recorder.runId(), modelId, report, threshold, rootOf, imageIds,
                                       [&](const Sample* sample) {
                                           auto it = mapPaths.find(sample);
                                           return it == mapPaths.end() ? std::string() : it->second;
                                       });
        json summary = out;
        summary.erase("images");
        std::cout << summary.dump(2) << std::endl;
        return 0;
    });
}

int runPredict(const CliOptions& o)
{
    auto detector = loadDetector(o.modelPath, o.weightsPath);
    std::vector<std::string> files = listImageFiles(o.inputPath);
    Recorder recorder(o);
    recorder.startRun(db::RunKind::Predict, {{"model", o.modelPath}, {"input", o.inputPath}, {"overlay_dir", o.overlayDir}});
    recorder.linkModel(detector->info().provenance.value("bundle_sha256", ""));
    return recorded(recorder, [&] {
        const double threshold = detector->info().threshold;
        const DisplayRange range = displayRange(detector->info());
        const double contour = (threshold - range.low) / (range.high - range.low);
        json images = json::array();
        std::vector<db::ResultRecord> results;
        int failures = 0;
        const fs::path inputAbsolute = fs::absolute(o.inputPath);
        const fs::path inputRoot = fs::is_directory(inputAbsolute) ? inputAbsolute : inputAbsolute.parent_path();
        for (std::size_t i = 0; i < files.size(); ++i) {
            const std::string& file = files[i];
            if (!o.quiet) std::cerr << "[" << (i + 1) << "/" << files.size() << "] " << file << std::endl;
            json entry = {{"path", file}};
            try {
                cv::Mat image = loadImageRgb(file);
                Prediction p = detector->predict(image);
                const bool defect = p.score >= threshold;
                entry["score"] = p.score;
                entry["verdict"] = defect ? "defect" : "ok";
                std::string overlayPath;
                if (!o.overlayDir.empty()) {
                    cv::Mat full = resizeMap(p.map, image.cols, image.rows);
                    cv::Mat overlay = renderOverlay(image, normaliseMap(full, range), cv::COLORMAP_TURBO, 0.45, contour);
                    fs::path rel = fs::absolute(file).lexically_relative(inputRoot);
                    if (rel.empty() || rel.native().rfind("..", 0) == 0) rel = fs::path(file).filename();
                    rel.replace_extension(".png");
                    overlayPath = (fs::path(o.overlayDir) / rel).string();
                    writeImage(overlayPath, overlay);
                    entry["overlay"] = overlayPath;
                }
                if (recorder.enabled()) {
                    db::ResultRecord r;
                    r.runId = recorder.runId();
                    r.imagePath = q(file);
                    r.score = p.score;
                    r.verdict = defect ? db::Verdict::Defect : db::Verdict::Ok;
                    r.heatmapPath = q(overlayPath);
                    results.push_back(r);
                }
            } catch (const Error& e) {
                // One bad file must not stop a batch: report it and go on.
                ++failures;
                entry["error"] = e.what();
                logWarning(e.what());
            }
            images.push_back(entry);
        }
        json out = {{"model", o.modelPath}, {"method", detector->info().method}, {"threshold", threshold},
                    {"images", images}, {"failed", failures}};
        if (!o.jsonPath.empty()) writeJsonFile(o.jsonPath, out);
        else std::cout << out.dump(2) << std::endl;
        if (recorder.enabled() && !results.empty()) recorder.store().addResults(results);
        if (failures > 0 && std::size_t(failures) == files.size())
            throw Error("no input image could be scored (" + std::to_string(failures) + " failed)");
        return failures > 0 ? 3 : 0;
    });
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
    auto detector = loadDetector(o.modelPath, o.weightsPath);
    std::vector<std::string> files;
    for (const auto& d : datasets) {
        for (const Sample* s : d.select(Split::Test)) files.push_back(s->path);
        for (const Sample* s : d.select(Split::Train)) files.push_back(s->path);
    }
    if (files.empty()) throw Error("benchmark data holds no images");
    if (o.benchmarkImages > 0 && files.size() > std::size_t(o.benchmarkImages)) files.resize(std::size_t(o.benchmarkImages));

    Recorder recorder(o);
    applyDatabaseLabels(o, recorder, datasets);
    recorder.startRun(db::RunKind::Benchmark, {{"model", o.modelPath}, {"data", datasetParams(o)}, {"images", files.size()}});
    return recorded(recorder, [&] {
        for (int i = 0; i < o.warmup; ++i) predictFile(*detector, files[std::size_t(i) % files.size()]);
        std::vector<double> e2e, net, decode;
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (!o.quiet && i % 10 == 0) std::cerr << "[" << (100 * i / files.size()) << "%] one image at a time" << std::endl;
            const auto start = Clock::now();
            cv::Mat image = loadImageRgb(files[i]);
            decode.push_back(msSince(start));
            Prediction p = detector->predict(image);
            e2e.push_back(msSince(start));
            net.push_back(p.networkMs);
        }
        // Batched throughput: decode + score in batches of --batch.
        const auto batchStart = Clock::now();
        for (std::size_t begin = 0; begin < files.size(); begin += std::size_t(o.batchSize)) {
            std::vector<cv::Mat> images;
            for (std::size_t i = begin; i < std::min(files.size(), begin + std::size_t(o.batchSize)); ++i)
                images.push_back(loadImageRgb(files[i]));
            detector->predictBatch(images);
        }
        const double batchSeconds = msSince(batchStart) / 1000.0;
        json out = {{"model", o.modelPath}, {"method", detector->info().method}, {"images", files.size()},
                    {"threads", runtimeThreads()},
                    {"e2e_ms_median", percentile(e2e, 0.5)}, {"e2e_ms_p95", percentile(e2e, 0.95)},
                    {"e2e_ms_mean", std::accumulate(e2e.begin(), e2e.end(), 0.0) / double(e2e.size())},
                    {"decode_ms_median", percentile(decode, 0.5)},
                    {"net_ms_median", percentile(net, 0.5)},
                    {"batch_size", o.batchSize},
                    {"images_per_second", double(files.size()) / batchSeconds},
                    {"peak_rss_mb", peakRssMb()}};
        writeJsonFile(o.jsonPath, out);
        std::cout << out.dump(2) << std::endl;
        return 0;
    });
}

int runMethods()
{
    json out = json::array();
    for (const auto& m : DetectorRegistry::instance().methods())
        out.push_back({{"name", m.name}, {"title", m.title}, {"summary", m.summary},
                       {"semi_supervised", m.semiSupervised}, {"parameters", m.defaultParams}});
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

std::string databaseName(const CliOptions& o)
{
    return o.dbPath.empty() ? db::Store::defaultDatabasePath().toStdString() : o.dbPath;
}

// `--model active`: the bundle of the database's newest promotion.
std::string activeModelPath(const CliOptions& o)
{
    std::unique_ptr<db::Store> store = openDatabase(o);
    const std::optional<db::ModelRecord> active = store->activeModel();
    if (!active)
        throw Error("the database " + databaseName(o)
                    + " has no active model yet; put one into use with: defectlens-cli promote --model-id N");
    const std::string path = active->bundlePath.toStdString();
    if (!fs::exists(path))
        throw Error("the active model " + std::to_string(active->id) + " of " + databaseName(o) + " names " + path
                    + ", which does not exist any more");
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
    const db::ModelPromotionRecord promotion = store->promoteModel(model->id, workflow::currentUserName(), q(o.reason));
    json out = modelJson(*model, true);
    out["promotion"] = {{"id", promotion.id}, {"user", promotion.user.toStdString()},
                        {"reason", promotion.reason.toStdString()},
                        {"created_utc", promotion.createdAt.toString(Qt::ISODate).toStdString()}};
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
    if (o.command == "help") { std::cout << usageText(); return 0; }
    if (o.command == "methods") return runMethods();
    if (o.command == "models") return runModels(o);
    if (o.command == "promote") return runPromote(o);
    if (o.modelPath == kActiveModel) o.modelPath = activeModelPath(o);
    if (o.command == "info") return runInfo(o);
    if (o.command == "make-sample") {
        writeSampleDataset(o.outPath);
        std::cout << "sample dataset (MVTec layout) written to " << o.outPath << std::endl;
        return 0;
    }
    if (o.command == "fit") return runFit(o);
    if (o.command == "test") return runTest(o);
    if (o.command == "predict") return runPredict(o);
    if (o.command == "benchmark") return runBenchmark(o);
    throw Error("unknown command '" + o.command + "'");
}

} // namespace dl::cli
