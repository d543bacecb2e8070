#pragma once
// Live inspection of a watch folder, shared by `defectlens-cli watch` and the
// GUI: each image a camera drops into the folder is scored as soon as it is
// complete, its result and journal entry are recorded together, and it is
// optionally moved to an archive folder.
//
// - Exactly once: the database journal (path, size, time stamp) is checked
//   before scoring and written in the same transaction as the result, so a
//   restart scores what arrived while nothing watched and nothing twice. A kill
//   between scoring and recording scores that image again at the next start,
//   and records it once.
// - Bursts: the folder watch queues paths (bounded); while a backlog waits,
//   up to `maxBatch` images are scored in one network call and recorded in one
//   transaction.
// - Following the line's model: with `followActive`, the database's active
//   model is checked between images; a new promotion is loaded and used from
//   the next image on, in a new run linked to it, so every result names the
//   model that scored it.
// - Stopping: the cancel token (Ctrl-C, SIGTERM, the GUI's Stop) is checked
//   between images; the image in hand is finished and recorded first.
#include "engine/Detector.h"
#include "workflow/WorkRecorder.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dl::line {
class MqttPublisher;
}

namespace dl::workflow {

// One inspected file, as it is handed to listeners (MQTT, console, GUI).
struct WatchedImage {
    std::string path;                 // where it arrived
    std::optional<double> score;      // set when scored
    bool defect = false;
    double threshold = 0.0;
    std::string error;                // why it could not be scored
    std::string method;
    RecordId resultId = 0;            // 0 without a database
    RecordId journalId = 0;           // its entry in the watch journal; 0 without a database
    RecordId modelId = 0;             // the recorded model that scored it; 0 when not recorded
    std::string modelChecksum;        // SHA-256 of the model bundle
    std::string heatmapPath;          // empty when none was saved
    std::string archivedPath;         // empty when it stays in place
    std::optional<double> latencyMs;  // file written -> result recorded (files seen live)
    std::string timeUtc;              // when it was recorded, ISO 8601
};

// The message of one inspected part, as JSON: what `watch` prints and what MQTT
// carries (path, verdict, score, threshold, method, model id and checksum,
// result id, time; error, heatmap, archived and latency_ms when there are).
nlohmann::json watchedImageMessage(const WatchedImage& w);

struct WatchStatus {
    std::size_t backlog = 0;          // files waiting
    std::size_t scored = 0;
    std::size_t failed = 0;
    std::size_t defects = 0;
    std::string modelDescription;     // "patchcore model 12 (ab12cd34)"
};

struct WatchJob {
    std::string inputFolder;
    bool recursive = false;
    std::string archiveFolder;        // empty: inspected files stay where they are
    std::string modelPath;            // the bundle, unless followActive
    bool followActive = false;        // use the database's active model and follow its promotions
    std::string weightsPath;          // backbone weights override for every model loaded
    TileSpec tiling;                  // when enabled: replaces every loaded model's tiling
    std::size_t maxBatch = 8;         // at most this many images per network call under backlog
    std::size_t maxQueued = 10000;    // paths held in memory at most (the folder keeps the rest)
    std::chrono::milliseconds settleTime{1000};    // for files found by listing
    std::chrono::milliseconds pollInterval{0};     // > 0: also list the folder this often (network shares)
    std::chrono::milliseconds activeModelCheck{1000};
    double exitWhenIdleSeconds = 0;   // > 0: end once nothing arrived and nothing waited this long
    std::size_t maxImages = 0;        // > 0: end after this many files were inspected
    // Optional: saves the heatmap overlay of a scored image and returns its file.
    std::function<std::string(const std::string& file, const cv::Mat& rgb, const Prediction&, const Detector&)>
        saveHeatmap;
    // Optional: after each file has been recorded (and archived).
    std::function<void(const WatchedImage&)> onInspected;
    // Optional: about once a second, and when the model changes.
    std::function<void(const WatchStatus&)> onStatus;
    std::shared_ptr<CancelToken> cancel;
    // Optional: each recorded part's message (messageOf) goes to this publisher.
    // With a database the message waits in the part's journal entry until the
    // broker acknowledges it; messages a kill, a crash or a broker outage left
    // undelivered are published first by the next watch of the same folder. At
    // the end the watch waits up to the publisher's flushTimeout for delivery.
    line::MqttPublisher* publisher = nullptr;
    std::function<std::string(const WatchedImage&)> messageOf;
    // While set, no file is taken: arrivals wait in the queue (and the folder),
    // status reports and promotions go on. The GUI's Pause.
    std::shared_ptr<std::atomic<bool>> paused;
};

struct WatchSummary {
    std::size_t scored = 0;
    std::size_t failed = 0;
    std::size_t defects = 0;
    std::size_t alreadyInspected = 0; // found in the journal (a restart, a second watcher)
    std::size_t vanished = 0;         // gone before they could be read
    std::size_t peakBacklog = 0;
    std::size_t overflows = 0;        // times the queue was full and the folder was listed again
    std::size_t modelSwitches = 0;
    std::size_t batches = 0;          // network calls
    std::size_t resentMessages = 0;   // MQTT messages of an earlier watch published again at the start
    std::vector<double> latenciesMs;  // per file seen live: written -> recorded
    // From the first live file's write to the last live file's record: live
    // files / this is the throughput the line saw.
    double liveSpanSeconds = 0.0;
    double seconds = 0.0;             // wall time of the watch
    double scoringSeconds = 0.0;      // of which decoding, scoring and recording
};

// Watches until cancelled (or the idle / count limits of the job). Throws
// dl::Error when the folder cannot be watched or no model can be loaded; a
// file that cannot be scored is journalled as failed and the watch goes on.
WatchSummary watchAndRecord(WorkRecorder& recorder, const WatchJob& job);

} // namespace dl::workflow
