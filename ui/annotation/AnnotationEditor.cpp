#include "ui/annotation/AnnotationEditor.h"

#include "data/Dataset.h"
#include "database/Store.h"
#include "ui/common/DatabaseAddress.h"
#include "ui/common/SettingsDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

#include <set>

namespace dl::ui {

namespace {

constexpr int kMaxBrushSlider = 200;

// Defect names offered in the type field besides the dataset's own. They are
// stored as data (the training side groups by them), so they stay untranslated,
// like the dataset folder names they sit beside.
const char* const kCommonDefectTypes[] = {"crack", "scratch", "dent", "contamination", "broken", "missing"};

// Small tool icons drawn here, so they follow the palette and stay sharp on HiDPI screens.
QIcon toolIcon(AnnotationCanvas::Tool tool, const QColor& ink)
{
    constexpr int kSize = 24;
    constexpr qreal kRatio = 2.0;
    QPixmap pixmap(int(kSize * kRatio), int(kSize * kRatio));
    pixmap.setDevicePixelRatio(kRatio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QPen pen(ink, 1.8);
    pen.setJoinStyle(Qt::RoundJoin);
    p.setPen(pen);
    switch (tool) {
    case AnnotationCanvas::Tool::Brush:
        p.setBrush(QColor(230, 50, 50));
        p.drawEllipse(QPointF(12, 12), 7, 7);
        break;
    case AnnotationCanvas::Tool::Eraser:
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(12, 12), 7, 7);
        p.drawLine(QPointF(7, 17), QPointF(17, 7));
        break;
    case AnnotationCanvas::Tool::Polygon: {
        const QPolygonF shape({QPointF(4, 18), QPointF(8, 5), QPointF(20, 8), QPointF(17, 19)});
        p.setBrush(QColor(230, 50, 50, 110));
        p.drawPolygon(shape);
        p.setBrush(ink);
        for (const QPointF& corner : shape)
            p.drawEllipse(corner, 1.6, 1.6);
        break;
    }
    case AnnotationCanvas::Tool::Fill: {
        QPainterPath bucket;
        bucket.addRoundedRect(QRectF(5, 8, 11, 12), 2, 2);
        p.setBrush(QColor(230, 50, 50));
        p.drawPath(bucket);
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(7, 3, 7, 9), 0, 180 * 16);
        p.setBrush(QColor(230, 50, 50));
        p.drawEllipse(QPointF(19.5, 17), 1.8, 2.6);
        break;
    }
    }
    return QIcon(pixmap);
}

} // namespace

AnnotationEditor::AnnotationEditor(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("annotationEditor"));
    document_ = new AnnotationDocument(this);
    canvas_ = new AnnotationCanvas(document_, this);
    createActions();
    createLayout();
    retranslateUi();

    connect(document_, &AnnotationDocument::modifiedChanged, this, [this] { updateEnabledState(); });
    // Counting the painted area scans the whole mask: once per undo step, not per mouse move.
    connect(document_->undoStack(), &QUndoStack::indexChanged, this, [this] { updateStatus(); });
    connect(document_, &AnnotationDocument::documentReset, this, [this] { updateStatus(); });
    connect(canvas_, &AnnotationCanvas::pointerMoved, this, [this](const QPoint& pixel) {
        if (pixel.x() < 0) {
            pointerLabel_->clear();
            return;
        }
        const bool defect = document_->mask().constScanLine(pixel.y())[pixel.x()] != 0;
        pointerLabel_->setText(tr("x %1, y %2%3").arg(pixel.x()).arg(pixel.y()).arg(defect ? tr(" \u2014 defect") : QString()));
    });
    updateStatus();
    updateEnabledState();
}

AnnotationEditor::~AnnotationEditor()
{
    // The document is destroyed with the child objects, after this body; its undo
    // stack still signals while clearing itself and must not reach this half-destroyed editor.
    disconnect(document_->undoStack(), nullptr, this, nullptr);
    disconnect(document_, nullptr, this, nullptr);
    disconnect(canvas_, nullptr, this, nullptr);
}

void AnnotationEditor::createActions()
{
    const QColor ink = palette().color(QPalette::WindowText);
    // Editor keys act while the focus is anywhere in the editor, never elsewhere in the window.
    auto editorAction = [this](const QIcon& icon, std::initializer_list<QKeySequence> keys) {
        auto* action = new QAction(icon, QString(), this);
        action->setShortcuts(QList<QKeySequence>(keys));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    toolGroup_ = new QActionGroup(this);
    toolGroup_->setExclusive(true);
    auto addTool = [&](AnnotationCanvas::Tool tool, Qt::Key key) {
        QAction* action = editorAction(toolIcon(tool, ink), {QKeySequence(key)});
        action->setCheckable(true);
        action->setData(int(tool));
        toolGroup_->addAction(action);
        connect(action, &QAction::triggered, canvas_, [this, tool] { canvas_->setTool(tool); });
        return action;
    };
    brushAction_ = addTool(AnnotationCanvas::Tool::Brush, Qt::Key_B);
    eraserAction_ = addTool(AnnotationCanvas::Tool::Eraser, Qt::Key_E);
    polygonAction_ = addTool(AnnotationCanvas::Tool::Polygon, Qt::Key_P);
    fillAction_ = addTool(AnnotationCanvas::Tool::Fill, Qt::Key_F);
    brushAction_->setChecked(true);
    connect(canvas_, &AnnotationCanvas::toolChanged, this, [this](AnnotationCanvas::Tool tool) {
        if (QAction* action = toolAction(tool))
            action->setChecked(true);
    });

    clearAction_ = new QAction(style()->standardIcon(QStyle::SP_DialogResetButton), QString(), this);
    connect(clearAction_, &QAction::triggered, document_, &AnnotationDocument::clear);

    // Own undo/redo actions (not QUndoStack::createUndoAction) so that their
    // "Undo <step>" text can be translated again when the language changes.
    QUndoStack* stack = document_->undoStack();
    undoAction_ = editorAction(style()->standardIcon(QStyle::SP_ArrowBack), {QKeySequence::Undo});
    connect(undoAction_, &QAction::triggered, stack, &QUndoStack::undo);
    redoAction_ = editorAction(style()->standardIcon(QStyle::SP_ArrowForward),
                               {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    connect(redoAction_, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::canUndoChanged, undoAction_, &QAction::setEnabled);
    connect(stack, &QUndoStack::canRedoChanged, redoAction_, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, this, [this] { updateUndoTexts(); });
    connect(stack, &QUndoStack::redoTextChanged, this, [this] { updateUndoTexts(); });
    undoAction_->setEnabled(false);
    redoAction_->setEnabled(false);

    saveAction_ = editorAction(style()->standardIcon(QStyle::SP_DialogSaveButton), {QKeySequence::Save});
    connect(saveAction_, &QAction::triggered, this, [this] { save(); });

    showMaskAction_ = editorAction(QIcon(), {QKeySequence(Qt::Key_M)});
    showMaskAction_->setCheckable(true);
    showMaskAction_->setChecked(true);
    connect(showMaskAction_, &QAction::toggled, canvas_, &AnnotationCanvas::setMaskVisible);
    // Guides for painting: where the model sees the anomaly, and the dataset's own mask.
    showHeatmapAction_ = editorAction(QIcon(), {QKeySequence(Qt::Key_H)});
    showHeatmapAction_->setObjectName(QStringLiteral("showHeatmap"));
    showHeatmapAction_->setCheckable(true);
    showHeatmapAction_->setChecked(true);
    connect(showHeatmapAction_, &QAction::toggled, canvas_, &AnnotationCanvas::setHeatmapVisible);
    showTruthAction_ = editorAction(QIcon(), {QKeySequence(Qt::Key_G)});
    showTruthAction_->setObjectName(QStringLiteral("showGroundTruth"));
    showTruthAction_->setCheckable(true);
    showTruthAction_->setChecked(true);
    connect(showTruthAction_, &QAction::toggled, canvas_, &AnnotationCanvas::setGroundTruthVisible);

    fitAction_ = new QAction(this);
    connect(fitAction_, &QAction::triggered, canvas_, &AnnotationCanvas::fitToWindow);

    // Brush size in image pixels; [ and ] change it in steps as in common paint programs.
    smallerBrushAction_ = editorAction(QIcon(), {QKeySequence(Qt::Key_BracketLeft)});
    connect(smallerBrushAction_, &QAction::triggered, this,
            [this] { canvas_->setBrushDiameter(canvas_->brushDiameter() * 0.8); });
    largerBrushAction_ = editorAction(QIcon(), {QKeySequence(Qt::Key_BracketRight)});
    connect(largerBrushAction_, &QAction::triggered, this, [this] {
        canvas_->setBrushDiameter(std::max(canvas_->brushDiameter() + 1, canvas_->brushDiameter() * 1.25));
    });
}

void AnnotationEditor::createLayout()
{
    toolBar_ = new QToolBar(this);
    toolBar_->setObjectName(QStringLiteral("annotationToolBar"));
    toolBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar_->setIconSize(QSize(20, 20));
    toolBar_->addActions({brushAction_, eraserAction_, polygonAction_, fillAction_});
    toolBar_->addSeparator();

    brushSlider_ = new QSlider(Qt::Horizontal);
    brushSlider_->setObjectName(QStringLiteral("brushSizeSlider"));
    brushSlider_->setRange(1, kMaxBrushSlider);
    brushSlider_->setMaximumWidth(140);
    brushSpin_ = new QSpinBox;
    brushSpin_->setRange(1, 500);
    sizeLabel_ = new QLabel;
    sizeLabel_->setBuddy(brushSpin_);
    sizeLabel_->setContentsMargins(4, 0, 4, 0);
    toolBar_->addWidget(sizeLabel_);
    toolBar_->addWidget(brushSlider_);
    toolBar_->addWidget(brushSpin_);
    auto showDiameter = [this](double pixels) {
        const QSignalBlocker blockSlider(brushSlider_);
        const QSignalBlocker blockSpin(brushSpin_);
        brushSlider_->setValue(std::min(int(pixels), kMaxBrushSlider));
        brushSpin_->setValue(int(pixels));
    };
    showDiameter(canvas_->brushDiameter());
    connect(brushSlider_, &QSlider::valueChanged, canvas_, [this](int v) { canvas_->setBrushDiameter(v); });
    connect(brushSpin_, &QSpinBox::valueChanged, canvas_, [this](int v) { canvas_->setBrushDiameter(v); });
    connect(canvas_, &AnnotationCanvas::brushDiameterChanged, this, showDiameter);

    toolBar_->addSeparator();
    toolBar_->addAction(clearAction_);
    toolBar_->addAction(undoAction_);
    toolBar_->addAction(redoAction_);
    toolBar_->addSeparator();
    toolBar_->addAction(showMaskAction_);
    toolBar_->addAction(showHeatmapAction_);
    toolBar_->addAction(showTruthAction_);
    toolBar_->addAction(fitAction_);
    // The painting tools keep their names; the rest fit the bar as icons with tool tips.
    for (QAction* action : {clearAction_, undoAction_, redoAction_}) {
        if (auto* button = qobject_cast<QToolButton*>(toolBar_->widgetForAction(action)))
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }

    imageLabel_ = new QLabel;
    imageLabel_->setObjectName(QStringLiteral("annotationImageLabel"));
    imageLabel_->setWordWrap(true);
    imageLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    defectTypeBox_ = new QComboBox;
    defectTypeBox_->setObjectName(QStringLiteral("defectTypeBox"));
    defectTypeBox_->setEditable(true);
    defectTypeBox_->setInsertPolicy(QComboBox::NoInsert);
    noteEdit_ = new QLineEdit;
    noteEdit_->setObjectName(QStringLiteral("annotationNote"));
    noteEdit_->setClearButtonEnabled(true);
    statusLabel_ = new QLabel;
    statusLabel_->setObjectName(QStringLiteral("annotationStatus"));
    statusLabel_->setWordWrap(true);
    statusLabel_->setTextFormat(Qt::PlainText);
    connect(defectTypeBox_, &QComboBox::editTextChanged, this, [this] {
        if (!updatingFields_)
            setMetadataModified(true);
    });
    connect(noteEdit_, &QLineEdit::textEdited, this, [this] { setMetadataModified(true); });

    imageCaption_ = new QLabel;
    typeCaption_ = new QLabel;
    typeCaption_->setBuddy(defectTypeBox_);
    noteCaption_ = new QLabel;
    noteCaption_->setBuddy(noteEdit_);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(imageCaption_, imageLabel_);
    form->addRow(typeCaption_, defectTypeBox_);
    form->addRow(noteCaption_, noteEdit_);

    auto* saveButton = new QToolButton;
    saveButton->setObjectName(QStringLiteral("annotationSaveButton"));
    saveButton->setDefaultAction(saveAction_);
    saveButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    saveButton->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    historyView_ = new QUndoView(document_->undoStack());
    historyView_->setObjectName(QStringLiteral("annotationHistory"));
    historyCaption_ = new QLabel;

    auto* side = new QWidget;
    side->setMinimumWidth(230); // room for the defect type and the status lines
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(6, 0, 0, 0);
    sideLayout->addLayout(form);
    sideLayout->addWidget(saveButton);
    sideLayout->addWidget(statusLabel_);
    sideLayout->addWidget(historyCaption_);
    sideLayout->addWidget(historyView_, 1);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(canvas_);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);

    pointerLabel_ = new QLabel;
    pointerLabel_->setObjectName(QStringLiteral("annotationPointer"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(toolBar_);
    layout->addWidget(splitter, 1);
    layout->addWidget(pointerLabel_);
}

void AnnotationEditor::retranslateUi()
{
    brushAction_->setText(tr("&Brush"));
    brushAction_->setToolTip(tr("Brush (B): paint the defect; drag with the right button to erase"));
    eraserAction_->setText(tr("&Eraser"));
    eraserAction_->setToolTip(tr("Eraser (E): remove paint"));
    polygonAction_->setText(tr("&Polygon"));
    polygonAction_->setToolTip(tr("Polygon (P): click the corners, double-click or Enter to fill, Esc to cancel, "
                                  "Backspace removes the last corner; hold Shift when closing to erase"));
    fillAction_->setText(tr("&Fill"));
    fillAction_->setToolTip(tr("Fill (F): fill the enclosed region of the mask under the cursor, e.g. the inside "
                               "of a painted outline; Shift+click erases a painted region"));
    clearAction_->setText(tr("C&lear"));
    clearAction_->setToolTip(tr("Clear the whole mask (can be undone)"));
    saveAction_->setText(tr("&Save mask"));
    saveAction_->setToolTip(tr("Save the mask, defect type and note to the database as a new annotation (Ctrl+S)"));
    showMaskAction_->setText(tr("Show &mask"));
    showMaskAction_->setToolTip(tr("Show or hide the painted mask (M)"));
    showHeatmapAction_->setText(tr("&Heatmap"));
    showHeatmapAction_->setToolTip(tr("Show or hide the model's heatmap under the mask (H)"));
    showTruthAction_->setText(tr("&Ground truth"));
    showTruthAction_->setToolTip(tr("Show or hide the dataset's ground-truth mask as a dashed outline (G)"));
    fitAction_->setText(tr("Fit"));
    fitAction_->setToolTip(tr("Fit the image to the editor (wheel zooms, middle button or Space+drag pans)"));
    smallerBrushAction_->setText(tr("Smaller brush"));
    largerBrushAction_->setText(tr("Larger brush"));
    updateUndoTexts();

    toolBar_->setWindowTitle(tr("Annotation tools"));
    sizeLabel_->setText(tr("Size"));
    brushSlider_->setToolTip(tr("Brush diameter in image pixels ([ and ] change it)"));
    brushSpin_->setToolTip(brushSlider_->toolTip());
    brushSpin_->setSuffix(tr(" px"));
    imageCaption_->setText(tr("Image:"));
    typeCaption_->setText(tr("Defect &type:"));
    noteCaption_->setText(tr("&Note:"));
    defectTypeBox_->lineEdit()->setPlaceholderText(tr("e.g. crack"));
    defectTypeBox_->setToolTip(tr("What kind of defect the mask shows"));
    noteEdit_->setPlaceholderText(tr("optional"));
    historyCaption_->setText(tr("History"));
    historyView_->setEmptyLabel(tr("<opened>"));
    historyView_->setToolTip(tr("Edit history: click a step to go back to it"));
    updateStatus();
}

void AnnotationEditor::updateUndoTexts()
{
    const QUndoStack* stack = document_->undoStack();
    undoAction_->setText(stack->canUndo() ? tr("Undo %1").arg(stack->undoText()) : tr("Undo"));
    redoAction_->setText(stack->canRedo() ? tr("Redo %1").arg(stack->redoText()) : tr("Redo"));
}

void AnnotationEditor::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

QAction* AnnotationEditor::toolAction(AnnotationCanvas::Tool tool) const
{
    for (QAction* action : toolGroup_->actions())
        if (action->data().toInt() == int(tool))
            return action;
    return nullptr;
}

void AnnotationEditor::setDatabasePath(const QString& path)
{
    if (path == databasePath_)
        return;
    databasePath_ = path;
    store_.reset(); // reopened on next use
    // Show what the new database holds for the open image; unsaved painting stays
    // and will be saved there.
    if (target_ && !hasUnsavedChanges()) {
        const QString imagePath = target_->imagePath;
        target_.reset();
        openImage(imagePath);
    } else {
        updateStatus();
    }
}

QString AnnotationEditor::databasePath() const
{
    return databasePath_.isEmpty() ? db::Store::defaultDatabasePath() : databasePath_;
}

void AnnotationEditor::setDataset(std::shared_ptr<const Dataset> dataset)
{
    dataset_ = std::move(dataset);
    std::set<QString> types;
    if (dataset_)
        for (const Sample& sample : dataset_->samples)
            if (sample.label == 1 && !sample.defectType.empty())
                types.insert(QString::fromStdString(sample.defectType));
    for (const char* common : kCommonDefectTypes)
        types.insert(QString::fromLatin1(common));
    const QString typed = defectTypeBox_->currentText();
    const bool wasUpdating = updatingFields_;
    updatingFields_ = true;
    defectTypeBox_->clear();
    for (const QString& type : types)
        defectTypeBox_->addItem(type);
    defectTypeBox_->setEditText(typed);
    updatingFields_ = wasUpdating;

    // An image opened before its dataset finished importing was filed as a lone
    // image; from now on it belongs under the dataset's root, where training looks.
    if (!target_)
        return;
    const AnnotationTarget refiled = annotationTargetFor(target_->imagePath, dataset_.get());
    if (refiled.datasetRoot == target_->datasetRoot && refiled.relativePath == target_->relativePath)
        return;
    if (hasUnsavedChanges()) {
        target_ = refiled; // keep the painting; Save stores it under the dataset
        return;
    }
    const QString path = target_->imagePath;
    target_.reset();
    openImage(path); // loads the annotation stored under the dataset, if any
}

db::Store& AnnotationEditor::store()
{
    const QString path = databasePath();
    if (!store_ || !store_->isOpen()) {
        auto opened = std::make_unique<db::Store>();
        opened->open(path); // throws DatabaseError naming the file
        store_ = std::move(opened);
    }
    return *store_;
}

bool AnnotationEditor::hasUnsavedChanges() const
{
    return target_ && (document_->isModified() || metadataModified_);
}

AnnotationEditor::UnsavedChoice AnnotationEditor::askAboutUnsavedChanges(const QString& imagePath)
{
    if (prompt_)
        return prompt_(imagePath);
    QMessageBox box(QMessageBox::Question, tr("Unsaved annotation"),
                    tr("The annotation of %1 has unsaved changes.").arg(QFileInfo(imagePath).fileName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Save them to the database before continuing?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return UnsavedChoice::Save;
    case QMessageBox::Discard:
        return UnsavedChoice::Discard;
    default:
        return UnsavedChoice::Cancel;
    }
}

bool AnnotationEditor::maybeSave()
{
    if (document_->isStroking())
        document_->endStroke();
    if (!hasUnsavedChanges())
        return true;
    switch (askAboutUnsavedChanges(imagePath())) {
    case UnsavedChoice::Save:
        return save();
    case UnsavedChoice::Discard:
        return true;
    case UnsavedChoice::Cancel:
        break;
    }
    return false;
}

void AnnotationEditor::setHeatmap(const QString& imagePath, const QImage& overlay)
{
    // Kept for the image until it is opened here (the score may arrive first).
    pendingHeatmap_ = {imagePath, overlay};
    if (target_ && target_->imagePath == imagePath && overlay.size() == document_->image().size())
        canvas_->setHeatmap(overlay);
}

bool AnnotationEditor::openImage(const QString& imagePath)
{
    const AnnotationTarget target = annotationTargetFor(imagePath, dataset_.get());
    if (target_ && target_->imagePath == target.imagePath && !hasUnsavedChanges() && loadProblem_.isEmpty())
        return true; // already open, nothing to reload
    if (!maybeSave())
        return false;

    QImageReader reader(target.imagePath);
    reader.setAutoTransform(false); // masks are in file pixel order, as the engine reads them
    QImage image = reader.read();
    if (image.isNull()) {
        report(tr("%1: cannot open the image for annotation: %2").arg(target.imagePath, reader.errorString()));
        return false;
    }
    // Drawn as is; a 16-bit or indexed file is shown through an 8-bit copy.
    if (image.format() != QImage::Format_RGB32 && image.format() != QImage::Format_ARGB32
        && image.format() != QImage::Format_Grayscale8 && image.format() != QImage::Format_RGB888)
        image = image.convertToFormat(QImage::Format_RGB32);

    QImage mask;
    std::optional<db::AnnotationRecord> record;
    loadProblem_.clear();
    storedVersions_ = 0;
    try {
        const db::Store& database = store();
        mask = loadLatestMask(database, target, image.size(), &record);
        if (record)
            storedVersions_ = int(database.annotationsForImage(record->imageId).size());
    } catch (const std::exception& error) {
        // Editing still works; the stored row is untouched and a save appends a new one.
        loadProblem_ = QString::fromUtf8(error.what());
        mask = QImage();
        record.reset(); // its mask is not what the editor shows
    }

    target_ = target;
    current_ = record;
    document_->reset(image, mask); // also clears the previous image's guides
    if (!target.maskPath.isEmpty()) {
        QImageReader truthReader(target.maskPath);
        truthReader.setAutoTransform(false);
        const QImage truth = truthReader.read();
        if (truth.size() == image.size())
            canvas_->setGroundTruth(truth);
        else
            report(tr("%1: the ground-truth mask cannot be shown: %2").arg(target.maskPath,
                      truth.isNull() ? truthReader.errorString() : tr("its size differs from the image's")));
    }
    if (pendingHeatmap_.first == target.imagePath)
        canvas_->setHeatmap(pendingHeatmap_.second);
    updatingFields_ = true;
    if (current_) {
        defectTypeBox_->setEditText(current_->defectType);
        noteEdit_->setText(current_->note);
    } else {
        // A dataset's defect class is the natural first guess for a new annotation.
        const bool knownDefect = target.label == 1 && target.defectType != QLatin1String("good");
        defectTypeBox_->setEditText(knownDefect ? target.defectType : QString());
        noteEdit_->clear();
    }
    updatingFields_ = false;
    metadataModified_ = false;
    imageLabel_->setText(QFileInfo(target.imagePath).fileName());
    imageLabel_->setToolTip(target.imagePath);
    updateStatus();
    updateEnabledState();
    emit imageOpened(target.imagePath);
    if (!loadProblem_.isEmpty())
        report(loadProblem_);
    return true;
}

bool AnnotationEditor::save()
{
    if (document_->isStroking())
        document_->endStroke();
    if (!target_ || !document_->hasImage()) {
        report(tr("Open an image before saving an annotation."));
        return false;
    }
    AnnotationToSave data;
    data.mask = document_->mask();
    data.imageSize = document_->image().size();
    data.author = recordedUserName();
    data.defectType = defectType();
    data.note = note();
    try {
        db::Store& database = store();
        const db::AnnotationRecord stored = saveAnnotation(database, *target_, data);
        current_ = stored;
        storedVersions_ = int(database.annotationsForImage(stored.imageId).size());
    } catch (const std::exception& error) {
        report(tr("The annotation of %1 was not saved: %2").arg(target_->imagePath, QString::fromUtf8(error.what())));
        return false;
    }
    loadProblem_.clear();
    document_->markSaved();
    setMetadataModified(false);
    updateStatus();
    updateEnabledState();
    emit annotationSaved(target_->imagePath, current_->id);
    return true;
}

QString AnnotationEditor::defectType() const
{
    return defectTypeBox_->currentText().trimmed();
}

void AnnotationEditor::setDefectType(const QString& type)
{
    defectTypeBox_->setEditText(type);
}

QString AnnotationEditor::note() const
{
    return noteEdit_->text().trimmed();
}

void AnnotationEditor::setNote(const QString& note)
{
    noteEdit_->setText(note);
    if (!updatingFields_)
        setMetadataModified(true);
}

void AnnotationEditor::setMetadataModified(bool modified)
{
    if (metadataModified_ == modified)
        return;
    metadataModified_ = modified;
    updateEnabledState();
}

void AnnotationEditor::updateEnabledState()
{
    const bool hasImage = document_->hasImage();
    for (QAction* action : toolGroup_->actions())
        action->setEnabled(hasImage);
    clearAction_->setEnabled(hasImage);
    saveAction_->setEnabled(hasImage);
    defectTypeBox_->setEnabled(hasImage);
    noteEdit_->setEnabled(hasImage);
    brushSlider_->setEnabled(hasImage);
    brushSpin_->setEnabled(hasImage);
    const bool modified = hasUnsavedChanges();
    updateStatus();
    emit modifiedChanged(modified);
}

void AnnotationEditor::updateStatus()
{
    if (!document_->hasImage()) {
        imageLabel_->setText(tr("none"));
        statusLabel_->setText(tr("Open an image (File \u25b8 Open image, or pick one in the dataset tree), then "
                                 "paint the defect. Masks are saved to %1.")
                                  .arg(databaseDisplayName(databasePath())));
        return;
    }
    QStringList lines;
    const QLocale locale;
    if (current_) {
        lines << tr("Stored annotation #%1 by %2, %3 (%n version(s) in the database).", nullptr, storedVersions_)
                     .arg(current_->id)
                     .arg(current_->author, locale.toString(current_->createdAt.toLocalTime(), QLocale::ShortFormat));
    } else {
        lines << tr("Not annotated yet.");
    }
    const QImage& mask = document_->mask();
    const int painted = mask::countNonZero(mask);
    const double share = 100.0 * painted / std::max<qint64>(1, qint64(mask.width()) * mask.height());
    lines << tr("Defect area: %1 pixel(s), %2 % of the image.")
                 .arg(locale.toString(painted), locale.toString(share, 'f', 2));
    if (hasUnsavedChanges())
        lines << tr("Unsaved changes.");
    if (!loadProblem_.isEmpty())
        lines << tr("The stored mask could not be loaded; editing started from an empty mask.");
    statusLabel_->setText(lines.join(QLatin1Char('\n')));
}

void AnnotationEditor::report(const QString& message)
{
    emit errorOccurred(message);
}

} // namespace dl::ui
