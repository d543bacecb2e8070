#include "ui/dataset/ThumbnailGrid.h"
#include "ui/common/LocalNumber.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>
#include <QTimer>

#include <algorithm>
#include <set>

namespace dl::ui {

namespace {

// Scrolling fires continuously; requests are pruned once it pauses this long.
constexpr int kScrollSettleMs = 60;
constexpr int kDefaultCacheThumbnails = 1500; // ~1500 x 112² x 4 B ≈ 75 MB at most
constexpr int kCellPadding = 6;

// A small rounded label drawn over a thumbnail corner, elided to `maxWidth`; returns its width.
int drawChip(QPainter* painter, const QPoint& anchor, bool alignRight, const QString& fullText, const QColor& fill,
             int maxWidth)
{
    const QFontMetrics metrics(painter->font());
    const QString text = metrics.elidedText(fullText, Qt::ElideRight, std::max(0, maxWidth - 8));
    const int width = metrics.horizontalAdvance(text) + 8;
    const int height = metrics.height() + 2;
    QRect chip(anchor, QSize(width, height));
    if (alignRight)
        chip.moveRight(anchor.x());
    QPainterPath shape;
    shape.addRoundedRect(chip, 4, 4);
    painter->fillPath(shape, fill);
    painter->setPen(Qt::white);
    painter->drawText(chip, Qt::AlignCenter, text);
    return width;
}

class ThumbnailDelegate : public QStyledItemDelegate {
public:
    ThumbnailDelegate(const ThumbnailLoader* loader, QObject* parent) : QStyledItemDelegate(parent), loader_(loader) {}

    // Independent of the row: uniform item sizes let the view lay out 10,000 rows without asking each one.
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        const int edge = loader_->thumbnailEdge();
        return {edge + 2 * kCellPadding, edge + 3 * kCellPadding + option.fontMetrics.height()};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        painter->save();
        QStyleOptionViewItem background(option);
        background.text.clear();
        background.features &= ~QStyleOptionViewItem::HasDecoration;
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);

        const int edge = loader_->thumbnailEdge();
        const QRect thumbRect(option.rect.left() + (option.rect.width() - edge) / 2, option.rect.top() + kCellPadding,
                              edge, edge);
        const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
        if (!pixmap.isNull()) {
            // deviceIndependentSize: a HiDPI pixmap covers fewer logical pixels than it has.
            QRect target(QPoint(0, 0), pixmap.deviceIndependentSize().toSize());
            target.moveCenter(thumbRect.center());
            painter->drawPixmap(target, pixmap);
        } else {
            painter->fillRect(thumbRect, option.palette.color(QPalette::AlternateBase));
            if (index.data(ThumbnailModel::ThumbnailFailedRole).toBool()) {
                painter->setPen(option.palette.color(QPalette::PlaceholderText));
                painter->drawText(thumbRect, Qt::AlignCenter | Qt::TextWordWrap, ThumbnailGrid::tr("unreadable"));
            }
        }

        QFont small = option.font;
        small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
        painter->setFont(small);
        // The verdict (if scored) on the right wins the space; the label gets what is left.
        int verdictWidth = 0;
        const QVariant verdict = index.data(ThumbnailModel::VerdictRole);
        if (verdict.isValid()) {
            const bool defect = verdict.toBool();
            verdictWidth = drawChip(painter, thumbRect.topRight() + QPoint(-2, 2), true,
                                    defect ? ThumbnailGrid::tr("DEFECT") : ThumbnailGrid::tr("OK"),
                                    defect ? QColor(198, 40, 40, 230) : QColor(46, 125, 50, 230), edge - 4);
        }
        if (index.data(ThumbnailModel::AnnotatedRole).toBool())
            drawChip(painter, thumbRect.bottomRight() + QPoint(-2, -2 - option.fontMetrics.height()), true,
                     ThumbnailGrid::tr("annotated"), QColor(25, 118, 210, 230), edge - 4);
        const QString labelText = index.data(ThumbnailModel::LabelTextRole).toString();
        if (!labelText.isEmpty()) {
            const bool normal = index.data(ThumbnailModel::LabelRole).toInt() == 0;
            drawChip(painter, thumbRect.topLeft() + QPoint(2, 2), false, labelText,
                     normal ? QColor(46, 125, 50, 210) : QColor(230, 81, 0, 220), edge - verdictWidth - 8);
        }

        painter->setFont(option.font);
        const bool selected = option.state & QStyle::State_Selected;
        // The colour group the style paints the selection in (an unfocused window's
        // selection uses the inactive highlight).
        const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                           : (option.state & QStyle::State_Active) ? QPalette::Active
                                                                                    : QPalette::Inactive;
        const QRect textRect(option.rect.left() + 2, thumbRect.bottom() + kCellPadding / 2, option.rect.width() - 4,
                             option.fontMetrics.height());
        const QString name = option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle,
                                                           textRect.width() - 6);
        if (selected) {
            // Styles do not all paint an icon-mode cell's selection; the name gets its own
            // highlight so that highlighted text never stands on a plain background.
            const int width = option.fontMetrics.horizontalAdvance(name) + 10;
            QRect chip(0, 0, std::min(width, textRect.width()), textRect.height());
            chip.moveCenter(textRect.center());
            painter->setRenderHint(QPainter::Antialiasing, true);
            QPainterPath shape;
            shape.addRoundedRect(chip, 3, 3);
            painter->fillPath(shape, option.palette.color(group, QPalette::Highlight));
        }
        painter->setPen(option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(textRect, Qt::AlignHCenter | Qt::AlignVCenter, name);
        painter->restore();
    }

private:
    const ThumbnailLoader* loader_;
};

} // namespace

QImage readThumbnail(const QString& path, QSize box)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    // Only ever smaller: enlarging a small image costs memory and shows nothing new.
    if (size.isValid() && (size.width() > box.width() || size.height() > box.height())) {
        size.scale(box, Qt::KeepAspectRatio);
        reader.setScaledSize(size);
    }
    QImage image = reader.read();
    if (!image.isNull() && (image.width() > box.width() || image.height() > box.height()))
        image = image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

// ---------------------------------------------------------------------------
// ThumbnailLoader

ThumbnailLoader::ThumbnailLoader(QObject* parent) : QObject(parent)
{
    pool_.setMaxThreadCount(workerCount_);
    cache_.setMaxCost(kDefaultCacheThumbnails);
    queue_->pixelSize = QSize(edge_, edge_);
}

ThumbnailLoader::~ThumbnailLoader()
{
    {
        std::lock_guard<std::mutex> lock(queue_->mutex);
        queue_->paths.clear();
    }
    pool_.waitForDone();
}

void ThumbnailLoader::setThumbnailSize(int edge, qreal devicePixelRatio)
{
    if (edge == edge_ && qFuzzyCompare(devicePixelRatio, devicePixelRatio_))
        return;
    edge_ = edge;
    devicePixelRatio_ = devicePixelRatio;
    {
        std::lock_guard<std::mutex> lock(queue_->mutex);
        queue_->pixelSize = QSize(edge, edge) * devicePixelRatio;
    }
    clearCache();
}

QPixmap ThumbnailLoader::thumbnail(const QString& path)
{
    if (const QPixmap* cached = cache_.object(path)) // also marks it most recently used
        return *cached;
    if (pending_.contains(path) || failed_.contains(path))
        return {};
    pending_.insert(path);
    ++stats_.requested;
    {
        std::lock_guard<std::mutex> lock(queue_->mutex);
        queue_->paths.push_back(path);
        // Bounded: after a fast scroll the oldest requests are for rows long gone.
        while (int(queue_->paths.size()) > maxQueued_) {
            pending_.remove(queue_->paths.front());
            queue_->paths.pop_front();
            ++stats_.dropped;
        }
    }
    startWorkers();
    return {};
}

void ThumbnailLoader::keepOnly(const QSet<QString>& wanted)
{
    std::lock_guard<std::mutex> lock(queue_->mutex);
    auto& paths = queue_->paths;
    const auto stale = std::stable_partition(paths.begin(), paths.end(),
                                             [&wanted](const QString& path) { return wanted.contains(path); });
    for (auto it = stale; it != paths.end(); ++it) {
        pending_.remove(*it);
        ++stats_.dropped;
    }
    paths.erase(stale, paths.end());
}

void ThumbnailLoader::clearCache()
{
    cache_.clear();
    failed_.clear();
}

void ThumbnailLoader::setWorkerCount(int count)
{
    workerCount_ = qMax(0, count);
    pool_.setMaxThreadCount(qMax(1, workerCount_));
    startWorkers();
}

int ThumbnailLoader::queuedCount() const
{
    std::lock_guard<std::mutex> lock(queue_->mutex);
    return int(queue_->paths.size());
}

void ThumbnailLoader::startWorkers()
{
    while (activeWorkers_ < workerCount_ && queuedCount() > 0) {
        ++activeWorkers_;
        pool_.start([this, queue = queue_] {
            for (;;) {
                QString path;
                QSize box;
                {
                    std::lock_guard<std::mutex> lock(queue->mutex);
                    if (queue->paths.empty())
                        break;
                    // Newest first: the rows on screen now matter more than those requested earlier.
                    path = queue->paths.back();
                    queue->paths.pop_back();
                    box = queue->pixelSize;
                }
                const QImage image = readThumbnail(path, box);
                QMetaObject::invokeMethod(this, [this, path, image] { deliver(path, image); }, Qt::QueuedConnection);
            }
            // Posted after this worker's last delivery; the destructor waits for the pool, and
            // posted calls to a destroyed loader are discarded.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    --activeWorkers_;
                    startWorkers(); // a request may have arrived after the queue looked empty
                },
                Qt::QueuedConnection);
        });
    }
}

void ThumbnailLoader::deliver(const QString& path, const QImage& decoded)
{
    if (!pending_.remove(path))
        return; // the cache was cleared (e.g. a new thumbnail size) while it was decoding
    if (decoded.isNull()) {
        failed_.insert(path);
        ++stats_.failed;
    } else {
        QImage image = decoded;
        image.setDevicePixelRatio(devicePixelRatio_);
        cache_.insert(path, new QPixmap(QPixmap::fromImage(image)), 1);
        ++stats_.decoded;
    }
    emit thumbnailReady(path);
}

// ---------------------------------------------------------------------------
// ThumbnailModel

ThumbnailModel::ThumbnailModel(ThumbnailLoader* loader, QObject* parent) : QAbstractListModel(parent), loader_(loader)
{
    connect(loader_, &ThumbnailLoader::thumbnailReady, this, &ThumbnailModel::onThumbnailReady);
}

void ThumbnailModel::setDataset(const Dataset& dataset)
{
    QVector<Entry> entries;
    entries.reserve(qsizetype(dataset.samples.size()));
    for (const Sample& sample : dataset.samples) {
        Entry entry;
        entry.path = QFile::decodeName(sample.path.c_str());
        entry.fileName = QFileInfo(entry.path).fileName();
        entry.category = QString::fromStdString(sample.category);
        entry.split = sample.split;
        entry.defectType = QString::fromStdString(sample.defectType);
        entry.label = sample.label;
        entries.push_back(std::move(entry));
    }
    setEntries(std::move(entries));
}

void ThumbnailModel::setEntries(QVector<Entry> entries)
{
    beginResetModel();
    entries_ = std::move(entries);
    filter_ = {};
    verdicts_.clear();
    rebuild();
    endResetModel();
}

void ThumbnailModel::setFilter(const Filter& filter)
{
    beginResetModel();
    filter_ = filter;
    rebuild();
    endResetModel();
}

void ThumbnailModel::rebuild()
{
    shown_.clear();
    rowsByPath_.clear();
    decorationRows_.clear();
    for (int i = 0; i < entries_.size(); ++i) {
        const Entry& entry = entries_[i];
        if ((!filter_.category.isEmpty() && entry.category != filter_.category)
            || (filter_.split && entry.split != *filter_.split)
            || (!filter_.defectType.isEmpty() && entry.defectType != filter_.defectType))
            continue;
        rowsByPath_[entry.path].push_back(int(shown_.size()));
        shown_.push_back(i);
    }
}

void ThumbnailModel::setVerdict(const QString& path, bool defect, double score)
{
    verdicts_.insert(path, {defect, score});
    onThumbnailReady(path); // same rows to repaint
}

void ThumbnailModel::setAnnotated(const QString& path, bool annotated)
{
    if (annotated)
        annotated_.insert(path);
    else
        annotated_.remove(path);
    onThumbnailReady(path); // same rows to repaint
}

void ThumbnailModel::clearVerdicts()
{
    verdicts_.clear();
    if (!shown_.isEmpty())
        emit dataChanged(index(0), index(int(shown_.size()) - 1), {VerdictRole, ScoreRole});
}

int ThumbnailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(shown_.size());
}

QString ThumbnailModel::pathAt(int row) const
{
    return row >= 0 && row < shown_.size() ? entries_[shown_[row]].path : QString();
}

int ThumbnailModel::rowOf(const QString& path) const
{
    const auto rows = rowsByPath_.constFind(path);
    return rows == rowsByPath_.constEnd() ? -1 : rows->first();
}

QVariant ThumbnailModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= shown_.size())
        return {};
    const Entry& entry = entries_[shown_[index.row()]];
    switch (role) {
    case Qt::DisplayRole:
        return entry.fileName;
    case Qt::DecorationRole:
        decorationRows_.insert(index.row());
        return loader_->thumbnail(entry.path);
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1\n%2 / %3 / %4")
                          .arg(entry.path, entry.category,
                               entry.split == Split::Train ? ThumbnailGrid::tr("Train") : ThumbnailGrid::tr("Test"),
                               entry.defectType);
        const auto verdict = verdicts_.constFind(entry.path);
        if (verdict != verdicts_.constEnd())
            tip += QLatin1Char('\n')
                   + ThumbnailGrid::tr("Score %1: %2")
                         .arg(localNumber(verdict->score, 'g', 4),
                              verdict->defect ? ThumbnailGrid::tr("DEFECT") : ThumbnailGrid::tr("OK"));
        return tip;
    }
    case PathRole:
        return entry.path;
    case LabelTextRole:
        return entry.label < 0 ? QString() : entry.defectType;
    case LabelRole:
        return entry.label;
    case VerdictRole: {
        const auto verdict = verdicts_.constFind(entry.path);
        return verdict == verdicts_.constEnd() ? QVariant() : QVariant(verdict->defect);
    }
    case AnnotatedRole:
        return annotated_.contains(entry.path);
    case ScoreRole: {
        const auto verdict = verdicts_.constFind(entry.path);
        return verdict == verdicts_.constEnd() ? QVariant() : QVariant(verdict->score);
    }
    case ThumbnailFailedRole:
        return loader_->hasFailed(entry.path);
    default:
        return {};
    }
}

void ThumbnailModel::onThumbnailReady(const QString& path)
{
    const auto rows = rowsByPath_.constFind(path);
    if (rows == rowsByPath_.constEnd() || rows->isEmpty())
        return;
    // Rows are ascending; one range signal repaints what is visible of them.
    emit dataChanged(index(rows->first()), index(rows->last()));
}

// ---------------------------------------------------------------------------
// ThumbnailGrid

ThumbnailGrid::ThumbnailGrid(QWidget* parent) : QListView(parent)
{
    setObjectName(QStringLiteral("thumbnailGrid"));
    loader_ = new ThumbnailLoader(this);
    loader_->setThumbnailSize(112, devicePixelRatioF());
    model_ = new ThumbnailModel(loader_, this);
    setModel(model_);
    setItemDelegate(new ThumbnailDelegate(loader_, this));
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setWrapping(true);
    setUniformItemSizes(true);
    setLayoutMode(QListView::Batched); // lays out 10,000 rows in slices between events
    setBatchSize(2000);
    setSpacing(4);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true); // tooltips

    scrollSettled_ = new QTimer(this);
    scrollSettled_->setSingleShot(true);
    scrollSettled_->setInterval(kScrollSettleMs);
    connect(scrollSettled_, &QTimer::timeout, this, &ThumbnailGrid::dropStaleRequests);
    connect(model_, &QAbstractItemModel::modelReset, scrollSettled_, qOverload<>(&QTimer::start));
    connect(this, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit imageSelected(model_->pathAt(index.row()));
    });
}

QSize ThumbnailGrid::cellSize() const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    return itemDelegate()->sizeHint(option, {}) + QSize(spacing(), spacing());
}

QSize ThumbnailGrid::sizeHint() const
{
    // About one and a half rows: the dock shows whole thumbnails and hints at more below.
    const QSize cell = cellSize();
    return {cell.width() * 5, cell.height() * 3 / 2 + 2 * frameWidth()};
}

QSize ThumbnailGrid::minimumSizeHint() const
{
    const QSize cell = cellSize();
    return {cell.width() + 2 * frameWidth(), cell.height() + spacing() + 2 * frameWidth()};
}

void ThumbnailGrid::selectPath(const QString& path)
{
    const int row = model_->rowOf(path);
    if (row < 0) {
        clearSelection();
        return;
    }
    const QModelIndex index = model_->index(row);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    scrollTo(index);
}

QVector<int> ThumbnailGrid::visibleRows() const
{
    // Probing at half a cell's spacing hits every cell the viewport shows.
    const QSize cell = cellSize();
    const QRect area = viewport()->rect();
    // Sample positions: past the first spacing, then every half cell, and the far edge.
    auto positions = [](int first, int last, int step) {
        std::vector<int> values;
        for (int value = first; value < last; value += std::max(1, step))
            values.push_back(value);
        values.push_back(last);
        return values;
    };
    const int inset = spacing() + 2;
    std::set<int> rows;
    for (int y : positions(area.top() + inset, area.bottom() - 1, cell.height() / 2))
        for (int x : positions(area.left() + inset, area.right() - 1, cell.width() / 2)) {
            const QModelIndex index = indexAt(QPoint(x, y));
            if (index.isValid())
                rows.insert(index.row());
        }
    return QVector<int>(rows.begin(), rows.end());
}

void ThumbnailGrid::dropStaleRequests()
{
    const QVector<int> rows = visibleRows();
    if (rows.isEmpty())
        return; // not laid out yet: nothing is known to be stale
    QSet<QString> wanted;
    for (int row : rows)
        wanted.insert(model_->pathAt(row));
    loader_->keepOnly(wanted);
    // A row still on screen whose request was dropped asks again when it is painted.
    viewport()->update();
}

void ThumbnailGrid::currentChanged(const QModelIndex& current, const QModelIndex& previous)
{
    QListView::currentChanged(current, previous);
    if (keyboardNavigating_ && current.isValid())
        emit imageSelected(model_->pathAt(current.row()));
}

void ThumbnailGrid::keyPressEvent(QKeyEvent* event)
{
    keyboardNavigating_ = true;
    QListView::keyPressEvent(event);
    keyboardNavigating_ = false;
}

void ThumbnailGrid::scrollContentsBy(int dx, int dy)
{
    QListView::scrollContentsBy(dx, dy);
    scrollSettled_->start();
}

void ThumbnailGrid::resizeEvent(QResizeEvent* event)
{
    QListView::resizeEvent(event);
    // A window moved to a screen of another density needs sharper (or smaller) thumbnails.
    loader_->setThumbnailSize(loader_->thumbnailEdge(), devicePixelRatioF());
    scrollSettled_->start();
}

void ThumbnailGrid::paintEvent(QPaintEvent* event)
{
    QListView::paintEvent(event);
    if (model_->rowCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                     emptyText());
}

QString ThumbnailGrid::emptyText() const
{
    if (model_->entryCount() > 0)
        return tr("No image of the dataset matches the filter.");
    return tr("No dataset open. File → Open dataset folder… shows its images here.");
}

void ThumbnailGrid::changeEvent(QEvent* event)
{
    QListView::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        viewport()->update(); // badges and placeholders are drawn with tr() and the palette
}

} // namespace dl::ui
