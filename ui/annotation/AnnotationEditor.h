#pragma once
// The defect annotation editor: paint the defect mask of one image (brush,
// eraser, polygon, mask flood fill, clear) with full undo/redo, name the defect
// type, add a note, and save the mask into the DefectLens database, where
// `defectlens-cli fit --labels-from-db` (and the GUI's retraining) picks it up as
// a labelled defect for semi-supervised methods such as DMAD.
//
// Persistence (see AnnotationStorage.h): opening an image loads its newest stored
// annotation; Save appends a new annotation row, so earlier masks stay in the
// database as history. Switching to another image or closing asks about unsaved
// changes first.
//
// Everything here runs on the GUI thread: the mask operations touch at most one
// image-sized 8-bit buffer and the database work is a few single-row statements.
#include "ui/annotation/AnnotationCanvas.h"
#include "ui/annotation/AnnotationStorage.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QToolBar;
class QUndoView;

namespace dl {
struct Dataset;
}

namespace dl::db {
class Store;
}

namespace dl::ui {

class AnnotationEditor : public QWidget {
    Q_OBJECT
public:
    enum class UnsavedChoice { Save, Discard, Cancel };
    using UnsavedPrompt = std::function<UnsavedChoice(const QString& imagePath)>;

    explicit AnnotationEditor(QWidget* parent = nullptr);
    ~AnnotationEditor() override;

    // The database masks are read from and saved to; empty (the default) means
    // db::Store::defaultDatabasePath(), the CLI's default too. Opened on first use.
    // An open image without unsaved changes is reloaded from the new database.
    void setDatabasePath(const QString& path);
    QString databasePath() const;
    // The imported dataset, so that an image of it is stored under the dataset's
    // root and relative path, where the training side looks for it.
    void setDataset(std::shared_ptr<const Dataset> dataset);

    // Opens `imagePath` for annotation with its newest stored mask. Asks about
    // unsaved changes first; returns false when the user cancels or the image
    // cannot be read (reported through errorOccurred). A stored mask that does not
    // fit the image is reported and left in the database; editing starts empty.
    bool openImage(const QString& imagePath);
    // The model's heatmap overlay of `imagePath` (at the image's size), shown under
    // the mask as a guide when that image is (or gets) open here.
    void setHeatmap(const QString& imagePath, const QImage& overlay);
    // Appends the current mask, defect type and note as a new annotation. Returns
    // false (and reports why) when nothing could be stored.
    bool save();
    // When there are unsaved changes, asks whether to save them. Returns true when
    // it is fine to continue (saved, discarded or nothing to save).
    bool maybeSave();
    bool hasUnsavedChanges() const;

    QString imagePath() const { return target_ ? target_->imagePath : QString(); }
    std::optional<AnnotationTarget> target() const { return target_; }
    // The annotation shown as "current" (the one loaded or saved last).
    std::optional<db::AnnotationRecord> currentAnnotation() const { return current_; }

    QString defectType() const;
    void setDefectType(const QString& type);
    QString note() const;
    void setNote(const QString& note);

    AnnotationDocument* document() const { return document_; }
    AnnotationCanvas* canvas() const { return canvas_; }
    QAction* toolAction(AnnotationCanvas::Tool tool) const;
    QAction* undoAction() const { return undoAction_; }
    QAction* redoAction() const { return redoAction_; }
    QAction* saveAction() const { return saveAction_; }
    QAction* clearAction() const { return clearAction_; }

    // Replaces the unsaved-changes question (tests answer it without a dialog).
    void setUnsavedChangesPrompt(UnsavedPrompt prompt) { prompt_ = std::move(prompt); }

signals:
    void imageOpened(const QString& imagePath);
    void annotationSaved(const QString& imagePath, qint64 annotationId);
    void modifiedChanged(bool modified);
    // A complete sentence naming the file; the main window shows and logs it.
    void errorOccurred(const QString& message);

protected:
    void changeEvent(QEvent* event) override; // language switch

private:
    void createActions();
    void createLayout();
    void retranslateUi();
    void updateUndoTexts();
    db::Store& store(); // opens the database on first use; throws on failure
    void updateStatus();
    void updateEnabledState();
    void setMetadataModified(bool modified);
    UnsavedChoice askAboutUnsavedChanges(const QString& imagePath);
    void report(const QString& message);

    AnnotationDocument* document_ = nullptr;
    AnnotationCanvas* canvas_ = nullptr;
    QToolBar* toolBar_ = nullptr;
    QActionGroup* toolGroup_ = nullptr;
    QAction* brushAction_ = nullptr;
    QAction* eraserAction_ = nullptr;
    QAction* polygonAction_ = nullptr;
    QAction* fillAction_ = nullptr;
    QAction* clearAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QAction* saveAction_ = nullptr;
    QAction* showMaskAction_ = nullptr;
    QAction* showHeatmapAction_ = nullptr;
    QAction* showTruthAction_ = nullptr;
    std::pair<QString, QImage> pendingHeatmap_; // the newest heatmap overlay and its image
    QAction* fitAction_ = nullptr;
    QAction* smallerBrushAction_ = nullptr;
    QAction* largerBrushAction_ = nullptr;
    QLabel* sizeLabel_ = nullptr;
    QLabel* imageCaption_ = nullptr;
    QLabel* typeCaption_ = nullptr;
    QLabel* noteCaption_ = nullptr;
    QLabel* historyCaption_ = nullptr;
    QUndoView* historyView_ = nullptr;
    QSlider* brushSlider_ = nullptr;
    QSpinBox* brushSpin_ = nullptr;
    QLabel* imageLabel_ = nullptr;
    QComboBox* defectTypeBox_ = nullptr;
    QLineEdit* noteEdit_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QLabel* pointerLabel_ = nullptr;

    QString databasePath_;
    std::unique_ptr<db::Store> store_;
    std::shared_ptr<const Dataset> dataset_;
    std::optional<AnnotationTarget> target_;
    std::optional<db::AnnotationRecord> current_;
    int storedVersions_ = 0;     // annotations of this image in the database
    QString loadProblem_;        // why the stored mask could not be loaded, if so
    bool metadataModified_ = false;
    bool updatingFields_ = false; // set while the fields are filled programmatically
    UnsavedPrompt prompt_;
};

} // namespace dl::ui
