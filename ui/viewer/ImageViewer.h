#pragma once
// Shows one image with mouse-wheel zoom and drag-to-pan. Starts fitted to the
// window; double-click returns to the fitted view. Two viewers can be linked so
// that zoom and scroll position follow each other (original vs. heatmap). The
// image pixel under the mouse is reported, e.g. for the anomaly score there.
#include <QGraphicsView>
#include <QImage>
#include <QString>

class QGraphicsPixmapItem;

namespace dl::ui {

class ImageViewer : public QGraphicsView {
    Q_OBJECT
public:
    explicit ImageViewer(QWidget* parent = nullptr);

    void setImage(const QImage& image); // a null image clears the view
    QImage image() const { return image_; }
    bool hasImage() const { return !image_.isNull(); }
    // Drawn in the middle of the view while no image is shown.
    void setPlaceholderText(const QString& text);

    double zoomFactor() const; // 1.0 = one image pixel per screen pixel
    // Independent of the image: viewers side by side must share space equally.
    QSize sizeHint() const override { return {480, 360}; }
    bool isFittedToWindow() const { return fitToWindow_; }

    // Mirrors zoom and scroll position between this viewer and `other` (both ways).
    void linkWith(ImageViewer* other);

    // The image pixel shown at `viewportPos`, or (-1, -1) outside the image.
    QPoint imagePixelAt(const QPoint& viewportPos) const;

public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();

signals:
    void zoomChanged(double factor);
    // The mouse moved over image pixel `pixel`; (-1, -1) when it left the image.
    void pixelHovered(const QPoint& pixel);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void scaleBy(double factor);
    void setZoom(double factor);

    QGraphicsPixmapItem* pixmapItem_ = nullptr;
    QImage image_;
    QString placeholder_;
    bool fitToWindow_ = true;
    bool mirroring_ = false; // guards against ping-pong while copying state to a linked viewer
    QPoint hoveredPixel_{-1, -1};
};

} // namespace dl::ui
