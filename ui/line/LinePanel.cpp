#include "ui/line/LinePanel.h"
#include "ui/common/LocalNumber.h"

#include "ui/common/DatabaseAddress.h"
#include "ui/common/PlotStyle.h"
#include "common/Error.h"
#include "line/MqttPublisher.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dl::ui {

namespace {

constexpr int kRollingParts = 50; // the yield curve is the share of OK among the last parts

enum ModelChoice { ActiveModel = 0, LoadedModel = 1 };

} // namespace

LinePanel::LinePanel(QWidget* parent) : QWidget(parent), session_(new LineSession(this))
{
    setObjectName(QStringLiteral("linePanel"));
    folderLabel_ = new QLabel;
    folderEdit_ = new QLineEdit;
    folderEdit_->setObjectName(QStringLiteral("lineFolder"));
    folderButton_ = new QPushButton;
    recursiveBox_ = new QCheckBox;
    archiveLabel_ = new QLabel;
    archiveEdit_ = new QLineEdit;
    archiveEdit_->setObjectName(QStringLiteral("lineArchive"));
    archiveButton_ = new QPushButton;
    modelLabel_ = new QLabel;
    modelCombo_ = new QComboBox;
    modelCombo_->setObjectName(QStringLiteral("lineModel"));
    modelCombo_->addItem(QString());
    modelCombo_->addItem(QString());
    startButton_ = new QPushButton;
    startButton_->setObjectName(QStringLiteral("lineStart"));
    pauseButton_ = new QPushButton;
    pauseButton_->setObjectName(QStringLiteral("linePause"));
    pauseButton_->setCheckable(true);
    stopButton_ = new QPushButton;
    stopButton_->setObjectName(QStringLiteral("lineStop"));
    stateLabel_ = new QLabel;
    stateLabel_->setObjectName(QStringLiteral("lineState"));
    stateLabel_->setWordWrap(true);
    alarmAfterLabel_ = new QLabel;
    alarmAfter_ = new QSpinBox;
    alarmAfter_->setRange(1, 100);
    alarmAfter_->setValue(3);
    optionsLabel_ = new QLabel;
    pollLabel_ = new QLabel;
    pollSeconds_ = new QSpinBox;
    pollSeconds_->setObjectName(QStringLiteral("linePollSeconds"));
    pollSeconds_->setRange(0, 600);
    tileLabel_ = new QLabel;
    tileSize_ = new QSpinBox;
    tileSize_->setObjectName(QStringLiteral("lineTileSize"));
    tileSize_->setRange(0, 8192);
    tileSize_->setSingleStep(32);
    overlapLabel_ = new QLabel;
    tileOverlap_ = new QSpinBox;
    tileOverlap_->setObjectName(QStringLiteral("lineTileOverlap"));
    tileOverlap_->setRange(0, 4095);
    tileOverlap_->setSingleStep(8);
    tileOverlap_->setValue(32);
    mqttLabel_ = new QLabel;
    mqttEdit_ = new QLineEdit;
    mqttEdit_->setObjectName(QStringLiteral("lineMqtt"));

    auto* setup = new QGridLayout;
    setup->addWidget(folderLabel_, 0, 0);
    setup->addWidget(folderEdit_, 0, 1);
    setup->addWidget(folderButton_, 0, 2);
    setup->addWidget(recursiveBox_, 0, 3);
    setup->addWidget(archiveLabel_, 1, 0);
    setup->addWidget(archiveEdit_, 1, 1);
    setup->addWidget(archiveButton_, 1, 2);
    setup->addWidget(modelLabel_, 2, 0);
    setup->addWidget(modelCombo_, 2, 1);
    // Polling and tiling on rows of their own: on one row German's labels made the
    // page (and with it the window) wider than a 1600 px screen.
    auto* options = new QHBoxLayout;
    options->addWidget(pollLabel_);
    options->addWidget(pollSeconds_);
    options->addStretch(1);
    auto* tiling = new QHBoxLayout;
    for (QWidget* w : {static_cast<QWidget*>(tileLabel_), static_cast<QWidget*>(tileSize_),
                       static_cast<QWidget*>(overlapLabel_), static_cast<QWidget*>(tileOverlap_)})
        tiling->addWidget(w);
    tiling->addStretch(1);
    setup->addWidget(optionsLabel_, 3, 0);
    setup->addLayout(options, 3, 1, 1, 3);
    setup->addLayout(tiling, 4, 1, 1, 3);
    setup->addWidget(mqttLabel_, 5, 0);
    setup->addWidget(mqttEdit_, 5, 1);
    setup->setColumnStretch(1, 1);

    auto* controls = new QHBoxLayout;
    controls->addWidget(startButton_);
    controls->addWidget(pauseButton_);
    controls->addWidget(stopButton_);
    controls->addWidget(stateLabel_, 1);
    controls->addWidget(alarmAfterLabel_);
    controls->addWidget(alarmAfter_);

    imageLabel_ = new QLabel;
    imageLabel_->setObjectName(QStringLiteral("lineImage"));
    imageLabel_->setAlignment(Qt::AlignCenter);
    imageLabel_->setMinimumSize(320, 240);
    imageLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);

    badge_ = new QLabel;
    badge_->setObjectName(QStringLiteral("lineBadge"));
    badge_->setAlignment(Qt::AlignCenter);
    badge_->setMinimumHeight(72);
    QFont badgeFont = badge_->font();
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 2.6);
    badgeFont.setBold(true);
    badge_->setFont(badgeFont);
    partLabel_ = new QLabel;
    partLabel_->setObjectName(QStringLiteral("linePart"));
    partLabel_->setWordWrap(true);
    partLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    countsLabel_ = new QLabel;
    countsLabel_->setObjectName(QStringLiteral("lineCounts"));
    countsLabel_->setTextFormat(Qt::RichText);
    alarmLabel_ = new QLabel;
    alarmLabel_->setObjectName(QStringLiteral("lineAlarm"));
    alarmLabel_->setWordWrap(true);
    alarmLabel_->setAlignment(Qt::AlignCenter);
    alarmLabel_->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold; "
                                              "padding: 8px; border-radius: 4px; }"));
    alarmLabel_->hide();
    acknowledgeButton_ = new QPushButton;
    acknowledgeButton_->setObjectName(QStringLiteral("lineAcknowledge"));
    acknowledgeButton_->hide();
    acceptButton_ = new QPushButton;
    acceptButton_->setObjectName(QStringLiteral("lineAccept"));
    rejectButton_ = new QPushButton;
    rejectButton_->setObjectName(QStringLiteral("lineReject"));
    acceptButton_->setEnabled(false); // until a recorded part is shown
    rejectButton_->setEnabled(false);

    auto* review = new QHBoxLayout;
    review->addWidget(acceptButton_);
    review->addWidget(rejectButton_);
    auto* side = new QVBoxLayout;
    side->addWidget(badge_);
    side->addWidget(partLabel_);
    side->addWidget(countsLabel_);
    side->addWidget(alarmLabel_);
    side->addWidget(acknowledgeButton_);
    side->addLayout(review);
    side->addStretch(1);
    auto* sideWidget = new QWidget;
    sideWidget->setLayout(side);
    sideWidget->setMinimumWidth(300);
    sideWidget->setMaximumWidth(420);

    auto* middle = new QHBoxLayout;
    middle->addWidget(imageLabel_, 1);
    middle->addWidget(sideWidget);

    yieldPlot_ = new QCustomPlot;
    yieldPlot_->setObjectName(QStringLiteral("lineYield"));
    yieldPlot_->setMinimumHeight(150);
    yieldPlot_->setMaximumHeight(200);
    yieldPlot_->addGraph();
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    yieldPlot_->xAxis->setTicker(ticker);
    yieldPlot_->yAxis->setRange(0, 105);
    yieldPlot_->legend->setVisible(true);
    yieldPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(setup);
    layout->addLayout(controls);
    layout->addLayout(middle, 1);
    layout->addWidget(yieldPlot_);

    connect(folderButton_, &QPushButton::clicked, this, &LinePanel::chooseFolder);
    connect(archiveButton_, &QPushButton::clicked, this, &LinePanel::chooseArchive);
    connect(startButton_, &QPushButton::clicked, this, [this] { startWatching(folderEdit_->text().trimmed()); });
    connect(pauseButton_, &QPushButton::toggled, this, [this](bool on) { pause(on); });
    connect(stopButton_, &QPushButton::clicked, this, &LinePanel::stopWatching);
    connect(acknowledgeButton_, &QPushButton::clicked, this, &LinePanel::acknowledgeAlarm);
    connect(acceptButton_, &QPushButton::clicked, this, [this] {
        if (shown_.resultId > 0)
            emit reviewRequested(shown_.resultId, true);
    });
    connect(rejectButton_, &QPushButton::clicked, this, [this] {
        if (shown_.resultId > 0)
            emit reviewRequested(shown_.resultId, false);
    });
    // The review keys of the results table, on the part shown here.
    auto addShortcut = [this](QKeySequence keys, QPushButton* button) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, button, &QPushButton::click);
    };
    addShortcut(QKeySequence(Qt::Key_A), acceptButton_);
    addShortcut(QKeySequence(Qt::Key_R), rejectButton_);
    addShortcut(QKeySequence(Qt::Key_Space), pauseButton_);

    connect(session_, &LineSession::started, this, [this](const QString& model) {
        modelDescription_ = model;
        updateButtons();
        emit statusMessage(tr("Watching %1 with %2").arg(folderEdit_->text(), model));
    });
    connect(session_, &LineSession::partInspected, this, &LinePanel::onPart);
    connect(session_, &LineSession::backlogChanged, this, [this](int waiting, const QString& model) {
        backlog_ = waiting;
        modelDescription_ = model;
        updateButtons();
    });
    connect(session_, &LineSession::stopped, this, [this](const QString& summary) {
        updateButtons();
        emit statusMessage(summary);
    });
    connect(session_, &LineSession::failed, this, [this](const QString& message) {
        updateButtons();
        emit errorOccurred(message);
    });

    retranslateUi();
    restylePlot();
    updateCounts();
    updateButtons();
}

LinePanel::~LinePanel() = default;

void LinePanel::setLoadedModel(const QString& bundlePath)
{
    loadedModel_ = bundlePath;
    retranslateUi();
}

void LinePanel::useActiveModel(bool followActive)
{
    modelCombo_->setCurrentIndex(followActive ? ActiveModel : LoadedModel);
}

void LinePanel::setArchiveFolder(const QString& folder)
{
    archiveEdit_->setText(folder);
}

void LinePanel::setAlarmThreshold(int consecutiveDefects)
{
    alarmAfter_->setValue(consecutiveDefects);
}

bool LinePanel::alarmRaised() const
{
    return !alarmLabel_->isHidden();
}

bool LinePanel::isWatching() const
{
    return session_->isRunning();
}

void LinePanel::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Watch folder"), folderEdit_->text());
    if (!folder.isEmpty())
        folderEdit_->setText(folder);
}

void LinePanel::chooseArchive()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Archive folder"), archiveEdit_->text());
    if (!folder.isEmpty())
        archiveEdit_->setText(folder);
}

bool LinePanel::startWatching(const QString& folder)
{
    if (session_->isRunning())
        return false;
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        emit errorOccurred(tr("Choose an existing folder to watch (got \"%1\").").arg(folder));
        return false;
    }
    folderEdit_->setText(folder);
    LineConfig config;
    config.folder = folder;
    config.recursive = recursiveBox_->isChecked();
    config.archiveFolder = archiveEdit_->text().trimmed();
    config.followActive = modelCombo_->currentIndex() == ActiveModel;
    config.modelPath = loadedModel_;
    config.weightsPath = weightsPath_;
    config.pollSeconds = pollSeconds_->value();
    config.tileSize = tileSize_->value();
    config.tileOverlap = config.tileSize > 0 ? tileOverlap_->value() : 0;
    config.mqttAddress = mqttEdit_->text().trimmed();
    if (config.tileSize > 0 && config.tileOverlap >= config.tileSize) {
        emit errorOccurred(tr("The tile overlap (%1 px) must be smaller than the tile size (%2 px).")
                               .arg(config.tileOverlap)
                               .arg(config.tileSize));
        return false;
    }
    if (!config.mqttAddress.isEmpty()) {
        try {
            (void)line::parseMqttUrlWithEnvironment(config.mqttAddress.toStdString()); // refused here, not on the worker
        } catch (const Error& error) {
            emit errorOccurred(QString::fromUtf8(error.what()));
            return false;
        }
    }
    if (!config.followActive && loadedModel_.isEmpty()) {
        emit errorOccurred(tr("No model is loaded: open a model, or choose the active model."));
        return false;
    }
    try {
        config.databasePath = databasePath_ ? databasePath_() : QString();
    } catch (const std::exception& error) {
        emit errorOccurred(QString::fromUtf8(error.what()));
        return false;
    }
    if (config.databasePath.isEmpty()) {
        emit errorOccurred(tr("Line mode records every part: set up a results database first (Settings)."));
        return false;
    }
    // Heatmaps of live parts beside the database (on this station for a server's), one folder per session.
    config.heatmapFolder = localDataFolderFor(config.databasePath) + QStringLiteral("/heatmaps/line-")
                           + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    ok_ = defects_ = unreadable_ = defectsInARow_ = 0;
    sessionResults_.clear();
    overridden_.clear();
    recentOk_.clear();
    yieldPlot_->graph(0)->data()->clear();
    sessionStart_ = QDateTime::currentDateTime();
    acknowledgeAlarm();
    modelDescription_.clear();
    session_->start(config);
    pauseButton_->setChecked(false);
    updateCounts();
    updateButtons();
    return true;
}

void LinePanel::pause(bool paused)
{
    if (pauseButton_->isChecked() != paused) {
        pauseButton_->setChecked(paused); // comes back here through toggled
        return;
    }
    session_->setPaused(paused);
    updateButtons();
}

void LinePanel::stopWatching()
{
    session_->stop();
    stateLabel_->setText(tr("Stopping after the part in hand\u2026"));
}

void LinePanel::onPart(const LinePart& part)
{
    if (part.resultId > 0)
        sessionResults_.insert(part.resultId);
    if (!part.score) {
        ++unreadable_;
    } else if (part.defect) {
        ++defects_;
        ++defectsInARow_;
        if (defectsInARow_ >= alarmAfter_->value())
            raiseAlarm();
    } else {
        ++ok_;
        defectsInARow_ = 0;
    }
    if (part.score) {
        recentOk_.push_back(!part.defect);
        while (int(recentOk_.size()) > kRollingParts)
            recentOk_.pop_front();
        addYieldPoint(QDateTime::currentDateTime());
    }
    showPart(part);
    updateCounts();
    if (part.resultId > 0)
        emit partRecorded(part.resultId);
}

void LinePanel::showPart(const LinePart& part)
{
    shown_ = part;
    shownOverlay_ = part.overlay;
    if (!shownOverlay_.isNull())
        imageLabel_->setPixmap(QPixmap::fromImage(shownOverlay_.scaled(imageLabel_->size(), Qt::KeepAspectRatio,
                                                                       Qt::SmoothTransformation)));
    else
        imageLabel_->setText(tr("(no image: %1)").arg(part.error));
    QString colour;
    QString text;
    if (!part.score) {
        text = tr("UNREADABLE");
        colour = QStringLiteral("#757575");
    } else if (part.defect) {
        text = tr("DEFECT");
        colour = QStringLiteral("#c62828");
    } else {
        text = tr("OK");
        colour = QStringLiteral("#2e7d32");
    }
    badge_->setText(text);
    badge_->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 6px; }").arg(colour));
    QString details = QFileInfo(part.path).fileName();
    if (part.score)
        details += QLatin1Char('\n') + tr("score %1 (threshold %2)")
                                           .arg(localNumber(*part.score, 'f', 3),
                                                localNumber(part.threshold, 'f', 3));
    if (part.latencyMs >= 0)
        details += QLatin1Char('\n') + tr("recorded %1 ms after it was written").arg(qRound(part.latencyMs));
    if (!part.error.isEmpty())
        details += QLatin1Char('\n') + part.error;
    partLabel_->setText(details);
    acceptButton_->setEnabled(part.resultId > 0);
    rejectButton_->setEnabled(part.resultId > 0);
}

void LinePanel::noteOverride(qint64 resultId)
{
    if (!sessionResults_.contains(resultId))
        return;
    overridden_.insert(resultId);
    updateCounts();
}

void LinePanel::updateCounts()
{
    const int scored = ok_ + defects_;
    const QString yield = scored > 0 ? localNumber(100.0 * ok_ / scored, 'f', 1) + QStringLiteral(" %")
                                     : QStringLiteral("\u2013");
    countsLabel_->setText(QStringLiteral("<table cellspacing=4>"
                                         "<tr><td>%1</td><td align=right><b>%2</b></td></tr>"
                                         "<tr><td>%3</td><td align=right><b>%4</b></td></tr>"
                                         "<tr><td>%5</td><td align=right><b>%6</b></td></tr>"
                                         "<tr><td>%7</td><td align=right><b>%8</b></td></tr>"
                                         "<tr><td>%9</td><td align=right><b>%10</b></td></tr>"
                                         "</table>")
                              .arg(tr("OK"), QString::number(ok_), tr("Defect"), QString::number(defects_),
                                   tr("Overridden by the operator"), QString::number(overridden_.size()),
                                   tr("Unreadable"), QString::number(unreadable_), tr("Yield"), yield));
}

void LinePanel::setPollSeconds(int seconds)
{
    pollSeconds_->setValue(seconds);
}

void LinePanel::setTiling(int size, int overlap)
{
    tileSize_->setValue(size);
    tileOverlap_->setValue(overlap);
}

void LinePanel::setMqttAddress(const QString& address)
{
    mqttEdit_->setText(address);
}

void LinePanel::updateButtons()
{
    const bool running = session_->isRunning();
    startButton_->setEnabled(!running);
    pauseButton_->setEnabled(running);
    stopButton_->setEnabled(running);
    for (QWidget* w : {static_cast<QWidget*>(folderEdit_), static_cast<QWidget*>(folderButton_),
                       static_cast<QWidget*>(recursiveBox_), static_cast<QWidget*>(archiveEdit_),
                       static_cast<QWidget*>(archiveButton_), static_cast<QWidget*>(modelCombo_),
                       static_cast<QWidget*>(pollSeconds_), static_cast<QWidget*>(tileSize_),
                       static_cast<QWidget*>(tileOverlap_), static_cast<QWidget*>(mqttEdit_)})
        w->setEnabled(!running);
    if (!running)
        stateLabel_->setText(tr("Not watching."));
    else if (session_->isPaused())
        stateLabel_->setText(tr("Paused: %n part(s) waiting.", nullptr, backlog_));
    else if (modelDescription_.isEmpty())
        stateLabel_->setText(tr("Loading the model\u2026"));
    else
        stateLabel_->setText(tr("Watching with %1; %n part(s) waiting.", nullptr, backlog_).arg(modelDescription_));
}

void LinePanel::raiseAlarm()
{
    alarmLabel_->setText(tr("ALARM: %n defective part(s) in a row. Check the line.", nullptr, defectsInARow_));
    if (alarmLabel_->isHidden())
        QApplication::beep();
    alarmLabel_->show();
    acknowledgeButton_->show();
}

void LinePanel::acknowledgeAlarm()
{
    alarmLabel_->hide();
    acknowledgeButton_->hide();
    defectsInARow_ = 0;
}

void LinePanel::addYieldPoint(const QDateTime& when)
{
    int okCount = 0;
    for (bool ok : recentOk_)
        okCount += ok ? 1 : 0;
    const double key = double(when.toMSecsSinceEpoch()) / 1000.0;
    yieldPlot_->graph(0)->addData(key, 100.0 * okCount / double(recentOk_.size()));
    const double start = double(sessionStart_.toMSecsSinceEpoch()) / 1000.0;
    yieldPlot_->xAxis->setRange(start, std::max(key, start + 60.0));
    yieldPlot_->replot(QCustomPlot::rpQueuedReplot);
}

void LinePanel::restylePlot()
{
    stylePlot(yieldPlot_, palette());
    QPen pen(plotCurveColour(0, palette()));
    pen.setWidthF(2.0);
    yieldPlot_->graph(0)->setPen(pen);
    yieldPlot_->replot(QCustomPlot::rpQueuedReplot);
}

void LinePanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (!shownOverlay_.isNull())
        imageLabel_->setPixmap(QPixmap::fromImage(shownOverlay_.scaled(imageLabel_->size(), Qt::KeepAspectRatio,
                                                                       Qt::SmoothTransformation)));
}

void LinePanel::changeEvent(QEvent* event)
{
    followLanguageAndPalette(event, [this] { retranslateUi(); }, [this] { restylePlot(); });
    QWidget::changeEvent(event);
}

void LinePanel::retranslateUi()
{
    folderLabel_->setText(tr("Watch folder:"));
    folderButton_->setText(tr("Browse\u2026"));
    recursiveBox_->setText(tr("Subfolders"));
    archiveLabel_->setText(tr("Archive to:"));
    archiveEdit_->setPlaceholderText(tr("optional: inspected parts are moved here"));
    archiveButton_->setText(tr("Browse\u2026"));
    modelLabel_->setText(tr("Model:"));
    optionsLabel_->setText(tr("Options:"));
    pollLabel_->setText(tr("List the folder every"));
    pollSeconds_->setSuffix(tr(" s"));
    pollSeconds_->setSpecialValueText(tr("never (file events only)"));
    pollSeconds_->setToolTip(tr("For network shares, which announce no new files: also look into the folder this "
                                "often"));
    tileLabel_->setText(tr("Tiles:"));
    tileSize_->setSuffix(tr(" px"));
    tileSize_->setSpecialValueText(tr("as the model was trained"));
    tileSize_->setToolTip(tr("Score large images in overlapping tiles of this size at full resolution"));
    overlapLabel_->setText(tr("overlap:"));
    tileOverlap_->setSuffix(tr(" px"));
    mqttLabel_->setText(tr("Publish to:"));
    mqttEdit_->setPlaceholderText(tr("optional: mqtt://broker:1883/line1/verdicts (password and TLS files from "
                                     "DEFECTLENS_MQTT_PASSWORD, _CA, _CERT, _KEY)"));
    modelCombo_->setItemText(ActiveModel, tr("The active model (follows promotions)"));
    modelCombo_->setItemText(LoadedModel, loadedModel_.isEmpty()
                                              ? tr("The loaded model (none loaded)")
                                              : tr("The loaded model: %1").arg(QFileInfo(loadedModel_).fileName()));
    startButton_->setText(tr("&Start"));
    pauseButton_->setText(tr("&Pause"));
    pauseButton_->setToolTip(tr("Parts keep arriving and wait until you resume (Space)"));
    stopButton_->setText(tr("S&top"));
    alarmAfterLabel_->setText(tr("Alarm after defects in a row:"));
    acknowledgeButton_->setText(tr("Acknowledge alarm"));
    acceptButton_->setText(tr("Accept (OK)"));
    acceptButton_->setToolTip(tr("Mark the part shown as OK (A)"));
    rejectButton_->setText(tr("Reject (defect)"));
    rejectButton_->setToolTip(tr("Mark the part shown as defective (R)"));
    yieldPlot_->yAxis->setLabel(tr("Yield (%)"));
    yieldPlot_->graph(0)->setName(tr("OK share of the last %1 parts").arg(kRollingParts));
    if (badge_->text().isEmpty())
        imageLabel_->setText(tr("The newest part appears here with its heatmap."));
    updateCounts();
    updateButtons();
}

} // namespace dl::ui
