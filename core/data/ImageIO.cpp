#include "data/ImageIO.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "data/ImageHeaders.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace dl {

namespace {

namespace fs = std::filesystem;
using namespace imageheaders;

std::atomic<std::uint64_t>& pixelLimit()
{
    static std::atomic<std::uint64_t> limit{[] {
        const char* text = std::getenv("DEFECTLENS_MAX_IMAGE_PIXELS");
        if (text && *text) {
            char* end = nullptr;
            const unsigned long long value = std::strtoull(text, &end, 10);
            if (end && *end == '\0' && value > 0)
                return std::uint64_t(value);
        }
        return kDefaultMaxImagePixels;
    }()};
    return limit;
}

// A few hundred bytes of PNG can announce gigabytes of pixels: refuse by the
// header's size, before any pixel is decoded.
void requireWithinPixelLimit(const std::string& path, cv::Size size)
{
    const std::uint64_t pixels = std::uint64_t(std::max(size.width, 0)) * std::uint64_t(std::max(size.height, 0));
    const std::uint64_t limit = maxImagePixels();
    if (pixels > limit)
        throw Error::forFile(path, "image is " + std::to_string(size.width) + " x " + std::to_string(size.height)
                                       + " = " + std::to_string(pixels) + " pixels, more than the limit of "
                                       + std::to_string(limit)
                                       + " (raise it with --max-image-pixels or DEFECTLENS_MAX_IMAGE_PIXELS)");
}

// Reads, checks and decodes a file with its bit depth and channels unchanged.
// A JPEG at least twice `atLeast` in both dimensions is decoded at 1/2, 1/4 or
// 1/8 scale by libjpeg's DCT scaling (much cheaper than a full decode and a
// resize), never below `atLeast`; an empty `atLeast` always decodes in full.
// `reducedFrom` receives the header's size when the decode was reduced.
cv::Mat decodeUnchanged(const std::string& path, cv::Size atLeast = {}, cv::Size* reducedFrom = nullptr)
{
    const std::vector<char> bytes = readFileBytes(path);
    MemorySource source(bytes);
    const ImageFileInfo info = inspectSource(source);
    if (!info.problem.empty())
        throw Error::forFile(path, info.problem);
    requireWithinPixelLimit(path, info.size);
    if (bytes.size() > std::size_t(INT_MAX))
        throw Error::forFile(path, "image file is too large to decode (" + sizeText(bytes.size()) + ")");
    cv::Mat image;
    try {
        // IMREAD_UNCHANGED keeps 16-bit data and alpha, and OpenCV applies no
        // EXIF orientation with it: pixels stay in the order the sensor stored them.
        const cv::Mat buffer(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
        int reduction = 1;
        if (info.format == "jpeg" && !atLeast.empty())
            while (reduction < 8 && info.size.width / (2 * reduction) >= atLeast.width
                   && info.size.height / (2 * reduction) >= atLeast.height)
                reduction *= 2;
        if (reduction == 1) {
            image = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
        } else {
            // Colour JPEGs stay colour, grey stay grey; no EXIF rotation, as above.
            const bool grey = info.channels == 1;
            const int flag = reduction == 2 ? (grey ? cv::IMREAD_REDUCED_GRAYSCALE_2 : cv::IMREAD_REDUCED_COLOR_2)
                           : reduction == 4 ? (grey ? cv::IMREAD_REDUCED_GRAYSCALE_4 : cv::IMREAD_REDUCED_COLOR_4)
                                            : (grey ? cv::IMREAD_REDUCED_GRAYSCALE_8 : cv::IMREAD_REDUCED_COLOR_8);
            image = cv::imdecode(buffer, flag | cv::IMREAD_IGNORE_ORIENTATION);
            if (reducedFrom)
                *reducedFrom = info.size;
        }
    } catch (const cv::Exception& e) {
        throw Error::forFile(path, "corrupt " + info.format + " image: " + e.err);
    }
    if (image.empty())
        throw Error::forFile(path, "corrupt " + info.format + " image: its pixel data could not be decoded");
    return image;
}

cv::Mat toEightBit(const std::string& path, const cv::Mat& image)
{
    switch (image.depth()) {
    case CV_8U:
        return image;
    case CV_16U: {
        cv::Mat scaled;
        image.convertTo(scaled, CV_8U, 1.0 / 257.0); // 65535 -> 255 exactly
        return scaled;
    }
    case CV_32F:
    case CV_64F: {
        cv::Mat scaled;
        image.convertTo(scaled, CV_8U, 255.0); // float images are taken to be in [0,1]
        return scaled;
    }
    default:
        throw Error::forFile(path, "unsupported pixel type (only 8-bit, 16-bit and float images are read)");
    }
}

std::string lowerExtension(const std::string& path)
{
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return extension;
}

} // namespace

namespace imageheaders {
bool FileSource::read(std::uint64_t offset, std::size_t count, unsigned char* out)
{
    if (offset > size_ || count > size_ - offset)
        return false;
    std::size_t done = 0;
    while (done < count) {
        const ssize_t n = ::pread(fd_, out + done, count - done, off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}
} // namespace imageheaders

std::uint64_t maxImagePixels() { return pixelLimit().load(); }

void setMaxImagePixels(std::uint64_t pixels)
{
    if (pixels == 0)
        throw Error("the image pixel limit must be at least 1");
    pixelLimit().store(pixels);
}

ImageFileInfo inspectImageFile(const std::string& path)
{
    int fd = -1;
    std::uint64_t size = 0;
    try {
        fd = openRegularFile(path, &size);
    } catch (const Error& e) {
        ImageFileInfo info;
        // The message without the "<path>: " prefix: callers name the file themselves.
        const std::string message = e.what();
        info.problem = message.rfind(path + ": ", 0) == 0 ? message.substr(path.size() + 2) : message;
        return info;
    }
    FileSource source(fd, size);
    ImageFileInfo info = inspectSource(source);
    ::close(fd);
    return info;
}

std::string probeImageFile(const std::string& path) { return inspectImageFile(path).problem; }

bool hasImageExtension(const std::string& path)
{
    static const char* const extensions[] = {".png",  ".jpg", ".jpeg", ".bmp", ".tif", ".tiff",
                                             ".webp", ".pbm", ".pgm",  ".ppm", ".pnm"};
    const std::string extension = lowerExtension(path);
    return std::any_of(std::begin(extensions), std::end(extensions),
                       [&](const char* known) { return extension == known; });
}

cv::Mat loadImageRgb(const std::string& path) { return loadImageRgbAtLeast(path, {}).rgb; }

DecodedImage loadImageRgbAtLeast(const std::string& path, cv::Size atLeast)
{
    DecodedImage decoded;
    const cv::Mat image = toEightBit(path, decodeUnchanged(path, atLeast, &decoded.fileSize));
    cv::Mat rgb;
    switch (image.channels()) {
    case 1:
        cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB);
        break;
    case 2: { // gray + alpha
        cv::Mat gray;
        cv::extractChannel(image, gray, 0);
        cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
        break;
    }
    case 3:
        cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(image, rgb, cv::COLOR_BGRA2RGB);
        break;
    default:
        throw Error::forFile(path, "unsupported image with " + std::to_string(image.channels()) + " channels");
    }
    decoded.rgb = rgb;
    if (decoded.fileSize.empty()) // decoded in full
        decoded.fileSize = rgb.size();
    return decoded;
}

cv::Mat loadMask(const std::string& path)
{
    const cv::Mat image = decodeUnchanged(path);
    // Alpha says nothing about defects: only the colour (or gray) channels count.
    const int colourChannels = image.channels() >= 3 ? 3 : 1;
    cv::Mat mask = cv::Mat::zeros(image.size(), CV_8UC1);
    for (int c = 0; c < colourChannels; ++c) {
        cv::Mat channel;
        cv::extractChannel(image, channel, c);
        cv::Mat positive;
        cv::compare(channel, 0, positive, cv::CMP_GT); // 255 where > 0, at any bit depth
        cv::bitwise_or(mask, positive, mask);
    }
    return mask;
}

void writeFloatTiff(const std::string& path, const cv::Mat& map32f)
{
    if (map32f.empty() || map32f.type() != CV_32FC1)
        throw Error::forFile(path, "only a non-empty single-channel float32 map can be written as TIFF");
    std::vector<uchar> bytes;
    try {
        if (!cv::imencode(".tiff", map32f, bytes))
            throw Error::forFile(path, "TIFF encoding failed");
    } catch (const cv::Exception& e) {
        throw Error::forFile(path, std::string("TIFF encoding failed: ") + e.err);
    }
    writeFileAtomically(path, std::string(bytes.begin(), bytes.end()));
}

void writeImage(const std::string& path, const cv::Mat& image)
{
    if (image.empty() || image.depth() != CV_8U)
        throw Error::forFile(path, "only a non-empty 8-bit image can be written");
    cv::Mat encoderOrder; // OpenCV encoders expect BGR(A)
    switch (image.channels()) {
    case 1:
        encoderOrder = image;
        break;
    case 3:
        cv::cvtColor(image, encoderOrder, cv::COLOR_RGB2BGR);
        break;
    case 4:
        cv::cvtColor(image, encoderOrder, cv::COLOR_RGBA2BGRA);
        break;
    default:
        throw Error::forFile(path, "cannot write an image with " + std::to_string(image.channels()) + " channels");
    }
    const std::string extension = lowerExtension(path);
    if (extension.empty())
        throw Error::forFile(path, "has no file extension to choose the image format from");
    std::vector<uchar> bytes;
    try {
        if (!cv::imencode(extension, encoderOrder, bytes))
            throw Error::forFile(path, "image encoding failed");
    } catch (const cv::Exception& e) {
        throw Error::forFile(path, "cannot encode an image as '" + extension + "': " + e.err);
    }
    writeFileAtomically(path, std::string(bytes.begin(), bytes.end()));
}

} // namespace dl
