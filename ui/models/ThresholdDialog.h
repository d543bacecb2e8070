#pragma once
// Models > Threshold…: choose a model's image threshold by the share of good
// parts it may reject. The engine cross-validates the model on the training
// images (EngineBridge::studyThreshold); the dialog shows the histogram of those
// good scores beside the test split's good and defective scores with the current
// and the chosen threshold, the estimated false-reject rate with its 95 %
// interval, and warns when the threshold in use is expected to reject too many.
// "Save as new model" writes a copy with the chosen threshold and records it as
// the model's child; it goes into use only when promoted.
#include "ui/bridge/ModelJobs.h"

#include <QDialog>

#include <optional>

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace dl::ui {

class EngineBridge;

class ThresholdDialog : public QDialog {
    Q_OBJECT
public:
    ThresholdDialog(EngineBridge* engine, ThresholdStudySpec spec, QString databasePath, QWidget* parent = nullptr);

    // Starts the cross-validation (the dialog's Start button does the same).
    void start();
    void setTargetRate(double rate); // 0.01 = 1 %
    double targetRate() const;
    // After the study: the threshold for the target, its estimate and the one in use.
    bool hasStudy() const { return study_.has_value(); }
    double chosenThreshold() const { return chosenThreshold_; }
    double chosenRate() const { return chosenRate_; }
    QString warningText() const;
    QCustomPlot* histogram() const { return plot_; }
    QPushButton* saveButton() const { return saveButton_; }
    // Writes the copy with the chosen threshold beside the model (or at `outputPath`).
    void saveAsNewModel(const QString& outputPath = {});

signals:
    void modelSaved(const dl::ui::TrainedModel& model);

protected:
    void changeEvent(QEvent* event) override;
    void reject() override; // closing cancels a running study

private:
    void retranslateUi();
    void onStudied(const ThresholdStudyResult& result);
    void updateChoice();
    void drawHistogram();

    EngineBridge* engine_;
    ThresholdStudySpec spec_;
    QString databasePath_;
    std::optional<ThresholdStudyResult> study_;
    bool running_ = false;
    double chosenThreshold_ = 0.0;
    double chosenRate_ = 0.0;

    QLabel* intro_ = nullptr;
    QLabel* targetLabel_ = nullptr;
    QDoubleSpinBox* targetBox_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QLabel* chosenLabel_ = nullptr;
    QLabel* currentLabel_ = nullptr;
    QLabel* warning_ = nullptr;
    QPushButton* saveButton_ = nullptr;
    QPushButton* closeButton_ = nullptr;
};

} // namespace dl::ui
