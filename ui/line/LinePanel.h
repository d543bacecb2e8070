#pragma once
// Line mode (Inspect ▸ Line mode): the operator's live view of a watch folder.
// The newest part with its heatmap and a large verdict badge, running counts
// (OK / defect / overridden / unreadable), the yield over time, an alarm after N
// defective parts in a row, pause / resume / stop, and the review keys A / R on
// the part shown. Scoring runs in a LineSession on a worker thread; this
// widget only shows what arrives.
#include "ui/bridge/LineSession.h"

#include <QDateTime>
#include <QSet>
#include <QWidget>

#include <deque>
#include <functional>

class QCheckBox;
class QCustomPlot;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace dl::ui {

class LinePanel : public QWidget {
    Q_OBJECT
public:
    explicit LinePanel(QWidget* parent = nullptr);
    ~LinePanel() override;

    // What the session needs from the workstation: its database and the
    // backbone weights in use; the model file loaded in the viewer, if any.
    void setDatabasePathProvider(std::function<QString()> provider) { databasePath_ = std::move(provider); }
    void setWeightsPath(const QString& path) { weightsPath_ = path; }
    void setLoadedModel(const QString& bundlePath);
    // Which model a session started from here uses: the database's active model
    // (following promotions; the default) or the model loaded in the viewer.
    void useActiveModel(bool followActive);

    // Starts watching `folder` (also the Start button); false with the reason
    // in errorOccurred when it cannot start.
    bool startWatching(const QString& folder);
    void pause(bool paused);
    void stopWatching();
    bool isWatching() const;

    // An operator's verdict on a result (from here or the results table): counted
    // once per part of this session.
    void noteOverride(qint64 resultId);

    // For tests and screenshots.
    LineSession* session() const { return session_; }
    int inspectedCount() const { return ok_ + defects_ + unreadable_; }
    int defectCount() const { return defects_; }
    int overriddenCount() const { return overridden_.size(); }
    bool alarmRaised() const;
    qint64 shownResultId() const { return shown_.resultId; }
    void setArchiveFolder(const QString& folder);
    // Also list the folder every `seconds` (0: file events only); score in tiles of
    // `size` px (0: as the model was trained); publish each verdict to `address`.
    void setPollSeconds(int seconds);
    void setTiling(int size, int overlap);
    void setMqttAddress(const QString& address);
    void setAlarmThreshold(int consecutiveDefects);

signals:
    void errorOccurred(const QString& message);
    void statusMessage(const QString& message);
    // The operator pressed A / R (or the buttons) on the part shown.
    void reviewRequested(qint64 resultId, bool acceptAsOk);
    // A part was recorded (the results table may refresh).
    void partRecorded(qint64 resultId);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void retranslateUi();
    void chooseFolder();
    void chooseArchive();
    void onPart(const LinePart& part);
    void showPart(const LinePart& part);
    void updateCounts();
    void updateButtons();
    void raiseAlarm();
    void acknowledgeAlarm();
    void addYieldPoint(const QDateTime& when);
    void restylePlot();

    LineSession* session_ = nullptr;
    std::function<QString()> databasePath_;
    QString weightsPath_;
    QString loadedModel_;

    QLineEdit* folderEdit_ = nullptr;
    QPushButton* folderButton_ = nullptr;
    QCheckBox* recursiveBox_ = nullptr;
    QLineEdit* archiveEdit_ = nullptr;
    QPushButton* archiveButton_ = nullptr;
    QComboBox* modelCombo_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPushButton* pauseButton_ = nullptr;
    QPushButton* stopButton_ = nullptr;
    QLabel* folderLabel_ = nullptr;
    QLabel* archiveLabel_ = nullptr;
    QLabel* modelLabel_ = nullptr;
    QLabel* stateLabel_ = nullptr;
    QLabel* imageLabel_ = nullptr;
    QLabel* badge_ = nullptr;
    QLabel* partLabel_ = nullptr;
    QLabel* countsLabel_ = nullptr;
    QLabel* alarmLabel_ = nullptr;
    QPushButton* acknowledgeButton_ = nullptr;
    QLabel* alarmAfterLabel_ = nullptr;
    QSpinBox* alarmAfter_ = nullptr;
    // Options row: listing interval (network shares), tile override, MQTT address.
    QLabel* optionsLabel_ = nullptr;
    QLabel* pollLabel_ = nullptr;
    QSpinBox* pollSeconds_ = nullptr;
    QLabel* tileLabel_ = nullptr;
    QSpinBox* tileSize_ = nullptr;
    QLabel* overlapLabel_ = nullptr;
    QSpinBox* tileOverlap_ = nullptr;
    QLabel* mqttLabel_ = nullptr;
    QLineEdit* mqttEdit_ = nullptr;
    QPushButton* acceptButton_ = nullptr;
    QPushButton* rejectButton_ = nullptr;
    QCustomPlot* yieldPlot_ = nullptr;

    LinePart shown_;
    QImage shownOverlay_;
    int ok_ = 0;
    int defects_ = 0;
    int unreadable_ = 0;
    int defectsInARow_ = 0;
    QSet<qint64> sessionResults_;
    QSet<qint64> overridden_;
    // Verdicts of the last parts, for the rolling yield (newest at the back).
    std::deque<bool> recentOk_;
    QDateTime sessionStart_;
    QString modelDescription_;
    int backlog_ = 0;
};

} // namespace dl::ui
