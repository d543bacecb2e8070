#include "ui/results/ResultsModel.h"
#include "ui/common/LocalNumber.h"

#include "database/Store.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <map>
#include <set>

namespace dl::ui {

namespace {

QString displayTime(const QDateTime& time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

// The decision the row's time column shows: the override when there is one, else the scoring.
QDateTime decisionTime(const ResultRow& row)
{
    return row.override ? row.override->createdAt : row.result.createdAt;
}

} // namespace

std::vector<ResultRow> loadResultRows(const db::Store& store, std::optional<db::RowId> runId, int limit)
{
    db::ResultFilter filter;
    filter.runId = runId;
    filter.limit = limit;
    const std::vector<db::ResultRecord> results = store.findResults(filter);

    // Overrides: one query per run, not one per result.
    std::map<db::RowId, db::VerdictOverrideRecord> overrides;
    std::set<db::RowId> runs;
    for (const db::ResultRecord& result : results)
        runs.insert(result.runId);
    for (db::RowId run : runs)
        for (const db::VerdictOverrideRecord& override : store.latestOverridesOfRun(run))
            overrides[override.resultId] = override;

    // Image records: the first image of a dataset loads the whole dataset's images,
    // so a run over one dataset costs two queries instead of one per row.
    struct ImageFacts {
        QString category, relativePath, defectType;
    };
    std::map<db::RowId, ImageFacts> factsOfImage;
    std::set<db::RowId> loadedDatasets;
    auto factsOf = [&](db::RowId imageId) -> const ImageFacts& {
        if (auto it = factsOfImage.find(imageId); it != factsOfImage.end())
            return it->second;
        const std::optional<db::ImageRecord> image = store.image(imageId);
        if (!image)
            return factsOfImage[imageId];
        if (loadedDatasets.insert(image->datasetId).second)
            for (const db::ImageRecord& sibling : store.imagesOfDataset(image->datasetId))
                factsOfImage[sibling.id] = {sibling.category, sibling.relativePath, sibling.defectType};
        return factsOfImage[imageId] = {image->category, image->relativePath, image->defectType};
    };

    std::vector<ResultRow> rows;
    rows.reserve(results.size());
    for (const db::ResultRecord& result : results) {
        ResultRow row;
        row.result = result;
        if (result.imageId) {
            const ImageFacts& facts = factsOf(*result.imageId);
            row.category = facts.category;
            row.relativePath = facts.relativePath;
            row.defectType = facts.defectType;
        }
        if (row.relativePath.isEmpty())
            row.relativePath = displayNameOfImage(result.imagePath);
        if (auto it = overrides.find(result.id); it != overrides.end())
            row.override = it->second;
        rows.push_back(std::move(row));
    }
    return rows;
}

QString displayNameOfImage(const QString& imagePath)
{
    const QFileInfo file(imagePath);
    const QString folder = file.dir().dirName();
    return folder.isEmpty() || folder == QLatin1String(".") ? file.fileName() : folder + QLatin1Char('/') + file.fileName();
}

QString runKindDisplayText(db::RunKind kind)
{
    switch (kind) {
    case db::RunKind::Fit: return ResultsModel::tr("training");
    case db::RunKind::Test: return ResultsModel::tr("test");
    case db::RunKind::Predict: return ResultsModel::tr("inspection");
    case db::RunKind::Benchmark: return ResultsModel::tr("benchmark");
    }
    return db::toText(kind);
}

QString runStatusDisplayText(db::RunStatus status)
{
    switch (status) {
    case db::RunStatus::Queued: return ResultsModel::tr("queued");
    case db::RunStatus::Running: return ResultsModel::tr("running");
    case db::RunStatus::Succeeded: return ResultsModel::tr("succeeded");
    case db::RunStatus::Failed: return ResultsModel::tr("failed");
    case db::RunStatus::Cancelled: return ResultsModel::tr("cancelled");
    case db::RunStatus::Abandoned: return ResultsModel::tr("abandoned");
    }
    return db::toText(status);
}

QString verdictDisplayText(db::Verdict verdict)
{
    return verdict == db::Verdict::Defect ? ResultsModel::tr("Defect") : ResultsModel::tr("OK");
}

ResultsModel::ResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResultsModel::setRows(std::vector<ResultRow> rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

void ResultsModel::setOverride(int row, const db::VerdictOverrideRecord& override)
{
    rows_.at(static_cast<std::size_t>(row)).override = override;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int ResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ResultRow& row = rows_[static_cast<std::size_t>(index.row())];
    const db::ResultRecord& result = row.result;

    if (role == SortRole) {
        switch (index.column()) {
        case ScoreColumn:
            return result.score;
        case TimeColumn:
            return decisionTime(row);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case ImageColumn:
            return result.imagePath;
        case TimeColumn:
            return row.override ? tr("Overridden at %1").arg(displayTime(row.override->createdAt))
                                : tr("Scored at %1").arg(displayTime(result.createdAt));
        case ReasonColumn:
            return row.override ? row.override->reason : QString();
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == ScoreColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};

    switch (index.column()) {
    case ImageColumn:
        return row.relativePath;
    case CategoryColumn:
        return row.category;
    case DefectTypeColumn:
        return row.defectType;
    case ScoreColumn:
        return localNumber(result.score, 'f', 4);
    case ModelVerdictColumn:
        return verdictDisplayText(result.verdict);
    case OperatorVerdictColumn:
        return row.override ? verdictDisplayText(row.override->verdict) : QString();
    case ReasonColumn:
        return row.override ? row.override->reason : QString();
    case UserColumn:
        return row.override ? row.override->user : QString();
    case TimeColumn:
        return displayTime(decisionTime(row));
    default:
        return {};
    }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == ModelVerdictColumn)
            return tr("The model's verdict at its threshold");
        if (section == OperatorVerdictColumn)
            return tr("The operator's verdict where one was given; it is the one that counts");
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ImageColumn:
        return tr("Image");
    case CategoryColumn:
        return tr("Category");
    case DefectTypeColumn:
        return tr("Defect type");
    case ScoreColumn:
        return tr("Score");
    // Short headers: the verdict columns must fit a narrow review dock (tooltips say more).
    case ModelVerdictColumn:
        return tr("Model");
    case OperatorVerdictColumn:
        return tr("Operator");
    case ReasonColumn:
        return tr("Reason");
    case UserColumn:
        return tr("User");
    case TimeColumn:
        return tr("Time");
    default:
        return {};
    }
}

ResultsFilterProxy::ResultsFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ResultsModel::SortRole);
}

void ResultsFilterProxy::setVerdictFilter(std::optional<db::Verdict> verdict)
{
    verdict_ = verdict;
    invalidateFilter();
}

void ResultsFilterProxy::setScoreRange(std::optional<double> minScore, std::optional<double> maxScore)
{
    minScore_ = minScore;
    maxScore_ = maxScore;
    invalidateFilter();
}

void ResultsFilterProxy::setCategoryFilter(const QString& category)
{
    category_ = category;
    invalidateFilter();
}

bool ResultsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* model = qobject_cast<const ResultsModel*>(sourceModel());
    if (!model || sourceParent.isValid())
        return true;
    const ResultRow& row = model->rowAt(sourceRow);
    if (verdict_ && row.finalVerdict() != *verdict_)
        return false;
    if (minScore_ && row.result.score < *minScore_)
        return false;
    if (maxScore_ && row.result.score > *maxScore_)
        return false;
    if (!category_.isEmpty() && row.category != category_)
        return false;
    return true;
}

} // namespace dl::ui
