#pragma once
// The annotation being edited (image + defect mask) and its undo history.
//
// Every edit — a brush or eraser stroke from press to release, a polygon, a
// flood fill, a clear — is exactly one QUndoCommand. A command keeps only the
// pixels of the rectangle it changed, before and after, so a long history of
// small strokes on a large image stays small.
#include "ui/annotation/AnnotationMask.h"

#include <QImage>
#include <QObject>
#include <QPolygonF>
#include <QRect>
#include <QUndoCommand>

class QUndoStack;

namespace dl::ui {

class AnnotationDocument : public QObject {
    Q_OBJECT
public:
    explicit AnnotationDocument(QObject* parent = nullptr);

    // Starts editing `mask` (Format_Grayscale8, 0/255, the image's size; a null or
    // wrongly sized mask means an empty one) over `image`. Clears the undo history;
    // the document is unmodified afterwards. A null image closes the document.
    void reset(const QImage& image, const QImage& mask = {});

    bool hasImage() const { return !image_.isNull(); }
    const QImage& image() const { return image_; }
    const QImage& mask() const { return mask_; }
    QUndoStack* undoStack() const { return undoStack_; }

    // Modified = the mask differs from the last reset() or markSaved() state
    // (undoing back to that state counts as unmodified).
    bool isModified() const;
    void markSaved();

    // A brush (value 255) or eraser (value 0) stroke. The mask changes live while
    // the mouse moves; endStroke() turns the whole drag into one undo step.
    void beginStroke(QPointF at, double diameter, uchar value);
    void continueStroke(QPointF to);
    void endStroke();
    // Puts the pixels back as they were before the stroke, leaving no undo step.
    void cancelStroke();
    bool isStroking() const { return stroking_; }

    // Each returns whether the mask changed (an unchanged mask adds no undo step).
    bool fillPolygon(const QPolygonF& polygon, uchar value);
    bool floodFill(QPoint seed, uchar value);
    bool clear();

    // Used by the undo commands: copies `pixels` into `rect` of the mask.
    void writePixels(const QRect& rect, const QImage& pixels);

signals:
    void maskChanged(const QRect& rect); // image pixels that may have changed
    void documentReset();                // new image and/or mask
    void modifiedChanged(bool modified);

private:
    template <typename Edit>
    bool applyEdit(const QString& text, Edit edit);
    void pushEdit(const QString& text, const QRect& rect, const QImage& before, const QImage& after);

    QImage image_;
    QImage mask_;
    QUndoStack* undoStack_ = nullptr;

    bool stroking_ = false;
    QImage strokeBefore_; // the mask when the stroke began
    QRect strokeRect_;    // pixels the stroke touched so far
    QPointF strokeLast_;
    double strokeDiameter_ = 1.0;
    uchar strokeValue_ = mask::kDefect;
};

// Replaces the pixels of one rectangle of the mask: `after` on redo, `before` on undo.
class MaskEditCommand : public QUndoCommand {
public:
    MaskEditCommand(AnnotationDocument* document, const QRect& rect, QImage before, QImage after,
                    const QString& text);
    void undo() override;
    void redo() override;
    QRect rect() const { return rect_; }

private:
    AnnotationDocument* document_;
    QRect rect_;
    QImage before_;
    QImage after_;
};

} // namespace dl::ui
