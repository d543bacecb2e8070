#pragma once
// The painting surface of the annotation editor: the image with the defect mask
// laid over it as a semi-transparent colour, zoomable (mouse wheel, around the
// cursor) and pannable (middle button, or Space + left button).
//
// The scene is in image pixels (one scene unit = one image pixel), so every
// tool works in image coordinates whatever the zoom or the screen's device
// pixel ratio; QGraphicsView maps logical mouse positions into the scene.
//
// Tools (left button):
//   Brush / Eraser  drag to paint / erase with a round brush; the right button
//                   with the brush erases too.
//   Polygon         click the corners; double-click or Enter fills it, Esc
//                   cancels, Backspace removes the last corner. Shift while
//                   closing erases the polygon's inside instead.
//   Fill            fills the enclosed region of the MASK under the cursor (the
//                   4-connected pixels of the same mask value, e.g. the inside of
//                   a painted outline). Shift+click erases a painted region.
#include "ui/annotation/AnnotationCommands.h"

#include <QColor>
#include <QGraphicsView>
#include <QPainterPath>
#include <QPolygonF>

class QGraphicsEllipseItem;
class QGraphicsPathItem;
class QGraphicsPixmapItem;

namespace dl::ui {

class MaskOverlayItem;

class AnnotationCanvas : public QGraphicsView {
    Q_OBJECT
public:
    enum class Tool { Brush, Eraser, Polygon, Fill };

    explicit AnnotationCanvas(AnnotationDocument* document, QWidget* parent = nullptr);

    Tool tool() const { return tool_; }
    double brushDiameter() const { return brushDiameter_; } // image pixels
    double zoomFactor() const;                              // 1.0 = one image pixel per logical screen pixel
    bool isMaskVisible() const;
    bool hasHeatmap() const;
    bool hasGroundTruth() const;
    // The dashed outline of the dataset's ground-truth mask (image coordinates).
    QPainterPath groundTruthOutline() const;
    QColor maskColour() const { return maskColour_; }
    // Corners of the polygon being drawn (image coordinates).
    const QPolygonF& pendingPolygon() const { return polygon_; }

    QSize sizeHint() const override { return {640, 480}; }

public slots:
    void setTool(dl::ui::AnnotationCanvas::Tool tool);
    void setBrushDiameter(double pixels);
    void setMaskVisible(bool visible);
    // Guides under the painted mask, cleared when another image is opened: the
    // model's heatmap overlay of this image (at its size) and the dataset's
    // ground-truth mask, drawn as an outline. A null image removes one.
    void setHeatmap(const QImage& overlay);
    void setGroundTruth(const QImage& mask);
    void setHeatmapVisible(bool visible);
    void setGroundTruthVisible(bool visible);
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    // Fills the pending polygon (erasing when `erase`); false if it has < 3 corners.
    bool closePolygon(bool erase = false);
    void cancelPolygon();

signals:
    void toolChanged(dl::ui::AnnotationCanvas::Tool tool);
    void brushDiameterChanged(double pixels);
    void zoomChanged(double factor);
    // Where the pointer is, in image pixels (for a status line); invalid outside the image.
    void pointerMoved(const QPoint& pixel);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void onDocumentReset();
    void setZoom(double factor);
    void updatePixelSharpness();
    void updateBrushCursor(QPointF scenePos);
    void updatePolygonPreview(QPointF pointer);

    AnnotationDocument* document_;
    QGraphicsPixmapItem* imageItem_ = nullptr;
    MaskOverlayItem* overlay_ = nullptr;
    QGraphicsPixmapItem* heatmapItem_ = nullptr;
    QGraphicsPathItem* groundTruthItem_ = nullptr;
    QGraphicsEllipseItem* brushCursor_ = nullptr;
    QGraphicsPathItem* polygonPreview_ = nullptr;

    Tool tool_ = Tool::Brush;
    double brushDiameter_ = 15.0;
    QColor maskColour_{255, 40, 40, 120};
    QPolygonF polygon_;
    bool fitToWindow_ = true;
    bool spaceHeld_ = false;
    bool panning_ = false;
    QPoint panLast_;
};

} // namespace dl::ui
