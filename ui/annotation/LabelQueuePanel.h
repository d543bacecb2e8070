#pragma once
// Tools ▸ Label next: the engineer's queue. The loaded dataset's test images
// that are not annotated yet, ranked by how much a label would teach the model
// (operator overrides first, then scores nearest the threshold); "Open next"
// opens the first open entry in the annotation editor, and saving its mask
// moves on to the next. Retrain with annotations then uses what was labelled.
#include "ui/bridge/ModelJobs.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace dl::ui {

class LabelQueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit LabelQueuePanel(QWidget* parent = nullptr);

    void setQueue(const LabelQueue& queue);
    void setRanking(bool running); // while the engine ranks
    // An annotation of this image was saved: its entry is done; with
    // `advance`, the next open entry is requested.
    void markAnnotated(const QString& imagePath, bool advance);
    // The image of the first entry not done yet; empty when none is left.
    QString nextImage() const;
    int entryCount() const;
    int doneCount() const;
    QTableWidget* table() const { return table_; }

signals:
    void rankRequested();
    void openRequested(const QString& imagePath);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void fillTable();
    QString reasonText(const LabelQueueEntry& entry) const;

    LabelQueue queue_;
    std::vector<bool> done_;
    bool ranking_ = false;
    QLabel* summary_ = nullptr;
    QTableWidget* table_ = nullptr;
    QPushButton* rankButton_ = nullptr;
    QPushButton* nextButton_ = nullptr;
};

} // namespace dl::ui
