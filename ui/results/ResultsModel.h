#pragma once
// The results of the database as a table: one row per stored result with its
// image category and the operator's latest verdict override. ResultsModel holds
// the rows; ResultsFilterProxy sorts them and filters by verdict, score and
// category. loadResultRows reads them from a Store (no widgets, also used by
// ReportExporter).
#include "database/Records.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

namespace dl::db {
class Store;
}

namespace dl::ui {

// One result as the operator reviews it.
struct ResultRow {
    db::ResultRecord result;
    QString category; // empty when the result is not linked to an imported image
    // Below the dataset root ("broken_large/000.png") when linked to an imported
    // image, else the file's folder and name: "000.png" alone names a file in
    // every defect folder.
    QString relativePath;
    QString defectType; // the image's defect class ("good" for normal images); empty when unknown
    std::optional<db::VerdictOverrideRecord> override; // the latest one, if any

    // The verdict that counts: the operator's where overridden, else the model's.
    db::Verdict finalVerdict() const { return override ? override->verdict : result.verdict; }
};

// The name an image is shown by in tables, titles and reports: its path below
// the dataset root, else "folder/file".
QString displayNameOfImage(const QString& imagePath);

// The results of `runId` (all runs when unset), at most `limit` rows (-1: all),
// in insertion order, with categories and latest overrides. Throws DatabaseError.
std::vector<ResultRow> loadResultRows(const db::Store& store, std::optional<db::RowId> runId, int limit);

// Translated "OK" / "Defect".
QString verdictDisplayText(db::Verdict verdict);
// Translated run kinds ("test", "predict", ...) and states ("running", "abandoned", ...).
QString runKindDisplayText(db::RunKind kind);
QString runStatusDisplayText(db::RunStatus status);

class ResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The verdicts right after the score: in a narrow review dock they must be in view.
    enum Column { ImageColumn, ScoreColumn, ModelVerdictColumn, OperatorVerdictColumn, DefectTypeColumn, CategoryColumn,
                  ReasonColumn, UserColumn, TimeColumn, ColumnCount };
    // Sorting uses this role: numbers for score, ISO text for time, else the display text.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ResultsModel(QObject* parent = nullptr);

    void setRows(std::vector<ResultRow> rows);
    const std::vector<ResultRow>& rows() const { return rows_; }
    const ResultRow& rowAt(int row) const { return rows_.at(static_cast<std::size_t>(row)); }
    // Records a new override of the row's result and refreshes the row.
    void setOverride(int row, const db::VerdictOverrideRecord& override);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ResultRow> rows_;
};

// Filters on the effective (operator's where overridden) verdict, a score range
// and a category; sorts by ResultsModel::SortRole.
class ResultsFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ResultsFilterProxy(QObject* parent = nullptr);

    void setVerdictFilter(std::optional<db::Verdict> verdict);
    void setScoreRange(std::optional<double> minScore, std::optional<double> maxScore);
    void setCategoryFilter(const QString& category); // empty: any

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<db::Verdict> verdict_;
    std::optional<double> minScore_;
    std::optional<double> maxScore_;
    QString category_;
};

} // namespace dl::ui
