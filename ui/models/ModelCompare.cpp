#include "ui/models/ModelCompare.h"
#include "ui/common/LocalNumber.h"

#include "ui/common/PlotStyle.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <tuple>

namespace dl::ui {

namespace {

constexpr int kCurvesTab = 0;
constexpr int kDefectTypesTab = 1;

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

// The "All categories" view overlays every category's curve, as the engine
// computes no pooled curve (its mean is an unweighted mean of per-category
// metrics): lighter, thinner versions of the two pens, so the models stay apart.
QPen beforeCategoryPen(const QPalette& palette)
{
    return QPen(plotBlendColour(palette, 0.3), 3);
}

QPen afterCategoryPen(const QPalette& palette)
{
    QPen pen = afterPen(palette);
    QColor faded = pen.color();
    faded.setAlphaF(0.55);
    pen.setColor(faded);
    pen.setWidthF(1.5);
    return pen;
}

// What the table shows of one model: the mean or one category's metrics.
struct ShownMetrics {
    double imageAuroc = -1, pixelAuroc = -1, aupro = -1, f1Max = -1, ap = -1;
    double threshold = 0.0;
};

ShownMetrics shownMetrics(const ModelEvaluation& evaluation, const QString& category)
{
    ShownMetrics shown;
    shown.threshold = evaluation.threshold; // one threshold per model, whatever the category
    if (category.isEmpty()) {
        shown.imageAuroc = evaluation.imageAuroc;
        shown.pixelAuroc = evaluation.pixelAuroc;
        shown.aupro = evaluation.aupro;
        shown.f1Max = evaluation.f1Max;
        shown.ap = evaluation.ap;
        return shown;
    }
    for (const CategoryScores& scores : evaluation.categoryScores)
        if (scores.category == category) {
            shown.imageAuroc = scores.imageAuroc;
            shown.pixelAuroc = scores.pixelAuroc;
            shown.aupro = scores.aupro;
            shown.f1Max = scores.f1Max;
            shown.ap = scores.ap;
        }
    return shown;
}

const CategoryCurve* curveOf(const ModelEvaluation& evaluation, const QString& category)
{
    for (const CategoryCurve& curve : evaluation.curves)
        if (curve.category == category)
            return &curve;
    return nullptr;
}

QString metricText(double value)
{
    return value < 0 ? QStringLiteral("\u2013") : localNumber(value, 'f', 3);
}

// A change rounded to the three decimals shown: a change below that is no change
// (never "-0.000" in red).
double shownChange(double before, double after)
{
    return std::round((after - before) * 1000.0) / 1000.0;
}

QString changeText(double delta)
{
    return delta == 0.0 ? localNumber(0.0, 'f', 3)
                        : QStringLiteral("%1%2").arg(delta > 0 ? QStringLiteral("+") : QString(), localNumber(delta, 'f', 3));
}

QColor changeColour(double delta)
{
    return delta > 0 ? QColor(30, 140, 60) : QColor(200, 40, 40);
}

// The defect types an evaluation reports for `categories`, named "category: type" when `prefixed`.
QList<QPair<QString, DefectTypeScores>> defectTypeRows(const ModelEvaluation& evaluation,
                                                       const QStringList& categories, bool prefixed)
{
    QList<QPair<QString, DefectTypeScores>> rows;
    for (const CategoryScores& scores : evaluation.categoryScores) {
        if (!categories.contains(scores.category))
            continue;
        for (const DefectTypeScores& type : scores.defectTypes)
            rows.append({prefixed ? scores.category + QStringLiteral(": ") + type.defectType : type.defectType, type});
    }
    return rows;
}

// Axis labels and colours are set by retranslateUi and applyPlotPalette.
QCustomPlot* makeCurvePlot(double xMax, QWidget* parent)
{
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumSize(160, 200); // two side by side still fit a narrow dock
    plot->xAxis->setRange(0, xMax);
    plot->xAxis->ticker()->setTickCount(3); // the PRO axis' 0.05 steps ran together in a narrow dock
    plot->yAxis->setRange(0, 1.02);
    plot->legend->setVisible(false); // shown with the first curve: empty, it is a stray box
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

    auto* categoryRow = new QHBoxLayout;
    categoryLabel_ = new QLabel(this);
    categorySelector_ = new QComboBox(this);
    categorySelector_->setObjectName(QStringLiteral("compareCategory"));
    categoryLabel_->setBuddy(categorySelector_);
    categoryRow->addWidget(categoryLabel_);
    categoryRow->addWidget(categorySelector_, 1);
    layout->addLayout(categoryRow);
    categoryLabel_->setVisible(false);
    categorySelector_->setVisible(false);
    connect(categorySelector_, &QComboBox::currentIndexChanged, this, [this] {
        refreshTable();
        refreshCurves();
    });

    table_ = new QTableWidget(0, 3, this);
    table_->setObjectName(QStringLiteral("compareMetrics"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->setMaximumHeight(200);
    layout->addWidget(table_);

    // The curves and, where the evaluations have them, the defect types share the
    // space below the table (the dock is narrow).
    detailTabs_ = new QTabWidget(this);
    detailTabs_->setObjectName(QStringLiteral("compareDetails"));
    auto* curvesPage = new QWidget(detailTabs_);
    auto* plots = new QHBoxLayout(curvesPage);
    plots->setContentsMargins(0, 0, 0, 0);
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
    detailTabs_->addTab(curvesPage, QString());
    defectTypeTable_ = new QTableWidget(0, 3, detailTabs_);
    defectTypeTable_->setObjectName(QStringLiteral("compareDefectTypes"));
    defectTypeTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    defectTypeTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    detailTabs_->addTab(defectTypeTable_, QString());
    detailTabs_->setTabVisible(kDefectTypesTab, false);
    layout->addWidget(detailTabs_, 1);

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
    followLanguageAndPalette(event, [this] { retranslateUi(); }, [this] { applyPlotPalette(); });
}

void ModelCompare::retranslateUi()
{
    updateTitle();
    if (statusText_)
        status_->setText(statusText_());
    categoryLabel_->setText(tr("Categ&ory:"));
    if (categorySelector_->count() > 0)
        categorySelector_->setItemText(0, tr("All categories (mean)"));
    table_->setHorizontalHeaderLabels({tr("Before"), tr("After"), tr("Change")});
    defectTypeTable_->setHorizontalHeaderLabels({tr("Image AUROC"), tr("Pixel AUROC"), tr("Within its images")});
    for (int column = 0; column < defectTypeTable_->columnCount(); ++column)
        defectTypeTable_->horizontalHeaderItem(column)->setToolTip(tr("before \u2192 after (change)"));
    defectTypeTable_->horizontalHeaderItem(2)->setToolTip(
        tr("Pixel AUROC of the type's defect pixels against the other pixels of the same images, before \u2192 "
           "after (change): whether the map finds the defect inside an image, not only which images it flags"));
    detailTabs_->setTabText(kCurvesTab, tr("C&urves"));
    detailTabs_->setTabText(kDefectTypesTab, tr("By &defect type"));
    detailTabs_->setTabToolTip(kDefectTypesTab, tr("Each defect type against the category's good images: which kinds "
                                                  "of defect the new model finds better or worse"));
    rocPlot_->xAxis->setLabel(tr("False positive rate"));
    rocPlot_->yAxis->setLabel(tr("True positive rate"));
    proPlot_->xAxis->setLabel(tr("False positive rate (pixels)"));
    proPlot_->yAxis->setLabel(tr("Per-region overlap"));
    rocTitle_->setText(tr("Image ROC"));
    proTitle_->setText(tr("Pixel PRO (FPR \u2264 0.3)"));
    promoteButton_->setText(promoted_ ? tr("Promoted") : tr("&Promote the new model\u2026"));
    promoteButton_->setToolTip(tr("Make the new model the active one (asks for a reason); until then the old model "
                                  "stays in use"));
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
    promoted_ = false;
    promoteButton_->setText(tr("&Promote the new model\u2026"));
    before_.reset();
    after_.reset();
    rebuildCategorySelector();
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
        rebuildCategorySelector();
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

QString ModelCompare::selectedCategory() const
{
    return categorySelector_->currentData().toString();
}

void ModelCompare::rebuildCategorySelector()
{
    QStringList shared; // in the order of the old model's report
    if (isComplete())
        for (const CategoryScores& scores : before_->categoryScores)
            for (const CategoryScores& other : after_->categoryScores)
                if (other.category == scores.category && !shared.contains(scores.category))
                    shared << scores.category;
    const QString previous = selectedCategory();
    {
        // The caller refreshes the table and plots once the items are in place.
        const QSignalBlocker blocker(categorySelector_);
        categorySelector_->clear();
        if (shared.size() > 1) {
            categorySelector_->addItem(tr("All categories (mean)"), QString());
            for (const QString& category : shared)
                categorySelector_->addItem(category, category);
            categorySelector_->setCurrentIndex(std::max(0, categorySelector_->findData(previous)));
        }
    }
    const bool several = categorySelector_->count() > 1;
    categoryLabel_->setVisible(several);
    categorySelector_->setVisible(several);
}

void ModelCompare::refresh()
{
    refreshTable();
    refreshCurves();
    promoteButton_->setVisible(promotable_);
    promoteButton_->setEnabled(promotable_ && !promoted_ && isComplete());
}

void ModelCompare::setPromoted()
{
    promoted_ = true;
    promoteButton_->setText(tr("Promoted"));
    promoteButton_->setEnabled(false);
}

void ModelCompare::refreshTable()
{
    struct Row {
        QString name;
        double ShownMetrics::*member;
    };
    const Row rows[] = {{tr("Image AUROC"), &ShownMetrics::imageAuroc},
                        {tr("Pixel AUROC"), &ShownMetrics::pixelAuroc},
                        {tr("AU-PRO"), &ShownMetrics::aupro},
                        {tr("F1-max"), &ShownMetrics::f1Max},
                        {tr("Average precision"), &ShownMetrics::ap},
                        {tr("Threshold"), &ShownMetrics::threshold}};
    const QString category = selectedCategory();
    const std::optional<ShownMetrics> shownBefore
        = before_ ? std::optional(shownMetrics(*before_, category)) : std::nullopt;
    const std::optional<ShownMetrics> shownAfter
        = after_ ? std::optional(shownMetrics(*after_, category)) : std::nullopt;
    table_->setRowCount(int(std::size(rows)));
    for (int r = 0; r < int(std::size(rows)); ++r) {
        table_->setVerticalHeaderItem(r, new QTableWidgetItem(rows[r].name));
        const double before = shownBefore ? (*shownBefore).*(rows[r].member) : -1;
        const double after = shownAfter ? (*shownAfter).*(rows[r].member) : -1;
        table_->setItem(r, 0, new QTableWidgetItem(before_ ? metricText(before) : QStringLiteral("\u2026")));
        table_->setItem(r, 1, new QTableWidgetItem(after_ ? metricText(after) : QStringLiteral("\u2026")));
        QString change;
        const double delta = shownChange(before, after);
        if (before_ && after_ && before >= 0 && after >= 0)
            change = changeText(delta);
        // Each method scores on its own scale: a PatchCore distance and a DMAD score differ
        // by an order of magnitude whatever the models' quality.
        const bool scalesDiffer = rows[r].member == &ShownMetrics::threshold && before_ && after_
                                  && !before_->method.isEmpty() && !after_->method.isEmpty()
                                  && before_->method != after_->method;
        if (scalesDiffer)
            change = QStringLiteral("\u2014");
        auto* changeItem = new QTableWidgetItem(change);
        if (scalesDiffer)
            changeItem->setToolTip(tr("%1 and %2 score on different scales: their thresholds are not comparable.")
                                       .arg(before_->method, after_->method));
        // Higher is better for every quality metric (not for the threshold).
        if (!change.isEmpty() && rows[r].member != &ShownMetrics::threshold && delta != 0.0)
            changeItem->setForeground(changeColour(delta));
        table_->setItem(r, 2, changeItem);
    }
    refreshDefectTypeTable();
}

void ModelCompare::refreshDefectTypeTable()
{
    // As the curves: the selected category, every listed one for "All", or without a
    // selector the one category shown (the first of the newer evaluation at hand).
    QStringList categories;
    const bool allCategories = categorySelector_->count() > 1 && selectedCategory().isEmpty();
    if (allCategories) {
        for (int i = 1; i < categorySelector_->count(); ++i)
            categories << categorySelector_->itemData(i).toString();
    } else if (!selectedCategory().isEmpty()) {
        categories << selectedCategory();
    } else if (const auto& shown = after_ ? after_ : before_; shown && !shown->categoryScores.isEmpty()) {
        categories << shown->categoryScores.front().category;
    }
    using Rows = QList<QPair<QString, DefectTypeScores>>;
    const Rows beforeRows = before_ ? defectTypeRows(*before_, categories, allCategories) : Rows{};
    const Rows afterRows = after_ ? defectTypeRows(*after_, categories, allCategories) : Rows{};
    QStringList labels; // the new model's order, then types only the old one reports
    for (const Rows* rows : {&afterRows, &beforeRows})
        for (const auto& [label, scores] : *rows)
            if (!labels.contains(label))
                labels << label;
    const auto find = [](const Rows& rows, const QString& label) -> const DefectTypeScores* {
        for (const auto& row : rows)
            if (row.first == label)
                return &row.second;
        return nullptr;
    };
    detailTabs_->setTabVisible(kDefectTypesTab, !labels.isEmpty());
    defectTypeTable_->setRowCount(int(labels.size()));
    for (int r = 0; r < labels.size(); ++r) {
        const DefectTypeScores* before = find(beforeRows, labels[r]);
        const DefectTypeScores* after = find(afterRows, labels[r]);
        const DefectTypeScores* either = after ? after : before;
        auto* header = new QTableWidgetItem(labels[r]);
        header->setToolTip(either->defectPixelShare >= 0
                               ? tr("%n defect image(s); %1 % of the category's defect pixels", nullptr, either->images)
                                     .arg(either->defectPixelShare * 100.0, 0, 'f', 1)
                               : tr("%n defect image(s); no defect pixels in their masks", nullptr, either->images));
        defectTypeTable_->setVerticalHeaderItem(r, header);
        int column = 0;
        for (double DefectTypeScores::*member : {&DefectTypeScores::imageAuroc, &DefectTypeScores::pixelAuroc,
                                                 &DefectTypeScores::pixelAurocWithinImages}) {
            const double b = before ? before->*member : -1;
            const double a = after ? after->*member : -1;
            QString text = QStringLiteral("%1 \u2192 %2").arg(before_ ? metricText(b) : QStringLiteral("\u2026"),
                                                              after_ ? metricText(a) : QStringLiteral("\u2026"));
            const double delta = shownChange(b, a);
            const bool compared = before_ && after_ && b >= 0 && a >= 0;
            if (compared)
                text += QStringLiteral(" (%1)").arg(changeText(delta));
            auto* item = new QTableWidgetItem(text);
            if (compared && delta != 0.0)
                item->setForeground(changeColour(delta));
            defectTypeTable_->setItem(r, column++, item);
        }
    }
}

void ModelCompare::refreshCurves()
{
    // Without a selector (one shared category) each model shows its first
    // category; with one, the selected category or, for "All", every category.
    const QString category = selectedCategory();
    const bool allCategories = categorySelector_->count() > 1 && category.isEmpty();
    QStringList overlaid;
    for (int i = 1; allCategories && i < categorySelector_->count(); ++i)
        overlaid << categorySelector_->itemData(i).toString();

    int graph = 0;
    rocPlot_->clearGraphs();
    proPlot_->clearGraphs();
    // Short legend entries; the file names are in the title above.
    const QPalette& colours = palette();
    const auto addCurves = [&](const CategoryCurve* curve, const QString& label, const QPen& pen, bool inLegend) {
        const CategoryCurve none;
        setCurve(rocPlot_, graph, (curve ? curve : &none)->roc, label, pen);
        setCurve(proPlot_, graph, (curve ? curve : &none)->pro, label, pen);
        if (!inLegend) {
            rocPlot_->graph(graph)->removeFromLegend();
            proPlot_->graph(graph)->removeFromLegend();
        }
        ++graph;
    };
    for (const auto& [evaluation, label, pen, categoryPen] :
         {std::make_tuple(&before_, tr("before"), beforePen(colours), beforeCategoryPen(colours)),
          std::make_tuple(&after_, tr("after"), afterPen(colours), afterCategoryPen(colours))}) {
        if (!evaluation->has_value())
            continue;
        const ModelEvaluation& shown = **evaluation;
        if (allCategories) {
            // One legend entry per model, not per category.
            for (int i = 0; i < overlaid.size(); ++i)
                addCurves(curveOf(shown, overlaid[i]), label, categoryPen, i == 0);
        } else if (!category.isEmpty()) {
            addCurves(curveOf(shown, category), label, pen, true);
        } else {
            addCurves(shown.curves.isEmpty() ? nullptr : &shown.curves.front(), label, pen, true);
        }
    }
    for (QCustomPlot* plot : {rocPlot_, proPlot_})
        plot->legend->setVisible(plot->legend->itemCount() > 0);
    rocPlot_->replot();
    proPlot_->replot();
}

} // namespace dl::ui
