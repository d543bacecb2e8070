// defectlens: the Qt Widgets workstation.
//   defectlens [--dataset DIR] [--model MODEL.dlm] [--image FILE] [--db FILE]
// opens those at start (in that order), e.g. for demonstrations and screenshots.
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>

#ifndef DEFECTLENS_VERSION
#define DEFECTLENS_VERSION "unknown"
#endif

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DefectLens"));
    QApplication::setOrganizationName(QStringLiteral("DefectLens"));
    QApplication::setApplicationVersion(QStringLiteral(DEFECTLENS_VERSION));
    // Matches the installed .desktop file, so desktops group the windows under its icon.
    QApplication::setDesktopFileName(QStringLiteral("defectlens"));
    dl::ui::installTranslations(app, QLocale());

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
        QStringLiteral("db"), QApplication::translate("main", "Open the results database <file> at start."),
        QApplication::translate("main", "file"));
    parser.addOptions({datasetOption, modelOption, imageOption, databaseOption});
    parser.process(app);

    dl::ui::MainWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    window.show();
    // The engine runs these one after another on a worker thread: the model is
    // loaded before the image is scored.
    if (parser.isSet(datasetOption))
        window.openDataset(parser.value(datasetOption));
    if (parser.isSet(modelOption))
        window.openModel(parser.value(modelOption));
    if (parser.isSet(imageOption))
        window.openImage(parser.value(imageOption));
    // Opened on this (the GUI) thread, which the database connection belongs to.
    if (parser.isSet(databaseOption))
        window.openDatabase(parser.value(databaseOption));
    return app.exec();
}
