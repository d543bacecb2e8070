#pragma once
// Two models side by side on the same test split: a before/after metrics table
// and their ROC and PRO curves overlaid. The curves come from the engine's
// evaluation (EngineBridge::evaluate); this widget only plots. When the second
// model is a candidate (a retrained model), Promote makes it the active one.
// Models covering several categories (unified models) get a category selector:
// the mean over all categories or one category's metrics and curves. Below the
// metrics, beside the curves, each defect type's image and pixel AUROC before and
// after (for the category shown; every category's types for the mean), so an
// engineer sees which kinds of defect a retrain helped.
#include "ui/bridge/ModelJobs.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <optional>

class QCPTextElement;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace dl::ui {

class ModelCompare : public QWidget {
    Q_OBJECT
public:
    explicit ModelCompare(QWidget* parent = nullptr);

    // Starts a comparison of `before` with `after` (bundle paths); their
    // evaluations arrive later through setEvaluation. `promotable`: offer Promote for `after`.
    void begin(const QString& before, const QString& after, bool promotable);
    // The new model was promoted: the button says so and cannot be pressed again.
    void setPromoted();
    bool isPromoted() const { return promoted_; }
    // An evaluation of one of the two models; others are ignored. Returns whether it was used.
    bool setEvaluation(const ModelEvaluation& evaluation);
    void setStatus(const QString& text);
    // A status whose text is rendered again on a language switch (e.g. a tr() in a lambda).
    void setStatusText(std::function<QString()> text);
    bool isComplete() const { return before_.has_value() && after_.has_value(); }

    QString beforePath() const { return beforePath_; }
    QString afterPath() const { return afterPath_; }
    QCustomPlot* rocPlot() const { return rocPlot_; }
    QCustomPlot* proPlot() const { return proPlot_; }
    QTableWidget* metricsTable() const { return table_; }
    // One row per defect type, on the "By defect type" tab beside the curves; the tab
    // is hidden where the evaluations break nothing down by type.
    QTableWidget* defectTypeTable() const { return defectTypeTable_; }
    QTabWidget* detailTabs() const { return detailTabs_; }
    QPushButton* promoteButton() const { return promoteButton_; }
    // Shown only when both evaluations share more than one category.
    QComboBox* categorySelector() const { return categorySelector_; }
    // The category shown; empty: all categories (the mean).
    QString selectedCategory() const;

signals:
    void promoteRequested(const QString& bundlePath);

protected:
    void changeEvent(QEvent* event) override; // language switch, light/dark theme

private:
    void retranslateUi();
    void applyPlotPalette();
    void refresh();
    void refreshTable();
    void refreshDefectTypeTable();
    void refreshCurves();
    void updateTitle();
    void rebuildCategorySelector();

    QLabel* title_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* categoryLabel_ = nullptr;
    QComboBox* categorySelector_ = nullptr;
    QTableWidget* table_ = nullptr;
    QTableWidget* defectTypeTable_ = nullptr;
    QTabWidget* detailTabs_ = nullptr;
    QCustomPlot* rocPlot_ = nullptr;
    QCustomPlot* proPlot_ = nullptr;
    QCPTextElement* rocTitle_ = nullptr;
    QCPTextElement* proTitle_ = nullptr;
    std::function<QString()> statusText_; // empty: no status
    QPushButton* promoteButton_ = nullptr;
    QString beforePath_;
    QString afterPath_;
    bool promotable_ = false;
    bool promoted_ = false;
    std::optional<ModelEvaluation> before_;
    std::optional<ModelEvaluation> after_;
};

} // namespace dl::ui
