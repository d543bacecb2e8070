#pragma once
// Pixel operations on defect masks as the annotation editor paints them: 8-bit
// single-channel QImages (QImage::Format_Grayscale8) of the image's size holding
// only 0 (background) and 255 (defect).
//
// Coordinates are image coordinates in which pixel (x, y) covers the square
// [x, x+1) x [y, y+1), so its centre is (x + 0.5, y + 0.5); this is what a
// QGraphicsScene showing the image at scale 1 uses. A pixel is painted when its
// centre is inside the shape, which makes every operation exact and
// independent of the zoom level. Each operation returns the rectangle of pixels
// it may have changed (empty when it touched nothing), so callers can keep undo
// data and repaint just that part.
#include <QByteArray>
#include <QImage>
#include <QPointF>
#include <QPolygonF>
#include <QRect>
#include <QString>

namespace dl::ui::mask {

constexpr uchar kDefect = 255;
constexpr uchar kBackground = 0;

// An all-background mask of `size`.
QImage makeEmpty(const QSize& size);

// A round brush of `diameter` image pixels dragged in a straight line from `from`
// to `to` (a single dab when they are equal): sets every pixel whose centre lies
// within diameter / 2 of the segment to `value`. The pixels containing the two end
// points are always set, so even a 1-pixel brush leaves a connected trail.
QRect paintSegment(QImage& mask, QPointF from, QPointF to, double diameter, uchar value);

// Sets every pixel whose centre lies inside `polygon` (even-odd rule; the polygon
// is closed implicitly) to `value`.
QRect fillPolygon(QImage& mask, const QPolygonF& polygon, uchar value);

// Sets the 4-connected region of pixels that share the value of `seed` to `value`:
// inside a painted outline this fills the enclosed hole, on a painted blob with
// value 0 it erases the blob. Does nothing when the seed is outside the mask or
// already has `value`.
QRect floodFill(QImage& mask, QPoint seed, uchar value);

// The smallest rectangle holding every non-zero pixel (empty for a blank mask).
QRect nonZeroBounds(const QImage& mask);
int countNonZero(const QImage& mask);

// Copies the pixels of `rect` out of / back into a mask.
QImage copyRect(const QImage& mask, const QRect& rect);
void writeRect(QImage& mask, const QRect& rect, const QImage& pixels);

// Any image -> Format_Grayscale8 with every non-zero pixel set to 255, which is how
// the training side reads a mask (any non-zero pixel is a defect).
QImage binarised(const QImage& image);

// PNG bytes of an 8-bit grey mask. Throws dl::Error if encoding fails.
QByteArray encodePng(const QImage& mask);
// Decodes PNG mask bytes (binarised, see above). Returns a null image and sets
// `problem` to a readable reason when the data is not a decodable image.
QImage decodePng(const QByteArray& png, QString* problem);

} // namespace dl::ui::mask
