#pragma once
// The imported dataset as a tree: category -> split -> defect type -> image
// files, each group with its image count. Selecting an image file emits
// imageSelected so the main window can score it; selecting a group emits
// groupSelected (the thumbnail grid shows that group).
#include "data/Dataset.h"

#include <QHash>
#include <QTreeWidget>

namespace dl::ui {

class DatasetTree : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { NameColumn = 0, CountColumn = 1 };
    // Item data role holding an image item's absolute file path.
    static constexpr int PathRole = Qt::UserRole + 1;
    // Split items hold their dl::Split as int (their text is translated).
    static constexpr int SplitRole = Qt::UserRole + 2;

    explicit DatasetTree(QWidget* parent = nullptr);

    void showDataset(const Dataset& dataset);

    // The group item for a category and, optionally, a split below it; null when absent.
    QTreeWidgetItem* findCategory(const QString& category) const;
    QTreeWidgetItem* findSplit(const QString& category, Split split) const;
    static QString splitLabel(Split split);
    // Makes the image's item current (its group opened) without imageSelected or
    // groupSelected: the tree follows an image shown from elsewhere. False when absent.
    bool selectPath(const QString& path);

signals:
    void imageSelected(const QString& path);
    // `split` is an int dl::Split, or -1 for both; empty strings match everything.
    void groupSelected(const QString& category, int split, const QString& defectType);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    bool following_ = false; // selectPath is moving the current item: no signals
    QHash<QString, QTreeWidgetItem*> itemByPath_; // image items, for selectPath on every scored image
};

} // namespace dl::ui
