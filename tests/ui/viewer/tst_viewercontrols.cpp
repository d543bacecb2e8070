// Heatmap viewer controls (opacity, colour map, contour threshold, overlay
// toggle, blended layout, score under the mouse) on a synthetic scored image,
// and the application settings: persistence, theme and run-time language switch.
#include "ui/bridge/EngineBridge.h"
#include "ui/viewer/ImageViewer.h"
#include "ui/MainWindow.h"
#include "common/UserName.h"
#include "data/ImageIO.h"
#include "ui/viewer/ResultView.h"
#include "ui/common/SettingsDialog.h"
#include "ui/common/Theme.h"
#include "ui/common/Translations.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QImageReader>
#include <QtTest>

#include "ui/common/LocalNumber.h"

#include <cstdlib>

namespace {

// 80x60 grey image; the map is 0 except a 16x16 block of 1.0 at (50, 20) and a
// 0.6 ring around it, so thresholds between 0.6 and 1 move the contour.
dl::ui::ScoredImage makeScoredImage()
{
    dl::ui::ScoredImage image;
    image.imagePath = QStringLiteral("/synthetic/part.png");
    image.original = QImage(80, 60, QImage::Format_RGB888);
    image.original.fill(QColor(128, 128, 128));
    image.anomalyMap = cv::Mat(60, 80, CV_32FC1, cv::Scalar(0.0f));
    image.anomalyMap(cv::Rect(44, 14, 28, 28)).setTo(0.6f);
    image.anomalyMap(cv::Rect(50, 20, 16, 16)).setTo(1.0f);
    image.displayLow = 0.0;
    image.displayHigh = 2.0;
    image.threshold = 0.8;
    image.score = 1.0;
    image.scored = true;
    image.defect = true;
    return image;
}

QImage renderedAfter(dl::ui::ResultView& view, const std::function<void()>& change)
{
    change();
    if (!QTest::qWaitFor([&view] { return !view.isRendering(); }, 10000))
        return {};
    return view.heatmapViewer()->image();
}

} // namespace

class TestViewerControls : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DefectLensTest"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path() + "/settings");
    }

    void controlsChangeTheRenderedHeatmap()
    {
        dl::ui::ResultView view;
        view.resize(900, 500);
        view.show();
        const dl::ui::ScoredImage image = makeScoredImage();
        const QImage initial = renderedAfter(view, [&] { view.showResult(image); });
        QCOMPARE(initial.size(), QSize(80, 60));
        QCOMPARE(view.style().contourThreshold.value_or(-1), 0.8); // the model's threshold by default
        QVERIFY(initial.pixelColor(58, 28) != QColor(128, 128, 128)); // coloured where the map is high

        const QImage opaque = renderedAfter(view, [&] { view.setOpacity(1.0); });
        QVERIFY(opaque != initial);
        const QImage inferno = renderedAfter(view, [&] { view.setColormap(dl::ui::HeatmapColormap::Inferno); });
        QVERIFY(inferno != opaque);
        const QImage jet = renderedAfter(view, [&] { view.setColormap(dl::ui::HeatmapColormap::Jet); });
        QVERIFY(jet != inferno);
        // Contours: at 0.8 only the 1.0 block is outlined; at 0.5 the 0.6 ring is.
        const QImage tight = renderedAfter(view, [&] { view.setContourThreshold(0.8); });
        const QImage wide = renderedAfter(view, [&] { view.setContourThreshold(0.5); });
        QVERIFY(tight != wide);
        // The ring's edge is outlined in white (anti-aliased) only at the lower threshold.
        QVERIFY(wide.pixelColor(44, 30).lightness() > tight.pixelColor(44, 30).lightness() + 40);
        auto* slider = view.findChild<QSlider*>("thresholdSlider");
        QCOMPARE(slider->value(), 250); // 0.5 of the display range [0, 2]

        // Toggling the overlay shows the plain image; toggling back restores the heatmap.
        const QImage plain = renderedAfter(view, [&] { view.overlayAction()->trigger(); });
        QVERIFY(!view.isOverlayVisible());
        QCOMPARE(plain, image.original);
        const QImage back = renderedAfter(view, [&] { view.overlayAction()->trigger(); });
        QCOMPARE(back, wide);

        // Slider drags queue many renders: the last setting wins.
        for (int value = 0; value <= 100; value += 5)
            view.findChild<QSlider*>("opacitySlider")->setValue(value);
        QTRY_VERIFY(!view.isRendering());
        QCOMPARE(view.style().opacity, 1.0);
        QCOMPARE(view.heatmapViewer()->image(), wide);
    }

    void blendedLayoutKeepsZoomLinked()
    {
        dl::ui::ResultView view;
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showResult(makeScoredImage());
        QVERIFY(view.originalViewer()->isVisible());
        view.setLayoutMode(dl::ui::HeatmapLayout::Blended);
        QVERIFY(!view.originalViewer()->isVisible());
        QVERIFY(view.heatmapViewer()->isVisible());
        view.setLayoutMode(dl::ui::HeatmapLayout::SideBySide);
        QVERIFY(view.originalViewer()->isVisible());
        view.originalViewer()->zoomIn();
        QCOMPARE(view.heatmapViewer()->zoomFactor(), view.originalViewer()->zoomFactor());
    }

    void sideBySideShowsEqualHalves()
    {
        // Laid out small first, then grown, as inside the main window at start-up.
        dl::ui::ResultView view;
        view.resize(420, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.resize(640, 500); // the viewer's width in a 1600-pixel main window
        view.showResult(makeScoredImage());
        auto* original = view.findChild<QWidget*>("originalPanel");
        auto* heatmap = view.findChild<QWidget*>("heatmapPanel");
        QVERIFY(original && heatmap);
        // The same image at the same scale on both sides: the legend above the heatmap
        // must not widen its half.
        QTRY_VERIFY2(std::abs(original->width() - heatmap->width()) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(original->width()).arg(heatmap->width())));
        // (within a pixel of width: an odd total splits 323 | 324)
        QTRY_VERIFY(std::abs(view.heatmapViewer()->zoomFactor() / view.originalViewer()->zoomFactor() - 1.0) < 0.01);
        // Back from the blended view, the halves are equal again.
        view.setLayoutMode(dl::ui::HeatmapLayout::Blended);
        view.setLayoutMode(dl::ui::HeatmapLayout::SideBySide);
        QTRY_VERIFY2(std::abs(original->width() - heatmap->width()) <= 2,
                     qPrintable(QStringLiteral("%1 vs %2").arg(original->width()).arg(heatmap->width())));
    }

    void reportsTheScoreUnderTheMouse()
    {
        dl::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        dl::ui::ResultView* view = window.resultView();
        view->showResult(makeScoredImage());
        QTRY_VERIFY(!view->isRendering());

        const auto score = view->scoreAt(QPoint(55, 25));
        QVERIFY(score.has_value());
        QCOMPARE(score->raw, 1.0);
        QCOMPARE(score->normalised, 0.5); // on the model's range [0, 2], not stretched per image
        QVERIFY(!view->scoreAt(QPoint(80, 10)).has_value());

        dl::ui::ImageViewer* viewer = view->heatmapViewer();
        const QPoint inside = viewer->mapFromScene(QPointF(55.5, 25.5));
        QCOMPARE(viewer->imagePixelAt(inside), QPoint(55, 25));
        QTest::mouseMove(viewer->viewport(), inside);
        QTRY_VERIFY(view->pixelReadout().contains("x 55, y 25"));
        QVERIFY2(view->pixelReadout().contains("score 1 (normalised 0.500)"), qPrintable(view->pixelReadout()));
        auto* statusLabel = window.findChild<QLabel*>("pixelLabel");
        QCOMPARE(statusLabel->text(), view->pixelReadout());

        // O toggles the overlay from anywhere in the window.
        QVERIFY(view->isOverlayVisible());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_O);
        QTRY_VERIFY(!view->isOverlayVisible());
    }

    void numbersFollowTheLocale()
    {
        // The score and threshold as the locale writes them, like the spin boxes beside
        // them: a decimal comma in German, and never a group separator.
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        dl::ui::ResultView view;
        dl::ui::ScoredImage image = makeScoredImage();
        image.score = 1234.5;
        image.threshold = 20.84;
        view.showResult(image);
        const QString text = view.findChild<QLabel*>(QStringLiteral("scoreLabel"))->text();
        QLocale::setDefault(previous);
        QVERIFY2(text.contains(QStringLiteral("1235")) && text.contains(QStringLiteral("20,84")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("1.2")), qPrintable(text));
        QLocale::setDefault(QLocale::c());
        QCOMPARE(dl::ui::localNumber(1234.5, 'f', 1), QStringLiteral("1234.5"));
        QLocale::setDefault(previous);
    }

    void settingsPersist()
    {
        dl::ui::AppSettings settings;
        settings.datasetsFolder = dir_.path() + "/datasets";
        settings.modelsFolder = dir_.path() + "/models";
        settings.databaseFile = dir_.path() + "/results.sqlite";
        settings.backboneWeights = dir_.path() + "/weights.onnx";
        settings.computeThreads = 3;
        settings.maxImageMegapixels = 250;
        settings.userName = QStringLiteral("R. Inspector");
        settings.language = QStringLiteral("ja");
        settings.theme = QStringLiteral("dark");
        {
            QSettings file(dir_.path() + "/persist.ini", QSettings::IniFormat);
            settings.save(file);
        }
        QSettings reread(dir_.path() + "/persist.ini", QSettings::IniFormat);
        QVERIFY(dl::ui::AppSettings::load(reread) == settings);

        // The dialog edits exactly these fields.
        dl::ui::SettingsDialog dialog(settings);
        QVERIFY(dialog.settings() == settings);
        dialog.findChild<QSpinBox*>("threadsSpin")->setValue(1);
        auto* theme = dialog.findChild<QComboBox*>("themeCombo");
        theme->setCurrentIndex(theme->findData("light"));
        dialog.findChild<QLineEdit*>("modelsEdit")->setText(dir_.path() + "/other-models");
        const dl::ui::AppSettings edited = dialog.settings();
        QCOMPARE(edited.computeThreads, 1);
        QCOMPARE(edited.theme, QString("light"));
        QCOMPARE(edited.modelsFolder, dir_.path() + "/other-models");
        QCOMPARE(edited.language, QString("ja"));
        QCOMPARE(edited.maxImageMegapixels, 250);
        QCOMPARE(edited.userName, QString("R. Inspector"));

        // Applied by the main window: saved to the application's settings, threads and weights to the engine.
        dl::ui::AppSettings applied;
        applied.computeThreads = 1;
        applied.backboneWeights = dir_.path() + "/weights.onnx";
        applied.theme = QStringLiteral("light");
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.applySettings(applied);
        QVERIFY(dl::ui::AppSettings::load() == applied);
        QCOMPARE(window.engine()->backboneWeights(), applied.backboneWeights);
        QTRY_VERIFY(!window.engine()->isBusy()); // the thread setting ran as an engine job
        // The largest image: the engine's decodes and Qt's refuse bigger ones; 0 returns to the default.
        applied.maxImageMegapixels = 12;
        window.applySettings(applied);
        QCOMPARE(dl::maxImagePixels(), std::uint64_t(12'000'000));
        QVERIFY(QImageReader::allocationLimit() <= 12 * 4 + 1);
        applied.maxImageMegapixels = 0;
        window.applySettings(applied);
        QCOMPARE(dl::maxImagePixels(), dl::kDefaultMaxImagePixels);
        // The name recorded for overrides comes from Settings, else the login name.
        applied.userName = QStringLiteral("R. Inspector");
        window.applySettings(applied);
        QCOMPARE(dl::ui::recordedUserName(), QString("R. Inspector"));
        applied.userName.clear();
        window.applySettings(applied);
        QCOMPARE(dl::ui::recordedUserName(), QString::fromStdString(dl::currentUserName()));
    }

    void themeSwitchChangesThePalette()
    {
        dl::ui::MainWindow window;
        window.show();
        dl::ui::applyTheme(dl::ui::Theme::Dark);
        QCOMPARE(dl::ui::currentTheme(), dl::ui::Theme::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() < 80);
        QCOMPARE(QApplication::style()->name().toLower(), QString("fusion"));
        dl::ui::applyTheme(dl::ui::Theme::Light);
        QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() > 180);

        // The View menu's theme entries do the same and persist the choice.
        QAction* dark = window.findChild<QAction*>("theme_dark");
        QVERIFY(dark);
        dark->trigger();
        QCOMPARE(dl::ui::currentTheme(), dl::ui::Theme::Dark);
        QCOMPARE(dl::ui::AppSettings::load().theme, QString("dark"));
        window.findChild<QAction*>("theme_light")->trigger();
        QCOMPARE(dl::ui::currentTheme(), dl::ui::Theme::Light);
    }

    void languageSwitchRetranslatesVisibleWidgets()
    {
        QVERIFY(dl::ui::supportedLanguages().contains("de"));
        QCOMPARE(dl::ui::languageDisplayName("de"), QString("Deutsch"));
        QCOMPARE(dl::ui::languageDisplayName("ja"), QString("日本語"));
        QCOMPARE(dl::ui::languageDisplayName("zh_CN"), QString("简体中文"));

        dl::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction* fileMenu = window.menuBar()->actions().first();
        QCOMPARE(fileMenu->text(), QString("&File"));
        auto* datasetDock = window.findChild<QDockWidget*>("datasetDock");
        QCOMPARE(datasetDock->windowTitle(), QString("Dataset"));

        QVERIFY(dl::ui::setLanguage(*qApp, "de"));
        QCOMPARE(dl::ui::currentLanguage(), QString("de"));
        QTRY_COMPARE(fileMenu->text(), QString("&Datei"));
        QVERIFY(datasetDock->windowTitle() != QString("Dataset"));
        auto* accept = window.findChild<QPushButton*>("acceptButton"); // in the results dock
        QVERIFY(accept->text() != QString("&Accept (OK)"));

        // The View → Language menu switches too (and remembers it).
        QAction* japanese = window.findChild<QAction*>("language_ja");
        QVERIFY(japanese);
        japanese->trigger();
        QTRY_COMPARE(fileMenu->text(), QString("ファイル(&F)"));
        QCOMPARE(dl::ui::AppSettings::load().language, QString("ja"));

        window.findChild<QAction*>("language_en")->trigger();
        QTRY_COMPARE(fileMenu->text(), QString("&File"));
        QCOMPARE(datasetDock->windowTitle(), QString("Dataset"));
        QCOMPARE(accept->text(), QString("&Accept (OK)"));
        QCOMPARE(dl::ui::currentLanguage(), QString("en"));
    }

    // The colour bar sits between its two words, touching neither, in every language
    // (zh_CN's "异常" once overlapped the bar's red end).
    void heatmapLegendWordsClearTheColourBar()
    {
        for (const QString& language : dl::ui::supportedLanguages()) {
            QVERIFY(dl::ui::setLanguage(*qApp, language));
            dl::ui::MainWindow window;
            window.resize(1600, 1000);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resultView()->showResult(makeScoredImage());
            auto* low = window.findChild<QLabel*>("legendLow");
            auto* scale = window.findChild<QLabel*>("legendScale");
            auto* high = window.findChild<QLabel*>("legendHigh");
            QVERIFY(low && scale && high);
            QTRY_VERIFY(scale->isVisible());
            const auto where = [&] {
                return QStringLiteral("%1: low %2..%3 (text %4), bar %5..%6, high %7..%8 (text %9)")
                    .arg(language)
                    .arg(low->x()).arg(low->geometry().right()).arg(low->fontMetrics().horizontalAdvance(low->text()))
                    .arg(scale->x()).arg(scale->geometry().right())
                    .arg(high->x()).arg(high->geometry().right()).arg(high->fontMetrics().horizontalAdvance(high->text()));
            };
            QVERIFY2(low->x() + low->fontMetrics().horizontalAdvance(low->text()) < scale->x(), qPrintable(where()));
            QVERIFY2(scale->geometry().right() < high->x(), qPrintable(where()));
            QVERIFY2(high->width() >= high->fontMetrics().horizontalAdvance(high->text()), qPrintable(where()));
        }
        QVERIFY(dl::ui::setLanguage(*qApp, "en"));
    }
};

QTEST_MAIN(TestViewerControls)
#include "tst_viewercontrols.moc"
