#include "ui/models/ModelList.h"
#include "ui/common/LocalNumber.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/Dataset.h"
#include "database/DatabaseLocation.h"
#include "database/Store.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/common/ReasonDialog.h"
#include "ui/common/SettingsDialog.h"
#include "ui/models/ModelCompare.h"
#include "ui/models/ThresholdDialog.h"

#include <QCryptographicHash>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace dl::ui {

namespace {

enum Column { ActiveColumn, NameColumn, MethodColumn, DataColumn, ParentColumn, ImageAurocColumn,
              PixelAurocColumn, AuproColumn, CreatedColumn, ColumnCount };

constexpr int kPathRole = Qt::UserRole;
constexpr int kMethodRole = Qt::UserRole + 1;

QString metricText(const nlohmann::json& metrics, const char* key)
{
    const std::optional<double> value = db::numberAt(metrics, key);
    return value ? localNumber(*value, 'f', 3) : QString();
}

} // namespace

ModelList::ModelList(EngineBridge* engine, QWidget* parent) : QWidget(parent), engine_(engine)
{
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);

    // The texts are set by retranslateUi, at the end and on every language switch.
    emptyLabel_ = new QLabel(top);
    emptyLabel_->setWordWrap(true);
    topLayout->addWidget(emptyLabel_);
    table_ = new QTableWidget(0, ColumnCount, top);
    table_->setObjectName(QStringLiteral("modelTable"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    topLayout->addWidget(table_, 1);

    auto* buttons = new QHBoxLayout;
    refreshButton_ = new QPushButton(top);
    refreshButton_->setObjectName(QStringLiteral("refreshModels"));
    activateButton_ = new QPushButton(top);
    activateButton_->setObjectName(QStringLiteral("activateModel"));
    compareButton_ = new QPushButton(top);
    compareButton_->setObjectName(QStringLiteral("compareModels"));
    buttons->addWidget(refreshButton_);
    buttons->addStretch(1);
    thresholdButton_ = new QPushButton(top);
    thresholdButton_->setObjectName(QStringLiteral("modelThreshold"));
    buttons->addWidget(activateButton_);
    buttons->addWidget(compareButton_);
    buttons->addWidget(thresholdButton_);
    topLayout->addLayout(buttons);

    compare_ = new ModelCompare(splitter);
    splitter->addWidget(top);
    splitter->addWidget(compare_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);

    connect(refreshButton_, &QPushButton::clicked, this, &ModelList::refresh);
    connect(activateButton_, &QPushButton::clicked, this, &ModelList::activateSelected);
    connect(compareButton_, &QPushButton::clicked, this, &ModelList::compareSelected);
    connect(thresholdButton_, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = table_->selectionModel()->selectedRows(NameColumn);
        if (rows.size() == 1)
            showThresholdDialog(rows.front().data(kPathRole).toString());
    });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this] { activateSelected(); });
    connect(compare_, &ModelCompare::promoteRequested, this, [this](const QString& bundlePath) {
        if (promoteWithConfirmation(bundlePath))
            compare_->setPromoted();
    });
    connect(table_, &QTableWidget::itemSelectionChanged, this, &ModelList::updateButtons);
    connect(engine_, &EngineBridge::datasetImported, this, &ModelList::addDataset);
    connect(engine_, &EngineBridge::modelEvaluated, this, &ModelList::onEvaluated);
    connect(engine_, &EngineBridge::modelJobFailed, this, [this](const QString& message) {
        if (pendingEvaluations_ > 0) {
            pendingEvaluations_ = 0;
            compare_->setStatusText([message] { return tr("Comparison failed: %1").arg(message); });
        }
    });
    connect(engine_, &EngineBridge::modelJobCancelled, this, [this](const QString&) {
        if (pendingEvaluations_ > 0) {
            pendingEvaluations_ = 0;
            compare_->setStatusText([] { return tr("Comparison cancelled."); });
        }
    });
    retranslateUi();
    if (engine_->dataset())
        addDataset(engine_->dataset());
    refresh();
}

void ModelList::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refreshKeepingSelection();
    }
}

void ModelList::retranslateUi()
{
    emptyLabel_->setText(tr("No models yet: train one, or open a results database."));
    table_->setHorizontalHeaderLabels({tr("Active"), tr("Model"), tr("Method"), tr("Data"), tr("Parent"),
                                       tr("Image AUROC"), tr("Pixel AUROC"), tr("AU-PRO"), tr("Created")});
    refreshButton_->setText(tr("Re&fresh"));
    activateButton_->setText(tr("&Promote\u2026"));
    activateButton_->setToolTip(tr("Put the selected model into use on the line (asks for a reason)"));
    compareButton_->setText(tr("&Compare"));
    compareButton_->setToolTip(tr("Evaluate the two selected models on the loaded test images"));
    thresholdButton_->setText(tr("&Threshold\u2026"));
    thresholdButton_->setToolTip(tr("Choose the selected model's threshold by the share of good parts it may reject"));
}

void ModelList::refreshKeepingSelection()
{
    QStringList selectedPaths;
    for (const QModelIndex& row : table_->selectionModel()->selectedRows(NameColumn))
        selectedPaths << row.data(kPathRole).toString();
    refresh();
    for (int row = 0; row < table_->rowCount(); ++row)
        if (selectedPaths.contains(table_->item(row, NameColumn)->data(kPathRole).toString()))
            table_->selectionModel()->select(table_->model()->index(row, NameColumn),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

ModelList::~ModelList() = default;

bool ModelList::setDatabasePath(const QString& path)
{
    // A server address is no file name: kept as given, with its connection options.
    const QString database = db::DatabaseLocation::isServerAddress(path) ? path.trimmed()
                                                                         : QFileInfo(path).absoluteFilePath();
    if (store_ && database == databasePath_) {
        refresh();
        return true;
    }
    auto store = std::make_unique<db::Store>();
    try {
        store->open(database);
    } catch (const Error& e) {
        emit errorOccurred(QString::fromStdString(e.what()));
        return false;
    }
    store_ = std::move(store);
    databasePath_ = database;
    moveLegacyActiveModel();
    refresh();
    return true;
}

QString ModelList::legacySettingsKey() const
{
    // Where versions before database schema 5 kept the active model of a database file.
    const QByteArray hash = QCryptographicHash::hash(databasePath_.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("models/active/") + QString::fromLatin1(hash.left(16));
}

void ModelList::moveLegacyActiveModel()
{
    QSettings settings;
    const QString key = legacySettingsKey();
    const QString legacyPath = settings.value(key).toString();
    if (legacyPath.isEmpty())
        return;
    try {
        if (!store_->activeModel())
            if (const std::optional<db::RowId> id = modelIdOf(legacyPath))
                store_->promoteModel(*id, recordedUserName(), QStringLiteral("moved from this workstation's settings"));
        settings.remove(key);
    } catch (const Error& e) {
        emit errorOccurred(QString::fromStdString(e.what())); // e.g. a read-only database: keep the setting
    }
}

std::optional<db::RowId> ModelList::modelIdOf(const QString& bundlePath) const
{
    for (const db::ModelRecord& m : store_->listModels()) // newest first
        if (m.bundlePath == bundlePath)
            return m.id;
    return std::nullopt;
}

QString ModelList::activeModelPath() const
{
    if (!store_)
        return {};
    try {
        const std::optional<db::ModelRecord> active = store_->activeModel();
        return active ? active->bundlePath : QString();
    } catch (const Error& e) {
        logWarning(DL_TR("Engine", "reading the active model: %1"), e.what());
        return {};
    }
}

QString ModelList::activeModelFile() const
{
    if (!store_)
        return {};
    try {
        const std::optional<db::ModelRecord> active = store_->activeModel();
        return active ? store_->bundleFileForModel(*active) : QString();
    } catch (const Error& e) {
        logWarning(DL_TR("Engine", "fetching the active model's bundle: %1"), e.what());
        return {};
    }
}

void ModelList::activateModel(const QString& bundlePath, const QString& reason)
{
    if (methodOf(bundlePath) == QLatin1String("sdas")) {
        // As defectlens-cli promote: a synthesis model generates images and scores none.
        emit errorOccurred(tr("%1 is an SDAS synthesis model: it generates anomalies for RealNet (Training dock, "
                              "Tools > Anomaly synthesis preview) and cannot be put into use as a detector.")
                               .arg(QFileInfo(bundlePath).fileName()));
        return;
    }
    if (store_) {
        try {
            if (const std::optional<db::RowId> id = modelIdOf(bundlePath))
                store_->promoteModel(*id, recordedUserName(), reason);
            else
                emit errorOccurred(tr("%1 is not a model of this database, so it was opened without being put into use.")
                                       .arg(QFileInfo(bundlePath).fileName()));
        } catch (const Error& e) {
            emit errorOccurred(QString::fromStdString(e.what()));
        }
    }
    refresh();
    emit activeModelChanged(bundlePath, methodOf(bundlePath));
}

QStringList ModelList::categoriesOf(const QString& bundlePath) const
{
    if (store_)
        for (const auto& m : store_->listModels()) // newest first
            if (m.bundlePath == bundlePath)
                return m.categories;
    return {};
}

QString ModelList::methodOf(const QString& bundlePath) const
{
    for (int row = 0; row < table_->rowCount(); ++row)
        if (table_->item(row, NameColumn)->data(kPathRole).toString() == bundlePath)
            return table_->item(row, NameColumn)->data(kMethodRole).toString();
    return {};
}

int ModelList::modelCount() const
{
    return table_->rowCount();
}

void ModelList::refresh()
{
    table_->setRowCount(0);
    if (!store_) {
        emptyLabel_->setVisible(true);
        return;
    }
    std::vector<db::ModelRecord> models;
    try {
        models = store_->listModels();
    } catch (const Error& e) {
        emit errorOccurred(QString::fromStdString(e.what()));
        return;
    }
    std::map<db::RowId, QString> nameOf;
    for (const auto& m : models)
        nameOf[m.id] = QFileInfo(m.bundlePath).fileName();
    std::optional<db::ModelRecord> active;
    std::optional<db::ModelPromotionRecord> promotion; // the active model's
    try {
        active = store_->activeModel();
        const std::vector<db::ModelPromotionRecord> history = store_->promotionHistory();
        if (active && !history.empty())
            promotion = history.front();
    } catch (const Error& e) {
        emit errorOccurred(QString::fromStdString(e.what()));
    }
    QString activeTip;
    if (promotion) {
        activeTip = tr("Active model") + QLatin1Char('\n')
            + tr("Promoted by %1 on %2").arg(promotion->user,
                                              promotion->createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        if (!promotion->reason.isEmpty())
            activeTip += QLatin1Char('\n') + promotion->reason;
    }
    table_->setRowCount(int(models.size()));
    for (int row = 0; row < int(models.size()); ++row) {
        const db::ModelRecord& m = models[std::size_t(row)];
        const bool isActive = active && active->id == m.id;
        const bool missing = !QFileInfo::exists(m.bundlePath);
        auto set = [&](int column, const QString& text, const QString& tip = {}) {
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(tip.isEmpty() ? text : tip);
            if (isActive) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            table_->setItem(row, column, item);
            return item;
        };
        set(ActiveColumn, isActive ? QStringLiteral("\u25CF") : QString(), isActive ? activeTip : QString());
        QTableWidgetItem* name = set(NameColumn, QFileInfo(m.bundlePath).fileName(),
                                     missing ? tr("%1 (file missing)").arg(m.bundlePath) : m.bundlePath);
        name->setData(kPathRole, m.bundlePath);
        name->setData(kMethodRole, m.method);
        if (missing)
            name->setForeground(Qt::gray);
        set(MethodColumn, m.method);
        set(DataColumn, m.categories.join(QStringLiteral(", ")));
        QString parent;
        if (m.parentModelId) {
            auto it = nameOf.find(*m.parentModelId);
            parent = it != nameOf.end() ? it->second : tr("model %1").arg(*m.parentModelId);
        }
        set(ParentColumn, parent);
        set(ImageAurocColumn, metricText(m.metrics, "image_auroc"));
        set(PixelAurocColumn, metricText(m.metrics, "pixel_auroc"));
        set(AuproColumn, metricText(m.metrics, "aupro"));
        set(CreatedColumn, m.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    }
    emptyLabel_->setVisible(models.empty());
    updateButtons();
}

void ModelList::addDataset(const std::shared_ptr<const Dataset>& dataset)
{
    if (!dataset)
        return;
    for (auto& existing : datasets_)
        if (existing->root == dataset->root) {
            existing = dataset;
            return;
        }
    datasets_.push_back(dataset);
}

void ModelList::activateSelected()
{
    const QList<QTableWidgetItem*> selected = table_->selectedItems();
    if (selected.isEmpty())
        return;
    const QString path = table_->item(selected.front()->row(), NameColumn)->data(kPathRole).toString();
    if (!QFileInfo::exists(path)) {
        emit errorOccurred(tr("%1: the model file does not exist any more.").arg(path));
        return;
    }
    if (path == activeModelPath())
        return; // already in use: nothing to promote
    promoteWithConfirmation(path);
}

void ModelList::updateButtons()
{
    // Promote is for one model that is not already the active one.
    QStringList paths;
    for (const QModelIndex& row : table_->selectionModel()->selectedRows(NameColumn))
        paths << row.data(kPathRole).toString();
    const bool one = paths.size() == 1;
    const bool promotable = one && paths.front() != activeModelPath()
                            && methodOf(paths.front()) != QLatin1String("sdas");
    activateButton_->setEnabled(promotable);
    compareButton_->setEnabled(paths.size() == 2);
    thresholdButton_->setEnabled(one && methodOf(paths.front()) != QLatin1String("sdas"));
}

bool ModelList::promoteWithConfirmation(const QString& bundlePath)
{
    if (methodOf(bundlePath) == QLatin1String("sdas")) {
        activateModel(bundlePath); // explains why it cannot be promoted
        return false;
    }
    const std::optional<QString> reason = reasonProvider_ ? reasonProvider_(bundlePath) : askPromotionReason(bundlePath);
    if (!reason)
        return false;
    if (reason->trimmed().isEmpty()) {
        emit errorOccurred(tr("%1 was not promoted: a promotion needs a reason.").arg(QFileInfo(bundlePath).fileName()));
        return false;
    }
    activateModel(bundlePath, reason->trimmed());
    return activeModelPath() == bundlePath || !store_;
}

std::optional<QString> ModelList::askPromotionReason(const QString& bundlePath)
{
    const QString active = activeModelPath();
    const QString question = active.isEmpty()
                                 ? tr("Put %1 into use on the line?").arg(QFileInfo(bundlePath).fileName())
                                 : tr("Replace %1 with %2 on the line?")
                                       .arg(QFileInfo(active).fileName(), QFileInfo(bundlePath).fileName());
    return askRequiredReason(this, {QStringLiteral("promotionDialog"), tr("Promote model"),
                                    question + QStringLiteral("\n")
                                        + tr("Every workstation that follows this database switches to it. "
                                             "Your name and the reason are recorded."),
                                    tr("e.g. fewer false rejects on last week's parts"), tr("Promote")});
}

ThresholdDialog* ModelList::showThresholdDialog(const QString& bundlePath, int folds)
{
    if (datasets_.empty()) {
        emit errorOccurred(tr("Import the dataset the model was trained on first: its training images are "
                              "cross-validated."));
        return nullptr;
    }
    if (!QFileInfo::exists(bundlePath)) {
        emit errorOccurred(tr("%1: the model file does not exist any more.").arg(bundlePath));
        return nullptr;
    }
    ThresholdStudySpec spec;
    spec.bundlePath = bundlePath;
    spec.datasets = datasets_;
    spec.weightsPath = engine_->backboneWeights();
    spec.folds = folds;
    spec.categories = categoriesOf(bundlePath);
    auto* dialog = new ThresholdDialog(engine_, spec, databasePath_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ThresholdDialog::modelSaved, this, [this] { refreshKeepingSelection(); });
    dialog->show();
    return dialog;
}

void ModelList::evaluateNewModel(const QString& bundlePath)
{
    if (datasets_.empty())
        return;
    EvaluateSpec spec;
    spec.bundlePath = bundlePath;
    spec.tag = QStringLiteral("trained");
    spec.datasets = datasets_;
    spec.databasePath = databasePath_;
    spec.weightsPath = engine_->backboneWeights();
    spec.categories = categoriesOf(bundlePath);
    engine_->evaluate(spec);
}

void ModelList::compareSelected()
{
    QList<int> rows;
    for (QTableWidgetItem* item : table_->selectedItems())
        if (!rows.contains(item->row()))
            rows << item->row();
    if (rows.size() != 2) {
        emit errorOccurred(tr("Select exactly two models to compare."));
        return;
    }
    std::sort(rows.begin(), rows.end());
    // The list is newest first: the lower row is the older model, shown as "before".
    const QString before = table_->item(rows[1], NameColumn)->data(kPathRole).toString();
    const QString after = table_->item(rows[0], NameColumn)->data(kPathRole).toString();
    compareModels(before, after, false, false);
}

void ModelList::compareModels(const QString& before, const QString& after, bool labelsFromDatabase, bool promotable)
{
    if (datasets_.empty()) {
        emit errorOccurred(tr("Import the dataset to compare the models on first."));
        return;
    }
    compare_->begin(before, after, promotable);
    pendingEvaluations_ = 2;
    for (const auto& [path, tag] : {std::make_pair(before, QStringLiteral("before")),
                                    std::make_pair(after, QStringLiteral("after"))}) {
        EvaluateSpec spec;
        spec.bundlePath = path;
        spec.tag = tag;
        spec.datasets = datasets_;
        spec.labelsFromDatabase = labelsFromDatabase;
        spec.databasePath = databasePath_;
        spec.weightsPath = engine_->backboneWeights();
        // Both on the categories the new model was trained on (from the database).
        spec.categories = categoriesOf(after);
        engine_->evaluate(spec);
    }
}

void ModelList::onEvaluated(const ModelEvaluation& evaluation)
{
    if (evaluation.tag == QLatin1String("trained")) {
        refreshKeepingSelection(); // the evaluation stored its metrics with the model
        emit newModelEvaluated(evaluation);
        return;
    }
    if (!compare_->setEvaluation(evaluation))
        return;
    if (pendingEvaluations_ > 0 && --pendingEvaluations_ == 0) {
        refresh(); // the evaluations stored their metrics in the database
        emit comparisonFinished();
    }
}

} // namespace dl::ui
