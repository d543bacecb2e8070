#pragma once
// The central area: the image and its anomaly heatmap side by side (zoom and
// pan linked), above them the file name, the image score and an OK/DEFECT badge.
#include <QWidget>

class QLabel;

namespace dl::ui {

class ImageViewer;
struct ScoredImage;
struct ModelSummary;

class ResultView : public QWidget {
    Q_OBJECT
public:
    explicit ResultView(QWidget* parent = nullptr);

    void showResult(const ScoredImage& image);
    // Called when a model is loaded (or null when none is): changes the heatmap hint.
    void setModel(const ModelSummary* model);
    void clear();

    ImageViewer* originalViewer() const { return original_; }
    ImageViewer* heatmapViewer() const { return heatmap_; }
    QString verdictText() const; // "OK", "DEFECT" (translated) or empty

private:
    void setVerdict(bool visible, bool defect);

    QLabel* fileLabel_ = nullptr;
    QLabel* scoreLabel_ = nullptr;
    QLabel* verdictBadge_ = nullptr;
    ImageViewer* original_ = nullptr;
    ImageViewer* heatmap_ = nullptr;
    bool hasModel_ = false;
};

} // namespace dl::ui
