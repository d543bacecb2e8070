#include "ui/ResultView.h"

#include "ui/EngineBridge.h"
#include "ui/ImageConvert.h"
#include "ui/ImageViewer.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <opencv2/imgproc.hpp>

namespace dl::ui {

namespace {

// A horizontal strip of the heatmap colours, low (normal) on the left.
QPixmap colourScale(int width, int height)
{
    cv::Mat ramp(1, 256, CV_8UC1);
    for (int i = 0; i < 256; ++i)
        ramp.at<uchar>(0, i) = static_cast<uchar>(i);
    cv::Mat bgr, rgb;
    cv::applyColorMap(ramp, bgr, cv::COLORMAP_TURBO);
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return QPixmap::fromImage(toQImage(rgb).scaled(width, height));
}

// A viewer under a header row: a bold caption, then optional extra widgets on the right.
QWidget* captioned(const QString& caption, QWidget* content, QWidget* headerExtra = nullptr)
{
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* header = new QHBoxLayout;
    auto* label = new QLabel(caption);
    label->setStyleSheet(QStringLiteral("font-weight: bold;"));
    header->addWidget(label);
    header->addStretch(1);
    if (headerExtra)
        header->addWidget(headerExtra);
    layout->addLayout(header);
    layout->addWidget(content, 1);
    return panel;
}

} // namespace

ResultView::ResultView(QWidget* parent) : QWidget(parent)
{
    fileLabel_ = new QLabel;
    fileLabel_->setObjectName(QStringLiteral("fileLabel"));
    fileLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
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

    auto* legend = new QWidget;
    auto* legendLayout = new QHBoxLayout(legend);
    legendLayout->setContentsMargins(0, 0, 0, 0);
    legendLayout->addWidget(new QLabel(tr("normal")));
    auto* scale = new QLabel;
    scale->setPixmap(colourScale(160, 10));
    legendLayout->addWidget(scale);
    legendLayout->addWidget(new QLabel(tr("anomalous")));

    // Equal halves: both viewers fit the image at the same scale, so they line up.
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(captioned(tr("Image"), original_));
    splitter->addWidget(captioned(tr("Anomaly heatmap"), heatmap_, legend));
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);

    setModel(nullptr);
    clear();
}

void ResultView::setModel(const ModelSummary* model)
{
    hasModel_ = model != nullptr;
    heatmap_->setPlaceholderText(hasModel_ ? tr("Select an image to see its anomaly heatmap.")
                                           : tr("Open a model (File \u2192 Open model\u2026) to see anomaly heatmaps."));
}

void ResultView::clear()
{
    fileLabel_->setText(tr("No image"));
    scoreLabel_->clear();
    setVerdict(false, false);
    original_->setImage({});
    original_->setPlaceholderText(tr("Open an image, or select one in the dataset tree."));
    heatmap_->setImage({});
}

void ResultView::showResult(const ScoredImage& image)
{
    fileLabel_->setText(QFileInfo(image.imagePath).fileName());
    fileLabel_->setToolTip(image.imagePath);
    original_->setImage(image.original);
    heatmap_->setImage(image.overlay);
    if (image.scored) {
        scoreLabel_->setText(tr("Score %1 (threshold %2)")
                                 .arg(QString::number(image.score, 'g', 4), QString::number(image.threshold, 'g', 4)));
        scoreLabel_->setToolTip(tr("Network time: %1 ms").arg(image.networkMs, 0, 'f', 1));
    } else {
        scoreLabel_->setText(hasModel_ ? QString() : tr("Not scored: no model loaded"));
        scoreLabel_->setToolTip({});
    }
    setVerdict(image.scored, image.defect);
}

QString ResultView::verdictText() const
{
    return verdictBadge_->isHidden() ? QString() : verdictBadge_->text();
}

void ResultView::setVerdict(bool visible, bool defect)
{
    verdictBadge_->setVisible(visible);
    if (!visible) {
        verdictBadge_->clear();
        return;
    }
    verdictBadge_->setText(defect ? tr("DEFECT") : tr("OK"));
    // Colour carries the verdict at a glance; the text keeps it readable without colour.
    verdictBadge_->setStyleSheet(
        QStringLiteral("QLabel { color: white; font-weight: bold; padding: 4px 14px; border-radius: 6px;"
                       " background-color: %1; }")
            .arg(defect ? QStringLiteral("#c62828") : QStringLiteral("#2e7d32")));
}

} // namespace dl::ui
