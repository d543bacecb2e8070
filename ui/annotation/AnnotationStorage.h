#pragma once
// Reading and writing annotation masks in the DefectLens database, the way the
// training side expects them (app/cli applyDatabaseLabels, "--labels-from-db"):
// an annotation belongs to the `images` row of (dataset root, relative path),
// holds an 8-bit single-channel PNG of the image's size with 0 = background and
// 255 = defect, and the newest row of an image is its current mask. Saving
// always appends a row, so the history of every mask is kept.
#include "database/Records.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <optional>

namespace dl {
struct Dataset;
}

namespace dl::db {
class Store;
}

namespace dl::ui {

// Where an image lives in the database, and what to record about it if it is
// not registered yet.
struct AnnotationTarget {
    QString imagePath;       // absolute path of the image file
    QString datasetRoot;     // absolute dataset folder (as the importer reports it)
    QString relativePath;    // '/'-separated path below datasetRoot
    QString datasetFormat;   // importer format, e.g. "mvtec"; "folder" for a lone image
    nlohmann::json datasetOptions = nlohmann::json::object(); // importer options as used
    QString split = QStringLiteral("train");
    int label = -1;
    QString category;
    QString defectType;      // the dataset's defect class of the image (not the annotation's)
    QString maskPath;        // ground-truth mask file of the dataset, if any
};

// The target for `imagePath`: the sample of `dataset` with that path when there
// is one, otherwise the image alone as a one-file "folder" dataset rooted at its
// folder (so `--data <that folder>` finds the annotation).
AnnotationTarget annotationTargetFor(const QString& imagePath, const Dataset* dataset);

// The newest annotation of the target's image, without registering anything.
std::optional<db::AnnotationRecord> latestAnnotationFor(const db::Store& store, const AnnotationTarget& target);

// The newest annotation's mask, checked against `imageSize`. Returns a null image
// when there is no annotation. Throws dl::Error naming the image and the
// annotation when the stored mask cannot be decoded or has another size; the
// stored row is left as it is.
QImage loadLatestMask(const db::Store& store, const AnnotationTarget& target, const QSize& imageSize,
                      std::optional<db::AnnotationRecord>* record = nullptr);

struct AnnotationToSave {
    QImage mask;             // Format_Grayscale8, 0/255
    QSize imageSize;         // the mask must have this size
    QString author;
    QString defectType;      // e.g. "crack"
    QString note;
};

// Registers the dataset and the image when missing, then appends the mask as a
// new annotation row. Throws dl::Error (or db::DatabaseError) with a message that
// names the image when the mask has the wrong size or format, or the database
// refuses the write; nothing is changed in the mask that was passed.
db::AnnotationRecord saveAnnotation(db::Store& store, const AnnotationTarget& target, const AnnotationToSave& data);

} // namespace dl::ui
