// Dataset importers on small generated trees: layouts, splits, skipped files and errors.
#include "common/Error.h"
#include "data/Dataset.h"
#include "data/ImageIO.h"
#include "data/Importers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include <sys/stat.h>

namespace {

std::string utf8(const QString& path) { return path.toStdString(); }

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool writeEncoded(const QString& path, const cv::Mat& image)
{
    std::vector<uchar> bytes;
    if (!cv::imencode(QFileInfo(path).suffix().prepend('.').toStdString(), image, bytes))
        return false;
    return writeBytes(path, QByteArray(reinterpret_cast<const char*>(bytes.data()), int(bytes.size())));
}

bool writeImage(const QString& path, int size = 16, int value = 90)
{
    return writeEncoded(path, cv::Mat(size, size, CV_8UC3, cv::Scalar(value, value / 2, 255 - value)));
}

bool writeMask(const QString& path, int size = 16, int defectValue = 255)
{
    cv::Mat mask(size, size, CV_8UC1, cv::Scalar(0));
    mask(cv::Rect(2, 2, 4, 4)).setTo(defectValue);
    return writeEncoded(path, mask);
}

QString errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const dl::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const dl::SkippedFile* findSkipped(const dl::Dataset& dataset, const QString& fileName)
{
    for (const dl::SkippedFile& skipped : dataset.skipped)
        if (QString::fromStdString(skipped.path).endsWith(fileName))
            return &skipped;
    return nullptr;
}

std::vector<std::string> relativePaths(const std::vector<const dl::Sample*>& samples)
{
    std::vector<std::string> paths;
    for (const dl::Sample* sample : samples)
        paths.push_back(sample->relativePath);
    return paths;
}

} // namespace

class TestImporters : public QObject {
    Q_OBJECT

private:
    // MVTec-like tree: train/good 3 + a text file named .png, test/good 2,
    // test/crack 2 with masks, test/hole: one without mask, one with a wrong-size mask.
    QString makeMvTecTree()
    {
        const QString root = dir_->filePath("widget");
        for (int i = 0; i < 3; ++i)
            writeImage(root + QString("/train/good/%1.png").arg(i, 3, 10, QChar('0')));
        writeBytes(root + "/train/good/003.png", "not really an image\n");
        writeBytes(root + "/train/good/readme.txt", "notes");
        writeImage(root + "/test/good/000.png");
        writeImage(root + "/test/good/001.png");
        writeImage(root + "/test/crack/000.png");
        writeImage(root + "/test/crack/001.png");
        writeMask(root + "/ground_truth/crack/000_mask.png");
        writeMask(root + "/ground_truth/crack/001_mask.png");
        writeImage(root + "/test/hole/000.png");
        writeImage(root + "/test/hole/001.png");
        writeMask(root + "/ground_truth/hole/001_mask.png", 8);
        return root;
    }

    // Magnetic-Tile-like tree: MT_Free/Imgs with `normalCount` images and zero
    // masks, MT_Hole/Imgs with 3 masked images and one without a mask, and a
    // class folder "Scratch" holding its images and masks directly.
    QString makeMaskFolderTree(int normalCount)
    {
        const QString root = dir_->filePath("tiles");
        for (int i = 0; i < normalCount; ++i) {
            writeImage(root + QString("/MT_Free/Imgs/free_%1.jpg").arg(i, 2, 10, QChar('0')));
            writeMask(root + QString("/MT_Free/Imgs/free_%1.png").arg(i, 2, 10, QChar('0')), 16, 0);
        }
        for (int i = 0; i < 3; ++i) {
            writeImage(root + QString("/MT_Hole/Imgs/hole_%1.jpg").arg(i));
            writeMask(root + QString("/MT_Hole/Imgs/hole_%1.png").arg(i), 16, 3); // non-binary mask values
        }
        writeImage(root + "/MT_Hole/Imgs/hole_nomask.jpg");
        writeImage(root + "/Scratch/s1.jpg");
        writeMask(root + "/Scratch/s1.png");
        return root;
    }

private slots:
    // A fresh folder per test, so trees one test changes never leak into another.
    void init()
    {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
    }

    void formatNamesRoundTrip()
    {
        for (dl::DatasetFormat format : {dl::DatasetFormat::Auto, dl::DatasetFormat::MvTec, dl::DatasetFormat::MaskFolder,
                                         dl::DatasetFormat::Visa, dl::DatasetFormat::Folder})
            QVERIFY(dl::datasetFormatFromString(dl::toString(format)) == format);
        QVERIFY(dl::datasetFormatFromString("MVTec") == dl::DatasetFormat::MvTec);
        QCOMPARE(QString(dl::toString(dl::Split::Train)), QString("train"));
        QCOMPARE(QString(dl::toString(dl::Split::Test)), QString("test"));
        const QString message = errorOf([] { dl::datasetFormatFromString("coco"); });
        QVERIFY2(message.contains("coco") && message.contains("maskfolder"), qPrintable(message));
    }

    void importsMvTecLayout()
    {
        const QString root = makeMvTecTree();
        QVERIFY(dl::detectDatasetFormat(utf8(root)) == dl::DatasetFormat::MvTec);
        const dl::Dataset dataset = dl::importDataset(utf8(root), dl::DatasetOptions());
        QVERIFY(dataset.format == dl::DatasetFormat::MvTec);
        QVERIFY(dataset.options.format == dl::DatasetFormat::MvTec);
        QCOMPARE(QString::fromStdString(dataset.root), QFileInfo(root).absoluteFilePath());

        const auto train = dataset.select(dl::Split::Train);
        const auto test = dataset.select(dl::Split::Test);
        QCOMPARE(relativePaths(train),
                 (std::vector<std::string>{"train/good/000.png", "train/good/001.png", "train/good/002.png"}));
        QCOMPARE(relativePaths(test), (std::vector<std::string>{"test/crack/000.png", "test/crack/001.png",
                                                                "test/good/000.png", "test/good/001.png"}));
        for (const dl::Sample& sample : dataset.samples) {
            QCOMPARE(QString::fromStdString(sample.category), QString("widget"));
            const bool defect = sample.defectType == "crack";
            QCOMPARE(sample.label, defect ? 1 : 0);
            QCOMPARE(sample.maskPath.empty(), !defect);
            QVERIFY(QFileInfo(QString::fromStdString(sample.path)).isAbsolute());
        }
        QCOMPARE(QString::fromStdString(test[0]->maskPath),
                 QFileInfo(root + "/ground_truth/crack/000_mask.png").absoluteFilePath());

        // Skipped, each with its reason: the text file, the other file type, the missing and the wrong-size mask.
        QCOMPARE(dataset.skipped.size(), std::size_t(4));
        const dl::SkippedFile* text = findSkipped(dataset, "train/good/003.png");
        QVERIFY(text && QString::fromStdString(text->reason).contains("not an image"));
        QVERIFY(findSkipped(dataset, "train/good/readme.txt"));
        const dl::SkippedFile* noMask = findSkipped(dataset, "test/hole/000.png");
        QVERIFY(noMask);
        QVERIFY2(QString::fromStdString(noMask->reason).contains("ground_truth/hole/000_mask.png"),
                 noMask->reason.c_str());
        const dl::SkippedFile* wrongSize = findSkipped(dataset, "test/hole/001.png");
        QVERIFY(wrongSize);
        QVERIFY2(QString::fromStdString(wrongSize->reason).contains("001_mask.png is 8x8 but the image is 16x16"),
                 wrongSize->reason.c_str());

        QCOMPARE(dataset.categories(), std::vector<std::string>{"widget"});
        QCOMPARE(dataset.select(dl::Split::Test, "widget").size(), std::size_t(4));
        QVERIFY(dataset.select(dl::Split::Test, "other").empty());
    }

    void categoryOptionOverridesFolderName()
    {
        dl::DatasetOptions options;
        options.category = "bottle";
        const dl::Dataset dataset = dl::importDataset(utf8(makeMvTecTree()), options);
        QCOMPARE(dataset.categories(), std::vector<std::string>{"bottle"});
    }

    void withoutValidationImagesAreNotProbedButMasksStillAre()
    {
        dl::DatasetOptions options;
        options.validateImages = false;
        const dl::Dataset dataset = dl::importDataset(utf8(makeMvTecTree()), options);
        QCOMPARE(dataset.select(dl::Split::Train).size(), std::size_t(4)); // the text file is not looked at
        QVERIFY(findSkipped(dataset, "test/hole/001.png")); // size check needs only headers
        QVERIFY(!findSkipped(dataset, "train/good/003.png"));
    }

    void mvTecEmptyClassFolderIsAnError()
    {
        const QString root = makeMvTecTree();
        QVERIFY(QDir().mkpath(root + "/test/scratch"));
        const QString message = errorOf([&] { dl::importDataset(utf8(root), dl::DatasetOptions()); });
        QVERIFY2(message.contains("test/scratch") && message.contains("no images"), qPrintable(message));
    }

    void mvTecWithoutTrainGoodIsAnError()
    {
        const QString root = dir_->filePath("broken_mvtec");
        writeImage(root + "/train/ok/000.png");
        writeImage(root + "/test/good/000.png");
        const QString detectMessage = errorOf([&] { dl::detectDatasetFormat(utf8(root)); });
        QVERIFY2(detectMessage.contains("broken_mvtec/train") && detectMessage.contains("train/good"),
                 qPrintable(detectMessage));
        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::MvTec;
        const QString importMessage = errorOf([&] { dl::importDataset(utf8(root), options); });
        QVERIFY2(importMessage.contains("train/good"), qPrintable(importMessage));
    }

    void badRootsAreErrors()
    {
        const QString missing = dir_->filePath("no_such_folder");
        QString message = errorOf([&] { dl::importDataset(utf8(missing), dl::DatasetOptions()); });
        QVERIFY2(message.contains("no_such_folder") && message.contains("does not exist"), qPrintable(message));

        const QString file = dir_->filePath("plain_file.png");
        QVERIFY(writeImage(file));
        message = errorOf([&] { dl::importDataset(utf8(file), dl::DatasetOptions()); });
        QVERIFY2(message.contains("plain_file.png") && message.contains("is a file"), qPrintable(message));

        const QString noImages = dir_->filePath("only_text");
        QVERIFY(writeBytes(noImages + "/a/notes.txt", "hello"));
        message = errorOf([&] { dl::importDataset(utf8(noImages), dl::DatasetOptions()); });
        QVERIFY2(message.contains("only_text") && message.contains("no image files"), qPrintable(message));

        const QString allBad = dir_->filePath("all_bad");
        QVERIFY(writeBytes(allBad + "/a.png", "text"));
        QVERIFY(writeBytes(allBad + "/b.jpg", QByteArray()));
        message = errorOf([&] { dl::importDataset(utf8(allBad), dl::DatasetOptions()); });
        QVERIFY2(message.contains("all_bad") && message.contains("no usable images"), qPrintable(message));
    }

    void importsMaskFolderLayout()
    {
        const QString root = makeMaskFolderTree(10);
        QVERIFY(dl::detectDatasetFormat(utf8(root)) == dl::DatasetFormat::MaskFolder);
        dl::DatasetOptions options;
        options.normalClass = "MT_Free";
        options.testFraction = 0.3;
        const dl::Dataset dataset = dl::importDataset(utf8(root), options);
        QVERIFY(dataset.format == dl::DatasetFormat::MaskFolder);

        int normalTrain = 0, normalTest = 0;
        std::map<std::string, int> defectsByType;
        for (const dl::Sample& sample : dataset.samples) {
            QCOMPARE(QString::fromStdString(sample.category), QString("tiles"));
            QVERIFY2(QString::fromStdString(sample.relativePath).endsWith(".jpg"), sample.relativePath.c_str());
            if (sample.label == 0) {
                QCOMPARE(QString::fromStdString(sample.defectType), QString("good"));
                QVERIFY(sample.maskPath.empty());
                (sample.split == dl::Split::Train ? normalTrain : normalTest)++;
            } else {
                QVERIFY(sample.split == dl::Split::Test); // every defect image is a test image
                QVERIFY(!sample.maskPath.empty());
                ++defectsByType[sample.defectType];
            }
        }
        QCOMPARE(normalTest, 3);
        QCOMPARE(normalTrain, 7);
        QCOMPARE(defectsByType, (std::map<std::string, int>{{"MT_Hole", 3}, {"Scratch", 1}}));
        QCOMPARE(dataset.samples.front().relativePath, std::string("MT_Free/Imgs/free_00.jpg"));

        const dl::SkippedFile* noMask = findSkipped(dataset, "hole_nomask.jpg");
        QVERIFY(noMask);
        QVERIFY(QString::fromStdString(noMask->reason).contains("no same-name .png mask"));
        QCOMPARE(dataset.skipped.size(), std::size_t(1));

        // Masks with values 3 load as defect (255).
        for (const dl::Sample* sample : dataset.select(dl::Split::Test)) {
            if (sample->defectType != "MT_Hole")
                continue;
            const cv::Mat mask = dl::loadMask(sample->maskPath);
            QCOMPARE(cv::countNonZero(mask), 16);
            QCOMPARE(mask.at<uchar>(3, 3), uchar(255));
        }
    }

    void maskFolderSplitIsSeededAndDeterministic()
    {
        const QString root = makeMaskFolderTree(20);
        auto testNormals = [&](unsigned seed, double fraction) {
            dl::DatasetOptions options;
            options.normalClass = "MT_Free";
            options.seed = seed;
            options.testFraction = fraction;
            const dl::Dataset dataset = dl::importDataset(utf8(root), options);
            std::vector<std::string> names;
            for (const dl::Sample* sample : dataset.select(dl::Split::Test))
                if (sample->label == 0)
                    names.push_back(sample->relativePath);
            return names;
        };
        const std::vector<std::string> first = testNormals(42, 0.25);
        QCOMPARE(first.size(), std::size_t(5));
        // Pinned: a split must never change between versions or standard libraries
        // (checked against an independent MT19937 + Fisher-Yates implementation).
        QCOMPARE(first, (std::vector<std::string>{"MT_Free/Imgs/free_00.jpg", "MT_Free/Imgs/free_01.jpg",
                                                  "MT_Free/Imgs/free_06.jpg", "MT_Free/Imgs/free_14.jpg",
                                                  "MT_Free/Imgs/free_18.jpg"}));
        QCOMPARE(testNormals(42, 0.25), first);
        bool anotherSeedDiffers = false;
        for (unsigned seed = 1; seed <= 5 && !anotherSeedDiffers; ++seed)
            anotherSeedDiffers = testNormals(seed, 0.25) != first;
        QVERIFY(anotherSeedDiffers);
        QCOMPARE(testNormals(42, 1.0).size(), std::size_t(20));
        QVERIFY(testNormals(42, 0.0).empty());
    }

    void maskFolderNeedsAValidNormalClass()
    {
        const QString root = makeMaskFolderTree(2);
        dl::DatasetOptions options;
        options.format = dl::DatasetFormat::MaskFolder;
        QString message = errorOf([&] { dl::importDataset(utf8(root), options); });
        QVERIFY2(message.contains("tiles") && message.contains("normal class") && message.contains("MT_Free, MT_Hole, Scratch"),
                 qPrintable(message));
        options.normalClass = "Good";
        message = errorOf([&] { dl::importDataset(utf8(root), options); });
        QVERIFY2(message.contains("'Good'") && message.contains("MT_Free"), qPrintable(message));
        options.normalClass = "MT_Free";
        options.testFraction = 1.5;
        message = errorOf([&] { dl::importDataset(utf8(root), options); });
        QVERIFY2(message.contains("between 0 and 1"), qPrintable(message));
    }

    void maskFolderEmptyClassFolderIsAnError()
    {
        const QString root = makeMaskFolderTree(2);
        QVERIFY(QDir().mkpath(root + "/MT_Crack/Imgs"));
        dl::DatasetOptions options;
        options.normalClass = "MT_Free";
        const QString message = errorOf([&] { dl::importDataset(utf8(root), options); });
        QVERIFY2(message.contains("MT_Crack/Imgs") && message.contains("no images"), qPrintable(message));
    }

    void importsVisaCsv()
    {
        const QString root = dir_->filePath("visa");
        writeImage(root + "/candle/Data/Images/Normal/000.JPG", 16);
        writeImage(root + "/candle/Data/Images/Normal/001.JPG", 16);
        writeImage(root + "/candle/Data/Images/Anomaly/000.JPG", 16);
        writeMask(root + "/candle/Data/Masks/Anomaly/000.png", 16, 7); // VisA masks are not 0/255
        writeImage(root + "/pcb1/Data/Images/Normal/000.JPG", 16);
        writeImage(root + "/pcb1/Data/Images/Anomaly/000.JPG", 16);
        writeMask(root + "/pcb1/Data/Masks/Anomaly/000.png", 16);
        const QByteArray csv = "\xEF\xBB\xBF"
                               "object,split,label,image,mask\r\n"
                               "candle,train,normal,candle/Data/Images/Normal/000.JPG,\r\n"
                               "\"candle\",test,normal,\"candle/Data/Images/Normal/001.JPG\",\"\"\r\n"
                               "candle,test,anomaly,candle/Data/Images/Anomaly/000.JPG,candle/Data/Masks/Anomaly/000.png\r\n"
                               "candle,test,normal,candle/Data/Images/Normal/999.JPG,\r\n"
                               "\r\n"
                               "pcb1,train,normal,pcb1/Data/Images/Normal/000.JPG,\n"
                               "pcb1,test,anomaly,pcb1/Data/Images/Anomaly/000.JPG,pcb1/Data/Masks/Anomaly/000.png\n";
        QVERIFY(writeBytes(root + "/split_csv/1cls.csv", csv));
        QVERIFY(dl::detectDatasetFormat(utf8(root)) == dl::DatasetFormat::Visa);

        const dl::Dataset dataset = dl::importDataset(utf8(root), dl::DatasetOptions());
        QCOMPARE(dataset.categories(), (std::vector<std::string>{"candle", "pcb1"}));
        QCOMPARE(dataset.select(dl::Split::Train, "candle").size(), std::size_t(1));
        const auto candleTest = dataset.select(dl::Split::Test, "candle");
        QCOMPARE(relativePaths(candleTest), (std::vector<std::string>{"candle/Data/Images/Anomaly/000.JPG",
                                                                      "candle/Data/Images/Normal/001.JPG"}));
        QCOMPARE(candleTest[0]->label, 1);
        QCOMPARE(candleTest[1]->label, 0);
        QVERIFY(candleTest[1]->maskPath.empty());
        const cv::Mat mask = dl::loadMask(candleTest[0]->maskPath);
        QCOMPARE(cv::countNonZero(mask), 16);
        QCOMPARE(mask.at<uchar>(2, 2), uchar(255));
        QCOMPARE(dataset.select(dl::Split::Test, "pcb1").size(), std::size_t(1));

        const dl::SkippedFile* missing = findSkipped(dataset, "Normal/999.JPG");
        QVERIFY(missing);
        QVERIFY2(QString::fromStdString(missing->reason).contains("line 5"), missing->reason.c_str());

        dl::DatasetOptions onlyPcb;
        onlyPcb.category = "pcb1";
        QCOMPARE(dl::importDataset(utf8(root), onlyPcb).samples.size(), std::size_t(2));
        onlyPcb.category = "capsules";
        const QString message = errorOf([&] { dl::importDataset(utf8(root), onlyPcb); });
        QVERIFY2(message.contains("capsules") && message.contains("candle, pcb1"), qPrintable(message));
    }

    void malformedVisaCsvIsAnError()
    {
        const QString root = dir_->filePath("visa_bad");
        writeImage(root + "/a/0.png");
        const QString csv = root + "/split_csv/1cls.csv";

        QVERIFY(writeBytes(csv, "object,split,label,image\na,train,normal,a/0.png\n"));
        QString message = errorOf([&] { dl::importDataset(utf8(root), dl::DatasetOptions()); });
        QVERIFY2(message.contains("1cls.csv") && message.contains("missing: mask"), qPrintable(message));

        QVERIFY(writeBytes(csv, "object,split,label,image,mask\na,train,normal,a/0.png,\na,validation,normal,a/0.png,\n"));
        message = errorOf([&] { dl::importDataset(utf8(root), dl::DatasetOptions()); });
        QVERIFY2(message.contains("1cls.csv") && message.contains("line 3") && message.contains("validation"),
                 qPrintable(message));

        QVERIFY(writeBytes(csv, "object,split,label,image,mask\na,train,normal\n"));
        message = errorOf([&] { dl::importDataset(utf8(root), dl::DatasetOptions()); });
        QVERIFY2(message.contains("line 2") && message.contains("expected 5 fields"), qPrintable(message));

        QVERIFY(writeBytes(csv, "object,split,label,image,mask\n\"a,train,normal,a/0.png,\n"));
        message = errorOf([&] { dl::importDataset(utf8(root), dl::DatasetOptions()); });
        QVERIFY2(message.contains("never closed"), qPrintable(message));

        QVERIFY(writeBytes(csv, QByteArray()));
        message = errorOf([&] { dl::importDataset(utf8(root), dl::DatasetOptions()); });
        QVERIFY2(message.contains("1cls.csv") && message.contains("empty"), qPrintable(message));
    }

    // Regression (issue 13): rows "../../x/y.png" and "/etc/passwd" were opened,
    // scored and stored with their ".." path. Every path that resolves outside
    // the root is refused, before the file is even looked at.
    void visaRowsThatLeaveTheDatasetFolderAreRefused()
    {
        const QString root = dir_->filePath("visa_escape/set");
        const QString outside = dir_->filePath("visa_escape/outside.png");
        QVERIFY(writeImage(outside));
        QVERIFY(writeImage(root + "/a/0.png"));
        QVERIFY(writeImage(root + "/a/1.png"));
        QVERIFY(writeImage(root + "/a/bad.png"));
        QVERIFY(writeMask(root + "/a/bad_mask.png"));
        QVERIFY(QFile::link(outside, root + "/a/link.png")); // a link inside the root to a file outside it
        QVERIFY(writeBytes(root + "/split_csv/1cls.csv",
                           "object,split,label,image,mask\n"
                           "a,train,normal,a/0.png,\n"
                           "a,test,normal,a/1.png,\n"
                           "a,test,normal,../outside.png,\n"
                           "a,test,normal,a/../../outside.png,\n"
                           "a,test,normal,/etc/passwd,\n"
                           "a,test,normal,a/link.png,\n"
                           "a,test,anomaly,a/bad.png,../outside.png\n"));

        const dl::Dataset dataset = dl::importDataset(utf8(root), dl::DatasetOptions());
        QCOMPARE(relativePaths(dataset.select(dl::Split::Test)), std::vector<std::string>{"a/1.png"});
        for (const dl::Sample& sample : dataset.samples)
            QVERIFY2(sample.relativePath.find("..") == std::string::npos, sample.relativePath.c_str());
        int refused = 0;
        for (const dl::SkippedFile& skipped : dataset.skipped)
            if (QString::fromStdString(skipped.reason).contains("outside the dataset folder"))
                ++refused;
        QCOMPARE(refused, 5);
        const dl::SkippedFile* passwd = findSkipped(dataset, "/etc/passwd");
        QVERIFY(passwd);
        QVERIFY2(QString::fromStdString(passwd->reason).contains("line 6"), passwd->reason.c_str());
        QVERIFY(!QString::fromStdString(passwd->reason).contains("text"));
    }

    // A symbolic link in an MVTec tree that points out of the root is refused
    // too; FIFOs and link loops are listed as skipped, never silently dropped.
    void linksOutOfTheRootFifosAndLoopsAreListedAsSkipped()
    {
        const QString root = dir_->filePath("hostile/bottle");
        QVERIFY(writeImage(dir_->filePath("hostile/elsewhere.png")));
        for (const char* name : {"000.png", "001.png"})
            QVERIFY(writeImage(root + "/train/good/" + name));
        QVERIFY(writeImage(root + "/test/good/000.png"));
        QVERIFY(QFile::link(dir_->filePath("hostile/elsewhere.png"), root + "/train/good/002.png"));
        QCOMPARE(::mkfifo(QFile::encodeName(root + "/train/good/003.png").constData(), 0600), 0);
        QVERIFY(QFile::link(root + "/train/good/loop_b.png", root + "/train/good/loop_a.png"));
        QVERIFY(QFile::link(root + "/train/good/loop_a.png", root + "/train/good/loop_b.png"));

        const dl::Dataset dataset = dl::importDataset(utf8(root), dl::DatasetOptions());
        QCOMPARE(relativePaths(dataset.select(dl::Split::Train)),
                 (std::vector<std::string>{"train/good/000.png", "train/good/001.png"}));
        const std::map<QString, QString> expected = {{"002.png", "outside the dataset folder"},
                                                     {"003.png", "FIFO"},
                                                     {"loop_a.png", "link loop"},
                                                     {"loop_b.png", "link loop"}};
        for (const auto& [name, reason] : expected) {
            const dl::SkippedFile* skipped = findSkipped(dataset, name);
            QVERIFY2(skipped, qPrintable(name));
            QVERIFY2(QString::fromStdString(skipped->reason).contains(reason), skipped->reason.c_str());
        }

        // A plain folder (and predict's input listing) name them as well.
        const QString plain = dir_->filePath("hostile/plain");
        QVERIFY(writeImage(plain + "/ok.png"));
        QCOMPARE(::mkfifo(QFile::encodeName(plain + "/pipe.png").constData(), 0600), 0);
        const dl::Dataset folder = dl::importDataset(utf8(plain), dl::DatasetOptions());
        QCOMPARE(folder.samples.size(), std::size_t(1));
        QVERIFY(findSkipped(folder, "pipe.png"));
        const std::vector<std::string> files = dl::listImageFiles(utf8(plain));
        QCOMPARE(files.size(), std::size_t(2));
        const QString pipeMessage = errorOf([&] { dl::loadImageRgb(files[1]); });
        QVERIFY2(pipeMessage.contains("pipe.png") && pipeMessage.contains("not a regular file"),
                 qPrintable(pipeMessage));
    }

    void importsPlainFolderRecursively()
    {
        const QString root = dir_->filePath("plain");
        writeImage(root + "/b.png");
        writeImage(root + "/a/z.jpg");
        writeImage(root + "/a/b/c.bmp");
        writeImage(root + "/.hidden/x.png");
        writeImage(root + "/._b.png");
        writeBytes(root + "/notes.txt", "ignored");
        QVERIFY(dl::detectDatasetFormat(utf8(root)) == dl::DatasetFormat::Folder);
        const dl::Dataset dataset = dl::importDataset(utf8(root), dl::DatasetOptions());
        QVERIFY(dataset.format == dl::DatasetFormat::Folder);
        QCOMPARE(relativePaths(dataset.select(dl::Split::Train)),
                 (std::vector<std::string>{"a/b/c.bmp", "a/z.jpg", "b.png"}));
        for (const dl::Sample& sample : dataset.samples) {
            QCOMPARE(sample.label, 0);
            QCOMPARE(QString::fromStdString(sample.category), QString("plain"));
        }

        const std::vector<std::string> files = dl::listImageFiles(utf8(root));
        QCOMPARE(files.size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(files[0]), QFileInfo(root + "/a/b/c.bmp").absoluteFilePath());
        QCOMPARE(dl::listImageFiles(utf8(root + "/b.png")),
                 std::vector<std::string>{utf8(QFileInfo(root + "/b.png").absoluteFilePath())});
        QString message = errorOf([&] { dl::listImageFiles(utf8(root + "/nothing_here")); });
        QVERIFY2(message.contains("nothing_here") && message.contains("does not exist"), qPrintable(message));
        // A link named as the input is named for what it is.
        QVERIFY(QFile::link(root + "/loop.png", root + "/loop.png"));
        message = errorOf([&] { dl::listImageFiles(utf8(root + "/loop.png")); });
        QVERIFY2(message.contains("loop.png") && message.contains("symbolic link loop"), qPrintable(message));
        QVERIFY(QFile::link(root + "/gone.png", root + "/dangling.png"));
        message = errorOf([&] { dl::listImageFiles(utf8(root + "/dangling.png")); });
        QVERIFY2(message.contains("dangling.png") && message.contains("link to a file that does not exist"),
                 qPrintable(message));
        QFile::remove(root + "/loop.png");
        QFile::remove(root + "/dangling.png");
        QVERIFY(QDir().mkpath(root + "/empty"));
        message = errorOf([&] { dl::listImageFiles(utf8(root + "/empty")); });
        QVERIFY2(message.contains("empty") && message.contains("no image files"), qPrintable(message));
    }

    void movesDefectsRoundRobinOverTypes()
    {
        const dl::Dataset base = typedDefects();

        auto movedWith = [&](int count, unsigned seed) {
            dl::Dataset dataset = base;
            dl::moveLabelledDefectsToTrain(dataset, count, seed);
            std::vector<std::string> moved;
            for (const dl::Sample* sample : dataset.select(dl::Split::Train))
                moved.push_back(sample->relativePath);
            return moved;
        };
        const std::vector<std::string> moved = movedWith(6, 7);
        std::map<std::string, int> perType;
        for (const std::string& path : moved)
            ++perType[path.substr(5, 1)];
        QCOMPARE(perType, (std::map<std::string, int>{{"A", 3}, {"B", 2}, {"C", 1}}));
        QCOMPARE(movedWith(6, 7), moved);
        bool anotherSeedDiffers = false;
        for (unsigned seed = 1; seed <= 10 && !anotherSeedDiffers; ++seed)
            anotherSeedDiffers = movedWith(6, seed) != moved;
        QVERIFY(anotherSeedDiffers);

        QCOMPARE(movedWith(3, 1).size(), std::size_t(3)); // one per type first
        QCOMPARE(movedWith(9, 1).size(), std::size_t(9));
        QVERIFY(movedWith(0, 1).empty());
        dl::Dataset dataset = base;
        const QString message = errorOf([&] { dl::moveLabelledDefectsToTrain(dataset, 10, 1); });
        QVERIFY2(message.contains("only 9"), qPrintable(message));
        QVERIFY(dataset.select(dl::Split::Train).empty()); // nothing moved on failure
    }

    // proportional: each type as often as its share, every prefix nested in the next.
    void movesDefectsInProportionToTheTypes()
    {
        const dl::Dataset base = typedDefects();
        auto perTypeWith = [&](int count, dl::LabelledDraw draw, std::set<std::string>* paths = nullptr) {
            dl::Dataset dataset = base;
            dl::moveLabelledDefectsToTrain(dataset, count, 7, draw);
            std::map<std::string, int> perType;
            for (const dl::Sample* sample : dataset.select(dl::Split::Train)) {
                ++perType[sample->defectType];
                if (paths) paths->insert(sample->relativePath);
            }
            return perType;
        };
        using Counts = std::map<std::string, int>;
        // 3 of 9 (A 5, B 3, C 1): A's share is 1.67, B's 1, C's 0.33.
        QCOMPARE(perTypeWith(3, dl::LabelledDraw::Proportional), (Counts{{"A", 2}, {"B", 1}}));
        QCOMPARE(perTypeWith(3, dl::LabelledDraw::RoundRobin), (Counts{{"A", 1}, {"B", 1}, {"C", 1}}));
        QCOMPARE(perTypeWith(6, dl::LabelledDraw::Proportional), (Counts{{"A", 3}, {"B", 2}, {"C", 1}}));
        QCOMPARE(perTypeWith(9, dl::LabelledDraw::Proportional), (Counts{{"A", 5}, {"B", 3}, {"C", 1}}));
        std::set<std::string> smaller, larger;
        perTypeWith(4, dl::LabelledDraw::Proportional, &smaller);
        perTypeWith(7, dl::LabelledDraw::Proportional, &larger);
        QVERIFY(std::includes(larger.begin(), larger.end(), smaller.begin(), smaller.end()));
    }

private:
    // In-memory dataset: types A (5), B (3), C (1) with masks, plus one defect without a mask.
    static dl::Dataset typedDefects()
    {
        dl::Dataset base;
        base.root = "/virtual";
        auto add = [&](const std::string& type, int index, bool withMask) {
            dl::Sample sample;
            sample.relativePath = "test/" + type + "/" + std::to_string(index) + ".png";
            sample.path = base.root + "/" + sample.relativePath;
            sample.category = "part";
            sample.split = dl::Split::Test;
            sample.label = 1;
            sample.defectType = type;
            if (withMask)
                sample.maskPath = base.root + "/ground_truth/" + type + "/" + std::to_string(index) + "_mask.png";
            base.samples.push_back(sample);
        };
        for (int i = 0; i < 5; ++i)
            add("A", i, true);
        for (int i = 0; i < 3; ++i)
            add("B", i, true);
        add("C", 0, true);
        add("D", 0, false);
        return base;
    }

    std::unique_ptr<QTemporaryDir> dir_;
};

QTEST_MAIN(TestImporters)
#include "tst_importers.moc"
