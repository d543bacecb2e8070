#include "ui/training/TrainingPanel.h"

#include "data/Dataset.h"
#include "database/Store.h"
#include "engine/DetectorRegistry.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/common/PlotStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <set>

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
};

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
    methodBox_->setObjectName(QStringLiteral("trainingMethod"));
    for (const MethodDescription& method : DetectorRegistry::instance().methods())
        methodBox_->addItem(QString::fromStdString(method.title), QString::fromStdString(method.name));
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
    parameterBox_ = new QWidget(setup);
    parameterForm_ = new QFormLayout(parameterBox_);
    parameterForm_->setContentsMargins(0, 0, 0, 0);
    form->addRow(parameterBox_);
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
    buttons->addWidget(cancelButton_);
    layout->addLayout(buttons);
    activeLabel_ = new QLabel(this);
    activeLabel_->setWordWrap(true);
    layout->addWidget(activeLabel_);

    progressBar_ = new QProgressBar(this);
    progressBar_->setRange(0, kProgressSteps);
    progressBar_->setValue(0);
    layout->addWidget(progressBar_);
    auto* status = new QHBoxLayout;
    stageLabel_ = new QLabel(this);
    stageLabel_->setMinimumWidth(50);
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
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Whole epochs only on the x axis; a see-through legend over the curves.
    QSharedPointer<QCPAxisTickerFixed> epochTicker(new QCPAxisTickerFixed);
    epochTicker->setTickStep(1.0);
    epochTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->xAxis->setTicker(epochTicker);
    layout->addWidget(plot_, 1);

    connect(methodBox_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingPanel::rebuildParameterFields);
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
        onStopped([] { return tr("Training cancelled; the previous model is unchanged."); });
    });

    retranslateUi();
    applyPlotPalette();
    rebuildParameterFields();
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
    unifiedBox_->setText(tr("One unified model for all checked categories"));
    databaseLabelsBox_->setText(tr("Use defects annotated in the database as labelled defects"));
    startButton_->setText(tr("&Start training"));
    retrainButton_->setText(tr("&Retrain with annotations"));
    retrainButton_->setToolTip(tr("Warm-start DMAD from the active model with the defects annotated in the database; "
                                  "the active model stays in use until you promote the new one"));
    cancelButton_->setText(tr("Cancel"));
    updateActiveLabel();
    if (stageText_)
        stageLabel_->setText(stageText_());
    updateEtaLabel();
    plot_->xAxis->setLabel(tr("Epoch"));
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
}

QString TrainingPanel::databasePath() const
{
    return databasePath_.isEmpty() ? db::Store::defaultDatabasePath() : databasePath_;
}

QString TrainingPanel::modelsFolder() const
{
    if (!modelsFolder_.isEmpty())
        return modelsFolder_;
    return QFileInfo(databasePath()).absolutePath() + QStringLiteral("/models");
}

void TrainingPanel::setActiveModel(const QString& bundlePath, const QString& method)
{
    activeModelPath_ = bundlePath;
    activeModelMethod_ = method;
    updateActiveLabel();
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

void TrainingPanel::rebuildParameterFields()
{
    while (parameterForm_->rowCount() > 0)
        parameterForm_->removeRow(0);
    parameterFields_.clear();
    const QString method = methodBox_->currentData().toString();
    if (method.isEmpty())
        return;
    const MethodDescription& description = DetectorRegistry::instance().describe(method.toStdString());
    // The summary is long; the tooltip keeps the dock compact.
    methodBox_->setToolTip(QString::fromStdString(description.summary));
    databaseLabelsBox_->setEnabled(description.semiSupervised);
    for (const ParameterField& field : kParameterFields) {
        const auto it = description.defaultParams.find(field.key);
        if (it == description.defaultParams.end() || !it->is_number())
            continue;
        auto* box = new QDoubleSpinBox(parameterBox_);
        box->setObjectName(QStringLiteral("param_") + QLatin1String(field.key));
        box->setRange(field.minimum, field.maximum);
        box->setDecimals(field.decimals);
        box->setSingleStep(field.step);
        box->setValue(it->get<double>());
        parameterForm_->addRow(QString::fromLatin1(field.key) + QLatin1Char(':'), box);
        parameterFields_.insert(QString::fromLatin1(field.key), box);
    }
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
    for (int i = 0; i < categoryList_->count(); ++i)
        if (categoryList_->item(i)->checkState() == Qt::Checked)
            spec.categories << categoryList_->item(i)->text();
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
    spec.outputPath = newBundlePath(spec.method, spec.categories);
    return spec;
}

QString TrainingPanel::newBundlePath(const QString& method, const QStringList& categories) const
{
    // A new file per training: an existing bundle is never overwritten.
    QString name = method;
    if (!categories.isEmpty())
        name += QLatin1Char('-') + (categories.size() == 1 ? categories.front() : QStringLiteral("unified"));
    name += QLatin1Char('-') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return QDir(modelsFolder()).absoluteFilePath(name + QStringLiteral(".dlm"));
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
    start(std::move(spec), false);
}

void TrainingPanel::retrainWithAnnotations()
{
    if (activeModelPath_.isEmpty()) {
        emit errorOccurred(tr("Retraining needs an active DMAD model: activate one in the model list first."));
        return;
    }
    if (activeModelMethod_ != QLatin1String("dmad")) {
        emit errorOccurred(tr("The active model %1 was trained with %2; retraining with annotations needs a DMAD model.")
                               .arg(QFileInfo(activeModelPath_).fileName(), activeModelMethod_));
        return;
    }
    setMethod(QStringLiteral("dmad"));
    TrainSpec spec = currentSpec();
    if (spec.datasets.empty() || spec.categories.isEmpty()) {
        emit errorOccurred(tr("Import the dataset the annotations belong to before retraining."));
        return;
    }
    spec.parentModelPath = activeModelPath_;
    // The parent's own parameters (its bank only fits the same settings); only
    // the parameters given without a field here are passed on top.
    spec.params = advancedParameters_;
    spec.inheritParentParameters = true;
    spec.labelsFromDatabase = true;
    spec.unified = spec.categories.size() > 1;
    start(std::move(spec), true);
}

void TrainingPanel::start(TrainSpec spec, bool retrain)
{
    plot_->clearGraphs();
    plot_->legend->setVisible(false);
    graphOfMetric_.clear();
    plot_->replot();
    progressBar_->setValue(0);
    secondsLeft_ = -1;
    updateEtaLabel();
    setStageText([] { return tr("Waiting for the engine\u2026"); });
    retraining_ = retrain;
    retrainParent_ = spec.parentModelPath;
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
    startButton_->setEnabled(!training);
    retrainButton_->setEnabled(!training);
    cancelButton_->setEnabled(training);
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
        graph->setName(name);
        plot_->legend->setVisible(true);
        index = count;
        graphOfMetric_.insert(name, index);
    }
    // Epochs count from 0 in the engine; people count from 1.
    plot_->graph(index)->addData(step + 1, value);
    plot_->rescaleAxes();
    plot_->xAxis->setRange(0.5, std::max(2.0, plot_->xAxis->range().upper + 0.5));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPanel::onProgress(double fraction, const QString& stage, double secondsLeft)
{
    if (!training_)
        return;
    progressBar_->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * kProgressSteps)));
    setStageText([stage] { return stage; }); // the engine's stage names are not translated
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
    setStageText([fileName, seconds] { return tr("Saved %1 (%2 s)").arg(fileName).arg(seconds, 0, 'f', 1); });
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
