// dl::db::Store: datasets and their images.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/InputChecks.h"
#include "database/RowMapping.h"

namespace dl::db {

using namespace detail;
using Reason = DatabaseError::Reason;

namespace {

// Names image `index` of a bulk insert in error messages.
QString imageAction(const QString& action, std::size_t index, const ImageRecord& image)
{
    return QStringLiteral("%1 (image %2, %3)").arg(action).arg(index + 1).arg(quoted(image.relativePath));
}

void validateImage(const Connection& c, const ImageRecord& image, const QString& action)
{
    requireText(c, image.path, "the image path", action);
    requireText(c, image.relativePath, "the relative path", action);
    requireHashOrEmpty(c, image.contentHash, "the content hash", action);
    if (image.width < 0 || image.height < 0)
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: the size %2x%3 is negative").arg(action).arg(image.width).arg(image.height));
    if (image.label < -1 || image.label > 1)
        c.fail(Reason::InvalidArgument,
               QStringLiteral("%1 failed: label %2 is not -1 (unknown), 0 (normal) or 1 (defective)")
                   .arg(action)
                   .arg(image.label));
}

// The checks before a dataset row is written.
void validateDataset(const Connection& c, const DatasetRecord& dataset, const QString& action)
{
    c.requireWritable(action);
    requireText(c, dataset.name, "the dataset name", action);
    requireText(c, dataset.rootPath, "the dataset root path", action);
    requireText(c, dataset.format, "the dataset format", action);
}

} // namespace

// --- datasets ----------------------------------------------------------------

DatasetRecord Store::addDataset(const DatasetRecord& dataset)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("adding dataset %1").arg(quoted(dataset.rootPath));
    validateDataset(c, dataset, action);

    DatasetRecord stored = dataset;
    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    const qint64 insertedId = c.insertReturningId(QStringLiteral(
        "INSERT INTO datasets (name, root_path, format, options_json, created_at) VALUES (?, ?, ?, ?, ?)"),
        {dataset.name, dataset.rootPath, dataset.format,
         jsonObjectText(c, dataset.options, "the dataset options", action), createdAt}, action);
    stored.id = insertedId;
    stored.options = storedObject(dataset.options);
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return stored;
}

DatasetRecord Store::addOrFindDataset(const DatasetRecord& dataset)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("adding dataset %1").arg(quoted(dataset.rootPath));
    validateDataset(c, dataset, action);
    // One statement: whichever process inserts first wins, the others find its row.
    c.execute(QStringLiteral(
        "INSERT INTO datasets (name, root_path, format, options_json, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (root_path) DO NOTHING"),
        {dataset.name, dataset.rootPath, dataset.format,
         jsonObjectText(c, dataset.options, "the dataset options", action),
         timestampText(QDateTime::currentDateTimeUtc())}, action);
    const std::optional<DatasetRecord> stored = findDatasetByRoot(dataset.rootPath);
    if (!stored)
        c.fail(Reason::Failed, QStringLiteral("%1 failed: the dataset is not stored after adding it").arg(action));
    return *stored;
}

std::optional<DatasetRecord> Store::dataset(RowId id) const
{
    return selectOne(connection(), QStringLiteral("reading dataset %1").arg(id),
                     QStringLiteral("SELECT %1 FROM datasets WHERE id = ?").arg(kDatasetColumns),
                     {qlonglong(id)}, readDataset);
}

std::optional<DatasetRecord> Store::findDatasetByRoot(const QString& rootPath) const
{
    return selectOne(connection(), QStringLiteral("looking up the dataset at %1").arg(quoted(rootPath)),
                     QStringLiteral("SELECT %1 FROM datasets WHERE root_path = ?").arg(kDatasetColumns),
                     {textValue(rootPath)}, readDataset);
}

std::vector<DatasetRecord> Store::listDatasets() const
{
    return selectAll(connection(), QStringLiteral("listing datasets"),
                     QStringLiteral("SELECT %1 FROM datasets ORDER BY id").arg(kDatasetColumns),
                     {}, readDataset);
}

// --- images ------------------------------------------------------------------

namespace {

enum class OnExisting { Fail, Keep };

// Inserts the images in one transaction. With OnExisting::Keep an image already
// stored under its dataset and relative path keeps its row, and the ids are
// read back so that every input gets its row's id; with Fail it is a Constraint error.
std::vector<RowId> insertImages(const detail::Connection& c, const std::vector<ImageRecord>& images, OnExisting existing)
{
    const QString action = QStringLiteral("adding %1 images").arg(images.size());
    c.requireWritable(action);
    if (images.empty())
        return {};
    for (std::size_t i = 0; i < images.size(); ++i)
        validateImage(c, images[i], imageAction(action, i, images[i]));

    WriteTransaction transaction(c, action);
    std::vector<RowId> ids = c.insertRows(
        QStringLiteral("INSERT INTO images (dataset_id, path, relative_path, content_hash, width, height, split, "
                       "label, category, defect_type, mask_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)%1")
            .arg(existing == OnExisting::Keep ? QStringLiteral(" ON CONFLICT (dataset_id, relative_path) DO NOTHING")
                                              : QString()),
        images.size(),
        [&](std::size_t i) -> QVariantList {
            const ImageRecord& image = images[i];
            return {qlonglong(image.datasetId), image.path, image.relativePath, textValue(image.contentHash.toLower()),
                    image.width, image.height, textValue(image.split), image.label, textValue(image.category),
                    textValue(image.defectType), textValue(image.maskPath)};
        },
        [&](std::size_t i) { return imageAction(action, i, images[i]); }, action);
    if (existing == OnExisting::Keep) {
        // Inserted or not, each image now has exactly one row: read the ids back.
        QSqlQuery lookup = c.prepare(
            QStringLiteral("SELECT id FROM images WHERE dataset_id = ? AND relative_path = ?"), action);
        for (std::size_t i = 0; i < images.size(); ++i) {
            lookup.bindValue(0, qlonglong(images[i].datasetId));
            lookup.bindValue(1, images[i].relativePath);
            c.exec(lookup, imageAction(action, i, images[i]));
            if (!c.next(lookup, action))
                c.fail(Reason::Failed, QStringLiteral("%1 failed: an image is not stored after adding it")
                                           .arg(imageAction(action, i, images[i])));
            ids[i] = lookup.value(0).toLongLong();
        }
        lookup.finish();
    }
    transaction.commit();
    return ids;
}

} // namespace

std::vector<RowId> Store::addImages(const std::vector<ImageRecord>& images)
{
    return insertImages(connection(), images, OnExisting::Fail);
}

std::vector<RowId> Store::addOrFindImages(const std::vector<ImageRecord>& images)
{
    return insertImages(connection(), images, OnExisting::Keep);
}

std::optional<ImageRecord> Store::image(RowId id) const
{
    return selectOne(connection(), QStringLiteral("reading image %1").arg(id),
                     QStringLiteral("SELECT %1 FROM images WHERE id = ?").arg(kImageColumns),
                     {qlonglong(id)}, readImage);
}

std::vector<ImageRecord> Store::imagesOfDataset(RowId datasetId) const
{
    return selectAll(connection(), QStringLiteral("listing the images of dataset %1").arg(datasetId),
                     QStringLiteral("SELECT %1 FROM images WHERE dataset_id = ? ORDER BY relative_path")
                         .arg(kImageColumns),
                     {qlonglong(datasetId)}, readImage);
}

std::optional<ImageRecord> Store::findImage(RowId datasetId, const QString& relativePath) const
{
    return selectOne(connection(),
                     QStringLiteral("looking up image %1 of dataset %2").arg(quoted(relativePath)).arg(datasetId),
                     QStringLiteral("SELECT %1 FROM images WHERE dataset_id = ? AND relative_path = ?")
                         .arg(kImageColumns),
                     {qlonglong(datasetId), relativePath}, readImage);
}

} // namespace dl::db
