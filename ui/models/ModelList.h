#pragma once
// The model list dock: every model recorded in the database with its method,
// data, parent, metrics (image/pixel AUROC, AU-PRO), creation time and whether
// it is the active model; activate one (it is loaded into the viewer), or
// compare two on the same test split (ModelCompare). The active model is the
// database's newest promotion (Store::promoteModel: who, when, why), so every
// workstation on the same database uses the same model.
#include "ui/bridge/ModelJobs.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace dl {
struct Dataset;
}
namespace dl::db {
class Store;
using RowId = qint64; // as in database/Records.h
}

namespace dl::ui {

class EngineBridge;
class ModelCompare;
class ThresholdDialog;

class ModelList : public QWidget {
    Q_OBJECT
public:
    explicit ModelList(EngineBridge* engine, QWidget* parent = nullptr);
    ~ModelList() override;

    // Opens the database (an SQLite file or a postgresql:// address) on this (the
    // GUI) thread and lists its models. Returns false and emits errorOccurred
    // when it cannot be opened.
    bool setDatabasePath(const QString& path);
    QString databasePath() const { return databasePath_; }

    // The active model of the open database (its newest promotion); empty when none.
    QString activeModelPath() const;
    // The active model's bundle file on this station: its recorded path, or the
    // copy of the bundle stored in the database (fetched into the cache once).
    // Reads and checks the file: for loading, not for comparing paths.
    QString activeModelFile() const;
    // Promotes the database's model at `bundlePath` (recording the user and
    // `reason`) and announces it (the viewer loads it).
    void activateModel(const QString& bundlePath, const QString& reason = {});
    // Asks for confirmation and a reason (required), then promotes. Returns true
    // when promoted. Putting a model into use changes every workstation that
    // follows this database, so it never happens without a stated reason.
    bool promoteWithConfirmation(const QString& bundlePath);
    // Replaces the confirmation dialog (tests): returns the reason, or
    // std::nullopt to cancel.
    using PromotionReasonProvider = std::function<std::optional<QString>(const QString& bundlePath)>;
    void setPromotionReasonProvider(PromotionReasonProvider provider) { reasonProvider_ = std::move(provider); }
    // Evaluates a freshly trained model on the loaded test split (its metrics go
    // to the database and this list); no-op without a loaded dataset.
    void evaluateNewModel(const QString& bundlePath);
    // Models > Threshold…: the threshold by a target false-reject rate for the
    // model at `bundlePath`, on the loaded datasets (non-modal; null when it
    // cannot start, with errorOccurred saying why).
    ThresholdDialog* showThresholdDialog(const QString& bundlePath, int folds = 5);
    // The method of a listed model ("" when not listed).
    QString methodOf(const QString& bundlePath) const;

    // Evaluates both bundles on the test split of the loaded datasets (optionally
    // with the database annotations moved to training, as a retrain used them)
    // and shows them side by side. `promotable`: offer to promote `after`.
    void compareModels(const QString& before, const QString& after, bool labelsFromDatabase, bool promotable);

    int modelCount() const;
    QTableWidget* table() const { return table_; }
    ModelCompare* comparison() const { return compare_; }

public slots:
    void refresh();
    void addDataset(const std::shared_ptr<const dl::Dataset>& dataset);

signals:
    void activeModelChanged(const QString& bundlePath, const QString& method);
    void comparisonFinished();
    void newModelEvaluated(const dl::ui::ModelEvaluation& evaluation);
    void errorOccurred(const QString& message);

protected:
    void changeEvent(QEvent* event) override; // language switch

private:
    void retranslateUi();
    // Rebuilds the rows (their tooltips and parent names are translated) and selects the same models again.
    void refreshKeepingSelection();
    void activateSelected();
    void updateButtons();
    std::optional<QString> askPromotionReason(const QString& bundlePath);
    // The recorded categories of the newest model with this bundle (empty: all).
    QStringList categoriesOf(const QString& bundlePath) const;
    void compareSelected();
    void onEvaluated(const ModelEvaluation& evaluation);
    QString legacySettingsKey() const;
    // Moves an active model kept in QSettings by older versions into the database.
    void moveLegacyActiveModel();
    std::optional<db::RowId> modelIdOf(const QString& bundlePath) const; // newest model with this bundle


    EngineBridge* engine_;
    std::unique_ptr<db::Store> store_;
    QString databasePath_;
    QTableWidget* table_ = nullptr;
    QLabel* emptyLabel_ = nullptr;
    QPushButton* refreshButton_ = nullptr;
    QPushButton* activateButton_ = nullptr;
    QPushButton* compareButton_ = nullptr;
    QPushButton* thresholdButton_ = nullptr;
    ModelCompare* compare_ = nullptr;
    std::vector<std::shared_ptr<const Dataset>> datasets_;
    int pendingEvaluations_ = 0;
    PromotionReasonProvider reasonProvider_;
};

} // namespace dl::ui
