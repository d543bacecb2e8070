#include "ui/dataset/ImportDialog.h"

#include "common/Error.h"
#include "data/Importers.h"
#include "ui/dataset/ThumbnailGrid.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>
#include <map>
#include <tuple>

namespace dl::ui {

namespace {

constexpr int kSkippedExamples = 5;
// Typing a path fires on every key; wait for a pause before reading the disk.
constexpr int kPreviewDelayMs = 300;

// Name parts that mark the defect-free class of image+mask folders (MT_Free, good, OK, ...).
QString guessNormalClass(const QStringList& classFolders)
{
    static const QStringList normalWords = {QStringLiteral("free"),   QStringLiteral("good"),
                                            QStringLiteral("normal"), QStringLiteral("ok"),
                                            QStringLiteral("okay"),   QStringLiteral("defectfree"),
                                            QStringLiteral("nodefect")};
    static const QRegularExpression separators(QStringLiteral("[^A-Za-z0-9]+"));
    for (const QString& name : classFolders) {
        const QStringList words = name.toLower().split(separators, Qt::SkipEmptyParts);
        for (const QString& word : words)
            if (normalWords.contains(word))
                return name;
    }
    return {};
}

QString splitName(Split split)
{
    return split == Split::Train ? ImportDialog::tr("Train") : ImportDialog::tr("Test");
}

QString formatName(DatasetFormat format)
{
    switch (format) {
    case DatasetFormat::MvTec:
        return ImportDialog::tr("MVTec AD (train/good, test/<defect>, ground_truth)");
    case DatasetFormat::MaskFolder:
        return ImportDialog::tr("Image + mask folders (one folder per class)");
    case DatasetFormat::Visa:
        return ImportDialog::tr("VisA (split_csv/1cls.csv)");
    case DatasetFormat::Folder:
        return ImportDialog::tr("Plain image folder (normal images only)");
    case DatasetFormat::Auto:
        break;
    }
    return ImportDialog::tr("Auto-detect");
}

} // namespace

ImportPreview computeImportPreview(const QString& folder, DatasetOptions options, QSize thumbnailSize,
                                   int maxThumbnails)
{
    ImportPreview preview;
    preview.folder = folder;
    try {
        if (folder.trimmed().isEmpty())
            throw Error(ImportDialog::tr("Choose a dataset folder.").toStdString());
        const std::string root = QFile::encodeName(folder).toStdString();
        preview.classFolders = QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        try {
            preview.detectedFormat = detectDatasetFormat(root);
        } catch (const Error&) {
            // A forced layout may still import; otherwise the detection problem is the answer.
            if (options.format == DatasetFormat::Auto)
                throw;
        }
        preview.format = options.format == DatasetFormat::Auto ? preview.detectedFormat : options.format;
        if (preview.format == DatasetFormat::MaskFolder && options.normalClass.empty())
            options.normalClass = QFile::encodeName(guessNormalClass(preview.classFolders)).toStdString();
        preview.normalClass = QFile::decodeName(options.normalClass.c_str());
        options.format = preview.format;
        // Counting files is enough for a preview; the real import checks every image.
        options.validateImages = false;
        const Dataset dataset = importDataset(root, options);

        std::map<std::tuple<std::string, Split, std::string>, std::vector<const Sample*>> groups;
        for (const Sample& sample : dataset.samples)
            groups[{sample.category, sample.split, sample.defectType}].push_back(&sample);
        for (const std::string& category : dataset.categories())
            preview.categories << QString::fromStdString(category);
        for (const auto& [key, samples] : groups)
            preview.groups.push_back({QString::fromStdString(std::get<0>(key)), std::get<1>(key),
                                      QString::fromStdString(std::get<2>(key)), int(samples.size())});
        preview.imageCount = int(dataset.samples.size());
        preview.skippedCount = int(dataset.skipped.size());
        for (std::size_t i = 0; i < dataset.skipped.size() && i < std::size_t(kSkippedExamples); ++i)
            preview.skippedExamples << QStringLiteral("%1: %2").arg(QFile::decodeName(dataset.skipped[i].path.c_str()),
                                                                    QString::fromStdString(dataset.skipped[i].reason));

        // One thumbnail per group first, so every defect type shows up, then more of each.
        for (std::size_t round = 0; preview.thumbnails.size() < maxThumbnails; ++round) {
            bool anyLeft = false;
            for (const auto& [key, samples] : groups) {
                if (round >= samples.size() || preview.thumbnails.size() >= maxThumbnails)
                    continue;
                anyLeft = true;
                const QString path = QFile::decodeName(samples[round]->path.c_str());
                const QString caption = QStringLiteral("%1 / %2 / %3")
                                            .arg(QString::fromStdString(std::get<0>(key)), splitName(std::get<1>(key)),
                                                 QString::fromStdString(std::get<2>(key)));
                preview.thumbnails.push_back({caption, path, readThumbnail(path, thumbnailSize)});
            }
            if (!anyLeft)
                break;
        }
    } catch (const Error& error) {
        preview.error = QString::fromStdString(error.what());
    } catch (const std::exception& error) {
        preview.error = ImportDialog::tr("Unexpected error while reading %1: %2").arg(folder, QString::fromUtf8(error.what()));
    }
    return preview;
}

ImportDialog::ImportDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("importDialog"));
    buildUi();
    retranslateUi();
    updateOptionRows();
    updateAcceptButton();
    resize(760, 620);
}

void ImportDialog::buildUi()
{
    folderEdit_ = new QLineEdit;
    folderEdit_->setObjectName(QStringLiteral("folderEdit"));
    folderEdit_->setClearButtonEnabled(true);
    browseButton_ = new QPushButton;
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folderEdit_, 1);
    folderRow->addWidget(browseButton_);

    formatCombo_ = new QComboBox;
    formatCombo_->setObjectName(QStringLiteral("formatCombo"));
    for (DatasetFormat format : {DatasetFormat::Auto, DatasetFormat::MvTec, DatasetFormat::MaskFolder,
                                 DatasetFormat::Visa, DatasetFormat::Folder})
        formatCombo_->addItem(QString(), int(format));

    categoryCombo_ = new QComboBox;
    categoryCombo_->setObjectName(QStringLiteral("categoryCombo"));
    categoryCombo_->setEditable(true);
    categoryCombo_->setInsertPolicy(QComboBox::NoInsert);
    normalClassCombo_ = new QComboBox;
    normalClassCombo_->setObjectName(QStringLiteral("normalClassCombo"));
    testFractionSpin_ = new QDoubleSpinBox;
    testFractionSpin_->setObjectName(QStringLiteral("testFractionSpin"));
    testFractionSpin_->setRange(0.0, 1.0);
    testFractionSpin_->setSingleStep(0.05);
    testFractionSpin_->setDecimals(2);
    testFractionSpin_->setValue(DatasetOptions{}.testFraction);
    seedSpin_ = new QSpinBox;
    seedSpin_->setObjectName(QStringLiteral("seedSpin"));
    seedSpin_->setRange(0, std::numeric_limits<int>::max());
    seedSpin_->setValue(int(DatasetOptions{}.seed));

    folderLabel_ = new QLabel;
    formatLabel_ = new QLabel;
    categoryLabel_ = new QLabel;
    normalClassLabel_ = new QLabel;
    testFractionLabel_ = new QLabel;
    seedLabel_ = new QLabel;
    optionsForm_ = new QFormLayout;
    optionsForm_->addRow(folderLabel_, folderRow);
    optionsForm_->addRow(formatLabel_, formatCombo_);
    optionsForm_->addRow(categoryLabel_, categoryCombo_);
    optionsForm_->addRow(normalClassLabel_, normalClassCombo_);
    optionsForm_->addRow(testFractionLabel_, testFractionSpin_);
    optionsForm_->addRow(seedLabel_, seedSpin_);

    summaryLabel_ = new QLabel;
    summaryLabel_->setObjectName(QStringLiteral("summaryLabel"));
    summaryLabel_->setWordWrap(true);
    summaryLabel_->setTextFormat(Qt::RichText); // names are escaped where they are inserted
    groupTree_ = new QTreeWidget;
    groupTree_->setObjectName(QStringLiteral("previewTree"));
    groupTree_->setColumnCount(2);
    groupTree_->setUniformRowHeights(true);
    groupTree_->header()->setStretchLastSection(false);
    groupTree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    groupTree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    thumbnailList_ = new QListWidget;
    thumbnailList_->setObjectName(QStringLiteral("previewThumbnails"));
    thumbnailList_->setViewMode(QListView::IconMode);
    thumbnailList_->setIconSize(QSize(96, 96));
    thumbnailList_->setGridSize(QSize(132, 136));
    thumbnailList_->setMinimumHeight(150);
    thumbnailList_->setResizeMode(QListView::Adjust);
    thumbnailList_->setMovement(QListView::Static);
    thumbnailList_->setSelectionMode(QAbstractItemView::NoSelection);
    thumbnailList_->setWordWrap(true);
    errorLabel_ = new QLabel;
    errorLabel_->setObjectName(QStringLiteral("errorLabel"));
    errorLabel_->setWordWrap(true);
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel_->setStyleSheet(QStringLiteral("QLabel { color: #e53935; font-weight: bold; }"));
    errorLabel_->hide();

    auto* previewSplitter = new QSplitter(Qt::Vertical);
    previewSplitter->addWidget(groupTree_);
    previewSplitter->addWidget(thumbnailList_);
    previewSplitter->setStretchFactor(0, 2);
    previewSplitter->setStretchFactor(1, 1);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(optionsForm_);
    layout->addWidget(summaryLabel_);
    layout->addWidget(errorLabel_);
    layout->addWidget(previewSplitter, 1);
    layout->addWidget(buttons_);

    previewDelay_ = new QTimer(this);
    previewDelay_->setSingleShot(true);
    previewDelay_->setInterval(kPreviewDelayMs);
    connect(previewDelay_, &QTimer::timeout, this, &ImportDialog::startPreview);

    connect(browseButton_, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(folderEdit_, &QLineEdit::textChanged, this, [this] {
        // A new folder: its own categories and classes, not the last folder's.
        updatingChoices_ = true;
        categoryCombo_->clear();
        normalClassCombo_->clear();
        updatingChoices_ = false;
        schedulePreview();
    });
    connect(formatCombo_, &QComboBox::currentIndexChanged, this, [this] {
        updateOptionRows();
        schedulePreview();
    });
    connect(categoryCombo_, &QComboBox::currentTextChanged, this, &ImportDialog::schedulePreview);
    connect(normalClassCombo_, &QComboBox::currentTextChanged, this, &ImportDialog::schedulePreview);
    connect(testFractionSpin_, &QDoubleSpinBox::valueChanged, this, &ImportDialog::schedulePreview);
    connect(seedSpin_, &QSpinBox::valueChanged, this, &ImportDialog::schedulePreview);
}

void ImportDialog::retranslateUi()
{
    setWindowTitle(tr("Open dataset"));
    folderLabel_->setText(tr("&Folder:"));
    folderLabel_->setBuddy(folderEdit_);
    folderEdit_->setPlaceholderText(tr("Dataset root folder"));
    browseButton_->setText(tr("&Browse\u2026"));
    formatLabel_->setText(tr("F&ormat:"));
    formatLabel_->setBuddy(formatCombo_);
    for (int i = 0; i < formatCombo_->count(); ++i) {
        const auto format = DatasetFormat(formatCombo_->itemData(i).toInt());
        QString text = formatName(format);
        if (format == DatasetFormat::Auto && preview_.detectedFormat != DatasetFormat::Auto && preview_.ok())
            text = tr("Auto-detect (found: %1)").arg(formatName(preview_.detectedFormat));
        formatCombo_->setItemText(i, text);
    }
    categoryLabel_->setBuddy(categoryCombo_);
    normalClassLabel_->setText(tr("&Normal class:"));
    normalClassLabel_->setBuddy(normalClassCombo_);
    normalClassCombo_->setToolTip(tr("The class folder that holds the defect-free images"));
    testFractionLabel_->setText(tr("&Test fraction:"));
    testFractionLabel_->setBuddy(testFractionSpin_);
    testFractionSpin_->setToolTip(tr("Share of the normal images held out for testing; every defect image is a test image"));
    seedLabel_->setText(tr("&Seed:"));
    seedLabel_->setBuddy(seedSpin_);
    seedSpin_->setToolTip(tr("Seed of the reproducible train/test split"));
    groupTree_->setHeaderLabels({tr("Category / split / defect type"), tr("Images")});
    thumbnailList_->setToolTip(tr("A few images of each group"));
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    updateOptionRows();
    showPreview(preview_);
}

void ImportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ImportDialog::setFolder(const QString& folder)
{
    folderEdit_->setText(QDir::toNativeSeparators(folder));
    // Programmatic choices (tests, the last dataset) need no typing pause.
    previewDelay_->stop();
    startPreview();
}

QString ImportDialog::folder() const
{
    return QDir::fromNativeSeparators(folderEdit_->text().trimmed());
}

void ImportDialog::setFormat(DatasetFormat format)
{
    formatCombo_->setCurrentIndex(formatCombo_->findData(int(format)));
}

DatasetFormat ImportDialog::chosenFormat() const
{
    return DatasetFormat(formatCombo_->currentData().toInt());
}

DatasetOptions ImportDialog::options() const
{
    DatasetOptions options;
    options.format = chosenFormat();
    options.category = categoryCombo_->currentText().trimmed().toStdString();
    // What the last preview found applies only while the folder is the same.
    const bool previewMatches = preview_.folder == folder();
    const DatasetFormat effective =
        options.format == DatasetFormat::Auto ? (previewMatches ? preview_.format : DatasetFormat::Auto) : options.format;
    if (effective == DatasetFormat::MaskFolder) {
        const QString normal = !normalClassCombo_->currentText().isEmpty() ? normalClassCombo_->currentText()
                               : previewMatches                            ? preview_.normalClass
                                                                           : QString();
        options.normalClass = QFile::encodeName(normal).toStdString();
        options.testFraction = testFractionSpin_->value();
        options.seed = unsigned(seedSpin_->value());
    }
    return options;
}

QString ImportDialog::errorText() const
{
    return errorLabel_->isHidden() ? QString() : errorLabel_->text();
}

void ImportDialog::browse()
{
    const QString start = folder().isEmpty() ? browseDirectory_ : folder();
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose the dataset folder"), start);
    if (!chosen.isEmpty())
        setFolder(chosen);
}

void ImportDialog::schedulePreview()
{
    if (updatingChoices_)
        return;
    previewRunning_ = true; // the shown preview no longer matches the choices
    updateAcceptButton();
    previewDelay_->start();
}

void ImportDialog::startPreview()
{
    const quint64 generation = ++previewGeneration_;
    previewRunning_ = true;
    summaryLabel_->setText(tr("Reading %1\u2026").arg(QDir::toNativeSeparators(folder()).toHtmlEscaped()));
    updateAcceptButton();

    const QString path = folder();
    const DatasetOptions chosen = options();
    // Thumbnails at the screen's pixel density stay sharp on HiDPI displays.
    const qreal ratio = devicePixelRatioF();
    const QSize box = thumbnailList_->iconSize() * ratio;
    auto* watcher = new QFutureWatcher<ImportPreview>(this);
    connect(watcher, &QFutureWatcher<ImportPreview>::finished, this, [this, watcher, generation, ratio] {
        watcher->deleteLater();
        if (generation != previewGeneration_)
            return; // the user changed something meanwhile; a newer preview is on its way
        ImportPreview result = watcher->result();
        for (ImportPreview::Thumbnail& thumbnail : result.thumbnails)
            thumbnail.image.setDevicePixelRatio(ratio);
        previewRunning_ = false;
        preview_ = result;
        retranslateUi(); // also refreshes the format names and shows the preview
        emit previewShown();
    });
    watcher->setFuture(QtConcurrent::run([path, chosen, box] { return computeImportPreview(path, chosen, box); }));
}

void ImportDialog::showPreview(const ImportPreview& preview)
{
    groupTree_->clear();
    thumbnailList_->clear();
    if (preview.folder.isEmpty() && preview.error.isEmpty()) {
        summaryLabel_->setText(tr("Choose a folder to see what it contains."));
        errorLabel_->hide();
        updateAcceptButton();
        return;
    }
    if (!preview.ok()) {
        summaryLabel_->setText(tr("Nothing can be imported from this folder yet."));
        errorLabel_->setText(preview.error);
        errorLabel_->show();
    } else {
        errorLabel_->hide();
        constexpr int kCategoriesNamed = 6;
        QStringList named = preview.categories.mid(0, kCategoriesNamed);
        if (preview.categories.size() > kCategoriesNamed)
            named << QStringLiteral("\u2026");
        QString summary = tr("%n image(s)", nullptr, preview.imageCount) + QStringLiteral(" \u2014 ")
                          + tr("categories: %1").arg(named.join(QStringLiteral(", ")).toHtmlEscaped())
                          + QStringLiteral(" \u2014 ") + formatName(preview.format).toHtmlEscaped();
        if (preview.format == DatasetFormat::MaskFolder)
            summary += QStringLiteral("<br>") + tr("Normal class: %1").arg(preview.normalClass.toHtmlEscaped());
        if (preview.skippedCount > 0)
            summary += QStringLiteral("<br>") + tr("%n file(s) will be skipped, e.g. %1", nullptr, preview.skippedCount)
                                                    .arg(preview.skippedExamples.first().toHtmlEscaped());
        summaryLabel_->setText(summary);
        summaryLabel_->setToolTip(preview.skippedExamples.join(QLatin1Char('\n')));

        QTreeWidgetItem* categoryItem = nullptr;
        QTreeWidgetItem* splitItem = nullptr;
        for (const ImportPreview::Group& group : preview.groups) {
            if (!categoryItem || categoryItem->text(0) != group.category) {
                categoryItem = new QTreeWidgetItem(groupTree_, {group.category, QString()});
                categoryItem->setData(1, Qt::UserRole, 0);
                splitItem = nullptr;
            }
            if (!splitItem || splitItem->data(0, Qt::UserRole).toInt() != int(group.split)) {
                splitItem = new QTreeWidgetItem(categoryItem, {splitName(group.split), QString()});
                splitItem->setData(0, Qt::UserRole, int(group.split));
                splitItem->setData(1, Qt::UserRole, 0);
            }
            auto* typeItem = new QTreeWidgetItem(splitItem, {group.defectType, QString::number(group.count)});
            typeItem->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            for (QTreeWidgetItem* parent : {categoryItem, splitItem}) {
                const int total = parent->data(1, Qt::UserRole).toInt() + group.count;
                parent->setData(1, Qt::UserRole, total);
                parent->setText(1, QString::number(total));
                parent->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            }
        }
        groupTree_->expandAll();
        const bool oneCategory = preview.categories.size() == 1;
        for (const ImportPreview::Thumbnail& thumbnail : preview.thumbnails) {
            // With one category its name adds nothing under every picture; the tooltip has it all.
            const QString caption = oneCategory ? thumbnail.caption.section(QStringLiteral(" / "), 1) : thumbnail.caption;
            auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumbnail.image)), caption);
            item->setToolTip(thumbnail.caption + QLatin1Char('\n') + thumbnail.path);
            thumbnailList_->addItem(item);
        }
    }

    // Offer the choices the folder holds: VisA objects, class folders for the normal class.
    updatingChoices_ = true;
    if (categoryCombo_->currentText().isEmpty() && preview.format == DatasetFormat::Visa) {
        categoryCombo_->clear();
        categoryCombo_->addItem(QString());
        categoryCombo_->addItems(preview.categories);
        categoryCombo_->setCurrentIndex(0);
    }
    if (normalClassCombo_->count() != preview.classFolders.size()) {
        normalClassCombo_->clear();
        normalClassCombo_->addItems(preview.classFolders);
    }
    normalClassCombo_->setCurrentIndex(normalClassCombo_->findText(preview.normalClass));
    updatingChoices_ = false;
    updateOptionRows();
    updateAcceptButton();
}

void ImportDialog::updateOptionRows()
{
    const DatasetFormat effective = chosenFormat() == DatasetFormat::Auto ? preview_.format : chosenFormat();
    const bool maskFolder = effective == DatasetFormat::MaskFolder;
    optionsForm_->setRowVisible(normalClassCombo_, maskFolder);
    optionsForm_->setRowVisible(testFractionSpin_, maskFolder);
    optionsForm_->setRowVisible(seedSpin_, maskFolder);
    if (effective == DatasetFormat::Visa) {
        categoryLabel_->setText(tr("O&bject:"));
        categoryCombo_->lineEdit()->setPlaceholderText(tr("All objects of the csv"));
        categoryCombo_->setToolTip(tr("Import only this object of split_csv/1cls.csv"));
    } else {
        categoryLabel_->setText(tr("&Category:"));
        categoryCombo_->lineEdit()->setPlaceholderText(tr("Default: the folder name"));
        categoryCombo_->setToolTip(tr("The category name the images are filed under"));
    }
}

void ImportDialog::updateAcceptButton()
{
    const bool ready = !previewRunning_ && preview_.ok() && !preview_.folder.isEmpty() && preview_.folder == folder();
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(ready);
}

} // namespace dl::ui
