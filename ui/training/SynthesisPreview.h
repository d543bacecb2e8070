#pragma once
// The synthesis preview: a grid of images an SDAS model generates at one anomaly
// strength, to see what RealNet would learn from before training it. A strength
// slider (0 ... 0.5), a seed and Generate; moving the slider regenerates after a
// short pause with the same seed, so strengths compare image for image.
// Generation runs on EngineBridge's synthesis lane, with progress and Cancel.
#include "ui/bridge/ModelJobs.h"

#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QComboBox;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace dl::ui {

class EngineBridge;

class SynthesisPreview : public QDialog {
    Q_OBJECT
public:
    static constexpr int kImageCount = 8;
    static constexpr int kStrengthSteps = 100; // slider ticks per unit of strength (0.01 each)

    explicit SynthesisPreview(EngineBridge* engine, QWidget* parent = nullptr);

    // The SDAS models offered (e.g. the training panel's); the chosen one stays if listed.
    void setModels(const QStringList& bundlePaths);
    // Chooses (and lists, when new) an SDAS bundle.
    void setModel(const QString& bundlePath);
    QString model() const;
    void setStrength(double strength); // moves the slider: regenerates after the pause
    double strength() const;
    void setSeed(unsigned seed);
    // Respaced sampling steps; 0 (the default) uses the model's own.
    void setSteps(int steps) { steps_ = steps; }
    // How long the slider must rest before a regeneration, in ms.
    void setDebounceInterval(int milliseconds);

    // The request Generate would send now, from the controls.
    SynthesisRequest currentRequest() const;
    // The last request sent to the engine, and how many were sent.
    std::optional<SynthesisRequest> lastRequest() const { return lastRequest_; }
    int requestCount() const { return requestCount_; }
    // The images shown (those of the last finished generation).
    QList<QImage> images() const { return images_; }
    std::optional<SynthesisRequest> shownRequest() const { return shownRequest_; }
    bool isGenerating() const { return generating_; }
    QString statusText() const;

public slots:
    void generate();
    void cancel();

signals:
    // The grid shows a new generation.
    void imagesShown(const dl::ui::SynthesisResult& result);
    void errorOccurred(const QString& message);

protected:
    void changeEvent(QEvent* event) override; // language switch

private:
    void retranslateUi();
    void browse();
    void updateStrengthLabel();
    void setGenerating(bool generating);
    void setStatus(std::function<QString()> text);
    void onGenerated(const SynthesisResult& result);
    void showImages();

    EngineBridge* engine_;
    QLabel* modelLabel_ = nullptr;
    QComboBox* modelBox_ = nullptr;
    QPushButton* browseButton_ = nullptr;
    QLabel* categoryLabel_ = nullptr;
    QComboBox* categoryBox_ = nullptr;
    QLabel* strengthTitle_ = nullptr;
    QSlider* strengthSlider_ = nullptr;
    QLabel* strengthValue_ = nullptr;
    QLabel* seedLabel_ = nullptr;
    QSpinBox* seedBox_ = nullptr;
    QPushButton* generateButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QPushButton* closeButton_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QGridLayout* grid_ = nullptr;
    QList<QLabel*> cells_;
    QTimer* debounce_ = nullptr;
    std::function<QString()> statusText_;

    int steps_ = 0;
    bool generating_ = false;
    int requestCount_ = 0;
    std::optional<SynthesisRequest> lastRequest_;
    std::optional<SynthesisRequest> shownRequest_;
    QList<QImage> images_;
};

} // namespace dl::ui
