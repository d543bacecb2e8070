// The thumbnail grid with 10,000 rows (50 generated PNGs referenced again and
// again): data() never decodes, only the rows on screen ask for thumbnails,
// the decode queue is bounded and drops rows scrolled away, and a click opens
// the image. Timings are printed (qInfo) and asserted only loosely.
#include "ui/dataset/DatasetTree.h"
#include "ui/MainWindow.h"
#include "ui/viewer/ResultView.h"
#include "ui/viewer/ImageViewer.h"
#include "ui/dataset/ThumbnailGrid.h"

#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

constexpr int kFiles = 50;
constexpr int kRows = 10000;

} // namespace

class TestThumbnails : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QStringList files_;

    QVector<dl::ui::ThumbnailModel::Entry> makeEntries() const
    {
        QVector<dl::ui::ThumbnailModel::Entry> entries;
        entries.reserve(kRows);
        for (int i = 0; i < kRows; ++i) {
            dl::ui::ThumbnailModel::Entry entry;
            entry.path = files_[i % kFiles];
            entry.fileName = QStringLiteral("image_%1.png").arg(i);
            entry.category = i % 2 ? QStringLiteral("b") : QStringLiteral("a");
            entry.split = i % 3 ? dl::Split::Train : dl::Split::Test;
            entry.defectType = i % 5 ? QStringLiteral("good") : QStringLiteral("scratch");
            entry.label = i % 5 ? 0 : 1;
            entries.push_back(entry);
        }
        return entries;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path() + "/settings");
        for (int i = 0; i < kFiles; ++i) {
            QImage image(160, 120, QImage::Format_RGB888);
            image.fill(QColor::fromHsv((i * 7) % 360, 160, 200));
            QPainter(&image).drawText(image.rect(), Qt::AlignCenter, QString::number(i));
            const QString path = dir_.path() + QStringLiteral("/img_%1.png").arg(i, 2, 10, QLatin1Char('0'));
            QVERIFY(image.save(path));
            files_ << path;
        }
    }

    void tenThousandRowsDecodeOnlyWhatIsVisible()
    {
        dl::ui::ThumbnailGrid grid;
        grid.resize(800, 600);
        QElapsedTimer timer;
        timer.start();
        grid.thumbnailModel()->setEntries(makeEntries());
        const qint64 fillMs = timer.elapsed();
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        QCOMPARE(grid.model()->rowCount(), kRows);
        dl::ui::ThumbnailLoader* loader = grid.loader();
        QTRY_VERIFY_WITH_TIMEOUT(loader->stats().decoded > 0 && loader->queuedCount() == 0, 20000);
        QTRY_VERIFY(!grid.visibleRows().isEmpty());
        const int visible = int(grid.visibleRows().size());
        const int askedAtTop = grid.thumbnailModel()->decorationRowsRequested();
        qInfo("fill 10,000 rows: %lld ms; visible rows: %d; rows asking for a thumbnail: %d; decodes: %d",
              fillMs, visible, askedAtTop, loader->stats().decoded);
        // Only painted rows ask (a partly visible last line may add a few), never all 10,000.
        QVERIFY2(askedAtTop <= visible + 20, qPrintable(QString("%1 rows asked, %2 visible").arg(askedAtTop).arg(visible)));
        QVERIFY(loader->stats().decoded <= kFiles); // decodes are per file, cached

        // Jump to the middle, then scroll a few steps: only those screens ask.
        QScrollBar* bar = grid.verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        // The view lays out 10,000 rows in batches between events; wait for the last one.
        QTRY_VERIFY(grid.visualRect(grid.model()->index(kRows - 1, 0)).isValid());
        // visualRect is relative to the viewport: jump so that the middle row is at the top.
        bar->setValue(bar->value() + grid.visualRect(grid.model()->index(kRows / 2, 0)).top());
        for (int step = 0; step < 5; ++step) {
            bar->setValue(bar->value() + bar->pageStep() / 2);
            QCoreApplication::processEvents();
        }
        QTRY_VERIFY(grid.visibleRows().first() > kRows / 3);
        QTest::qWait(100);
        const int askedAfterScroll = grid.thumbnailModel()->decorationRowsRequested();
        qInfo("after scrolling to the middle: rows asking in total: %d (of %d)", askedAfterScroll, kRows);
        QVERIFY(askedAfterScroll < 8 * visible);
        QVERIFY(askedAfterScroll < kRows / 10);

        // data() stays cheap: it only looks up caches, never decodes.
        timer.restart();
        int withPixmap = 0;
        for (int row : grid.visibleRows()) {
            const QModelIndex index = grid.model()->index(row, 0);
            withPixmap += grid.model()->data(index, Qt::DecorationRole).value<QPixmap>().isNull() ? 0 : 1;
            grid.model()->data(index, Qt::DisplayRole);
            grid.model()->data(index, dl::ui::ThumbnailModel::LabelTextRole);
        }
        const qint64 visibleDataUs = timer.nsecsElapsed() / 1000;
        qInfo("data() for the %d visible rows (3 roles): %lld us; %d with a thumbnail", visible, visibleDataUs,
              withPixmap);
        QTRY_VERIFY(!grid.model()->data(grid.model()->index(grid.visibleRows().first(), 0), Qt::DecorationRole)
                         .value<QPixmap>()
                         .isNull());

        // A click opens that image (the main window connects this to the viewer).
        QSignalSpy selected(&grid, &dl::ui::ThumbnailGrid::imageSelected);
        const int row = grid.visibleRows().at(grid.visibleRows().size() / 2);
        const QRect rect = grid.visualRect(grid.model()->index(row, 0));
        QTest::mouseClick(grid.viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toString(), files_[row % kFiles]);
    }

    void dataNeverDecodesAndTheQueueIsBounded()
    {
        dl::ui::ThumbnailLoader loader;
        loader.setWorkerCount(0); // nothing decodes: the queue can be inspected
        loader.setMaxQueued(64);
        dl::ui::ThumbnailModel model(&loader);
        model.setEntries(makeEntries());
        QElapsedTimer timer;
        timer.start();
        for (int row = 0; row < kRows; ++row)
            QVERIFY(model.data(model.index(row), Qt::DecorationRole).value<QPixmap>().isNull());
        const qint64 allRowsUs = timer.nsecsElapsed() / 1000;
        qInfo("data(DecorationRole) for all 10,000 rows without any decode: %lld us (%.2f us per row)", allRowsUs,
              double(allRowsUs) / kRows);
        QCOMPARE(loader.stats().decoded, 0);
        QCOMPARE(loader.stats().requested, kFiles); // one request per file while it is pending
        QCOMPARE(loader.queuedCount(), kFiles);
        QVERIFY(allRowsUs < 2'000'000); // loose: a decode per row would take far longer
    }

    void staleRequestsAreDroppedAndTheNewestDecodeFirst()
    {
        dl::ui::ThumbnailLoader loader;
        loader.setWorkerCount(0);
        loader.setMaxQueued(10);
        for (const QString& file : files_)
            loader.thumbnail(file);
        QCOMPARE(loader.queuedCount(), 10); // the 40 oldest were dropped over the bound
        QCOMPARE(loader.stats().dropped, 40);
        // Scrolled: only two of the queued rows are still on screen.
        loader.keepOnly({files_[49], files_[45]});
        QCOMPARE(loader.queuedCount(), 2);
        QCOMPARE(loader.stats().dropped, 48);
        QSignalSpy ready(&loader, &dl::ui::ThumbnailLoader::thumbnailReady);
        loader.setWorkerCount(1);
        QTRY_COMPARE(ready.count(), 2);
        QCOMPARE(ready.at(0).at(0).toString(), files_[49]); // newest request first
        const QPixmap pixmap = loader.thumbnail(files_[49]);
        QVERIFY(!pixmap.isNull());
        QVERIFY(pixmap.width() <= 112 * pixmap.devicePixelRatio());
        // A dropped file is requested again when it comes back into view.
        QVERIFY(loader.thumbnail(files_[0]).isNull());
        QTRY_VERIFY(!loader.thumbnail(files_[0]).isNull());

        // Unreadable files are reported once, not retried.
        const QString broken = dir_.path() + "/broken.png";
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("no png");
        file.close();
        loader.thumbnail(broken);
        QTRY_VERIFY(loader.hasFailed(broken));
        const int requested = loader.stats().requested;
        loader.thumbnail(broken);
        QCOMPARE(loader.stats().requested, requested);
    }

    void thumbnailsAreSharpOnHiDpiScreens()
    {
        dl::ui::ThumbnailLoader loader;
        loader.setThumbnailSize(100, 2.0);
        QVERIFY(loader.thumbnail(files_[3]).isNull());
        QTRY_VERIFY(!loader.thumbnail(files_[3]).isNull());
        const QPixmap pixmap = loader.thumbnail(files_[3]);
        // Decoded at twice the pixels, drawn at the logical size.
        QCOMPARE(pixmap.devicePixelRatio(), 2.0);
        QCOMPARE(pixmap.size(), QSize(160, 120)); // the source fits in 200x200 device pixels
        QCOMPARE(pixmap.deviceIndependentSize().toSize(), QSize(80, 60));
        loader.setThumbnailSize(50, 1.0); // another density: the cache starts again
        QCOMPARE(loader.cachedCount(), 0);
        QTRY_VERIFY(!loader.thumbnail(files_[3]).isNull());
        QCOMPARE(loader.thumbnail(files_[3]).width(), 50);
        QVERIFY(loader.thumbnail(files_[3]).height() <= 50);
    }

    void filtersAndVerdictBadges()
    {
        dl::ui::ThumbnailLoader loader;
        dl::ui::ThumbnailModel model(&loader);
        model.setEntries(makeEntries());
        model.setFilter({QStringLiteral("a"), std::nullopt, QString()});
        QCOMPARE(model.rowCount(), kRows / 2);
        model.setFilter({QStringLiteral("a"), dl::Split::Test, QStringLiteral("scratch")});
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            QCOMPARE(model.data(index, dl::ui::ThumbnailModel::LabelTextRole).toString(), QString("scratch"));
        }
        QVERIFY(model.rowCount() > 0);
        const QString path = model.pathAt(0);
        QVERIFY(!model.data(model.index(0), dl::ui::ThumbnailModel::VerdictRole).isValid());
        model.setVerdict(path, true, 3.5);
        QCOMPARE(model.data(model.index(0), dl::ui::ThumbnailModel::VerdictRole).toBool(), true);
        QCOMPARE(model.data(model.index(0), dl::ui::ThumbnailModel::ScoreRole).toDouble(), 3.5);
        QVERIFY(model.data(model.index(0), Qt::ToolTipRole).toString().contains("DEFECT"));
        model.setFilter({});
        QCOMPARE(model.rowCount(), kRows);
    }

    void anEmptyStripSaysWhy()
    {
        dl::ui::ThumbnailGrid grid;
        grid.resize(400, 150);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        QVERIFY(grid.emptyText().contains(QStringLiteral("No dataset open")));
        // The hint is painted: the empty viewport is not blank.
        auto distinctColours = [&grid] {
            const QImage shot = grid.viewport()->grab().toImage();
            QSet<QRgb> colours;
            for (int y = 0; y < shot.height(); y += 2)
                for (int x = 0; x < shot.width(); x += 2)
                    colours.insert(shot.pixel(x, y));
            return colours.size();
        };
        QVERIFY(distinctColours() > 2);
        grid.thumbnailModel()->setEntries(makeEntries());
        QVERIFY(grid.emptyText().contains(QStringLiteral("filter")));
        grid.thumbnailModel()->setFilter({QStringLiteral("no such category"), std::nullopt, QString()});
        QCOMPARE(grid.thumbnailModel()->rowCount(), 0);
        QVERIFY(distinctColours() > 2);
    }

    void followsTheDatasetTreeAndOpensImages()
    {
        const QString root = dir_.path() + "/gadget";
        for (const char* folder : {"/train/good", "/test/good"})
            QVERIFY(QDir().mkpath(root + folder));
        for (int i = 0; i < 6; ++i)
            QVERIFY(QFile::copy(files_[i], root + QStringLiteral("/train/good/%1.png").arg(i)));
        for (int i = 0; i < 2; ++i)
            QVERIFY(QFile::copy(files_[10 + i], root + QStringLiteral("/test/good/%1.png").arg(i)));

        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.show();
        window.openDataset(root);
        dl::ui::DatasetTree* tree = window.datasetTree();
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 1, 20000);
        dl::ui::ThumbnailGrid* grid = window.thumbnailGrid();
        QCOMPARE(grid->model()->rowCount(), 8);
        tree->setCurrentItem(tree->findSplit("gadget", dl::Split::Test));
        QCOMPARE(grid->model()->rowCount(), 2);
        tree->setCurrentItem(tree->findCategory("gadget"));
        QCOMPARE(grid->model()->rowCount(), 8);

        // Clicking a thumbnail shows the image in the viewer, like the tree does.
        grid->parentWidget()->show();
        grid->parentWidget()->raise();
        QTRY_VERIFY(grid->isVisible() && !grid->visibleRows().isEmpty());
        const QRect rect = grid->visualRect(grid->model()->index(0, 0));
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY(window.resultView()->originalViewer()->hasImage());
        QCOMPARE(window.resultView()->originalViewer()->image().size(), QSize(160, 120));

        // An image opened by a relative path (`defectlens --image ../x.png`) is the strip's
        // current thumbnail too: the same file, however it was named.
        const QString second = root + QStringLiteral("/train/good/1.png");
        const QString relative = QDir::current().relativeFilePath(second);
        QVERIFY(QDir::isRelativePath(relative));
        window.openImage(relative);
        QTRY_COMPARE(grid->currentIndex().data(dl::ui::ThumbnailModel::PathRole).toString(), second);
        // The tree follows the image shown, without filtering the strip to its group.
        QTRY_VERIFY(tree->currentItem());
        QCOMPARE(tree->currentItem()->data(0, dl::ui::DatasetTree::PathRole).toString(), second);
        QCOMPARE(grid->model()->rowCount(), 8);
    }
};

QTEST_MAIN(TestThumbnails)
#include "tst_thumbnails.moc"
