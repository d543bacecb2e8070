#include "ui/annotation/AnnotationCanvas.h"

#include <QApplication>
#include <QBitmap>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegion>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace dl::ui {

namespace {
constexpr double kZoomStep = 1.25;
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 64.0;
// From this magnification on, image pixels are drawn as sharp squares so that
// engineers see exactly which pixels the mask covers.
constexpr double kSharpPixelsFromZoom = 2.0;
constexpr double kMinBrush = 1.0;
constexpr double kMaxBrush = 500.0;
} // namespace

// The mask drawn as one colour with alpha. It keeps an ARGB copy of the mask and
// recolours only the rectangles that changed, so painting stays fluid on large images.
class MaskOverlayItem : public QGraphicsItem {
public:
    explicit MaskOverlayItem(QColor colour) : colour_(colour)
    {
        setFlag(ItemUsesExtendedStyleOption); // paint() gets the exposed rect
    }

    void rebuild(const QImage& mask)
    {
        prepareGeometryChange();
        if (mask.isNull()) {
            pixels_ = QImage();
            return;
        }
        pixels_ = QImage(mask.size(), QImage::Format_ARGB32_Premultiplied);
        pixels_.fill(Qt::transparent);
        refresh(mask, mask.rect());
    }

    void refresh(const QImage& mask, const QRect& rect)
    {
        const QRect area = rect.intersected(pixels_.rect());
        if (area.isEmpty() || mask.size() != pixels_.size())
            return;
        const QRgb on = qPremultiply(colour_.rgba());
        for (int y = area.top(); y <= area.bottom(); ++y) {
            const uchar* source = mask.constScanLine(y);
            auto* target = reinterpret_cast<QRgb*>(pixels_.scanLine(y));
            for (int x = area.left(); x <= area.right(); ++x)
                target[x] = source[x] != 0 ? on : 0u;
        }
        update(QRectF(area));
    }

    QRectF boundingRect() const override { return QRectF(QPointF(0, 0), QSizeF(pixels_.size())); }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) override
    {
        if (pixels_.isNull())
            return;
        const QRect exposed = option->exposedRect.toAlignedRect().intersected(pixels_.rect());
        painter->drawImage(exposed, pixels_, exposed);
    }

private:
    QColor colour_;
    QImage pixels_;
};

AnnotationCanvas::AnnotationCanvas(AnnotationDocument* document, QWidget* parent)
    : QGraphicsView(parent), document_(document)
{
    setObjectName(QStringLiteral("annotationCanvas"));
    setScene(new QGraphicsScene(this));
    imageItem_ = scene()->addPixmap(QPixmap());
    imageItem_->setTransformationMode(Qt::SmoothTransformation);
    heatmapItem_ = scene()->addPixmap(QPixmap());
    heatmapItem_->setOpacity(0.6);
    heatmapItem_->setZValue(0.5);
    overlay_ = new MaskOverlayItem(maskColour_);
    scene()->addItem(overlay_);
    overlay_->setZValue(1);
    QPen truthPen(QColor(255, 220, 0), 2.0, Qt::DashLine);
    truthPen.setCosmetic(true);
    groundTruthItem_ = scene()->addPath(QPainterPath(), truthPen);
    groundTruthItem_->setZValue(1.5);

    QPen outline(Qt::white, 1.5);
    outline.setCosmetic(true); // the same width on screen at any zoom
    brushCursor_ = scene()->addEllipse(QRectF(), outline);
    auto* inner = new QGraphicsEllipseItem(brushCursor_);
    QPen dashes(Qt::black, 1.0, Qt::DashLine);
    dashes.setCosmetic(true);
    inner->setPen(dashes);
    brushCursor_->setZValue(3);
    brushCursor_->hide();

    QPen polygonPen(QColor(255, 220, 0), 1.5);
    polygonPen.setCosmetic(true);
    polygonPreview_ = scene()->addPath(QPainterPath(), polygonPen, QColor(255, 220, 0, 50));
    polygonPreview_->setZValue(2);

    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setBackgroundBrush(palette().dark());
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::CrossCursor);
    setMinimumSize(200, 150);

    connect(document_, &AnnotationDocument::documentReset, this, &AnnotationCanvas::onDocumentReset);
    connect(document_, &AnnotationDocument::maskChanged, this,
            [this](const QRect& rect) { overlay_->refresh(document_->mask(), rect); });
    onDocumentReset();
}

double AnnotationCanvas::zoomFactor() const
{
    return transform().m11();
}

bool AnnotationCanvas::isMaskVisible() const
{
    return overlay_->isVisible();
}

void AnnotationCanvas::setTool(Tool tool)
{
    if (tool == tool_)
        return;
    if (document_->isStroking())
        document_->endStroke();
    cancelPolygon();
    tool_ = tool;
    brushCursor_->setVisible(false);
    emit toolChanged(tool);
}

void AnnotationCanvas::setBrushDiameter(double pixels)
{
    const double clamped = std::clamp(std::round(pixels), kMinBrush, kMaxBrush);
    if (clamped == brushDiameter_)
        return;
    brushDiameter_ = clamped;
    if (brushCursor_->isVisible())
        updateBrushCursor(brushCursor_->rect().center());
    emit brushDiameterChanged(clamped);
}

void AnnotationCanvas::setMaskVisible(bool visible)
{
    overlay_->setVisible(visible);
}

void AnnotationCanvas::zoomIn()
{
    setZoom(zoomFactor() * kZoomStep);
}

void AnnotationCanvas::zoomOut()
{
    setZoom(zoomFactor() / kZoomStep);
}

void AnnotationCanvas::fitToWindow()
{
    fitToWindow_ = true;
    if (document_->hasImage())
        fitInView(imageItem_, Qt::KeepAspectRatio);
    else
        resetTransform();
    updatePixelSharpness();
    emit zoomChanged(zoomFactor());
}

void AnnotationCanvas::setZoom(double factor)
{
    if (!document_->hasImage())
        return;
    const double clamped = std::clamp(factor, kMinZoom, kMaxZoom);
    fitToWindow_ = false;
    setTransform(QTransform::fromScale(clamped, clamped));
    updatePixelSharpness();
    emit zoomChanged(clamped);
}

void AnnotationCanvas::updatePixelSharpness()
{
    const bool smooth = zoomFactor() < kSharpPixelsFromZoom;
    setRenderHint(QPainter::SmoothPixmapTransform, smooth);
    imageItem_->setTransformationMode(smooth ? Qt::SmoothTransformation : Qt::FastTransformation);
}

bool AnnotationCanvas::closePolygon(bool erase)
{
    if (polygon_.size() < 3) {
        cancelPolygon();
        return false;
    }
    const QPolygonF corners = polygon_;
    cancelPolygon();
    document_->fillPolygon(corners, erase ? mask::kBackground : mask::kDefect);
    return true;
}

void AnnotationCanvas::cancelPolygon()
{
    polygon_.clear();
    polygonPreview_->setPath(QPainterPath());
}

void AnnotationCanvas::setHeatmap(const QImage& overlay)
{
    heatmapItem_->setPixmap(overlay.isNull() ? QPixmap() : QPixmap::fromImage(overlay));
}

void AnnotationCanvas::setGroundTruth(const QImage& mask)
{
    QPainterPath outline;
    if (!mask.isNull()) {
        // Any non-zero pixel is defect, as the engine reads masks.
        QImage defect = mask.convertToFormat(QImage::Format_Grayscale8);
        QImage bits(defect.size(), QImage::Format_Mono);
        // QRegion takes the bitmap's colour-1 (black) pixels: index 1 must be black, or the
        // region is the mask's complement and the outline runs round the whole image too.
        bits.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
        bits.fill(0);
        for (int y = 0; y < defect.height(); ++y) {
            const uchar* row = defect.constScanLine(y);
            for (int x = 0; x < defect.width(); ++x)
                if (row[x] != 0)
                    bits.setPixel(x, y, 1);
        }
        outline.addRegion(QRegion(QBitmap::fromImage(bits)));
        outline = outline.simplified();
    }
    groundTruthItem_->setPath(outline);
}

void AnnotationCanvas::setHeatmapVisible(bool visible)
{
    heatmapItem_->setVisible(visible);
}

void AnnotationCanvas::setGroundTruthVisible(bool visible)
{
    groundTruthItem_->setVisible(visible);
}

bool AnnotationCanvas::hasHeatmap() const
{
    return !heatmapItem_->pixmap().isNull();
}

bool AnnotationCanvas::hasGroundTruth() const
{
    return !groundTruthItem_->path().isEmpty();
}

QPainterPath AnnotationCanvas::groundTruthOutline() const
{
    return groundTruthItem_->path();
}

void AnnotationCanvas::onDocumentReset()
{
    cancelPolygon();
    setHeatmap({});
    setGroundTruth({});
    const QImage& image = document_->image();
    imageItem_->setPixmap(image.isNull() ? QPixmap() : QPixmap::fromImage(image));
    overlay_->rebuild(document_->mask());
    scene()->setSceneRect(imageItem_->boundingRect());
    fitToWindow();
}

void AnnotationCanvas::updateBrushCursor(QPointF scenePos)
{
    const bool brushTool = tool_ == Tool::Brush || tool_ == Tool::Eraser;
    if (!brushTool || !document_->hasImage() || panning_) {
        brushCursor_->hide();
        return;
    }
    const double r = brushDiameter_ / 2.0;
    const QRectF circle(scenePos.x() - r, scenePos.y() - r, 2 * r, 2 * r);
    brushCursor_->setRect(circle);
    static_cast<QGraphicsEllipseItem*>(brushCursor_->childItems().front())->setRect(circle);
    brushCursor_->show();
}

void AnnotationCanvas::updatePolygonPreview(QPointF pointer)
{
    if (polygon_.isEmpty()) {
        polygonPreview_->setPath(QPainterPath());
        return;
    }
    QPainterPath path;
    path.addPolygon(polygon_);
    path.lineTo(pointer);
    path.closeSubpath();
    polygonPreview_->setPath(path);
}

void AnnotationCanvas::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    const bool panRequest =
        event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_);
    if (panRequest) {
        panning_ = true;
        panLast_ = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        brushCursor_->hide();
        event->accept();
        return;
    }
    if (!document_->hasImage()) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    // Sub-pixel position in image coordinates (mapToScene(QPoint) would round).
    const QPointF at = viewportTransform().inverted().map(event->position());
    const bool erase = event->modifiers().testFlag(Qt::ShiftModifier);
    switch (tool_) {
    case Tool::Brush:
    case Tool::Eraser:
        if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) {
            const bool eraser = tool_ == Tool::Eraser || event->button() == Qt::RightButton;
            document_->beginStroke(at, brushDiameter_, eraser ? mask::kBackground : mask::kDefect);
        }
        break;
    case Tool::Polygon:
        if (event->button() == Qt::LeftButton) {
            polygon_ << at;
            updatePolygonPreview(at);
        } else if (event->button() == Qt::RightButton) {
            closePolygon(erase);
        }
        break;
    case Tool::Fill:
        if (event->button() == Qt::LeftButton)
            document_->floodFill(QPoint(int(std::floor(at.x())), int(std::floor(at.y()))),
                                 erase ? mask::kBackground : mask::kDefect);
        break;
    }
    event->accept();
}

void AnnotationCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (panning_) {
        const QPoint now = event->position().toPoint();
        const QPoint delta = now - panLast_;
        panLast_ = now;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    const QPointF at = viewportTransform().inverted().map(event->position());
    if (document_->isStroking())
        document_->continueStroke(at);
    if (tool_ == Tool::Polygon)
        updatePolygonPreview(at);
    updateBrushCursor(at);
    const QPoint pixel(int(std::floor(at.x())), int(std::floor(at.y())));
    emit pointerMoved(document_->hasImage() && document_->image().rect().contains(pixel) ? pixel : QPoint(-1, -1));
    event->accept();
}

void AnnotationCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (panning_ && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        panning_ = false;
        viewport()->setCursor(spaceHeld_ ? Qt::OpenHandCursor : Qt::CrossCursor);
        event->accept();
        return;
    }
    if (document_->isStroking() && (event->button() == Qt::LeftButton || event->button() == Qt::RightButton)) {
        document_->continueStroke(viewportTransform().inverted().map(event->position()));
        document_->endStroke(); // press to release = one undo step
    }
    event->accept();
}

void AnnotationCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (tool_ == Tool::Polygon && event->button() == Qt::LeftButton && !polygon_.isEmpty()) {
        // The first click of a double-click already added this corner. A "double
        // click" far from the last corner is two quick clicks at different places
        // (some platforms report them so): that is another corner, not the end.
        const QPointF lastCorner = mapFromScene(polygon_.last());
        const double distance = (event->position() - lastCorner).manhattanLength();
        if (distance <= 2.0 * QApplication::startDragDistance()) {
            closePolygon(event->modifiers().testFlag(Qt::ShiftModifier));
            event->accept();
            return;
        }
    }
    mousePressEvent(event); // for painting tools a double-click is just another press
}

void AnnotationCanvas::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || !document_->hasImage()) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    setZoom(zoomFactor() * (delta > 0 ? kZoomStep : 1.0 / kZoomStep));
    event->accept();
}

void AnnotationCanvas::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (tool_ == Tool::Polygon && !polygon_.isEmpty()) {
            closePolygon(event->modifiers().testFlag(Qt::ShiftModifier));
            event->accept();
            return;
        }
        break;
    case Qt::Key_Escape:
        if (!polygon_.isEmpty()) {
            cancelPolygon();
            event->accept();
            return;
        }
        if (document_->isStroking()) {
            document_->cancelStroke();
            event->accept();
            return;
        }
        break;
    case Qt::Key_Backspace:
        if (!polygon_.isEmpty()) {
            polygon_.removeLast();
            updatePolygonPreview(polygon_.isEmpty() ? QPointF() : polygon_.last());
            event->accept();
            return;
        }
        break;
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            spaceHeld_ = true;
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void AnnotationCanvas::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = false;
        if (!panning_)
            viewport()->setCursor(Qt::CrossCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void AnnotationCanvas::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (fitToWindow_ && document_->hasImage())
        fitToWindow();
}

void AnnotationCanvas::leaveEvent(QEvent* event)
{
    brushCursor_->hide();
    emit pointerMoved(QPoint(-1, -1));
    QGraphicsView::leaveEvent(event);
}

void AnnotationCanvas::focusOutEvent(QFocusEvent* event)
{
    // A dialog or another window took the mouse mid-stroke: keep what was painted
    // as one step rather than leaving a stroke open.
    if (document_->isStroking())
        document_->endStroke();
    spaceHeld_ = false;
    QGraphicsView::focusOutEvent(event);
}

} // namespace dl::ui
