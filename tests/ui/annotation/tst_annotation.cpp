// The defect annotation editor: each tool paints exactly the pixels it should,
// every edit is one undo step and undo/redo restore masks bit for bit, masks
// round-trip through the database unchanged, a stored mask of the wrong size is
// reported without losing it, unsaved changes are asked about, and a saved mask
// becomes a labelled training defect through the same function the CLI uses
// (workflow::applyDatabaseLabels).
#include "common/Error.h"
#include "data/Importers.h"
#include "database/Store.h"
#include "ui/annotation/AnnotationCanvas.h"
#include "ui/annotation/AnnotationCommands.h"
#include "ui/annotation/AnnotationEditor.h"
#include "ui/annotation/AnnotationMask.h"
#include "ui/annotation/AnnotationStorage.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/MainWindow.h"
#include "ui/dataset/ThumbnailGrid.h"
#include "ui/viewer/ResultView.h"
#include "common/UserName.h"
#include "database/StoreRecorder.h"
#include "workflow/DatasetRecording.h"

#include <QAction>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <vector>

using dl::ui::AnnotationCanvas;
using dl::ui::AnnotationDocument;
using dl::ui::AnnotationEditor;
namespace mask = dl::ui::mask;

namespace {

QImage makePart(int width, int height, int seed = 0)
{
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const int v = 100 + int(40.0 * std::sin(0.3 * x + seed)) + (x * 7 + y * 13) % 11;
            image.setPixelColor(x, y, QColor(v, v + 5, v + 10));
        }
    return image;
}

// The mask's pixel bytes row by row (without QImage's row padding), for bit-exact comparison.
QByteArray pixelBytes(const QImage& m)
{
    QByteArray bytes;
    for (int y = 0; y < m.height(); ++y)
        bytes.append(reinterpret_cast<const char*>(m.constScanLine(y)), m.width());
    return bytes;
}

bool isSet(const QImage& m, int x, int y)
{
    return m.constScanLine(y)[x] == mask::kDefect;
}

// Every pixel is exactly 0 or 255.
bool isBinary(const QImage& m)
{
    const QByteArray bytes = pixelBytes(m);
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) == 0 || uchar(c) == 255; });
}

// Reference rasterisation of a round stroke: pixel centres within r of the segment.
QImage expectedStroke(QSize size, QPointF a, QPointF b, double diameter)
{
    QImage expected = mask::makeEmpty(size);
    const double r = diameter / 2.0;
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x) {
            const QPointF c(x + 0.5, y + 0.5);
            const QPointF ab = b - a;
            const double len2 = QPointF::dotProduct(ab, ab);
            const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(c - a, ab) / len2, 0.0, 1.0) : 0.0;
            const QPointF d = c - (a + t * ab);
            if (QPointF::dotProduct(d, d) <= r * r)
                expected.scanLine(y)[x] = mask::kDefect;
        }
    return expected;
}

// Sends the mouse to image coordinates through the canvas' real view transform.
QPoint viewportPoint(AnnotationCanvas* canvas, QPointF imagePoint)
{
    return canvas->mapFromScene(imagePoint);
}

} // namespace

class TestAnnotation : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString writeImage(const QString& relative, const QImage& image)
    {
        const QString path = dir_.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!image.save(path))
            qFatal("cannot write test image %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    // --- tools on the document -------------------------------------------------

    void brushStrokePaintsTheExpectedPixels()
    {
        AnnotationDocument document;
        document.reset(makePart(100, 80));
        document.beginStroke(QPointF(10.5, 20.5), 5.0, mask::kDefect);
        document.continueStroke(QPointF(30.0, 20.5));
        document.continueStroke(QPointF(50.5, 20.5));
        document.endStroke();

        const QImage expected = expectedStroke(QSize(100, 80), QPointF(10.5, 20.5), QPointF(50.5, 20.5), 5.0);
        QCOMPARE(pixelBytes(document.mask()), pixelBytes(expected));
        QVERIFY(isSet(document.mask(), 30, 22));   // centre 2.0 from the line
        QVERIFY(!isSet(document.mask(), 30, 23));  // 3.0: outside the 2.5 radius
        QVERIFY(isSet(document.mask(), 8, 20));    // round cap reaches 2.0 beyond the start
        QVERIFY(!isSet(document.mask(), 7, 20));
        QVERIFY(!isSet(document.mask(), 54, 20));
        QVERIFY(isBinary(document.mask()));
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(document.isModified());
    }

    void thinBrushStillMarksThePixelUnderTheCursor()
    {
        QImage m = mask::makeEmpty(QSize(10, 10));
        mask::paintSegment(m, QPointF(4.0, 4.0), QPointF(4.0, 4.0), 1.0, mask::kDefect);
        QVERIFY(isSet(m, 4, 4));
        QCOMPARE(mask::countNonZero(m), 1);
    }

    void eraserClearsOnlyAlongTheStroke()
    {
        AnnotationDocument document;
        document.reset(makePart(60, 40));
        QVERIFY(document.fillPolygon(QPolygonF(QRectF(0, 0, 60, 40)), mask::kDefect));
        document.beginStroke(QPointF(5.5, 20.5), 3.0, mask::kBackground);
        document.continueStroke(QPointF(55.5, 20.5));
        document.endStroke();
        QVERIFY(!isSet(document.mask(), 30, 20));
        QVERIFY(!isSet(document.mask(), 30, 21));
        QVERIFY(isSet(document.mask(), 30, 22));   // 2.0 away > radius 1.5
        QVERIFY(isSet(document.mask(), 2, 20));    // before the stroke's start
        QCOMPARE(mask::countNonZero(document.mask()),
                 60 * 40 - mask::countNonZero(expectedStroke(QSize(60, 40), QPointF(5.5, 20.5), QPointF(55.5, 20.5), 3.0)));
        QCOMPARE(document.undoStack()->count(), 2);
    }

    void polygonFillsExactlyItsInterior()
    {
        AnnotationDocument document;
        document.reset(makePart(50, 50));
        QVERIFY(document.fillPolygon(QPolygonF({QPointF(10, 10), QPointF(30, 10), QPointF(30, 30), QPointF(10, 30)}),
                                     mask::kDefect));
        QCOMPARE(mask::countNonZero(document.mask()), 400);
        QCOMPARE(mask::nonZeroBounds(document.mask()), QRect(10, 10, 20, 20));

        // A triangle: every pixel centre inside (and only those) is set.
        AnnotationDocument triangle;
        triangle.reset(makePart(50, 50));
        const QPolygonF corners({QPointF(5, 5), QPointF(45, 5), QPointF(5, 45)});
        QVERIFY(triangle.fillPolygon(corners, mask::kDefect));
        for (int y = 0; y < 50; ++y)
            for (int x = 0; x < 50; ++x) {
                const QPointF c(x + 0.5, y + 0.5);
                const bool strictlyInside = c.x() > 5 && c.y() > 5 && c.x() + c.y() < 50;
                const bool strictlyOutside = c.x() < 5 || c.y() < 5 || c.x() + c.y() > 50;
                if (strictlyInside)
                    QVERIFY2(isSet(triangle.mask(), x, y), qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
                if (strictlyOutside)
                    QVERIFY2(!isSet(triangle.mask(), x, y), qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
            }
        QCOMPARE(triangle.undoStack()->count(), 1);
    }

    void floodFillFillsTheEnclosedRegionOnly()
    {
        AnnotationDocument document;
        document.reset(makePart(40, 40));
        // A closed square outline, two pixels wide, from (10,10) to (29,29).
        QImage outline = mask::makeEmpty(QSize(40, 40));
        mask::fillPolygon(outline, QPolygonF(QRectF(10, 10, 20, 20)), mask::kDefect);
        mask::fillPolygon(outline, QPolygonF(QRectF(12, 12, 16, 16)), mask::kBackground);
        document.reset(document.image(), outline);
        QCOMPARE(mask::countNonZero(document.mask()), 400 - 256);

        QVERIFY(document.floodFill(QPoint(20, 20), mask::kDefect));
        QCOMPARE(mask::countNonZero(document.mask()), 400); // outline + inside
        QVERIFY(!isSet(document.mask(), 5, 5));
        QVERIFY(!isSet(document.mask(), 9, 20));
        QVERIFY(!isSet(document.mask(), 30, 20));
        QCOMPARE(document.undoStack()->count(), 1);

        // Filling a painted pixel with paint changes nothing and adds no step.
        QVERIFY(!document.floodFill(QPoint(20, 20), mask::kDefect));
        QCOMPARE(document.undoStack()->count(), 1);
        // Shift+fill semantics: erase the painted blob under the cursor.
        QVERIFY(document.floodFill(QPoint(11, 11), mask::kBackground));
        QCOMPARE(mask::countNonZero(document.mask()), 0);
    }

    void floodFillDoesNotLeakThroughDiagonalGaps()
    {
        // A diagonal line of paint separates the corners under 4-connectivity.
        QImage m = mask::makeEmpty(QSize(8, 8));
        for (int i = 0; i < 8; ++i)
            m.scanLine(i)[7 - i] = mask::kDefect;
        mask::floodFill(m, QPoint(0, 0), mask::kDefect);
        QVERIFY(isSet(m, 0, 0));
        QVERIFY(isSet(m, 6, 0));
        QVERIFY(!isSet(m, 7, 7));
        QCOMPARE(mask::countNonZero(m), 8 + 28); // the line and the upper-left triangle
    }

    void undoAndRedoRestoreMasksBitExactly()
    {
        AnnotationDocument document;
        document.reset(makePart(120, 90));
        std::vector<QByteArray> states{pixelBytes(document.mask())};
        document.beginStroke(QPointF(10, 10), 9, mask::kDefect);
        for (int i = 1; i <= 20; ++i)
            document.continueStroke(QPointF(10 + 4 * i, 10 + 3 * i));
        document.endStroke();
        states.push_back(pixelBytes(document.mask()));
        document.fillPolygon(QPolygonF({QPointF(60, 5), QPointF(115, 20), QPointF(80, 60)}), mask::kDefect);
        states.push_back(pixelBytes(document.mask()));
        document.beginStroke(QPointF(70, 30), 15, mask::kBackground);
        document.continueStroke(QPointF(100, 25));
        document.endStroke();
        states.push_back(pixelBytes(document.mask()));
        document.floodFill(QPoint(5, 80), mask::kDefect);
        states.push_back(pixelBytes(document.mask()));
        document.clear();
        states.push_back(pixelBytes(document.mask()));
        QCOMPARE(document.undoStack()->count(), 5);
        for (std::size_t i = 1; i < states.size(); ++i)
            QVERIFY2(states[i] != states[i - 1], "every step changed the mask");

        for (int i = int(states.size()) - 2; i >= 0; --i) {
            document.undoStack()->undo();
            QVERIFY2(pixelBytes(document.mask()) == states[std::size_t(i)], qPrintable(QString::number(i)));
        }
        QVERIFY(!document.isModified()); // back at the opened state
        for (std::size_t i = 1; i < states.size(); ++i) {
            document.undoStack()->redo();
            QVERIFY2(pixelBytes(document.mask()) == states[i], qPrintable(QString::number(i)));
        }
    }

    void commandsKeepOnlyTheChangedRectangle()
    {
        AnnotationDocument document;
        document.reset(makePart(400, 300));
        document.beginStroke(QPointF(100, 100), 10, mask::kDefect);
        document.continueStroke(QPointF(120, 100));
        document.endStroke();
        const auto* command = dynamic_cast<const dl::ui::MaskEditCommand*>(document.undoStack()->command(0));
        QVERIFY(command);
        QVERIFY(command->rect().width() <= 32);
        QVERIFY(command->rect().height() <= 12);
    }

    void cancelledStrokeLeavesNoTrace()
    {
        AnnotationDocument document;
        document.reset(makePart(40, 40));
        const QByteArray before = pixelBytes(document.mask());
        document.beginStroke(QPointF(5, 5), 7, mask::kDefect);
        document.continueStroke(QPointF(30, 30));
        document.cancelStroke();
        QCOMPARE(pixelBytes(document.mask()), before);
        QCOMPARE(document.undoStack()->count(), 0);
    }

    // --- the canvas with real mouse and key events -------------------------------

    void mouseStrokeIsOneUndoStep()
    {
        AnnotationEditor editor;
        editor.resize(900, 600);
        const QString path = writeImage(QStringLiteral("single/part.png"), makePart(100, 80));
        editor.setDatabasePath(dir_.filePath(QStringLiteral("mouse.sqlite")));
        QVERIFY(editor.openImage(path));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        AnnotationCanvas* canvas = editor.canvas();
        canvas->setBrushDiameter(6);
        QWidget* viewport = canvas->viewport();

        QTest::mousePress(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(20.5, 40.5)));
        for (int x = 25; x <= 80; x += 5)
            QTest::mouseMove(viewport, viewportPoint(canvas, QPointF(x + 0.5, 40.5)));
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(80.5, 40.5)));

        const QImage& m = editor.document()->mask();
        QCOMPARE(editor.document()->undoStack()->count(), 1);
        for (int x = 22; x <= 78; ++x)
            QVERIFY2(isSet(m, x, 40), qPrintable(QString::number(x)));
        QVERIFY(!isSet(m, 50, 30));
        QVERIFY(!isSet(m, 10, 40));
        QVERIFY(editor.hasUnsavedChanges());

        // The right button erases with the brush tool; again one step.
        QTest::mousePress(viewport, Qt::RightButton, {}, viewportPoint(canvas, QPointF(50.5, 40.5)));
        QTest::mouseMove(viewport, viewportPoint(canvas, QPointF(60.5, 40.5)));
        QTest::mouseRelease(viewport, Qt::RightButton, {}, viewportPoint(canvas, QPointF(60.5, 40.5)));
        QCOMPARE(editor.document()->undoStack()->count(), 2);
        QVERIFY(!isSet(m, 55, 40));
        QVERIFY(isSet(m, 30, 40));

        // Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (while the focus is in the editor).
        QVERIFY(QTest::qWaitForWindowActive(&editor));
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(isSet(editor.document()->mask(), 55, 40));
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!isSet(editor.document()->mask(), 55, 40));
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(canvas, Qt::Key_Y, Qt::ControlModifier);
        QVERIFY(!isSet(editor.document()->mask(), 55, 40));
        QCOMPARE(editor.document()->undoStack()->index(), 2);
        // Tool keys: E selects the eraser, B the brush; ] enlarges the brush.
        QTest::keyClick(canvas, Qt::Key_E);
        QCOMPARE(canvas->tool(), AnnotationCanvas::Tool::Eraser);
        QTest::keyClick(canvas, Qt::Key_B);
        QCOMPARE(canvas->tool(), AnnotationCanvas::Tool::Brush);
        QTest::keyClick(canvas, Qt::Key_BracketRight);
        QVERIFY(canvas->brushDiameter() > 6);
    }

    void polygonByClicksClosesOnDoubleClickAndEnterAndCancelsOnEscape()
    {
        AnnotationEditor editor;
        editor.resize(900, 600);
        editor.setUnsavedChangesPrompt([](const QString&) { return AnnotationEditor::UnsavedChoice::Discard; });
        const QString path = writeImage(QStringLiteral("single/poly.png"), makePart(100, 100));
        editor.setDatabasePath(dir_.filePath(QStringLiteral("poly.sqlite")));
        QVERIFY(editor.openImage(path));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        AnnotationCanvas* canvas = editor.canvas();
        QWidget* viewport = canvas->viewport();
        editor.toolAction(AnnotationCanvas::Tool::Polygon)->trigger();
        QCOMPARE(canvas->tool(), AnnotationCanvas::Tool::Polygon);

        // Esc drops the corners without touching the mask.
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(10, 10)));
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(40, 10)));
        QCOMPARE(canvas->pendingPolygon().size(), 2);
        QTest::keyClick(canvas, Qt::Key_Escape);
        QVERIFY(canvas->pendingPolygon().isEmpty());
        QCOMPARE(editor.document()->undoStack()->count(), 0);

        // Three clicks and Enter fill the triangle.
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(10, 10)));
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(60, 10)));
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(10, 60)));
        QTest::keyClick(canvas, Qt::Key_Return);
        QCOMPARE(editor.document()->undoStack()->count(), 1);
        QVERIFY(isSet(editor.document()->mask(), 20, 20));
        QVERIFY(!isSet(editor.document()->mask(), 50, 50));

        // Click, click, double-click closes a quadrilateral. Widgets get a double
        // click as press, release, double-click, release; the press adds the corner.
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(70, 70)));
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(95, 70)));
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(95, 95)));
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(70, 95)));
        QTest::mouseDClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(70, 95)));
        QCOMPARE(editor.document()->undoStack()->count(), 2);
        QVERIFY(isSet(editor.document()->mask(), 82, 82));
        QVERIFY(isSet(editor.document()->mask(), 72, 92)); // below the diagonal: all four corners were used
        QVERIFY(canvas->pendingPolygon().isEmpty());

        // Two quick clicks far apart are two corners, not a double-click that closes.
        QTest::mouseClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(5, 70)));
        QTest::mouseDClick(viewport, Qt::LeftButton, {}, viewportPoint(canvas, QPointF(30, 70)));
        QCOMPARE(canvas->pendingPolygon().size(), 2);
        QCOMPARE(editor.document()->undoStack()->count(), 2);
    }

    void fillToolFillsTheClickedRegion()
    {
        AnnotationEditor editor;
        editor.resize(900, 600);
        editor.setUnsavedChangesPrompt([](const QString&) { return AnnotationEditor::UnsavedChoice::Discard; });
        const QString path = writeImage(QStringLiteral("single/fill.png"), makePart(60, 60));
        editor.setDatabasePath(dir_.filePath(QStringLiteral("fill.sqlite")));
        QVERIFY(editor.openImage(path));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        AnnotationCanvas* canvas = editor.canvas();
        // A ring painted with the brush...
        editor.document()->beginStroke(QPointF(15, 15), 3, mask::kDefect);
        for (const QPointF& p : {QPointF(45, 15), QPointF(45, 45), QPointF(15, 45), QPointF(15, 15)})
            editor.document()->continueStroke(p);
        editor.document()->endStroke();
        const int ring = mask::countNonZero(editor.document()->mask());
        // ...filled by a click inside it.
        editor.toolAction(AnnotationCanvas::Tool::Fill)->trigger();
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, viewportPoint(canvas, QPointF(30.5, 30.5)));
        QVERIFY(isSet(editor.document()->mask(), 30, 30));
        QVERIFY(!isSet(editor.document()->mask(), 5, 5));
        QVERIFY(!isSet(editor.document()->mask(), 55, 30));
        QVERIFY(mask::countNonZero(editor.document()->mask()) > ring + 600);
        QCOMPARE(editor.document()->undoStack()->count(), 2);
    }

    // --- persistence -------------------------------------------------------------

    void savedMaskRoundTripsThroughTheDatabaseBitExactly()
    {
        const QString databasePath = dir_.filePath(QStringLiteral("roundtrip.sqlite"));
        const QString path = writeImage(QStringLiteral("roundtrip/part_00.png"), makePart(90, 70));
        QByteArray savedBytes;
        {
            AnnotationEditor editor;
            editor.setDatabasePath(databasePath);
            QSignalSpy saved(&editor, &AnnotationEditor::annotationSaved);
            QVERIFY(editor.openImage(path));
            QVERIFY(!editor.currentAnnotation());
            editor.document()->beginStroke(QPointF(10, 10), 7, mask::kDefect);
            editor.document()->continueStroke(QPointF(70, 50));
            editor.document()->endStroke();
            editor.document()->fillPolygon(QPolygonF({QPointF(50, 5), QPointF(85, 5), QPointF(85, 30)}), mask::kDefect);
            editor.setDefectType(QStringLiteral("crack"));
            editor.setNote(QStringLiteral("starts at the rim"));
            QVERIFY(editor.hasUnsavedChanges());
            QVERIFY(editor.save());
            QVERIFY(!editor.hasUnsavedChanges());
            QCOMPARE(saved.count(), 1);
            savedBytes = pixelBytes(editor.document()->mask());
        }

        dl::db::Store store;
        store.open(databasePath);
        const std::optional<dl::db::DatasetRecord> dataset = store.findDatasetByRoot(QFileInfo(path).absolutePath());
        QVERIFY(dataset);
        QCOMPARE(dataset->format, QStringLiteral("folder"));
        const std::optional<dl::db::ImageRecord> image = store.findImage(dataset->id, QStringLiteral("part_00.png"));
        QVERIFY(image);
        QCOMPARE(image->width, 90);
        QCOMPARE(image->height, 70);
        QCOMPARE(image->contentHash.size(), 64);
        const std::optional<dl::db::AnnotationRecord> stored = store.latestAnnotation(image->id);
        QVERIFY(stored);
        QCOMPARE(stored->defectType, QStringLiteral("crack"));
        QCOMPARE(stored->note, QStringLiteral("starts at the rim"));
        QCOMPARE(stored->author, QString::fromStdString(dl::currentUserName()));
        // Decoded independently (OpenCV, as the training side does): 8-bit, one channel, same size, same bytes.
        const std::vector<uchar> png(stored->maskPng.begin(), stored->maskPng.end());
        const cv::Mat decoded = cv::imdecode(png, cv::IMREAD_UNCHANGED);
        QCOMPARE(decoded.type(), CV_8UC1);
        QCOMPARE(decoded.cols, 90);
        QCOMPARE(decoded.rows, 70);
        QByteArray decodedBytes;
        for (int y = 0; y < decoded.rows; ++y)
            decodedBytes.append(reinterpret_cast<const char*>(decoded.ptr(y)), decoded.cols);
        QCOMPARE(decodedBytes, savedBytes);

        // Reopening loads the newest mask for editing; saving again appends (history kept).
        AnnotationEditor editor;
        editor.setDatabasePath(databasePath);
        QVERIFY(editor.openImage(path));
        QVERIFY(editor.currentAnnotation());
        QCOMPARE(editor.currentAnnotation()->id, stored->id);
        QCOMPARE(pixelBytes(editor.document()->mask()), savedBytes);
        QCOMPARE(editor.defectType(), QStringLiteral("crack"));
        QCOMPARE(editor.note(), QStringLiteral("starts at the rim"));
        QVERIFY(!editor.hasUnsavedChanges());
        editor.document()->clear();
        QVERIFY(editor.save());
        QCOMPARE(store.annotationsForImage(image->id).size(), std::size_t(2));
        QCOMPARE(store.latestAnnotation(image->id)->id, editor.currentAnnotation()->id);
        QCOMPARE(mask::countNonZero(mask::decodePng(store.latestAnnotation(image->id)->maskPng, nullptr)), 0);

        // Pointing the editor at another database shows what that one holds.
        editor.setDatabasePath(dir_.filePath(QStringLiteral("other.sqlite")));
        QVERIFY(!editor.currentAnnotation());
        editor.setDatabasePath(databasePath);
        QCOMPARE(editor.currentAnnotation()->id, store.latestAnnotation(image->id)->id);
    }

    void wrongSizedStoredMaskIsReportedAndKept()
    {
        const QString databasePath = dir_.filePath(QStringLiteral("mismatch.sqlite"));
        const QString path = writeImage(QStringLiteral("mismatch/part.png"), makePart(64, 48));
        dl::db::RowId imageId = 0;
        {
            // A mask saved for another version of the image (32x32).
            dl::db::Store store;
            store.open(databasePath);
            const dl::ui::AnnotationTarget target = dl::ui::annotationTargetFor(path, nullptr);
            dl::ui::AnnotationToSave data;
            data.mask = mask::makeEmpty(QSize(32, 32));
            data.imageSize = QSize(32, 32);
            data.author = QStringLiteral("old");
            imageId = dl::ui::saveAnnotation(store, target, data).imageId;

            // Saving a mask that does not fit the image is refused with the sizes named.
            data.imageSize = QSize(64, 48);
            try {
                dl::ui::saveAnnotation(store, target, data);
                QFAIL("a 32x32 mask for a 64x48 image was stored");
            } catch (const dl::Error& error) {
                const QString message = QString::fromUtf8(error.what());
                QVERIFY2(message.contains(QStringLiteral("32\u00d732")) && message.contains(QStringLiteral("64\u00d748"))
                             && message.contains(QFileInfo(path).absoluteFilePath()),
                         error.what());
            }
            QCOMPARE(store.annotationsForImage(imageId).size(), std::size_t(1));
        }

        AnnotationEditor editor;
        editor.setDatabasePath(databasePath);
        QSignalSpy errors(&editor, &AnnotationEditor::errorOccurred);
        QVERIFY(editor.openImage(path));
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(QFileInfo(path).absoluteFilePath()) && message.contains(QStringLiteral("32\u00d732"))
                     && message.contains(QStringLiteral("64\u00d748")),
                 qPrintable(message));
        QCOMPARE(editor.document()->mask().size(), QSize(64, 48));
        QCOMPARE(mask::countNonZero(editor.document()->mask()), 0);

        editor.document()->fillPolygon(QPolygonF(QRectF(4, 4, 10, 10)), mask::kDefect);
        QVERIFY(editor.save());
        dl::db::Store store;
        store.open(databasePath);
        const std::vector<dl::db::AnnotationRecord> history = store.annotationsForImage(imageId);
        QCOMPARE(history.size(), std::size_t(2)); // the old, unusable one is still there
        QCOMPARE(mask::decodePng(history[1].maskPng, nullptr).size(), QSize(32, 32));
        QCOMPARE(mask::decodePng(history[0].maskPng, nullptr).size(), QSize(64, 48));
    }

    void heatmapAndGroundTruthGuideThePainting()
    {
        const QString image = writeImage(QStringLiteral("guides/test/crack/000.png"), makePart(80, 60));
        const QString other = writeImage(QStringLiteral("guides/test/crack/001.png"), makePart(80, 60, 3));
        QImage truth(80, 60, QImage::Format_Grayscale8);
        truth.fill(0);
        for (int y = 20; y < 30; ++y)
            for (int x = 30; x < 50; ++x)
                truth.setPixel(x, y, 255);
        const QString truthPath = writeImage(QStringLiteral("guides/ground_truth/crack/000_mask.png"), truth);
        auto dataset = std::make_shared<dl::Dataset>();
        dataset->root = QFile::encodeName(dir_.filePath(QStringLiteral("guides"))).toStdString();
        for (const QString& path : {image, other}) {
            dl::Sample sample;
            sample.path = QFile::encodeName(path).toStdString();
            sample.relativePath = QFile::encodeName(QDir(dir_.filePath(QStringLiteral("guides"))).relativeFilePath(path)).toStdString();
            sample.category = "guides";
            sample.split = dl::Split::Test;
            sample.label = 1;
            sample.defectType = "crack";
            sample.maskPath = path == image ? QFile::encodeName(truthPath).toStdString() : std::string();
            dataset->samples.push_back(sample);
        }
        AnnotationEditor editor;
        editor.setDatabasePath(dir_.filePath(QStringLiteral("guides.sqlite")));
        editor.setDataset(dataset);
        QImage overlay = makePart(80, 60, 7);
        // The score may arrive before the editor opens the image: it is kept for it.
        editor.setHeatmap(image, overlay);
        QVERIFY(editor.openImage(image));
        QVERIFY(editor.canvas()->hasGroundTruth());
        // The outline is the defect's, not the image frame around its complement.
        QCOMPARE(editor.canvas()->groundTruthOutline().boundingRect(), QRectF(30, 20, 20, 10));
        QVERIFY(editor.canvas()->groundTruthOutline().contains(QPointF(40, 25)));
        QVERIFY(!editor.canvas()->groundTruthOutline().contains(QPointF(5, 5)));
        QVERIFY(editor.canvas()->hasHeatmap());
        // The next image shows its own guides only: no ground truth here, its own heatmap.
        QVERIFY(editor.openImage(other));
        QVERIFY(!editor.canvas()->hasGroundTruth());
        QVERIFY(!editor.canvas()->hasHeatmap());
        editor.setHeatmap(other, overlay);
        QVERIFY(editor.canvas()->hasHeatmap());
        editor.setHeatmap(image, overlay);
        QVERIFY(editor.openImage(image));
        QVERIFY(editor.canvas()->hasGroundTruth());
    }

    void unsavedChangesAreAskedAboutWhenSwitchingImages()
    {
        const QString databasePath = dir_.filePath(QStringLiteral("prompt.sqlite"));
        const QString first = writeImage(QStringLiteral("prompt/a.png"), makePart(40, 40, 1));
        const QString second = writeImage(QStringLiteral("prompt/b.png"), makePart(40, 40, 2));
        AnnotationEditor editor;
        editor.setDatabasePath(databasePath);
        AnnotationEditor::UnsavedChoice answer = AnnotationEditor::UnsavedChoice::Cancel;
        int asked = 0;
        editor.setUnsavedChangesPrompt([&](const QString& imagePath) {
            ++asked;
            if (imagePath != QFileInfo(first).absoluteFilePath())
                qWarning("asked about %s", qPrintable(imagePath));
            return answer;
        });
        QVERIFY(editor.openImage(first));
        QVERIFY(editor.openImage(second)); // nothing painted: no question
        QCOMPARE(asked, 0);
        QVERIFY(editor.openImage(first));
        editor.document()->fillPolygon(QPolygonF(QRectF(5, 5, 10, 10)), mask::kDefect);

        answer = AnnotationEditor::UnsavedChoice::Cancel;
        QVERIFY(!editor.openImage(second));
        QCOMPARE(asked, 1);
        QCOMPARE(editor.imagePath(), QFileInfo(first).absoluteFilePath());
        QCOMPARE(mask::countNonZero(editor.document()->mask()), 100);

        answer = AnnotationEditor::UnsavedChoice::Save;
        QVERIFY(editor.openImage(second));
        QCOMPARE(asked, 2);
        QCOMPARE(editor.imagePath(), QFileInfo(second).absoluteFilePath());

        // Back to the first image: the saved mask is there.
        QVERIFY(editor.openImage(first));
        QCOMPARE(mask::countNonZero(editor.document()->mask()), 100);
        // A changed note alone is an unsaved change too; discarding drops it.
        editor.setNote(QStringLiteral("check again"));
        QVERIFY(editor.hasUnsavedChanges());
        answer = AnnotationEditor::UnsavedChoice::Discard;
        QVERIFY(editor.openImage(second));
        QCOMPARE(asked, 3);
        QVERIFY(editor.openImage(first));
        QVERIFY(editor.note().isEmpty());
    }

    void savedMaskBecomesALabelledTrainingDefect()
    {
        // An MVTec-style folder as engineers have it: good training images, a test defect.
        const QString root = dir_.filePath(QStringLiteral("mvtec/widget"));
        for (int i = 0; i < 3; ++i)
            writeImage(QStringLiteral("mvtec/widget/train/good/%1.png").arg(i, 3, 10, QLatin1Char('0')), makePart(64, 64, i));
        writeImage(QStringLiteral("mvtec/widget/test/good/000.png"), makePart(64, 64, 7));
        const QString defectPath = writeImage(QStringLiteral("mvtec/widget/test/crack/000.png"), makePart(64, 64, 9));
        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::Folder;
        const auto dataset = std::make_shared<dl::Dataset>(dl::importDataset(root.toStdString(), options));

        const QString databasePath = dir_.filePath(QStringLiteral("labels.sqlite"));
        QByteArray painted;
        {
            AnnotationEditor editor;
            editor.setDatabasePath(databasePath);
            editor.setDataset(dataset);
            QVERIFY(editor.openImage(defectPath));
            QCOMPARE(editor.target()->relativePath, QStringLiteral("test/crack/000.png"));
            editor.document()->fillPolygon(QPolygonF(QRectF(20, 24, 16, 8)), mask::kDefect);
            editor.setDefectType(QStringLiteral("crack"));
            QVERIFY(editor.save());
            painted = pixelBytes(editor.document()->mask());
        }

        dl::db::Store store;
        store.open(databasePath);
        dl::db::StoreRecorder recorder(store);
        dl::Dataset labelled = *dataset;
        QCOMPARE(dl::workflow::applyDatabaseLabels(recorder, labelled), 1);
        const dl::Sample* sample = nullptr;
        for (const dl::Sample& s : labelled.samples)
            if (s.relativePath == "test/crack/000.png")
                sample = &s;
        QVERIFY(sample);
        QCOMPARE(sample->label, 1);
        QCOMPARE(sample->split, dl::Split::Train);
        QVERIFY(!sample->maskPath.empty());
        const cv::Mat mask = cv::imread(sample->maskPath, cv::IMREAD_GRAYSCALE);
        QCOMPARE(mask.cols, 64);
        QCOMPARE(mask.rows, 64);
        QByteArray fromTraining;
        for (int y = 0; y < mask.rows; ++y)
            fromTraining.append(reinterpret_cast<const char*>(mask.ptr(y)), mask.cols);
        QCOMPARE(fromTraining, painted);
    }

    // --- main window -------------------------------------------------------------

    void mainWindowOpensTheCurrentImageInTheEditor()
    {
        const QString path = writeImage(QStringLiteral("window/part.png"), makePart(80, 60));
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.annotationEditor()->setDatabasePath(dir_.filePath(QStringLiteral("window.sqlite")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.isAnnotating());
        QVERIFY(!window.annotationEditor()->isVisible());
        QAction* annotate = window.findChild<QAction*>(QStringLiteral("annotateAction"));
        QVERIFY(annotate);
        QCOMPARE(annotate->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));

        window.openImage(path);
        annotate->trigger();
        QVERIFY(window.isAnnotating());
        QVERIFY(window.annotationEditor()->isVisible());
        QVERIFY(!window.resultView()->isVisible());
        QCOMPARE(window.annotationEditor()->imagePath(), QFileInfo(path).absoluteFilePath());

        // While annotating, the editor follows the image chosen in the window.
        const QString other = writeImage(QStringLiteral("window/other.png"), makePart(80, 60, 3));
        window.openImage(other);
        QCOMPARE(window.annotationEditor()->imagePath(), QFileInfo(other).absoluteFilePath());

        // Leaving annotate mode brings the review back and keeps the editor's state.
        window.annotationEditor()->document()->fillPolygon(QPolygonF(QRectF(2, 2, 5, 5)), mask::kDefect);
        annotate->trigger();
        QVERIFY(!window.isAnnotating());
        QVERIFY(window.resultView()->isVisible());
        QVERIFY(window.annotationEditor()->hasUnsavedChanges());
        QTRY_VERIFY(!window.engine()->isBusy());

        // A saved annotation puts a badge on the image's thumbnail.
        QVERIFY(!window.thumbnailGrid()->thumbnailModel()->isAnnotated(QFileInfo(other).absoluteFilePath()));
        QVERIFY(window.annotationEditor()->save());
        QVERIFY(window.thumbnailGrid()->thumbnailModel()->isAnnotated(QFileInfo(other).absoluteFilePath()));
        window.annotationEditor()->document()->fillPolygon(QPolygonF(QRectF(9, 9, 5, 5)), mask::kDefect);

        // Closing with an unsaved mask asks first; "Cancel" keeps the window open.
        window.annotationEditor()->setUnsavedChangesPrompt(
            [](const QString&) { return AnnotationEditor::UnsavedChoice::Cancel; });
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        window.annotationEditor()->setUnsavedChangesPrompt(
            [](const QString&) { return AnnotationEditor::UnsavedChoice::Discard; });
        QVERIFY(window.close());
    }
};

QTEST_MAIN(TestAnnotation)
#include "tst_annotation.moc"
