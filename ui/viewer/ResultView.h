#pragma once
// The central area: the image and its anomaly heatmap side by side (zoom and
// pan linked) or blended in one large view, above them the file name, the image
// score and an OK/DEFECT badge, and the heatmap controls: colour map, opacity,
// the contour threshold and an overlay toggle (O). The heatmap is re-rendered
// from the raw pixel scores with the model's calibration range (never per
// image) on a worker thread, newest settings winning; the score under the mouse
// is reported for the status bar.
#include <QImage>
#include <QWidget>

#include <opencv2/core.hpp>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QSlider;

namespace dl::ui {

class ImageViewer;
struct ScoredImage;
struct ModelSummary;

enum class HeatmapLayout { SideBySide, Blended };
enum class HeatmapColormap { Turbo, Inferno, Jet };

// How the heatmap is drawn over the image.
struct HeatmapStyle {
    HeatmapColormap colormap = HeatmapColormap::Turbo;
    double opacity = 0.45;                 // as dl::OverlayStyle, the engine's and the CLI's overlays
    std::optional<double> contourThreshold; // raw pixel score; none: no outline
    bool operator==(const HeatmapStyle& other) const
    {
        return colormap == other.colormap && opacity == other.opacity && contourThreshold == other.contourThreshold;
    }
};

// Colours `original` with `anomalyMap` (raw scores at the image's size), mapped
// to [0, 1] by the model's display range [low, high]. Safe on any thread.
QImage renderHeatmap(const QImage& original, const cv::Mat& anomalyMap, double low, double high,
                     const HeatmapStyle& style);
// The OpenCV colour map id (cv::COLORMAP_*) of `colormap`.
int openCvColormap(HeatmapColormap colormap);

class ResultView : public QWidget {
    Q_OBJECT
public:
    explicit ResultView(QWidget* parent = nullptr);
    ~ResultView() override;

    void showResult(const ScoredImage& image);
    // An image was asked for and is being scored: its name at once, no verdict
    // or score until showResult (the previous image's badge must not linger).
    void showPending(const QString& imagePath, const QString& displayName = {});
    // The operator's verdict on the image shown (from the results table), which
    // the badge shows in place of the model's; std::nullopt: the model's again.
    void setOperatorVerdict(std::optional<bool> defect, const QString& user = {}, const QString& reason = {});
    // Called when a model is loaded (or null when none is): changes the heatmap
    // hint and resets the contour threshold to the model's.
    void setModel(const ModelSummary* model);
    void clear();

    ImageViewer* originalViewer() const { return original_; }
    ImageViewer* heatmapViewer() const { return heatmap_; }
    QString verdictText() const; // "OK", "DEFECT" (translated) or empty

    void setLayoutMode(HeatmapLayout layout);
    HeatmapLayout layoutMode() const { return layout_; }
    void setColormap(HeatmapColormap colormap);
    void setOpacity(double opacity); // 0..1
    // Raw pixel score above which regions are outlined; defaults to the model threshold.
    void setContourThreshold(double threshold);
    HeatmapStyle style() const;
    void setOverlayVisible(bool visible);
    bool isOverlayVisible() const;
    // Checkable, shortcut O; the main window puts it in the View menu.
    QAction* overlayAction() const { return overlayAction_; }
    // A heatmap render is running or queued.
    bool isRendering() const { return renderRunning_ || renderQueued_; }

    struct PixelScore {
        QPoint pixel;
        double raw = 0.0;        // the detector's pixel score
        double normalised = 0.0; // on the model's display scale: 0 typical normal, 1 clearly anomalous
    };
    std::optional<PixelScore> scoreAt(const QPoint& imagePixel) const;
    // "x, y: score … (normalised …)" for the pixel under the mouse; empty when none.
    QString pixelReadout() const { return pixelReadout_; }

signals:
    void pixelReadoutChanged(const QString& text);
    void heatmapRendered();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildControls();
    void retranslateUi();
    void setVerdict(bool visible, bool defect);
    void updateBadge();
    void updateScoreLabel();
    void updatePlaceholders();
    void saveViewSettings() const; // layout, colour map and opacity, for the next start
    void updateControls();
    void requestRender();
    void startRender();
    void showPixel(const QPoint& pixel);
    void updateLegend();
    void updateThresholdLabel();
    double sliderToScore(int value) const;
    int scoreToSlider(double score) const;

    QLabel* fileLabel_ = nullptr;
    QLabel* scoreLabel_ = nullptr;
    QLabel* verdictBadge_ = nullptr;
    ImageViewer* original_ = nullptr;
    ImageViewer* heatmap_ = nullptr;
    QWidget* originalPanel_ = nullptr;
    QLabel* originalCaption_ = nullptr;
    QLabel* heatmapCaption_ = nullptr;
    QLabel* legendLow_ = nullptr;
    QLabel* legendHigh_ = nullptr;
    QLabel* legendScale_ = nullptr;

    QLabel* layoutLabel_ = nullptr;
    QComboBox* layoutCombo_ = nullptr;
    QLabel* colormapLabel_ = nullptr;
    QComboBox* colormapCombo_ = nullptr;
    QLabel* opacityLabel_ = nullptr;
    QSlider* opacitySlider_ = nullptr;
    QLabel* thresholdLabel_ = nullptr;
    QSlider* thresholdSlider_ = nullptr;
    QLabel* thresholdValue_ = nullptr;
    QAction* overlayAction_ = nullptr;

    bool hasModel_ = false;
    HeatmapLayout layout_ = HeatmapLayout::SideBySide;
    HeatmapStyle style_;
    std::optional<double> userThreshold_; // unset: the model's threshold
    bool updatingControls_ = false;

    // The image on screen, kept for re-rendering and the score under the mouse.
    QImage originalImage_;
    QImage engineOverlay_; // as the engine rendered it (default style), or a stored PNG
    cv::Mat anomalyMap_;
    double displayLow_ = 0.0;
    double displayHigh_ = 1.0;
    double modelThreshold_ = 0.0;
    bool scored_ = false;
    struct ShownScore {
        double score = 0.0;
        double threshold = 0.0;
        double networkMs = 0.0;
    };
    std::optional<ShownScore> shownScore_; // the image on screen was scored
    bool modelVerdictShown_ = false;
    bool modelDefect_ = false;
    std::optional<bool> operatorDefect_;
    QString operatorUser_;
    QString operatorReason_;
    quint64 imageSerial_ = 0; // a render of an older image is discarded
    bool renderRunning_ = false;
    bool renderQueued_ = false;
    QString pixelReadout_;
    QPoint hoveredPixel_{-1, -1};
};

} // namespace dl::ui
