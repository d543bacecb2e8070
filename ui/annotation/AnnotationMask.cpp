#include "ui/annotation/AnnotationMask.h"

#include "common/Error.h"

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace dl::ui::mask {

namespace {

bool isMask(const QImage& image)
{
    return !image.isNull() && image.format() == QImage::Format_Grayscale8;
}

// Squared distance from p to the segment a-b.
double squaredDistanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double lengthSquared = QPointF::dotProduct(ab, ab);
    double t = 0.0;
    if (lengthSquared > 0.0)
        t = std::clamp(QPointF::dotProduct(p - a, ab) / lengthSquared, 0.0, 1.0);
    const QPointF closest = a + t * ab;
    const QPointF d = p - closest;
    return QPointF::dotProduct(d, d);
}

void setPixel(QImage& mask, int x, int y, uchar value)
{
    if (x >= 0 && y >= 0 && x < mask.width() && y < mask.height())
        mask.scanLine(y)[x] = value;
}

QPoint pixelContaining(QPointF p)
{
    return {int(std::floor(p.x())), int(std::floor(p.y()))};
}

} // namespace

QImage makeEmpty(const QSize& size)
{
    QImage mask(size, QImage::Format_Grayscale8);
    mask.fill(kBackground);
    return mask;
}

QRect paintSegment(QImage& mask, QPointF from, QPointF to, double diameter, uchar value)
{
    if (!isMask(mask) || !std::isfinite(from.x()) || !std::isfinite(from.y()) || !std::isfinite(to.x())
        || !std::isfinite(to.y()))
        return {};
    const double radius = std::max(diameter, 1.0) / 2.0;
    const double radiusSquared = radius * radius;
    const QRect bounds = QRect(QPoint(int(std::floor(std::min(from.x(), to.x()) - radius)),
                                      int(std::floor(std::min(from.y(), to.y()) - radius))),
                               QPoint(int(std::ceil(std::max(from.x(), to.x()) + radius)),
                                      int(std::ceil(std::max(from.y(), to.y()) + radius))))
                             .intersected(mask.rect());
    for (int y = bounds.top(); y <= bounds.bottom(); ++y) {
        uchar* row = mask.scanLine(y);
        for (int x = bounds.left(); x <= bounds.right(); ++x)
            if (squaredDistanceToSegment(QPointF(x + 0.5, y + 0.5), from, to) <= radiusSquared)
                row[x] = value;
    }
    // A thin brush whose circle holds no pixel centre must still leave a mark.
    const QPoint a = pixelContaining(from);
    const QPoint b = pixelContaining(to);
    setPixel(mask, a.x(), a.y(), value);
    setPixel(mask, b.x(), b.y(), value);
    return bounds;
}

QRect fillPolygon(QImage& mask, const QPolygonF& polygon, uchar value)
{
    if (!isMask(mask) || polygon.size() < 3)
        return {};
    const QRect bounds = polygon.boundingRect().toAlignedRect().intersected(mask.rect());
    if (bounds.isEmpty())
        return {};
    std::vector<double> crossings;
    const int n = int(polygon.size());
    QRect changed;
    for (int y = bounds.top(); y <= bounds.bottom(); ++y) {
        const double centreY = y + 0.5;
        crossings.clear();
        for (int i = 0; i < n; ++i) {
            const QPointF p = polygon[i];
            const QPointF q = polygon[(i + 1) % n];
            // Half-open in y, so a vertex exactly on the scan line is counted once.
            if ((p.y() <= centreY && centreY < q.y()) || (q.y() <= centreY && centreY < p.y()))
                crossings.push_back(p.x() + (centreY - p.y()) * (q.x() - p.x()) / (q.y() - p.y()));
        }
        std::sort(crossings.begin(), crossings.end());
        uchar* row = mask.scanLine(y);
        for (std::size_t i = 0; i + 1 < crossings.size(); i += 2) {
            // Pixels whose centre x + 0.5 lies in [left, right).
            const int first = std::max(int(std::ceil(crossings[i] - 0.5)), bounds.left());
            const int last = std::min(int(std::ceil(crossings[i + 1] - 0.5)) - 1, bounds.right());
            if (first > last)
                continue;
            std::fill(row + first, row + last + 1, value);
            changed |= QRect(first, y, last - first + 1, 1);
        }
    }
    return changed;
}

QRect floodFill(QImage& mask, QPoint seed, uchar value)
{
    if (!isMask(mask) || !mask.rect().contains(seed))
        return {};
    const uchar target = mask.scanLine(seed.y())[seed.x()];
    if (target == value)
        return {};
    // Scan-line fill: fill a whole run, then queue the runs above and below it.
    // The region only ever loses pixels of `target`, so it always terminates.
    const int width = mask.width();
    const int height = mask.height();
    int left = seed.x();
    int right = seed.x();
    int top = seed.y();
    int bottom = seed.y();
    std::vector<QPoint> pending{seed};
    while (!pending.empty()) {
        const QPoint p = pending.back();
        pending.pop_back();
        uchar* row = mask.scanLine(p.y());
        if (row[p.x()] != target)
            continue;
        int x0 = p.x();
        while (x0 > 0 && row[x0 - 1] == target)
            --x0;
        int x1 = p.x();
        while (x1 + 1 < width && row[x1 + 1] == target)
            ++x1;
        std::fill(row + x0, row + x1 + 1, value);
        left = std::min(left, x0);
        right = std::max(right, x1);
        top = std::min(top, p.y());
        bottom = std::max(bottom, p.y());
        for (int neighbour : {p.y() - 1, p.y() + 1}) {
            if (neighbour < 0 || neighbour >= height)
                continue;
            const uchar* other = mask.constScanLine(neighbour);
            // One seed per run of target pixels in the neighbouring row.
            for (int x = x0; x <= x1; ++x)
                if (other[x] == target && (x == x0 || other[x - 1] != target))
                    pending.emplace_back(x, neighbour);
        }
    }
    return QRect(QPoint(left, top), QPoint(right, bottom));
}

QRect nonZeroBounds(const QImage& mask)
{
    if (!isMask(mask))
        return {};
    int left = mask.width();
    int right = -1;
    int top = mask.height();
    int bottom = -1;
    for (int y = 0; y < mask.height(); ++y) {
        const uchar* row = mask.constScanLine(y);
        for (int x = 0; x < mask.width(); ++x)
            if (row[x] != 0) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = y;
            }
    }
    if (right < 0)
        return {};
    return QRect(QPoint(left, top), QPoint(right, bottom));
}

int countNonZero(const QImage& mask)
{
    if (!isMask(mask))
        return 0;
    int count = 0;
    for (int y = 0; y < mask.height(); ++y) {
        const uchar* row = mask.constScanLine(y);
        count += int(std::count_if(row, row + mask.width(), [](uchar v) { return v != 0; }));
    }
    return count;
}

QImage copyRect(const QImage& mask, const QRect& rect)
{
    return mask.copy(rect.intersected(mask.rect()));
}

void writeRect(QImage& mask, const QRect& rect, const QImage& pixels)
{
    const QRect target = rect.intersected(mask.rect());
    if (target.isEmpty() || pixels.size() != target.size() || pixels.format() != mask.format())
        return;
    for (int y = 0; y < target.height(); ++y)
        std::copy_n(pixels.constScanLine(y), target.width(), mask.scanLine(target.top() + y) + target.left());
}

QImage binarised(const QImage& image)
{
    if (image.isNull())
        return {};
    QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < grey.height(); ++y) {
        uchar* row = grey.scanLine(y);
        for (int x = 0; x < grey.width(); ++x)
            row[x] = row[x] != 0 ? kDefect : kBackground;
    }
    return grey;
}

QByteArray encodePng(const QImage& mask)
{
    if (!isMask(mask))
        throw Error("cannot encode the annotation mask: it is not an 8-bit grey image");
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(mask))
        throw Error("cannot encode the annotation mask as PNG: " + writer.errorString().toStdString());
    return bytes;
}

QImage decodePng(const QByteArray& png, QString* problem)
{
    QBuffer buffer;
    buffer.setData(png);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "png");
    QImage image = reader.read();
    if (image.isNull()) {
        if (problem)
            *problem = reader.errorString();
        return {};
    }
    return binarised(image);
}

} // namespace dl::ui::mask
