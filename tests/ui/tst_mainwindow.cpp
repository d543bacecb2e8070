// The main window on generated data: it opens datasets without blocking the GUI
// thread, reports errors naming the folder, cancels, scores images with a real
// (freshly trained) model, and ships complete German/Chinese/Japanese translations.
#include "TestSupport.h"
#include "ui/GeneratedParts.h"
#include "common/Error.h"
#include "data/Importers.h"
#include "engine/Engine.h"
#include "ui/dataset/DatasetTree.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/common/ImageConvert.h"
#include "ui/viewer/ImageViewer.h"
#include "ui/MainWindow.h"
#include "ui/viewer/ResultView.h"
#include "ui/training/TrainingPanel.h"
#include "ui/common/Translations.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using dltest::makePart;
using dltest::writeParts;

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
    }

    void constructsWithMenusDocksAndIdleStatusBar()
    {
        dl::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList menus;
        for (QAction* action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, QStringList({"&File", "&Inspect", "&View", "&Tools", "&Help"}));
        QVERIFY(window.findChild<QWidget*>("datasetDock"));
        QVERIFY(window.findChild<QWidget*>("logDock"));
        QVERIFY(!window.findChild<QWidget*>("progressBar")->isVisible());
        QVERIFY(!window.findChild<QWidget*>("cancelButton")->isVisible());
        // The icon resources are linked in from the static dl_ui library.
        QVERIFY(QFile::exists(":/icons/defectlens.svg"));
        QVERIFY(!window.windowIcon().pixmap(32, 32).isNull());
        QCOMPARE(window.resultView()->verdictText(), QString());
    }

    void opensPlainFolderWithoutBlockingAndCountsImages()
    {
        const QString folder = dir_.path() + "/widgets";
        writeParts(folder, 3);
        writeParts(folder + "/more", 2, 10); // the folder importer looks into subfolders too

        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        window.show();
        window.openDataset(folder);
        // The call returned with the import still queued or running on a worker thread.
        QVERIFY(window.engine()->isBusy());
        QVERIFY(window.findChild<QWidget*>("cancelButton")->isVisible());

        dl::ui::DatasetTree* tree = window.datasetTree();
        QTRY_VERIFY(tree->topLevelItemCount() == 1);
        QTRY_VERIFY(!window.engine()->isBusy());
        QCOMPARE(errors.count(), 0);
        QTreeWidgetItem* category = tree->findCategory("widgets");
        QVERIFY(category);
        QCOMPARE(category->text(dl::ui::DatasetTree::CountColumn), QString("5"));
        QTreeWidgetItem* train = tree->findSplit("widgets", dl::Split::Train);
        QVERIFY(train);
        QCOMPARE(train->text(dl::ui::DatasetTree::CountColumn), QString("5"));
        QVERIFY(!tree->findSplit("widgets", dl::Split::Test)); // a plain folder has no test split
        QCOMPARE(train->childCount(), 1);                        // all "good"
        QCOMPARE(train->child(0)->childCount(), 5);              // one item per image file
        QVERIFY(!window.findChild<QWidget*>("progressBar")->isVisible());
        QVERIFY(window.windowTitle().startsWith("widgets"));
    }

    void mvtecLayoutShowsSplitsAndDefectTypes()
    {
        const QString root = dir_.path() + "/gadget";
        writeParts(root + "/train/good", 4);
        writeParts(root + "/test/good", 2, 20);
        QVERIFY(QDir().mkpath(root + "/test/dent"));
        QVERIFY(QDir().mkpath(root + "/ground_truth/dent"));
        QImage mask(128, 128, QImage::Format_Grayscale8);
        mask.fill(0);
        for (int i = 0; i < 3; ++i) {
            const QString name = QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0'));
            QVERIFY(makePart(30 + i, true).save(root + "/test/dent/" + name + ".png"));
            QVERIFY(mask.save(root + "/ground_truth/dent/" + name + "_mask.png"));
        }

        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.openDataset(root);
        dl::ui::DatasetTree* tree = window.datasetTree();
        QTRY_VERIFY(tree->topLevelItemCount() == 1);
        QCOMPARE(tree->findCategory("gadget")->text(1), QString("9"));
        QCOMPARE(tree->findSplit("gadget", dl::Split::Train)->text(1), QString("4"));
        QTreeWidgetItem* test = tree->findSplit("gadget", dl::Split::Test);
        QCOMPARE(test->text(1), QString("5"));
        QCOMPARE(test->childCount(), 2);
        QCOMPARE(test->child(0)->text(0), QString("dent"));
        QCOMPARE(test->child(0)->text(1), QString("3"));
        QCOMPARE(test->child(1)->text(0), QString("good"));
        QCOMPARE(test->child(1)->text(1), QString("2"));
    }

    void badFolderShowsAnErrorNamingIt_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("problem");
        const QString empty = dir_.path() + "/empty-folder";
        QDir().mkpath(empty);
        QTest::newRow("missing") << dir_.path() + "/no-such-folder" << "does not exist";
        QTest::newRow("no images") << empty << "no image files";
    }

    void badFolderShowsAnErrorNamingIt()
    {
        QFETCH(QString, folder);
        QFETCH(QString, problem);
        dl::ui::MainWindow window;
        window.show();
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        window.openDataset(folder);
        QTRY_COMPARE(errors.count(), 1);
        const QString message = errors.at(0).at(0).toString();
        QVERIFY2(message.contains(folder) && message.contains(problem), qPrintable(message));
        // The message box is open (not exec'd: the GUI thread keeps running) and shows the message.
        QMessageBox* box = window.findChild<QMessageBox*>();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), message);
        box->accept();
        QTRY_VERIFY(!window.engine()->isBusy());
        QCOMPARE(window.datasetTree()->topLevelItemCount(), 0);
    }

    void cancelDiscardsTheResult()
    {
        const QString folder = dir_.path() + "/cancelled";
        writeParts(folder, 2);
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.show();
        QSignalSpy cancelled(window.engine(), &dl::ui::EngineBridge::cancelled);
        QSignalSpy imported(window.engine(), &dl::ui::EngineBridge::datasetImported);
        window.openDataset(folder);
        QTest::mouseClick(window.findChild<QPushButton*>("cancelButton"), Qt::LeftButton);
        QTRY_COMPARE(cancelled.count(), 1);
        QTRY_VERIFY(!window.engine()->isBusy());
        QCOMPARE(imported.count(), 0);
        QCOMPARE(window.datasetTree()->topLevelItemCount(), 0);
    }

    void selectingAnImageWithoutModelShowsItUnscored()
    {
        const QString folder = dir_.path() + "/preview";
        writeParts(folder, 2);
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.openDataset(folder);
        dl::ui::DatasetTree* tree = window.datasetTree();
        QTRY_VERIFY(tree->topLevelItemCount() == 1);
        QTreeWidgetItem* image = tree->findSplit("preview", dl::Split::Train)->child(0)->child(0);
        tree->setCurrentItem(image); // what a click does
        dl::ui::ImageViewer* original = window.resultView()->originalViewer();
        QTRY_VERIFY(original->hasImage());
        QCOMPARE(original->image().size(), QSize(128, 128));
        QVERIFY(!window.resultView()->heatmapViewer()->hasImage());
        QCOMPARE(window.resultView()->verdictText(), QString());
    }

    void unreadableImageShowsAnErrorNamingTheFile()
    {
        const QString path = dir_.path() + "/broken.png";
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a png at all");
        file.close();
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        window.openImage(path);
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY2(errors.at(0).at(0).toString().contains(path), qPrintable(errors.at(0).at(0).toString()));
    }

    void scoresImagesWithATrainedModel()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        // Train a small PatchCore on generated normal parts and save it as a bundle.
        const QString bundle = dir_.path() + "/parts.dlm";
        dltest::trainPartsModel(dir_.path() + "/model-train", bundle);

        const QString defective = dir_.path() + "/defective.png";
        QVERIFY(makePart(200, true).save(defective));

        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        QSignalSpy scored(window.engine(), &dl::ui::EngineBridge::imageScored);
        window.show();
        window.openModel(bundle);
        window.openImage(defective);
        QTRY_VERIFY_WITH_TIMEOUT(scored.count() >= 1 && !window.engine()->isBusy(), 60000);
        QCOMPARE(errors.count(), 0);
        QVERIFY(window.engine()->hasModel());
        const auto result = scored.last().at(0).value<dl::ui::ScoredImage>();
        QVERIFY(result.scored);
        QVERIFY(result.defect);
        QVERIFY(result.score >= result.threshold);
        QCOMPARE(window.resultView()->verdictText(), QString("DEFECT"));
        // The opened model is what a retrain would start from.
        auto* trainingPanel = window.findChild<dl::ui::TrainingPanel*>();
        QVERIFY(trainingPanel);
        QCOMPARE(trainingPanel->activeModelPath(), bundle);
        QCOMPARE(window.resultView()->heatmapViewer()->image().size(), QSize(128, 128));
        // The heatmap is coloured where the defect is and differs from the original there.
        const QImage overlay = window.resultView()->heatmapViewer()->image();
        QVERIFY(overlay.pixelColor(90, 40) != makePart(200, true).pixelColor(90, 40));
    }

    void imageConversionCopiesPixels()
    {
        cv::Mat rgb(2, 3, CV_8UC3, cv::Scalar(10, 20, 30));
        rgb.at<cv::Vec3b>(1, 2) = cv::Vec3b(200, 100, 50);
        const QImage image = dl::ui::toQImage(rgb);
        QCOMPARE(image.size(), QSize(3, 2));
        QCOMPARE(image.pixelColor(0, 0), QColor(10, 20, 30));
        QCOMPARE(image.pixelColor(2, 1), QColor(200, 100, 50));
        rgb.setTo(cv::Scalar(0, 0, 0)); // the QImage owns its pixels
        QCOMPARE(image.pixelColor(0, 0), QColor(10, 20, 30));

        const cv::Mat back = dl::ui::toRgbMat(image);
        QCOMPARE(back.type(), CV_8UC3);
        QCOMPARE(back.at<cv::Vec3b>(1, 2), cv::Vec3b(200, 100, 50));

        const cv::Mat gray(4, 5, CV_8UC1, cv::Scalar(77));
        QCOMPARE(dl::ui::toQImage(gray).pixelColor(4, 3), QColor(77, 77, 77));
        QVERIFY(dl::ui::toQImage(cv::Mat()).isNull());
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::ui::toQImage(cv::Mat(2, 2, CV_32FC1)));
    }

    void translationsLoadFromResources_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("file");
        QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany) << "de" << "&Datei";
        QTest::newRow("Simplified Chinese") << QLocale(QLocale::Chinese, QLocale::China) << "zh_CN" << "文件(&F)";
        QTest::newRow("Japanese") << QLocale(QLocale::Japanese, QLocale::Japan) << "ja" << "ファイル(&F)";
    }

    void translationsLoadFromResources()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, language);
        QFETCH(QString, file);
        QVERIFY(dl::ui::availableTranslations().contains(language));

        QTranslator direct;
        QVERIFY(direct.load(dl::ui::translationsResourceDir() + "/defectlens_" + language + ".qm"));
        QCOMPARE(direct.translate("dl::ui::MainWindow", "&File"), file);

        // The application picks the file from the system locale; the menus follow.
        QTranslator byLocale;
        QVERIFY(byLocale.load(locale, "defectlens", "_", dl::ui::translationsResourceDir()));
        QVERIFY(QCoreApplication::installTranslator(&byLocale));
        {
            dl::ui::MainWindow window;
            QCOMPARE(window.menuBar()->actions().first()->text(), file);
        }
        QCoreApplication::removeTranslator(&byLocale);
    }

    void germanTranslatesAKnownString()
    {
        QTranslator german;
        QVERIFY(german.load(":/i18n/defectlens_de.qm"));
        QCOMPARE(german.translate("dl::ui::MainWindow", "Open &dataset folder\u2026"),
                 QString("&Datensatzordner öffnen\u2026"));
        QCOMPARE(german.translate("dl::ui::ResultView", "DEFECT"), QString("DEFEKT"));
    }

    void everySourceStringIsTranslated_data()
    {
        QTest::addColumn<QString>("tsFile");
        for (const char* language : {"de", "zh_CN", "ja"})
            QTest::newRow(language) << QStringLiteral(DL_SOURCE_DIR "/translations/defectlens_%1.ts").arg(language);
    }

    void everySourceStringIsTranslated()
    {
        QFETCH(QString, tsFile);
        QFile file(tsFile);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(tsFile));
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        int messages = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("source"))
                source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString type = xml.attributes().value("type").toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                QVERIFY2(type.isEmpty() && !text.trimmed().isEmpty(),
                         qPrintable(QStringLiteral("%1: %2 / \"%3\" is not translated (%4)")
                                        .arg(tsFile, context, source, type)));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 50);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
