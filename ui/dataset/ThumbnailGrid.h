#pragma once
// A grid of image thumbnails for large datasets (tens of thousands of images).
// Pixels are decoded lazily on a small thread pool, only for the rows the view
// paints, newest request first; requests for rows scrolled out of sight are
// dropped before they are decoded, and decoded thumbnails live in an LRU cache.
// data() never touches the disk, so scrolling stays smooth.
#include "data/Dataset.h"

#include <QAbstractListModel>
#include <QCache>
#include <QHash>
#include <QListView>
#include <QPixmap>
#include <QSet>
#include <QSize>
#include <QString>
#include <QThreadPool>
#include <QVector>

#include <deque>
#include <memory>
#include <mutex>
#include <optional>

class QTimer;

namespace dl::ui {

// Reads `path` scaled to fit `box` (device pixels); JPEGs decode straight at the
// small size. A null image when the file cannot be read. Safe on any thread.
QImage readThumbnail(const QString& path, QSize box);

// Decodes thumbnails off the GUI thread. Requests are keyed by file path.
class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    struct Stats {
        int requested = 0; // decodes queued (a path is queued once while pending)
        int decoded = 0;   // finished on a worker thread
        int failed = 0;    // unreadable files (not retried)
        int dropped = 0;   // queued requests dropped as stale or over the queue bound
    };

    explicit ThumbnailLoader(QObject* parent = nullptr);
    // Drops the queue and waits for the decodes already running.
    ~ThumbnailLoader() override;

    // The thumbnail edge in device-independent pixels and the screen's pixel ratio.
    void setThumbnailSize(int edge, qreal devicePixelRatio);
    int thumbnailEdge() const { return edge_; }

    // The cached thumbnail, or a null pixmap after queueing its decode (never decodes here).
    QPixmap thumbnail(const QString& path);
    bool hasFailed(const QString& path) const { return failed_.contains(path); }
    // Forgets queued requests for paths not in `wanted` (rows scrolled out of view).
    void keepOnly(const QSet<QString>& wanted);
    void clearCache();

    // At most this many requests wait; the oldest are dropped first.
    void setMaxQueued(int count) { maxQueued_ = qMax(1, count); }
    // Decoding threads; 0 pauses decoding (tests fill the queue deterministically).
    void setWorkerCount(int count);
    void setCacheCapacity(int thumbnails) { cache_.setMaxCost(qMax(1, thumbnails)); }

    Stats stats() const { return stats_; }
    int queuedCount() const;
    int cachedCount() const { return int(cache_.size()); }

signals:
    void thumbnailReady(const QString& path);

private:
    // State the workers share with the GUI thread.
    struct Queue {
        std::mutex mutex;
        std::deque<QString> paths; // newest at the back; workers take from the back
        QSize pixelSize;           // decode box in device pixels
    };
    void startWorkers();
    void deliver(const QString& path, const QImage& image);

    std::shared_ptr<Queue> queue_ = std::make_shared<Queue>();
    QThreadPool pool_;
    QCache<QString, QPixmap> cache_;
    QSet<QString> pending_; // queued or being decoded
    QSet<QString> failed_;
    int edge_ = 112;
    qreal devicePixelRatio_ = 1.0;
    int maxQueued_ = 256;
    int workerCount_ = 2;
    int activeWorkers_ = 0;
    Stats stats_;
};

// What the grid shows: one entry per dataset sample, filtered like the dataset tree.
class ThumbnailModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        LabelTextRole,   // "good", the defect type, or empty when unknown
        LabelRole,       // 0 normal, 1 defective, -1 unknown
        VerdictRole,     // QVariant(): not scored; else bool defect
        ScoreRole,       // image score when scored
        ThumbnailFailedRole,
        AnnotatedRole,   // bool: a defect mask was drawn on the image in the annotation editor
    };
    struct Entry {
        QString path;
        QString fileName;
        QString category;
        Split split = Split::Train;
        QString defectType;
        int label = -1;
    };
    // Empty fields match everything.
    struct Filter {
        QString category;
        std::optional<Split> split;
        QString defectType;
    };

    explicit ThumbnailModel(ThumbnailLoader* loader, QObject* parent = nullptr);

    void setDataset(const Dataset& dataset);
    void setEntries(QVector<Entry> entries);
    void setFilter(const Filter& filter);
    const Filter& filter() const { return filter_; }
    void setVerdict(const QString& path, bool defect, double score);
    void clearVerdicts();
    // Images with an annotation (their thumbnails carry a pen badge).
    void setAnnotated(const QString& path, bool annotated = true);
    bool isAnnotated(const QString& path) const { return annotated_.contains(path); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int entryCount() const { return int(entries_.size()); } // before the filter
    QVariant data(const QModelIndex& index, int role) const override;
    QString pathAt(int row) const;
    int rowOf(const QString& path) const; // first row showing `path`, -1 when filtered out

    // Rows whose thumbnail was asked for since the last reset (what the view painted).
    int decorationRowsRequested() const { return int(decorationRows_.size()); }

private:
    void rebuild();
    void onThumbnailReady(const QString& path);

    ThumbnailLoader* loader_;
    QVector<Entry> entries_;
    QVector<int> shown_; // indices into entries_ that pass the filter
    QHash<QString, QVector<int>> rowsByPath_;
    Filter filter_;
    struct Verdict {
        bool defect = false;
        double score = 0.0;
    };
    QHash<QString, Verdict> verdicts_;
    QSet<QString> annotated_;
    mutable QSet<int> decorationRows_;
};

class ThumbnailGrid : public QListView {
    Q_OBJECT
public:
    explicit ThumbnailGrid(QWidget* parent = nullptr);

    ThumbnailModel* thumbnailModel() const { return model_; }
    ThumbnailLoader* loader() const { return loader_; }

    void showDataset(const Dataset& dataset) { model_->setDataset(dataset); }
    void setFilter(const ThumbnailModel::Filter& filter) { model_->setFilter(filter); }
    // Selects the thumbnail of `path` without emitting imageSelected.
    void selectPath(const QString& path);
    // What the empty strip says (no dataset, or a filter that hides every image).
    QString emptyText() const;
    // Rows at least partly inside the viewport.
    QVector<int> visibleRows() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override; // one whole row of thumbnails

signals:
    void imageSelected(const QString& path);

protected:
    void currentChanged(const QModelIndex& current, const QModelIndex& previous) override;
    void keyPressEvent(QKeyEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override; // a hint where there is nothing to show

private:
    void dropStaleRequests();
    QSize cellSize() const; // one thumbnail cell with its spacing

    ThumbnailLoader* loader_;
    ThumbnailModel* model_;
    QTimer* scrollSettled_;
    bool keyboardNavigating_ = false; // arrow keys open the image; programmatic current changes do not
};

} // namespace dl::ui
