// dl::db::Store: defect masks drawn by engineers.
#include "database/Store.h"

#include "database/Connection.h"
#include "database/InputChecks.h"
#include "database/RowMapping.h"

namespace dl::db {

using namespace detail;
using Reason = DatabaseError::Reason;

namespace {

bool isPng(const QByteArray& bytes)
{
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    return bytes.startsWith(signature);
}

} // namespace

// --- annotations -------------------------------------------------------------

AnnotationRecord Store::addAnnotation(RowId imageId, const QByteArray& maskPng, const QString& author,
                                     const QString& defectType, const QString& note)
{
    const detail::Connection& c = connection();
    const QString action = QStringLiteral("adding an annotation to image %1").arg(imageId);
    c.requireWritable(action);
    requireText(c, author, "the author", action);
    if (!isPng(maskPng))
        c.fail(Reason::InvalidArgument, QStringLiteral("%1 failed: the mask is not PNG data").arg(action));

    const QString createdAt = timestampText(QDateTime::currentDateTimeUtc());
    const qint64 insertedId = c.insertReturningId(QStringLiteral(
        "INSERT INTO annotations (image_id, mask_png, author, created_at, defect_type, note) "
        "VALUES (?, ?, ?, ?, ?, ?)"),
        {qlonglong(imageId), maskPng, author, createdAt, textValue(defectType), textValue(note)}, action);

    AnnotationRecord stored;
    stored.id = insertedId;
    stored.imageId = imageId;
    stored.maskPng = maskPng;
    stored.author = author;
    stored.createdAt = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    stored.defectType = defectType;
    stored.note = note;
    return stored;
}

std::optional<AnnotationRecord> Store::latestAnnotation(RowId imageId) const
{
    // Newest = highest id: ids follow insertion order even if the clock jumps.
    return selectOne(connection(), QStringLiteral("reading the latest annotation of image %1").arg(imageId),
                     QStringLiteral("SELECT %1 FROM annotations WHERE image_id = ? ORDER BY id DESC LIMIT 1")
                         .arg(kAnnotationColumns),
                     {qlonglong(imageId)}, readAnnotation);
}

std::vector<AnnotationRecord> Store::annotationsForImage(RowId imageId) const
{
    return selectAll(connection(), QStringLiteral("listing the annotations of image %1").arg(imageId),
                     QStringLiteral("SELECT %1 FROM annotations WHERE image_id = ? ORDER BY id DESC")
                         .arg(kAnnotationColumns),
                     {qlonglong(imageId)}, readAnnotation);
}

} // namespace dl::db
