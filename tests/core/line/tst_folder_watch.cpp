// FolderWatch on a real folder: complete files are handed on once, half-written
// and temporary ones never, files already there after they settle, new
// subfolders are followed, ignored folders skipped, and a burst larger than the
// queue loses nothing.
#include "common/Error.h"
#include "line/FolderWatch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

#include <set>

using dl::line::ArrivedFile;
using dl::line::FolderWatch;
using dl::line::FolderWatchOptions;
using namespace std::chrono_literals;

namespace {

// A small valid-looking file; FolderWatch only looks at names and stat().
void writeFile(const QString& path, int bytes = 64)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(bytes, 'x'));
}

std::vector<ArrivedFile> takeAll(FolderWatch& watch, std::size_t expected, std::chrono::milliseconds patience = 5000ms)
{
    std::vector<ArrivedFile> all;
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (all.size() < expected && std::chrono::steady_clock::now() < deadline) {
        for (ArrivedFile& f : watch.take(100, 50ms))
            all.push_back(std::move(f));
    }
    return all;
}

std::set<std::string> namesOf(const std::vector<ArrivedFile>& files)
{
    std::set<std::string> names;
    for (const ArrivedFile& f : files)
        names.insert(f.path.substr(f.path.rfind('/') + 1));
    return names;
}

FolderWatchOptions optionsFor(const QString& folder)
{
    FolderWatchOptions o;
    o.folder = folder.toStdString();
    o.settleTime = 200ms;
    return o;
}

} // namespace

class TestFolderWatch : public QObject {
    Q_OBJECT

private slots:
    void temporaryNamesAreRecognised()
    {
        for (const char* name : {"a.png.part", "a.PART", ".~lock.png", ".hidden.png", "a.png.tmp", "a.png~",
                                 "frame.png.crdownload", "x.filepart"})
            QVERIFY2(FolderWatch::isTemporaryName(name), name);
        for (const char* name : {"a.png", "part.png", "tmp_0001.png", "dir/b.tiff"})
            QVERIFY2(!FolderWatch::isTemporaryName(name), name);
    }

    void aMissingFolderIsNamed()
    {
        try {
            FolderWatch watch(optionsFor(QStringLiteral("/nonexistent/watch-folder")));
            QFAIL("a missing folder was accepted");
        } catch (const dl::Error& e) {
            QVERIFY2(std::string(e.what()).find("/nonexistent/watch-folder") != std::string::npos, e.what());
        }
    }

    void completeFilesAreHandedOnOnceAndOthersNever()
    {
        QTemporaryDir dir;
        FolderWatch watch(optionsFor(dir.path()));
        writeFile(dir.filePath("a.png"));
        writeFile(dir.filePath("notes.txt"));          // not an image
        writeFile(dir.filePath(".hidden.png"));        // hidden
        writeFile(dir.filePath("b.png.part"));         // still being written, by its name
        QVERIFY(QFile::rename(dir.filePath("b.png.part"), dir.filePath("b.png"))); // complete now
        // Opened again and closed without a change: one queue entry all the same.
        { QFile again(dir.filePath("a.png")); QVERIFY(again.open(QIODevice::Append)); }
        const std::vector<ArrivedFile> files = takeAll(watch, 3, 1500ms);
        QCOMPARE(namesOf(files), (std::set<std::string>{"a.png", "b.png"}));
        for (const ArrivedFile& f : files) {
            QVERIFY(f.seenLive);
            QCOMPARE(f.size, std::int64_t(64));
            QVERIFY(f.modifiedNs > 0);
        }
    }

    void aHalfWrittenFileWaitsForItsClose()
    {
        QTemporaryDir dir;
        FolderWatch watch(optionsFor(dir.path()));
        const QByteArray path = dir.filePath("slow.png").toUtf8();
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, "first half", 10), ssize_t(10));
        QVERIFY(watch.take(10, 600ms).empty()); // open for writing: not handed on
        QCOMPARE(::write(fd, "second half", 11), ssize_t(11));
        ::close(fd);
        const std::vector<ArrivedFile> files = takeAll(watch, 1);
        QCOMPARE(files.size(), std::size_t(1));
        QCOMPARE(files[0].size, std::int64_t(21));
    }

    void filesAlreadyThereAreHandedOnOnceSettled()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("before1.png"));
        writeFile(dir.filePath("before2.jpg"));
        writeFile(dir.filePath("skip.part"));
        const auto start = std::chrono::steady_clock::now();
        FolderWatch watch(optionsFor(dir.path()));
        const std::vector<ArrivedFile> files = takeAll(watch, 2);
        QCOMPARE(namesOf(files), (std::set<std::string>{"before1.png", "before2.jpg"}));
        for (const ArrivedFile& f : files)
            QVERIFY(!f.seenLive);
        // Just written, so they waited for the settle time first.
        QVERIFY(std::chrono::steady_clock::now() - start >= 150ms);
        QVERIFY(watch.take(10, 400ms).empty());
    }

    void newSubfoldersAreFollowedAndIgnoredFoldersSkipped()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("archive"));
        FolderWatchOptions options = optionsFor(dir.path());
        options.recursive = true;
        options.ignoredFolders = {dir.filePath("archive").toStdString()};
        FolderWatch watch(options);
        QVERIFY(QDir(dir.path()).mkpath("cam2/2026-12-03"));
        QTest::qWait(300); // the watch of the new folders is being added
        writeFile(dir.filePath("cam2/2026-12-03/p1.png"));
        writeFile(dir.filePath("archive/old.png"));
        writeFile(dir.filePath("top.png"));
        const std::vector<ArrivedFile> files = takeAll(watch, 2);
        QCOMPARE(namesOf(files), (std::set<std::string>{"p1.png", "top.png"}));
        QVERIFY(watch.take(10, 400ms).empty());
    }

    void aBurstLargerThanTheQueueLosesNothing()
    {
        QTemporaryDir dir;
        FolderWatchOptions options = optionsFor(dir.path());
        options.maxQueued = 8;
        FolderWatch watch(options);
        const int burst = 60;
        for (int i = 0; i < burst; ++i)
            writeFile(dir.filePath(QStringLiteral("burst_%1.png").arg(i, 3, 10, QLatin1Char('0'))));
        QTest::qWait(300);
        QVERIFY(watch.backlog() <= 8);
        std::set<std::string> seen;
        std::size_t handedOn = 0;
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (seen.size() < std::size_t(burst) && std::chrono::steady_clock::now() < deadline) {
            for (const ArrivedFile& f : watch.take(3, 50ms)) {
                seen.insert(f.path);
                ++handedOn;
            }
        }
        QCOMPARE(seen.size(), std::size_t(burst));
        QVERIFY(watch.overflows() >= 1);
        QVERIFY(watch.peakBacklog() <= 8);
        // The listing after an overflow starts at the first file that did not fit:
        // only a few paths come twice (those changed in the same instant).
        QVERIFY2(handedOn < std::size_t(burst) * 2, qPrintable(QString::number(handedOn)));
    }

    void filesWithoutAnEventAreFoundByPolling()
    {
        // A hard link raises no close-write or moved-to event, like a file a
        // remote machine writes into a network share.
        QTemporaryDir outside;
        writeFile(outside.filePath("source.png"));
        QTemporaryDir dir;
        {
            FolderWatch eventsOnly(optionsFor(dir.path()));
            QVERIFY(::link(outside.filePath("source.png").toUtf8().constData(),
                           dir.filePath("linked.png").toUtf8().constData())
                    == 0);
            QVERIFY(eventsOnly.take(10, 800ms).empty());
        }
        QTemporaryDir second;
        FolderWatchOptions options = optionsFor(second.path());
        options.pollInterval = 200ms;
        FolderWatch polling(options);
        writeFile(second.filePath("evented.png")); // an event as well: handed on once
        QVERIFY(::link(outside.filePath("source.png").toUtf8().constData(),
                       second.filePath("linked.png").toUtf8().constData())
                == 0);
        std::vector<ArrivedFile> files = takeAll(polling, 2, 5000ms);
        QCOMPARE(namesOf(files), (std::set<std::string>{"evented.png", "linked.png"}));
        // Later listings find both again, unchanged: not handed on a second time.
        QVERIFY(polling.take(10, 1000ms).empty());
    }

    void stopWakesAWaitingTake()
    {
        QTemporaryDir dir;
        FolderWatch watch(optionsFor(dir.path()));
        const auto start = std::chrono::steady_clock::now();
        std::thread stopper([&] {
            std::this_thread::sleep_for(100ms);
            watch.stop();
        });
        QVERIFY(watch.take(1, 5000ms).empty());
        stopper.join();
        QVERIFY(std::chrono::steady_clock::now() - start < 2s);
    }
};

QTEST_GUILESS_MAIN(TestFolderWatch)
#include "tst_folder_watch.moc"
