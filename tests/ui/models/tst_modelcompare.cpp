// The model comparison on synthetic evaluations (no engine, no training): a
// unified model over two categories gets a category selector that switches the
// metrics table and the ROC/PRO curves between the mean and each category; a
// single-category comparison keeps its plain before/after view; the defect types
// of the category shown (every category's for the mean) get a before/after table.
#include "ui/models/ModelCompare.h"
#include "ui/bridge/ModelJobs.h"

#include <QComboBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include <qcustomplot.h>

using dl::ui::CategoryCurve;
using dl::ui::CategoryScores;
using dl::ui::DefectTypeScores;
using dl::ui::ModelCompare;
using dl::ui::ModelEvaluation;

namespace {

const QString kBeforePath = QStringLiteral("/models/before.dlm");
const QString kAfterPath = QStringLiteral("/models/after.dlm");

// A curve whose middle point identifies it, so a plotted curve can be traced to its category.
QVector<QPointF> markedCurve(double middleY)
{
    return {QPointF(0.0, 0.0), QPointF(0.1, middleY), QPointF(0.3, 1.0)};
}

CategoryScores scores(const QString& category, double imageAuroc, double aupro)
{
    CategoryScores s;
    s.category = category;
    s.imageAuroc = imageAuroc;
    s.pixelAuroc = 0.9;
    s.aupro = aupro;
    s.f1Max = 0.8;
    s.ap = 0.85;
    s.images = 10;
    return s;
}

// An evaluation over `categories`; each category's metrics and curve points are
// distinct (offset by `shift`), and the mean fields are their mean, like the engine's.
ModelEvaluation evaluation(const QString& path, const QString& tag, const QStringList& categories, double shift)
{
    ModelEvaluation e;
    e.bundlePath = path;
    e.tag = tag;
    e.threshold = 1.5 + shift;
    e.images = 10 * int(categories.size());
    double imageSum = 0, auproSum = 0;
    for (int i = 0; i < categories.size(); ++i) {
        const double image = 0.5 + 0.2 * i + shift;
        const double aupro = 0.4 + 0.1 * i + shift;
        imageSum += image;
        auproSum += aupro;
        e.categoryScores.append(scores(categories[i], image, aupro));
        e.curves.append(CategoryCurve{categories[i], markedCurve(0.3 + 0.2 * i + shift),
                                      markedCurve(0.2 + 0.2 * i + shift)});
    }
    e.imageAuroc = imageSum / categories.size();
    e.aupro = auproSum / categories.size();
    e.pixelAuroc = 0.9;
    e.f1Max = 0.8;
    e.ap = 0.85;
    return e;
}

DefectTypeScores defectType(const QString& name, double imageAuroc, double pixelAuroc, double share)
{
    DefectTypeScores t;
    t.defectType = name;
    t.imageAuroc = imageAuroc;
    t.pixelAuroc = pixelAuroc;
    t.aupro = 0.5;
    t.defectPixelShare = share;
    t.images = 4;
    t.pixelAurocWithinImages = pixelAuroc - 0.125; // below the pooled value, as where whole defect images are raised
    return t;
}

QString typeCell(const ModelCompare& compare, int row, int column)
{
    const QTableWidgetItem* item = compare.defectTypeTable()->item(row, column);
    return item ? item->text() : QString();
}

double middleY(QCPGraph* graph)
{
    return graph->dataCount() == 3 ? graph->data()->at(1)->value : -1.0;
}

QString cell(const ModelCompare& compare, int row, int column)
{
    const QTableWidgetItem* item = compare.metricsTable()->item(row, column);
    return item ? item->text() : QString();
}

} // namespace

class TestModelCompare : public QObject {
    Q_OBJECT

private slots:
    void selectorSwitchesTableAndCurves()
    {
        ModelCompare compare;
        compare.show();
        const QStringList categories{QStringLiteral("bottle"), QStringLiteral("magnetic_tile")};
        compare.begin(kBeforePath, kAfterPath, true);
        QVERIFY(!compare.categorySelector()->isVisible());
        QVERIFY(compare.setEvaluation(evaluation(kBeforePath, QStringLiteral("before"), categories, 0.0)));
        QVERIFY(!compare.categorySelector()->isVisible()); // waits for both evaluations
        QVERIFY(compare.setEvaluation(evaluation(kAfterPath, QStringLiteral("after"), categories, 0.05)));

        QComboBox* selector = compare.categorySelector();
        QVERIFY(selector->isVisible());
        QCOMPARE(selector->count(), 3);
        QCOMPARE(selector->itemText(0), QStringLiteral("All categories (mean)"));
        QCOMPARE(selector->itemText(1), QStringLiteral("bottle"));
        QCOMPARE(selector->itemText(2), QStringLiteral("magnetic_tile"));
        QCOMPARE(selector->currentIndex(), 0);

        // All categories: the mean metrics, and every category's curve of both models.
        QCOMPARE(cell(compare, 0, 0), QStringLiteral("0.600")); // image AUROC mean before
        QCOMPARE(cell(compare, 0, 1), QStringLiteral("0.650"));
        QCOMPARE(cell(compare, 0, 2), QStringLiteral("+0.050"));
        QCOMPARE(compare.rocPlot()->graphCount(), 4);
        QCOMPARE(compare.proPlot()->graphCount(), 4);
        QCOMPARE(compare.rocPlot()->legend->itemCount(), 2); // one entry per model

        // One category: its metrics and its curves only.
        selector->setCurrentIndex(2);
        QCOMPARE(compare.selectedCategory(), QStringLiteral("magnetic_tile"));
        QCOMPARE(cell(compare, 0, 0), QStringLiteral("0.700"));
        QCOMPARE(cell(compare, 0, 1), QStringLiteral("0.750"));
        QCOMPARE(cell(compare, 2, 0), QStringLiteral("0.500")); // AU-PRO
        QCOMPARE(cell(compare, 2, 1), QStringLiteral("0.550"));
        QCOMPARE(compare.rocPlot()->graphCount(), 2);
        QCOMPARE(compare.proPlot()->graphCount(), 2);
        QCOMPARE(middleY(compare.rocPlot()->graph(0)), 0.5);
        QCOMPARE(middleY(compare.rocPlot()->graph(1)), 0.55);
        QCOMPARE(middleY(compare.proPlot()->graph(0)), 0.4);
        QCOMPARE(middleY(compare.proPlot()->graph(1)), 0.45);

        selector->setCurrentIndex(1);
        QCOMPARE(cell(compare, 0, 0), QStringLiteral("0.500"));
        QCOMPARE(cell(compare, 0, 1), QStringLiteral("0.550"));
        QCOMPARE(middleY(compare.rocPlot()->graph(0)), 0.3);
        QCOMPARE(middleY(compare.proPlot()->graph(1)), 0.25);

        // A language switch keeps the selection.
        QEvent languageChange(QEvent::LanguageChange);
        QCoreApplication::sendEvent(&compare, &languageChange);
        QCOMPARE(compare.selectedCategory(), QStringLiteral("bottle"));
        QCOMPARE(cell(compare, 0, 0), QStringLiteral("0.500"));

        // Back to all categories.
        selector->setCurrentIndex(0);
        QCOMPARE(cell(compare, 0, 0), QStringLiteral("0.600"));
        QCOMPARE(compare.rocPlot()->graphCount(), 4);

        // A new comparison starts without a selector.
        compare.begin(kBeforePath, kAfterPath, false);
        QVERIFY(!selector->isVisible());
        QCOMPARE(selector->count(), 0);
    }

    void singleCategoryHasNoSelector()
    {
        ModelCompare compare;
        compare.show();
        const QStringList categories{QStringLiteral("bottle")};
        compare.begin(kBeforePath, kAfterPath, false);
        QVERIFY(!compare.rocPlot()->legend->visible()); // no curves, no empty legend box
        QVERIFY(compare.setEvaluation(evaluation(kBeforePath, QStringLiteral("before"), categories, 0.0)));
        QVERIFY(compare.setEvaluation(evaluation(kAfterPath, QStringLiteral("after"), categories, 0.1)));
        QVERIFY(compare.rocPlot()->legend->visible());
        QCOMPARE(compare.rocPlot()->legend->itemCount(), 2);
        QVERIFY(!compare.categorySelector()->isVisible());
        QCOMPARE(compare.rocPlot()->graphCount(), 2);
        QCOMPARE(middleY(compare.rocPlot()->graph(0)), 0.3);
        QCOMPARE(middleY(compare.rocPlot()->graph(1)), 0.4);
        QCOMPARE(cell(compare, 0, 0), QStringLiteral("0.500"));
        QCOMPARE(cell(compare, 0, 1), QStringLiteral("0.600"));
    }

    void thresholdsOfDifferentMethodsAreNotCompared()
    {
        const QStringList categories{QStringLiteral("bottle")};
        const int thresholdRow = 5;
        ModelEvaluation before = evaluation(kBeforePath, QStringLiteral("before"), categories, 0.0);
        ModelEvaluation after = evaluation(kAfterPath, QStringLiteral("after"), categories, 0.1);
        before.method = after.method = QStringLiteral("dmad");
        {
            ModelCompare compare;
            compare.begin(kBeforePath, kAfterPath, false);
            QVERIFY(compare.setEvaluation(before));
            QVERIFY(compare.setEvaluation(after));
            QCOMPARE(cell(compare, thresholdRow, 2), QStringLiteral("+0.100")); // one method: one scale
        }
        before.method = QStringLiteral("patchcore");
        after.threshold = 20.0;
        ModelCompare compare;
        compare.begin(kBeforePath, kAfterPath, false);
        QVERIFY(compare.setEvaluation(before));
        QVERIFY(compare.setEvaluation(after));
        QCOMPARE(cell(compare, thresholdRow, 0), QStringLiteral("1.500"));
        QCOMPARE(cell(compare, thresholdRow, 1), QStringLiteral("20.000"));
        QCOMPARE(cell(compare, thresholdRow, 2), QStringLiteral("\u2014"));
        QVERIFY(compare.metricsTable()->item(thresholdRow, 2)->toolTip().contains(QStringLiteral("not comparable")));
    }

    void defectTypesShowBeforeAndAfter()
    {
        ModelCompare compare;
        compare.show();
        const QStringList categories{QStringLiteral("bottle"), QStringLiteral("magnetic_tile")};
        compare.begin(kBeforePath, kAfterPath, false);
        ModelEvaluation before = evaluation(kBeforePath, QStringLiteral("before"), categories, 0.0);
        ModelEvaluation after = evaluation(kAfterPath, QStringLiteral("after"), categories, 0.05);
        QVERIFY(compare.setEvaluation(before));
        QVERIFY(compare.setEvaluation(after));
        QTabWidget* tabs = compare.detailTabs();
        QVERIFY(!tabs->isTabVisible(1)); // nothing broken down by type

        before.categoryScores[1].defectTypes = {defectType(QStringLiteral("MT_Crack"), 0.880, 0.950, 0.01),
                                                defectType(QStringLiteral("MT_Uneven"), 0.900, 0.760, 0.71)};
        after.categoryScores[1].defectTypes = {defectType(QStringLiteral("MT_Crack"), 0.930, 0.950, 0.01),
                                               defectType(QStringLiteral("MT_Uneven"), 0.880, 0.7604, 0.71)};
        after.categoryScores[0].defectTypes = {defectType(QStringLiteral("broken_large"), 1.0, 0.99, 0.5),
                                               defectType(QStringLiteral("contamination"), 1.0, 0.98, 0.5)};
        compare.begin(kBeforePath, kAfterPath, false);
        QVERIFY(compare.setEvaluation(before));
        // Until both arrive there is no selector: like the curves, the first category only
        // (bottle, which the old model does not break down).
        QVERIFY(!tabs->isTabVisible(1));
        QVERIFY(compare.setEvaluation(after));

        // All categories: every category's types, named with their category; types only
        // one model reports show a dash for the other.
        QTableWidget* types = compare.defectTypeTable();
        QVERIFY(tabs->isTabVisible(1));
        QCOMPARE(tabs->tabText(1), QStringLiteral("By &defect type"));
        QCOMPARE(types->rowCount(), 4);
        QCOMPARE(types->verticalHeaderItem(0)->text(), QStringLiteral("bottle: broken_large"));
        QCOMPARE(typeCell(compare, 0, 0), QStringLiteral("\u2013 \u2192 1.000"));
        QCOMPARE(types->verticalHeaderItem(2)->text(), QStringLiteral("magnetic_tile: MT_Crack"));

        // One category: its types only, with the change, coloured by its sign.
        compare.categorySelector()->setCurrentIndex(2);
        QCOMPARE(types->rowCount(), 2);
        QCOMPARE(types->verticalHeaderItem(0)->text(), QStringLiteral("MT_Crack"));
        QCOMPARE(typeCell(compare, 0, 0), QStringLiteral("0.880 \u2192 0.930 (+0.050)"));
        QCOMPARE(typeCell(compare, 0, 1), QStringLiteral("0.950 \u2192 0.950 (0.000)"));
        QCOMPARE(typeCell(compare, 0, 2), QStringLiteral("0.825 \u2192 0.825 (0.000)"));
        QCOMPARE(types->horizontalHeaderItem(2)->text(), QStringLiteral("Within its images"));
        QCOMPARE(typeCell(compare, 1, 0), QStringLiteral("0.900 \u2192 0.880 (-0.020)"));
        QCOMPARE(typeCell(compare, 1, 1), QStringLiteral("0.760 \u2192 0.760 (0.000)")); // below the digits shown
        QVERIFY(types->item(0, 0)->foreground().color().green() > types->item(0, 0)->foreground().color().red());
        QVERIFY(types->item(1, 0)->foreground().color().red() > types->item(1, 0)->foreground().color().green());
        QVERIFY(types->verticalHeaderItem(1)->toolTip().contains(QStringLiteral("71.0 %")));

        // The old model breaks nothing down for bottle: the new one's types, the old values dashed.
        compare.categorySelector()->setCurrentIndex(1);
        QCOMPARE(types->rowCount(), 2); // the new model's bottle types
        if (qEnvironmentVariableIsSet("DL_SCREENSHOT_DIR")) { // for the docs: the tab as it looks
            compare.resize(420, 640);
            tabs->setCurrentIndex(1);
            compare.categorySelector()->setCurrentIndex(2);
            compare.grab().save(qEnvironmentVariable("DL_SCREENSHOT_DIR") + QStringLiteral("/compare-defect-types.png"));
        }
        compare.begin(kBeforePath, kAfterPath, false);
        QVERIFY(!tabs->isTabVisible(1));

        // One category, no selector: its types, named without the category.
        const QStringList tile{QStringLiteral("magnetic_tile")};
        ModelEvaluation beforeTile = evaluation(kBeforePath, QStringLiteral("before"), tile, 0.0);
        ModelEvaluation afterTile = evaluation(kAfterPath, QStringLiteral("after"), tile, 0.05);
        beforeTile.categoryScores[0].defectTypes = before.categoryScores[1].defectTypes;
        afterTile.categoryScores[0].defectTypes = after.categoryScores[1].defectTypes;
        QVERIFY(compare.setEvaluation(beforeTile));
        QVERIFY(compare.setEvaluation(afterTile));
        QVERIFY(!compare.categorySelector()->isVisible());
        QVERIFY(tabs->isTabVisible(1));
        QCOMPARE(types->rowCount(), 2);
        QCOMPARE(types->verticalHeaderItem(1)->text(), QStringLiteral("MT_Uneven"));
        QCOMPARE(typeCell(compare, 1, 0), QStringLiteral("0.900 \u2192 0.880 (-0.020)"));
    }

    void onlySharedCategoriesAreListed()
    {
        ModelCompare compare;
        compare.show();
        compare.begin(kBeforePath, kAfterPath, false);
        const QStringList three{QStringLiteral("bottle"), QStringLiteral("magnetic_tile"), QStringLiteral("screw")};
        const QStringList two{QStringLiteral("screw"), QStringLiteral("bottle")};
        QVERIFY(compare.setEvaluation(evaluation(kBeforePath, QStringLiteral("before"), three, 0.0)));
        QVERIFY(compare.setEvaluation(evaluation(kAfterPath, QStringLiteral("after"), two, 0.0)));
        QComboBox* selector = compare.categorySelector();
        QCOMPARE(selector->count(), 3);
        QCOMPARE(selector->itemText(1), QStringLiteral("bottle"));
        QCOMPARE(selector->itemText(2), QStringLiteral("screw"));
    }
};

QTEST_MAIN(TestModelCompare)
#include "tst_modelcompare.moc"
