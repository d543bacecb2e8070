#include "cli/WatchCommand.h"

#include "cli/Commands.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "engine/Overlay.h"
#include "line/MqttPublisher.h"
#include "workflow/Watch.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

namespace dl::cli {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

double percentileOf(std::vector<double> values, double q)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const std::size_t below = std::size_t(std::floor(position));
    const std::size_t above = std::min(values.size() - 1, below + 1);
    return values[below] + (values[above] - values[below]) * (position - double(below));
}

json summaryJson(const workflow::WatchSummary& s, const line::MqttPublisher* mqtt)
{
    const std::size_t inspected = s.scored + s.failed;
    json out = {{"scored", s.scored},
                {"failed", s.failed},
                {"defects", s.defects},
                {"already_inspected", s.alreadyInspected},
                {"vanished", s.vanished},
                {"peak_backlog", s.peakBacklog},
                {"queue_overflows", s.overflows},
                {"model_switches", s.modelSwitches},
                {"network_calls", s.batches},
                {"seconds", s.seconds},
                {"busy_seconds", s.scoringSeconds},
                {"images_per_busy_second", s.scoringSeconds > 0 ? double(inspected) / s.scoringSeconds : 0.0}};
    json latency = {{"files_seen_live", s.latenciesMs.size()}};
    if (!s.latenciesMs.empty()) {
        latency["p50_ms"] = percentileOf(s.latenciesMs, 0.50);
        latency["p95_ms"] = percentileOf(s.latenciesMs, 0.95);
        latency["max_ms"] = *std::max_element(s.latenciesMs.begin(), s.latenciesMs.end());
        latency["live_images_per_second"] =
            s.liveSpanSeconds > 0 ? double(s.latenciesMs.size()) / s.liveSpanSeconds : 0.0;
    }
    out["latency_written_to_recorded"] = latency;
    if (mqtt) {
        const line::MqttStatistics m = mqtt->statistics();
        out["mqtt"] = {{"published", m.published}, {"delivered", m.delivered}, {"undelivered", m.waiting},
                       {"dropped", m.dropped},     {"reconnects", m.reconnects},
                       {"resent_from_earlier_watch", s.resentMessages}};
        if (!m.lastProblem.empty())
            out["mqtt"]["last_problem"] = m.lastProblem;
    }
    return out;
}

} // namespace

int runWatch(const CliOptions& o)
{
    workflow::WatchJob job;
    job.inputFolder = o.inputPath;
    job.recursive = o.recursive;
    job.archiveFolder = o.archiveDir;
    job.followActive = o.modelPath == kActiveModel;
    if (!job.followActive)
        job.modelPath = o.modelPath;
    job.weightsPath = o.weightsPath;
    job.tiling = tilingOverride(o);
    job.maxBatch = std::size_t(std::max(1, o.batchSize));
    job.exitWhenIdleSeconds = o.exitWhenIdleSeconds;
    job.pollInterval = std::chrono::milliseconds(std::llround(o.pollSeconds * 1000.0));
    job.maxImages = std::size_t(o.maxImages);
    job.cancel = stderrProgress(o).cancel;

    // Refuse a malformed address before anything else starts.
    std::unique_ptr<line::MqttPublisher> mqtt;
    if (!o.publishUrl.empty()) {
        line::MqttTls tls;
        tls.caFile = o.publishCa;
        tls.certFile = o.publishCert;
        tls.keyFile = o.publishKey;
        mqtt = std::make_unique<line::MqttPublisher>(line::parseMqttUrlWithEnvironment(o.publishUrl, tls));
    }
    db::JobRecorder recording = openRecorder(o);
    if (o.noDb)
        logWarning("--no-db: no journal is kept, so a restart scores every image in the folder again");

    if (!o.overlayDir.empty()) {
        const fs::path inputRoot = fs::weakly_canonical(fs::absolute(o.inputPath));
        job.saveHeatmap = [overlayDir = o.overlayDir, inputRoot](const std::string& file, const cv::Mat& image,
                                                                  const Prediction& p, const Detector& detector) {
            fs::path relative = fs::path(file).lexically_relative(inputRoot);
            if (relative.empty() || relative.native().rfind("..", 0) == 0)
                relative = fs::path(file).filename();
            relative.replace_extension(".png");
            OverlayStyle style;
            style.contourScore = detector.info().threshold;
            const std::string path = (fs::path(overlayDir) / relative).string();
            writeImage(path, renderOverlay(image, p.map, displayRange(detector.info()), style));
            return path;
        };
    }
    job.publisher = mqtt.get();
    job.messageOf = [](const workflow::WatchedImage& w) { return workflow::watchedImageMessage(w).dump(); };
    job.onInspected = [&](const workflow::WatchedImage& w) {
        if (!o.quiet)
            std::cout << workflow::watchedImageMessage(w).dump() << std::endl;
    };
    std::size_t lastBacklogReported = 0;
    job.onStatus = [&](const workflow::WatchStatus& s) {
        // The backlog is reported when it builds up or clears, not every second.
        if (!o.quiet && (s.backlog >= lastBacklogReported + 10 || (s.backlog == 0 && lastBacklogReported > 0))) {
            std::cerr << "backlog: " << s.backlog << " waiting, " << s.scored << " scored (" << s.defects
                      << " defect), " << s.failed << " failed" << std::endl;
            lastBacklogReported = s.backlog;
        }
    };
    if (!o.quiet)
        std::cerr << "watching " << o.inputPath << (o.recursive ? " and its subfolders" : "")
                  << "; Ctrl-C stops after the image in hand" << std::endl;

    const workflow::WatchSummary summary = workflow::watchAndRecord(recording.recorder(), job);
    const json out = summaryJson(summary, mqtt.get());
    if (!o.jsonPath.empty())
        writeFileAtomically(o.jsonPath, out.dump(2) + "\n");
    if (!o.quiet)
        std::cerr << "watch ended: " << summary.scored << " scored, " << summary.failed << " failed, "
                  << summary.alreadyInspected << " inspected before" << std::endl;
    return 0;
}

} // namespace dl::cli
