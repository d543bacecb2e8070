#include "ui/viewer/ResultView.h"
#include "ui/common/LocalNumber.h"

#include "engine/Overlay.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/common/ImageConvert.h"
#include "ui/results/ResultsModel.h"
#include "ui/viewer/ImageViewer.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace dl::ui {

namespace {

constexpr int kThresholdSteps = 1000;

// A horizontal strip of the heatmap colours, low (normal) on the left, sharp on HiDPI screens.
QPixmap colourScale(HeatmapColormap colormap, int width, int height, qreal devicePixelRatio)
{
    cv::Mat ramp(1, 256, CV_8UC1);
    for (int i = 0; i < 256; ++i)
        ramp.at<uchar>(0, i) = static_cast<uchar>(i);
    cv::Mat bgr, rgb;
    cv::applyColorMap(ramp, bgr, openCvColormap(colormap));
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    QImage strip = toQImage(rgb).scaled(QSize(width, height) * devicePixelRatio);
    strip.setDevicePixelRatio(devicePixelRatio);
    return QPixmap::fromImage(strip);
}

// A viewer under a header row: a bold caption, then optional extra widgets on the right.
QWidget* captioned(QLabel* caption, QWidget* content, QWidget* headerExtra = nullptr)
{
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* header = new QHBoxLayout;
    caption->setStyleSheet(QStringLiteral("font-weight: bold;"));
    header->addWidget(caption);
    header->addStretch(1);
    if (headerExtra)
        header->addWidget(headerExtra);
    layout->addLayout(header);
    layout->addWidget(content, 1);
    return panel;
}

} // namespace

int openCvColormap(HeatmapColormap colormap)
{
    switch (colormap) {
    case HeatmapColormap::Inferno:
        return cv::COLORMAP_INFERNO;
    case HeatmapColormap::Jet:
        return cv::COLORMAP_JET;
    case HeatmapColormap::Turbo:
        break;
    }
    return cv::COLORMAP_TURBO;
}

QImage renderHeatmap(const QImage& original, const cv::Mat& anomalyMap, double low, double high,
                     const HeatmapStyle& style)
{
    if (original.isNull() || anomalyMap.empty())
        return original;
    // The same presentation as the CLI's overlays (engine/Overlay.h): colouring only, no model math.
    OverlayStyle overlay;
    overlay.colormap = openCvColormap(style.colormap);
    overlay.opacity = std::clamp(style.opacity, 0.0, 1.0);
    // A threshold below the scale still outlines everything above its low end.
    if (style.contourThreshold)
        overlay.contourScore = std::max(*style.contourThreshold, low);
    return toQImage(renderOverlay(toRgbMat(original), anomalyMap, DisplayRange{low, high}, overlay));
}

ResultView::ResultView(QWidget* parent) : QWidget(parent)
{
    fileLabel_ = new QLabel;
    fileLabel_->setObjectName(QStringLiteral("fileLabel"));
    fileLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long path must not widen the window; the tooltip holds the whole path.
    fileLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    fileLabel_->setMinimumWidth(120);
    scoreLabel_ = new QLabel;
    scoreLabel_->setObjectName(QStringLiteral("scoreLabel"));
    verdictBadge_ = new QLabel;
    verdictBadge_->setObjectName(QStringLiteral("verdictBadge"));
    verdictBadge_->setAlignment(Qt::AlignCenter);
    verdictBadge_->setMinimumWidth(96);

    auto* header = new QHBoxLayout;
    header->addWidget(fileLabel_, 1);
    header->addWidget(scoreLabel_);
    header->addWidget(verdictBadge_);

    original_ = new ImageViewer;
    original_->setObjectName(QStringLiteral("originalViewer"));
    heatmap_ = new ImageViewer;
    heatmap_->setObjectName(QStringLiteral("heatmapViewer"));
    original_->linkWith(heatmap_);
    connect(original_, &ImageViewer::pixelHovered, this, &ResultView::showPixel);
    connect(heatmap_, &ImageViewer::pixelHovered, this, &ResultView::showPixel);

    auto* legend = new QWidget;
    auto* legendLayout = new QHBoxLayout(legend);
    legendLayout->setContentsMargins(0, 0, 0, 0);
    legendLow_ = new QLabel;
    legendLow_->setObjectName(QStringLiteral("legendLow"));
    legendScale_ = new QLabel;
    legendScale_->setObjectName(QStringLiteral("legendScale"));
    // A fixed, modest bar: at its pixmap's 160 px the legend made the heatmap half wider
    // than the image half on a 1600-pixel screen, and a bar that shrank (an ignored size
    // hint) was laid out over its CJK neighbour words.
    legendScale_->setScaledContents(true);
    legendScale_->setFixedWidth(64);
    legendScale_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    legendHigh_ = new QLabel;
    legendHigh_->setObjectName(QStringLiteral("legendHigh"));
    legendLayout->addWidget(legendLow_);
    legendLayout->addWidget(legendScale_);
    legendLayout->addWidget(legendHigh_);

    originalCaption_ = new QLabel;
    heatmapCaption_ = new QLabel;
    // Equal halves: both viewers fit the image at the same scale, so they line up.
    auto* splitter = new QSplitter(Qt::Horizontal);
    originalPanel_ = captioned(originalCaption_, original_);
    originalPanel_->setObjectName(QStringLiteral("originalPanel"));
    QWidget* heatmapPanel = captioned(heatmapCaption_, heatmap_, legend);
    heatmapPanel->setObjectName(QStringLiteral("heatmapPanel"));
    splitter->addWidget(originalPanel_);
    splitter->addWidget(heatmapPanel);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    buildControls();
    auto* controls = new QHBoxLayout;
    controls->addWidget(layoutLabel_);
    controls->addWidget(layoutCombo_);
    controls->addSpacing(12);
    controls->addWidget(colormapLabel_);
    controls->addWidget(colormapCombo_);
    controls->addSpacing(12);
    controls->addWidget(opacityLabel_);
    controls->addWidget(opacitySlider_, 1);
    controls->addSpacing(12);
    controls->addWidget(thresholdLabel_);
    controls->addWidget(thresholdSlider_, 2);
    controls->addWidget(thresholdValue_);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    // The reviewer's last look (layout, colours, opacity) survives a restart.
    QSettings settings;
    layout_ = settings.value(QStringLiteral("viewer/layout")).toString() == QLatin1String("blended")
                  ? HeatmapLayout::Blended
                  : HeatmapLayout::SideBySide;
    const QString colormap = settings.value(QStringLiteral("viewer/colormap")).toString();
    style_.colormap = colormap == QLatin1String("inferno") ? HeatmapColormap::Inferno
                      : colormap == QLatin1String("jet")   ? HeatmapColormap::Jet
                                                           : HeatmapColormap::Turbo;
    style_.opacity = std::clamp(settings.value(QStringLiteral("viewer/opacity"), style_.opacity).toDouble(), 0.0, 1.0);

    retranslateUi();
    originalPanel_->setVisible(layout_ == HeatmapLayout::SideBySide);
    setModel(nullptr);
    clear();
}

void ResultView::saveViewSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("viewer/layout"),
                      layout_ == HeatmapLayout::Blended ? QStringLiteral("blended") : QStringLiteral("side-by-side"));
    settings.setValue(QStringLiteral("viewer/colormap"), style_.colormap == HeatmapColormap::Inferno ? QStringLiteral("inferno")
                                                         : style_.colormap == HeatmapColormap::Jet ? QStringLiteral("jet")
                                                                                                   : QStringLiteral("turbo"));
    settings.setValue(QStringLiteral("viewer/opacity"), style_.opacity);
}

ResultView::~ResultView() = default;

void ResultView::buildControls()
{
    layoutLabel_ = new QLabel;
    layoutCombo_ = new QComboBox;
    layoutCombo_->setObjectName(QStringLiteral("layoutCombo"));
    layoutCombo_->addItem(QString(), int(HeatmapLayout::SideBySide));
    layoutCombo_->addItem(QString(), int(HeatmapLayout::Blended));
    layoutCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    layoutCombo_->setMinimumContentsLength(9);
    colormapLabel_ = new QLabel;
    colormapCombo_ = new QComboBox;
    colormapCombo_->setObjectName(QStringLiteral("colormapCombo"));
    // Colour-map names are proper names; they are not translated.
    colormapCombo_->addItem(QStringLiteral("Turbo"), int(HeatmapColormap::Turbo));
    colormapCombo_->addItem(QStringLiteral("Inferno"), int(HeatmapColormap::Inferno));
    colormapCombo_->addItem(QStringLiteral("Jet"), int(HeatmapColormap::Jet));
    opacityLabel_ = new QLabel;
    opacitySlider_ = new QSlider(Qt::Horizontal);
    opacitySlider_->setObjectName(QStringLiteral("opacitySlider"));
    opacitySlider_->setRange(0, 100);
    opacitySlider_->setValue(int(std::lround(style_.opacity * 100)));
    opacitySlider_->setMinimumWidth(60);
    thresholdLabel_ = new QLabel;
    thresholdSlider_ = new QSlider(Qt::Horizontal);
    thresholdSlider_->setObjectName(QStringLiteral("thresholdSlider"));
    thresholdSlider_->setRange(0, kThresholdSteps);
    thresholdSlider_->setMinimumWidth(80);
    thresholdValue_ = new QLabel;
    thresholdValue_->setObjectName(QStringLiteral("thresholdValue"));
    thresholdValue_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.000000")));

    overlayAction_ = new QAction(this);
    overlayAction_->setObjectName(QStringLiteral("overlayAction"));
    overlayAction_->setCheckable(true);
    overlayAction_->setChecked(true);
    overlayAction_->setShortcut(QKeySequence(Qt::Key_O));
    // Anywhere in the window, so reviewers can flick the overlay while the results table has focus.
    overlayAction_->setShortcutContext(Qt::WindowShortcut);
    addAction(overlayAction_);

    connect(layoutCombo_, &QComboBox::currentIndexChanged, this, [this] {
        if (!updatingControls_)
            setLayoutMode(HeatmapLayout(layoutCombo_->currentData().toInt()));
    });
    connect(colormapCombo_, &QComboBox::currentIndexChanged, this, [this] {
        if (!updatingControls_)
            setColormap(HeatmapColormap(colormapCombo_->currentData().toInt()));
    });
    connect(opacitySlider_, &QSlider::valueChanged, this, [this](int value) {
        if (!updatingControls_)
            setOpacity(value / 100.0);
    });
    connect(thresholdSlider_, &QSlider::valueChanged, this, [this](int value) {
        if (!updatingControls_)
            setContourThreshold(sliderToScore(value));
    });
    connect(overlayAction_, &QAction::toggled, this, [this] { requestRender(); });
}

void ResultView::retranslateUi()
{
    layoutLabel_->setText(tr("View:"));
    layoutCombo_->setItemText(0, tr("Side by side"));
    layoutCombo_->setItemText(1, tr("Blended"));
    layoutCombo_->setToolTip(tr("Image and heatmap side by side, or the heatmap blended over one large image"));
    colormapLabel_->setText(tr("Colours:"));
    colormapCombo_->setToolTip(tr("Colour map of the anomaly scores"));
    opacityLabel_->setText(tr("Opacity:"));
    opacitySlider_->setToolTip(tr("How strongly the heatmap covers the image"));
    thresholdLabel_->setText(tr("Contour:"));
    thresholdSlider_->setToolTip(
        tr("Regions whose pixel score exceeds this value are outlined; it starts at the model's threshold"));
    overlayAction_->setText(tr("Show heatmap &overlay"));
    overlayAction_->setStatusTip(tr("Show or hide the anomaly heatmap over the image (O)"));
    originalCaption_->setText(tr("Image"));
    heatmapCaption_->setText(layout_ == HeatmapLayout::Blended ? tr("Image with anomaly heatmap")
                                                               : tr("Anomaly heatmap"));
    legendLow_->setText(tr("normal"));
    legendHigh_->setText(tr("anomalous"));
    updatePlaceholders();
    if (!scored_ && originalImage_.isNull())
        fileLabel_->setText(tr("No image"));
    original_->setPlaceholderText(tr("Open an image, or select one in the dataset tree."));
    updateBadge();
    if (shownScore_)
        updateScoreLabel();
    updateThresholdLabel();
    updateLegend();
}

void ResultView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateLegend();
}

void ResultView::setModel(const ModelSummary* model)
{
    hasModel_ = model != nullptr;
    updatePlaceholders();
    // A new model has its own score scale: its threshold is the natural contour again.
    userThreshold_.reset();
    if (model)
        modelThreshold_ = model->threshold;
    updateControls();
}

void ResultView::updatePlaceholders()
{
    heatmap_->setPlaceholderText(hasModel_ ? tr("Select an image to see its anomaly heatmap.")
                                           : tr("Open a model (File \u2192 Open model\u2026) to see anomaly heatmaps."));
}

void ResultView::clear()
{
    ++imageSerial_;
    fileLabel_->setText(tr("No image"));
    fileLabel_->setToolTip({});
    scoreLabel_->clear();
    setVerdict(false, false);
    originalImage_ = {};
    engineOverlay_ = {};
    anomalyMap_ = cv::Mat();
    scored_ = false;
    original_->setImage({});
    original_->setPlaceholderText(tr("Open an image, or select one in the dataset tree."));
    heatmap_->setImage({});
    showPixel({-1, -1});
    updateControls();
}

void ResultView::showResult(const ScoredImage& image)
{
    ++imageSerial_;
    fileLabel_->setText(image.displayName.isEmpty() ? displayNameOfImage(image.imagePath) : image.displayName);
    fileLabel_->setToolTip(image.imagePath);
    operatorDefect_.reset();
    originalImage_ = image.original;
    engineOverlay_ = image.overlay;
    scored_ = image.scored && !image.anomalyMap.empty();
    anomalyMap_ = scored_ ? image.anomalyMap : cv::Mat();
    if (scored_) {
        displayLow_ = image.displayLow;
        displayHigh_ = image.displayHigh > image.displayLow ? image.displayHigh : image.displayLow + 1.0;
        modelThreshold_ = image.threshold;
    }
    original_->setImage(image.original);
    shownScore_ = image.scored ? std::optional<ShownScore>(ShownScore{image.score, image.threshold, image.networkMs})
                               : std::nullopt;
    updateScoreLabel();
    setVerdict(image.scored, image.defect);
    updateControls();
    // Until a restyled heatmap is ready, show the engine's (or the plain image) at the
    // same size, so that the linked viewers keep the same zoom and scroll position.
    if (scored_)
        heatmap_->setImage(engineOverlay_.isNull() ? originalImage_ : engineOverlay_);
    requestRender();
    if (hoveredPixel_ != QPoint(-1, -1))
        showPixel(hoveredPixel_);
}

void ResultView::updateScoreLabel()
{
    if (shownScore_) {
        scoreLabel_->setText(tr("Score %1 (threshold %2)")
                                 .arg(localNumber(shownScore_->score, 'g', 4),
                                      localNumber(shownScore_->threshold, 'g', 4)));
        scoreLabel_->setToolTip(tr("Network time: %1 ms").arg(localNumber(shownScore_->networkMs, 'f', 1)));
    } else {
        scoreLabel_->setText(hasModel_ ? QString() : tr("Not scored: no model loaded"));
        scoreLabel_->setToolTip({});
    }
}

void ResultView::showPending(const QString& imagePath, const QString& displayName)
{
    fileLabel_->setText(displayName.isEmpty() ? displayNameOfImage(imagePath) : displayName);
    fileLabel_->setToolTip(imagePath);
    shownScore_.reset();
    scoreLabel_->setText(hasModel_ ? tr("Scoring\u2026") : QString());
    scoreLabel_->setToolTip({});
    operatorDefect_.reset();
    setVerdict(false, false);
}

void ResultView::setOperatorVerdict(std::optional<bool> defect, const QString& user, const QString& reason)
{
    operatorDefect_ = defect;
    operatorUser_ = user;
    operatorReason_ = reason;
    updateBadge();
}

QString ResultView::verdictText() const
{
    return verdictBadge_->isHidden() ? QString() : verdictBadge_->text();
}

void ResultView::setVerdict(bool visible, bool defect)
{
    modelVerdictShown_ = visible;
    modelDefect_ = defect;
    updateBadge();
}

void ResultView::updateBadge()
{
    // The operator's verdict, where given, is the one that counts on the line.
    const bool visible = modelVerdictShown_ || operatorDefect_.has_value();
    const bool defect = operatorDefect_ ? *operatorDefect_ : modelDefect_;
    verdictBadge_->setVisible(visible);
    verdictBadge_->setProperty("defect", defect);
    if (!visible) {
        verdictBadge_->clear();
        verdictBadge_->setToolTip({});
        return;
    }
    const QString verdict = defect ? tr("DEFECT") : tr("OK");
    if (operatorDefect_) {
        verdictBadge_->setText(tr("%1 (operator)").arg(verdict));
        QString tip = tr("Set by %1").arg(operatorUser_);
        if (!operatorReason_.isEmpty())
            tip += QStringLiteral(": ") + operatorReason_;
        if (modelVerdictShown_)
            tip += QLatin1Char('\n') + tr("Model's verdict: %1").arg(modelDefect_ ? tr("DEFECT") : tr("OK"));
        verdictBadge_->setToolTip(tip);
    } else {
        verdictBadge_->setText(verdict);
        verdictBadge_->setToolTip(tr("The model's verdict"));
    }
    // Colour carries the verdict at a glance; the text keeps it readable without colour.
    verdictBadge_->setStyleSheet(
        QStringLiteral("QLabel { color: white; font-weight: bold; padding: 4px 14px; border-radius: 6px;"
                       " background-color: %1; }")
            .arg(defect ? QStringLiteral("#c62828") : QStringLiteral("#2e7d32")));
}

void ResultView::setLayoutMode(HeatmapLayout layout)
{
    layout_ = layout;
    // Blended: one large view with the heatmap over the image (the left panel is not needed).
    originalPanel_->setVisible(layout == HeatmapLayout::SideBySide);
    heatmapCaption_->setText(layout == HeatmapLayout::Blended ? tr("Image with anomaly heatmap")
                                                              : tr("Anomaly heatmap"));
    updateControls();
    saveViewSettings();
}

void ResultView::setColormap(HeatmapColormap colormap)
{
    style_.colormap = colormap;
    updateControls();
    updateLegend();
    saveViewSettings();
    requestRender();
}

void ResultView::setOpacity(double opacity)
{
    style_.opacity = std::clamp(opacity, 0.0, 1.0);
    updateControls();
    saveViewSettings();
    requestRender();
}

void ResultView::setContourThreshold(double threshold)
{
    userThreshold_ = threshold;
    updateControls();
    requestRender();
}

HeatmapStyle ResultView::style() const
{
    HeatmapStyle style = style_;
    style.contourThreshold = userThreshold_ ? userThreshold_ : std::optional<double>(modelThreshold_);
    return style;
}

void ResultView::setOverlayVisible(bool visible)
{
    overlayAction_->setChecked(visible); // toggled -> requestRender
}

bool ResultView::isOverlayVisible() const
{
    return overlayAction_->isChecked();
}

void ResultView::updateControls()
{
    updatingControls_ = true;
    layoutCombo_->setCurrentIndex(layoutCombo_->findData(int(layout_)));
    colormapCombo_->setCurrentIndex(colormapCombo_->findData(int(style_.colormap)));
    opacitySlider_->setValue(int(std::lround(style_.opacity * 100)));
    thresholdSlider_->setValue(scoreToSlider(style().contourThreshold.value_or(modelThreshold_)));
    updatingControls_ = false;
    // Without raw scores (unscored or a stored heatmap picture) there is nothing to restyle.
    for (QWidget* control : {static_cast<QWidget*>(colormapCombo_), static_cast<QWidget*>(opacitySlider_),
                             static_cast<QWidget*>(thresholdSlider_)})
        control->setEnabled(scored_);
    opacitySlider_->setToolTip(tr("How strongly the heatmap covers the image: %1 %").arg(int(std::lround(style_.opacity * 100))));
    updateThresholdLabel();
}

void ResultView::updateThresholdLabel()
{
    if (!thresholdValue_)
        return;
    thresholdValue_->setText(scored_ ? localNumber(style().contourThreshold.value_or(modelThreshold_), 'g', 4)
                                     : QStringLiteral("\u2013"));
}

void ResultView::updateLegend()
{
    if (legendScale_)
        legendScale_->setPixmap(colourScale(style_.colormap, 160, 10, devicePixelRatioF()));
}

double ResultView::sliderToScore(int value) const
{
    return displayLow_ + (displayHigh_ - displayLow_) * double(value) / kThresholdSteps;
}

int ResultView::scoreToSlider(double score) const
{
    const double fraction = (score - displayLow_) / (displayHigh_ - displayLow_);
    return int(std::lround(std::clamp(fraction, 0.0, 1.0) * kThresholdSteps));
}

void ResultView::requestRender()
{
    if (!isOverlayVisible()) {
        heatmap_->setImage(originalImage_.isNull() ? QImage() : originalImage_);
        emit heatmapRendered();
        return;
    }
    if (!scored_) {
        // Nothing to restyle: show what the engine (or a stored result) provided.
        heatmap_->setImage(engineOverlay_);
        emit heatmapRendered();
        return;
    }
    // The engine already drew this image in the default style: no second render needed.
    HeatmapStyle defaultStyle;
    defaultStyle.contourThreshold = modelThreshold_;
    if (!engineOverlay_.isNull() && style() == defaultStyle && !renderRunning_) {
        heatmap_->setImage(engineOverlay_);
        emit heatmapRendered();
        return;
    }
    renderQueued_ = true;
    if (!renderRunning_)
        startRender();
}

void ResultView::startRender()
{
    renderQueued_ = false;
    renderRunning_ = true;
    const quint64 serial = imageSerial_;
    const QImage original = originalImage_;
    const cv::Mat map = anomalyMap_;
    const double low = displayLow_;
    const double high = displayHigh_;
    const HeatmapStyle style = this->style();
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, serial] {
        watcher->deleteLater();
        renderRunning_ = false;
        // Only the newest settings for the image on screen are worth showing.
        if (serial == imageSerial_ && !renderQueued_ && isOverlayVisible())
            heatmap_->setImage(watcher->result());
        if (renderQueued_) {
            requestRender();
            return;
        }
        emit heatmapRendered();
    });
    // Slider drags queue many requests; at most one render runs and one waits.
    watcher->setFuture(QtConcurrent::run(
        [original, map, low, high, style] { return renderHeatmap(original, map, low, high, style); }));
}

std::optional<ResultView::PixelScore> ResultView::scoreAt(const QPoint& pixel) const
{
    if (anomalyMap_.empty() || pixel.x() < 0 || pixel.y() < 0 || pixel.x() >= anomalyMap_.cols
        || pixel.y() >= anomalyMap_.rows)
        return std::nullopt;
    PixelScore score;
    score.pixel = pixel;
    score.raw = anomalyMap_.at<float>(pixel.y(), pixel.x());
    score.normalised = std::clamp((score.raw - displayLow_) / (displayHigh_ - displayLow_), 0.0, 1.0);
    return score;
}

void ResultView::showPixel(const QPoint& pixel)
{
    hoveredPixel_ = pixel;
    QString text;
    if (const auto score = scoreAt(pixel))
        text = tr("x %1, y %2: pixel score %3 (normalised %4)")
                   .arg(pixel.x())
                   .arg(pixel.y())
                   .arg(localNumber(score->raw, 'g', 5), localNumber(score->normalised, 'f', 3));
    else if (pixel.x() >= 0 && !originalImage_.isNull())
        text = tr("x %1, y %2").arg(pixel.x()).arg(pixel.y());
    if (text != pixelReadout_) {
        pixelReadout_ = text;
        emit pixelReadoutChanged(text);
    }
}

} // namespace dl::ui
