#pragma once
// Generated "parts" for the GUI tests: a striped grey surface like the engine
// tests use, different per seed; `defect` paints a red square on it.
#include <QColor>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QTest>

#include <cmath>

namespace dltest {

inline QImage makePart(int seed, bool defect = false)
{
    QImage image(128, 128, QImage::Format_RGB888);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const int base = 120 + int(40.0 * std::sin(0.35 * x + 0.1 * (seed % 3))) + ((x * 7 + y * 13 + seed) % 9);
            image.setPixelColor(x, y, QColor(base, base + 10, base + 20));
        }
    if (defect) {
        QPainter painter(&image);
        painter.fillRect(QRect(80, 30, 20, 20), QColor(250, 30, 30));
    }
    return image;
}

// `count` parts as part_00.png, part_01.png, ... in `folder` (made if needed).
inline void writeParts(const QString& folder, int count, int firstSeed = 0)
{
    QVERIFY(QDir().mkpath(folder));
    for (int i = 0; i < count; ++i)
        QVERIFY(makePart(firstSeed + i).save(folder + QStringLiteral("/part_%1.png").arg(i, 2, 10, QLatin1Char('0'))));
}

} // namespace dltest
