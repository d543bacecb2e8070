// The GUI with a PostgreSQL address for its database instead of an SQLite file,
// without a server: files that go with the database (heatmaps, trained models)
// stay on this station, Settings keeps an address exactly as typed and refuses
// one it cannot use, and a server that cannot be reached is a message, never a
// password. With DL_TEST_DB_ENGINE=postgresql one more case opens a database on
// a throwaway server (installer/postgres-cluster.sh) in every panel.
#include "PostgresTestSupport.h"
#include "database/Store.h"
#include "ui/MainWindow.h"
#include "ui/SilentServer.h"
#include "ui/annotation/AnnotationEditor.h"
#include "ui/models/ModelList.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/common/DatabaseAddress.h"
#include "ui/common/SettingsDialog.h"
#include "ui/results/ResultsTable.h"
#include "ui/training/TrainingPanel.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

class TestDatabaseAddress : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString appData() const { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation); }
    // A server address whose unix socket folder does not exist: libpq fails at
    // once, so no test waits for a connect_timeout.
    QString unreachableAddress(const QString& userInfo = QStringLiteral("op")) const
    {
        return QStringLiteral("postgresql://%1@/line1?host=%2/no-server").arg(userInfo, dir_.path());
    }

    static QPushButton* okButton(dl::ui::SettingsDialog& dialog)
    {
        return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DefectLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_databaseaddress"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path() + "/settings");
        // The test-mode location, not the user's real data folder.
        QVERIFY(appData().contains(QStringLiteral("qttest"), Qt::CaseInsensitive));
    }

    void localFilesGoBesideAnSqliteFile()
    {
        QCOMPARE(dl::ui::localDataFolderFor(dir_.path() + "/line.sqlite"), dir_.path());
        QCOMPARE(dl::ui::localDataFolderFor("sqlite:" + dir_.path() + "/station/line.db"), dir_.path() + "/station");
    }

    void localFilesOfAServerDatabaseGoToThisStationsDataFolder_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("tcp") << QStringLiteral("postgresql://op@db.line/line1");
        QTest::newRow("port and options") << QStringLiteral("postgresql://op@db.line:5433/line1?sslmode=require");
        QTest::newRow("postgres scheme") << QStringLiteral("postgres://op@db.line/line1");
        QTest::newRow("unix socket") << QStringLiteral("postgresql://op@/line1?host=/run/postgresql");
        QTest::newRow("no database named") << QStringLiteral("postgresql://op@db.line");
    }

    void localFilesOfAServerDatabaseGoToThisStationsDataFolder()
    {
        QFETCH(QString, address);
        QCOMPARE(dl::ui::localDataFolderFor(address), appData());
    }

    void trainedModelsOfAServerDatabaseGoToThisStationsDataFolder()
    {
        dl::ui::EngineBridge engine;
        dl::ui::TrainingPanel panel(&engine);
        panel.setDatabasePath(dir_.path() + "/line.sqlite");
        QCOMPARE(panel.modelsFolder(), dir_.path() + "/models");
        panel.setDatabasePath(unreachableAddress()); // its SDAS models cannot be read: a warning, no more
        QCOMPARE(panel.databasePath(), unreachableAddress());
        QCOMPARE(panel.modelsFolder(), appData() + "/models");
    }

    void displayNameNeverShowsAPassword()
    {
        QCOMPARE(dl::ui::databaseDisplayName(QStringLiteral("postgresql://op:s3cret@db.line/line1?sslmode=require")),
                 QStringLiteral("postgresql://op@db.line/line1"));
        // Not a usable address (no database named): shown as typed, less the password.
        QCOMPARE(dl::ui::databaseDisplayName(QStringLiteral("postgresql://op:s3cret@db.line")),
                 QStringLiteral("postgresql://op@db.line"));
        QCOMPARE(dl::ui::databaseDisplayName(dir_.path() + "/line.sqlite"), dir_.path() + "/line.sqlite");
    }

    void settingsKeepAServerAddressAsTyped()
    {
        const QString address = QStringLiteral("postgresql://op@db.line:5433/line1?sslmode=verify-full&sslrootcert=/etc/ca.pem");
        dl::ui::AppSettings settings;
        settings.databaseFile = address;
        dl::ui::SettingsDialog dialog(settings);
        auto* edit = dialog.findChild<QLineEdit*>("databaseEdit");
        QCOMPARE(edit->text(), address);
        QVERIFY(edit->toolTip().contains(QStringLiteral("postgresql://")));
        QCOMPARE(dialog.settings().databaseFile, address);

        edit->setText("  " + address + " ");
        dialog.show();
        okButton(dialog)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.findChild<QLabel*>("databaseError")->isHidden());
        QCOMPARE(dialog.settings().databaseFile, address);

        // Saved and loaded unchanged.
        {
            QSettings file(dir_.path() + "/address.ini", QSettings::IniFormat);
            dialog.settings().save(file);
        }
        QSettings reread(dir_.path() + "/address.ini", QSettings::IniFormat);
        QCOMPARE(dl::ui::AppSettings::load(reread).databaseFile, address);
    }

    void settingsStillTakeAnSqliteFile()
    {
        dl::ui::AppSettings settings;
        settings.databaseFile = dir_.path() + "/new/line.sqlite"; // created on first use: need not exist
        dl::ui::SettingsDialog dialog(settings);
        dialog.show();
        okButton(dialog)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.settings().databaseFile, settings.databaseFile);
    }

    void settingsRefuseAnAddressTheyCannotUse_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no database") << QStringLiteral("postgresql://op@db.line") << QStringLiteral("name one database");
        QTest::newRow("unknown option") << QStringLiteral("postgresql://op@db.line/line1?sslmod=require")
                                        << QStringLiteral("sslmod");
        QTest::newRow("password") << QStringLiteral("postgresql://op:s3cret@db.line/line1")
                                  << QStringLiteral("DEFECTLENS_DB_PASSWORD");
    }

    void settingsRefuseAnAddressTheyCannotUse()
    {
        QFETCH(QString, address);
        QFETCH(QString, problem);
        dl::ui::SettingsDialog dialog(dl::ui::AppSettings{});
        auto* edit = dialog.findChild<QLineEdit*>("databaseEdit");
        auto* error = dialog.findChild<QLabel*>("databaseError");
        edit->setText(address);
        dialog.show();
        okButton(dialog)->click();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(problem), qPrintable(error->text()));
        // Editing the address takes the message away.
        edit->setText(QStringLiteral("postgresql://op@db.line/line1"));
        QVERIFY(error->isHidden());
        okButton(dialog)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void aServerThatCannotBeReachedIsAMessageWithoutPassword()
    {
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!window.openDatabase(unreachableAddress(QStringLiteral("op:s3cret"))));
        QVERIFY2(clock.elapsed() < 5000, "a refused connection must not wait for the connect_timeout");
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("postgresql://op@")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("s3cret")), qPrintable(message));
        QVERIFY(!window.resultsTable()->hasDatabase());
    }

    void openingAServerThatNeverAnswersKeepsTheWindowTurning()
    {
        dltest::SilentServer silentServer;
        QVERIFY(silentServer.port() > 0);
        const QString address = QStringLiteral("postgresql://op:s3cret@127.0.0.1:%1/line1"
                                               "?connect_timeout=3&sslmode=disable&gssencmode=disable")
                                    .arg(silentServer.port());
        const QString shownAddress = QStringLiteral("postgresql://op@127.0.0.1:%1/line1").arg(silentServer.port());

        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        QSignalSpy finished(&window, &dl::ui::MainWindow::databaseOpenFinished);
        dltest::EventLoopGapMeter meter;

        window.openDatabaseInBackground(address);
        QVERIFY2(meter.elapsedMs() < 500, "opening a server database must return at once");
        QVERIFY(window.isOpeningDatabase());
        QVERIFY(!window.resultsTable()->isEnabled());
        const QString connecting = window.statusBar()->currentMessage();
        QVERIFY2(connecting.contains(shownAddress), qPrintable(connecting));
        QVERIFY2(!connecting.contains(QStringLiteral("s3cret")), qPrintable(connecting));
        // The same address again (settings, then --db) waits for the same connection.
        window.openDatabaseInBackground(address);

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const qint64 failedAfterMs = meter.elapsedMs();
        meter.stop();
        qInfo("the open failed after %lld ms; longest GUI event-loop gap %lld ms", failedAfterMs, meter.longestGapMs());
        QVERIFY2(silentServer.acceptedConnections() > 0, "the open never reached the silent server");
        QVERIFY2(failedAfterMs >= 2000, "the open should have waited for the connect_timeout");
        QVERIFY2(meter.longestGapMs() < 500, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(meter.longestGapMs())));
        QCOMPARE(finished.first().at(1).toBool(), false);
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(shownAddress), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("s3cret")), qPrintable(message));
        const QString log = window.findChild<QPlainTextEdit*>(QStringLiteral("logView"))->toPlainText();
        QVERIFY2(!log.contains(QStringLiteral("s3cret")), qPrintable(log));
        QVERIFY(!window.isOpeningDatabase());
        QVERIFY(window.resultsTable()->isEnabled());
        QVERIFY(!window.resultsTable()->hasDatabase());
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1); // the second request joined the first
    }

    void settingsDoNotReopenTheOpenFileUnderAnotherName()
    {
        const QString file = dir_.path() + QStringLiteral("/settings-reopen.sqlite");
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openDatabase(file));
        QPlainTextEdit* logView = window.findChild<QPlainTextEdit*>(QStringLiteral("logView"));
        const int opened = int(logView->toPlainText().count(QStringLiteral("Opened results database")));
        dl::ui::AppSettings settings = dl::ui::AppSettings::load();
        settings.databaseFile = QStringLiteral("sqlite:") + file;
        window.applySettings(settings);
        window.applySettings(settings); // e.g. a language change
        QCOMPARE(int(logView->toPlainText().count(QStringLiteral("Opened results database"))), opened);
        QCOMPARE(window.resultsTable()->databasePath(), file);
    }

    void everyPanelUsesTheServerAddressAsGiven()
    {
        if (qEnvironmentVariable("DL_TEST_DB_ENGINE") != QLatin1String("postgresql"))
            QSKIP("needs DL_TEST_DB_ENGINE=postgresql (a throwaway PostgreSQL server)");
        dltest::PostgresCluster cluster;
        QVERIFY2(cluster.isRunning(), qPrintable(cluster.error()));
        const QString database = cluster.createDatabase(QStringLiteral("gui_panels"));
        QVERIFY(!database.isEmpty());
        // Options that Store::path() leaves out must still reach every panel's connection.
        const QString address = database + QStringLiteral("?sslmode=disable&application_name=tst_databaseaddress");

        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        QVERIFY(window.openDatabase(address));
        QCOMPARE(errors.count(), 0);
        QVERIFY(window.resultsTable()->store()->isServer());
        QCOMPARE(window.resultsTable()->databasePath(), address);
        QCOMPARE(window.workstationDatabasePath(), address);
        QCOMPARE(window.modelList()->databasePath(), address);
        QCOMPARE(window.trainingPanel()->databasePath(), address);
        QCOMPARE(window.annotationEditor()->databasePath(), address);
        QCOMPARE(window.trainingPanel()->modelsFolder(), appData() + "/models");
        const QString log = window.findChild<QPlainTextEdit*>(QStringLiteral("logView"))->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("Opened results database ") + database), qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("sslmode")), qPrintable(log));
        // Opening it again from the settings is no change.
        dl::ui::AppSettings settings = dl::ui::AppSettings::load();
        settings.databaseFile = address;
        window.applySettings(settings);
        QCOMPARE(errors.count(), 0);
        QCOMPARE(window.resultsTable()->databasePath(), address);
    }
};

QTEST_MAIN(TestDatabaseAddress)
#include "tst_databaseaddress.moc"
