#include "ui/training/SynthesisPreview.h"
#include "ui/common/LocalNumber.h"

#include "ui/bridge/EngineBridge.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dl::ui {

namespace {

constexpr int kProgressSteps = 1000;
constexpr int kCellSize = 144;   // pixels per preview image (the model's 32 ... 128 scaled up)
constexpr int kColumns = 4;
constexpr double kMaximumStrength = 0.5;
constexpr double kDefaultStrength = 0.15;

bool sameRequest(const SynthesisRequest& a, const SynthesisRequest& b)
{
    return a.modelPath == b.modelPath && a.count == b.count && a.strength == b.strength && a.seed == b.seed
        && a.category == b.category && a.steps == b.steps;
}

} // namespace

SynthesisPreview::SynthesisPreview(EngineBridge* engine, QWidget* parent) : QDialog(parent), engine_(engine)
{
    setObjectName(QStringLiteral("synthesisPreview"));
    auto* layout = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    auto* modelRow = new QHBoxLayout;
    modelBox_ = new QComboBox(this);
    modelBox_->setObjectName(QStringLiteral("synthesisModel"));
    modelBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    modelBox_->setMinimumContentsLength(28);
    browseButton_ = new QPushButton(this);
    browseButton_->setObjectName(QStringLiteral("synthesisBrowse"));
    modelRow->addWidget(modelBox_, 1);
    modelRow->addWidget(browseButton_);
    modelLabel_ = new QLabel(this);
    form->addRow(modelLabel_, modelRow);

    categoryBox_ = new QComboBox(this);
    categoryBox_->setObjectName(QStringLiteral("synthesisCategory"));
    categoryLabel_ = new QLabel(this);
    form->addRow(categoryLabel_, categoryBox_);

    auto* strengthRow = new QHBoxLayout;
    strengthSlider_ = new QSlider(Qt::Horizontal, this);
    strengthSlider_->setObjectName(QStringLiteral("synthesisStrength"));
    strengthSlider_->setRange(0, int(std::lround(kMaximumStrength * kStrengthSteps)));
    strengthSlider_->setSingleStep(1);
    strengthSlider_->setPageStep(5);
    strengthSlider_->setTickPosition(QSlider::TicksBelow);
    strengthSlider_->setTickInterval(5);
    strengthSlider_->setValue(int(std::lround(kDefaultStrength * kStrengthSteps)));
    strengthValue_ = new QLabel(this);
    strengthValue_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    strengthRow->addWidget(strengthSlider_, 1);
    strengthRow->addWidget(strengthValue_);
    strengthTitle_ = new QLabel(this);
    form->addRow(strengthTitle_, strengthRow);

    auto* seedRow = new QHBoxLayout;
    seedBox_ = new QSpinBox(this);
    seedBox_->setObjectName(QStringLiteral("synthesisSeed"));
    seedBox_->setRange(0, 999999);
    generateButton_ = new QPushButton(this);
    generateButton_->setObjectName(QStringLiteral("synthesisGenerate"));
    generateButton_->setDefault(true);
    cancelButton_ = new QPushButton(this);
    cancelButton_->setObjectName(QStringLiteral("synthesisCancel"));
    cancelButton_->setEnabled(false);
    seedRow->addWidget(seedBox_);
    seedRow->addStretch(1);
    seedRow->addWidget(generateButton_);
    seedRow->addWidget(cancelButton_);
    seedLabel_ = new QLabel(this);
    form->addRow(seedLabel_, seedRow);
    layout->addLayout(form);

    grid_ = new QGridLayout;
    grid_->setSpacing(6);
    for (int i = 0; i < kImageCount; ++i) {
        auto* cell = new QLabel(this);
        cell->setObjectName(QStringLiteral("synthesisImage%1").arg(i));
        cell->setFixedSize(kCellSize, kCellSize);
        cell->setAlignment(Qt::AlignCenter);
        cell->setFrameShape(QFrame::StyledPanel);
        grid_->addWidget(cell, i / kColumns, i % kColumns);
        cells_ << cell;
    }
    layout->addLayout(grid_);

    progressBar_ = new QProgressBar(this);
    progressBar_->setRange(0, kProgressSteps);
    progressBar_->setValue(0);
    layout->addWidget(progressBar_);
    statusLabel_ = new QLabel(this);
    statusLabel_->setWordWrap(true);
    layout->addWidget(statusLabel_);
    auto* buttons = new QDialogButtonBox(this);
    closeButton_ = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(400);

    connect(browseButton_, &QPushButton::clicked, this, &SynthesisPreview::browse);
    connect(generateButton_, &QPushButton::clicked, this, &SynthesisPreview::generate);
    connect(cancelButton_, &QPushButton::clicked, this, &SynthesisPreview::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(strengthSlider_, &QSlider::valueChanged, this, [this] {
        updateStrengthLabel();
        // Regenerate with the same seed once the slider rests, when there is a model to ask.
        if (!model().isEmpty())
            debounce_->start();
    });
    connect(categoryBox_, qOverload<int>(&QComboBox::activated), this, [this] { debounce_->start(); });
    connect(modelBox_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        categoryBox_->clear(); // filled by the next generation from the model's categories
    });
    connect(debounce_, &QTimer::timeout, this, &SynthesisPreview::generate);

    connect(engine_, &EngineBridge::synthesisProgress, this, [this](double fraction, const QString& stage) {
        if (!generating_)
            return;
        progressBar_->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * kProgressSteps)));
        setStatus([stage] { return stage; }); // the bridge's stage texts are translated when the job is made
    });
    connect(engine_, &EngineBridge::synthesisGenerated, this, &SynthesisPreview::onGenerated);
    connect(engine_, &EngineBridge::synthesisFailed, this, [this](const QString& message) {
        if (!generating_ || engine_->isSynthesisRunning())
            return;
        setGenerating(false);
        setStatus([message] { return message; });
        emit errorOccurred(message);
    });
    connect(engine_, &EngineBridge::synthesisCancelled, this, [this] {
        // A request superseded by a newer one is cancelled too; that one is still on its way.
        if (!generating_ || engine_->isSynthesisRunning())
            return;
        setGenerating(false);
        setStatus([] { return tr("Generation cancelled."); });
    });

    retranslateUi();
    updateStrengthLabel();
    resize(sizeHint());
}

void SynthesisPreview::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void SynthesisPreview::retranslateUi()
{
    setWindowTitle(tr("Anomaly synthesis preview"));
    modelLabel_->setText(tr("SDAS model:"));
    modelBox_->setPlaceholderText(tr("Choose an SDAS model"));
    browseButton_->setText(tr("Browse\u2026"));
    categoryLabel_->setText(tr("Category:"));
    categoryBox_->setPlaceholderText(tr("The model's first"));
    strengthTitle_->setText(tr("Strength:"));
    strengthSlider_->setToolTip(tr("The anomaly strength s: 0 gives normal-looking parts, larger values stronger "
                                   "anomalies. Moving the slider regenerates with the same seed."));
    seedLabel_->setText(tr("Seed:"));
    generateButton_->setText(tr("&Generate"));
    cancelButton_->setText(tr("Cancel"));
    closeButton_->setText(tr("Close"));
    if (statusText_)
        statusLabel_->setText(statusText_());
    else
        statusLabel_->setText(tr("Choose an SDAS model (train one in the Training dock) and press Generate."));
}

void SynthesisPreview::setModels(const QStringList& bundlePaths)
{
    const QString chosen = model();
    const QSignalBlocker blocker(modelBox_);
    modelBox_->clear();
    for (const QString& path : bundlePaths) {
        modelBox_->addItem(QFileInfo(path).fileName(), path);
        modelBox_->setItemData(modelBox_->count() - 1, path, Qt::ToolTipRole);
    }
    if (!chosen.isEmpty() && modelBox_->findData(chosen) < 0) {
        modelBox_->addItem(QFileInfo(chosen).fileName(), chosen);
        modelBox_->setItemData(modelBox_->count() - 1, chosen, Qt::ToolTipRole);
    }
    const int index = modelBox_->findData(chosen);
    modelBox_->setCurrentIndex(index >= 0 ? index : (modelBox_->count() > 0 ? 0 : -1));
    if (model() != chosen)
        categoryBox_->clear();
}

void SynthesisPreview::setModel(const QString& bundlePath)
{
    const QString path = QFileInfo(bundlePath).absoluteFilePath();
    if (modelBox_->findData(path) < 0) {
        modelBox_->addItem(QFileInfo(path).fileName(), path);
        modelBox_->setItemData(modelBox_->count() - 1, path, Qt::ToolTipRole);
    }
    modelBox_->setCurrentIndex(modelBox_->findData(path));
}

QString SynthesisPreview::model() const
{
    return modelBox_->currentData().toString();
}

void SynthesisPreview::setStrength(double strength)
{
    strengthSlider_->setValue(int(std::lround(strength * kStrengthSteps)));
}

double SynthesisPreview::strength() const
{
    return double(strengthSlider_->value()) / kStrengthSteps;
}

void SynthesisPreview::setSeed(unsigned seed)
{
    seedBox_->setValue(int(seed));
}

void SynthesisPreview::setDebounceInterval(int milliseconds)
{
    debounce_->setInterval(milliseconds);
}

QString SynthesisPreview::statusText() const
{
    return statusLabel_->text();
}

void SynthesisPreview::updateStrengthLabel()
{
    strengthValue_->setText(localNumber(strength(), 'f', 2));
}

void SynthesisPreview::setStatus(std::function<QString()> text)
{
    statusText_ = std::move(text);
    statusLabel_->setText(statusText_ ? statusText_() : QString());
}

SynthesisRequest SynthesisPreview::currentRequest() const
{
    SynthesisRequest request;
    request.modelPath = model();
    request.count = kImageCount;
    request.strength = strength();
    request.seed = unsigned(seedBox_->value());
    request.category = categoryBox_->currentIndex() >= 0 ? categoryBox_->currentText() : QString();
    request.steps = steps_;
    return request;
}

void SynthesisPreview::generate()
{
    debounce_->stop();
    const SynthesisRequest request = currentRequest();
    if (request.modelPath.isEmpty()) {
        const QString message = tr("Choose an SDAS model first: train one in the Training dock (method \"SDAS (anomaly "
                                   "synthesis model)\") or pick a .dlm file with Browse\u2026");
        setStatus([message] { return message; });
        emit errorOccurred(message);
        return;
    }
    if (!QFileInfo(request.modelPath).isFile()) {
        const QString message = tr("The SDAS model %1 does not exist.").arg(request.modelPath);
        setStatus([message] { return message; });
        emit errorOccurred(message);
        return;
    }
    // The grid already shows exactly this, or it is on its way.
    if (generating_ ? lastRequest_ && sameRequest(*lastRequest_, request)
                    : shownRequest_ && sameRequest(*shownRequest_, request))
        return;
    lastRequest_ = request;
    ++requestCount_;
    progressBar_->setValue(0);
    setGenerating(true);
    setStatus([] { return tr("Waiting for the engine\u2026"); });
    engine_->generateSynthesis(request); // replaces a generation still running
}

void SynthesisPreview::cancel()
{
    debounce_->stop();
    if (generating_)
        engine_->cancelSynthesis();
}

void SynthesisPreview::setGenerating(bool generating)
{
    generating_ = generating;
    cancelButton_->setEnabled(generating);
}

void SynthesisPreview::onGenerated(const SynthesisResult& result)
{
    if (!generating_ || !lastRequest_ || !sameRequest(result.request, *lastRequest_))
        return;
    setGenerating(false);
    progressBar_->setValue(kProgressSteps);
    images_ = result.images;
    shownRequest_ = result.request;
    if (categoryBox_->count() != result.categories.size()) {
        const QSignalBlocker blocker(categoryBox_);
        categoryBox_->clear();
        categoryBox_->addItems(result.categories);
        const int index = categoryBox_->findText(result.request.category);
        categoryBox_->setCurrentIndex(index >= 0 ? index : 0);
    }
    showImages();
    const int count = int(result.images.size());
    const double shownStrength = result.request.strength;
    const unsigned seed = result.request.seed;
    const double seconds = result.seconds;
    const int resolution = result.resolution;
    setStatus([count, shownStrength, seed, seconds, resolution] {
        return tr("%n image(s) at strength %1, seed %2, %3\u00d7%3 pixels, generated in %4 s", nullptr, count)
            .arg(shownStrength, 0, 'f', 2)
            .arg(seed)
            .arg(resolution)
            .arg(seconds, 0, 'f', 1);
    });
    emit imagesShown(result);
}

void SynthesisPreview::showImages()
{
    for (int i = 0; i < cells_.size(); ++i) {
        if (i < images_.size())
            cells_[i]->setPixmap(QPixmap::fromImage(images_[i].scaled(kCellSize - 8, kCellSize - 8, Qt::KeepAspectRatio,
                                                                      Qt::SmoothTransformation)));
        else
            cells_[i]->clear();
    }
}

void SynthesisPreview::browse()
{
    const QString start = model().isEmpty() ? QString() : QFileInfo(model()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose an SDAS model"), start,
                                                      tr("DefectLens models (*.dlm)"));
    if (path.isEmpty())
        return;
    setModel(path);
    generate();
}

} // namespace dl::ui
