#pragma once
// The GUI's live inspection: workflow::watchAndRecord (the same steps as
// `defectlens-cli watch`) on a worker thread with its own database connection.
// Each inspected part arrives on the GUI thread as a LinePart, with its heatmap
// overlay already rendered by the engine; the GUI thread never scores, renders
// or waits.
#include <QImage>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

namespace dl {
class CancelToken;
}

namespace dl::ui {

struct LinePart {
    QString path;
    std::optional<double> score;     // empty when the file could not be scored
    bool defect = false;
    double threshold = 0.0;
    QString error;
    qint64 resultId = 0;
    qint64 modelId = 0;
    QString method;
    QString heatmapPath;
    QString archivedPath;
    QString timeUtc;
    double latencyMs = -1;           // file written -> recorded; -1 when not measured
    QImage overlay;                  // heatmap over the image (display size); null when not scored
};

struct LineConfig {
    QString folder;
    bool recursive = false;
    QString archiveFolder;           // empty: parts stay in place
    QString modelPath;               // unless followActive
    bool followActive = true;        // the database's active model, following promotions
    QString databasePath;
    QString heatmapFolder;           // where overlays are written (recorded with each result)
    QString weightsPath;
    int pollSeconds = 0;             // > 0: also list the folder this often (network shares raise no events)
    int tileSize = 0;                // > 0: score in tiles of this size, whatever the model's own setting
    int tileOverlap = 0;
    QString mqttAddress;             // mqtt[s]://[USER@]HOST[:PORT]/TOPIC; empty: no publishing
};

class LineSession : public QObject {
    Q_OBJECT
public:
    explicit LineSession(QObject* parent = nullptr);
    ~LineSession() override; // stops and waits for the worker (it finishes the part in hand)

    // Starts watching; `started` or `failed` follows. Ignored while running.
    void start(const LineConfig& config);
    void setPaused(bool paused);
    bool isPaused() const;
    // Finishes the part in hand, then `stopped` follows.
    void stop();
    bool isRunning() const { return running_; }

signals:
    void started(const QString& modelDescription);
    void partInspected(const dl::ui::LinePart& part);
    void backlogChanged(int waiting, const QString& modelDescription);
    void stopped(const QString& summary);
    void failed(const QString& message);

private:
    void join();

    std::shared_ptr<CancelToken> cancel_;
    std::shared_ptr<std::atomic<bool>> paused_;
    std::thread worker_;
    bool running_ = false;
};

} // namespace dl::ui

Q_DECLARE_METATYPE(dl::ui::LinePart)
