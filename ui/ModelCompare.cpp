#include "ui/ModelCompare.h"

#include "ui/PlotStyle.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <iterator>
#include <tuple>

namespace dl::ui {

namespace {

// The old model wide and pale under the new one, so identical curves stay
// visible; both in shades that read on the palette's base colour.
QPen beforePen(const QPalette& palette)
{
    return QPen(plotBlendColour(palette, 0.45), 5);
}

QPen afterPen(const QPalette& palette)
{
    constexpr int kRedCurve = 3;
    return QPen(plotCurveColour(kRedCurve, palette), 2);
}

QString metricText(double value)
{
    return value < 0 ? QStringLiteral("\u2013") : QString::number(value, 'f', 3);
}

// Axis labels and colours are set by retranslateUi and applyPlotPalette.
QCustomPlot* makeCurvePlot(double xMax, QWidget* parent)
{
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumSize(220, 200);
    plot->xAxis->setRange(0, xMax);
    plot->yAxis->setRange(0, 1.02);
    plot->legend->setVisible(true);
    QFont small = parent->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    plot->legend->setFont(small);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    return plot;
}

void setCurve(QCustomPlot* plot, int index, const QVector<QPointF>& points, const QString& name, const QPen& pen)
{
    while (plot->graphCount() <= index)
        plot->addGraph();
    QVector<double> x, y;
    for (const QPointF& p : points) {
        x.append(p.x());
        y.append(p.y());
    }
    QCPGraph* graph = plot->graph(index);
    // Curves may go back on x; sorted data would scramble them.
    graph->setData(x, y, true);
    graph->setName(name);
    graph->setPen(pen);
    graph->setLineStyle(QCPGraph::lsLine);
}

} // namespace

ModelCompare::ModelCompare(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The texts are set by retranslateUi, at the end and on every language switch.
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("compareStatus"));
    layout->addWidget(status_);

    table_ = new QTableWidget(0, 3, this);
    table_->setObjectName(QStringLiteral("compareMetrics"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->setMaximumHeight(200);
    layout->addWidget(table_);

    auto* plots = new QHBoxLayout;
    rocPlot_ = makeCurvePlot(1.0, this);
    rocPlot_->setObjectName(QStringLiteral("compareRoc"));
    proPlot_ = makeCurvePlot(0.3, this);
    proPlot_->setObjectName(QStringLiteral("comparePro"));
    rocTitle_ = new QCPTextElement(rocPlot_);
    rocPlot_->plotLayout()->insertRow(0);
    rocPlot_->plotLayout()->addElement(0, 0, rocTitle_);
    proTitle_ = new QCPTextElement(proPlot_);
    proPlot_->plotLayout()->insertRow(0);
    proPlot_->plotLayout()->addElement(0, 0, proTitle_);
    plots->addWidget(rocPlot_);
    plots->addWidget(proPlot_);
    layout->addLayout(plots, 1);

    promoteButton_ = new QPushButton(this);
    promoteButton_->setObjectName(QStringLiteral("promoteModel"));
    promoteButton_->setVisible(false);
    connect(promoteButton_, &QPushButton::clicked, this, [this] { emit promoteRequested(afterPath_); });
    layout->addWidget(promoteButton_);

    retranslateUi();
    applyPlotPalette();
}

void ModelCompare::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslateUi();
        break;
    case QEvent::PaletteChange:
    case QEvent::ApplicationPaletteChange:
        applyPlotPalette();
        break;
    default:
        break;
    }
}

void ModelCompare::retranslateUi()
{
    updateTitle();
    if (statusText_)
        status_->setText(statusText_());
    table_->setHorizontalHeaderLabels({tr("Before"), tr("After"), tr("Change")});
    rocPlot_->xAxis->setLabel(tr("False positive rate"));
    rocPlot_->yAxis->setLabel(tr("True positive rate"));
    proPlot_->xAxis->setLabel(tr("False positive rate (pixels)"));
    proPlot_->yAxis->setLabel(tr("Per-region overlap"));
    rocTitle_->setText(tr("Image ROC"));
    proTitle_->setText(tr("Pixel PRO (FPR \u2264 0.3)"));
    promoteButton_->setText(tr("&Promote the new model"));
    promoteButton_->setToolTip(tr("Make the retrained model the active one; until then the old model stays in use"));
    // The metric names and the legend entries; the values and curves stay as they are.
    if (table_->rowCount() > 0)
        refreshTable();
    refreshCurves();
}

void ModelCompare::applyPlotPalette()
{
    stylePlot(rocPlot_, palette());
    stylePlot(proPlot_, palette());
    refreshCurves(); // the curve pens follow the background too
}

void ModelCompare::updateTitle()
{
    title_->setText(beforePath_.isEmpty() && afterPath_.isEmpty()
                        ? tr("Select two models and press Compare.")
                        : tr("Before: %1\nAfter: %2").arg(QFileInfo(beforePath_).fileName(),
                                                          QFileInfo(afterPath_).fileName()));
}

void ModelCompare::begin(const QString& before, const QString& after, bool promotable)
{
    beforePath_ = before;
    afterPath_ = after;
    promotable_ = promotable;
    before_.reset();
    after_.reset();
    updateTitle();
    setStatusText([] { return tr("Evaluating both models on the same test images\u2026"); });
    rocPlot_->clearGraphs();
    proPlot_->clearGraphs();
    rocPlot_->replot();
    proPlot_->replot();
    refresh();
}

bool ModelCompare::setEvaluation(const ModelEvaluation& evaluation)
{
    if (evaluation.tag == QLatin1String("before") && evaluation.bundlePath == beforePath_)
        before_ = evaluation;
    else if (evaluation.tag == QLatin1String("after") && evaluation.bundlePath == afterPath_)
        after_ = evaluation;
    else
        return false;
    if (isComplete()) {
        const int images = after_->images;
        setStatusText([images] { return tr("Both models evaluated on %n test image(s).", nullptr, images); });
    }
    refresh();
    return true;
}

void ModelCompare::setStatus(const QString& text)
{
    setStatusText([text] { return text; });
}

void ModelCompare::setStatusText(std::function<QString()> text)
{
    statusText_ = std::move(text);
    status_->setText(statusText_ ? statusText_() : QString());
}

void ModelCompare::refresh()
{
    refreshTable();
    refreshCurves();
    promoteButton_->setVisible(promotable_);
    promoteButton_->setEnabled(promotable_ && isComplete());
}

void ModelCompare::refreshTable()
{
    struct Row {
        QString name;
        double ModelEvaluation::*member;
    };
    const Row rows[] = {{tr("Image AUROC"), &ModelEvaluation::imageAuroc},
                        {tr("Pixel AUROC"), &ModelEvaluation::pixelAuroc},
                        {tr("AU-PRO"), &ModelEvaluation::aupro},
                        {tr("F1-max"), &ModelEvaluation::f1Max},
                        {tr("Average precision"), &ModelEvaluation::ap},
                        {tr("Threshold"), &ModelEvaluation::threshold}};
    table_->setRowCount(int(std::size(rows)));
    for (int r = 0; r < int(std::size(rows)); ++r) {
        table_->setVerticalHeaderItem(r, new QTableWidgetItem(rows[r].name));
        const double before = before_ ? (*before_).*(rows[r].member) : -1;
        const double after = after_ ? (*after_).*(rows[r].member) : -1;
        table_->setItem(r, 0, new QTableWidgetItem(before_ ? metricText(before) : QStringLiteral("\u2026")));
        table_->setItem(r, 1, new QTableWidgetItem(after_ ? metricText(after) : QStringLiteral("\u2026")));
        QString change;
        if (before_ && after_ && before >= 0 && after >= 0)
            change = QStringLiteral("%1%2").arg(after >= before ? QStringLiteral("+") : QString())
                         .arg(after - before, 0, 'f', 3);
        auto* changeItem = new QTableWidgetItem(change);
        // Higher is better for every quality metric (not for the threshold).
        if (!change.isEmpty() && rows[r].member != &ModelEvaluation::threshold && after != before)
            changeItem->setForeground(after > before ? QColor(30, 140, 60) : QColor(200, 40, 40));
        table_->setItem(r, 2, changeItem);
    }
}

void ModelCompare::refreshCurves()
{
    // One curve per model; a multi-category model shows its first category.
    const auto plotOf = [](const std::optional<ModelEvaluation>& e, bool roc) {
        if (!e || e->curves.isEmpty())
            return QVector<QPointF>();
        return roc ? e->curves.front().roc : e->curves.front().pro;
    };
    int graph = 0;
    rocPlot_->clearGraphs();
    proPlot_->clearGraphs();
    // Short legend entries; the file names are in the title above.
    const QPalette& colours = palette();
    for (const auto& [evaluation, label, pen] : {std::make_tuple(&before_, tr("before"), beforePen(colours)),
                                                 std::make_tuple(&after_, tr("after"), afterPen(colours))}) {
        if (!evaluation->has_value())
            continue;
        setCurve(rocPlot_, graph, plotOf(*evaluation, true), label, pen);
        setCurve(proPlot_, graph, plotOf(*evaluation, false), label, pen);
        ++graph;
    }
    rocPlot_->replot();
    proPlot_->replot();
}

} // namespace dl::ui
