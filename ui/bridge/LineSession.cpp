#include "ui/bridge/LineSession.h"

#include "ui/common/ImageConvert.h"
#include "common/Progress.h"
#include "data/ImageIO.h"
#include "database/StoreRecorder.h"
#include "engine/Overlay.h"
#include "line/MqttPublisher.h"
#include "workflow/Watch.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

namespace dl::ui {

namespace {

std::string fsPath(const QString& path)
{
    return path.isEmpty() ? std::string() : QFile::encodeName(path).toStdString();
}

QString qtPath(const std::string& path)
{
    return QFile::decodeName(QByteArray::fromStdString(path));
}

// What the live view shows: the overlay scaled down to at most 1024 px, so a
// 20 MP frame does not cross threads at full size.
cv::Mat displaySized(const cv::Mat& overlay)
{
    const int longest = std::max(overlay.cols, overlay.rows);
    if (longest <= 1024)
        return overlay;
    cv::Mat small;
    const double f = 1024.0 / longest;
    cv::resize(overlay, small, cv::Size(), f, f, cv::INTER_AREA);
    return small;
}

} // namespace

LineSession::LineSession(QObject* parent)
    : QObject(parent), paused_(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<dl::ui::LinePart>();
}

LineSession::~LineSession()
{
    stop();
    join();
}

void LineSession::join()
{
    if (worker_.joinable())
        worker_.join();
}

void LineSession::setPaused(bool paused)
{
    paused_->store(paused);
}

bool LineSession::isPaused() const
{
    return paused_->load();
}

void LineSession::stop()
{
    if (cancel_)
        cancel_->cancel();
}

void LineSession::start(const LineConfig& config)
{
    if (running_)
        return;
    join(); // a previous session has ended; its thread is done
    running_ = true;
    cancel_ = std::make_shared<CancelToken>();
    paused_->store(false);
    QPointer<LineSession> self(this);
    // Posts to the GUI thread; dropped when the session is gone.
    auto post = [self](auto function) {
        QMetaObject::invokeMethod(
            self.data(), [self, function] {
                if (self)
                    function(*self);
            },
            Qt::QueuedConnection);
    };
    worker_ = std::thread([config, cancel = cancel_, paused = paused_, post] {
        try {
            // Store connections are per thread: this one belongs to the worker.
            db::JobRecorder recording(config.databasePath);
            workflow::WatchJob job;
            job.inputFolder = fsPath(config.folder);
            job.recursive = config.recursive;
            job.archiveFolder = fsPath(config.archiveFolder);
            job.followActive = config.followActive;
            job.modelPath = fsPath(config.modelPath);
            job.weightsPath = fsPath(config.weightsPath);
            job.cancel = cancel;
            job.paused = paused;
            job.pollInterval = std::chrono::seconds(std::max(0, config.pollSeconds));
            job.tiling = TileSpec{std::max(0, config.tileSize), std::max(0, config.tileOverlap)};
            // Verdicts to MQTT as `watch --publish` sends them (password and TLS files
            // from the environment); kept in the journal until the broker acknowledges.
            std::unique_ptr<line::MqttPublisher> publisher;
            if (!config.mqttAddress.isEmpty()) {
                publisher = std::make_unique<line::MqttPublisher>(
                    line::parseMqttUrlWithEnvironment(config.mqttAddress.toStdString()));
                job.publisher = publisher.get();
                job.messageOf = [](const workflow::WatchedImage& w) { return workflow::watchedImageMessage(w).dump(); };
            }
            cv::Mat lastOverlay;
            const std::string heatmaps = fsPath(config.heatmapFolder);
            job.saveHeatmap = [&](const std::string& file, const cv::Mat& rgb, const Prediction& p,
                                  const Detector& detector) {
                OverlayStyle style;
                style.contourScore = detector.info().threshold;
                lastOverlay = renderOverlay(rgb, p.map, displayRange(detector.info()), style);
                if (heatmaps.empty())
                    return std::string();
                // A camera reuses names: the time makes each heatmap's file its own.
                const std::string stem = QFileInfo(qtPath(file)).completeBaseName().toStdString();
                const std::string out = heatmaps + "/"
                                        + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss-zzz-").toStdString()
                                        + stem + ".png";
                writeImage(out, lastOverlay);
                return out;
            };
            bool announced = false;
            job.onStatus = [&](const workflow::WatchStatus& s) {
                const QString model = QString::fromStdString(s.modelDescription);
                if (!announced) {
                    announced = true;
                    post([model](LineSession& session) { emit session.started(model); });
                }
                const int waiting = int(s.backlog);
                post([waiting, model](LineSession& session) { emit session.backlogChanged(waiting, model); });
            };
            job.onInspected = [&](const workflow::WatchedImage& w) {
                LinePart part;
                part.path = qtPath(w.path);
                part.score = w.score;
                part.defect = w.defect;
                part.threshold = w.threshold;
                part.error = QString::fromStdString(w.error);
                part.resultId = w.resultId;
                part.modelId = w.modelId;
                part.method = QString::fromStdString(w.method);
                part.heatmapPath = qtPath(w.heatmapPath);
                part.archivedPath = qtPath(w.archivedPath);
                part.timeUtc = QString::fromStdString(w.timeUtc);
                part.latencyMs = w.latencyMs.value_or(-1.0);
                if (w.score && !lastOverlay.empty())
                    part.overlay = toQImage(displaySized(lastOverlay));
                lastOverlay.release();
                post([part](LineSession& session) { emit session.partInspected(part); });
            };
            const workflow::WatchSummary summary = workflow::watchAndRecord(recording.recorder(), job);
            const QString text = LineSession::tr("Line stopped: %1 parts scored, %2 could not be read, %3 already "
                                                 "inspected before.")
                                     .arg(summary.scored)
                                     .arg(summary.failed)
                                     .arg(summary.alreadyInspected);
            post([text](LineSession& session) {
                session.running_ = false;
                emit session.stopped(text);
            });
        } catch (const std::exception& e) {
            const QString message = QString::fromUtf8(e.what());
            post([message](LineSession& session) {
                session.running_ = false;
                emit session.failed(message);
            });
        }
    });
}

} // namespace dl::ui
