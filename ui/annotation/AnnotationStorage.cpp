#include "ui/annotation/AnnotationStorage.h"

#include "common/Error.h"
#include "common/Sha256.h"
#include "data/Dataset.h"
#include "database/Store.h"
#include "ui/annotation/AnnotationMask.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace dl::ui {

namespace {

QString fromNative(const std::string& text)
{
    return QFile::decodeName(text.c_str());
}

QString normalisedPath(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString sizeText(const QSize& size)
{
    return QStringLiteral("%1\u00d7%2").arg(size.width()).arg(size.height());
}

Error errorFor(const AnnotationTarget& target, const QString& problem)
{
    return Error::forFile(target.imagePath.toStdString(), problem.toStdString());
}

} // namespace

AnnotationTarget annotationTargetFor(const QString& imagePath, const Dataset* dataset)
{
    AnnotationTarget target;
    target.imagePath = normalisedPath(imagePath);
    if (dataset) {
        for (const Sample& sample : dataset->samples) {
            if (normalisedPath(fromNative(sample.path)) != target.imagePath)
                continue;
            // The same keys the CLI records, so both find and describe the dataset alike.
            target.datasetRoot = fromNative(dataset->root);
            target.relativePath = fromNative(sample.relativePath);
            target.datasetFormat = QString::fromLatin1(toString(dataset->format));
            target.datasetOptions = {{"category", dataset->options.category},
                                     {"normal_class", dataset->options.normalClass},
                                     {"test_fraction", dataset->options.testFraction},
                                     {"seed", dataset->options.seed}};
            target.split = QString::fromLatin1(toString(sample.split));
            target.label = sample.label;
            target.category = fromNative(sample.category);
            target.defectType = fromNative(sample.defectType);
            target.maskPath = fromNative(sample.maskPath);
            return target;
        }
    }
    const QFileInfo file(target.imagePath);
    target.datasetRoot = file.absolutePath();
    target.relativePath = file.fileName();
    target.datasetFormat = QStringLiteral("folder");
    target.category = QFileInfo(target.datasetRoot).fileName();
    return target;
}

std::optional<db::AnnotationRecord> latestAnnotationFor(const db::Store& store, const AnnotationTarget& target)
{
    const std::optional<db::DatasetRecord> dataset = store.findDatasetByRoot(target.datasetRoot);
    if (!dataset)
        return std::nullopt;
    const std::optional<db::ImageRecord> image = store.findImage(dataset->id, target.relativePath);
    if (!image)
        return std::nullopt;
    return store.latestAnnotation(image->id);
}

QImage loadLatestMask(const db::Store& store, const AnnotationTarget& target, const QSize& imageSize,
                      std::optional<db::AnnotationRecord>* record)
{
    std::optional<db::AnnotationRecord> latest = latestAnnotationFor(store, target);
    if (record)
        *record = latest;
    if (!latest)
        return {};
    QString problem;
    const QImage mask = mask::decodePng(latest->maskPng, &problem);
    if (mask.isNull())
        throw errorFor(target, QCoreApplication::translate("AnnotationStorage",
                                                           "annotation %1 in %2 is not a readable PNG mask (%3); "
                                                           "it is kept in the database unchanged")
                                   .arg(latest->id)
                                   .arg(store.path(), problem));
    if (mask.size() != imageSize)
        throw errorFor(target, QCoreApplication::translate("AnnotationStorage",
                                                           "annotation %1 in %2 is a %3 mask but the image is %4 "
                                                           "pixels; it is kept in the database unchanged")
                                   .arg(latest->id)
                                   .arg(store.path(), sizeText(mask.size()), sizeText(imageSize)));
    return mask;
}

db::AnnotationRecord saveAnnotation(db::Store& store, const AnnotationTarget& target, const AnnotationToSave& data)
{
    if (data.mask.isNull() || data.imageSize.isEmpty())
        throw errorFor(target, QCoreApplication::translate("AnnotationStorage", "there is no mask to save"));
    if (data.mask.size() != data.imageSize)
        throw errorFor(target, QCoreApplication::translate("AnnotationStorage",
                                                           "the mask is %1 but the image is %2 pixels; nothing was saved")
                                   .arg(sizeText(data.mask.size()), sizeText(data.imageSize)));
    // Stored exactly as the training side reads it: 8-bit grey, 0 or 255.
    const QByteArray png = mask::encodePng(mask::binarised(data.mask));

    db::RowId datasetId = 0;
    if (std::optional<db::DatasetRecord> dataset = store.findDatasetByRoot(target.datasetRoot)) {
        datasetId = dataset->id;
    } else {
        db::DatasetRecord added;
        added.name = QFileInfo(target.datasetRoot).fileName();
        if (added.name.isEmpty())
            added.name = target.datasetRoot;
        added.rootPath = target.datasetRoot;
        added.format = target.datasetFormat;
        added.options = target.datasetOptions;
        datasetId = store.addDataset(added).id;
    }

    db::RowId imageId = 0;
    if (std::optional<db::ImageRecord> image = store.findImage(datasetId, target.relativePath)) {
        imageId = image->id;
    } else {
        db::ImageRecord added;
        added.datasetId = datasetId;
        added.path = target.imagePath;
        added.relativePath = target.relativePath;
        added.contentHash = QString::fromStdString(Sha256::ofFile(QFile::encodeName(target.imagePath).toStdString()));
        added.width = data.imageSize.width();
        added.height = data.imageSize.height();
        added.split = target.split;
        added.label = target.label;
        added.category = target.category;
        added.defectType = target.defectType;
        added.maskPath = target.maskPath;
        imageId = store.addImages({added}).front();
    }
    return store.addAnnotation(imageId, png, data.author, data.defectType.trimmed(), data.note.trimmed());
}

} // namespace dl::ui
