// The live-inspection journal: a watched file and its result are stored
// together or not at all, a file is known by path, size and time stamp, a
// second recording of one file is refused quietly, and bad entries store nothing.
#include "StoreTestSupport.h"

#include "database/Store.h"

#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace dl::db;

namespace {

Store::InspectedFile scoredFile(RowId run, const QString& path, qint64 size, qint64 modifiedNs, double score)
{
    Store::InspectedFile f;
    f.file.watchFolder = QStringLiteral("/line/in");
    f.file.path = path;
    f.file.size = size;
    f.file.modifiedNs = modifiedNs;
    f.file.scored = true;
    f.file.latencyMs = 42.5;
    ResultRecord r;
    r.runId = run;
    r.imagePath = path;
    r.score = score;
    r.verdict = score >= 1.0 ? Verdict::Defect : Verdict::Ok;
    f.result = r;
    return f;
}

} // namespace

class TestStoreWatch : public QObject {
    Q_OBJECT

    Store store_;
    RowId run_ = 0;

private slots:
    void initTestCase()
    {
        const QString problem = test::TestDatabases::instance().problem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        store_.open(test::TestDatabases::instance().create(QStringLiteral("watch")));
        run_ = store_.startRun(RunKind::Predict, {{"mode", "watch"}}).id;
    }

    void cleanupTestCase()
    {
        store_.close();
        test::TestDatabases::instance().shutdown();
    }

    void aScoredFileIsStoredWithItsResult()
    {
        const auto stored = store_.addInspectedFiles({scoredFile(run_, "/line/in/a.png", 100, 1000, 1.5)});
        QCOMPARE(stored.size(), std::size_t(1));
        QVERIFY(stored[0].has_value());
        QVERIFY(stored[0]->id > 0);
        QVERIFY(stored[0]->resultId.has_value());
        const std::optional<ResultRecord> result = store_.result(*stored[0]->resultId);
        QVERIFY(result.has_value());
        QCOMPARE(result->runId, run_);
        QCOMPARE(result->imagePath, QStringLiteral("/line/in/a.png"));
        QCOMPARE(result->verdict, Verdict::Defect);

        const std::optional<WatchedFileRecord> found = store_.findWatchedFile("/line/in/a.png", 100, 1000);
        QVERIFY(found.has_value());
        QCOMPARE(found->resultId, stored[0]->resultId);
        QVERIFY(found->scored);
        QCOMPARE(found->watchFolder, QStringLiteral("/line/in"));
        QCOMPARE(found->latencyMs.value_or(0), 42.5);
        // Another size or time stamp: a new file under the same name.
        QVERIFY(!store_.findWatchedFile("/line/in/a.png", 101, 1000));
        QVERIFY(!store_.findWatchedFile("/line/in/a.png", 100, 1001));
    }

    void theSameFileTwiceIsRecordedOnce()
    {
        const int resultsBefore = int(store_.resultsOfRun(run_).size());
        const auto stored = store_.addInspectedFiles({scoredFile(run_, "/line/in/a.png", 100, 1000, 0.2),
                                                      scoredFile(run_, "/line/in/b.png", 100, 1000, 0.2)});
        QVERIFY(!stored[0].has_value()); // journalled already: left alone
        QVERIFY(stored[1].has_value());
        QCOMPARE(int(store_.resultsOfRun(run_).size()), resultsBefore + 1);
    }

    void aFailedFileHasAReasonAndNoResult()
    {
        Store::InspectedFile f;
        f.file.watchFolder = QStringLiteral("/line/in");
        f.file.path = QStringLiteral("/line/in/broken.png");
        f.file.size = 7;
        f.file.modifiedNs = 5;
        f.file.scored = false;
        f.file.errorMessage = QStringLiteral("/line/in/broken.png: not a decodable image");
        const auto stored = store_.addInspectedFiles({f});
        QVERIFY(stored[0].has_value());
        QVERIFY(!stored[0]->resultId.has_value());
        const std::optional<WatchedFileRecord> found = store_.findWatchedFile(f.file.path, 7, 5);
        QVERIFY(found.has_value());
        QVERIFY(!found->scored);
        QCOMPARE(found->errorMessage, f.file.errorMessage);
    }

    void badEntriesStoreNothing()
    {
        const std::size_t before = store_.watchedFiles().size();
        Store::InspectedFile scoredWithoutResult = scoredFile(run_, "/line/in/c.png", 1, 1, 0.1);
        scoredWithoutResult.result.reset();
        Store::InspectedFile notANumber = scoredFile(run_, "/line/in/d.png", 1, 1, std::nan(""));
        for (const Store::InspectedFile& bad : {scoredWithoutResult, notANumber}) {
            try {
                store_.addInspectedFiles({scoredFile(run_, "/line/in/ok.png", 1, 1, 0.1), bad});
                QFAIL("a bad entry was accepted");
            } catch (const DatabaseError& e) {
                QCOMPARE(e.reason(), DatabaseError::Reason::InvalidArgument);
            }
        }
        QCOMPARE(store_.watchedFiles().size(), before);
        QVERIFY(!store_.findWatchedFile("/line/in/ok.png", 1, 1));
    }

    // Two stations watching the same (network) folder race for every file:
    // each file is journalled and scored once, by one of them.
    void twoWatchersOfOneFolderRecordEachFileOnce()
    {
        const QString location = test::TestDatabases::instance().create(QStringLiteral("two_watchers"));
        RowId runs[2] = {0, 0};
        {
            Store store;
            store.open(location);
            runs[0] = store.startRun(RunKind::Predict, {{"mode", "watch"}}).id;
            runs[1] = store.startRun(RunKind::Predict, {{"mode", "watch"}}).id;
        }
        constexpr int kFiles = 120;
        int recorded[2] = {0, 0};
        QString failure[2];
        auto watcher = [&](int index) {
            try {
                Store store;
                store.open(location);
                for (int first = 0; first < kFiles; first += 4) { // small batches, as under backlog
                    std::vector<Store::InspectedFile> batch;
                    for (int i = first; i < first + 4; ++i)
                        batch.push_back(scoredFile(runs[index], QStringLiteral("/line/shared/%1.png").arg(i), 1000 + i,
                                                   5000 + i, 0.5));
                    for (const auto& stored : store.addInspectedFiles(batch))
                        recorded[index] += stored.has_value() ? 1 : 0;
                }
            } catch (const DatabaseError& e) {
                failure[index] = QString::fromUtf8(e.what());
            }
        };
        std::unique_ptr<QThread> a(QThread::create(watcher, 0)), b(QThread::create(watcher, 1));
        a->start();
        b->start();
        QVERIFY(a->wait(120000) && b->wait(120000));
        QVERIFY2(failure[0].isEmpty() && failure[1].isEmpty(), qPrintable(failure[0] + failure[1]));
        QCOMPARE(recorded[0] + recorded[1], kFiles);
        Store store;
        store.open(location);
        QCOMPARE(int(store.watchedFiles(QStringLiteral("/line/in")).size()), kFiles);
        QCOMPARE(int(store.resultsOfRun(runs[0]).size() + store.resultsOfRun(runs[1]).size()), kFiles);
    }

    void mqttMessagesWaitInTheJournalUntilAcknowledged()
    {
        std::vector<Store::InspectedFile> files;
        for (int i = 0; i < 3; ++i) {
            Store::InspectedFile f = scoredFile(run_, QStringLiteral("/line/mqtt/%1.png").arg(i), 10 + i, 77, 0.5);
            f.file.watchFolder = QStringLiteral("/line/mqtt");
            files.push_back(f);
        }
        const auto stored = store_.addInspectedFiles(files);
        QVERIFY(store_.pendingMessages(QStringLiteral("/line/mqtt")).empty());
        std::vector<Store::PendingMessage> messages;
        for (int i = 0; i < 3; ++i)
            messages.push_back({stored[std::size_t(i)]->id, QStringLiteral("{\"part\": %1, \"text\": \"défaut ✓\"}").arg(i)});
        store_.keepPendingMessages(messages);
        std::vector<Store::PendingMessage> pending = store_.pendingMessages(QStringLiteral("/line/mqtt"));
        QCOMPARE(pending.size(), std::size_t(3));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(pending[std::size_t(i)].watchedFileId, messages[std::size_t(i)].watchedFileId); // oldest first
            QCOMPARE(pending[std::size_t(i)].payload, messages[std::size_t(i)].payload);
        }
        QVERIFY(store_.pendingMessages(QStringLiteral("/line/in")).empty()); // another folder's
        store_.clearPendingMessages({messages[0].watchedFileId, messages[2].watchedFileId});
        pending = store_.pendingMessages(QStringLiteral("/line/mqtt"));
        QCOMPARE(pending.size(), std::size_t(1));
        QCOMPARE(pending[0].watchedFileId, messages[1].watchedFileId);
        store_.clearPendingMessages({messages[1].watchedFileId});
        QVERIFY(store_.pendingMessages(QStringLiteral("/line/mqtt")).empty());
    }

    void archivingIsRecordedAndTheJournalListsNewestFirst()
    {
        const auto stored = store_.addInspectedFiles({scoredFile(run_, "/line/in/e.png", 3, 3, 0.3)});
        store_.setWatchedFileArchived(stored[0]->id, QStringLiteral("/line/archive/e.png"));
        const std::vector<WatchedFileRecord> listed = store_.watchedFiles(QStringLiteral("/line/in"), 1);
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed[0].path, QStringLiteral("/line/in/e.png"));
        QCOMPARE(listed[0].archivedPath, QStringLiteral("/line/archive/e.png"));
        QVERIFY(store_.watchedFiles(QStringLiteral("/elsewhere")).empty());
        try {
            store_.setWatchedFileArchived(999999, QStringLiteral("/x"));
            QFAIL("an unknown journal entry was accepted");
        } catch (const DatabaseError& e) {
            QCOMPARE(e.reason(), DatabaseError::Reason::NotFound);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreWatch)
#include "tst_store_watch.moc"
