// ImageIO: decoding of unusual but valid images, and clear errors for bad files.
#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/ImagePrefetch.h"
#include "data/Preprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <functional>

#include <sys/stat.h>

namespace {

std::string utf8(const QString& path) { return path.toStdString(); }

QByteArray encode(const std::string& extension, const cv::Mat& bgr)
{
    std::vector<uchar> bytes;
    if (!cv::imencode(extension, bgr, bytes))
        return {};
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), int(bytes.size()));
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

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

cv::Mat noiseImage(int width, int height)
{
    cv::Mat image(height, width, CV_8UC3);
    cv::RNG rng(1234);
    rng.fill(image, cv::RNG::UNIFORM, 0, 256);
    return image;
}

} // namespace

class TestImageIO : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(dir_.isValid()); }

    void decodes8BitColourInRgbOrder()
    {
        const QString path = dir_.filePath("colour.png");
        QVERIFY(writeBytes(path, encode(".png", cv::Mat(3, 4, CV_8UC3, cv::Scalar(10, 20, 30))))); // BGR
        const cv::Mat rgb = dl::loadImageRgb(utf8(path));
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgb.size(), cv::Size(4, 3));
        QCOMPARE(rgb.at<cv::Vec3b>(2, 3), cv::Vec3b(30, 20, 10));
    }

    void decodes16BitPngScaledTo8Bit()
    {
        const QString path = dir_.filePath("deep.png");
        cv::Mat deep(2, 2, CV_16UC3, cv::Scalar(257 * 10, 257 * 20, 65535)); // BGR
        deep.at<cv::Vec3w>(1, 1) = cv::Vec3w(0, 257 * 128, 257 * 7);
        const QByteArray bytes = encode(".png", deep);
        QVERIFY(writeBytes(path, bytes));
        // The file really holds 16-bit samples.
        const cv::Mat raw = cv::imdecode(cv::Mat(1, bytes.size(), CV_8UC1, const_cast<char*>(bytes.data())),
                                         cv::IMREAD_UNCHANGED);
        QCOMPARE(raw.depth(), CV_16U);

        const cv::Mat rgb = dl::loadImageRgb(utf8(path));
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgb.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 20, 10));
        QCOMPARE(rgb.at<cv::Vec3b>(1, 1), cv::Vec3b(7, 128, 0));
    }

    void decodesGrayscalePngAsEqualChannels()
    {
        const QString path = dir_.filePath("gray.png");
        cv::Mat gray(3, 3, CV_8UC1, cv::Scalar(77));
        gray.at<uchar>(0, 2) = 200;
        QVERIFY(writeBytes(path, encode(".png", gray)));
        const cv::Mat rgb = dl::loadImageRgb(utf8(path));
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgb.at<cv::Vec3b>(1, 1), cv::Vec3b(77, 77, 77));
        QCOMPARE(rgb.at<cv::Vec3b>(0, 2), cv::Vec3b(200, 200, 200));
    }

    void decodesRgbaPngDroppingAlpha()
    {
        const QString path = dir_.filePath("alpha.png");
        cv::Mat bgra(2, 2, CV_8UC4, cv::Scalar(10, 20, 30, 128));
        bgra.at<cv::Vec4b>(1, 0) = cv::Vec4b(40, 50, 60, 0); // fully transparent keeps its colour
        QVERIFY(writeBytes(path, encode(".png", bgra)));
        const cv::Mat rgb = dl::loadImageRgb(utf8(path));
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgb.at<cv::Vec3b>(0, 0), cv::Vec3b(30, 20, 10));
        QCOMPARE(rgb.at<cv::Vec3b>(1, 0), cv::Vec3b(60, 50, 40));
    }

    void decodesGrayscaleJpeg()
    {
        const QString path = dir_.filePath("gray.jpg");
        QVERIFY(writeBytes(path, encode(".jpg", cv::Mat(16, 16, CV_8UC1, cv::Scalar(100)))));
        const cv::Mat rgb = dl::loadImageRgb(utf8(path));
        QCOMPARE(rgb.type(), CV_8UC3);
        const cv::Vec3b pixel = rgb.at<cv::Vec3b>(8, 8);
        QVERIFY(std::abs(int(pixel[0]) - 100) <= 2);
        QCOMPARE(pixel[0], pixel[1]);
        QCOMPARE(pixel[1], pixel[2]);
    }

    void decodesUnicodePathWithSpaces()
    {
        const QString path = dir_.filePath(QStringLiteral("Prüf bilder/瓶 1.png"));
        QVERIFY(writeBytes(path, encode(".png", cv::Mat(5, 6, CV_8UC3, cv::Scalar(1, 2, 3)))));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(QString::fromStdString(dl::probeImageFile(utf8(path))), QString());
        const cv::Mat rgb = dl::loadImageRgb(utf8(path));
        QCOMPARE(rgb.size(), cv::Size(6, 5));
        QCOMPARE(rgb.at<cv::Vec3b>(4, 5), cv::Vec3b(3, 2, 1));

        // Writing to such a path works as well (folder created on the way).
        const QString written = dir_.filePath(QStringLiteral("Ausgabe ü/结果 2.png"));
        dl::writeImage(utf8(written), rgb);
        QCOMPARE(dl::loadImageRgb(utf8(written)).at<cv::Vec3b>(0, 0), cv::Vec3b(3, 2, 1));
    }

    void corruptPngBodyIsReported()
    {
        // A valid signature and IHDR chunk followed by garbage.
        const QByteArray valid = encode(".png", noiseImage(32, 32));
        QByteArray corrupt = valid.left(33);
        for (int i = 0; i < 2000; ++i)
            corrupt.append(char((i * 37 + 11) % 251));
        const QString path = dir_.filePath("corrupt_body.png");
        QVERIFY(writeBytes(path, corrupt));

        const QString probe = QString::fromStdString(dl::probeImageFile(utf8(path)));
        QVERIFY2(probe.contains("PNG"), qPrintable(probe));
        const QString message = errorOf([&] { dl::loadImageRgb(utf8(path)); });
        QVERIFY2(message.contains("corrupt_body.png"), qPrintable(message));
        QVERIFY2(message.contains("corrupt") || message.contains("truncated"), qPrintable(message));
    }

    void pngWithDamagedPixelDataIsReported()
    {
        // The chunk structure is intact (the probe passes) but the pixel data
        // no longer matches its checksum: the decoder must refuse it.
        QByteArray bytes = encode(".png", noiseImage(32, 32));
        const int idat = bytes.indexOf("IDAT");
        QVERIFY(idat > 0);
        for (int i = idat + 20; i < idat + 60; ++i)
            bytes[i] = char(bytes[i] ^ 0x5A);
        const QString path = dir_.filePath("damaged_pixels.png");
        QVERIFY(writeBytes(path, bytes));
        QCOMPARE(QString::fromStdString(dl::probeImageFile(utf8(path))), QString());
        const QString message = errorOf([&] { dl::loadImageRgb(utf8(path)); });
        QVERIFY2(message.contains("damaged_pixels.png"), qPrintable(message));
        QVERIFY2(message.contains("corrupt"), qPrintable(message));
    }

    void truncatedPngIsReported()
    {
        const QByteArray bytes = encode(".png", noiseImage(64, 64));
        const QString path = dir_.filePath("cut.png");
        QVERIFY(writeBytes(path, bytes.left(bytes.size() / 2)));
        const QString message = errorOf([&] { dl::loadImageRgb(utf8(path)); });
        QVERIFY2(message.contains("cut.png") && message.contains("truncated"), qPrintable(message));
    }

    void truncatedJpegIsReported()
    {
        const QByteArray bytes = encode(".jpg", noiseImage(64, 64));
        QVERIFY(bytes.endsWith("\xFF\xD9"));
        const QString path = dir_.filePath("half.jpg");
        QVERIFY(writeBytes(path, bytes.left(bytes.size() / 2)));

        const QString probe = QString::fromStdString(dl::probeImageFile(utf8(path)));
        QVERIFY2(probe.contains("truncated JPEG"), qPrintable(probe));
        const QString message = errorOf([&] { dl::loadImageRgb(utf8(path)); });
        QVERIFY2(message.contains("half.jpg"), qPrintable(message));
        QVERIFY2(message.contains("truncated"), qPrintable(message));

        // Padding after the end-of-image marker is harmless.
        const QString padded = dir_.filePath("padded.jpg");
        QVERIFY(writeBytes(padded, bytes + QByteArray(64, '\0')));
        QCOMPARE(dl::loadImageRgb(utf8(padded)).size(), cv::Size(64, 64));
    }

    void truncatedBmpIsReported()
    {
        const QByteArray bytes = encode(".bmp", noiseImage(20, 20));
        const QString path = dir_.filePath("short.bmp");
        QVERIFY(writeBytes(path, bytes.left(bytes.size() - 100)));
        const QString message = errorOf([&] { dl::loadImageRgb(utf8(path)); });
        QVERIFY2(message.contains("short.bmp") && message.contains("truncated BMP"), qPrintable(message));
    }

    void badFilesGetDistinctMessages()
    {
        const QString text = dir_.filePath("notes.png");
        QVERIFY(writeBytes(text, "this is a text file, not a picture\n"));
        const QString empty = dir_.filePath("empty.png");
        QVERIFY(writeBytes(empty, QByteArray()));
        const QString missing = dir_.filePath("missing.png");
        const QString folder = dir_.filePath("folder.png");
        QVERIFY(QDir().mkpath(folder));

        const QString textMessage = errorOf([&] { dl::loadImageRgb(utf8(text)); });
        const QString emptyMessage = errorOf([&] { dl::loadImageRgb(utf8(empty)); });
        const QString missingMessage = errorOf([&] { dl::loadImageRgb(utf8(missing)); });
        const QString folderMessage = errorOf([&] { dl::loadImageRgb(utf8(folder)); });

        QVERIFY2(textMessage.contains("notes.png") && textMessage.contains("not an image"), qPrintable(textMessage));
        QVERIFY2(emptyMessage.contains("empty.png") && emptyMessage.contains("empty (0 bytes)"),
                 qPrintable(emptyMessage));
        QVERIFY2(missingMessage.contains("missing.png") && missingMessage.contains("does not exist"),
                 qPrintable(missingMessage));
        QVERIFY2(folderMessage.contains("folder.png") && folderMessage.contains("folder"), qPrintable(folderMessage));

        // The same problems through the cheap probe, and through loadMask.
        QVERIFY(QString::fromStdString(dl::probeImageFile(utf8(text))).contains("not an image"));
        QVERIFY(QString::fromStdString(dl::probeImageFile(utf8(empty))).contains("empty"));
        QVERIFY(QString::fromStdString(dl::probeImageFile(utf8(missing))).contains("does not exist"));
        QVERIFY(errorOf([&] { dl::loadMask(utf8(text)); }).contains("notes.png"));

        // A GIF is recognised and refused by name.
        const QString gif = dir_.filePath("anim.gif");
        QVERIFY(writeBytes(gif, QByteArray("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13)));
        QVERIFY(errorOf([&] { dl::loadImageRgb(utf8(gif)); }).contains("GIF"));
    }

    void inspectReadsHeaderSizes()
    {
        const cv::Mat image = noiseImage(37, 21);
        for (const char* extension : {".png", ".jpg", ".bmp", ".tiff", ".ppm"}) {
            const QString path = dir_.filePath(QString("size") + extension);
            QVERIFY(writeBytes(path, encode(extension, image)));
            const dl::ImageFileInfo info = dl::inspectImageFile(utf8(path));
            QVERIFY2(info.problem.empty(), info.problem.c_str());
            QCOMPARE(info.size, cv::Size(37, 21));
        }
        // WebP states its canvas in the first chunk: lossy (VP8) and lossless (VP8L).
        for (int quality : {80, 101}) {
            const QString path = dir_.filePath(QString("size%1.webp").arg(quality));
            std::vector<uchar> bytes;
            QVERIFY(cv::imencode(".webp", image, bytes, {cv::IMWRITE_WEBP_QUALITY, quality}));
            QVERIFY(writeBytes(path, QByteArray(reinterpret_cast<const char*>(bytes.data()), int(bytes.size()))));
            const dl::ImageFileInfo info = dl::inspectImageFile(utf8(path));
            QVERIFY2(info.problem.empty(), info.problem.c_str());
            QCOMPARE(info.size, cv::Size(37, 21));
        }
    }

    // A FIFO would block a plain open() until some writer appears; a link loop
    // would read as "missing". Both are named for what they are, at once.
    void fifoAndSymlinkLoopAreRefusedWithoutBlocking()
    {
        const QString fifo = dir_.filePath("camera.png");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString loopA = dir_.filePath("loop_a.png");
        const QString loopB = dir_.filePath("loop_b.png");
        QVERIFY(QFile::link(loopB, loopA));
        QVERIFY(QFile::link(loopA, loopB));

        const QString fifoMessage = errorOf([&] { dl::loadImageRgb(utf8(fifo)); });
        QVERIFY2(fifoMessage.contains("camera.png") && fifoMessage.contains("not a regular file"),
                 qPrintable(fifoMessage));
        QVERIFY(QString::fromStdString(dl::probeImageFile(utf8(fifo))).contains("not a regular file"));
        const QString loopMessage = errorOf([&] { dl::loadMask(utf8(loopA)); });
        QVERIFY2(loopMessage.contains("loop_a.png") && loopMessage.contains("link loop"), qPrintable(loopMessage));
        QVERIFY(QString::fromStdString(dl::probeImageFile(utf8(loopA))).contains("link loop"));
    }

    // The limit is checked on the header's size, so a decompression bomb is
    // refused before its pixels exist (tst_cli feeds a PNG announcing 20000 x 20000).
    void imagesAbovePixelLimitAreRefusedBeforeDecoding()
    {
        const std::uint64_t defaultLimit = dl::maxImagePixels();
        QCOMPARE(defaultLimit, dl::kDefaultMaxImagePixels);
        const QString path = dir_.filePath("wide.png");
        QVERIFY(writeBytes(path, encode(".png", noiseImage(37, 21))));

        dl::setMaxImagePixels(37 * 21 - 1);
        const QString message = errorOf([&] { dl::loadImageRgb(utf8(path)); });
        const QString maskMessage = errorOf([&] { dl::loadMask(utf8(path)); });
        dl::setMaxImagePixels(37 * 21);
        const QString atLimit = errorOf([&] { dl::loadImageRgb(utf8(path)); });
        dl::setMaxImagePixels(defaultLimit);

        QVERIFY2(message.contains("wide.png") && message.contains("37 x 21 = 777 pixels")
                     && message.contains("limit of 776"),
                 qPrintable(message));
        QVERIFY(maskMessage.contains("limit of 776"));
        QCOMPARE(atLimit, QString());
        QVERIFY(errorOf([] { dl::setMaxImagePixels(0); }).contains("at least 1"));
        QCOMPARE(dl::maxImagePixels(), defaultLimit);
    }

    void loadMaskTreatsAnyPositiveValueAsDefect()
    {
        cv::Mat values(1, 6, CV_8UC1);
        const uchar raw[] = {0, 1, 2, 3, 14, 255};
        std::copy(std::begin(raw), std::end(raw), values.begin<uchar>());
        const QString path = dir_.filePath("mask_gray.png");
        QVERIFY(writeBytes(path, encode(".png", values)));
        const cv::Mat mask = dl::loadMask(utf8(path));
        QCOMPARE(mask.type(), CV_8UC1);
        const uchar expected[] = {0, 255, 255, 255, 255, 255};
        for (int x = 0; x < 6; ++x)
            QCOMPARE(mask.at<uchar>(0, x), expected[x]);

        cv::Mat deep(1, 3, CV_16UC1, cv::Scalar(0));
        deep.at<ushort>(0, 1) = 1; // would be 0 after /257 scaling; still defect
        deep.at<ushort>(0, 2) = 65535;
        const QString deepPath = dir_.filePath("mask16.png");
        QVERIFY(writeBytes(deepPath, encode(".png", deep)));
        const cv::Mat deepMask = dl::loadMask(utf8(deepPath));
        QCOMPARE(deepMask.at<uchar>(0, 0), uchar(0));
        QCOMPARE(deepMask.at<uchar>(0, 1), uchar(255));
        QCOMPARE(deepMask.at<uchar>(0, 2), uchar(255));

        cv::Mat colour(1, 3, CV_8UC4, cv::Scalar(0, 0, 0, 255)); // opaque black = no defect
        colour.at<cv::Vec4b>(0, 1) = cv::Vec4b(0, 0, 5, 255);
        colour.at<cv::Vec4b>(0, 2) = cv::Vec4b(9, 0, 0, 0);
        const QString colourPath = dir_.filePath("mask_rgba.png");
        QVERIFY(writeBytes(colourPath, encode(".png", colour)));
        const cv::Mat colourMask = dl::loadMask(utf8(colourPath));
        QCOMPARE(colourMask.type(), CV_8UC1);
        QCOMPARE(colourMask.at<uchar>(0, 0), uchar(0));
        QCOMPARE(colourMask.at<uchar>(0, 1), uchar(255));
        QCOMPARE(colourMask.at<uchar>(0, 2), uchar(255));
    }

    void writeFloatTiffRoundTrips()
    {
        cv::Mat map(2, 3, CV_32FC1);
        const float values[] = {0.0f, 0.25f, -1.5f, 3.75f, 1e-6f, 1234.5f};
        std::copy(std::begin(values), std::end(values), map.begin<float>());
        const QString path = dir_.filePath("maps/nested/score.tiff");
        dl::writeFloatTiff(utf8(path), map);
        QVERIFY(QFileInfo::exists(path));
        const cv::Mat back = cv::imread(utf8(path), cv::IMREAD_UNCHANGED);
        QCOMPARE(back.type(), CV_32FC1);
        QCOMPARE(back.size(), map.size());
        QCOMPARE(cv::norm(back, map, cv::NORM_INF), 0.0);

        const QString message = errorOf([&] { dl::writeFloatTiff(utf8(dir_.filePath("bad.tiff")), cv::Mat(2, 2, CV_8UC1)); });
        QVERIFY2(message.contains("bad.tiff") && message.contains("float32"), qPrintable(message));
    }

    void writeImageRoundTripsRgb()
    {
        const cv::Mat rgb = noiseImage(9, 7);
        const QString path = dir_.filePath("out/written.png");
        dl::writeImage(utf8(path), rgb);
        QCOMPARE(cv::norm(dl::loadImageRgb(utf8(path)), rgb, cv::NORM_INF), 0.0);

        const QString message = errorOf([&] { dl::writeImage(utf8(dir_.filePath("out/picture.xyz")), rgb); });
        QVERIFY2(message.contains("picture.xyz"), qPrintable(message));
        QVERIFY(!errorOf([&] { dl::writeImage(utf8(dir_.filePath("out/e.png")), cv::Mat()); }).isEmpty());
    }

    // Prefetching decodes ahead on a worker but hands images out in list order;
    // a bad file's error arrives with that file and the rest still decode.
    void prefetcherKeepsOrderAndDeliversErrorsInPlace()
    {
        std::vector<std::string> files;
        for (int i = 0; i < 7; ++i) {
            const QString path = dir_.filePath(QString("prefetch-%1.png").arg(i));
            if (i == 3) {
                QVERIFY(writeBytes(path, "not a png at all"));
            } else {
                QVERIFY(writeBytes(path, encode(".png", cv::Mat(2 + i, 5, CV_8UC3, cv::Scalar(i, 0, 0)))));
            }
            files.push_back(utf8(path));
        }
        for (std::size_t depth : {std::size_t(1), std::size_t(4), std::size_t(16)}) {
            dl::ImagePrefetcher prefetch(files, depth);
            for (int i = 0; i < 7; ++i) {
                if (i == 3) {
                    QVERIFY(errorOf([&] { prefetch.next(); }).contains("prefetch-3.png"));
                    continue;
                }
                const cv::Mat image = prefetch.next().rgb;
                QCOMPARE(image.rows, 2 + i);
                QCOMPARE(int(image.at<cv::Vec3b>(0, 0)[2]), i); // BGR blue became RGB's third channel
            }
            QVERIFY(errorOf([&] { prefetch.next(); }).contains("all 7 images were taken"));
        }
        // Dropped with images still queued (a cancelled batch): no hang, no leak.
        { dl::ImagePrefetcher abandoned(files, 2); abandoned.next(); }
    }

    // A JPEG much larger than the model's input decodes at 1/2, 1/4 or 1/8 scale,
    // never below the working size, with the colours of a full decode; grey stays
    // grey (equal channels); PNGs and small JPEGs decode in full.
    void largeJpegsDecodeReducedForScoring()
    {
        cv::Mat smooth(800, 1200, CV_8UC3);
        for (int y = 0; y < smooth.rows; ++y)
            for (int x = 0; x < smooth.cols; ++x)
                smooth.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x / 5), uchar(y / 4), uchar((x + y) / 8));
        const QString colour = dir_.filePath("large.jpg"), grey = dir_.filePath("large-grey.jpg"),
                      pngPath = dir_.filePath("large.png");
        QVERIFY(writeBytes(colour, encode(".jpg", smooth)));
        cv::Mat greyImage;
        cv::cvtColor(smooth, greyImage, cv::COLOR_BGR2GRAY);
        QVERIFY(writeBytes(grey, encode(".jpg", greyImage)));
        QVERIFY(writeBytes(pngPath, encode(".png", smooth)));

        const cv::Mat full = dl::loadImageRgb(utf8(colour));
        const dl::DecodedImage decoded = dl::loadImageRgbAtLeast(utf8(colour), cv::Size(256, 256));
        const cv::Mat& half = decoded.rgb;
        QCOMPARE(half.size(), cv::Size(600, 400)); // 1/4 would give 300 x 200, below 256
        QCOMPARE(half.type(), CV_8UC3);
        QVERIFY(decoded.reduced());
        QCOMPARE(decoded.fileSize, cv::Size(1200, 800)); // what maps and masks are sized to
        cv::Mat fullDown;
        cv::resize(full, fullDown, half.size(), 0, 0, cv::INTER_AREA);
        QVERIFY(cv::norm(fullDown, half, cv::NORM_L1) / double(half.total() * 3) < 2.0); // same colours, RGB order
        QCOMPARE(dl::loadImageRgbAtLeast(utf8(colour), cv::Size(100, 100)).rgb.size(), cv::Size(150, 100)); // 1/8
        const dl::DecodedImage notReduced = dl::loadImageRgbAtLeast(utf8(colour), cv::Size(700, 300));
        QCOMPARE(notReduced.rgb.size(), cv::Size(1200, 800));
        QVERIFY(!notReduced.reduced());
        QCOMPARE(cv::norm(notReduced.rgb, full, cv::NORM_INF), 0.0);

        const cv::Mat greyHalf = dl::loadImageRgbAtLeast(utf8(grey), cv::Size(256, 256)).rgb;
        QCOMPARE(greyHalf.size(), cv::Size(600, 400));
        std::vector<cv::Mat> channels;
        cv::split(greyHalf, channels);
        QCOMPARE(cv::norm(channels[0], channels[1], cv::NORM_INF), 0.0);
        QCOMPARE(cv::norm(channels[0], channels[2], cv::NORM_INF), 0.0);

        const dl::DecodedImage png = dl::loadImageRgbAtLeast(utf8(pngPath), cv::Size(256, 256));
        QCOMPARE(png.rgb.size(), cv::Size(1200, 800));
        QCOMPARE(png.fileSize, cv::Size(1200, 800));
        QVERIFY(!png.reduced());

        // A model input decides the size; a model that turned it off decodes in full.
        dl::PreprocessSpec input;
        QCOMPARE(input.decode(utf8(colour)).rgb.size(), cv::Size(600, 400));
        input.reducedJpegDecode = false;
        QCOMPARE(input.decode(utf8(colour)).rgb.size(), cv::Size(1200, 800));
        QCOMPARE(dl::inspectImageFile(utf8(colour)).channels, 3);
        QCOMPARE(dl::inspectImageFile(utf8(grey)).channels, 1);
    }

    void hasImageExtensionIgnoresCase()
    {
        QVERIFY(dl::hasImageExtension("/a/b/IMG_001.JPG"));
        QVERIFY(dl::hasImageExtension("x.tiff"));
        QVERIFY(!dl::hasImageExtension("notes.txt"));
        QVERIFY(!dl::hasImageExtension("png"));
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(TestImageIO)
#include "tst_imageio.moc"
