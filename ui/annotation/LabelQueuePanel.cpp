#include "ui/annotation/LabelQueuePanel.h"
#include "ui/common/LocalNumber.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dl::ui {

namespace {
enum Column { RankColumn, ImageColumn, ScoreColumn, ReasonColumn, DoneColumn, ColumnCount };
}

LabelQueuePanel::LabelQueuePanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("labelQueuePanel"));
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    table_ = new QTableWidget(0, ColumnCount);
    table_->setObjectName(QStringLiteral("labelQueueTable"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(ImageColumn, QHeaderView::Stretch);
    table_->setTextElideMode(Qt::ElideMiddle);
    rankButton_ = new QPushButton;
    rankButton_->setObjectName(QStringLiteral("labelQueueRank"));
    nextButton_ = new QPushButton;
    nextButton_->setObjectName(QStringLiteral("labelQueueNext"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(rankButton_);
    buttons->addWidget(nextButton_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);

    connect(rankButton_, &QPushButton::clicked, this, &LabelQueuePanel::rankRequested);
    connect(nextButton_, &QPushButton::clicked, this, [this] {
        const QString next = nextImage();
        if (!next.isEmpty())
            emit openRequested(next);
    });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row >= 0 && row < int(queue_.entries.size()))
            emit openRequested(queue_.entries[std::size_t(row)].imagePath);
    });
    retranslateUi();
}

void LabelQueuePanel::setQueue(const LabelQueue& queue)
{
    queue_ = queue;
    done_.assign(queue_.entries.size(), false);
    ranking_ = false;
    fillTable();
    retranslateUi();
}

void LabelQueuePanel::setRanking(bool running)
{
    ranking_ = running;
    retranslateUi();
}

void LabelQueuePanel::markAnnotated(const QString& imagePath, bool advance)
{
    bool wasQueued = false;
    for (std::size_t i = 0; i < queue_.entries.size(); ++i)
        if (queue_.entries[i].imagePath == imagePath && !done_[i]) {
            done_[i] = true;
            wasQueued = true;
            if (QTableWidgetItem* item = table_->item(int(i), DoneColumn))
                item->setText(QStringLiteral("\u2713"));
        }
    retranslateUi();
    const QString next = nextImage();
    if (wasQueued && advance && !next.isEmpty())
        emit openRequested(next);
}

QString LabelQueuePanel::nextImage() const
{
    for (std::size_t i = 0; i < queue_.entries.size(); ++i)
        if (!done_[i])
            return queue_.entries[i].imagePath;
    return {};
}

int LabelQueuePanel::entryCount() const
{
    return int(queue_.entries.size());
}

int LabelQueuePanel::doneCount() const
{
    return int(std::count(done_.begin(), done_.end(), true));
}

QString LabelQueuePanel::reasonText(const LabelQueueEntry& entry) const
{
    if (entry.overridden)
        return tr("an operator overrode the model here");
    return tr("%1 normal spreads from the threshold").arg(localNumber(entry.distance, 'f', 2));
}

void LabelQueuePanel::fillTable()
{
    table_->setRowCount(int(queue_.entries.size()));
    for (std::size_t i = 0; i < queue_.entries.size(); ++i) {
        const LabelQueueEntry& e = queue_.entries[i];
        const int row = int(i);
        table_->setItem(row, RankColumn, new QTableWidgetItem(QString::number(row + 1)));
        auto* image = new QTableWidgetItem(e.relativePath.isEmpty() ? QFileInfo(e.imagePath).fileName() : e.relativePath);
        image->setToolTip(e.imagePath);
        table_->setItem(row, ImageColumn, image);
        table_->setItem(row, ScoreColumn, new QTableWidgetItem(localNumber(e.score, 'f', 3)));
        table_->setItem(row, ReasonColumn, new QTableWidgetItem(reasonText(e)));
        table_->setItem(row, DoneColumn, new QTableWidgetItem(done_[i] ? QStringLiteral("\u2713") : QString()));
    }
    table_->resizeColumnToContents(RankColumn);
    table_->resizeColumnToContents(ScoreColumn);
    table_->resizeColumnToContents(DoneColumn);
}

void LabelQueuePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        for (std::size_t i = 0; i < queue_.entries.size(); ++i)
            if (QTableWidgetItem* item = table_->item(int(i), ReasonColumn))
                item->setText(reasonText(queue_.entries[i]));
    }
    QWidget::changeEvent(event);
}

void LabelQueuePanel::retranslateUi()
{
    table_->setHorizontalHeaderLabels({tr("#"), tr("Image"), tr("Score"), tr("Why"), tr("Done")});
    rankButton_->setText(tr("&Rank images"));
    rankButton_->setToolTip(tr("Score the dataset's test images that are not annotated yet with the loaded model and "
                               "rank them: operator overrides first, then those nearest the threshold"));
    nextButton_->setText(tr("&Open next"));
    nextButton_->setToolTip(tr("Open the next image of the queue in the annotation editor; saving its mask moves on"));
    rankButton_->setEnabled(!ranking_);
    nextButton_->setEnabled(!nextImage().isEmpty());
    if (ranking_)
        summary_->setText(tr("Ranking the images\u2026"));
    else if (queue_.bundlePath.isEmpty())
        summary_->setText(tr("Load a model and a dataset, then rank the images the model is least sure about. "
                             "Label the defects among them; Retrain with annotations uses them."));
    else
        summary_->setText(tr("%1 of %2 labelled; ranked with %3 (threshold %4); %5 annotated before are left out.")
                              .arg(doneCount())
                              .arg(entryCount())
                              .arg(QFileInfo(queue_.bundlePath).fileName(),
                                   localNumber(queue_.threshold, 'f', 3))
                              .arg(queue_.alreadyAnnotated));
}

} // namespace dl::ui
