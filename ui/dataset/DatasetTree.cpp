#include "ui/dataset/DatasetTree.h"

#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>

#include <map>
#include <vector>

namespace dl::ui {

namespace {

// Groups keep the importer's order: categories and defect types sorted by name.
struct SplitGroup {
    std::map<std::string, std::vector<const Sample*>> byDefectType;
    int count = 0;
};

QTreeWidgetItem* makeGroupItem(const QString& name, int count)
{
    auto* item = new QTreeWidgetItem({name, QString::number(count)});
    item->setTextAlignment(DatasetTree::CountColumn, Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

DatasetTree::DatasetTree(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("datasetTree"));
    setColumnCount(2);
    retranslateUi();
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(CountColumn, QHeaderView::ResizeToContents);
    setUniformRowHeights(true); // large datasets (thousands of files) stay quick to lay out
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* current) {
        if (!current || following_)
            return;
        if (!current->data(NameColumn, PathRole).toString().isEmpty()) {
            emit imageSelected(current->data(NameColumn, PathRole).toString());
            return;
        }
        // A group: category (depth 0), split (1) or defect type (2).
        std::vector<QTreeWidgetItem*> chain;
        for (QTreeWidgetItem* item = current; item; item = item->parent())
            chain.insert(chain.begin(), item);
        const QString category = chain[0]->text(NameColumn);
        const int split = chain.size() > 1 ? chain[1]->data(NameColumn, SplitRole).toInt() : -1;
        const QString defectType = chain.size() > 2 ? chain[2]->text(NameColumn) : QString();
        emit groupSelected(category, split, defectType);
    });
}

void DatasetTree::retranslateUi()
{
    setHeaderLabels({tr("Name"), tr("Images")});
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem* category = topLevelItem(i);
        for (int j = 0; j < category->childCount(); ++j) {
            QTreeWidgetItem* split = category->child(j);
            split->setText(NameColumn, splitLabel(Split(split->data(NameColumn, SplitRole).toInt())));
        }
    }
}

void DatasetTree::changeEvent(QEvent* event)
{
    QTreeWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

QString DatasetTree::splitLabel(Split split)
{
    return split == Split::Train ? tr("Train") : tr("Test");
}

void DatasetTree::showDataset(const Dataset& dataset)
{
    clear();
    itemByPath_.clear();
    std::map<std::string, std::map<Split, SplitGroup>> groups;
    for (const Sample& sample : dataset.samples) {
        SplitGroup& group = groups[sample.category][sample.split];
        group.byDefectType[sample.defectType].push_back(&sample);
        ++group.count;
    }
    for (const auto& [category, splits] : groups) {
        int categoryCount = 0;
        for (const auto& entry : splits)
            categoryCount += entry.second.count;
        QTreeWidgetItem* categoryItem = makeGroupItem(QString::fromStdString(category), categoryCount);
        addTopLevelItem(categoryItem);
        for (const auto& [split, group] : splits) {
            QTreeWidgetItem* splitItem = makeGroupItem(splitLabel(split), group.count);
            splitItem->setData(NameColumn, SplitRole, int(split));
            categoryItem->addChild(splitItem);
            for (const auto& [defectType, samples] : group.byDefectType) {
                QTreeWidgetItem* typeItem =
                    makeGroupItem(QString::fromStdString(defectType), static_cast<int>(samples.size()));
                splitItem->addChild(typeItem);
                QList<QTreeWidgetItem*> images;
                images.reserve(static_cast<qsizetype>(samples.size()));
                for (const Sample* sample : samples) {
                    const QString path = QFile::decodeName(sample->path.c_str());
                    auto* imageItem = new QTreeWidgetItem({QFileInfo(path).fileName()});
                    imageItem->setData(NameColumn, PathRole, path);
                    imageItem->setToolTip(NameColumn, path);
                    itemByPath_.insert(path, imageItem);
                    images << imageItem;
                }
                typeItem->addChildren(images);
            }
            splitItem->setExpanded(true);
        }
        categoryItem->setExpanded(true);
    }
}

bool DatasetTree::selectPath(const QString& path)
{
    if (currentItem() && currentItem()->data(NameColumn, PathRole).toString() == path)
        return true;
    QTreeWidgetItem* item = itemByPath_.value(path);
    if (!item)
        return false;
    following_ = true;
    setCurrentItem(item);
    following_ = false;
    scrollToItem(item); // opens the groups above it
    return true;
}

QTreeWidgetItem* DatasetTree::findCategory(const QString& category) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->text(NameColumn) == category)
            return topLevelItem(i);
    return nullptr;
}

QTreeWidgetItem* DatasetTree::findSplit(const QString& category, Split split) const
{
    QTreeWidgetItem* categoryItem = findCategory(category);
    if (!categoryItem)
        return nullptr;
    for (int i = 0; i < categoryItem->childCount(); ++i)
        if (categoryItem->child(i)->text(NameColumn) == splitLabel(split))
            return categoryItem->child(i);
    return nullptr;
}

} // namespace dl::ui
