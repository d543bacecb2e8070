// The operator's review loop on a generated results database: the results table
// loads, sorts and filters; an override by keyboard is stored with reason, user
// and time and survives reopening; the run's report is written as HTML (escaped),
// CSV (RFC 4180) and PDF.
#include "data/ImageIO.h"
#include "database/Store.h"
#include "ui/SilentServer.h"
#include "ui/MainWindow.h"
#include "ui/common/SettingsDialog.h"
#include "ui/viewer/ResultView.h"
#include "ui/results/ReportExporter.h"
#include "ui/results/ResultsModel.h"
#include "ui/results/ResultsTable.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace {

using dltest::SilentServer;

constexpr int kResults = 30;
const QString kSpecialName = QStringLiteral("<b>&\"x'.png");

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record << field;
            field.clear();
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            record << field;
            records << record;
            record.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return records;
}

} // namespace

class TestResults : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString dbPath_;
    qint64 testRunId_ = 0;
    qint64 predictRunId_ = 0;
    qint64 specialResultId_ = 0;
    int defects_ = 0;
    int cables_ = 0;

    // The window with the database open and the results panel in front.
    void openIn(dl::ui::MainWindow& window)
    {
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openDatabase(dbPath_));
    }

private slots:
    void initTestCase()
    {
        // Column choices and other settings go to a throwaway test location.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DefectLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_results"));
        QSettings().clear();
        QVERIFY(dir_.isValid());
        dbPath_ = dir_.filePath("results.sqlite");
        dl::db::Store store;
        store.open(dbPath_);

        dl::db::DatasetRecord dataset;
        dataset.name = "parts";
        dataset.rootPath = dir_.path();
        dataset.format = "folder";
        const qint64 datasetId = store.addDataset(dataset).id;

        // An older predict run with three results, then the test run under review.
        predictRunId_ = store.startRun(dl::db::RunKind::Predict, {}).id;
        std::vector<dl::db::ResultRecord> predicted(3);
        for (int i = 0; i < 3; ++i) {
            predicted[i].runId = predictRunId_;
            predicted[i].imagePath = dir_.filePath(QString("loose_%1.png").arg(i));
            predicted[i].score = 0.1 * i;
        }
        store.addResults(predicted);
        store.finishRun(predictRunId_, dl::db::RunStatus::Succeeded);

        dl::db::ModelRecord model;
        model.method = "patchcore";
        model.categories = {"bottle", "cable"};
        model.bundlePath = "/models/parts.dlm";
        model.bundleChecksum = QString(64, 'a');
        model.metrics = {{"threshold", 0.5}};
        const qint64 modelId = store.addModel(model).id;

        std::vector<dl::db::ImageRecord> images;
        for (int i = 0; i < kResults; ++i) {
            dl::db::ImageRecord image;
            image.datasetId = datasetId;
            const QString name = i == 7 ? kSpecialName : QString("part_%1.png").arg(i, 2, 10, QChar('0'));
            image.path = dir_.filePath(name);
            image.relativePath = name;
            image.split = "test";
            image.category = i % 3 == 0 ? "cable" : "bottle";
            cables_ += i % 3 == 0 ? 1 : 0;
            // Labelled as a test split is: the report computes its metrics from them.
            image.label = i % 4 == 0 ? 1 : 0;
            image.defectType = image.label == 1 ? "contamination" : "good";
            images.push_back(image);
            // A few real files, so the report has thumbnails; the rest are missing on purpose.
            if (i < 10) {
                QImage picture(64, 48, QImage::Format_RGB888);
                picture.fill(QColor(40 * (i % 6), 120, 200));
                QVERIFY(picture.save(image.path, "PNG"));
            }
            // Heatmaps as the CLI stores them: overlay PNGs (predict --overlay-dir) and
            // raw float TIFF maps (test --maps-dir); one stored path whose file is gone.
            if (i < 8) {
                QImage overlay(64, 48, QImage::Format_RGB888);
                overlay.fill(QColor(200, 40 * (i % 6), 40));
                QVERIFY(overlay.save(dir_.filePath(QString("heat_%1.png").arg(i)), "PNG"));
            } else if (i < 10) {
                cv::Mat map(48, 64, CV_32FC1);
                for (int y = 0; y < map.rows; ++y)
                    for (int x = 0; x < map.cols; ++x)
                        map.at<float>(y, x) = float(x) / float(map.cols);
                dl::writeFloatTiff(dir_.filePath(QString("heat_%1.tiff").arg(i)).toStdString(), map);
            }
        }
        const std::vector<qint64> imageIds = store.addImages(images);

        testRunId_ = store.startRun(dl::db::RunKind::Test, {}, modelId).id;
        std::vector<dl::db::ResultRecord> results;
        for (int i = 0; i < kResults; ++i) {
            dl::db::ResultRecord result;
            result.runId = testRunId_;
            result.imageId = imageIds[i];
            // Scores out of insertion order, so sorting visibly changes it.
            result.score = ((i * 7) % kResults) / double(kResults);
            result.verdict = result.score >= 0.5 ? dl::db::Verdict::Defect : dl::db::Verdict::Ok;
            defects_ += result.verdict == dl::db::Verdict::Defect ? 1 : 0;
            if (i < 8)
                result.heatmapPath = dir_.filePath(QString("heat_%1.png").arg(i));
            else if (i < 10)
                result.heatmapPath = dir_.filePath(QString("heat_%1.tiff").arg(i));
            else if (i == 10)
                result.heatmapPath = dir_.filePath("heat_deleted.png");
            results.push_back(result);
        }
        specialResultId_ = store.addResults(results)[7];
        store.finishRun(testRunId_, dl::db::RunStatus::Succeeded);
    }

    void loadsNewestScoringRunAndSortsByScore()
    {
        dl::ui::MainWindow window;
        openIn(window);
        dl::ui::ResultsTable* table = window.resultsTable();
        QCOMPARE(table->selectedRunId(), std::optional<qint64>(testRunId_));
        QCOMPARE(table->proxyModel()->rowCount(), kResults);
        // "All runs" + two runs, newest first.
        QCOMPARE(table->runCombo()->count(), 3);
        QCOMPARE(table->runCombo()->itemData(1).toLongLong(), testRunId_);

        table->tableView()->sortByColumn(dl::ui::ResultsModel::ScoreColumn, Qt::DescendingOrder);
        const QAbstractItemModel* proxy = table->proxyModel();
        double previous = 2.0;
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const double score = proxy->index(row, dl::ui::ResultsModel::ScoreColumn)
                                     .data(dl::ui::ResultsModel::SortRole)
                                     .toDouble();
            QVERIFY(score <= previous);
            previous = score;
        }
        // The file name is shown, the full path is the tooltip.
        const QModelIndex special =
            proxy->match(proxy->index(0, 0), Qt::DisplayRole, kSpecialName, 1, Qt::MatchExactly).value(0);
        QVERIFY(special.isValid());
        QCOMPARE(special.data(Qt::ToolTipRole).toString(), dir_.filePath(kSpecialName));
    }

    // Columns the operator does not need can be hidden (image and score cannot);
    // the choice survives a restart; long paths are elided in the middle within a
    // capped width so the audit columns stay in view.
    void aReloadKeepsTheImageOnScreen()
    {
        const QString onScreen = dir_.filePath(QStringLiteral("part_03.png"));
        // The image on screen is in the run: its row becomes current, and the viewer is
        // not sent the first row's image (it was, replacing an image opened with --image).
        {
            dl::ui::MainWindow window;
            window.setErrorDialogsEnabled(false);
            QSignalSpy shown(window.resultsTable(), &dl::ui::ResultsTable::resultSelected);
            window.openImage(onScreen);
            QVERIFY(window.openDatabase(dbPath_));
            const dl::ui::ResultsTable* table = window.resultsTable();
            QVERIFY(table->currentRow());
            QCOMPARE(table->currentRow()->result.imagePath, onScreen);
            QCOMPARE(shown.count(), 0);
            // Choosing a row still shows it.
            QVERIFY(window.resultsTable()->selectResult(specialResultId_));
            QCOMPARE(shown.count(), 1);
        }
        // An image the run lacks: no row is current, nothing replaces it.
        {
            dl::ui::MainWindow window;
            window.setErrorDialogsEnabled(false);
            QSignalSpy shown(window.resultsTable(), &dl::ui::ResultsTable::resultSelected);
            window.openImage(dir_.filePath(QStringLiteral("loose_1.png")));
            QVERIFY(window.openDatabase(dbPath_));
            QVERIFY(!window.resultsTable()->currentRow());
            QCOMPARE(shown.count(), 0);
        }
        // Nothing on screen: the first row is selected and shown.
        {
            dl::ui::MainWindow window;
            window.setErrorDialogsEnabled(false);
            QSignalSpy shown(window.resultsTable(), &dl::ui::ResultsTable::resultSelected);
            QVERIFY(window.openDatabase(dbPath_));
            QVERIFY(window.resultsTable()->currentRow());
            QCOMPARE(shown.count(), 1);
        }
    }

    void hiddenColumnsAreRememberedAndLongNamesFit()
    {
        using Model = dl::ui::ResultsModel;
        {
            dl::ui::MainWindow window;
            openIn(window);
            dl::ui::ResultsTable* table = window.resultsTable();
            QTableView* view = table->tableView();
            QVERIFY(!view->isColumnHidden(Model::UserColumn));
            table->setColumnShown(Model::UserColumn, false);
            table->setColumnShown(Model::ImageColumn, false); // refused: always shown
            QVERIFY(view->isColumnHidden(Model::UserColumn));
            QVERIFY(!view->isColumnHidden(Model::ImageColumn));
            QCOMPARE(view->textElideMode(), Qt::ElideMiddle);
            const int em = view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
            QVERIFY(view->columnWidth(Model::ImageColumn) <= 20 * em);
            QVERIFY(view->columnWidth(Model::ReasonColumn) <= 16 * em);
        }
        {
            dl::ui::MainWindow window;
            openIn(window);
            QVERIFY(window.resultsTable()->tableView()->isColumnHidden(Model::UserColumn));
            window.resultsTable()->setColumnShown(Model::UserColumn, true);
        }
        dl::ui::MainWindow window;
        openIn(window);
        QVERIFY(!window.resultsTable()->tableView()->isColumnHidden(Model::UserColumn));
    }

    void filtersByVerdictCategoryScoreAndRun()
    {
        dl::ui::MainWindow window;
        openIn(window);
        dl::ui::ResultsTable* table = window.resultsTable();
        const QAbstractItemModel* proxy = table->proxyModel();

        table->verdictCombo()->setCurrentIndex(table->verdictCombo()->findText("Defect"));
        QCOMPARE(proxy->rowCount(), defects_);
        table->verdictCombo()->setCurrentIndex(table->verdictCombo()->findText("OK"));
        QCOMPARE(proxy->rowCount(), kResults - defects_);
        table->verdictCombo()->setCurrentIndex(0);

        table->categoryCombo()->setCurrentIndex(table->categoryCombo()->findText("cable"));
        QCOMPARE(proxy->rowCount(), cables_);
        table->categoryCombo()->setCurrentIndex(0);

        // Scores are k/30: 0.2 <= k/30 <= 0.4 holds for k = 6..12.
        table->minScoreBox()->setValue(0.2);
        table->maxScoreBox()->setValue(0.4);
        QCOMPARE(proxy->rowCount(), 7);
        table->minScoreBox()->setValue(0.0);
        table->maxScoreBox()->setValue(1.0);
        QCOMPARE(proxy->rowCount(), kResults);

        table->selectRun(predictRunId_);
        QCOMPARE(proxy->rowCount(), 3);
        table->selectRun(std::nullopt);
        QCOMPARE(proxy->rowCount(), kResults + 3);
    }

    void overrideByKeyboardIsStoredAndSurvivesReopening()
    {
        const QString reason = "dust, not a \"defect\"";
        {
            dl::ui::MainWindow window;
            openIn(window);
            dl::ui::ResultsTable* table = window.resultsTable();
            int asked = 0;
            table->setReasonProvider([&](dl::db::Verdict verdict) -> std::optional<QString> {
                ++asked;
                return verdict == dl::db::Verdict::Ok ? reason : QString("scratch");
            });
            window.show();
            QApplication::setActiveWindow(&window);
            QVERIFY(QTest::qWaitForWindowActive(&window));

            QTableView* view = table->tableView();
            view->setFocus();
            // Row 7 in insertion order is the special file (score 0.63, a model defect).
            view->selectRow(6);
            QTest::keyClick(view, Qt::Key_N);
            QCOMPARE(table->currentRow()->result.id, specialResultId_);
            QCOMPARE(table->currentRow()->result.verdict, dl::db::Verdict::Defect);

            const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
            QTest::keyClick(view, Qt::Key_A);
            QCOMPARE(asked, 1);
            const std::optional<dl::db::VerdictOverrideRecord> stored =
                table->store()->latestOverride(specialResultId_);
            QVERIFY(stored);
            QCOMPARE(stored->verdict, dl::db::Verdict::Ok);
            QCOMPARE(stored->reason, reason);
            QCOMPARE(stored->user, dl::ui::ResultsTable::operatorName());
            QVERIFY(!stored->user.isEmpty());
            QVERIFY(stored->createdAt >= before);

            // The selection moved on to the next image; the overridden row shows the verdict.
            const int row = view->currentIndex().row() - 1;
            QCOMPARE(row, 7);
            const QAbstractItemModel* proxy = table->proxyModel();
            QCOMPARE(proxy->index(row, dl::ui::ResultsModel::OperatorVerdictColumn).data().toString(), QString("OK"));
            QCOMPARE(proxy->index(row, dl::ui::ResultsModel::ReasonColumn).data().toString(), reason);
            QCOMPARE(proxy->index(row, dl::ui::ResultsModel::UserColumn).data().toString(), stored->user);

            // P goes back; the verdict filter counts the operator's verdict.
            QTest::keyClick(view, Qt::Key_P);
            QCOMPARE(view->currentIndex().row(), row);
            QCOMPARE(table->currentRow()->result.id, specialResultId_);
            table->verdictCombo()->setCurrentIndex(table->verdictCombo()->findText("Defect"));
            QCOMPARE(table->proxyModel()->rowCount(), defects_ - 1);
        }
        dl::ui::MainWindow reopened;
        openIn(reopened);
        const QAbstractItemModel* proxy = reopened.resultsTable()->proxyModel();
        const QModelIndex special =
            proxy->match(proxy->index(0, 0), Qt::DisplayRole, kSpecialName, 1, Qt::MatchExactly).value(0);
        QVERIFY(special.isValid());
        QCOMPARE(proxy->index(special.row(), dl::ui::ResultsModel::OperatorVerdictColumn).data().toString(),
                 QString("OK"));
        QCOMPARE(proxy->index(special.row(), dl::ui::ResultsModel::ReasonColumn).data().toString(), reason);
    }

    void csvFieldsAreQuotedPerRfc4180()
    {
        QCOMPARE(dl::ui::ReportExporter::csvField("plain"), QString("plain"));
        QCOMPARE(dl::ui::ReportExporter::csvField("a,b"), QString("\"a,b\""));
        QCOMPARE(dl::ui::ReportExporter::csvField("say \"hi\""), QString("\"say \"\"hi\"\"\""));
        QCOMPARE(dl::ui::ReportExporter::csvField("two\nlines"), QString("\"two\nlines\""));
        // CSV formula injection: text that a spreadsheet would execute is neutralised.
        QCOMPARE(dl::ui::ReportExporter::csvTextField("=HYPERLINK(\"http://x\",\"y\")"),
                 QString("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
        for (const char* start : {"+1", "-2+3", "@SUM(A1)", "\tx", "\rx"})
            QVERIFY2(dl::ui::ReportExporter::csvTextField(start).startsWith("'")
                         || dl::ui::ReportExporter::csvTextField(start).startsWith("\"'"),
                     start);
        QCOMPARE(dl::ui::ReportExporter::csvTextField("scratch"), QString("scratch"));
        QCOMPARE(dl::ui::ReportExporter::csvField("-0.5"), QString("-0.5")); // numbers stay numbers
    }

    void exportsHtmlCsvAndPdf()
    {
        dl::ui::MainWindow window;
        openIn(window);
        const QString base = dir_.filePath("report");
        QVERIFY(window.exportReport(testRunId_, base + ".html"));

        QFile csvFile(base + ".csv");
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QStringList> records = parseCsv(QString::fromUtf8(csvFile.readAll()));
        QCOMPARE(records.size(), kResults + 1);
        // The first eight columns as before; newer ones at the end.
        QCOMPARE(records[0], QStringList({"image", "category", "score", "model_verdict", "operator_verdict", "reason",
                                          "user", "time", "relative_path", "defect_type", "heatmap"}));
        bool foundSpecial = false;
        for (const QStringList& record : records) {
            QCOMPARE(record.size(), 11);
            if (record[0] == dir_.filePath(kSpecialName)) {
                foundSpecial = true;
                QCOMPARE(record[4], QString("ok"));
                QCOMPARE(record[5], QString("dust, not a \"defect\""));
                QCOMPARE(record[8], kSpecialName);
                QCOMPARE(record[9], QString("good"));
                QCOMPARE(record[10], dir_.filePath("heat_7.png"));
            }
        }
        QVERIFY(foundSpecial);

        QFile htmlFile(base + ".html");
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(htmlFile.readAll());
        QVERIFY(html.contains("&lt;b&gt;&amp;&quot;x'.png"));
        QVERIFY(!html.contains("<b>&"));
        QVERIFY(html.contains("patchcore"));
        QVERIFY(html.contains(QString(64, 'a')));
        QVERIFY(html.contains("contamination"));                  // the defect type column
        QVERIFY(html.contains("All 30 result"));                   // no filter: every row
        QVERIFY(html.contains("0.5 (from the model record)"));     // threshold and its source

        QFile pdfFile(base + ".pdf");
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdf = pdfFile.readAll();
        QVERIFY(pdf.startsWith("%PDF"));
        const int pages = QString::fromLatin1(pdf).count(QRegularExpression("/Type\\s*/Page(?!s)"));
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages))); // 30 rows with thumbnails
    }

    void reportOfUnknownRunFails()
    {
        dl::ui::MainWindow window;
        openIn(window);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        QVERIFY(!window.exportReport(testRunId_ + 1000, dir_.filePath("missing.html")));
        QCOMPARE(errors.count(), 1);
    }

    void reportShowsImageAndHeatmapThumbnails()
    {
        dl::db::Store store;
        store.open(dbPath_);
        const QString html = dl::ui::ReportExporter(store, testRunId_).html();
        // Ten images exist; eight overlay PNGs and two raw TIFF maps are stored.
        QCOMPARE(html.count("data:image/png;base64,"), 10 + 8 + 2);
        QCOMPARE(html.count("no heatmap stored"), kResults - 11);
        QCOMPARE(html.count("heatmap file missing"), 1);
        QCOMPARE(html.count("image file missing"), kResults - 10);

        // The raw map (0 on the left, 1 on the right) is coloured over the image on the
        // report's scale (0 to 1.25 x the threshold 0.5): calm blue left, warm at 0.4.
        QString row;
        for (const QString& part : html.split("<tr>"))
            if (part.contains("part_08.png"))
                row = part;
        const QRegularExpression dataUri("data:image/png;base64,([A-Za-z0-9+/=]+)");
        QStringList payloads;
        for (QRegularExpressionMatchIterator it = dataUri.globalMatch(row); it.hasNext();)
            payloads << it.next().captured(1);
        QCOMPARE(payloads.size(), 2); // image, heatmap
        const QImage heatmap = QImage::fromData(QByteArray::fromBase64(payloads[1].toLatin1()));
        QVERIFY(!heatmap.isNull());
        const QColor left = heatmap.pixelColor(1, heatmap.height() / 2);
        const QColor warm = heatmap.pixelColor(heatmap.width() * 2 / 5, heatmap.height() / 2);
        QVERIFY2(warm.red() > left.red() + 60, qPrintable(QString("%1 vs %2").arg(left.name(), warm.name())));
    }

    void labelMetricsAreComputedFromScoresAndLabels()
    {
        using Scored = dl::ui::ReportExporter::Scored;
        // Defective 0.4 and 0.8, normal 0.1, 0.4 (a tie) and 0.9, one unlabelled.
        const std::vector<Scored> scored = {{0.1, 0}, {0.4, 1}, {0.4, 0}, {0.8, 1}, {0.9, 0}, {0.7, -1}};
        const dl::ui::LabelMetrics m = dl::ui::ReportExporter::computeLabelMetrics(scored, 0.5);
        QCOMPARE(m.labelled, 5);
        QCOMPARE(m.normal, 3);
        QCOMPARE(m.defective, 2);
        // Pairs won by the defective image: 1 + 0.5 (tie) + 0 + 1 + 1 + 0 of 6.
        QVERIFY(m.imageAuroc && qAbs(*m.imageAuroc - 3.5 / 6.0) < 1e-12);
        // From the top: 0.9 (normal), 0.8 (recall 0.5 at precision 0.5), 0.4 tie (recall 1 at 0.5).
        QVERIFY(m.averagePrecision && qAbs(*m.averagePrecision - 0.5) < 1e-12);
        QCOMPARE(m.truePositives, 1);
        QCOMPARE(m.falsePositives, 1);
        QCOMPARE(m.trueNegatives, 2);
        QCOMPARE(m.falseNegatives, 1);

        // Without a threshold the model's verdicts count; one class alone gives no AUROC.
        const std::vector<Scored> normalOnly = {{0.2, 0, dl::db::Verdict::Defect}, {0.1, 0, dl::db::Verdict::Ok}};
        const dl::ui::LabelMetrics n = dl::ui::ReportExporter::computeLabelMetrics(normalOnly, std::nullopt);
        QVERIFY(!n.imageAuroc);
        QVERIFY(!n.averagePrecision);
        QCOMPARE(n.falsePositives, 1);
        QCOMPARE(n.trueNegatives, 1);
    }

    void reportHasMetricsAndProvenance()
    {
        dl::db::Store store;
        store.open(dbPath_);
        const QString html = dl::ui::ReportExporter(store, testRunId_).html();
        // AUROC of the fixture by counting pairs: an independent check of the rank sum.
        double won = 0.0;
        int pairs = 0;
        for (int d = 0; d < kResults; d += 4)
            for (int n = 0; n < kResults; ++n) {
                if (n % 4 == 0)
                    continue;
                const double sd = ((d * 7) % kResults) / double(kResults);
                const double sn = ((n * 7) % kResults) / double(kResults);
                won += sd > sn ? 1.0 : sd == sn ? 0.5 : 0.0;
                ++pairs;
            }
        const QString auroc = QString::number(won / pairs, 'f', 4);
        QVERIFY2(html.contains("<th>Image AUROC</th><td>" + auroc + "</td>"), qPrintable(auroc));
        QVERIFY(html.contains("22 normal, 8 defective"));
        QVERIFY(html.contains("Computed from the 30 labelled of the run's 30 results"));
        // Provenance: model method, categories, bundle, checksum; the run's kind and status.
        QVERIFY(html.contains("<th>Method</th><td>patchcore</td>"));
        QVERIFY(html.contains("bottle, cable"));
        QVERIFY(html.contains("/models/parts.dlm"));
        QVERIFY(html.contains("<th>Parent model</th><td>none</td>"));
        QVERIFY(html.contains("<th>Kind</th><td>test</td>"));

        // A run whose images carry no labels says so.
        const QString predicted = dl::ui::ReportExporter(store, predictRunId_).html();
        QVERIFY(predicted.contains("No labels"));
        QVERIFY(!predicted.contains("Image AUROC</th><td>0"));
    }

    void reportFollowsTheTableFilter()
    {
        dl::ui::MainWindow window;
        openIn(window);
        dl::ui::ResultsTable* table = window.resultsTable();
        table->verdictCombo()->setCurrentIndex(table->verdictCombo()->findText("Defect"));
        table->tableView()->sortByColumn(dl::ui::ResultsModel::ScoreColumn, Qt::DescendingOrder);
        const QAbstractItemModel* proxy = table->proxyModel();
        const int shown = proxy->rowCount();
        QVERIFY(shown > 0 && shown < kResults);
        QStringList shownPaths;
        for (int r = 0; r < shown; ++r)
            shownPaths << table->resultsModel()
                              ->rowAt(table->proxyModel()->mapToSource(table->proxyModel()->index(r, 0)).row())
                              .result.imagePath;

        const QString base = dir_.filePath("filtered");
        QVERIFY(window.exportReport(testRunId_, base + ".html"));
        QFile csvFile(base + ".csv");
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QStringList> records = parseCsv(QString::fromUtf8(csvFile.readAll()));
        QCOMPARE(records.size(), shown + 1);
        for (int r = 0; r < shown; ++r) {
            QCOMPARE(records[r + 1][0], shownPaths[r]); // the view's order
            const QString finalVerdict = records[r + 1][4].isEmpty() ? records[r + 1][3] : records[r + 1][4];
            QCOMPARE(finalVerdict, QString("defect"));
        }
        QFile htmlFile(base + ".html");
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(htmlFile.readAll());
        QVERIFY2(html.contains(QString("%1 of %2 results shown: verdict Defect").arg(shown).arg(kResults)),
                 qPrintable(html.left(3000)));
        // The label metrics stay those of the whole run.
        QVERIFY(html.contains("Computed from the 30 labelled of the run's 30 results"));

        // A report of another run than the one shown lists all of that run's results.
        QVERIFY(window.exportReport(predictRunId_, dir_.filePath("other.html")));
        QFile otherCsv(dir_.filePath("other.csv"));
        QVERIFY(otherCsv.open(QIODevice::ReadOnly));
        QCOMPARE(parseCsv(QString::fromUtf8(otherCsv.readAll())).size(), 3 + 1);
    }

    void pdfIsA4FullWidthAndRowsNeverSplit()
    {
        dl::db::Store store;
        store.open(dbPath_);
        const dl::ui::ReportExporter exporter(store, testRunId_);
        const QString path = dir_.filePath("layout.pdf");
        const dl::ui::PdfLayout layout = exporter.writePdf(path);
        // The page's width inside the 12 mm margins of A4 (210 mm), not half of it.
        const double pixelsPerMm = layout.resolution / 25.4;
        QVERIFY2(qAbs(layout.contentWidth - 186.0 * pixelsPerMm) < 2.0, qPrintable(QString::number(layout.contentWidth)));
        QCOMPARE(int(layout.rows.size()), kResults);
        QVERIFY(layout.pages >= 2);
        int page = 1;
        double previousBottom = 0.0;
        for (const dl::ui::PdfLayout::Row& row : layout.rows) {
            QVERIFY(row.page == page || row.page == page + 1);
            if (row.page != page) {
                page = row.page;
                previousBottom = 0.0;
            }
            QVERIFY(row.top >= previousBottom - 0.01);
            QVERIFY(row.bottom > row.top);
            QVERIFY2(row.bottom <= layout.contentHeight + 0.01, qPrintable(QString::number(row.bottom)));
            previousBottom = row.bottom;
        }
        QCOMPARE(page, layout.pages);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString pdf = QString::fromLatin1(file.readAll());
        QCOMPARE(pdf.count(QRegularExpression("/Type\\s*/Page(?!s)")), layout.pages);
        // A4 portrait: 595 x 842 points.
        QCOMPARE(pdf.count(QRegularExpression("/MediaBox\\s*\\[\\s*0\\s+0\\s+595(\\.\\d+)?\\s+84[12](\\.\\d+)?\\s*\\]")),
                 layout.pages);
        // To look at the pages: DL_KEEP_REPORT=DIR keeps a copy (pdftoppm -r 60 -png).
        if (const QString keep = qEnvironmentVariable("DL_KEEP_REPORT"); !keep.isEmpty()) {
            QFile::remove(keep + "/report.pdf");
            QFile::copy(path, keep + "/report.pdf");
            exporter.writeHtml(keep + "/report.html");
        }
    }

    void exportRunsOffTheGuiThreadAndCanBeCancelled()
    {
        dl::ui::MainWindow window;
        openIn(window);
        window.show();
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);

        // While the worker writes, the GUI's event loop runs and the status bar shows the export.
        int ticks = 0;
        bool progressShown = false;
        QTimer ticker;
        ticker.setInterval(1);
        connect(&ticker, &QTimer::timeout, &window, [&] {
            ++ticks;
            if (const auto* bar = window.findChild<QProgressBar*>("reportProgress"))
                progressShown = progressShown || bar->isVisible();
        });
        ticker.start();
        QVERIFY(window.exportReport(testRunId_, dir_.filePath("responsive.html")));
        ticker.stop();
        QVERIFY(ticks > 0);
        QVERIFY(progressShown);
        QVERIFY(!window.findChild<QWidget*>("reportStatus")->isVisible());

        // Cancel in the status bar: no file is left behind, and it is not an error.
        QTimer::singleShot(0, &window, [&] {
            auto* cancel = window.findChild<QPushButton*>("reportCancelButton");
            QVERIFY(cancel && cancel->isVisible());
            cancel->click();
        });
        QVERIFY(!window.exportReport(testRunId_, dir_.filePath("cancelled.html")));
        for (const char* suffix : {".html", ".csv", ".pdf"})
            QVERIFY(!QFile::exists(dir_.filePath(QString("cancelled") + suffix)));
        QCOMPARE(errors.count(), 0);
    }

    // These two change the database (an override, a newer run): they run last.
    void overridesNeedAReasonAndAHiddenRowIsAnnounced()
    {
        dl::ui::MainWindow window;
        openIn(window);
        dl::ui::ResultsTable* table = window.resultsTable();
        QSignalSpy errors(table, &dl::ui::ResultsTable::errorOccurred);
        QSignalSpy stored(table, &dl::ui::ResultsTable::overrideStored);
        QString reason = QStringLiteral("   ");
        table->setReasonProvider([&](dl::db::Verdict) -> std::optional<QString> { return reason; });

        // Under the "Defect" filter, the first defect row (not the one other tests override).
        table->verdictCombo()->setCurrentIndex(table->verdictCombo()->findText("Defect"));
        const int shown = table->proxyModel()->rowCount();
        QVERIFY(shown >= 3);
        int row = 0;
        while (table->proxyModel()->index(row, 0).isValid()) {
            table->tableView()->selectRow(row);
            if (table->currentRow()->result.id != specialResultId_ && !table->currentRow()->override)
                break;
            ++row;
        }
        const qint64 resultId = table->currentRow()->result.id;
        const dl::ui::ResultRow* next = nullptr;
        const qint64 nextId = (next = &table->resultsModel()->rowAt(
                                   table->proxyModel()->mapToSource(table->proxyModel()->index(row + 1, 0)).row()))
                                  ->result.id;

        // A blank reason is refused: nothing stored, the operator is told.
        QVERIFY(!table->acceptCurrent());
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains("reason"));
        QVERIFY(!table->store()->latestOverride(resultId));

        // Accepted as OK, the row leaves the "Defect" filter: the message says so and
        // the selection lands on the next image instead of nowhere.
        reason = QStringLiteral("reflection, not a crack");
        QVERIFY(table->acceptCurrent());
        QCOMPARE(table->proxyModel()->rowCount(), shown - 1);
        QCOMPARE(stored.count(), 1);
        QVERIFY2(stored.first().first().toString().contains("hidden"), qPrintable(stored.first().first().toString()));
        QVERIFY(table->currentRow());
        QCOMPARE(table->currentRow()->result.id, nextId);
        QCOMPARE(table->store()->latestOverride(resultId)->reason, reason);
        QCOMPARE(table->store()->latestOverride(resultId)->user, dl::ui::recordedUserName());

        // The viewer's badge shows the operator's verdict of a reviewed image.
        table->verdictCombo()->setCurrentIndex(0);
        for (int r = 0; r < table->proxyModel()->rowCount(); ++r) {
            table->tableView()->selectRow(r);
            if (table->currentRow()->result.id == resultId)
                break;
        }
        QCOMPARE(table->currentRow()->result.id, resultId);
        QTRY_COMPARE(window.resultView()->verdictText(), QString("OK (operator)"));
    }

    void refreshShowsRunsAnotherConnectionWrote()
    {
        dl::ui::MainWindow window;
        openIn(window);
        dl::ui::ResultsTable* table = window.resultsTable();
        QCOMPARE(table->selectedRunId(), std::optional<qint64>(testRunId_));
        qint64 newRun = 0;
        {
            // As an inspection on the model lane records: its own connection.
            dl::db::Store other;
            other.open(dbPath_);
            newRun = other.startRun(dl::db::RunKind::Predict, {}).id;
            std::vector<dl::db::ResultRecord> results(2);
            for (int i = 0; i < 2; ++i) {
                results[i].runId = newRun;
                results[i].imagePath = dir_.filePath(QString("line/cam1/shot_%1.png").arg(i));
                results[i].score = 0.9;
                results[i].verdict = dl::db::Verdict::Defect;
            }
            other.addResults(results);
            other.finishRun(newRun, dl::db::RunStatus::Succeeded);
        }
        table->refresh();
        QCOMPARE(table->selectedRunId(), std::optional<qint64>(newRun));
        QCOMPARE(table->proxyModel()->rowCount(), 2);
        // Not linked to a dataset: named by folder and file, not the bare file name.
        QCOMPARE(table->proxyModel()->index(0, dl::ui::ResultsModel::ImageColumn).data().toString(),
                 QString("cam1/shot_0.png"));
        // A refresh without new runs keeps the operator's choice.
        table->selectRun(testRunId_);
        table->tableView()->selectRow(4);
        const qint64 chosen = table->currentRow()->result.id;
        table->refresh();
        QCOMPARE(table->selectedRunId(), std::optional<qint64>(testRunId_));
        QCOMPARE(table->currentRow()->result.id, chosen);
    }

    // A refresh while the reason dialog is open (the change poll, Line mode)
    // waits: the override lands on the row the operator chose.
    void aRefreshDuringTheReasonDialogWaitsForIt()
    {
        dl::ui::MainWindow window;
        openIn(window);
        dl::ui::ResultsTable* table = window.resultsTable();
        table->selectRun(testRunId_);
        table->tableView()->selectRow(1);
        const qint64 chosen = table->currentRow()->result.id;
        qint64 newRun = 0;
        table->setReasonProvider([&](dl::db::Verdict) -> std::optional<QString> {
            dl::db::Store other;
            other.open(dbPath_);
            newRun = other.startRun(dl::db::RunKind::Predict, {}).id;
            dl::db::ResultRecord r;
            r.runId = newRun;
            r.imagePath = dir_.filePath("line/cam3/during_dialog.png");
            r.score = 0.5;
            other.addResults({r});
            table->refresh(); // as the poll would, inside the dialog's event loop
            return QStringLiteral("checked under the lamp");
        });
        QVERIFY(table->acceptCurrent());
        dl::db::Store check;
        check.open(dbPath_);
        const auto stored = check.latestOverride(chosen);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->reason, QStringLiteral("checked under the lamp"));
        // The deferred refresh follows: the new run is shown.
        QTRY_COMPARE_WITH_TIMEOUT(table->selectedRunId(), std::optional<qint64>(newRun), 5000);
        table->setReasonProvider({});
    }

    // Another station (or a watch) writes: the table notices by itself.
    void theTableFollowsWritesOfOtherConnections()
    {
        dl::ui::MainWindow window;
        openIn(window);
        dl::ui::ResultsTable* table = window.resultsTable();
        table->setChangePollInterval(100);
        const qint64 before = table->selectedRunId().value_or(0);
        qint64 newRun = 0;
        {
            dl::db::Store other;
            other.open(dbPath_);
            newRun = other.startRun(dl::db::RunKind::Predict, {{"mode", "watch"}}).id;
            dl::db::ResultRecord r;
            r.runId = newRun;
            r.imagePath = dir_.filePath("line/cam2/live_0.png");
            r.score = 0.2;
            other.addResults({r});
        }
        QVERIFY(newRun > before);
        QTRY_COMPARE_WITH_TIMEOUT(table->selectedRunId(), std::optional<qint64>(newRun), 5000);
        QCOMPARE(table->proxyModel()->rowCount(), 1);
        {
            dl::db::Store other;
            other.open(dbPath_);
            dl::db::ResultRecord r;
            r.runId = newRun;
            r.imagePath = dir_.filePath("line/cam2/live_1.png");
            r.score = 0.3;
            other.addResults({r});
        }
        QTRY_COMPARE_WITH_TIMEOUT(table->proxyModel()->rowCount(), 2, 5000);
    }

    // A database server that takes the connection but never answers: the change
    // poll waits for it (connect_timeout=3) on its own thread while the GUI's
    // event loop keeps turning; the panel then says the database cannot be read,
    // without the password, keeps its rows, and drops the line once it can.
    void aServerThatNeverAnswersDoesNotFreezeTheTable()
    {
        SilentServer silentServer;
        QVERIFY(silentServer.port() > 0);
        const QString silentAddress = QStringLiteral("postgresql://op:s3cret@127.0.0.1:%1/line1"
                                                     "?connect_timeout=3&sslmode=disable&gssencmode=disable")
                                          .arg(silentServer.port());

        dl::ui::ResultsTable table;
        table.openDatabase(dbPath_);
        const int rows = table.proxyModel()->rowCount();
        QVERIFY(rows > 0);
        QLabel* pollStatus = table.pollStatusLabel();
        QVERIFY(pollStatus->isHidden());

        dltest::EventLoopGapMeter meter;
        table.setChangePollDatabaseForTesting(silentAddress);
        table.setChangePollInterval(100);

        QTRY_VERIFY_WITH_TIMEOUT(!pollStatus->isHidden(), 20000);
        const qint64 failedAfterMs = meter.elapsedMs();
        QTest::qWait(1000); // the next read hangs again meanwhile
        meter.stop();
        qInfo("the poll failed after %lld ms; longest GUI event-loop gap %lld ms", failedAfterMs, meter.longestGapMs());
        QVERIFY2(silentServer.acceptedConnections() > 0, "the poll never reached the silent server");
        QVERIFY2(failedAfterMs >= 2000, "the read should have waited for the connect_timeout");
        QVERIFY2(meter.longestGapMs() < 500, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(meter.longestGapMs())));
        const QString shown = pollStatus->text() + pollStatus->toolTip();
        QVERIFY2(pollStatus->text().contains(
                     QStringLiteral("postgresql://op@127.0.0.1:%1/line1").arg(silentServer.port())),
                 qPrintable(pollStatus->text()));
        QVERIFY2(!shown.contains(QStringLiteral("s3cret")), qPrintable(shown));
        QCOMPARE(table.proxyModel()->rowCount(), rows);
        QVERIFY(table.hasDatabase());

        // The database answers again: the line goes away.
        table.setChangePollDatabaseForTesting({});
        QTRY_VERIFY_WITH_TIMEOUT(pollStatus->isHidden(), 20000);
        QCOMPARE(table.proxyModel()->rowCount(), rows);
    }

    // Last: its run becomes the newest, which the table tests above open by default.
    void reportShowsRunParametersAndModelMetricsReadably()
    {
        dl::db::Store store;
        store.open(dbPath_);
        dl::db::ModelRecord model;
        model.method = "dmad";
        model.categories = {"bottle"};
        model.bundlePath = "/models/readable.dlm";
        model.bundleChecksum = QString(64, 'b');
        model.metrics = {{"image_auroc", 1.0}, {"aupro", 0.92691}, {"threshold", 20.84}};
        const qint64 modelId = store.addModel(model).id;
        const nlohmann::json params = {
            {"data", nlohmann::json::array({{{"path", "/data/mvtec_bottle"}, {"format", "auto"}, {"category", ""},
                                             {"seed", 42}, {"test_fraction", 0.2}}})},
            {"maps_dir", "/tmp/maps"}};
        const qint64 runId = store.startRun(dl::db::RunKind::Test, params, modelId).id;
        store.finishRun(runId, dl::db::RunStatus::Succeeded);
        const QString html = dl::ui::ReportExporter(store, runId).html();
        // A dataset as its path with the options that are set; no JSON, no empty category.
        QVERIFY2(html.contains("/data/mvtec_bottle (format auto, seed 42, test fraction 0.2)"), qPrintable(html));
        QVERIFY(!html.contains("&quot;path&quot;"));
        QVERIFY(html.contains("Parameter maps dir"));
        // Quality metrics with four decimals: a perfect 1.0 is not printed as a count.
        QVERIFY(html.contains("1.0000"));
        QVERIFY(html.contains("0.9269"));
    }
};

QTEST_MAIN(TestResults)
#include "tst_results.moc"
