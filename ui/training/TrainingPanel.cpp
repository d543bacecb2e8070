#include "ui/training/TrainingPanel.h"

#include "data/Dataset.h"
#include "database/Store.h"
#include "common/Error.h"
#include "common/Log.h"
#include "engine/DetectorRegistry.h"
#include "methods/sdas/SdasTraining.h"
#include "workflow/Workflow.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/common/DatabaseAddress.h"
#include "ui/common/PlotStyle.h"
#include "ui/common/Translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionMatch>
#include <QSet>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <vector>

namespace dl::ui {

namespace {

constexpr int kProgressSteps = 1000;

// The few parameters worth showing; the rest keep the method's defaults. Each
// appears only for methods whose defaults have it.
struct ParameterField {
    const char* key;
    double minimum;
    double maximum;
    int decimals;
    double step;
};
constexpr ParameterField kParameterFields[] = {
    {"image_size", 64, 1024, 0, 32},
    {"epochs", 1, 500, 0, 1},
    {"coreset_ratio", 0.001, 1.0, 3, 0.005},
    {"learning_rate", 1e-5, 1.0, 5, 1e-4},
    {"batch_size", 1, 4096, 0, 1},
    // The engine's, for every detector (engine/TiledDetector.h): large images in tiles.
    {"tile_size", 0, 8192, 0, 32},
    {"tile_overlap", 0, 4095, 0, 8},
};
// SDAS's few: the time budget (summed over resumes) and the image size it learns at.
constexpr ParameterField kSdasParameterFields[] = {
    {"max_minutes", 1, 1440, 0, 5},
    {"resolution", 32, 128, 0, 16},
};

const QString kSdas = QString::fromLatin1(kSdasMethod);

} // namespace

// A parameter field's label; the key stays the tooltip, as the CLI's --param names it.
QString TrainingPanel::parameterLabel(const QString& key)
{
    if (key == QLatin1String("image_size")) return tr("Image size (px):");
    if (key == QLatin1String("epochs")) return tr("Epochs:");
    if (key == QLatin1String("coreset_ratio")) return tr("Memory bank share:");
    if (key == QLatin1String("learning_rate")) return tr("Learning rate:");
    if (key == QLatin1String("batch_size")) return tr("Batch size:");
    if (key == QLatin1String("max_minutes")) return tr("Time budget per category (min):");
    if (key == QLatin1String("resolution")) return tr("Resolution (px):");
    if (key == QLatin1String("tile_size")) return tr("Tiles (px, 0: whole image):");
    if (key == QLatin1String("tile_overlap")) return tr("Tile overlap (px):");
    return key + QLatin1Char(':');
}

// The name a streamed training metric is plotted under.
QString TrainingPanel::metricLabel(const QString& name)
{
    if (name == QLatin1String("loss")) return tr("loss");
    if (name == QLatin1String("validation")) return tr("validation");
    if (name == QLatin1String("validation_loss")) return tr("validation loss");
    return name;
}

namespace {
const QString kRealnet = QStringLiteral("realnet");

// The checkpoint an interrupted training writing `bundlePath` leaves beside it.
QString checkpointOf(const QString& method, const QString& bundlePath)
{
    const std::string path = bundlePath.toStdString();
    return QString::fromStdString(method == QString::fromLatin1(kSdasMethod) ? sdasCheckpointPath(path)
                                                                             : workflow::trainingCheckpointPath(path));
}

nlohmann::json toJson(const QJsonObject& object)
{
    return nlohmann::json::parse(QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString());
}

QString fileNameStem(const QString& method, const QStringList& categories)
{
    QString name = method;
    if (categories.size() == 1)
        name += QLatin1Char('-') + categories.front();
    else if (categories.size() > 1)
        name += QStringLiteral("-unified");
    return name;
}

QString formatSeconds(double seconds)
{
    const int total = int(std::lround(seconds));
    if (total >= 3600)
        return QStringLiteral("%1:%2:%3").arg(total / 3600).arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(total % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TrainingPanel::TrainingPanel(EngineBridge* engine, QWidget* parent) : QWidget(parent), engine_(engine)
{
    auto* layout = new QVBoxLayout(this);

    // The texts are set by retranslateUi, at the end and on every language switch.
    auto* setup = new QGroupBox(this);
    setupBox_ = setup;
    auto* form = new QFormLayout(setup);
    methodBox_ = new QComboBox(setup);
    // Method names are long in some languages; the list opens wide enough anyway.
    methodBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    methodBox_->setMinimumContentsLength(14);
    methodBox_->setObjectName(QStringLiteral("trainingMethod"));
    for (const MethodDescription& method : DetectorRegistry::instance().methods())
        methodBox_->addItem(QString::fromStdString(method.title), QString::fromStdString(method.name));
    // Not a detector: the synthesis model RealNet samples from (titled in retranslateUi).
    methodBox_->insertSeparator(methodBox_->count());
    methodBox_->addItem(QString(), kSdas);
    methodLabel_ = new QLabel(setup);
    form->addRow(methodLabel_, methodBox_);
    categoryList_ = new QListWidget(setup);
    categoryList_->setObjectName(QStringLiteral("trainingCategories"));
    categoryList_->setMaximumHeight(64);
    categoriesLabel_ = new QLabel(setup);
    form->addRow(categoriesLabel_, categoryList_);
    unifiedBox_ = new QCheckBox(setup);
    form->addRow(unifiedBox_);
    databaseLabelsBox_ = new QCheckBox(setup);
    form->addRow(databaseLabelsBox_);
    labelsHintLabel_ = new QLabel(setup);
    labelsHintLabel_->setObjectName(QStringLiteral("labelsHint"));
    labelsHintLabel_->setWordWrap(true);
    form->addRow(labelsHintLabel_);
    synthesisBox_ = new QComboBox(setup);
    synthesisBox_->setObjectName(QStringLiteral("realnetSynthesis"));
    for (const char* key : {"dtd", "sdas", "both"})
        synthesisBox_->addItem(QString(), QString::fromLatin1(key));
    synthesisLabel_ = new QLabel(setup);
    form->addRow(synthesisLabel_, synthesisBox_);
    sdasModelRow_ = new QWidget(setup);
    auto* sdasRow = new QHBoxLayout(sdasModelRow_);
    sdasRow->setContentsMargins(0, 0, 0, 0);
    sdasModelBox_ = new QComboBox(sdasModelRow_);
    sdasModelBox_->setObjectName(QStringLiteral("realnetSdasModel"));
    sdasModelBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    sdasModelBox_->setMinimumContentsLength(16);
    sdasBrowseButton_ = new QPushButton(sdasModelRow_);
    sdasBrowseButton_->setObjectName(QStringLiteral("browseSdasModel"));
    sdasRow->addWidget(sdasModelBox_, 1);
    sdasRow->addWidget(sdasBrowseButton_);
    sdasModelLabel_ = new QLabel(setup);
    form->addRow(sdasModelLabel_, sdasModelRow_);
    parameterBox_ = new QWidget(setup);
    parameterForm_ = new QFormLayout(parameterBox_);
    parameterForm_->setContentsMargins(0, 0, 0, 0);
    form->addRow(parameterBox_);
    resumeLabel_ = new QLabel(setup);
    resumeLabel_->setObjectName(QStringLiteral("resumeHint"));
    resumeLabel_->setWordWrap(true);
    form->addRow(resumeLabel_);
    setupForm_ = form;
    layout->addWidget(setup);

    auto* buttons = new QHBoxLayout;
    startButton_ = new QPushButton(this);
    startButton_->setObjectName(QStringLiteral("startTraining"));
    retrainButton_ = new QPushButton(this);
    retrainButton_->setObjectName(QStringLiteral("retrainWithAnnotations"));
    cancelButton_ = new QPushButton(this);
    cancelButton_->setObjectName(QStringLiteral("cancelTraining"));
    cancelButton_->setEnabled(false);
    buttons->addWidget(startButton_);
    buttons->addWidget(retrainButton_);
    layout->addLayout(buttons);
    activeLabel_ = new QLabel(this);
    activeLabel_->setWordWrap(true);
    layout->addWidget(activeLabel_);

    // Cancel beside the progress it stops; three buttons in a row do not fit a
    // narrow dock in every language.
    auto* progressRow = new QHBoxLayout;
    progressBar_ = new QProgressBar(this);
    progressBar_->setRange(0, kProgressSteps);
    progressBar_->setValue(0);
    progressRow->addWidget(progressBar_, 1);
    progressRow->addWidget(cancelButton_);
    layout->addLayout(progressRow);
    auto* status = new QHBoxLayout;
    stageLabel_ = new QLabel(this);
    stageLabel_->setMinimumWidth(50);
    stageLabel_->setWordWrap(true); // long bundle names, "resumed from iteration N"
    etaLabel_ = new QLabel(this);
    status->addWidget(stageLabel_, 1);
    status->addWidget(etaLabel_);
    layout->addLayout(status);

    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("trainingCurves"));
    plot_->setMinimumHeight(160);
    plot_->yAxis2->setVisible(true);
    plot_->legend->setVisible(false); // shown once there is a curve to name
    plot_->legend->setFont(font());
    // The legend in a row of its own above the axes: inside them it covered the newest
    // points, which is where an engineer watching a training looks.
    if (plot_->axisRect()->insetLayout()->take(plot_->legend)) {
        // A layout column is no wider than its narrowest element allows, and an empty
        // legend allows almost nothing: an empty element beside it keeps the row (and
        // the axes below) at the plot's full width.
        auto* legendRow = new QCPLayoutGrid;
        plot_->plotLayout()->insertRow(0);
        plot_->plotLayout()->addElement(0, 0, legendRow);
        plot_->plotLayout()->setRowStretchFactor(0, 0.001);
        legendRow->addElement(0, 0, plot_->legend);
        legendRow->addElement(0, 1, new QCPLayoutElement(plot_));
        legendRow->setColumnStretchFactors({0.001, 1.0});
        plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
        plot_->legend->setMargins(QMargins(4, 1, 4, 1));
    }
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Whole epochs only on the x axis.
    QSharedPointer<QCPAxisTickerFixed> epochTicker(new QCPAxisTickerFixed);
    epochTicker->setTickStep(1.0);
    epochTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->xAxis->setTicker(epochTicker);
    layout->addWidget(plot_, 1);

    connect(methodBox_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingPanel::rebuildParameterFields);
    // `activated` comes from the user only: from then on the choice is theirs.
    connect(methodBox_, qOverload<int>(&QComboBox::activated), this, [this] { methodChosenByUser_ = true; });
    connect(synthesisBox_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingPanel::updateMethodRows);
    connect(sdasBrowseButton_, &QPushButton::clicked, this, &TrainingPanel::browseSdasModel);
    connect(categoryList_, &QListWidget::itemChanged, this, &TrainingPanel::updateResumeHint);
    connect(startButton_, &QPushButton::clicked, this, &TrainingPanel::startTraining);
    connect(retrainButton_, &QPushButton::clicked, this, &TrainingPanel::retrainWithAnnotations);
    connect(cancelButton_, &QPushButton::clicked, this, &TrainingPanel::cancelTraining);
    connect(engine_, &EngineBridge::datasetImported, this, &TrainingPanel::addDataset);
    connect(engine_, &EngineBridge::trainingMetric, this, &TrainingPanel::onMetric);
    connect(engine_, &EngineBridge::modelJobProgress, this, &TrainingPanel::onProgress);
    connect(engine_, &EngineBridge::modelTrained, this, &TrainingPanel::onTrained);
    connect(engine_, &EngineBridge::modelJobFailed, this,
            [this](const QString& message) { onStopped([message] { return message; }); });
    connect(engine_, &EngineBridge::modelJobCancelled, this, [this](const QString&) {
        if (sdasJob_)
            onStopped([] {
                return tr("SDAS training cancelled; its checkpoint is kept, and Start with the same categories "
                          "resumes from it.");
            });
        else if (!resumeCheckpoint().isEmpty())
            onStopped([] {
                return tr("Training cancelled; the previous model is unchanged. The completed epochs are kept, and "
                          "Start with the same method, categories and parameters resumes after them.");
            });
        else
            onStopped([] { return tr("Training cancelled; the previous model is unchanged."); });
    });

    retranslateUi();
    applyPlotPalette();
    rebuildParameterFields();
    updateButtons();
    if (engine_->dataset())
        addDataset(engine_->dataset());
}

void TrainingPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    followLanguageAndPalette(event, [this] { retranslateUi(); }, [this] { applyPlotPalette(); });
}

void TrainingPanel::retranslateUi()
{
    setupBox_->setTitle(tr("Training"));
    methodLabel_->setText(tr("Method:"));
    categoriesLabel_->setText(tr("Categories:"));
    categoryList_->setToolTip(tr("Categories of the loaded datasets to train on"));
    // Short texts (a check box does not wrap); the tooltips say the rest.
    unifiedBox_->setText(tr("One model for all categories"));
    unifiedBox_->setToolTip(tr("One unified model for all checked categories"));
    databaseLabelsBox_->setText(tr("Use annotated defects"));
    databaseLabelsBox_->setToolTip(tr("Use defects annotated in the database as labelled defects"));
    updateLabelsHint();
    for (auto it = parameterFields_.cbegin(); it != parameterFields_.cend(); ++it)
        if (auto* label = qobject_cast<QLabel*>(parameterForm_->labelForField(it.value())))
            label->setText(parameterLabel(it.key()));
    for (auto it = graphOfMetric_.cbegin(); it != graphOfMetric_.cend(); ++it)
        if (it.value() < plot_->graphCount())
            plot_->graph(it.value())->setName(metricLabel(it.key()));
    startButton_->setText(tr("&Start training"));
    retrainButton_->setText(tr("&Retrain with annotations"));
    retrainButton_->setToolTip(tr("Warm-start DMAD from the active model with the defects annotated in the database; "
                                  "the active model stays in use until you promote the new one"));
    cancelButton_->setText(tr("Cancel"));
    methodBox_->setItemText(methodBox_->findData(kSdas), tr("SDAS (anomaly synthesis model)"));
    synthesisLabel_->setText(tr("Synthesis:"));
    synthesisBox_->setItemText(0, tr("DTD textures"));
    synthesisBox_->setItemText(1, tr("SDAS model"));
    synthesisBox_->setItemText(2, tr("Both"));
    synthesisBox_->setToolTip(tr("How RealNet makes the anomalies it learns from: pasted DTD textures, images "
                                 "generated by an SDAS model, or both"));
    sdasModelLabel_->setText(tr("SDAS model:"));
    sdasModelBox_->setPlaceholderText(tr("No SDAS model yet"));
    sdasBrowseButton_->setText(tr("Browse\u2026"));
    sdasBrowseButton_->setToolTip(tr("Choose an SDAS model file (.dlm)"));
    if (isSdasMethod())
        methodBox_->setToolTip(tr("Trains the diffusion model RealNet's SDAS synthesis samples anomalies from, on "
                                  "the normal training images; it does not score images. Cancel keeps a checkpoint "
                                  "that the next Start resumes."));
    updateResumeHint();
    updateActiveLabel();
    if (stageText_)
        stageLabel_->setText(stageText_());
    updateEtaLabel();
    // The curves are those of the last job: SDAS streams iterations, the detectors epochs.
    plot_->xAxis->setLabel(sdasJob_ ? tr("Iteration") : tr("Epoch"));
    plot_->yAxis->setLabel(tr("Loss"));
    plot_->yAxis2->setLabel(tr("Validation"));
    // Legend entries are the engine's metric names, which are not translated.
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPanel::applyPlotPalette()
{
    const QPalette& colours = palette();
    stylePlot(plot_, colours);
    for (int index = 0; index < plot_->graphCount(); ++index)
        plot_->graph(index)->setPen(QPen(plotCurveColour(index, colours), 2));
}

void TrainingPanel::updateActiveLabel()
{
    activeLabel_->setText(activeModelPath_.isEmpty()
                              ? tr("Active model: none")
                              : tr("Active model: %1 (%2)").arg(QFileInfo(activeModelPath_).fileName(),
                                                                 activeModelMethod_));
}

QString TrainingPanel::statusText() const
{
    return stageLabel_->text();
}

void TrainingPanel::setStageText(std::function<QString()> stageText)
{
    stageText_ = std::move(stageText);
    stageLabel_->setText(stageText_ ? stageText_() : QString());
}

void TrainingPanel::updateEtaLabel()
{
    etaLabel_->setText(secondsLeft_ < 0 ? QString() : tr("about %1 left").arg(formatSeconds(secondsLeft_)));
}

void TrainingPanel::setDatabasePath(const QString& path)
{
    databasePath_ = path;
    refreshSdasModels();
}

QString TrainingPanel::databasePath() const
{
    return databasePath_.isEmpty() ? db::Store::defaultDatabasePath() : databasePath_;
}

QString TrainingPanel::modelsFolder() const
{
    if (!modelsFolder_.isEmpty())
        return modelsFolder_;
    return localDataFolderFor(databasePath()) + QStringLiteral("/models");
}

void TrainingPanel::setActiveModel(const QString& bundlePath, const QString& method)
{
    activeModelPath_ = bundlePath;
    activeModelMethod_ = method;
    // The method list follows the model in use (a DMAD model in use with "PatchCore"
    // selected read as if PatchCore were running), until the engineer picks a method.
    if (!methodChosenByUser_ && !training_ && !method.isEmpty())
        setMethod(method);
    updateActiveLabel();
    updateButtons();
}

void TrainingPanel::setMethod(const QString& method)
{
    const int index = methodBox_->findData(method);
    if (index >= 0)
        methodBox_->setCurrentIndex(index);
}

bool TrainingPanel::setParameter(const QString& name, double value)
{
    QDoubleSpinBox* field = parameterFields_.value(name);
    if (!field)
        return false;
    field->setValue(value);
    return true;
}

void TrainingPanel::setUseDatabaseLabels(bool use)
{
    databaseLabelsBox_->setChecked(use);
}

int TrainingPanel::metricPointCount(const QString& name) const
{
    const int index = graphOfMetric_.value(name, -1);
    return index < 0 ? 0 : plot_->graph(index)->dataCount();
}

void TrainingPanel::updateLabelsHint()
{
    const QString method = methodBox_->currentData().toString();
    if (method.isEmpty()) {
        labelsHintLabel_->clear();
    } else if (method == kSdas) {
        labelsHintLabel_->setText(tr("SDAS learns from normal images only; labelled defects are not used."));
    } else {
        const MethodDescription& description = DetectorRegistry::instance().describe(method.toStdString());
        const QString title = QString::fromStdString(description.title);
        QStringList learners;
        for (const MethodDescription& m : DetectorRegistry::instance().methods())
            if (m.semiSupervised)
                learners << QString::fromStdString(m.name).toUpper();
        labelsHintLabel_->setText(
            description.semiSupervised
                ? tr("%1 learns from labelled defects. %2").arg(title, displayedText(description.labelUse))
                : tr("%1 does not learn from labelled defects: they only set its decision threshold. "
                     "Methods that learn from them: %2.").arg(title, learners.join(QStringLiteral(", "))));
    }
}

void TrainingPanel::rebuildParameterFields()
{
    updateLabelsHint();
    while (parameterForm_->rowCount() > 0)
        parameterForm_->removeRow(0);
    parameterFields_.clear();
    const QString method = methodBox_->currentData().toString();
    if (method.isEmpty())
        return;
    nlohmann::json defaults;
    const ParameterField* fields = nullptr;
    std::size_t fieldCount = 0;
    if (method == kSdas) {
        defaults = sdasDefaultParams();
        fields = kSdasParameterFields;
        fieldCount = std::size(kSdasParameterFields);
        databaseLabelsBox_->setEnabled(false); // normal images only
        unifiedBox_->setEnabled(false);        // one class-conditional model over the checked categories
    } else {
        const MethodDescription& description = DetectorRegistry::instance().describe(method.toStdString());
        // The summary is long; the tooltip keeps the dock compact.
        methodBox_->setToolTip(QString::fromStdString(description.summary));
        // Every detector can use labelled defects for its threshold; only the
        // semi-supervised ones learn from them (updateLabelsHint says which).
        databaseLabelsBox_->setEnabled(true);
        unifiedBox_->setEnabled(true);
        defaults = description.defaultParams;
        // Tiling is the engine's, not the method's: offered for every detector, off by default.
        defaults["tile_size"] = 0;
        defaults["tile_overlap"] = 0;
        fields = kParameterFields;
        fieldCount = std::size(kParameterFields);
    }
    for (const ParameterField& field : std::vector<ParameterField>(fields, fields + fieldCount)) {
        const auto it = defaults.find(field.key);
        if (it == defaults.end() || !it->is_number())
            continue;
        auto* box = new QDoubleSpinBox(parameterBox_);
        box->setObjectName(QStringLiteral("param_") + QLatin1String(field.key));
        box->setRange(field.minimum, field.maximum);
        box->setDecimals(field.decimals);
        box->setSingleStep(field.step);
        box->setValue(it->get<double>());
        box->setToolTip(tr("Parameter %1").arg(QString::fromLatin1(field.key)));
        parameterForm_->addRow(parameterLabel(QString::fromLatin1(field.key)), box);
        parameterFields_.insert(QString::fromLatin1(field.key), box);
    }
    if (method == kSdas)
        retranslateUi(); // the method's tooltip
    if (method == kRealnet)
        refreshSdasModels();
    updateMethodRows();
    updateResumeHint();
}

bool TrainingPanel::isSdasMethod() const
{
    return methodBox_->currentData().toString() == kSdas;
}

void TrainingPanel::updateMethodRows()
{
    const bool realnet = methodBox_->currentData().toString() == kRealnet;
    setupForm_->setRowVisible(synthesisBox_, realnet);
    setupForm_->setRowVisible(sdasModelRow_, realnet && synthesis() != QLatin1String("dtd"));
}

void TrainingPanel::setSynthesis(const QString& synthesis)
{
    const int index = synthesisBox_->findData(synthesis);
    if (index >= 0)
        synthesisBox_->setCurrentIndex(index);
}

QString TrainingPanel::synthesis() const
{
    return synthesisBox_->currentData().toString();
}

void TrainingPanel::setSdasModel(const QString& bundlePath)
{
    if (bundlePath.isEmpty()) {
        sdasModelBox_->setCurrentIndex(-1);
        return;
    }
    const QString path = QFileInfo(bundlePath).absoluteFilePath();
    if (!sdasModels().contains(path)) {
        rememberSdasModel(path);
        return;
    }
    sdasModelBox_->setCurrentIndex(sdasModelBox_->findData(path));
}

QString TrainingPanel::sdasModel() const
{
    return sdasModelBox_->currentData().toString();
}

QStringList TrainingPanel::sdasModels() const
{
    QStringList models;
    for (int i = 0; i < sdasModelBox_->count(); ++i)
        models << sdasModelBox_->itemData(i).toString();
    return models;
}

void TrainingPanel::refreshSdasModels()
{
    QStringList recorded;
    try {
        // A short read on the GUI thread, as the model list does; its own connection, closed at once.
        db::Store store;
        store.open(databasePath());
        for (const db::ModelRecord& model : store.listModels()) // newest first
            if (model.method == kSdas)
                recorded << QFileInfo(model.bundlePath).absoluteFilePath();
    } catch (const Error& e) {
        logWarning(DL_TR("Engine", "reading the SDAS models of the database: %1"), e.what());
    }
    if (recorded == recordedSdasModels_)
        return;
    recordedSdasModels_ = recorded;
    fillSdasModelBox(sdasModel());
    emit sdasModelsChanged();
}

void TrainingPanel::rememberSdasModel(const QString& bundlePath)
{
    sessionSdasModels_.removeAll(bundlePath);
    sessionSdasModels_.prepend(bundlePath);
    fillSdasModelBox(bundlePath);
    emit sdasModelsChanged();
}

void TrainingPanel::fillSdasModelBox(const QString& select)
{
    // Trained or chosen here first (newest first), then the database's; files that are gone are left out.
    QStringList paths;
    for (const QString& path : sessionSdasModels_ + recordedSdasModels_)
        if (!paths.contains(path) && QFileInfo::exists(path))
            paths << path;
    const QSignalBlocker blocker(sdasModelBox_);
    sdasModelBox_->clear();
    for (const QString& path : paths) {
        sdasModelBox_->addItem(QFileInfo(path).fileName(), path);
        sdasModelBox_->setItemData(sdasModelBox_->count() - 1, path, Qt::ToolTipRole);
    }
    const int index = sdasModelBox_->findData(select);
    sdasModelBox_->setCurrentIndex(index >= 0 ? index : (paths.isEmpty() ? -1 : 0));
}

void TrainingPanel::browseSdasModel()
{
    const QString start = sdasModel().isEmpty() ? modelsFolder() : QFileInfo(sdasModel()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose an SDAS model"), start,
                                                      tr("DefectLens models (*.dlm)"));
    if (!path.isEmpty())
        setSdasModel(path);
}

void TrainingPanel::addDataset(const std::shared_ptr<const Dataset>& dataset)
{
    if (!dataset)
        return;
    // A re-imported folder replaces its earlier import.
    for (auto& existing : datasets_)
        if (existing->root == dataset->root) {
            existing = dataset;
            refreshCategories();
            return;
        }
    datasets_.push_back(dataset);
    refreshCategories();
    updateButtons();
}

void TrainingPanel::refreshCategories()
{
    QSet<QString> unchecked;
    for (int i = 0; i < categoryList_->count(); ++i)
        if (categoryList_->item(i)->checkState() == Qt::Unchecked)
            unchecked.insert(categoryList_->item(i)->text());
    std::set<QString> categories;
    for (const auto& dataset : datasets_)
        for (const std::string& category : dataset->categories())
            categories.insert(QString::fromStdString(category));
    categoryList_->clear();
    for (const QString& category : categories) {
        auto* item = new QListWidgetItem(category, categoryList_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(unchecked.contains(category) ? Qt::Unchecked : Qt::Checked);
    }
}

TrainSpec TrainingPanel::currentSpec() const
{
    TrainSpec spec;
    spec.method = methodBox_->currentData().toString();
    spec.datasets = datasets_;
    spec.categories = checkedCategories();
    spec.unified = unifiedBox_->isChecked();
    spec.params = advancedParameters_;
    for (auto it = parameterFields_.begin(); it != parameterFields_.end(); ++it) {
        if (it.value()->decimals() == 0)
            spec.params.insert(it.key(), qint64(std::lround(it.value()->value())));
        else
            spec.params.insert(it.key(), it.value()->value());
    }
    spec.labelsFromDatabase = databaseLabelsBox_->isEnabled() && databaseLabelsBox_->isChecked();
    spec.databasePath = databasePath();
    spec.weightsPath = engine_->backboneWeights();
    if (spec.method == kSdas)
        spec.unified = spec.categories.size() > 1; // one class-conditional model
    spec.outputPath = resumableBundlePath(spec.method, spec.categories);
    if (spec.method == kRealnet) {
        spec.params.insert(QStringLiteral("synthesis"), synthesis());
        if (synthesis() != QLatin1String("dtd"))
            spec.params.insert(QStringLiteral("sdas_model"), sdasModel());
    }
    return spec;
}

QStringList TrainingPanel::checkedCategories() const
{
    QStringList categories;
    for (int i = 0; i < categoryList_->count(); ++i)
        if (categoryList_->item(i)->checkState() == Qt::Checked)
            categories << categoryList_->item(i)->text();
    return categories;
}

QString TrainingPanel::resumableBundlePath(const QString& method, const QStringList& categories) const
{
    // The newest bundle of this method and these categories that is not written yet but
    // has a checkpoint (a training cancelled or cut short by a crash); else a new file, so
    // an existing bundle is never overwritten.
    QString stem = fileNameStem(method, categories);
    if (categories.size() > 1) // several categories: which ones, in a few characters
        stem += QLatin1Char('-') + QString::fromLatin1(QCryptographicHash::hash(categories.join(QLatin1Char('\n')).toUtf8(),
                                                                                QCryptographicHash::Sha1).toHex().left(8));
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QDir folder(modelsFolder());
    const QString suffix = checkpointOf(method, QString()); // the checkpoint's suffix alone
    const QFileInfoList checkpoints = folder.entryInfoList({stem + QStringLiteral("-*.dlm") + suffix}, QDir::Files,
                                                           QDir::Time);
    for (const QFileInfo& checkpoint : checkpoints) {
        const QString bundle = checkpoint.absoluteFilePath().chopped(suffix.size());
        if (!QFileInfo::exists(bundle))
            return bundle;
    }
    return folder.absoluteFilePath(
        stem + QLatin1Char('-') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))
        + QStringLiteral(".dlm"));
}

QString TrainingPanel::resumeCheckpoint() const
{
    const QString method = methodBox_->currentData().toString();
    const QString checkpoint = checkpointOf(method, resumableBundlePath(method, checkedCategories()));
    return QFileInfo::exists(checkpoint) ? checkpoint : QString();
}

void TrainingPanel::updateResumeHint()
{
    const QString checkpoint = training_ ? QString() : resumeCheckpoint();
    resumeLabel_->setVisible(!checkpoint.isEmpty());
    if (checkpoint.isEmpty())
        return;
    if (isSdasMethod())
        resumeLabel_->setText(tr("Start resumes the interrupted SDAS training from its checkpoint %1 (with other "
                                 "parameters it starts afresh).").arg(QFileInfo(checkpoint).fileName()));
    else
        resumeLabel_->setText(tr("Start resumes the interrupted training from its checkpoint %1, saved after its "
                                 "last complete epoch (with other parameters or images it starts afresh).")
                                  .arg(QFileInfo(checkpoint).fileName()));
}

QString TrainingPanel::checkSpec(const TrainSpec& spec) const
{
    if (spec.method == kSdas) {
        try {
            sdasMergedParams(toJson(spec.params));
        } catch (const Error& e) {
            return tr("The SDAS parameters are not valid: %1").arg(QString::fromStdString(e.what()));
        }
    }
    if (spec.method == kRealnet && spec.params.value(QStringLiteral("synthesis")).toString() != QLatin1String("dtd")) {
        const QString model = spec.params.value(QStringLiteral("sdas_model")).toString();
        if (model.isEmpty())
            return tr("RealNet's SDAS synthesis needs an SDAS model: train one with the method \"SDAS (anomaly "
                      "synthesis model)\", or choose a .dlm file with Browse\u2026");
        if (!QFileInfo(model).isFile())
            return tr("The SDAS model %1 does not exist.").arg(model);
    }
    return {};
}

void TrainingPanel::startTraining()
{
    TrainSpec spec = currentSpec();
    if (spec.datasets.empty() || spec.categories.isEmpty()) {
        emit errorOccurred(tr("Import a dataset and check at least one category before training."));
        return;
    }
    if (spec.categories.size() > 1 && !spec.unified) {
        emit errorOccurred(tr("%n categories are checked: check one, or train one unified model.", nullptr,
                              int(spec.categories.size())));
        return;
    }
    const QString problem = checkSpec(spec);
    if (!problem.isEmpty()) {
        emit errorOccurred(problem);
        return;
    }
    start(std::move(spec), false);
}

void TrainingPanel::retrainWithAnnotations()
{
    if (activeModelPath_.isEmpty()) {
        emit errorOccurred(tr("Retraining needs an active model: activate one in the model list first."));
        return;
    }
    // A method that learns from annotated defects retrains with the active model's
    // parameters: DMAD warm-starts (it reuses the normal bank), the others (CSE, RealNet, STLM)
    // train anew. With a method that does not learn from them, offer a new DMAD model instead.
    bool learns = false;
    bool warmStart = false;
    try {
        const MethodDescription& active = DetectorRegistry::instance().describe(activeModelMethod_.toStdString());
        learns = active.semiSupervised;
        warmStart = active.warmStarts;
    } catch (const Error& e) {
        logWarning("retrain: " + std::string(e.what()) + "; offering a DMAD model instead");
    }
    if (!learns
        && !confirm(tr("The active model %1 was trained with %2, which does not learn from annotated defects. "
                       "Train a new DMAD model with the annotations instead? The active model stays in use until "
                       "you promote the new one.")
                        .arg(QFileInfo(activeModelPath_).fileName(), activeModelMethod_)))
        return;
    setMethod(learns ? activeModelMethod_ : QStringLiteral("dmad"));
    TrainSpec spec = currentSpec();
    if (spec.datasets.empty() || spec.categories.isEmpty()) {
        emit errorOccurred(tr("Import the dataset the annotations belong to before retraining."));
        return;
    }
    spec.labelsFromDatabase = true;
    spec.unified = spec.categories.size() > 1;
    if (learns) {
        spec.parentModelPath = activeModelPath_;
        spec.warmStartFromParent = warmStart;
        // The parent's own parameters (a warm start's bank only fits the same settings);
        // only the parameters given without a field here are passed on top.
        spec.params = advancedParameters_;
        spec.inheritParentParameters = true;
    }
    start(std::move(spec), learns);
}

bool TrainingPanel::confirm(const QString& question)
{
    if (confirm_)
        return confirm_(question);
    return QMessageBox::question(this, tr("Retrain with annotations"), question,
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes)
           == QMessageBox::Yes;
}

void TrainingPanel::showPlotNote(const QString& text)
{
    plot_->clearItems();
    if (text.isEmpty())
        return;
    auto* note = new QCPItemText(plot_);
    note->setObjectName(QStringLiteral("plotNote"));
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.5, 0.5);
    note->setPositionAlignment(Qt::AlignCenter);
    note->setText(text);
    note->setColor(palette().color(QPalette::PlaceholderText));
}

void TrainingPanel::start(TrainSpec spec, bool retrain)
{
    plot_->clearGraphs();
    showPlotNote({});
    plot_->legend->setVisible(false);
    graphOfMetric_.clear();
    // A new run starts on fresh axes, not the previous run's.
    plot_->xAxis->setRange(0.5, 2.0);
    plot_->yAxis->setRange(0.0, 1.0);
    plot_->yAxis2->setRange(0.0, 1.0);
    plot_->replot();
    progressBar_->setValue(0);
    secondsLeft_ = -1;
    updateEtaLabel();
    setStageText([] { return tr("Waiting for the engine\u2026"); });
    retraining_ = retrain;
    retrainParent_ = spec.parentModelPath;
    sdasJob_ = spec.method == kSdas;
    resumedFrom_ = -1;
    plot_->xAxis->setLabel(sdasJob_ ? tr("Iteration") : tr("Epoch"));
    setTraining(true);
    engine_->train(spec);
}

void TrainingPanel::cancelTraining()
{
    if (training_)
        engine_->cancelModelJobs();
}

void TrainingPanel::setTraining(bool training)
{
    training_ = training;
    updateButtons();
    cancelButton_->setEnabled(training);
    updateResumeHint();
}

void TrainingPanel::updateButtons()
{
    // Nothing to train on before a dataset is imported; nothing to retrain without a model in use.
    const bool haveData = !datasets_.empty();
    startButton_->setEnabled(!training_ && haveData);
    retrainButton_->setEnabled(!training_ && haveData && !activeModelPath_.isEmpty());
}

void TrainingPanel::onMetric(const QString& name, int step, double value)
{
    if (!training_ || !std::isfinite(value))
        return;
    int index = graphOfMetric_.value(name, -1);
    if (index < 0) {
        // Losses share the left axis; scores such as validation AUROC the right one.
        const bool isLoss = name.contains(QLatin1String("loss"), Qt::CaseInsensitive);
        QCPGraph* graph = plot_->addGraph(plot_->xAxis, isLoss ? plot_->yAxis : plot_->yAxis2);
        const int count = plot_->graphCount() - 1;
        graph->setPen(QPen(plotCurveColour(count, palette()), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        graph->setName(metricLabel(name));
        plot_->legend->setVisible(true);
        index = count;
        graphOfMetric_.insert(name, index);
    }
    // Epochs count from 0 in the engine; people count from 1. SDAS streams iterations, counted from 1.
    plot_->graph(index)->addData(sdasJob_ ? step : step + 1, value);
    plot_->rescaleAxes();
    plot_->xAxis->setRange(0.5, std::max(2.0, plot_->xAxis->range().upper + 0.5));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPanel::onProgress(double fraction, const QString& stage, double secondsLeft)
{
    if (!training_)
        return;
    progressBar_->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * kProgressSteps)));
    // The first iteration or epoch of a run tells where it started: N + 1 after a checkpoint of N.
    static const QRegularExpression firstStep(QStringLiteral("^training (iteration|epoch) (\\d+)"));
    const QRegularExpressionMatch match = firstStep.match(stage);
    if (resumedFrom_ < 0 && match.hasMatch())
        resumedFrom_ = std::max(0, match.captured(2).toInt() - 1);
    if (resumedFrom_ > 0) {
        const int resumedFrom = resumedFrom_;
        if (sdasJob_)
            setStageText([stage, resumedFrom] { return tr("Resumed from iteration %1 \u2014 %2").arg(resumedFrom).arg(stage); });
        else
            setStageText([stage, resumedFrom] { return tr("Resumed after epoch %1 \u2014 %2").arg(resumedFrom).arg(stage); });
    } else {
        setStageText([stage] { return stage; }); // the engine's stage names are not translated
    }
    secondsLeft_ = secondsLeft;
    updateEtaLabel();
}

void TrainingPanel::onTrained(const TrainedModel& model)
{
    if (!training_)
        return;
    setTraining(false);
    progressBar_->setValue(kProgressSteps);
    secondsLeft_ = -1;
    updateEtaLabel();
    const QString fileName = QFileInfo(model.bundlePath).fileName();
    const double seconds = model.seconds;
    if (model.method == kSdas) {
        const int iterations = model.iterations;
        const int resumedFrom = model.resumedFrom;
        setStageText([fileName, seconds, iterations, resumedFrom] {
            if (resumedFrom > 0)
                return tr("Saved SDAS model %1 (%n iteration(s), %2 s; resumed from iteration %3)", nullptr, iterations)
                    .arg(fileName).arg(seconds, 0, 'f', 1).arg(resumedFrom);
            return tr("Saved SDAS model %1 (%n iteration(s), %2 s)", nullptr, iterations)
                .arg(fileName).arg(seconds, 0, 'f', 1);
        });
        rememberSdasModel(model.bundlePath);
    } else {
        setStageText([fileName, seconds] { return tr("Saved %1 (%2 s)").arg(fileName).arg(seconds, 0, 'f', 1); });
    }
    if (plot_->graphCount() == 0) {
        // PatchCore and the memory-bank methods fit in one pass: say why the plot is empty.
        showPlotNote(tr("No training curve: %1 builds its model in one pass, without epochs.").arg(model.method));
        plot_->replot();
    }
    emit trainingFinished(model, retraining_, retrainParent_);
}

void TrainingPanel::onStopped(const std::function<QString()>& messageText)
{
    if (!training_)
        return;
    setTraining(false);
    progressBar_->setValue(0);
    secondsLeft_ = -1;
    updateEtaLabel();
    setStageText(messageText);
    emit trainingStopped(messageText());
}

} // namespace dl::ui
