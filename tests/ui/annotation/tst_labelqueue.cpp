// Tools ▸ Label next: the queue ranks the dataset's test images with the loaded
// model, opens the first in the annotation editor, and moves on when a mask is
// saved.
#include "TestSupport.h"
#include "data/Importers.h"
#include "data/SampleData.h"
#include "engine/Engine.h"
#include "ui/MainWindow.h"
#include "ui/annotation/LabelQueuePanel.h"
#include "ui/bridge/EngineBridge.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

namespace {

dl::ui::LabelQueue threeEntries()
{
    dl::ui::LabelQueue queue;
    queue.bundlePath = "/models/m.dlm";
    queue.threshold = 1.5;
    for (int i = 0; i < 3; ++i) {
        dl::ui::LabelQueueEntry e;
        e.imagePath = QStringLiteral("/data/test/img%1.png").arg(i);
        e.relativePath = QStringLiteral("test/img%1.png").arg(i);
        e.score = 1.4 + 0.1 * i;
        e.distance = 0.2 * i;
        e.overridden = i == 0;
        queue.entries.push_back(e);
    }
    return queue;
}

} // namespace

class TestLabelQueue : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void savingAMaskMovesToTheNextEntry()
    {
        dl::ui::LabelQueuePanel panel;
        panel.setQueue(threeEntries());
        QCOMPARE(panel.entryCount(), 3);
        QCOMPARE(panel.table()->rowCount(), 3);
        QCOMPARE(panel.nextImage(), QStringLiteral("/data/test/img0.png"));
        QSignalSpy opened(&panel, &dl::ui::LabelQueuePanel::openRequested);
        panel.markAnnotated("/data/test/img0.png", true);
        QCOMPARE(panel.doneCount(), 1);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("/data/test/img1.png"));
        panel.markAnnotated("/elsewhere/other.png", true); // not in the queue: nothing moves
        QCOMPARE(opened.count(), 1);
        panel.markAnnotated("/data/test/img2.png", false);
        QCOMPARE(panel.nextImage(), QStringLiteral("/data/test/img1.png"));
        panel.markAnnotated("/data/test/img1.png", true);
        QCOMPARE(panel.nextImage(), QString()); // all done
        QCOMPARE(opened.count(), 1);
    }

    void theMainWindowRanksAndOpensTheFirstImageForAnnotation()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString sample = dir_.path() + "/sample";
        dl::writeSampleDataset(sample.toStdString());
        const dl::Dataset data = dl::importDataset(sample.toStdString(), {});
        dl::TrainRequest request;
        request.method = "patchcore";
        request.params = {{"image_size", 128}};
        request.backbone.weightsPath = dltest::sharedPath("models/mobilenetv2-12-int8.onnx").toStdString();
        request.datasets = {&data};
        const QString bundle = dir_.path() + "/sample.dlm";
        dl::saveDetector(*dl::trainDetector(request, {}), bundle.toStdString());

        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        QVERIFY(!window.startLabelQueue()); // no model, no dataset yet
        QCOMPARE(errors.count(), 1);
        QSignalSpy loaded(window.engine(), &dl::ui::EngineBridge::modelLoaded);
        QSignalSpy imported(window.engine(), &dl::ui::EngineBridge::datasetImported);
        window.openDataset(sample);
        window.openModel(bundle);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);

        QSignalSpy ready(window.engine(), &dl::ui::EngineBridge::labelQueueReady);
        QVERIFY(window.startLabelQueue());
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 120000);
        const int testImages = int(data.select(dl::Split::Test).size());
        QCOMPARE(window.labelQueue()->entryCount(), testImages);
        const QString first = window.labelQueue()->nextImage();
        QVERIFY(!first.isEmpty());
        window.labelQueue()->findChild<QPushButton*>("labelQueueNext")->click();
        QVERIFY(window.isAnnotating());
    }
};

QTEST_MAIN(TestLabelQueue)
#include "tst_labelqueue.moc"
