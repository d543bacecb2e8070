// The operator's review loop on a generated results database: the results table
// loads, sorts and filters; an override by keyboard is stored with reason, user
// and time and survives reopening; the run's report is written as HTML (escaped),
// CSV (RFC 4180) and PDF.
#include "database/Store.h"
#include "ui/MainWindow.h"
#include "ui/results/ReportExporter.h"
#include "ui/results/ResultsModel.h"
#include "ui/results/ResultsTable.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace {

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
            images.push_back(image);
            // A few real files, so the report has thumbnails; the rest are missing on purpose.
            if (i < 8) {
                QImage picture(64, 48, QImage::Format_RGB888);
                picture.fill(QColor(40 * (i % 6), 120, 200));
                QVERIFY(picture.save(image.path, "PNG"));
                QVERIFY(picture.save(dir_.filePath(QString("heat_%1.png").arg(i)), "PNG"));
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

            const int row = view->currentIndex().row();
            const QAbstractItemModel* proxy = table->proxyModel();
            QCOMPARE(proxy->index(row, dl::ui::ResultsModel::OperatorVerdictColumn).data().toString(), QString("OK"));
            QCOMPARE(proxy->index(row, dl::ui::ResultsModel::ReasonColumn).data().toString(), reason);
            QCOMPARE(proxy->index(row, dl::ui::ResultsModel::UserColumn).data().toString(), stored->user);

            // P goes back; the verdict filter counts the operator's verdict.
            QTest::keyClick(view, Qt::Key_P);
            QCOMPARE(view->currentIndex().row(), row - 1);
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
        QCOMPARE(records[0].value(0), QString("image"));
        bool foundSpecial = false;
        for (const QStringList& record : records) {
            QCOMPARE(record.size(), 8);
            if (record[0] == dir_.filePath(kSpecialName)) {
                foundSpecial = true;
                QCOMPARE(record[4], QString("ok"));
                QCOMPARE(record[5], QString("dust, not a \"defect\""));
            }
        }
        QVERIFY(foundSpecial);

        QFile htmlFile(base + ".html");
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(htmlFile.readAll());
        QVERIFY(html.contains("&lt;b&gt;&amp;&quot;x'.png"));
        QVERIFY(!html.contains("<b>&"));
        QVERIFY(html.contains("data:image/png;base64,")); // thumbnails of the files that exist
        QVERIFY(html.contains("patchcore"));
        QVERIFY(html.contains(QString(64, 'a')));

        QFile pdfFile(base + ".pdf");
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdf = pdfFile.readAll();
        QVERIFY(pdf.startsWith("%PDF"));
        const int pages = QString::fromLatin1(pdf).count(QRegularExpression("/Type\\s*/Page(?!s)"));
        QVERIFY2(pages >= 1, qPrintable(QString::number(pages)));
    }

    void reportOfUnknownRunFails()
    {
        dl::ui::MainWindow window;
        openIn(window);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        QVERIFY(!window.exportReport(testRunId_ + 1000, dir_.filePath("missing.html")));
        QCOMPARE(errors.count(), 1);
    }
};

QTEST_MAIN(TestResults)
#include "tst_results.moc"
