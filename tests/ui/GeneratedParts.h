#pragma once
// Generated "parts" for the GUI tests: a striped grey surface like the engine
// tests use, different per seed; `defect` paints a red square on it.
#include <QColor>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QTest>

#include "TestSupport.h"
#include "data/Importers.h"
#include "engine/Engine.h"

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

// A small PatchCore (128 px, a quarter of the patches kept) trained on 40
// generated normal parts written to `trainFolder`, saved as `bundle`. Needs the
// shared backbone weights (callers skip with DL_REQUIRE_SHARED first).
inline void trainPartsModel(const QString& trainFolder, const QString& bundle)
{
    writeParts(trainFolder, 40, 100); // 4 held out: a threshold not at the mercy of one part
    dl::DatasetOptions options;
    options.format = dl::DatasetFormat::Folder;
    const dl::Dataset data = dl::importDataset(trainFolder.toStdString(), options);
    dl::TrainRequest request;
    request.method = "patchcore";
    request.params = {{"image_size", 128}, {"coreset_ratio", 0.25}};
    request.backbone.weightsPath = sharedPath("models/mobilenetv2-12-int8.onnx").toStdString();
    request.datasets = {&data};
    dl::saveDetector(*dl::trainDetector(request, {}), bundle.toStdString());
}

} // namespace dltest
