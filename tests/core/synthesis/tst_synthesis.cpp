// Pseudo-anomaly synthesis: Perlin noise and masks, the foreground split, the
// three defect generators (determinism, untouched outside, changed inside), the
// outlier texture search and a visual grid for a human check.
#include "TestSupport.h"
#include "common/Error.h"
#include "data/ImageIO.h"
#include "synthesis/AnomalySynthesizer.h"
#include "synthesis/Foreground.h"
#include "synthesis/Perlin.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <functional>
#include <set>

namespace {

using dl::DefectKind;

const DefectKind kAllKinds[] = {DefectKind::TexturePaste, DefectKind::Structural, DefectKind::Blurry};

// The dl::Error message `action` throws, or an empty string when it throws nothing.
QString errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const dl::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// A colourful, structured test image: smooth random blobs plus fine noise, so
// every generator visibly changes what it touches.
cv::Mat structuredImage(cv::Size size, int seed)
{
    cv::RNG rng{uint64(seed)};
    cv::Mat coarse(size.height / 8, size.width / 8, CV_8UC3);
    rng.fill(coarse, cv::RNG::UNIFORM, 0, 256);
    cv::Mat smooth;
    cv::resize(coarse, smooth, size, 0, 0, cv::INTER_CUBIC);
    cv::Mat fine(size, CV_16SC3);
    rng.fill(fine, cv::RNG::UNIFORM, -40, 40);
    cv::Mat sum;
    smooth.convertTo(sum, CV_16SC3);
    sum += fine;
    cv::Mat image;
    sum.convertTo(image, CV_8UC3); // saturates
    return image;
}

bool identical(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

// The pixels outside `mask` are the same in both images.
bool sameOutside(const cv::Mat& before, const cv::Mat& after, const cv::Mat& mask)
{
    cv::Mat outsideBefore, outsideAfter, inverse;
    cv::bitwise_not(mask, inverse);
    before.copyTo(outsideBefore, inverse);
    after.copyTo(outsideAfter, inverse);
    return identical(outsideBefore, outsideAfter);
}

bool isBinary(const cv::Mat& mask)
{
    const int zeros = int(mask.total()) - cv::countNonZero(mask);
    return mask.type() == CV_8UC1 && zeros + cv::countNonZero(mask == 255) == int(mask.total());
}

// Mask pixels that are set outside `allowed`.
int pixelsOutside(const cv::Mat& mask, const cv::Mat& allowed)
{
    cv::Mat outside;
    cv::bitwise_and(mask, 255 - allowed, outside);
    return cv::countNonZero(outside);
}

// Writes `count` small random-noise textures (PNG) into `dir`, returns their paths.
std::vector<std::string> writeTextures(const QTemporaryDir& dir, int count)
{
    std::vector<std::string> paths;
    cv::RNG rng(77);
    for (int i = 0; i < count; ++i) {
        cv::Mat texture(96 + 16 * i, 128, CV_8UC3);
        rng.fill(texture, cv::RNG::UNIFORM, 0, 256);
        const std::string path = dir.filePath(QStringLiteral("texture_%1.png").arg(i)).toStdString();
        dl::writeImage(path, texture);
        paths.push_back(path);
    }
    return paths;
}

// Sets or clears an environment variable for the lifetime of the object.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value) : name_(name), old_(qgetenv(name)), had_(qEnvironmentVariableIsSet(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (had_)
            qputenv(name_, old_);
        else
            qunsetenv(name_);
    }

private:
    const char* name_;
    QByteArray old_;
    bool had_;
};

} // namespace

class TestSynthesis : public QObject {
    Q_OBJECT

private slots:
    void perlinNoiseRangeAndMean()
    {
        std::mt19937 rng(11);
        double meanSum = 0;
        int maps = 0;
        for (int periods : {1, 2, 4, 8, 16, 32}) {
            for (int repeat = 0; repeat < 4; ++repeat) {
                const cv::Mat noise = dl::perlinNoise(cv::Size(256, 192), periods, std::max(1, periods / 2), rng);
                QCOMPARE(noise.type(), CV_32FC1);
                QCOMPARE(noise.size(), cv::Size(256, 192));
                double low = 0, high = 0;
                cv::minMaxLoc(noise, &low, &high);
                QVERIFY2(low >= -1.0 && high <= 1.0, qPrintable(QStringLiteral("range %1..%2").arg(low).arg(high)));
                cv::Scalar mean, stddev;
                cv::meanStdDev(noise, mean, stddev);
                QVERIFY2(stddev[0] > 0.05, "noise is not flat");
                if (periods >= 4) { // a few cells average out; a single cell need not
                    QVERIFY2(std::abs(mean[0]) < 0.15, qPrintable(QStringLiteral("mean %1").arg(mean[0])));
                    meanSum += mean[0];
                    ++maps;
                }
            }
        }
        QVERIFY2(std::abs(meanSum / maps) < 0.05, qPrintable(QStringLiteral("overall mean %1").arg(meanSum / maps)));

        // The same seed gives the same noise; the rotated variant covers the corners too.
        std::mt19937 a(5), b(5);
        QVERIFY(identical(dl::perlinNoise(cv::Size(64, 64), 4, 4, a), dl::perlinNoise(cv::Size(64, 64), 4, 4, b)));
        const cv::Mat rotated = dl::perlinNoiseRotated(cv::Size(128, 128), 8, 8, 45.0, a);
        cv::Mat corner = cv::abs(rotated(cv::Rect(0, 0, 16, 16)));
        QVERIFY(cv::countNonZero(corner > 0.01f) > 0);
        QVERIFY(!errorOf([&] { dl::perlinNoise(cv::Size(0, 10), 1, 1, a); }).isEmpty());
        QVERIFY(!errorOf([&] { dl::perlinNoise(cv::Size(10, 10), 0, 1, a); }).isEmpty());
    }

    void masksAreBinaryAndNeverEmpty()
    {
        std::mt19937 rng(2024);
        const dl::PerlinMaskOptions options;
        double coverage = 0;
        for (int i = 0; i < 200; ++i) {
            const cv::Mat mask = dl::perlinAnomalyMask(cv::Size(256, 256), rng);
            QCOMPARE(mask.size(), cv::Size(256, 256));
            QVERIFY(isBinary(mask));
            QVERIFY2(cv::countNonZero(mask) >= options.minPixels, qPrintable(QString::number(cv::countNonZero(mask))));
            coverage += cv::countNonZero(mask) / double(mask.total());
        }
        qInfo("mean Perlin mask coverage at 256x256: %.1f%%", 100.0 * coverage / 200);

        // Impossible minimum (more than the image): the largest attempt, still not empty.
        dl::PerlinMaskOptions greedy;
        greedy.minPixels = 100000;
        greedy.maxAttempts = 5;
        QVERIFY(cv::countNonZero(dl::perlinAnomalyMask(cv::Size(24, 20), rng, {}, greedy)) > 0);

        // A threshold no noise reaches: every attempt is empty, the ellipse fallback is used.
        dl::PerlinMaskOptions unreachable;
        unreachable.threshold = 0.9999;
        unreachable.maxAttempts = 3;
        const cv::Mat fallback = dl::perlinAnomalyMask(cv::Size(64, 64), rng, {}, unreachable);
        QVERIFY(isBinary(fallback));
        QVERIFY(cv::countNonZero(fallback) >= unreachable.minPixels);

        // ... also inside a tiny foreground, which it must respect.
        cv::Mat speck = cv::Mat::zeros(64, 64, CV_8UC1);
        speck(cv::Rect(40, 10, 3, 2)).setTo(255);
        const cv::Mat inSpeck = dl::perlinAnomalyMask(cv::Size(64, 64), rng, speck, unreachable);
        QVERIFY(cv::countNonZero(inSpeck) > 0);
        QCOMPARE(pixelsOutside(inSpeck, speck), 0);

        // An all-zero foreground is ignored rather than producing empty masks.
        QVERIFY(cv::countNonZero(dl::perlinAnomalyMask(cv::Size(64, 64), rng, cv::Mat::zeros(64, 64, CV_8UC1))) > 0);

        QVERIFY(!errorOf([&] { dl::perlinAnomalyMask(cv::Size(64, 64), rng, cv::Mat::zeros(32, 32, CV_8UC1)); })
                     .isEmpty());
        dl::PerlinMaskOptions bad;
        bad.minPixels = 0;
        QVERIFY(!errorOf([&] { dl::perlinAnomalyMask(cv::Size(64, 64), rng, {}, bad); }).isEmpty());
    }

    void foregroundFindsTheObjectInEitherPolarity()
    {
        cv::Mat truth = cv::Mat::zeros(200, 240, CV_8UC1);
        cv::circle(truth, cv::Point(120, 100), 60, cv::Scalar(255), cv::FILLED);
        cv::Mat holeInObject = truth.clone();
        cv::circle(holeInObject, cv::Point(120, 100), 15, cv::Scalar(0), cv::FILLED); // e.g. a bottle's opening

        for (bool brightObject : {true, false}) {
            cv::Mat image(truth.size(), CV_8UC3, brightObject ? cv::Scalar(30, 30, 30) : cv::Scalar(220, 210, 200));
            image.setTo(brightObject ? cv::Scalar(200, 180, 160) : cv::Scalar(40, 50, 60), holeInObject);
            cv::Mat noise(image.size(), CV_8UC3);
            cv::RNG(3).fill(noise, cv::RNG::NORMAL, 0, 8);
            cv::add(image, noise, image);
            const cv::Mat object = dl::foregroundMask(image);
            QVERIFY(isBinary(object));
            cv::Mat both, either;
            cv::bitwise_and(object, truth, both);
            cv::bitwise_or(object, truth, either);
            const double iou = cv::countNonZero(both) / double(cv::countNonZero(either));
            QVERIFY2(iou > 0.9, qPrintable(QStringLiteral("IoU %1 (bright object: %2)").arg(iou).arg(brightObject)));
        }

        // A flat image has no object: the whole image is the foreground.
        QCOMPARE(cv::countNonZero(dl::foregroundMask(cv::Mat(50, 60, CV_8UC3, cv::Scalar(90, 90, 90)))), 50 * 60);
        QVERIFY(!errorOf([] { dl::foregroundMask(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0))); }).isEmpty());
    }

    void masksStayInsideTheForeground()
    {
        cv::Mat image(256, 256, CV_8UC3, cv::Scalar(20, 20, 20));
        cv::Mat object = cv::Mat::zeros(256, 256, CV_8UC1);
        cv::ellipse(object, cv::Point(128, 128), cv::Size(70, 50), 30, 0, 360, cv::Scalar(255), cv::FILLED);
        structuredImage(image.size(), 9).copyTo(image, object);
        cv::Mat brighten(image.size(), CV_8UC3, cv::Scalar(120, 120, 120));
        cv::add(image, brighten, image, object);

        std::mt19937 rng(8);
        for (int i = 0; i < 50; ++i) {
            const cv::Mat mask = dl::perlinAnomalyMask(image.size(), rng, object);
            QCOMPARE(pixelsOutside(mask, object), 0);
            QVERIFY(cv::countNonZero(mask) >= 100);
        }

        dl::SynthesisOptions options;
        options.objectForeground = true;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        dl::AnomalySynthesizer synthesizer(writeTextures(dir, 2), 4, options);
        const cv::Mat found = dl::foregroundMask(image);
        for (int i = 0; i < 30; ++i) {
            const dl::SyntheticAnomaly anomaly = synthesizer.makeRandom(image);
            QCOMPARE(pixelsOutside(anomaly.mask, found), 0);
            QVERIFY(cv::countNonZero(anomaly.mask) >= 100);
        }
    }

    void sameSeedSameAnomaliesOtherSeedOthers()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::vector<std::string> textures = writeTextures(dir, 3);
        const cv::Mat image = structuredImage(cv::Size(256, 256), 1);
        auto run = [&](unsigned seed) {
            dl::AnomalySynthesizer synthesizer(textures, seed);
            std::vector<dl::SyntheticAnomaly> results;
            for (DefectKind kind : kAllKinds)
                results.push_back(synthesizer.make(image, kind));
            for (int i = 0; i < 9; ++i)
                results.push_back(synthesizer.makeRandom(image));
            return results;
        };
        const auto first = run(42), again = run(42), other = run(43);
        std::set<int> kindsSeen;
        int differing = 0;
        for (std::size_t i = 0; i < first.size(); ++i) {
            QCOMPARE(int(first[i].kind), int(again[i].kind));
            QVERIFY(identical(first[i].image, again[i].image));
            QVERIFY(identical(first[i].mask, again[i].mask));
            kindsSeen.insert(int(first[i].kind));
            differing += !identical(first[i].mask, other[i].mask) || !identical(first[i].image, other[i].image);
        }
        QCOMPARE(int(kindsSeen.size()), 3);
        QCOMPARE(differing, int(first.size()));
    }

    void onlyTheMaskedPixelsChange_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("texture") << int(DefectKind::TexturePaste);
        QTest::newRow("structural") << int(DefectKind::Structural);
        QTest::newRow("blurry") << int(DefectKind::Blurry);
    }

    void onlyTheMaskedPixelsChange()
    {
        QFETCH(int, kind);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        dl::AnomalySynthesizer synthesizer(writeTextures(dir, 3), 100 + unsigned(kind));
        for (int i = 0; i < 20; ++i) {
            const cv::Mat image = structuredImage(i % 2 ? cv::Size(256, 256) : cv::Size(200, 148), i);
            const dl::SyntheticAnomaly anomaly = synthesizer.make(image, DefectKind(kind));
            QCOMPARE(int(anomaly.kind), kind);
            QCOMPARE(anomaly.image.type(), CV_8UC3);
            QCOMPARE(anomaly.image.size(), image.size());
            QCOMPARE(anomaly.mask.size(), image.size());
            QVERIFY(isBinary(anomaly.mask));

            cv::Mat difference;
            cv::absdiff(anomaly.image, image, difference);
            cv::Mat grey;
            cv::transform(difference, grey, cv::Matx13f(1, 1, 1)); // summed over channels
            cv::Mat outside;
            grey.copyTo(outside, 255 - anomaly.mask);
            QCOMPARE(cv::countNonZero(outside), 0);

            const double insideMean = cv::mean(grey, anomaly.mask)[0] / 3.0;
            const double changedFraction = cv::countNonZero((grey > 0) & anomaly.mask) / double(cv::countNonZero(anomaly.mask));
            QVERIFY2(insideMean > 4.0 && changedFraction > 0.5,
                     qPrintable(QStringLiteral("%1: mean change %2, changed fraction %3")
                                    .arg(dl::defectKindName(DefectKind(kind)))
                                    .arg(insideMean)
                                    .arg(changedFraction)));
        }
    }

    void texturePasteWithoutTexturesFallsBackToStructural()
    {
        dl::AnomalySynthesizer synthesizer({}, 1);
        const dl::SyntheticAnomaly anomaly = synthesizer.make(structuredImage(cv::Size(64, 64), 2), DefectKind::TexturePaste);
        QCOMPARE(int(anomaly.kind), int(DefectKind::Structural));
        QVERIFY(cv::countNonZero(anomaly.mask) > 0);
    }

    void opaqueTextureReplacesMaskedPixels()
    {
        // beta = 1 (CSE): inside the mask the result is the augmented texture alone, so
        // two images with the same draws differ only outside the mask.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto textures = writeTextures(dir, 1);
        dl::SynthesisOptions options;
        options.betaMin = options.betaMax = 1.0;
        dl::AnomalySynthesizer a(textures, 9, options), b(textures, 9, options);
        const cv::Mat imageA = structuredImage(cv::Size(128, 128), 3), imageB = structuredImage(cv::Size(128, 128), 4);
        const auto anomalyA = a.make(imageA, DefectKind::TexturePaste);
        const auto anomalyB = b.make(imageB, DefectKind::TexturePaste);
        QVERIFY(identical(anomalyA.mask, anomalyB.mask));
        cv::Mat insideA, insideB;
        anomalyA.image.copyTo(insideA, anomalyA.mask);
        anomalyB.image.copyTo(insideB, anomalyB.mask);
        QVERIFY(identical(insideA, insideB));
    }

    void generatedImagesArePastedUnderTheMask()
    {
        // RealNet's SDAS paste: a small generated image is resized to the input, blended
        // under the Perlin mask with beta in the given range; outside the mask nothing changes.
        dl::AnomalySynthesizer synthesizer({}, 5);
        const cv::Mat image = structuredImage(cv::Size(96, 96), 6);
        const cv::Mat generated(32, 32, CV_8UC3, cv::Scalar(250, 10, 120));
        const dl::SyntheticAnomaly a = synthesizer.pasteGenerated(image, generated, 1.0, 1.0);
        QCOMPARE(int(a.kind), int(DefectKind::Generated));
        QCOMPARE(QString(dl::defectKindName(a.kind)), QStringLiteral("generated"));
        QVERIFY(cv::countNonZero(a.mask) > 0);
        QVERIFY(sameOutside(image, a.image, a.mask));
        // Opaque paste: the masked pixels are the (uniform) generated colour.
        cv::Mat inside;
        a.image.copyTo(inside, a.mask);
        QCOMPARE(cv::mean(inside, a.mask), cv::Scalar(250, 10, 120, 0));
        // The kind needs its source image; bad sources and ranges are refused.
        QVERIFY(!errorOf([&] { synthesizer.make(image, DefectKind::Generated); }).isEmpty());
        QVERIFY(!errorOf([&] { synthesizer.pasteGenerated(image, cv::Mat(), 0.5, 1.0); }).isEmpty());
        QVERIFY(!errorOf([&] { synthesizer.pasteGenerated(image, generated, 0.9, 0.5); }).isEmpty());
    }

    void greyscaleImagesGetGreyscaleDefects()
    {
        // A monochrome camera's image (R = G = B) gets grey defects with matchGreyscale,
        // pixels outside the mask stay exact; a colour image is left as without it.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto textures = writeTextures(dir, 2); // colourful noise
        dl::SynthesisOptions options;
        options.matchGreyscale = true;
        cv::Mat grey1;
        cv::cvtColor(structuredImage(cv::Size(96, 80), 11), grey1, cv::COLOR_RGB2GRAY);
        cv::Mat greyImage;
        cv::cvtColor(grey1, greyImage, cv::COLOR_GRAY2RGB);
        const cv::Mat colourImage = structuredImage(cv::Size(96, 80), 12);
        auto channelsEqual = [](const cv::Mat& rgb) {
            std::vector<cv::Mat> c;
            cv::split(rgb, c);
            return cv::countNonZero(c[0] != c[1]) == 0 && cv::countNonZero(c[1] != c[2]) == 0;
        };
        for (DefectKind kind : kAllKinds) {
            dl::AnomalySynthesizer matching(textures, 21, options), plain(textures, 21);
            const dl::SyntheticAnomaly grey = matching.make(greyImage, kind);
            QVERIFY2(channelsEqual(grey.image), dl::defectKindName(kind));
            QVERIFY(cv::countNonZero(grey.mask) > 0);
            QVERIFY(sameOutside(greyImage, grey.image, grey.mask));
            // Same draws without the option: a colour texture stays in colour on a grey image...
            const dl::SyntheticAnomaly unmatched = plain.make(greyImage, kind);
            QVERIFY(identical(unmatched.mask, grey.mask));
            if (kind == DefectKind::TexturePaste)
                QVERIFY(!channelsEqual(unmatched.image));
            // ...and a colour image is untouched by the option.
            dl::AnomalySynthesizer matching2(textures, 22, options), plain2(textures, 22);
            QVERIFY(identical(matching2.make(colourImage, kind).image, plain2.make(colourImage, kind).image));
        }
        dl::AnomalySynthesizer matching(textures, 23, options);
        const cv::Mat generated(16, 16, CV_8UC3, cv::Scalar(250, 10, 120));
        QVERIFY(channelsEqual(matching.pasteGenerated(greyImage, generated, 1.0, 1.0).image));
    }

    void rejectsBadInputAndOptions()
    {
        dl::AnomalySynthesizer synthesizer({}, 1);
        QVERIFY(!errorOf([&] { synthesizer.make(cv::Mat(), DefectKind::Blurry); }).isEmpty());
        QVERIFY(!errorOf([&] { synthesizer.make(cv::Mat(32, 32, CV_8UC1, cv::Scalar(1)), DefectKind::Blurry); }).isEmpty());
        QVERIFY(!errorOf([&] { synthesizer.make(cv::Mat(8, 32, CV_8UC3, cv::Scalar(1, 2, 3)), DefectKind::Blurry); })
                     .isEmpty());
        dl::SynthesisOptions badBeta;
        badBeta.betaMin = 0.8;
        badBeta.betaMax = 0.3;
        QVERIFY(!errorOf([&] { dl::AnomalySynthesizer({}, 1, badBeta); }).isEmpty());

        // A texture that cannot be decoded is named in the error.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString broken = dir.filePath("broken.png");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a png");
        file.close();
        dl::AnomalySynthesizer withBroken({broken.toStdString()}, 1);
        const QString error = errorOf([&] { withBroken.make(structuredImage(cv::Size(32, 32), 1), DefectKind::TexturePaste); });
        QVERIFY2(error.contains(QStringLiteral("broken.png")), qPrintable(error));
    }

    void locatesTheSharedDtdTextures()
    {
        DL_REQUIRE_SHARED(QStringLiteral("data/dtd_subset"));
        const ScopedEnv noOverride("DEFECTLENS_TEXTURES_DIR", QByteArray());

        const auto configured = dl::locateOutlierTextures(dltest::sharedPath(QStringLiteral("data/dtd_subset")).toStdString());
        QCOMPARE(int(configured.size()), 360);
        QVERIFY(std::is_sorted(configured.begin(), configured.end()));
        for (const char* category : {"banded", "bubbly", "cracked"})
            QCOMPARE(int(std::count_if(configured.begin(), configured.end(), [&](const std::string& path) {
                         return path.find(std::string("/") + category + "/") != std::string::npos;
                     })),
                     120);

        // Found without configuration from a working directory inside the project checkout.
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(QStringLiteral(DL_SOURCE_DIR)));
        const auto found = dl::locateOutlierTextures();
        QVERIFY(QDir::setCurrent(previous));
        if (found.size() != 360)
            QSKIP(qPrintable(QStringLiteral("the shared folder %1 is not beside the source tree %2, so the default "
                                            "search does not reach it")
                                 .arg(dltest::sharedPath(QString()), QStringLiteral(DL_SOURCE_DIR))));
        QCOMPARE(QString::fromStdString(found.front()).section('/', -2),
                 QString::fromStdString(configured.front()).section('/', -2));
    }

    void configuredTextureFolderMustHoldImages()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string empty = dir.path().toStdString();
        QString error = errorOf([&] { dl::locateOutlierTextures(empty); });
        QVERIFY2(error.contains(dir.path()) && error.contains(QStringLiteral("no image")), qPrintable(error));

        error = errorOf([&] { dl::locateOutlierTextures(empty + "/missing"); });
        QVERIFY2(error.contains(QStringLiteral("missing")), qPrintable(error));

        {
            const ScopedEnv pointsAtEmpty("DEFECTLENS_TEXTURES_DIR", dir.path().toUtf8());
            error = errorOf([] { dl::locateOutlierTextures(); });
            QVERIFY2(error.contains(QStringLiteral("DEFECTLENS_TEXTURES_DIR")), qPrintable(error));
        }
        const auto paths = writeTextures(dir, 2);
        {
            const ScopedEnv pointsAtTextures("DEFECTLENS_TEXTURES_DIR", dir.path().toUtf8());
            QCOMPARE(int(dl::locateOutlierTextures().size()), 2);
        }
        QCOMPARE(int(dl::locateOutlierTextures(empty).size()), 2);
    }

    void reportsSynthesisSpeed()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<std::string> textures = writeTextures(dir, 4);
        if (dltest::sharedExists(QStringLiteral("data/dtd_subset")))
            textures = dl::locateOutlierTextures(dltest::sharedPath(QStringLiteral("data/dtd_subset")).toStdString());
        const cv::Mat image = structuredImage(cv::Size(256, 256), 5);
        for (bool object : {false, true}) {
            dl::SynthesisOptions options;
            options.objectForeground = object;
            dl::AnomalySynthesizer synthesizer(textures, 3, options);
            for (DefectKind kind : kAllKinds) {
                synthesizer.make(image, kind); // warm-up
                constexpr int kCount = 40;
                QElapsedTimer timer;
                timer.start();
                for (int i = 0; i < kCount; ++i)
                    synthesizer.make(image, kind);
                // Texture pastes include decoding each texture on its first use (then cached).
                qInfo("synthesis %-10s on %-7s image: %.2f ms per 256x256 image", dl::defectKindName(kind),
                      object ? "object" : "texture", timer.nsecsElapsed() / 1e6 / kCount);
            }
        }
    }

    void writesVisualGrid()
    {
        DL_REQUIRE_SHARED(QStringLiteral("data/mvtec_bottle/train/good/000.png"));
        cv::Mat bottle = dl::loadImageRgb(dltest::sharedPath(QStringLiteral("data/mvtec_bottle/train/good/000.png")).toStdString());
        cv::resize(bottle, bottle, cv::Size(256, 256), 0, 0, cv::INTER_AREA);
        std::vector<std::string> textures;
        if (dltest::sharedExists(QStringLiteral("data/dtd_subset")))
            textures = dl::locateOutlierTextures(dltest::sharedPath(QStringLiteral("data/dtd_subset")).toStdString());
        dl::SynthesisOptions options;
        options.objectForeground = true;
        dl::AnomalySynthesizer synthesizer(textures, 7, options);

        // Rows: texture, structural, blurry; three examples each. The second grid
        // outlines each mask in green so the defect can be found in the first.
        cv::Mat grid(3 * 256, 3 * 256, CV_8UC3), outlined(3 * 256, 4 * 256, CV_8UC3, cv::Scalar(0, 0, 0));
        cv::Mat object;
        cv::cvtColor(dl::foregroundMask(bottle), object, cv::COLOR_GRAY2RGB);
        for (int row = 0; row < 3; ++row) {
            for (int column = 0; column < 3; ++column) {
                const auto anomaly = synthesizer.make(bottle, kAllKinds[row]);
                const cv::Rect cell(column * 256, row * 256, 256, 256);
                anomaly.image.copyTo(grid(cell));
                cv::Mat marked = anomaly.image.clone();
                std::vector<std::vector<cv::Point>> contours;
                cv::findContours(anomaly.mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
                cv::drawContours(marked, contours, -1, cv::Scalar(0, 255, 0), 1);
                marked.copyTo(outlined(cell));
            }
            object.copyTo(outlined(cv::Rect(3 * 256, row * 256, 256, 256)));
        }
        const QString gridPath = QDir::temp().filePath(QStringLiteral("synthesis-grid.png"));
        const QString outlinedPath = QDir::temp().filePath(QStringLiteral("synthesis-grid-masks.png"));
        dl::writeImage(gridPath.toStdString(), grid);
        dl::writeImage(outlinedPath.toStdString(), outlined);
        qInfo("wrote %s and %s (rows: texture, structural, blurry)", qPrintable(gridPath), qPrintable(outlinedPath));
    }
};

QTEST_MAIN(TestSynthesis)
#include "tst_synthesis.moc"
