#include "ui/models/ThresholdDialog.h"
#include "ui/common/LocalNumber.h"

#include "engine/ThresholdCalibration.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/common/PlotStyle.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace dl::ui {

namespace {

constexpr int kBins = 30;
// Above this expected share of good parts rejected, the threshold in use is flagged.
constexpr double kHighFalseRejectRate = 0.02;

NormalScoreDistribution distributionOf(const ThresholdStudyResult& study)
{
    NormalScoreDistribution distribution;
    distribution.scores.assign(study.normalScores.begin(), study.normalScores.end());
    distribution.folds = study.folds;
    return distribution;
}

QString percent(double share)
{
    return localNumber(share * 100.0, 'f', share < 0.1 ? 2 : 1) + QStringLiteral(" %");
}

// Share of `scores` at or above `threshold`.
double shareAtOrAbove(const QVector<double>& scores, double threshold)
{
    if (scores.isEmpty())
        return 0.0;
    return double(std::count_if(scores.begin(), scores.end(), [&](double s) { return s >= threshold; }))
           / double(scores.size());
}

} // namespace

ThresholdDialog::ThresholdDialog(EngineBridge* engine, ThresholdStudySpec spec, QString databasePath, QWidget* parent)
    : QDialog(parent), engine_(engine), spec_(std::move(spec)), databasePath_(std::move(databasePath))
{
    setObjectName(QStringLiteral("thresholdDialog"));
    intro_ = new QLabel(this);
    intro_->setWordWrap(true);
    targetLabel_ = new QLabel(this);
    targetBox_ = new QDoubleSpinBox(this);
    targetBox_->setObjectName(QStringLiteral("targetFalseReject"));
    targetBox_->setRange(0.1, 20.0);
    targetBox_->setDecimals(1);
    targetBox_->setSingleStep(0.5);
    targetBox_->setValue(1.0);
    targetBox_->setSuffix(QStringLiteral(" %"));
    targetLabel_->setBuddy(targetBox_);
    startButton_ = new QPushButton(this);
    startButton_->setObjectName(QStringLiteral("startThresholdStudy"));
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    status_ = new QLabel(this);
    status_->setWordWrap(true);

    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("thresholdHistogram"));
    plot_->setMinimumSize(520, 260);
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    chosenLabel_ = new QLabel(this);
    chosenLabel_->setObjectName(QStringLiteral("chosenThreshold"));
    chosenLabel_->setWordWrap(true);
    currentLabel_ = new QLabel(this);
    currentLabel_->setWordWrap(true);
    warning_ = new QLabel(this);
    warning_->setObjectName(QStringLiteral("falseRejectWarning"));
    warning_->setWordWrap(true);
    warning_->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    warning_->setVisible(false);

    saveButton_ = new QPushButton(this);
    saveButton_->setObjectName(QStringLiteral("saveThresholdModel"));
    saveButton_->setEnabled(false);
    closeButton_ = new QPushButton(this);

    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(targetLabel_);
    targetRow->addWidget(targetBox_);
    targetRow->addStretch(1);
    targetRow->addWidget(startButton_);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(saveButton_);
    buttons->addWidget(closeButton_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro_);
    layout->addLayout(targetRow);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(plot_, 1);
    layout->addWidget(chosenLabel_);
    layout->addWidget(currentLabel_);
    layout->addWidget(warning_);
    layout->addLayout(buttons);

    connect(startButton_, &QPushButton::clicked, this, &ThresholdDialog::start);
    connect(targetBox_, &QDoubleSpinBox::valueChanged, this, &ThresholdDialog::updateChoice);
    connect(saveButton_, &QPushButton::clicked, this, [this] { saveAsNewModel(); });
    connect(closeButton_, &QPushButton::clicked, this, &ThresholdDialog::reject);
    connect(engine_, &EngineBridge::thresholdStudied, this, &ThresholdDialog::onStudied);
    connect(engine_, &EngineBridge::thresholdApplied, this, [this](const TrainedModel& model) {
        status_->setText(tr("Saved %1 with the threshold %2. It goes into use when you promote it in the model list.")
                             .arg(QFileInfo(model.bundlePath).fileName(), localNumber(model.threshold, 'g', 5)));
        emit modelSaved(model);
    });
    connect(engine_, &EngineBridge::modelJobProgress, this, [this](double fraction, const QString& stage, double) {
        if (!running_)
            return;
        progress_->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
        status_->setText(stage);
    });
    auto stopped = [this](const QString& message) {
        if (!running_)
            return;
        running_ = false;
        progress_->setVisible(false);
        startButton_->setEnabled(true);
        status_->setText(message);
    };
    connect(engine_, &EngineBridge::modelJobFailed, this, stopped);
    connect(engine_, &EngineBridge::modelJobCancelled, this, [stopped](const QString&) {
        stopped(tr("Cancelled."));
    });
    retranslateUi();
    stylePlot(plot_, palette());
    resize(720, 640);
}

void ThresholdDialog::retranslateUi()
{
    setWindowTitle(tr("Threshold of %1").arg(QFileInfo(spec_.bundlePath).fileName()));
    intro_->setText(tr("Choose the threshold by the share of good parts it may reject. Every normal training image "
                       "is scored by a model trained without it (%1-fold cross-validation, as the model was "
                       "trained), so the estimate rests on all of them, not on a few held-out images.")
                        .arg(spec_.folds));
    targetLabel_->setText(tr("&Target false-reject rate:"));
    startButton_->setText(hasStudy() ? tr("Cross-validate &again") : tr("&Cross-validate"));
    saveButton_->setText(tr("&Save as new model"));
    saveButton_->setToolTip(tr("Writes a copy of the model with the chosen threshold; it goes into use when promoted"));
    closeButton_->setText(tr("Close"));
    plot_->xAxis->setLabel(tr("Image score"));
    plot_->yAxis->setLabel(tr("Share of images per bin"));
    if (hasStudy()) {
        drawHistogram();
        updateChoice();
    } else if (!running_) {
        status_->setText(tr("Cross-validation trains %1 models; it takes about %1 times as long as training this one.")
                             .arg(spec_.folds));
    }
}

void ThresholdDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    followLanguageAndPalette(event, [this] { retranslateUi(); }, [this] { stylePlot(plot_, palette()); });
}

void ThresholdDialog::reject()
{
    if (running_)
        engine_->cancelModelJobs();
    QDialog::reject();
}

void ThresholdDialog::start()
{
    if (running_)
        return;
    running_ = true;
    startButton_->setEnabled(false);
    saveButton_->setEnabled(false);
    progress_->setValue(0);
    progress_->setVisible(true);
    status_->setText(tr("Waiting for the engine\u2026"));
    engine_->studyThreshold(spec_);
}

void ThresholdDialog::setTargetRate(double rate)
{
    targetBox_->setValue(rate * 100.0);
}

double ThresholdDialog::targetRate() const
{
    return targetBox_->value() / 100.0;
}

void ThresholdDialog::onStudied(const ThresholdStudyResult& result)
{
    if (!running_ || result.bundlePath != spec_.bundlePath)
        return;
    running_ = false;
    progress_->setVisible(false);
    startButton_->setEnabled(true);
    study_ = result;
    status_->setText(tr("%n good training image(s) cross-validated in %1 folds.", nullptr, int(result.normalScores.size()))
                         .arg(result.folds));
    retranslateUi();
    saveButton_->setEnabled(!result.normalScores.isEmpty());
}

QString ThresholdDialog::warningText() const
{
    return warning_->isVisible() ? warning_->text() : QString();
}

void ThresholdDialog::updateChoice()
{
    if (!study_ || study_->normalScores.isEmpty())
        return;
    const NormalScoreDistribution distribution = distributionOf(*study_);
    const FalseRejectEstimate chosen = distribution.forTargetRate(targetRate());
    const FalseRejectEstimate current = distribution.atThreshold(study_->currentThreshold);
    chosenThreshold_ = chosen.threshold;
    chosenRate_ = chosen.rate;
    auto describe = [&](const FalseRejectEstimate& e) {
        QString text = tr("expected false rejects %1 (95 %: %2 to %3; %4 of %5 good training images)")
                           .arg(percent(e.rate), percent(e.low), percent(e.high))
                           .arg(e.rejected)
                           .arg(e.normalImages);
        if (!study_->testDefectScores.isEmpty() || !study_->testNormalScores.isEmpty())
            text += QLatin1String("; ")
                    + tr("on the test split: %1 of good parts rejected, %2 of defects caught")
                          .arg(percent(shareAtOrAbove(study_->testNormalScores, e.threshold)),
                               percent(shareAtOrAbove(study_->testDefectScores, e.threshold)));
        return text;
    };
    chosenLabel_->setText(tr("For the target: threshold %1, %2.").arg(localNumber(chosen.threshold, 'g', 5),
                                                                      describe(chosen)));
    currentLabel_->setText(tr("In use: threshold %1 (%2), %3.")
                               .arg(localNumber(study_->currentThreshold, 'g', 5), study_->currentSource,
                                    describe(current)));
    // The estimate, not its lucky lower end, decides: a line pays for every good part thrown out.
    const bool high = current.rate > std::max(kHighFalseRejectRate, targetRate());
    warning_->setVisible(high);
    if (high)
        warning_->setText(tr("The threshold in use is expected to reject %1 of good parts, more than the target "
                             "(%2). Save the chosen threshold as a new model and promote it, or retrain.")
                              .arg(percent(current.rate), percent(targetRate())));
    drawHistogram();
}

void ThresholdDialog::drawHistogram()
{
    plot_->clearPlottables();
    plot_->clearItems();
    if (!study_)
        return;
    QVector<double> all = study_->normalScores;
    all += study_->testNormalScores;
    all += study_->testDefectScores;
    if (all.isEmpty())
        return;
    double low = *std::min_element(all.begin(), all.end());
    double high = std::max({*std::max_element(all.begin(), all.end()), study_->currentThreshold, chosenThreshold_});
    if (!(high > low))
        high = low + 1.0;
    const double width = (high - low) / kBins;
    auto histogram = [&](const QVector<double>& scores, QVector<double>& keys, QVector<double>& values) {
        keys.clear();
        values.clear();
        QVector<double> counts(kBins, 0.0);
        for (double s : scores)
            counts[std::clamp(int((s - low) / width), 0, kBins - 1)] += 1.0;
        for (int b = 0; b < kBins; ++b) {
            keys << low + (b + 0.5) * width;
            values << (scores.isEmpty() ? 0.0 : counts[b] / double(scores.size()));
        }
    };
    struct Series {
        const QVector<double>* scores;
        QString name;
        QColor colour;
    };
    const Series series[] = {
        {&study_->normalScores, tr("good, training (cross-validated)"), QColor(46, 125, 50)},
        {&study_->testNormalScores, tr("good, test split"), QColor(30, 100, 200)},
        {&study_->testDefectScores, tr("defective, test split"), QColor(198, 40, 40)},
    };
    double top = 0.0;
    for (const Series& s : series) {
        if (s.scores->isEmpty())
            continue;
        QVector<double> keys, values;
        histogram(*s.scores, keys, values);
        auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
        bars->setName(s.name);
        bars->setWidth(width);
        QColor fill = s.colour;
        fill.setAlpha(90);
        bars->setBrush(fill);
        bars->setPen(QPen(s.colour, 1));
        bars->setData(keys, values, true);
        top = std::max(top, *std::max_element(values.begin(), values.end()));
    }
    auto line = [&](double x, const QColor& colour, Qt::PenStyle style, const QString& label) {
        auto* marker = new QCPItemStraightLine(plot_);
        marker->point1->setCoords(x, 0.0);
        marker->point2->setCoords(x, 1.0);
        marker->setPen(QPen(colour, 2, style));
        auto* text = new QCPItemText(plot_);
        text->position->setCoords(x, top * 1.08);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        text->setText(QStringLiteral(" ") + label);
        text->setColor(colour);
    };
    const QColor text = palette().color(QPalette::Text);
    line(study_->currentThreshold, plotBlendColour(palette(), 0.6), Qt::DashLine, tr("in use"));
    line(chosenThreshold_, text, Qt::SolidLine, tr("chosen"));
    plot_->xAxis->setRange(low - width, high + width);
    plot_->yAxis->setRange(0.0, std::max(0.05, top * 1.25));
    plot_->replot();
}

void ThresholdDialog::saveAsNewModel(const QString& outputPath)
{
    if (!study_ || study_->normalScores.isEmpty())
        return;
    const NormalScoreDistribution distribution = distributionOf(*study_);
    const FalseRejectEstimate chosen = distribution.forTargetRate(targetRate());
    ThresholdApplySpec spec;
    spec.bundlePath = spec_.bundlePath;
    const QFileInfo source(spec_.bundlePath);
    spec.outputPath = outputPath.isEmpty()
                          ? source.absolutePath() + QLatin1Char('/') + source.completeBaseName()
                                + QStringLiteral("-frr%1.dlm").arg(QString::number(targetRate() * 100.0, 'f', 1))
                          : outputPath;
    spec.databasePath = databasePath_;
    spec.threshold = chosen.threshold;
    spec.target = targetRate();
    spec.estimatedRate = chosen.rate;
    spec.low = chosen.low;
    spec.high = chosen.high;
    spec.rejected = chosen.rejected;
    spec.normalImages = chosen.normalImages;
    spec.folds = study_->folds;
    status_->setText(tr("Saving %1\u2026").arg(QFileInfo(spec.outputPath).fileName()));
    engine_->applyThreshold(spec);
}

} // namespace dl::ui
