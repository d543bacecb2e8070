#include "workflow/Watch.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "engine/Engine.h"
#include "engine/ModelBundle.h"
#include "line/FolderWatch.h"
#include "line/MqttPublisher.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <future>
#include <thread>

#include <sys/stat.h>

namespace dl::workflow {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using SteadyClock = std::chrono::steady_clock;
using SystemClock = std::chrono::system_clock;

double secondsSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(SystemClock::now().time_since_epoch()).count();
}

std::string utcTimestamp(SystemClock::time_point t)
{
    const std::time_t seconds = SystemClock::to_time_t(t);
    std::tm utc {};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    char withMs[48];
    std::snprintf(withMs, sizeof withMs, "%s.%03dZ", text, int(ms));
    return withMs;
}

struct FileState {
    std::int64_t size = 0;
    std::int64_t modifiedNs = 0;
};

std::optional<FileState> currentState(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return FileState{std::int64_t(st.st_size),
                     std::int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

// The model scoring the line, with what the record knows about it.
struct LoadedModel {
    std::unique_ptr<Detector> detector;
    RecordId id = 0;
    std::string checksum;
    std::string path;

    std::string description() const
    {
        std::string d = detector->info().method.empty() ? detector->method() : detector->info().method;
        d += id > 0 ? " model " + std::to_string(id) : std::string(" model");
        return d + " (" + checksum.substr(0, 12) + ", " + path + ")";
    }
};

LoadedModel loadModel(WorkRecorder& recorder, const std::string& path, const std::string& weights,
                      const TileSpec& tiling, std::optional<RecordId> knownId)
{
    LoadedModel m;
    m.detector = loadDetector(path, weights, tiling);
    m.path = path;
    m.checksum = m.detector->info().provenance.value("bundle_sha256", "");
    if (knownId)
        m.id = *knownId;
    else if (!m.checksum.empty())
        m.id = recorder.findModelByChecksum(m.checksum).value_or(0);
    // The first call builds the fused graphs and allocates buffers (~0.1 s): pay
    // it now rather than on the first part of the line, or of the new model.
    const PreprocessSpec& size = m.detector->info().preprocess;
    m.detector->predict(cv::Mat(size.height, size.width, CV_8UC3, cv::Scalar(128, 128, 128)));
    return m;
}

// The active model of the database, loaded; throws dl::Error when there is none.
LoadedModel loadActiveModel(WorkRecorder& recorder, const std::string& weights, const TileSpec& tiling)
{
    const std::optional<ActiveModelEntry> active = recorder.activeModel();
    if (!active)
        throw Error("the database has no active model yet; put one into use with: defectlens-cli promote --model-id N");
    const std::string file = recorder.modelBundleFile(active->id);
    return loadModel(recorder, file.empty() ? active->bundlePath : file, weights, tiling, active->id);
}

// The watch's current run: one per model, so that every result names its model.
class WatchRuns {
public:
    WatchRuns(WorkRecorder& recorder, json params) : recorder_(recorder), params_(std::move(params)) {}
    ~WatchRuns()
    {
        if (id_ != 0)
            endKeepingTheCause(RunEnd::Failed, "the watch ended unexpectedly");
    }
    void start(const LoadedModel& model)
    {
        json params = params_;
        params["model"] = model.path;
        params["model_checksum"] = model.checksum;
        id_ = recorder_.startRun(RunKind::Predict, params);
        if (id_ != 0 && model.id != 0)
            recorder_.setRunModel(id_, model.id);
    }
    void end(RunEnd end, const std::string& message)
    {
        const RecordId run = id_;
        id_ = 0;
        if (run != 0)
            recorder_.finishRun(run, end, message);
    }
    // On the way out of a failure: the first error must reach the user.
    void endKeepingTheCause(RunEnd how, const std::string& message)
    {
        try {
            end(how, message);
        } catch (const std::exception& e) {
            logWarning(DL_TR("Engine", "the watch run could not be closed in the database: %1"), e.what());
        }
    }
    RecordId id() const { return id_; }

private:
    WorkRecorder& recorder_;
    json params_;
    RecordId id_ = 0;
};

// Where an inspected file goes in the archive: its place below the watch
// folder, with "-2", "-3", ... added when that name is taken.
std::string archiveDestination(const std::string& file, const std::string& inputFolder, const std::string& archive)
{
    fs::path relative = fs::path(file).lexically_relative(inputFolder);
    if (relative.empty() || relative.native().rfind("..", 0) == 0)
        relative = fs::path(file).filename();
    fs::path destination = fs::path(archive) / relative;
    std::error_code ec;
    for (int n = 2; fs::exists(destination, ec); ++n)
        destination = fs::path(archive) / relative.parent_path()
                      / (relative.stem().string() + "-" + std::to_string(n) + relative.extension().string());
    return destination.string();
}

// Moves a file into the archive; returns false (logged) when it could not.
bool moveFile(const std::string& from, const std::string& to)
{
    std::error_code ec;
    fs::create_directories(fs::path(to).parent_path(), ec);
    if (ec) {
        logWarning(DL_TR("Engine", "%1: the archive folder could not be created: %2; %3 stays in place"), to,
                   ec.message(), from);
        return false;
    }
    fs::rename(from, to, ec);
    if (ec == std::errc::cross_device_link) {
        // Another file system: copy, then remove the original.
        ec.clear();
        fs::copy_file(from, to, fs::copy_options::none, ec);
        if (!ec)
            fs::remove(from, ec);
    }
    if (ec) {
        logWarning(DL_TR("Engine", "%1: could not be moved to the archive (%2): %3"), from, to, ec.message());
        return false;
    }
    return true;
}

struct Decoded {
    line::ArrivedFile file;
    DecodedImage image;
    cv::Size decodedAtLeast; // the model input size it was decoded for (the model may change)
    std::string error;
};

class LineInspection {
public:
    LineInspection(WorkRecorder& recorder, const WatchJob& job)
        : recorder_(recorder), job_(job),
          inputFolder_(fs::weakly_canonical(fs::absolute(job.inputFolder)).string()),
          archiveFolder_(job.archiveFolder.empty() ? std::string()
                                                   : fs::weakly_canonical(fs::absolute(job.archiveFolder)).string()),
          runs_(recorder, {{"mode", "watch"},
                           {"input", inputFolder_},
                           {"recursive", job.recursive},
                           {"archive", archiveFolder_},
                           {"follow_active", job.followActive},
                           {"tile_override", job.tiling.enabled() ? json{{"size", job.tiling.size},
                                                                         {"overlap", job.tiling.overlap}}
                                                                   : json(nullptr)},
                           {"poll_seconds", double(job.pollInterval.count()) / 1000.0}})
    {
    }

    WatchSummary run()
    {
        const auto start = SteadyClock::now();
        model_ = job_.followActive ? loadActiveModel(recorder_, job_.weightsPath, job_.tiling)
                                   : loadModel(recorder_, job_.modelPath, job_.weightsPath, job_.tiling, std::nullopt);
        logInfo(DL_TR("Engine", "watching %1 with %2"), inputFolder_, model_.description());
        line::FolderWatchOptions options;
        options.folder = inputFolder_;
        options.recursive = job_.recursive;
        if (!archiveFolder_.empty())
            options.ignoredFolders.push_back(archiveFolder_);
        options.maxQueued = job_.maxQueued;
        options.settleTime = job_.settleTime;
        options.pollInterval = job_.pollInterval;
        line::FolderWatch watch(options);
        runs_.start(model_);
        try {
            resendPendingMessages();
            loop(watch);
            finishPublishing();
        } catch (const Error& e) {
            runs_.endKeepingTheCause(RunEnd::Failed, e.what());
            throw;
        }
        summary_.peakBacklog = watch.peakBacklog();
        summary_.overflows = watch.overflows();
        watch.stop();
        runs_.end(RunEnd::Succeeded, stopReason_);
        summary_.seconds = secondsSince(start);
        return summary_;
    }

private:
    bool cancelled() const { return job_.cancel && job_.cancel->isCancelled(); }

    void loop(line::FolderWatch& watch)
    {
        auto lastActivity = SteadyClock::now();
        auto lastModelCheck = SteadyClock::now();
        auto lastStatus = SteadyClock::now() - std::chrono::seconds(10);
        while (true) {
            if (cancelled()) {
                stopReason_ = "stopped by the user";
                return;
            }
            if (job_.maxImages > 0 && inspected() >= job_.maxImages) {
                stopReason_ = "stopped after " + std::to_string(inspected()) + " images";
                return;
            }
            if (job_.followActive && SteadyClock::now() - lastModelCheck >= job_.activeModelCheck) {
                followPromotion();
                lastModelCheck = SteadyClock::now();
            }
            if (job_.onStatus && secondsSince(lastStatus) >= 1.0) {
                job_.onStatus(status(watch));
                lastStatus = SteadyClock::now();
            }
            settleDeliveredMessages();
            if (job_.paused && job_.paused->load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                lastActivity = SteadyClock::now(); // a pause is not idleness
                continue;
            }
            // One image at a time while the line keeps up; a batch once a backlog builds.
            const std::size_t want = watch.backlog() > 1 ? std::max<std::size_t>(1, job_.maxBatch) : 1;
            std::vector<Decoded> work;
            if (decodingAhead_.valid()) {
                work = decodingAhead_.get();
            } else {
                std::vector<line::ArrivedFile> files = watch.take(want, std::chrono::milliseconds(100));
                if (!files.empty()) {
                    const auto start = SteadyClock::now();
                    work = stillToInspect(std::move(files));
                    decodeAll(work, decodeAtLeast());
                    summary_.scoringSeconds += secondsSince(start);
                    if (work.empty())
                        lastActivity = SteadyClock::now();
                }
            }
            if (work.empty()) {
                if (job_.exitWhenIdleSeconds > 0 && watch.backlog() == 0 && !watch.hasPendingWork()
                    && secondsSince(lastActivity) >= job_.exitWhenIdleSeconds) {
                    stopReason_ = "stopped after " + std::to_string(int(job_.exitWhenIdleSeconds))
                                  + " s without new images";
                    return;
                }
                continue;
            }
            lastActivity = SteadyClock::now();
            // Under a backlog the next batch decodes on a second thread while
            // this one is scored (a 900 px PNG takes ~25 ms to decode).
            if (watch.backlog() > 0 && !cancelled()) {
                std::vector<Decoded> next = stillToInspect(watch.take(std::max<std::size_t>(1, job_.maxBatch),
                                                                      std::chrono::milliseconds(0)));
                if (!next.empty())
                    decodingAhead_ = std::async(std::launch::async, [next = std::move(next), atLeast = decodeAtLeast()]() mutable {
                        decodeAll(next, atLeast);
                        return std::move(next);
                    });
            }
            inspect(std::move(work));
            lastActivity = SteadyClock::now();
        }
    }

    std::size_t inspected() const { return summary_.scored + summary_.failed; }

    // Messages an earlier watch of this folder published but the broker never
    // acknowledged (the process ended, or the broker was away): sent first, in order.
    void resendPendingMessages()
    {
        if (!job_.publisher)
            return;
        const std::vector<std::pair<RecordId, std::string>> pending = recorder_.pendingMessages(inputFolder_);
        for (const auto& [journalId, payload] : pending)
            job_.publisher->publish(payload, std::uint64_t(journalId));
        summary_.resentMessages = pending.size();
        if (!pending.empty())
            logInfo(DL_TR("Engine", "publishing again %1 MQTT messages of an earlier watch of %2 that the broker had not "
                                    "acknowledged"),
                    pending.size(), inputFolder_);
    }

    // Acknowledged messages no longer need their copy in the journal.
    void settleDeliveredMessages()
    {
        if (!job_.publisher)
            return;
        const std::vector<std::uint64_t> delivered = job_.publisher->takeDelivered();
        if (!delivered.empty())
            recorder_.clearPendingMessages(std::vector<RecordId>(delivered.begin(), delivered.end()));
    }

    void finishPublishing()
    {
        if (!job_.publisher)
            return;
        if (!job_.publisher->waitUntilDelivered(job_.publisher->flushTimeout)) {
            const line::MqttStatistics stats = job_.publisher->statistics();
            const TranslatableText text =
                recorder_.enabled()
                    ? DL_TR("Engine", "%1 MQTT messages are not acknowledged yet%2; the next watch of this folder "
                                      "publishes them")
                    : DL_TR("Engine", "%1 MQTT messages are not acknowledged yet%2; without a database they are lost "
                                      "to MQTT");
            logWarning(text, stats.waiting, stats.lastProblem.empty() ? std::string() : " (" + stats.lastProblem + ")");
        }
        settleDeliveredMessages();
    }

    WatchStatus status(const line::FolderWatch& watch) const
    {
        WatchStatus s;
        s.backlog = watch.backlog();
        s.scored = summary_.scored;
        s.failed = summary_.failed;
        s.defects = summary_.defects;
        s.modelDescription = model_.description();
        return s;
    }

    // Switches to a newly promoted model between two images. A model that
    // cannot be loaded is reported once and the current one stays in use.
    void followPromotion()
    {
        std::optional<ActiveModelEntry> active;
        try {
            active = recorder_.activeModel();
        } catch (const Error& e) {
            logWarning(DL_TR("Engine", "the active model could not be read; scoring goes on with the current one: %1"),
                       e.what());
            return;
        }
        if (!active || active->id == model_.id || active->id == refusedModelId_)
            return;
        LoadedModel next;
        try {
            const std::string file = recorder_.modelBundleFile(active->id);
            next = loadModel(recorder_, file.empty() ? active->bundlePath : file, job_.weightsPath, job_.tiling,
                             active->id);
        } catch (const Error& e) {
            refusedModelId_ = active->id;
            logWarning(DL_TR("Engine", "the newly promoted model %1 could not be loaded, so scoring goes on with %2: %3"),
                       active->id, model_.description(), e.what());
            return;
        }
        runs_.end(RunEnd::Succeeded, "the line switched to model " + std::to_string(active->id));
        logInfo(DL_TR("Engine", "switching from %1 to %2"), model_.description(), next.description());
        model_ = std::move(next);
        runs_.start(model_);
        ++summary_.modelSwitches;
    }

    // The arrived files still to inspect: re-read (a file may have been
    // rewritten since it was queued) and looked up in the journal; files
    // inspected before are only archived. Not decoded yet.
    std::vector<Decoded> stillToInspect(std::vector<line::ArrivedFile> arrived)
    {
        std::vector<Decoded> work;
        for (line::ArrivedFile& f : arrived) {
            const std::optional<FileState> state = currentState(f.path);
            if (!state) {
                ++summary_.vanished;
                logWarning(DL_TR("Engine", "%1: gone before it could be inspected"), f.path);
                continue;
            }
            f.size = state->size;
            f.modifiedNs = state->modifiedNs;
            const WatchedFileEntry entry = entryOf(f);
            if (const std::optional<JournalledFile> done = recorder_.findInspectedFile(entry)) {
                ++summary_.alreadyInspected;
                if (!archiveFolder_.empty())
                    archiveLeftover(f.path, *done);
                continue;
            }
            Decoded d;
            d.file = std::move(f);
            work.push_back(std::move(d));
        }
        return work;
    }

    // The size the current model needs its images decoded at (loadModelInput).
    cv::Size decodeAtLeast() const { return modelDecodeAtLeast(model_.detector->info()); }

    // Thread-safe: touches nothing but `d`.
    static void decode(Decoded& d, cv::Size atLeast)
    {
        try {
            d.image = loadImageRgbAtLeast(d.file.path, atLeast);
            d.decodedAtLeast = atLeast;
        } catch (const Error& e) {
            d.error = e.what();
        }
    }

    // Thread-safe: touches nothing but `work`.
    static void decodeAll(std::vector<Decoded>& work, cv::Size atLeast)
    {
        for (Decoded& d : work)
            decode(d, atLeast);
    }

    void inspect(std::vector<Decoded> work)
    {
        if (work.empty())
            return;
        const auto start = SteadyClock::now();
        score(work);
        summary_.scoringSeconds += secondsSince(start);
    }

    WatchedFileEntry entryOf(const line::ArrivedFile& f) const
    {
        return {inputFolder_, f.path, f.size, f.modifiedNs};
    }

    // A file the journal already holds but that is still in the watch folder:
    // the process stopped between recording it and moving it.
    void archiveLeftover(const std::string& path, const JournalledFile& done)
    {
        const std::string destination = archiveDestination(path, inputFolder_, archiveFolder_);
        if (moveFile(path, destination) && done.id != 0)
            recorder_.setArchivedPath(done.id, destination);
    }

    void score(std::vector<Decoded>& work)
    {
        Detector& detector = *model_.detector;
        // Decoded ahead for a model that has since been replaced: decode again for this one.
        const cv::Size atLeast = decodeAtLeast();
        for (Decoded& d : work)
            if (d.error.empty() && d.decodedAtLeast != atLeast)
                decode(d, atLeast);
        std::vector<std::size_t> decodedIndex;
        std::vector<cv::Mat> images;
        for (std::size_t i = 0; i < work.size(); ++i)
            if (work[i].error.empty()) {
                decodedIndex.push_back(i);
                images.push_back(work[i].image.rgb);
            }
        std::vector<std::optional<Prediction>> predictions(work.size());
        if (!images.empty()) {
            try {
                if (images.size() == 1) {
                    predictions[decodedIndex[0]] = detector.predict(images[0]);
                } else {
                    std::vector<Prediction> batch = detector.predictBatch(images);
                    for (std::size_t k = 0; k < batch.size(); ++k)
                        predictions[decodedIndex[k]] = std::move(batch[k]);
                }
                ++summary_.batches;
            } catch (const Error& e) {
                // A batch failing as a whole (an image the network refuses): score one by one.
                logWarning(DL_TR("Engine", "scoring a batch failed, so its images are scored one by one: %1"), e.what());
                for (std::size_t k = 0; k < decodedIndex.size(); ++k) {
                    try {
                        predictions[decodedIndex[k]] = detector.predict(images[k]);
                    } catch (const Error& single) {
                        work[decodedIndex[k]].error = single.what();
                    }
                }
            }
        }

        const double threshold = detector.info().threshold;
        std::vector<InspectedFileEntry> entries;
        std::vector<WatchedImage> outcomes;
        for (std::size_t i = 0; i < work.size(); ++i) {
            Decoded& d = work[i];
            InspectedFileEntry e;
            e.file = entryOf(d.file);
            e.modelId = model_.id != 0 ? std::optional<RecordId>(model_.id) : std::nullopt;
            WatchedImage w;
            w.path = d.file.path;
            w.threshold = threshold;
            w.method = detector.info().method.empty() ? detector.method() : detector.info().method;
            w.modelId = model_.id;
            w.modelChecksum = model_.checksum;
            if (predictions[i]) {
                const Prediction& p = *predictions[i];
                ResultEntry r;
                r.imagePath = d.file.path;
                r.score = p.score;
                r.defect = p.score >= threshold;
                if (job_.saveHeatmap) {
                    try {
                        // At the file's size, also where scoring decoded it reduced.
                        r.heatmapPath = job_.saveHeatmap(
                            d.file.path, d.image.reduced() ? loadImageRgb(d.file.path) : d.image.rgb, p, detector);
                    } catch (const Error& err) {
                        logWarning(DL_TR("Engine", "the heatmap could not be saved: %1"), err.what());
                    }
                }
                w.score = r.score;
                w.defect = r.defect;
                w.heatmapPath = r.heatmapPath;
                e.result = r;
            } else {
                e.error = d.error.empty() ? "not scored" : d.error;
                w.error = e.error;
                logWarning(e.error);
            }
            if (!archiveFolder_.empty())
                e.archivedPath = archiveDestination(d.file.path, inputFolder_, archiveFolder_);
            if (d.file.seenLive)
                e.latencyMs = double(nowNs() - d.file.modifiedNs) / 1e6;
            entries.push_back(std::move(e));
            outcomes.push_back(std::move(w));
        }

        const std::vector<std::optional<JournalledFile>> journalled = recorder_.addInspectedFiles(runs_.id(), entries);
        const auto recordedAt = SystemClock::now();
        std::vector<std::pair<RecordId, std::string>> published;
        for (std::size_t i = 0; i < work.size(); ++i) {
            WatchedImage& w = outcomes[i];
            if (!journalled[i]) {
                ++summary_.alreadyInspected; // another watcher recorded it first
                continue;
            }
            w.resultId = journalled[i]->resultId.value_or(0);
            w.journalId = journalled[i]->id;
            if (work[i].file.seenLive) {
                const std::int64_t now = nowNs();
                w.latencyMs = double(now - work[i].file.modifiedNs) / 1e6;
                summary_.latenciesMs.push_back(*w.latencyMs);
                firstLiveWriteNs_ = std::min(firstLiveWriteNs_, work[i].file.modifiedNs);
                summary_.liveSpanSeconds = double(now - firstLiveWriteNs_) / 1e9;
            }
            w.timeUtc = utcTimestamp(recordedAt);
            if (w.score) {
                ++summary_.scored;
                if (w.defect)
                    ++summary_.defects;
            } else {
                ++summary_.failed;
            }
            if (!entries[i].archivedPath.empty()) {
                if (moveFile(w.path, entries[i].archivedPath))
                    w.archivedPath = entries[i].archivedPath;
                else if (journalled[i]->id != 0)
                    recorder_.setArchivedPath(journalled[i]->id, "");
            }
            if (job_.publisher && job_.messageOf) {
                std::string message = job_.messageOf(w);
                job_.publisher->publish(message, std::uint64_t(w.journalId));
                if (w.journalId != 0)
                    published.emplace_back(w.journalId, std::move(message));
            }
            if (job_.onInspected)
                job_.onInspected(w);
        }
        // Kept until acknowledged. Published first: an acknowledgement arriving
        // before this write is only applied after it (settleDeliveredMessages).
        recorder_.keepPendingMessages(published);
    }

    WorkRecorder& recorder_;
    const WatchJob& job_;
    const std::string inputFolder_;
    const std::string archiveFolder_;
    WatchRuns runs_;
    LoadedModel model_;
    RecordId refusedModelId_ = 0;
    // The next batch, decoding while the current one is scored; files taken
    // from the watch but not inspected when the watch stops stay in the folder
    // (no journal entry) and are inspected at the next start.
    std::future<std::vector<Decoded>> decodingAhead_;
    std::int64_t firstLiveWriteNs_ = INT64_MAX;
    WatchSummary summary_;
    std::string stopReason_;
};

} // namespace

json watchedImageMessage(const WatchedImage& w)
{
    json m = {{"path", w.path},
              {"verdict", w.score ? (w.defect ? "defect" : "ok") : "error"},
              {"score", w.score ? json(*w.score) : json(nullptr)},
              {"threshold", w.threshold},
              {"method", w.method},
              {"model_id", w.modelId > 0 ? json(w.modelId) : json(nullptr)},
              {"model_checksum", w.modelChecksum},
              {"result_id", w.resultId > 0 ? json(w.resultId) : json(nullptr)},
              {"time", w.timeUtc}};
    if (!w.error.empty())
        m["error"] = w.error;
    if (!w.heatmapPath.empty())
        m["heatmap"] = w.heatmapPath;
    if (!w.archivedPath.empty())
        m["archived"] = w.archivedPath;
    if (w.latencyMs)
        m["latency_ms"] = *w.latencyMs;
    return m;
}

WatchSummary watchAndRecord(WorkRecorder& recorder, const WatchJob& job)
{
    if (!job.followActive && job.modelPath.empty())
        throw Error("watch needs a model: a bundle file, or the database's active model");
    if (!job.archiveFolder.empty()) {
        const fs::path input = fs::weakly_canonical(fs::absolute(job.inputFolder));
        const fs::path archive = fs::weakly_canonical(fs::absolute(job.archiveFolder));
        if (input == archive)
            throw Error(job.archiveFolder + ": the archive folder cannot be the watch folder itself");
    }
    LineInspection inspection(recorder, job);
    return inspection.run();
}

} // namespace dl::workflow
