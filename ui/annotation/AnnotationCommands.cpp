#include "ui/annotation/AnnotationCommands.h"

#include <QUndoStack>

#include <utility>

namespace dl::ui {

namespace {
// Enough for a long session; each step keeps only the pixels it changed.
constexpr int kUndoLimit = 500;
} // namespace

AnnotationDocument::AnnotationDocument(QObject* parent) : QObject(parent), undoStack_(new QUndoStack(this))
{
    undoStack_->setUndoLimit(kUndoLimit);
    connect(undoStack_, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

void AnnotationDocument::reset(const QImage& image, const QImage& mask)
{
    stroking_ = false;
    strokeBefore_ = QImage();
    image_ = image;
    if (image.isNull())
        mask_ = QImage();
    else if (mask.isNull() || mask.size() != image.size()) // callers report a wrong size; never paint on it
        mask_ = mask::makeEmpty(image.size());
    else
        mask_ = mask::binarised(mask);
    undoStack_->clear(); // a cleared stack is clean (and says so through cleanChanged)
    emit documentReset();
}

bool AnnotationDocument::isModified() const
{
    return !undoStack_->isClean();
}

void AnnotationDocument::markSaved()
{
    undoStack_->setClean();
}

void AnnotationDocument::beginStroke(QPointF at, double diameter, uchar value)
{
    if (!hasImage())
        return;
    if (stroking_)
        endStroke();
    stroking_ = true;
    strokeBefore_ = mask_.copy();
    strokeDiameter_ = diameter;
    strokeValue_ = value;
    strokeLast_ = at;
    strokeRect_ = mask::paintSegment(mask_, at, at, diameter, value);
    if (!strokeRect_.isEmpty())
        emit maskChanged(strokeRect_);
}

void AnnotationDocument::continueStroke(QPointF to)
{
    if (!stroking_)
        return;
    const QRect touched = mask::paintSegment(mask_, strokeLast_, to, strokeDiameter_, strokeValue_);
    strokeLast_ = to;
    if (touched.isEmpty())
        return;
    strokeRect_ |= touched;
    emit maskChanged(touched);
}

void AnnotationDocument::endStroke()
{
    if (!stroking_)
        return;
    stroking_ = false;
    const QImage before = mask::copyRect(strokeBefore_, strokeRect_);
    strokeBefore_ = QImage();
    const QImage after = mask::copyRect(mask_, strokeRect_);
    const QString text = strokeValue_ == mask::kBackground ? tr("Eraser stroke") : tr("Brush stroke");
    pushEdit(text, strokeRect_, before, after);
}

void AnnotationDocument::cancelStroke()
{
    if (!stroking_)
        return;
    stroking_ = false;
    mask::writeRect(mask_, strokeRect_, mask::copyRect(strokeBefore_, strokeRect_));
    strokeBefore_ = QImage();
    emit maskChanged(strokeRect_);
}

template <typename Edit>
bool AnnotationDocument::applyEdit(const QString& text, Edit edit)
{
    if (!hasImage())
        return false;
    if (stroking_)
        endStroke();
    // Edit a copy first: the changed rectangle is known only afterwards, and the
    // original still holds the "before" pixels of exactly that rectangle.
    QImage edited = mask_.copy();
    const QRect rect = edit(edited);
    if (rect.isEmpty())
        return false;
    const QImage before = mask::copyRect(mask_, rect);
    const QImage after = mask::copyRect(edited, rect);
    if (before == after)
        return false;
    undoStack_->push(new MaskEditCommand(this, rect, before, after, text));
    return true;
}

bool AnnotationDocument::fillPolygon(const QPolygonF& polygon, uchar value)
{
    return applyEdit(value == mask::kBackground ? tr("Erase polygon") : tr("Polygon"),
                     [&](QImage& m) { return mask::fillPolygon(m, polygon, value); });
}

bool AnnotationDocument::floodFill(QPoint seed, uchar value)
{
    return applyEdit(value == mask::kBackground ? tr("Erase region") : tr("Fill region"),
                     [&](QImage& m) { return mask::floodFill(m, seed, value); });
}

bool AnnotationDocument::clear()
{
    return applyEdit(tr("Clear mask"), [](QImage& m) {
        const QRect painted = mask::nonZeroBounds(m);
        if (!painted.isEmpty())
            m.fill(mask::kBackground);
        return painted;
    });
}

void AnnotationDocument::pushEdit(const QString& text, const QRect& rect, const QImage& before, const QImage& after)
{
    if (rect.isEmpty() || before == after)
        return; // nothing changed (e.g. painting over paint): no undo step
    undoStack_->push(new MaskEditCommand(this, rect, before, after, text));
}

void AnnotationDocument::writePixels(const QRect& rect, const QImage& pixels)
{
    mask::writeRect(mask_, rect, pixels);
    emit maskChanged(rect);
}

MaskEditCommand::MaskEditCommand(AnnotationDocument* document, const QRect& rect, QImage before, QImage after,
                                 const QString& text)
    : QUndoCommand(text), document_(document), rect_(rect), before_(std::move(before)), after_(std::move(after))
{
}

void MaskEditCommand::undo()
{
    document_->writePixels(rect_, before_);
}

void MaskEditCommand::redo()
{
    // On the first push the mask already shows `after` (a stroke is drawn live);
    // writing it again is harmless.
    document_->writePixels(rect_, after_);
}

} // namespace dl::ui
