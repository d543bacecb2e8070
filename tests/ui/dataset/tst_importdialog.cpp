// The dataset import dialog on generated folders: it detects the layout, shows
// categories, splits, counts per defect type and thumbnails (computed off the GUI
// thread), offers the image+mask options (normal class, test fraction, seed),
// names the folder and the problem when nothing can be imported, and hands its
// options to the import that follows.
#include "ui/dataset/DatasetTree.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/dataset/ImportDialog.h"
#include "ui/MainWindow.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

namespace {

QImage makePart(int seed, bool defect = false)
{
    QImage image(64, 64, QImage::Format_RGB888);
    image.fill(QColor(100 + seed % 50, 120, 140));
    if (defect) {
        QPainter painter(&image);
        painter.fillRect(QRect(30, 20, 10, 10), QColor(250, 30, 30));
    }
    return image;
}

QImage blankMask(bool defect = false)
{
    QImage mask(64, 64, QImage::Format_Grayscale8);
    mask.fill(0);
    if (defect) {
        QPainter painter(&mask);
        painter.fillRect(QRect(30, 20, 10, 10), Qt::white);
    }
    return mask;
}

void writeImages(const QString& folder, int count, const char* suffix = ".png", int firstSeed = 0)
{
    QVERIFY(QDir().mkpath(folder));
    for (int i = 0; i < count; ++i)
        QVERIFY(makePart(firstSeed + i).save(folder + QStringLiteral("/%1%2").arg(i, 3, 10, QLatin1Char('0')).arg(suffix)));
}

// root/train/good (4), root/test/good (2), root/test/crack (3) with ground_truth masks.
void writeMvTec(const QString& root)
{
    writeImages(root + "/train/good", 4);
    writeImages(root + "/test/good", 2, ".png", 10);
    QVERIFY(QDir().mkpath(root + "/test/crack"));
    QVERIFY(QDir().mkpath(root + "/ground_truth/crack"));
    for (int i = 0; i < 3; ++i) {
        const QString name = QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0'));
        QVERIFY(makePart(20 + i, true).save(root + "/test/crack/" + name + ".png"));
        QVERIFY(blankMask(true).save(root + "/ground_truth/crack/" + name + "_mask.png"));
    }
}

// Magnetic-Tile-like: root/<class>/Imgs/<n>.jpg with <n>.png masks beside.
void writeMaskFolder(const QString& root, const QString& normalClass, int normals, const QString& defectClass, int defects)
{
    for (const auto& [cls, count, defect] :
         {std::tuple<QString, int, bool>{normalClass, normals, false}, {defectClass, defects, true}}) {
        const QString folder = root + "/" + cls + "/Imgs";
        QVERIFY(QDir().mkpath(folder));
        for (int i = 0; i < count; ++i) {
            const QString base = folder + QStringLiteral("/%1_%2").arg(cls).arg(i);
            QVERIFY(makePart(i, defect).save(base + ".jpg"));
            QVERIFY(blankMask(defect).save(base + ".png"));
        }
    }
}

bool waitForPreview(dl::ui::ImportDialog& dialog)
{
    return QTest::qWaitFor([&dialog] { return !dialog.isPreviewRunning(); }, 20000);
}

int groupCount(const dl::ui::ImportPreview& preview, dl::Split split, const QString& defectType)
{
    for (const auto& group : preview.groups)
        if (group.split == split && group.defectType == defectType)
            return group.count;
    return -1;
}

QPushButton* okButton(dl::ui::ImportDialog& dialog)
{
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

} // namespace

class TestImportDialog : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        // Settings of this test stay in its temporary folder.
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path() + "/settings");
    }

    void previewsAnMvTecFolder()
    {
        const QString root = dir_.path() + "/gadget";
        writeMvTec(root);
        dl::ui::ImportDialog dialog;
        dialog.show();
        QSignalSpy shown(&dialog, &dl::ui::ImportDialog::previewShown);
        dialog.setFolder(root);
        QVERIFY(dialog.isPreviewRunning()); // computed on a worker, the call returned at once
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(waitForPreview(dialog));
        QCOMPARE(shown.count(), 1);

        const dl::ui::ImportPreview& preview = dialog.preview();
        QVERIFY2(preview.ok(), qPrintable(preview.error));
        QCOMPARE(preview.detectedFormat, dl::DatasetFormat::MvTec);
        QCOMPARE(preview.format, dl::DatasetFormat::MvTec);
        QCOMPARE(preview.categories, QStringList({"gadget"}));
        QCOMPARE(preview.imageCount, 9);
        QCOMPARE(groupCount(preview, dl::Split::Train, "good"), 4);
        QCOMPARE(groupCount(preview, dl::Split::Test, "good"), 2);
        QCOMPARE(groupCount(preview, dl::Split::Test, "crack"), 3);
        // One thumbnail per group first, then more, at most 8.
        QCOMPARE(preview.thumbnails.size(), 8);
        QStringList captions;
        for (const auto& thumbnail : preview.thumbnails) {
            QVERIFY(!thumbnail.image.isNull());
            captions << thumbnail.caption;
        }
        QVERIFY(captions.contains("gadget / Test / crack"));
        QVERIFY(captions.contains("gadget / Train / good"));

        // The widgets show it: tree with counts, thumbnails, the detected format, Import enabled.
        auto* tree = dialog.findChild<QTreeWidget*>("previewTree");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(1), QString("9"));
        QCOMPARE(dialog.findChild<QListWidget*>("previewThumbnails")->count(), 8);
        QVERIFY(dialog.findChild<QComboBox*>("formatCombo")->currentText().contains("MVTec"));
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(dialog.options().format, dl::DatasetFormat::Auto);

        // Forcing another layout re-runs the preview with it.
        dialog.setFormat(dl::DatasetFormat::Folder);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning() && dialog.preview().format == dl::DatasetFormat::Folder, 20000);
        QCOMPARE(dialog.options().format, dl::DatasetFormat::Folder);
        QCOMPARE(groupCount(dialog.preview(), dl::Split::Test, "crack"), -1); // a plain folder has no test split
    }

    void previewsImageMaskFoldersWithTheirOptions()
    {
        const QString root = dir_.path() + "/tiles";
        writeMaskFolder(root, "MT_Free", 6, "MT_Crack", 3);
        dl::ui::ImportDialog dialog;
        dialog.setFolder(root);
        QVERIFY(waitForPreview(dialog));
        const dl::ui::ImportPreview& preview = dialog.preview();
        QVERIFY2(preview.ok(), qPrintable(preview.error));
        QCOMPARE(preview.format, dl::DatasetFormat::MaskFolder);
        QCOMPARE(preview.classFolders, QStringList({"MT_Crack", "MT_Free"}));
        QCOMPARE(preview.normalClass, QString("MT_Free")); // guessed from the name
        QCOMPARE(groupCount(preview, dl::Split::Test, "MT_Crack"), 3);
        // Default test fraction 0.2 of 6 normals: 1 test, 5 train.
        QCOMPARE(groupCount(preview, dl::Split::Test, "good"), 1);
        QCOMPARE(groupCount(preview, dl::Split::Train, "good"), 5);
        QCOMPARE(QString::fromStdString(dialog.options().normalClass), QString("MT_Free"));
        QVERIFY(dialog.findChild<QComboBox*>("normalClassCombo")->isVisibleTo(&dialog));

        dialog.findChild<QDoubleSpinBox*>("testFractionSpin")->setValue(0.5);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning(), 20000);
        QCOMPARE(groupCount(dialog.preview(), dl::Split::Test, "good"), 3);
        QCOMPARE(groupCount(dialog.preview(), dl::Split::Train, "good"), 3);
        const dl::DatasetOptions options = dialog.options();
        QCOMPARE(options.testFraction, 0.5);
        QCOMPARE(options.seed, 42u);
    }

    void asksForTheNormalClassWhenItCannotBeGuessed()
    {
        const QString root = dir_.path() + "/unnamed";
        writeMaskFolder(root, "alpha", 4, "beta", 2);
        dl::ui::ImportDialog dialog;
        dialog.show();
        dialog.setFolder(root);
        QVERIFY(waitForPreview(dialog));
        QVERIFY(!dialog.preview().ok());
        const QString error = dialog.errorText();
        QVERIFY2(error.contains(QDir(root).absolutePath()) && error.contains("normal class") && error.contains("alpha"),
                 qPrintable(error));
        QVERIFY(!okButton(dialog)->isEnabled());

        // Choosing the class makes it importable.
        auto* normalClass = dialog.findChild<QComboBox*>("normalClassCombo");
        QCOMPARE(normalClass->count(), 2);
        normalClass->setCurrentText("alpha");
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning() && dialog.preview().ok(), 20000);
        QCOMPARE(dialog.preview().normalClass, QString("alpha"));
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(okButton(dialog)->isEnabled());
    }

    void previewsVisaObjectsAndSelectsOne()
    {
        const QString root = dir_.path() + "/visa";
        writeImages(root + "/candle/Data/Images/Normal", 3);
        writeImages(root + "/pcb1/Data/Images/Normal", 2, ".png", 5);
        writeImages(root + "/pcb1/Data/Images/Anomaly", 1, ".png", 9);
        QVERIFY(QDir().mkpath(root + "/pcb1/Data/Masks/Anomaly"));
        QVERIFY(blankMask(true).save(root + "/pcb1/Data/Masks/Anomaly/000.png"));
        QVERIFY(QDir().mkpath(root + "/split_csv"));
        QFile csv(root + "/split_csv/1cls.csv");
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("object,split,label,image,mask\n"
                  "candle,train,normal,candle/Data/Images/Normal/000.png,\n"
                  "candle,train,normal,candle/Data/Images/Normal/001.png,\n"
                  "candle,test,normal,candle/Data/Images/Normal/002.png,\n"
                  "pcb1,train,normal,pcb1/Data/Images/Normal/000.png,\n"
                  "pcb1,test,normal,pcb1/Data/Images/Normal/001.png,\n"
                  "pcb1,test,anomaly,pcb1/Data/Images/Anomaly/000.png,pcb1/Data/Masks/Anomaly/000.png\n");
        csv.close();

        dl::ui::ImportDialog dialog;
        dialog.setFolder(root);
        QVERIFY(waitForPreview(dialog));
        QVERIFY2(dialog.preview().ok(), qPrintable(dialog.preview().error));
        QCOMPARE(dialog.preview().format, dl::DatasetFormat::Visa);
        QCOMPARE(dialog.preview().categories, QStringList({"candle", "pcb1"}));
        QCOMPARE(dialog.preview().imageCount, 6);
        // The object choice lists the csv's objects; choosing one previews only it.
        auto* object = dialog.findChild<QComboBox*>("categoryCombo");
        QCOMPARE(object->findText("pcb1") >= 0, true);
        object->setCurrentText("pcb1");
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning() && dialog.preview().categories == QStringList({"pcb1"}), 20000);
        QCOMPARE(groupCount(dialog.preview(), dl::Split::Test, "anomaly"), 1);
        QCOMPARE(dialog.options().category, std::string("pcb1"));

        // A malformed row: the error names the csv file and the line.
        QVERIFY(csv.open(QIODevice::Append));
        csv.write("pcb1,validation,normal,pcb1/Data/Images/Normal/000.png,\n");
        csv.close();
        object->setCurrentText(QString());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning() && !dialog.preview().ok(), 20000);
        QVERIFY2(dialog.errorText().contains("1cls.csv") && dialog.errorText().contains("validation"),
                 qPrintable(dialog.errorText()));
    }

    void namesTheFolderAndTheProblem_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("named");
        QTest::addColumn<QString>("problem");
        const QString empty = dir_.path() + "/empty";
        QDir().mkpath(empty);
        const QString half = dir_.path() + "/half-mvtec";
        writeImages(half + "/train/other", 1);
        QDir().mkpath(half + "/test");
        QTest::newRow("missing") << dir_.path() + "/nowhere" << dir_.path() + "/nowhere" << "does not exist";
        QTest::newRow("no images") << empty << empty << "no image files";
        QTest::newRow("broken MVTec") << half << half + "/train" << "train/good";
    }

    void namesTheFolderAndTheProblem()
    {
        QFETCH(QString, folder);
        QFETCH(QString, named);
        QFETCH(QString, problem);
        dl::ui::ImportDialog dialog;
        dialog.show();
        dialog.setFolder(folder);
        QVERIFY(waitForPreview(dialog));
        const QString error = dialog.errorText();
        QVERIFY2(error.contains(named) && error.contains(problem), qPrintable(error));
        QVERIFY(!okButton(dialog)->isEnabled());
        QCOMPARE(dialog.findChild<QTreeWidget*>("previewTree")->topLevelItemCount(), 0);
    }

    void mainWindowImportsWithTheChosenOptions()
    {
        const QString root = dir_.path() + "/tiles-window";
        writeMaskFolder(root, "MT_Free", 4, "MT_Blowhole", 2);
        dl::ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        QSignalSpy errors(&window, &dl::ui::MainWindow::errorShown);
        window.show();
        window.showImportDialog(root);
        auto* dialog = window.findChild<dl::ui::ImportDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(waitForPreview(*dialog));
        dialog->findChild<QDoubleSpinBox*>("testFractionSpin")->setValue(0.5);
        QTRY_VERIFY_WITH_TIMEOUT(okButton(*dialog)->isEnabled(), 20000);
        QTest::mouseClick(okButton(*dialog), Qt::LeftButton);

        dl::ui::DatasetTree* tree = window.datasetTree();
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 1, 20000);
        QCOMPARE(errors.count(), 0);
        const std::shared_ptr<const dl::Dataset> dataset = window.engine()->dataset();
        QCOMPARE(dataset->options.normalClass, std::string("MT_Free"));
        QCOMPARE(dataset->options.testFraction, 0.5);
        QCOMPARE(tree->findSplit("tiles-window", dl::Split::Train)->text(1), QString("2"));
        QCOMPARE(tree->findSplit("tiles-window", dl::Split::Test)->text(1), QString("4"));
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
