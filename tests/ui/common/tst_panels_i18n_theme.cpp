// The training dock, the model list and the model comparison follow a run-time
// language switch without losing what the user set up, and their QCustomPlot
// charts take their colours from the light/dark palette. No engine work runs:
// the comparison is fed evaluations directly.
#include "ui/MainWindow.h"
#include "ui/models/ModelCompare.h"
#include "ui/bridge/ModelJobs.h"
#include "ui/models/ModelList.h"
#include "ui/common/Theme.h"
#include "ui/training/TrainingPanel.h"
#include "ui/common/Translations.h"
#include "common/Log.h"

#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

namespace {

dl::ui::ModelEvaluation fakeEvaluation(const QString& bundlePath, const QString& tag, double imageAuroc)
{
    dl::ui::ModelEvaluation evaluation;
    evaluation.bundlePath = bundlePath;
    evaluation.tag = tag;
    evaluation.imageAuroc = imageAuroc;
    evaluation.pixelAuroc = 0.9;
    evaluation.aupro = 0.7;
    evaluation.images = 8;
    dl::ui::CategoryCurve curve;
    curve.category = QStringLiteral("widget");
    curve.roc = {{0.0, 0.0}, {0.1, imageAuroc}, {1.0, 1.0}};
    curve.pro = {{0.0, 0.0}, {0.3, 0.7}};
    evaluation.curves << curve;
    return evaluation;
}

// QCustomPlot keeps its background brush to itself; a corner of the rendered plot shows it.
QColor renderedBackground(QCustomPlot* plot)
{
    return plot->toPixmap().toImage().pixelColor(1, 1);
}

const QString kBefore = QStringLiteral("/models/before.dlm");
const QString kAfter = QStringLiteral("/models/after.dlm");

} // namespace

class TestPanelsI18nTheme : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DefectLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_panels_i18n_theme"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path() + "/settings");
    }

    void cleanup()
    {
        // Leave the next test in English and the light theme, whatever failed.
        dl::ui::setLanguage(*qApp, QStringLiteral("en"));
        dl::ui::applyTheme(dl::ui::Theme::Light);
    }

    void languageSwitchRetranslatesTheModelPanelsAndKeepsTheirState()
    {
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        dl::ui::TrainingPanel* training = window.trainingPanel();
        dl::ui::ModelList* models = window.modelList();
        dl::ui::ModelCompare* compare = models->comparison();

        // State the switch must keep: a method with a typed parameter, and a finished comparison.
        auto* methodBox = training->findChild<QComboBox*>(QStringLiteral("trainingMethod"));
        QVERIFY(methodBox);
        QString method;
        for (int index = methodBox->count() - 1; index >= 0 && method.isEmpty(); --index) {
            training->setMethod(methodBox->itemData(index).toString());
            if (training->setParameter(QStringLiteral("image_size"), 160))
                method = methodBox->itemData(index).toString();
        }
        QVERIFY2(!method.isEmpty(), "no method has an image_size parameter");
        compare->begin(kBefore, kAfter, true);
        QVERIFY(compare->setEvaluation(fakeEvaluation(kBefore, QStringLiteral("before"), 0.812)));
        QVERIFY(compare->setEvaluation(fakeEvaluation(kAfter, QStringLiteral("after"), 0.934)));
        QVERIFY(compare->isComplete());

        auto* startButton = training->findChild<QPushButton*>(QStringLiteral("startTraining"));
        auto* trainingBox = training->findChild<QGroupBox*>();
        auto* activateButton = models->findChild<QPushButton*>(QStringLiteral("activateModel"));
        QPushButton* promoteButton = compare->promoteButton();
        QVERIFY(startButton && trainingBox && activateButton && promoteButton);
        QCOMPARE(startButton->text(), QString("&Start training"));
        QCOMPARE(training->curvePlot()->xAxis->label(), QString("Epoch"));
        QCOMPARE(activateButton->text(), QString("&Promote\u2026"));
        QCOMPARE(models->table()->horizontalHeaderItem(1)->text(), QString("Model"));
        QCOMPARE(promoteButton->text(), QString("&Promote the new model\u2026"));
        QCOMPARE(compare->rocPlot()->xAxis->label(), QString("False positive rate"));
        QCOMPARE(compare->metricsTable()->horizontalHeaderItem(0)->text(), QString("Before"));
        QCOMPARE(compare->rocPlot()->graph(1)->name(), QString("after"));
        const QString statusInEnglish = compare->findChild<QLabel*>(QStringLiteral("compareStatus"))->text();

        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("de")));
        QTRY_COMPARE(startButton->text(), QString("Training &starten"));
        QCOMPARE(training->curvePlot()->xAxis->label(), QString("Epoche"));
        QCOMPARE(training->curvePlot()->yAxis->label(), QString("Verlust"));
        QCOMPARE(activateButton->text(), QString("&Übernehmen\u2026"));
        QCOMPARE(models->table()->horizontalHeaderItem(1)->text(), QString("Modell"));
        QCOMPARE(promoteButton->text(), QString("Neues Modell &übernehmen\u2026"));
        QCOMPARE(compare->rocPlot()->xAxis->label(), QString("Falsch-Positiv-Rate"));
        QCOMPARE(compare->metricsTable()->horizontalHeaderItem(0)->text(), QString("Vorher"));
        QCOMPARE(compare->metricsTable()->verticalHeaderItem(0)->text(), QString("Bild-AUROC"));
        QCOMPARE(compare->rocPlot()->graph(1)->name(), QString("nachher"));
        QVERIFY(compare->findChild<QLabel*>(QStringLiteral("compareStatus"))->text() != statusInEnglish);

        // Nothing the user chose or the comparison computed is lost.
        QCOMPARE(methodBox->currentData().toString(), method);
        QCOMPARE(training->currentSpec().params.value(QStringLiteral("image_size")).toInteger(), 160);
        QCOMPARE(compare->metricsTable()->item(0, 0)->text(), QString("0.812"));
        QCOMPARE(compare->metricsTable()->item(0, 1)->text(), QString("0.934"));
        QCOMPARE(compare->rocPlot()->graphCount(), 2);
        QCOMPARE(compare->rocPlot()->graph(0)->dataCount(), 3);
        QVERIFY(promoteButton->isEnabled());

        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("en")));
        QTRY_COMPARE(startButton->text(), QString("&Start training"));
        QCOMPARE(trainingBox->title(), QString("Training"));
        QCOMPARE(training->curvePlot()->xAxis->label(), QString("Epoch"));
        QCOMPARE(activateButton->text(), QString("&Promote\u2026"));
        QCOMPARE(models->table()->horizontalHeaderItem(1)->text(), QString("Model"));
        QCOMPARE(promoteButton->text(), QString("&Promote the new model\u2026"));
        QCOMPARE(compare->rocPlot()->xAxis->label(), QString("False positive rate"));
        QCOMPARE(compare->rocPlot()->graph(1)->name(), QString("after"));
        QCOMPARE(compare->findChild<QLabel*>(QStringLiteral("compareStatus"))->text(), statusInEnglish);
        QCOMPARE(compare->metricsTable()->item(0, 1)->text(), QString("0.934"));
    }

    // German is the longest language: every language must fit a 1600 px wide screen,
    // and switching back must not leave the window wider than before.
    void everyLanguageFitsA1600PixelScreen()
    {
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.resize(1560, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int englishWidth = window.width();
        QCOMPARE(englishWidth, 1560);
        for (const QString language : {QStringLiteral("de"), QStringLiteral("ja"), QStringLiteral("zh_CN"),
                                       QStringLiteral("en")}) {
            QVERIFY(dl::ui::setLanguage(*qApp, language));
            QTest::qWait(300); // the relayout and the window's return to its chosen width
            QVERIFY2(window.minimumSizeHint().width() <= 1600,
                     qPrintable(QStringLiteral("%1: minimum width %2").arg(language).arg(window.minimumSizeHint().width())));
            QVERIFY2(window.minimumWidth() <= 1600 && window.width() <= 1600,
                     qPrintable(QStringLiteral("%1: window %2 px wide").arg(language).arg(window.width())));
        }
        QCOMPARE(window.width(), englishWidth);
    }

    // Started in German (the language chosen before the window exists), the window's
    // natural size passes 1600 px: on a 1600 x 1000 screen it opens within the screen.
    void aGermanWindowOpensWithinTheScreen()
    {
        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("de")));
        {
            dl::ui::MainWindow window;
            window.setErrorDialogsEnabled(false);
            window.fitInto(QRect(0, 0, 1600, 1000));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY2(window.width() <= 1600 && window.height() <= 1000,
                     qPrintable(QStringLiteral("%1 x %2").arg(window.width()).arg(window.height())));
            QVERIFY(window.width() >= window.minimumSizeHint().width());
            QVERIFY(window.x() >= 0 && window.x() + window.width() <= 1600);
            // Line mode's page, shown in the centre, fits the same screen.
            auto* linePanel = window.findChild<QWidget*>(QStringLiteral("linePanel"));
            QVERIFY(linePanel);
            QVERIFY2(linePanel->minimumSizeHint().width() <= window.centralWidget()->width(),
                     qPrintable(QStringLiteral("line page %1 px, centre %2 px")
                                    .arg(linePanel->minimumSizeHint().width())
                                    .arg(window.centralWidget()->width())));
        }
        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("en")));
    }

    // The engine's log lines and progress stages (core, no Qt) appear in the chosen
    // language, with their arguments; text not marked for translation stays as written.
    void engineTextAppearsInTheChosenLanguage()
    {
        dl::ui::MainWindow window;
        auto* logView = window.findChild<QPlainTextEdit*>(QStringLiteral("logView"));
        QVERIFY(logView);
        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("de")));
        dl::logInfo(DL_TR("Engine", "watching %1 with %2"), std::string("/line/in"), std::string("DMAD 7"));
        dl::logWarning(DL_TR("Engine", "dskd: %1 epochs in %2 min, keeping epoch %3"), 12, std::string("3.5"), 9);
        dl::logWarning(std::string("a plain line"));
        QTRY_VERIFY(logView->toPlainText().contains(QStringLiteral("a plain line")));
        const QString text = logView->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("überwache /line/in mit DMAD 7")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("dskd: 12 Epochen in 3.5 min, Epoche 9 behalten")), qPrintable(text));
        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("ja")));
        dl::logInfo(DL_TR("Engine", "switching from %1 to %2"), std::string("A"), std::string("B"));
        QTRY_VERIFY2(logView->toPlainText().contains(QStringLiteral("A から B に切り替えます")),
                     qPrintable(logView->toPlainText()));
        // A progress stage inside another (cross-validation folds), translated at both levels.
        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("de")));
        const dl::EngineText stage = dl::engineText(DL_TR("Engine", "fold %1/%2: %3"), 2, 5,
                                                    dl::EngineText(DL_TR("Engine", "calibrating threshold")));
        QCOMPARE(stage.text, std::string("fold 2/5: calibrating threshold"));
        QCOMPARE(dl::ui::displayedText(stage), QStringLiteral("Fold 2/5: Schwellenwert wird kalibriert"));
        // The same message in English where no translation is installed.
        QVERIFY(dl::ui::setLanguage(*qApp, QStringLiteral("en")));
        dl::EngineText message = dl::engineText(DL_TR("Engine", "switching from %1 to %2"), "A", "B");
        QCOMPARE(dl::ui::displayedText(message), QStringLiteral("switching from A to B"));
    }

    void darkThemeRestylesThePlots()
    {
        dl::ui::applyTheme(dl::ui::Theme::Light);
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        dl::ui::ModelCompare* compare = window.modelList()->comparison();
        compare->begin(kBefore, kAfter, false);
        compare->setEvaluation(fakeEvaluation(kBefore, QStringLiteral("before"), 0.8));
        compare->setEvaluation(fakeEvaluation(kAfter, QStringLiteral("after"), 0.9));
        const QList<QCustomPlot*> plots = {window.trainingPanel()->curvePlot(), compare->rocPlot(),
                                           compare->proPlot()};
        for (QCustomPlot* plot : plots)
            QVERIFY2(renderedBackground(plot).lightness() > 180, qPrintable(plot->objectName()));
        const QColor lightAfterCurve = compare->rocPlot()->graph(1)->pen().color();

        dl::ui::applyTheme(dl::ui::Theme::Dark);
        const QPalette dark = dl::ui::themePalette(dl::ui::Theme::Dark);
        for (QCustomPlot* plot : plots) {
            const char* name = qPrintable(plot->objectName());
            QTRY_COMPARE(renderedBackground(plot), dark.color(QPalette::Window));
            QVERIFY2(renderedBackground(plot) != QColor(Qt::white), name);
            QCOMPARE(plot->axisRect()->backgroundBrush().color(), dark.color(QPalette::Base));
            QCOMPARE(plot->xAxis->tickLabelColor(), dark.color(QPalette::WindowText));
            QCOMPARE(plot->yAxis->labelColor(), dark.color(QPalette::WindowText));
            QCOMPARE(plot->legend->textColor(), dark.color(QPalette::WindowText));
            QVERIFY2(plot->xAxis->grid()->pen().color().lightness() < 128, name);
        }
        // The curves stay apart from each other and readable on the dark base.
        const QColor beforeCurve = compare->rocPlot()->graph(0)->pen().color();
        const QColor afterCurve = compare->rocPlot()->graph(1)->pen().color();
        QVERIFY(afterCurve != lightAfterCurve);
        QVERIFY(beforeCurve != afterCurve);
        const int baseLightness = dark.color(QPalette::Base).lightness();
        QVERIFY(beforeCurve.lightness() - baseLightness > 60);
        QVERIFY(afterCurve.lightness() - baseLightness > 60);
        QCOMPARE(compare->metricsTable()->item(0, 1)->text(), QString("0.900")); // data kept

        dl::ui::applyTheme(dl::ui::Theme::Light);
        for (QCustomPlot* plot : plots)
            QTRY_VERIFY2(renderedBackground(plot).lightness() > 180, qPrintable(plot->objectName()));
        QCOMPARE(compare->rocPlot()->graph(1)->pen().color(), lightAfterCurve);
    }
};

QTEST_MAIN(TestPanelsI18nTheme)
#include "tst_panels_i18n_theme.moc"
