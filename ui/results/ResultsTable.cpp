#include "ui/results/ResultsTable.h"

#include "database/Store.h"
#include "ui/common/DatabaseAddress.h"
#include "ui/common/ReasonDialog.h"
#include "ui/common/SettingsDialog.h"
#include "ui/results/ResultsModel.h"
#include "ui/results/ResultsReader.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

namespace dl::ui {

namespace {

constexpr double kScoreLimit = 1e9;

} // namespace

ResultsTable::ResultsTable(QWidget* parent) : QWidget(parent)
{
    model_ = new ResultsModel(this);
    proxy_ = new ResultsFilterProxy(this);
    proxy_->setSourceModel(model_);

    runCombo_ = new QComboBox;
    runCombo_->setObjectName(QStringLiteral("runCombo"));
    runCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    runCombo_->setMinimumContentsLength(24);
    categoryCombo_ = new QComboBox;
    categoryCombo_->setObjectName(QStringLiteral("categoryCombo"));
    verdictCombo_ = new QComboBox;
    verdictCombo_->setObjectName(QStringLiteral("verdictCombo"));
    verdictCombo_->addItem(tr("All verdicts"));
    verdictCombo_->addItem(tr("OK"), static_cast<int>(db::Verdict::Ok));
    verdictCombo_->addItem(tr("Defect"), static_cast<int>(db::Verdict::Defect));
    verdictCombo_->setToolTip(tr("The operator's verdict where overridden, else the model's"));
    minScore_ = new QDoubleSpinBox;
    minScore_->setObjectName(QStringLiteral("minScore"));
    maxScore_ = new QDoubleSpinBox;
    maxScore_->setObjectName(QStringLiteral("maxScore"));
    for (QDoubleSpinBox* box : {minScore_, maxScore_}) {
        box->setRange(-kScoreLimit, kScoreLimit);
        box->setDecimals(4);
        box->setSingleStep(0.1);
        box->setKeyboardTracking(false); // filter once the number is typed, not per digit
    }

    auto* filters = new QFormLayout;
    filters->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    filters->addRow(tr("Run:"), runCombo_);
    filters->addRow(tr("Category:"), categoryCombo_);
    filters->addRow(tr("Verdict:"), verdictCombo_);
    auto* scoreRow = new QHBoxLayout;
    scoreRow->addWidget(minScore_, 1);
    scoreRow->addWidget(new QLabel(QStringLiteral("\u2013")));
    scoreRow->addWidget(maxScore_, 1);
    filters->addRow(tr("Score:"), scoreRow);

    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("resultsTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder); // insertion order until the user sorts
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    // Long relative paths keep both their folder and their file name visible.
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->setWordWrap(false); // a wrapped cell elides at its end whatever the mode
    table_->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) { showColumnMenu(position); });
    {
        QSettings settings;
        for (const QVariant& column : settings.value(QStringLiteral("results/hiddenColumns")).toList()) {
            const int index = column.toInt();
            if (index > ResultsModel::ScoreColumn && index < ResultsModel::ColumnCount)
                hiddenColumns_.insert(index);
        }
    }

    acceptButton_ = new QPushButton(tr("&Accept (OK)"));
    acceptButton_->setObjectName(QStringLiteral("acceptButton"));
    acceptButton_->setToolTip(tr("Mark the selected image as OK (A)"));
    rejectButton_ = new QPushButton(tr("&Reject (defect)"));
    rejectButton_->setObjectName(QStringLiteral("rejectButton"));
    rejectButton_->setToolTip(tr("Mark the selected image as defective (R)"));
    countLabel_ = new QLabel;
    countLabel_->setObjectName(QStringLiteral("resultCount"));
    pollStatus_ = new QLabel;
    pollStatus_->setObjectName(QStringLiteral("pollStatus"));
    pollStatus_->setWordWrap(true);
    pollStatus_->hide();
    connect(acceptButton_, &QPushButton::clicked, this, [this] { acceptCurrent(); });
    connect(rejectButton_, &QPushButton::clicked, this, [this] { rejectCurrent(); });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(acceptButton_);
    buttons->addWidget(rejectButton_);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(countLabel_); // its own line: "N of M results" is long in some languages
    layout->addWidget(pollStatus_);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);

    // Review keys work while the focus is anywhere in this panel.
    auto addShortcut = [this](QKeySequence keys, auto handler) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, handler);
    };
    addShortcut(QKeySequence(Qt::Key_A), [this] { acceptCurrent(); });
    addShortcut(QKeySequence(Qt::Key_R), [this] { rejectCurrent(); });
    addShortcut(QKeySequence(Qt::Key_N), [this] { selectNextRow(); });
    addShortcut(QKeySequence(Qt::Key_P), [this] { selectPreviousRow(); });

    connect(runCombo_, &QComboBox::currentIndexChanged, this, [this] {
        if (!updating_)
            reload();
    });
    connect(categoryCombo_, &QComboBox::currentIndexChanged, this, &ResultsTable::applyFilters);
    connect(verdictCombo_, &QComboBox::currentIndexChanged, this, &ResultsTable::applyFilters);
    connect(minScore_, &QDoubleSpinBox::valueChanged, this, &ResultsTable::applyFilters);
    connect(maxScore_, &QDoubleSpinBox::valueChanged, this, &ResultsTable::applyFilters);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ResultsTable::onCurrentChanged);
    connect(proxy_, &QAbstractItemModel::rowsInserted, this, &ResultsTable::updateCountLabel);
    connect(proxy_, &QAbstractItemModel::rowsRemoved, this, &ResultsTable::updateCountLabel);
    connect(proxy_, &QAbstractItemModel::modelReset, this, &ResultsTable::updateCountLabel);
    connect(proxy_, &QAbstractItemModel::layoutChanged, this, &ResultsTable::updateCountLabel);

    updateCountLabel();

    qRegisterMetaType<ResultsSnapshot>();
    readerThread_ = new QThread(this);
    readerThread_->setObjectName(QStringLiteral("ResultsReader"));
    reader_ = new ResultsReader;
    reader_->moveToThread(readerThread_);
    // Deleted in its own thread as that ends, so its Store closes there.
    connect(readerThread_, &QThread::finished, reader_, &QObject::deleteLater);
    connect(reader_, &ResultsReader::unchanged, this, [this](quint64 requestId) {
        if (takeReply(requestId))
            clearPollFailure();
    });
    connect(reader_, &ResultsReader::snapshotRead, this, &ResultsTable::onSnapshotRead);
    connect(reader_, &ResultsReader::failed, this, &ResultsTable::onPollFailed);
    readerThread_->start();

    changePoll_ = new QTimer(this);
    changePoll_->setInterval(2000);
    connect(changePoll_, &QTimer::timeout, this, &ResultsTable::pollForChanges);
}

ResultsViewState ResultsTable::currentViewState() const
{
    const bool allRuns = runCombo_->count() > 0 && runCombo_->currentIndex() == 0;
    return {allRuns ? std::nullopt : selectedRunId(), allRuns, newestScoringRun_};
}

void ResultsTable::pollForChanges()
{
    if (!hasDatabase() || readInFlight_)
        return;
    if (askingReason_) {
        pollDeferred_ = true; // polled again when the dialog closes
        return;
    }
    ResultsRequest request;
    request.id = ++lastRequestId_;
    request.database = pollDatabaseForTesting_.isEmpty() ? databasePath_ : pollDatabaseForTesting_;
    request.knownToken = lastChangeToken_;
    request.view = currentViewState();
    request.maxRows = kMaxRows;
    readInFlight_ = true;
    requestGeneration_ = viewGeneration_;
    requestDatabase_ = request.database;
    ResultsReader* reader = reader_; // lives until readerThread_ ends, in the destructor
    QMetaObject::invokeMethod(reader, [reader, request] { reader->read(request); }, Qt::QueuedConnection);
}

bool ResultsTable::takeReply(quint64 requestId)
{
    if (!readInFlight_ || requestId != lastRequestId_)
        return false;
    readInFlight_ = false;
    return requestGeneration_ == viewGeneration_ && hasDatabase();
}

void ResultsTable::onSnapshotRead(quint64 requestId, const ResultsSnapshot& snapshot)
{
    if (!takeReply(requestId))
        return; // the table reloaded meanwhile: the next poll compares with what it read
    clearPollFailure();
    if (askingReason_) {
        // The reason dialog runs its own event loop: new rows now would replace
        // the row being overridden (see overrideCurrent).
        pollDeferred_ = true;
        return;
    }
    const ResultsViewState view = currentViewState();
    if (runToShow(snapshot.runs, view) != snapshot.shownRun)
        return; // the operator chose another run meanwhile; the next poll reads that one
    const ResultRow* row = currentRow();
    const std::optional<db::RowId> chosenResult = row ? std::optional<db::RowId>(row->result.id) : std::nullopt;
    runs_ = snapshot.runs;
    fillRunCombo(snapshot.shownRun);
    const bool newRun = newestScoringRun_ > view.newestSeenScoringRun;
    showRows(snapshot.rows);
    lastChangeToken_ = snapshot.changeToken;
    if (!newRun && chosenResult)
        selectResult(*chosenResult);
}

void ResultsTable::onPollFailed(quint64 requestId, const QString& message)
{
    if (!takeReply(requestId))
        return;
    if (pollFailure_.isEmpty())
        qWarning("%s", qPrintable(message)); // once per outage; the label stays while it lasts
    pollFailure_ = message;
    pollFailureDatabase_ = requestDatabase_;
    showPollFailure();
}

void ResultsTable::showPollFailure()
{
    if (pollFailure_.isEmpty())
        return;
    pollStatus_->setText(tr("New results cannot be read from %1 at the moment; trying again.")
                             .arg(databaseDisplayName(pollFailureDatabase_)));
    pollStatus_->setToolTip(pollFailure_);
    pollStatus_->show();
}

void ResultsTable::clearPollFailure()
{
    pollFailure_.clear();
    pollFailureDatabase_.clear();
    pollStatus_->clear();
    pollStatus_->setToolTip({});
    pollStatus_->hide();
}

void ResultsTable::setChangePollInterval(int milliseconds)
{
    if (milliseconds <= 0) {
        changePoll_->stop();
        return;
    }
    changePoll_->setInterval(milliseconds);
    if (hasDatabase())
        changePoll_->start();
}

ResultsTable::~ResultsTable()
{
    changePoll_->stop();
    finishViewerRun();
    // Waits for a read in flight: at most a server's connect_timeout, once, as the window closes.
    readerThread_->quit();
    readerThread_->wait();
}

void ResultsTable::finishViewerRun()
{
    if (!viewerRun_ || !hasDatabase())
        return;
    try {
        store_->finishRun(viewerRun_->id, db::RunStatus::Succeeded);
    } catch (const std::exception& error) {
        // Closing: nobody is left to tell but the log; the next open marks the run abandoned.
        qWarning("%s", error.what());
    }
    viewerRun_.reset();
}

bool ResultsTable::recordViewerScore(const QString& imagePath, double score, bool defect, const QString& modelPath,
                                     const QString& modelChecksum)
{
    if (!hasDatabase())
        return false;
    try {
        if (viewerRun_ && viewerRun_->modelChecksum != modelChecksum)
            finishViewerRun(); // one run per model
        if (!viewerRun_) {
            std::optional<db::RowId> modelId;
            if (const auto model = store_->findModelByChecksum(modelChecksum))
                modelId = model->id;
            const db::RunRecord run = store_->startRun(
                db::RunKind::Predict,
                {{"source", "gui-viewer"}, {"model", QFile::encodeName(modelPath).toStdString()}}, modelId);
            viewerRun_ = ViewerRun{run.id, modelChecksum};
        }
        db::ResultRecord result;
        result.runId = viewerRun_->id;
        result.imagePath = imagePath;
        result.score = score;
        result.verdict = defect ? db::Verdict::Defect : db::Verdict::Ok;
        store_->addResults({result});
    } catch (const std::exception& error) {
        emit errorOccurred(tr("The score of %1 could not be recorded: %2").arg(imagePath, QString::fromUtf8(error.what())));
        return false;
    }
    // The operator watching the viewer run sees the new row.
    if (selectedRunId() == viewerRun_->id)
        refresh();
    return true;
}

void ResultsTable::openDatabase(const QString& path)
{
    auto store = std::make_unique<db::Store>();
    store->open(path); // throws; the current database stays as it was
    finishViewerRun();
    store_ = std::move(store);
    // Store::path() of a server drops the address's options and password, which
    // the other panels' connections need: they get the address as given.
    databasePath_ = store_->isServer() ? path.trimmed() : store_->path();
    ++viewGeneration_; // a poll of the previous database answers for nothing
    clearPollFailure();
    lastChangeToken_.clear();
    runs_ = store_->listRuns();
    fillRunCombo(runToShow(runs_, ResultsViewState{}));
    reload();
    try {
        lastChangeToken_ = store_->changeToken();
    } catch (const std::exception& error) {
        qWarning("%s", error.what());
    }
    if (changePoll_->interval() > 0)
        changePoll_->start();
}

bool ResultsTable::hasDatabase() const
{
    return store_ && store_->isOpen();
}

QString ResultsTable::databasePath() const
{
    return hasDatabase() ? databasePath_ : QString();
}

std::optional<db::RowId> ResultsTable::selectedRunId() const
{
    const QVariant data = runCombo_->currentData();
    if (!data.isValid())
        return std::nullopt;
    return data.toLongLong();
}

void ResultsTable::selectRun(std::optional<db::RowId> runId)
{
    const int index = runId ? runCombo_->findData(QVariant::fromValue<qlonglong>(*runId)) : 0;
    if (index >= 0)
        runCombo_->setCurrentIndex(index); // reloads through currentIndexChanged
}

void ResultsTable::fillRunCombo(std::optional<db::RowId> shownRun)
{
    updating_ = true;
    runCombo_->clear();
    runCombo_->addItem(tr("All runs"));
    std::optional<db::RowId> newestScoringRun;
    for (const db::RunRecord& run : runs_) { // newest first
        const QString started = run.startedAt.isValid()
                                    ? QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat)
                                    : tr("not started");
        runCombo_->addItem(tr("#%1 %2, %3 (%4)").arg(QString::number(run.id), runKindDisplayText(run.kind), started,
                                                     runStatusDisplayText(run.status)),
                           QVariant::fromValue<qlonglong>(run.id));
        if (!newestScoringRun && (run.kind == db::RunKind::Test || run.kind == db::RunKind::Predict))
            newestScoringRun = run.id;
    }
    newestScoringRun_ = newestScoringRun.value_or(0);
    const int index = shownRun ? runCombo_->findData(QVariant::fromValue<qlonglong>(*shownRun)) : 0;
    runCombo_->setCurrentIndex(std::max(index, 0));
    updating_ = false;
}

void ResultsTable::reload()
{
    if (!hasDatabase())
        return;
    ++viewGeneration_;
    std::vector<ResultRow> rows;
    try {
        rows = loadResultRows(*store_, selectedRunId(), kMaxRows);
    } catch (const std::exception& error) {
        emit errorOccurred(QString::fromUtf8(error.what()));
        return;
    }
    showRows(std::move(rows));
}

void ResultsTable::showRows(std::vector<ResultRow> rows)
{
    truncated_ = rows.size() >= static_cast<std::size_t>(kMaxRows);
    model_->setRows(std::move(rows));
    updating_ = true;
    fillCategoryCombo();
    resetScoreRange();
    updating_ = false;
    applyFilters();
    // One category throughout says nothing per row: its column gives its room to the others.
    categoryColumnNeeded_ = categoryCombo_->count() > 2;
    applyColumnVisibility();
    fitColumnWidths();
    selectAfterReload();
}

void ResultsTable::selectAfterReload()
{
    if (proxy_->rowCount() == 0)
        return;
    if (shownImage_.isEmpty()) {
        table_->selectRow(0);
        return;
    }
    const int proxyRow = proxyRowWhere([this](const ResultRow& row) { return row.result.imagePath == shownImage_; });
    if (proxyRow < 0) {
        table_->setCurrentIndex({});
        return;
    }
    selectingShownImage_ = true;
    table_->selectRow(proxyRow);
    selectingShownImage_ = false;
    table_->scrollTo(proxy_->index(proxyRow, 0));
}

void ResultsTable::applyColumnVisibility()
{
    for (int column = 0; column < ResultsModel::ColumnCount; ++column)
        table_->setColumnHidden(column, hiddenColumns_.contains(column)
                                            || (column == ResultsModel::CategoryColumn && !categoryColumnNeeded_));
}

void ResultsTable::fitColumnWidths()
{
    table_->resizeColumnsToContents();
    // Paths and reasons can be long: capped, elided in the middle, whole in the tooltip,
    // so the verdict, user and time columns stay in view without scrolling.
    // Image paths get a little more: "test/broken_large/000.png" (MVTec's usual depth) whole.
    const int em = table_->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    table_->setColumnWidth(ResultsModel::ImageColumn, std::min(table_->columnWidth(ResultsModel::ImageColumn), 20 * em));
    table_->setColumnWidth(ResultsModel::ReasonColumn, std::min(table_->columnWidth(ResultsModel::ReasonColumn), 16 * em));
}

void ResultsTable::setColumnShown(int column, bool shown)
{
    if (column <= ResultsModel::ScoreColumn || column >= ResultsModel::ColumnCount)
        return; // image and score always show
    if (shown)
        hiddenColumns_.remove(column);
    else
        hiddenColumns_.insert(column);
    QVariantList hidden;
    for (int c : hiddenColumns_)
        hidden.append(c);
    QSettings().setValue(QStringLiteral("results/hiddenColumns"), hidden);
    applyColumnVisibility();
}

void ResultsTable::showColumnMenu(const QPoint& position)
{
    QMenu menu(this);
    for (int column = ResultsModel::ScoreColumn + 1; column < ResultsModel::ColumnCount; ++column) {
        QAction* action = menu.addAction(model_->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!hiddenColumns_.contains(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) { setColumnShown(column, shown); });
    }
    menu.exec(table_->horizontalHeader()->mapToGlobal(position));
}

void ResultsTable::refresh()
{
    if (!hasDatabase())
        return;
    if (askingReason_) {
        refreshDeferred_ = true;
        return;
    }
    ++viewGeneration_;
    const ResultsViewState view = currentViewState();
    const ResultRow* row = currentRow();
    const std::optional<db::RowId> chosenResult = row ? std::optional<db::RowId>(row->result.id) : std::nullopt;
    try {
        runs_ = store_->listRuns();
    } catch (const std::exception& error) {
        emit errorOccurred(QString::fromUtf8(error.what()));
        return;
    }
    fillRunCombo(runToShow(runs_, view));
    const bool newRun = newestScoringRun_ > view.newestSeenScoringRun;
    reload();
    try {
        lastChangeToken_ = store_->changeToken(); // seen now: the poll need not reload it again
    } catch (const std::exception& error) {
        qWarning("%s", error.what());
    }
    if (newRun || !chosenResult)
        return;
    selectResult(*chosenResult);
}

int ResultsTable::proxyRowWhere(const std::function<bool(const ResultRow&)>& wanted) const
{
    for (int proxyRow = 0; proxyRow < proxy_->rowCount(); ++proxyRow)
        if (wanted(model_->rowAt(proxy_->mapToSource(proxy_->index(proxyRow, 0)).row())))
            return proxyRow;
    return -1;
}

bool ResultsTable::selectResult(db::RowId resultId)
{
    const int proxyRow = proxyRowWhere([resultId](const ResultRow& row) { return row.result.id == resultId; });
    if (proxyRow < 0)
        return false;
    table_->selectRow(proxyRow);
    table_->scrollTo(proxy_->index(proxyRow, 0));
    return true;
}

void ResultsTable::fillCategoryCombo()
{
    const QString previous = categoryCombo_->currentData().toString();
    std::set<QString> categories;
    for (const ResultRow& row : model_->rows())
        if (!row.category.isEmpty())
            categories.insert(row.category);
    categoryCombo_->clear();
    categoryCombo_->addItem(tr("All categories"));
    for (const QString& category : categories)
        categoryCombo_->addItem(category, category);
    categoryCombo_->setCurrentIndex(std::max(categoryCombo_->findData(previous), 0));
}

void ResultsTable::resetScoreRange()
{
    // The boxes start at the scores' range (widened to two decimals) so nothing is hidden.
    double low = 0.0;
    double high = 1.0;
    if (!model_->rows().empty()) {
        low = high = model_->rows().front().result.score;
        for (const ResultRow& row : model_->rows()) {
            low = std::min(low, row.result.score);
            high = std::max(high, row.result.score);
        }
    }
    minScore_->setValue(std::floor(low * 100.0) / 100.0);
    maxScore_->setValue(std::ceil(high * 100.0) / 100.0);
}

void ResultsTable::applyFilters()
{
    if (updating_)
        return;
    const QVariant verdict = verdictCombo_->currentData();
    proxy_->setVerdictFilter(verdict.isValid() ? std::optional<db::Verdict>(static_cast<db::Verdict>(verdict.toInt()))
                                               : std::nullopt);
    proxy_->setScoreRange(minScore_->value(), maxScore_->value());
    proxy_->setCategoryFilter(categoryCombo_->currentData().toString());
    updateCountLabel();
}

void ResultsTable::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void ResultsTable::retranslateUi()
{
    // The texts set in the constructor, in the new language; run entries keep theirs until reloaded.
    verdictCombo_->setItemText(0, tr("All verdicts"));
    verdictCombo_->setItemText(1, tr("OK"));
    verdictCombo_->setItemText(2, tr("Defect"));
    verdictCombo_->setToolTip(tr("The operator's verdict where overridden, else the model's"));
    if (hasDatabase()) {
        // The run entries name kinds and states: list them again in the new
        // language (as last read: no database call for a language switch).
        fillRunCombo(selectedRunId());
    } else if (runCombo_->count() > 0 && !runCombo_->itemData(0).isValid()) {
        runCombo_->setItemText(0, tr("All runs"));
    }
    if (categoryCombo_->count() > 0 && categoryCombo_->itemData(0).toString().isEmpty())
        categoryCombo_->setItemText(0, tr("All categories"));
    if (auto* filters = findChild<QFormLayout*>()) {
        const std::pair<QWidget*, QString> rows[] = {
            {runCombo_, tr("Run:")}, {categoryCombo_, tr("Category:")}, {verdictCombo_, tr("Verdict:")}};
        for (const auto& [field, text] : rows)
            if (auto* label = qobject_cast<QLabel*>(filters->labelForField(field)))
                label->setText(text);
        for (int row = 0; row < filters->rowCount(); ++row)
            if (QLayoutItem* field = filters->itemAt(row, QFormLayout::FieldRole); field && field->layout())
                if (auto* label = qobject_cast<QLabel*>(filters->labelForField(field->layout())))
                    label->setText(tr("Score:"));
    }
    acceptButton_->setText(tr("&Accept (OK)"));
    acceptButton_->setToolTip(tr("Mark the selected image as OK (A)"));
    rejectButton_->setText(tr("&Reject (defect)"));
    rejectButton_->setToolTip(tr("Mark the selected image as defective (R)"));
    if (model_->columnCount() > 0)
        emit model_->headerDataChanged(Qt::Horizontal, 0, model_->columnCount() - 1);
    table_->viewport()->update(); // verdict cells are translated when painted
    updateCountLabel();
    showPollFailure();
}

void ResultsTable::updateCountLabel()
{
    QString text = tr("%1 of %n result(s)", nullptr, model_->rowCount()).arg(proxy_->rowCount());
    if (truncated_)
        text += QLatin1Char(' ') + tr("(first %1 loaded)").arg(kMaxRows);
    countLabel_->setText(text);
    const bool haveRow = table_->currentIndex().isValid();
    acceptButton_->setEnabled(haveRow);
    rejectButton_->setEnabled(haveRow);
}

const ResultRow* ResultsTable::currentRow() const
{
    const QModelIndex index = proxy_->mapToSource(table_->currentIndex());
    return index.isValid() ? &model_->rowAt(index.row()) : nullptr;
}

void ResultsTable::onCurrentChanged()
{
    updateCountLabel();
    if (selectingShownImage_)
        return;
    if (const ResultRow* row = currentRow())
        emit resultSelected(row->result.imagePath, row->result.heatmapPath);
}

bool ResultsTable::acceptCurrent()
{
    return overrideCurrent(db::Verdict::Ok);
}

bool ResultsTable::rejectCurrent()
{
    return overrideCurrent(db::Verdict::Defect);
}

bool ResultsTable::overrideCurrent(db::Verdict verdict)
{
    const QModelIndex proxyIndex = table_->currentIndex();
    const QModelIndex index = proxy_->mapToSource(proxyIndex);
    if (!index.isValid() || !hasDatabase())
        return false;
    const ResultRow& row = model_->rowAt(index.row());
    // The reason dialog runs its own event loop: a refresh then (the change
    // poll, Line mode's follow-up) would replace the rows under `row` and
    // `index`, so it waits until the override is done.
    askingReason_ = true;
    const std::optional<QString> reason = reasonProvider_ ? reasonProvider_(verdict) : askReason(verdict, row);
    askingReason_ = false;
    struct RefreshLater {
        ResultsTable* table;
        ~RefreshLater()
        {
            if (table->refreshDeferred_) {
                table->refreshDeferred_ = false;
                QMetaObject::invokeMethod(table, &ResultsTable::refresh, Qt::QueuedConnection);
            }
            if (table->pollDeferred_) {
                table->pollDeferred_ = false;
                QMetaObject::invokeMethod(table, &ResultsTable::pollForChanges, Qt::QueuedConnection);
            }
        }
    } refreshLater{this};
    if (!reason)
        return false; // the operator cancelled
    // An override without a reason cannot be audited later.
    if (reason->trimmed().isEmpty()) {
        emit errorOccurred(tr("The verdict of %1 was not changed: an override needs a reason.").arg(row.relativePath));
        return false;
    }
    const int proxyRow = proxyIndex.row();
    try {
        const db::VerdictOverrideRecord stored =
            store_->addOverride(row.result.id, verdict, reason->trimmed(), operatorName());
        ++viewGeneration_; // a poll answer read before the override would hide it
        model_->setOverride(index.row(), stored);
    } catch (const std::exception& error) {
        emit errorOccurred(QString::fromUtf8(error.what()));
        return false;
    }
    const ResultRow& updated = model_->rowAt(index.row());
    emit verdictOverridden(updated);
    // The filter may hide the row now (e.g. an accepted row under "Defect"): say so
    // rather than let it vanish without a trace.
    const bool stillShown = proxy_->mapFromSource(index).isValid();
    QString message = tr("%1 marked %2").arg(updated.relativePath, verdictDisplayText(verdict));
    if (!stillShown)
        message += QLatin1String(" ") + tr("(hidden now: it no longer matches the filter)");
    emit overrideStored(message);
    // On to the next image, as an operator works through a list.
    const int rows = proxy_->rowCount();
    if (rows > 0) {
        const int next = std::min(stillShown ? proxyRow + 1 : proxyRow, rows - 1);
        table_->selectRow(next);
        table_->scrollTo(proxy_->index(next, 0));
    }
    return true;
}

std::optional<QString> ResultsTable::askReason(db::Verdict verdict, const ResultRow& row)
{
    return askRequiredReason(
        this, {QStringLiteral("overrideReasonDialog"),
               verdict == db::Verdict::Ok ? tr("Accept as OK") : tr("Reject as defect"),
               tr("Why is %1 %2? The reason is recorded with your name.").arg(row.relativePath, verdictDisplayText(verdict)),
               tr("e.g. dust on the lens, scratch confirmed under the microscope"), QString()});
}

void ResultsTable::selectNextRow()
{
    moveSelection(+1);
}

void ResultsTable::selectPreviousRow()
{
    moveSelection(-1);
}

void ResultsTable::moveSelection(int step)
{
    const int rows = proxy_->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = table_->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + step, 0, rows - 1) : 0;
    table_->selectRow(row);
    table_->scrollTo(proxy_->index(row, 0));
}

QString ResultsTable::operatorName()
{
    return recordedUserName();
}

} // namespace dl::ui
