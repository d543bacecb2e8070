#pragma once
// The training dock: choose a method, the categories of the loaded datasets and
// the few parameters that matter, start/cancel, and watch progress (with an
// estimate of the time left) and the per-epoch loss / validation curves live.
// "Retrain with annotations" warm-starts DMAD from the active model with the
// defects engineers annotated in the database. All work runs on EngineBridge's
// model lane; the window stays usable meanwhile.
//
// SDAS, the diffusion model RealNet's anomaly synthesis samples from, is trained
// here too (method "sdas", listed after the detectors): a cancelled SDAS training
// keeps its checkpoint, and Start with the same categories picks the same output
// again, so the core resumes from it. For RealNet the panel offers the synthesis
// (DTD textures, SDAS or both) and the SDAS model: those recorded in the database,
// trained in this session, or chosen with Browse.
#include "ui/bridge/ModelJobs.h"

#include <QMap>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace dl {
struct Dataset;
}

namespace dl::ui {

class EngineBridge;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(EngineBridge* engine, QWidget* parent = nullptr);

    // Where runs and models are recorded (an SQLite file or a postgresql:// address);
    // empty: the default database.
    void setDatabasePath(const QString& path);
    QString databasePath() const;
    // Where new bundles go; empty: "models" beside the database, or in this
    // station's data folder for a server database (localDataFolderFor).
    void setModelsFolder(const QString& folder) { modelsFolder_ = folder; }
    QString modelsFolder() const;
    // The model the workstation uses, the parent of "Retrain with annotations".
    void setActiveModel(const QString& bundlePath, const QString& method);
    QString activeModelPath() const { return activeModelPath_; }

    // The job this panel would start now, from its controls (tests and Start use it).
    TrainSpec currentSpec() const;
    void setMethod(const QString& method);
    // Overrides one parameter field, e.g. ("epochs", 2); false if the method has no such field.
    bool setParameter(const QString& name, double value);
    void setUseDatabaseLabels(bool use);
    // Parameters without a field here (e.g. DMAD's texture_dir), passed on as given;
    // the fields win where both name a parameter. Unknown keys fail the training.
    void setAdvancedParameters(const QJsonObject& params) { advancedParameters_ = params; }

    // RealNet's anomaly synthesis: "dtd", "sdas" or "both".
    void setSynthesis(const QString& synthesis);
    QString synthesis() const;
    // The SDAS bundle RealNet samples from; a path not listed yet is added to the list.
    void setSdasModel(const QString& bundlePath);
    QString sdasModel() const;
    // The known SDAS bundles (recorded in the database, trained or chosen in this
    // session) that exist on disk, in the picker's order.
    QStringList sdasModels() const;
    // Reads the SDAS models recorded in the database again.
    void refreshSdasModels();
    // The checkpoint an interrupted training of the chosen method and the checked
    // categories left (Start resumes it); empty when there is none.
    QString resumeCheckpoint() const;
    // The text of the status line under the progress bar.
    QString statusText() const;

    // Asked before "Retrain with annotations" trains a new DMAD model because the
    // active model's method cannot learn from annotations; tests answer it.
    using Confirmation = std::function<bool(const QString& question)>;
    void setConfirmation(Confirmation confirm) { confirm_ = std::move(confirm); }

    bool isTraining() const { return training_; }
    QCustomPlot* curvePlot() const { return plot_; }
    // Points received so far per metric name (the plotted curves).
    int metricPointCount(const QString& name) const;

public slots:
    void startTraining();
    void retrainWithAnnotations();
    void cancelTraining();
    void addDataset(const std::shared_ptr<const dl::Dataset>& dataset);

signals:
    // A training started here finished and was saved (and recorded); `retrain`
    // tells a "Retrain with annotations" job, whose parent is `parentPath`.
    void trainingFinished(const dl::ui::TrainedModel& model, bool retrain, const QString& parentPath);
    void trainingStopped(const QString& message); // failed or cancelled
    void errorOccurred(const QString& message);
    // The list of known SDAS models changed (one was trained, recorded or chosen).
    void sdasModelsChanged();

protected:
    void changeEvent(QEvent* event) override; // language switch, light/dark theme

private:
    void retranslateUi();
    void applyPlotPalette();
    void updateActiveLabel();
    // The status line is kept as a function so a language switch can render it again.
    void setStageText(std::function<QString()> stageText);
    void updateEtaLabel();
    void rebuildParameterFields();
    void updateLabelsHint();
    void refreshCategories();
    void start(TrainSpec spec, bool retrain);
    bool confirm(const QString& question);
    static QString parameterLabel(const QString& key);
    static QString metricLabel(const QString& name);
    // "No curve" note on the plot for methods that train without epochs.
    void showPlotNote(const QString& text);
    void setTraining(bool training);
    void updateButtons();
    void onMetric(const QString& name, int step, double value);
    void onProgress(double fraction, const QString& stage, double secondsLeft);
    void onTrained(const TrainedModel& model);
    void onStopped(const std::function<QString()>& messageText);
    // The bundle an interrupted training of this method and these categories left a
    // checkpoint for (newest first), else a new path.
    QString resumableBundlePath(const QString& method, const QStringList& categories) const;
    QStringList checkedCategories() const;
    bool isSdasMethod() const;
    void updateMethodRows();
    void updateResumeHint();
    void fillSdasModelBox(const QString& select);
    void browseSdasModel();
    void rememberSdasModel(const QString& bundlePath);
    // Refuses a spec the engine would only refuse later; returns the message or empty.
    QString checkSpec(const TrainSpec& spec) const;

    EngineBridge* engine_;
    QGroupBox* setupBox_ = nullptr;
    QLabel* methodLabel_ = nullptr;
    QLabel* categoriesLabel_ = nullptr;
    QComboBox* methodBox_ = nullptr;
    QListWidget* categoryList_ = nullptr;
    QCheckBox* unifiedBox_ = nullptr;
    QCheckBox* databaseLabelsBox_ = nullptr;
    QLabel* labelsHintLabel_ = nullptr;    // what the chosen method does with labelled defects
    QLabel* synthesisLabel_ = nullptr;
    QComboBox* synthesisBox_ = nullptr;    // RealNet only
    QLabel* sdasModelLabel_ = nullptr;
    QWidget* sdasModelRow_ = nullptr;
    QComboBox* sdasModelBox_ = nullptr;    // RealNet with SDAS synthesis
    QPushButton* sdasBrowseButton_ = nullptr;
    QLabel* resumeLabel_ = nullptr;        // a checkpoint will be resumed
    QFormLayout* setupForm_ = nullptr;
    QWidget* parameterBox_ = nullptr;
    QFormLayout* parameterForm_ = nullptr;
    QMap<QString, QDoubleSpinBox*> parameterFields_;
    QPushButton* startButton_ = nullptr;
    QPushButton* retrainButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QLabel* stageLabel_ = nullptr;
    QLabel* etaLabel_ = nullptr;
    QLabel* activeLabel_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QMap<QString, int> graphOfMetric_;
    std::function<QString()> stageText_; // empty: no status yet
    double secondsLeft_ = -1;            // the last time-left estimate; negative: none

    std::vector<std::shared_ptr<const Dataset>> datasets_;
    QString databasePath_;
    QString modelsFolder_;
    QString activeModelPath_;
    QString activeModelMethod_;
    bool training_ = false;     // a job of this panel is queued or running
    bool methodChosenByUser_ = false; // set by the user's pick in the method list
    Confirmation confirm_;      // replaces the question box when set
    bool retraining_ = false;
    bool sdasJob_ = false;      // the job of this panel trains SDAS
    int resumedFrom_ = -1;      // the iteration or epoch the running training resumed after; -1 unknown
    QStringList recordedSdasModels_; // from the database, newest first
    QStringList sessionSdasModels_;  // trained or chosen here
    QString retrainParent_;
    QJsonObject advancedParameters_;
};

} // namespace dl::ui
