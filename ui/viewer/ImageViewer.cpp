#include "ui/viewer/ImageViewer.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace dl::ui {

namespace {
constexpr double kZoomStep = 1.25;
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 40.0;
} // namespace

ImageViewer::ImageViewer(QWidget* parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    pixmapItem_ = scene()->addPixmap(QPixmap());
    pixmapItem_->setTransformationMode(Qt::SmoothTransformation);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setBackgroundBrush(palette().dark());
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(160, 120);
    viewport()->setMouseTracking(true); // hover reports without a pressed button
}

void ImageViewer::setImage(const QImage& image)
{
    image_ = image;
    QPixmap pixmap = image.isNull() ? QPixmap() : QPixmap::fromImage(image);
    // One scene unit is one image pixel whatever the screen density; zoom decides the rest.
    pixmap.setDevicePixelRatio(1.0);
    pixmapItem_->setPixmap(pixmap);
    scene()->setSceneRect(pixmapItem_->boundingRect());
    if (fitToWindow_ || image.isNull())
        fitToWindow();
    viewport()->update();
}

void ImageViewer::setPlaceholderText(const QString& text)
{
    placeholder_ = text;
    viewport()->update();
}

double ImageViewer::zoomFactor() const
{
    return transform().m11();
}

void ImageViewer::linkWith(ImageViewer* other)
{
    auto mirrorZoom = [](ImageViewer* from, ImageViewer* to) {
        connect(from, &ImageViewer::zoomChanged, to, [from, to](double factor) {
            if (from->mirroring_ || to->mirroring_)
                return;
            to->mirroring_ = true;
            if (from->isFittedToWindow())
                to->fitToWindow();
            else
                to->setZoom(factor);
            // Same image size and zoom: equal scroll positions show the same region.
            to->horizontalScrollBar()->setValue(from->horizontalScrollBar()->value());
            to->verticalScrollBar()->setValue(from->verticalScrollBar()->value());
            to->mirroring_ = false;
        });
    };
    auto mirrorScroll = [](ImageViewer* from, ImageViewer* to) {
        connect(from->horizontalScrollBar(), &QScrollBar::valueChanged, to, [from, to](int value) {
            if (!from->mirroring_ && !to->mirroring_) {
                to->mirroring_ = true;
                to->horizontalScrollBar()->setValue(value);
                to->mirroring_ = false;
            }
        });
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, to, [from, to](int value) {
            if (!from->mirroring_ && !to->mirroring_) {
                to->mirroring_ = true;
                to->verticalScrollBar()->setValue(value);
                to->mirroring_ = false;
            }
        });
    };
    mirrorZoom(this, other);
    mirrorZoom(other, this);
    mirrorScroll(this, other);
    mirrorScroll(other, this);
}

QPoint ImageViewer::imagePixelAt(const QPoint& viewportPos) const
{
    if (!hasImage())
        return {-1, -1};
    const QPointF scenePos = mapToScene(viewportPos);
    const QPoint pixel(int(std::floor(scenePos.x())), int(std::floor(scenePos.y())));
    return QRect(QPoint(0, 0), image_.size()).contains(pixel) ? pixel : QPoint(-1, -1);
}

void ImageViewer::mouseMoveEvent(QMouseEvent* event)
{
    QGraphicsView::mouseMoveEvent(event);
    const QPoint pixel = imagePixelAt(event->position().toPoint());
    if (pixel != hoveredPixel_) {
        hoveredPixel_ = pixel;
        emit pixelHovered(pixel);
    }
}

void ImageViewer::leaveEvent(QEvent* event)
{
    QGraphicsView::leaveEvent(event);
    if (hoveredPixel_ != QPoint(-1, -1)) {
        hoveredPixel_ = QPoint(-1, -1);
        emit pixelHovered(hoveredPixel_);
    }
}

void ImageViewer::changeEvent(QEvent* event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setBackgroundBrush(palette().dark()); // follows the light/dark theme
}

void ImageViewer::zoomIn()
{
    scaleBy(kZoomStep);
}

void ImageViewer::zoomOut()
{
    scaleBy(1.0 / kZoomStep);
}

void ImageViewer::fitToWindow()
{
    fitToWindow_ = true;
    if (hasImage())
        fitInView(pixmapItem_, Qt::KeepAspectRatio);
    else
        resetTransform();
    emit zoomChanged(zoomFactor());
}

void ImageViewer::scaleBy(double factor)
{
    if (!hasImage())
        return;
    setZoom(zoomFactor() * factor);
}

void ImageViewer::setZoom(double factor)
{
    if (!hasImage())
        return;
    const double clamped = std::clamp(factor, kMinZoom, kMaxZoom);
    fitToWindow_ = false;
    setTransform(QTransform::fromScale(clamped, clamped));
    emit zoomChanged(clamped);
}

void ImageViewer::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || !hasImage()) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(delta > 0 ? kZoomStep : 1.0 / kZoomStep);
    event->accept();
}

void ImageViewer::mouseDoubleClickEvent(QMouseEvent* event)
{
    fitToWindow();
    event->accept();
}

void ImageViewer::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (fitToWindow_ && hasImage())
        fitInView(pixmapItem_, Qt::KeepAspectRatio);
}

void ImageViewer::drawForeground(QPainter* painter, const QRectF& rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (hasImage() || placeholder_.isEmpty())
        return;
    // Drawn in viewport coordinates so the text stays centred whatever the transform.
    painter->save();
    painter->resetTransform();
    painter->setPen(palette().color(QPalette::BrightText));
    painter->drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                      placeholder_);
    painter->restore();
}

} // namespace dl::ui
