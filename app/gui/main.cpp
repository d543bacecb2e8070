// defectlens: the Qt Widgets workstation.
//   defectlens [--dataset DIR] [--model MODEL.dlm] [--image FILE] [--db FILE]
//              [--train METHOD | --compare BEFORE.dlm,AFTER.dlm] [--annotate]
//              [--import DIR]
// opens those at start (in that order), e.g. for demonstrations and screenshots.
#include "common/HeapPolicy.h"
#include "common/LibrarySettings.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/MainWindow.h"
#include "ui/line/LinePanel.h"
#include "ui/models/ModelList.h"
#include "ui/models/ThresholdDialog.h"
#include "ui/common/SettingsDialog.h"
#include "ui/common/Theme.h"
#include "ui/training/TrainingPanel.h"
#include "ui/common/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QIcon>
#include <QJsonObject>
#include <QLocale>
#include <QScreen>

#ifndef DEFECTLENS_VERSION
#define DEFECTLENS_VERSION "unknown"
#endif

// Two engine lanes and the thumbnail pool share the cores: idle OpenMP threads sleep at once.
DL_RESTART_BEFORE_LIBRARIES_INITIALISE([](int, char**) { return dl::OpenMpSpin::None; });

int main(int argc, char** argv)
{
    // Before any thread or library state exists; sets what the early start could not.
    dl::restartWithLibrarySettings(argv, dl::OpenMpSpin::None);
    dl::keepFreedMemoryForReuse();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DefectLens"));
    QApplication::setOrganizationName(QStringLiteral("DefectLens"));
    QApplication::setApplicationVersion(QStringLiteral(DEFECTLENS_VERSION));
    // Matches the installed .desktop file, so desktops group the windows under its icon.
    QApplication::setDesktopFileName(QStringLiteral("defectlens"));
    // The look and language chosen in Settings (or the system language when none was).
    const dl::ui::AppSettings settings = dl::ui::AppSettings::load();
    dl::ui::applyTheme(dl::ui::themeFromKey(settings.theme));
    dl::ui::setLanguage(app, settings.language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "DefectLens: visual anomaly detection for industrial inspection"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption datasetOption(
        QStringLiteral("dataset"), QApplication::translate("main", "Import the dataset folder <dir> at start."),
        QApplication::translate("main", "dir"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QApplication::translate("main", "Load the model bundle <model> at start."),
                                         QApplication::translate("main", "model"));
    const QCommandLineOption imageOption(
        QStringLiteral("image"), QApplication::translate("main", "Score the image <file> at start."),
        QApplication::translate("main", "file"));
    const QCommandLineOption databaseOption(
        QStringLiteral("db"),
        QApplication::translate("main", "Open the results database <database> at start: an SQLite file, or "
                                "postgresql://user@host/line1 for a database the line shares."),
        QApplication::translate("main", "database"));
    const QCommandLineOption trainOption(
        QStringLiteral("train"),
        QApplication::translate("main", "Once the dataset is imported, start training a <method> model on it."),
        QApplication::translate("main", "method"));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"),
        QApplication::translate("main", "Once the dataset is imported, compare two models <before.dlm,after.dlm> on it (annotated images "
                                "excluded from the test split), offering to promote the second."),
        QApplication::translate("main", "models"));
    const QCommandLineOption trainParameterOption(
        QStringLiteral("train-param"),
        QApplication::translate("main", "A training parameter <key=value> for --train (repeatable)."),
        QApplication::translate("main", "key=value"));
    parser.addOptions({datasetOption, modelOption, imageOption, databaseOption, trainOption, compareOption,
                       trainParameterOption});
    const QCommandLineOption annotateOption(
        QStringLiteral("annotate"),
        QApplication::translate("main", "Open the annotation editor at start, on the image given with --image."));
    parser.addOption(annotateOption);
    const QCommandLineOption importOption(
        QStringLiteral("import"),
        QApplication::translate("main", "Show the import dialog with a preview of the folder <dir> at start."),
        QApplication::translate("main", "dir"));
    parser.addOption(importOption);
    const QCommandLineOption thresholdOption(
        QStringLiteral("threshold"),
        QApplication::translate("main", "Once the dataset is imported, open Models > Threshold for <model.dlm> and start "
                                "its cross-validation."),
        QApplication::translate("main", "model"));
    const QCommandLineOption reportOption(
        QStringLiteral("report"),
        QApplication::translate("main", "Write the report of run <run> of the --db database to <file.html> (with .csv "
                                "and .pdf beside it) at start."),
        QApplication::translate("main", "run:file.html"));
    const QCommandLineOption lineOption(
        QStringLiteral("line"),
        QApplication::translate("main", "Start Line mode at start, watching the folder <dir>: with --model, with that "
                                "model; else with the database's active model, following its promotions."),
        QApplication::translate("main", "dir"));
    parser.addOptions({thresholdOption, reportOption, lineOption});
    parser.process(app);

    dl::ui::MainWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        window.fitInto(screen->availableGeometry());
    window.show();
    // Threads, backbone weights and the results database from the settings; --db below replaces the
    // database (then the settings' one is not opened at all).
    window.applySettings(settings, parser.isSet(databaseOption) ? dl::ui::MainWindow::SettingsDatabase::LeaveClosed
                                                                : dl::ui::MainWindow::SettingsDatabase::Open);
    if (parser.isSet(importOption))
        window.showImportDialog(parser.value(importOption));
    // The engine runs these one after another on a worker thread: the model is
    // loaded before the image is scored.
    if (parser.isSet(datasetOption))
        window.openDataset(parser.value(datasetOption));
    if (parser.isSet(modelOption))
        window.openModel(parser.value(modelOption));
    if (parser.isSet(imageOption))
        window.openImage(parser.value(imageOption));
    // What needs the --db database (masks, the report, Line mode's records) waits until it is
    // open: a server is connected to in the background, so that the window never stalls.
    const auto afterDatabase = [&] {
        // After --db, so that masks are read from and saved to that database.
        if (parser.isSet(annotateOption))
            window.showAnnotationEditor();
        if (parser.isSet(reportOption)) {
            const QString value = parser.value(reportOption);
            bool isRun = false;
            const qint64 run = value.section(QLatin1Char(':'), 0, 0).toLongLong(&isRun);
            const QString file = value.section(QLatin1Char(':'), 1);
            if (!isRun || file.isEmpty())
                window.showStartupError(QApplication::translate("main", "--report needs <run>:<file.html>, e.g. 3:report.html"));
            else
                window.exportReport(run, file);
        }
        if (parser.isSet(lineOption)) {
            const QString folder = parser.value(lineOption);
            window.setLineMode(true);
            if (parser.isSet(modelOption)) {
                // Once the engine has loaded (and verified) the model.
                QObject::connect(window.engine(), &dl::ui::EngineBridge::modelLoaded, &window, [&window, folder] {
                    window.linePanel()->useActiveModel(false);
                    window.linePanel()->startWatching(folder);
                }, Qt::SingleShotConnection);
            } else {
                window.linePanel()->useActiveModel(true);
                window.linePanel()->startWatching(folder);
            }
        }
    };
    if (parser.isSet(databaseOption)) {
        QObject::connect(&window, &dl::ui::MainWindow::databaseOpenFinished, &window, afterDatabase,
                         Qt::SingleShotConnection);
        window.openDatabaseInBackground(parser.value(databaseOption));
    } else {
        afterDatabase();
    }
    if (parser.isSet(thresholdOption)) {
        const QString model = parser.value(thresholdOption);
        QObject::connect(window.engine(), &dl::ui::EngineBridge::datasetImported, &window, [&window, model] {
            window.findChild<QDockWidget*>(QStringLiteral("modelsDock"))->raise();
            if (dl::ui::ThresholdDialog* dialog = window.modelList()->showThresholdDialog(model))
                dialog->start();
        }, Qt::SingleShotConnection);
    }
    // --train / --compare act on the dataset given with --dataset, once it is imported.
    if (parser.isSet(trainOption) || parser.isSet(compareOption)) {
        const QString method = parser.value(trainOption);
        const QStringList models = parser.value(compareOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
        const QStringList parameters = parser.values(trainParameterOption);
        QObject::connect(window.engine(), &dl::ui::EngineBridge::datasetImported, &window, [&window, method, models,
                                                                                           parameters] {
            if (!method.isEmpty()) {
                window.findChild<QDockWidget*>(QStringLiteral("trainingDock"))->raise();
                window.trainingPanel()->setMethod(method);
                // Shown parameters go to their fields, the others pass through as numbers or text.
                QJsonObject advanced;
                for (const QString& parameter : parameters) {
                    const QString key = parameter.section(QLatin1Char('='), 0, 0);
                    const QString text = parameter.section(QLatin1Char('='), 1);
                    bool isNumber = false;
                    const double number = text.toDouble(&isNumber);
                    if (!(isNumber && window.trainingPanel()->setParameter(key, number)))
                        advanced.insert(key, isNumber ? QJsonValue(number) : QJsonValue(text));
                }
                window.trainingPanel()->setAdvancedParameters(advanced);
                window.trainingPanel()->startTraining();
            } else if (models.size() == 2) {
                auto* modelsDock = window.findChild<QDockWidget*>(QStringLiteral("modelsDock"));
                modelsDock->raise();
                // Room for the two curve plots side by side.
                window.resizeDocks({modelsDock}, {window.width() * 3 / 5}, Qt::Horizontal);
                // As after "Retrain with annotations": annotated images leave both test splits,
                // and the second model may be promoted.
                window.modelList()->compareModels(models[0], models[1], true, true);
            }
        }, Qt::SingleShotConnection);
    }
    return app.exec();
}
