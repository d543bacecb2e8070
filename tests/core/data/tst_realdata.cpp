// Importers and decoding on the real data sets in the shared folder. Every
// test skips with a message when its data set is not present.
#include "common/Error.h"
#include "data/Dataset.h"
#include "data/ImageIO.h"
#include "data/Importers.h"

#include <QFileInfo>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <map>
#include <set>

namespace {

const QString kMvTecBottle = QStringLiteral(DL_SHARED_DIR "/data/mvtec_bottle");
const QString kMagneticTile = QStringLiteral(DL_SHARED_DIR "/data/magnetic_tile");
const QString kDtdSubset = QStringLiteral(DL_SHARED_DIR "/data/dtd_subset");

#define REQUIRE_DATA(folder)                                                                                           \
    do {                                                                                                               \
        if (!QFileInfo::exists(folder))                                                                                \
            QSKIP(qPrintable("real data set not present: " + (folder) + " (see ../shared/README.md)"));                \
    } while (false)

std::map<std::string, int> countBy(const std::vector<const dl::Sample*>& samples)
{
    std::map<std::string, int> counts;
    for (const dl::Sample* sample : samples)
        ++counts[sample->defectType];
    return counts;
}

dl::Dataset importMagneticTile(unsigned seed, double testFraction)
{
    dl::DatasetOptions options;
    options.normalClass = "MT_Free";
    options.seed = seed;
    options.testFraction = testFraction;
    return dl::importDataset(kMagneticTile.toStdString(), options);
}

std::vector<std::string> trainPaths(const dl::Dataset& dataset)
{
    std::vector<std::string> paths;
    for (const dl::Sample* sample : dataset.select(dl::Split::Train))
        paths.push_back(sample->relativePath);
    return paths;
}

} // namespace

class TestRealData : public QObject {
    Q_OBJECT

private slots:
    void mvTecBottleCounts()
    {
        REQUIRE_DATA(kMvTecBottle);
        const std::string root = kMvTecBottle.toStdString();
        QVERIFY(dl::detectDatasetFormat(root) == dl::DatasetFormat::MvTec);
        const dl::Dataset dataset = dl::importDataset(root, dl::DatasetOptions());
        QVERIFY(dataset.skipped.empty());
        QCOMPARE(dataset.categories(), std::vector<std::string>{"mvtec_bottle"});
        QCOMPARE(countBy(dataset.select(dl::Split::Train)), (std::map<std::string, int>{{"good", 209}}));
        QCOMPARE(countBy(dataset.select(dl::Split::Test)),
                 (std::map<std::string, int>{{"good", 20}, {"broken_large", 20}, {"broken_small", 22},
                                             {"contamination", 21}}));
        for (const dl::Sample& sample : dataset.samples)
            QCOMPARE(sample.maskPath.empty(), sample.label == 0);
        QCOMPARE(dataset.samples.front().relativePath, std::string("test/broken_large/000.png"));
        QCOMPARE(dataset.select(dl::Split::Train).front()->relativePath, std::string("train/good/000.png"));
    }

    void mvTecBottleDecodes()
    {
        REQUIRE_DATA(kMvTecBottle);
        const dl::Dataset dataset = dl::importDataset(kMvTecBottle.toStdString(), dl::DatasetOptions());
        const cv::Mat image = dl::loadImageRgb(dataset.select(dl::Split::Train).front()->path);
        QCOMPARE(image.type(), CV_8UC3);
        QCOMPARE(image.size(), cv::Size(900, 900));
        const dl::Sample* defect = dataset.select(dl::Split::Test).front();
        QCOMPARE(defect->label, 1);
        const cv::Mat mask = dl::loadMask(defect->maskPath);
        QCOMPARE(mask.type(), CV_8UC1);
        QCOMPARE(mask.size(), cv::Size(900, 900));
        const int defectPixels = cv::countNonZero(mask);
        QVERIFY(defectPixels > 0);
        QCOMPARE(defectPixels + cv::countNonZero(mask == 0), 900 * 900); // only 0 and 255
    }

    void mvTecBottleLabelledDefectsAreStratified()
    {
        REQUIRE_DATA(kMvTecBottle);
        dl::Dataset dataset = dl::importDataset(kMvTecBottle.toStdString(), dl::DatasetOptions());
        dl::Dataset again = dataset;
        dl::moveLabelledDefectsToTrain(dataset, 9, 3);
        dl::moveLabelledDefectsToTrain(again, 9, 3);
        std::map<std::string, int> moved = countBy(dataset.select(dl::Split::Train));
        QCOMPARE(moved, (std::map<std::string, int>{{"good", 209}, {"broken_large", 3}, {"broken_small", 3},
                                                    {"contamination", 3}}));
        QCOMPARE(trainPaths(dataset), trainPaths(again));
        QCOMPARE(dataset.select(dl::Split::Test).size(), std::size_t(83 - 9));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::moveLabelledDefectsToTrain(dataset, 100, 3));
    }

    void magneticTileSplitIsDeterministic()
    {
        REQUIRE_DATA(kMagneticTile);
        QVERIFY(dl::detectDatasetFormat(kMagneticTile.toStdString()) == dl::DatasetFormat::MaskFolder);
        const dl::Dataset dataset = importMagneticTile(42, 0.2);
        QVERIFY(dataset.skipped.empty());
        QCOMPARE(dataset.samples.size(), std::size_t(674));
        QCOMPARE(dataset.categories(), std::vector<std::string>{"magnetic_tile"});
        // 476 defect-free images: round(0.2 * 476) = 95 held out for test.
        QCOMPARE(countBy(dataset.select(dl::Split::Train)), (std::map<std::string, int>{{"good", 381}}));
        QCOMPARE(countBy(dataset.select(dl::Split::Test)),
                 (std::map<std::string, int>{{"good", 95}, {"MT_Blowhole", 58}, {"MT_Break", 43}, {"MT_Crack", 29},
                                             {"MT_Fray", 16}, {"MT_Uneven", 52}}));
        for (const dl::Sample& sample : dataset.samples) {
            if (sample.label == 1) {
                QVERIFY(sample.split == dl::Split::Test);
                QVERIFY(!sample.maskPath.empty());
            }
        }

        QCOMPARE(trainPaths(importMagneticTile(42, 0.2)), trainPaths(dataset));
        QVERIFY(trainPaths(importMagneticTile(7, 0.2)) != trainPaths(dataset));

        const dl::Dataset allTest = importMagneticTile(42, 1.0);
        QVERIFY(allTest.select(dl::Split::Train).empty());
        QCOMPARE(allTest.select(dl::Split::Test).size(), std::size_t(674));
    }

    void magneticTileMasksUseAnyPositiveValue()
    {
        REQUIRE_DATA(kMagneticTile);
        const dl::Dataset dataset = importMagneticTile(42, 0.2);
        int nonBinaryMasks = 0;
        for (const dl::Sample* sample : dataset.select(dl::Split::Test)) {
            if (sample->label != 1)
                continue;
            const cv::Mat raw = cv::imread(sample->maskPath, cv::IMREAD_GRAYSCALE);
            QVERIFY(!raw.empty());
            const cv::Mat mask = dl::loadMask(sample->maskPath);
            QCOMPARE(mask.size(), raw.size());
            QCOMPARE(cv::countNonZero(mask), cv::countNonZero(raw > 0));
            QCOMPARE(cv::countNonZero(mask) + cv::countNonZero(mask == 0), int(mask.total()));
            if (cv::countNonZero((raw > 0) & (raw < 255)) > 0)
                ++nonBinaryMasks;
        }
        // The README warns of values such as 1, 2, 3 and 14: make sure the rule was exercised.
        QVERIFY2(nonBinaryMasks > 0, "expected some magnetic tile masks with values between 1 and 254");
    }

    void magneticTileGrayJpegDecodes()
    {
        REQUIRE_DATA(kMagneticTile);
        const dl::Dataset dataset = importMagneticTile(42, 0.2);
        const cv::Mat image = dl::loadImageRgb(dataset.select(dl::Split::Train).front()->path);
        QCOMPARE(image.type(), CV_8UC3);
        std::vector<cv::Mat> channels;
        cv::split(image, channels);
        QCOMPARE(cv::norm(channels[0], channels[1], cv::NORM_INF), 0.0);
        QCOMPARE(cv::norm(channels[1], channels[2], cv::NORM_INF), 0.0);
    }

    void dtdSubsetIsAPlainFolder()
    {
        REQUIRE_DATA(kDtdSubset);
        const std::string root = kDtdSubset.toStdString();
        QVERIFY(dl::detectDatasetFormat(root) == dl::DatasetFormat::Folder);
        const dl::Dataset dataset = dl::importDataset(root, dl::DatasetOptions());
        QVERIFY(dataset.skipped.empty());
        QCOMPARE(dataset.select(dl::Split::Train).size(), std::size_t(360));
        QVERIFY(dataset.select(dl::Split::Test).empty());
        QCOMPARE(dataset.samples.front().relativePath, std::string("banded/banded_0002.jpg"));
        QCOMPARE(dl::listImageFiles(root).size(), std::size_t(360));
    }
};

QTEST_MAIN(TestRealData)
#include "tst_realdata.moc"
