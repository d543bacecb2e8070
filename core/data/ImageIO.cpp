#include "data/ImageIO.h"

#include "common/Error.h"
#include "common/FileUtil.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace dl {

namespace {

namespace fs = std::filesystem;

// Random access to the bytes of an image, so the same structural checks run on
// a file on disk (import: only headers and trailers are read) and on a buffer
// already in memory (decode: the file is read once).
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual std::uint64_t size() const = 0;
    // Copies `count` bytes at `offset`; false when the range is not inside the data.
    virtual bool read(std::uint64_t offset, std::size_t count, unsigned char* out) = 0;
};

class MemorySource : public ByteSource {
public:
    explicit MemorySource(const std::vector<char>& bytes) : bytes_(bytes) {}
    std::uint64_t size() const override { return bytes_.size(); }
    bool read(std::uint64_t offset, std::size_t count, unsigned char* out) override
    {
        if (offset > bytes_.size() || count > bytes_.size() - offset)
            return false;
        std::copy_n(bytes_.data() + offset, count, reinterpret_cast<char*>(out));
        return true;
    }

private:
    const std::vector<char>& bytes_;
};

class FileSource : public ByteSource {
public:
    FileSource(std::ifstream& stream, std::uint64_t size) : stream_(stream), size_(size) {}
    std::uint64_t size() const override { return size_; }
    bool read(std::uint64_t offset, std::size_t count, unsigned char* out) override
    {
        if (offset > size_ || count > size_ - offset)
            return false;
        stream_.clear();
        stream_.seekg(static_cast<std::streamoff>(offset));
        stream_.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(count));
        return stream_.gcount() == static_cast<std::streamsize>(count);
    }

private:
    std::ifstream& stream_;
    std::uint64_t size_;
};

std::uint32_t bigEndian32(const unsigned char* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}
std::uint16_t bigEndian16(const unsigned char* p) { return std::uint16_t((p[0] << 8) | p[1]); }
std::uint32_t littleEndian32(const unsigned char* p)
{
    return (std::uint32_t(p[3]) << 24) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[1]) << 8) | p[0];
}
std::uint16_t littleEndian16(const unsigned char* p) { return std::uint16_t((p[1] << 8) | p[0]); }

std::string sizeText(std::uint64_t bytes) { return std::to_string(bytes) + " bytes"; }

bool isPngChunkType(const unsigned char* type)
{
    return std::all_of(type, type + 4, [](unsigned char c) { return std::isalpha(c) != 0; });
}

// PNG: walks the chunk list (8-byte headers only) from the signature to IEND,
// which catches both truncation and a garbage body behind a valid signature.
ImageFileInfo inspectPng(ByteSource& src)
{
    ImageFileInfo info;
    info.format = "png";
    const std::uint64_t fileSize = src.size();
    std::uint64_t offset = 8;
    bool sawHeader = false;
    bool sawData = false;
    for (;;) {
        unsigned char chunk[8];
        if (!src.read(offset, 8, chunk)) {
            info.problem = "truncated PNG: the file ends after " + sizeText(fileSize)
                           + " without the closing IEND chunk";
            return info;
        }
        const std::uint32_t length = bigEndian32(chunk);
        const std::string type(reinterpret_cast<const char*>(chunk + 4), 4);
        if (!isPngChunkType(chunk + 4) || length > 0x7fffffffu) {
            info.problem = "corrupt PNG: invalid chunk header at byte " + std::to_string(offset);
            return info;
        }
        const std::uint64_t next = offset + 12 + length; // length, type, data, CRC
        if (next > fileSize) {
            info.problem = "truncated or corrupt PNG: chunk '" + type + "' at byte " + std::to_string(offset)
                           + " needs " + sizeText(length) + " but the file ends at " + sizeText(fileSize);
            return info;
        }
        if (!sawHeader) {
            unsigned char header[13];
            if (type != "IHDR" || length != 13 || !src.read(offset + 8, 13, header)) {
                info.problem = "corrupt PNG: the first chunk is not a valid IHDR header";
                return info;
            }
            const std::uint32_t width = bigEndian32(header);
            const std::uint32_t height = bigEndian32(header + 4);
            if (width == 0 || height == 0 || width > INT_MAX || height > INT_MAX) {
                info.problem = "corrupt PNG: invalid image size " + std::to_string(width) + "x"
                               + std::to_string(height) + " in the header";
                return info;
            }
            info.size = cv::Size(int(width), int(height));
            sawHeader = true;
        } else if (type == "IDAT") {
            sawData = true;
        } else if (type == "IEND") {
            if (!sawData)
                info.problem = "corrupt PNG: it holds no image data (no IDAT chunk)";
            return info; // bytes after IEND are tolerated, decoders ignore them
        }
        offset = next;
    }
}

bool isJpegFrameMarker(unsigned char marker)
{
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool isJpegPadding(unsigned char byte)
{
    return byte == 0x00 || byte == 0xFF || byte == '\r' || byte == '\n' || byte == ' ';
}

// JPEG: walks the marker segments up to the first scan (for the size), then
// requires the end-of-image marker at the end of the file. libjpeg decodes a
// file cut short into a partly grey image with only a warning, so the trailer
// check is what turns truncation into an error.
ImageFileInfo inspectJpeg(ByteSource& src)
{
    ImageFileInfo info;
    info.format = "jpeg";
    const std::uint64_t fileSize = src.size();
    std::uint64_t offset = 2;
    const std::string truncatedHeader = "truncated JPEG: the file ends inside its header (" + sizeText(fileSize) + ")";
    for (;;) {
        unsigned char marker[2];
        if (!src.read(offset, 2, marker)) {
            info.problem = truncatedHeader;
            return info;
        }
        if (marker[0] != 0xFF) {
            info.problem = "corrupt JPEG: expected a marker at byte " + std::to_string(offset);
            return info;
        }
        const unsigned char code = marker[1];
        if (code == 0xFF) { // fill byte before a marker
            offset += 1;
            continue;
        }
        if (code == 0xD8 || code == 0x01 || (code >= 0xD0 && code <= 0xD7)) { // markers without a length
            offset += 2;
            continue;
        }
        if (code == 0xD9) {
            info.problem = "corrupt JPEG: end-of-image marker before any image data";
            return info;
        }
        unsigned char lengthBytes[2];
        if (!src.read(offset + 2, 2, lengthBytes)) {
            info.problem = truncatedHeader;
            return info;
        }
        const std::uint16_t length = bigEndian16(lengthBytes);
        if (length < 2) {
            info.problem = "corrupt JPEG: invalid segment length at byte " + std::to_string(offset);
            return info;
        }
        if (isJpegFrameMarker(code)) {
            unsigned char frame[5]; // precision, height, width
            if (!src.read(offset + 4, 5, frame)) {
                info.problem = truncatedHeader;
                return info;
            }
            const int height = bigEndian16(frame + 1);
            const int width = bigEndian16(frame + 3);
            if (width == 0 || height == 0) {
                info.problem = "corrupt JPEG: the frame header gives an image size of " + std::to_string(width) + "x"
                               + std::to_string(height);
                return info;
            }
            info.size = cv::Size(width, height);
        }
        if (code == 0xDA) { // start of scan: entropy-coded data follows
            if (info.size.empty()) {
                info.problem = "corrupt JPEG: image data starts before any frame header";
                return info;
            }
            break;
        }
        offset += 2 + std::uint64_t(length);
    }
    const std::uint64_t scanStart = offset;

    const std::uint64_t tailLength = std::min<std::uint64_t>(fileSize, 4096);
    std::vector<unsigned char> tail(tailLength);
    if (!src.read(fileSize - tailLength, tailLength, tail.data())) {
        info.problem = "JPEG trailer could not be read";
        return info;
    }
    std::size_t end = tail.size();
    while (end >= 1 && isJpegPadding(tail[end - 1])) // some writers pad after EOI
        --end;
    const bool endsWithEoi = end >= 2 && tail[end - 2] == 0xFF && tail[end - 1] == 0xD9;
    const std::uint64_t eoiPosition = fileSize - tailLength + end;
    if (!endsWithEoi || eoiPosition <= scanStart + 2) {
        info.problem = "truncated JPEG: the end-of-image marker (FF D9) is missing, so the file was cut short ("
                       + sizeText(fileSize) + ")";
    }
    return info;
}

// BMP: the file header states the total file size, which catches truncation.
ImageFileInfo inspectBmp(ByteSource& src)
{
    ImageFileInfo info;
    info.format = "bmp";
    unsigned char header[26];
    if (!src.read(0, sizeof header, header)) {
        info.problem = "truncated BMP: the file ends inside its header";
        return info;
    }
    const std::uint32_t declaredSize = littleEndian32(header + 2);
    const std::uint32_t pixelOffset = littleEndian32(header + 10);
    const std::uint32_t infoSize = littleEndian32(header + 14);
    long long width = 0;
    long long height = 0;
    if (infoSize == 12) { // OS/2 BITMAPCOREHEADER
        width = littleEndian16(header + 18);
        height = littleEndian16(header + 20);
    } else {
        width = std::int32_t(littleEndian32(header + 18));
        height = std::llabs(std::int32_t(littleEndian32(header + 22))); // negative = top-down rows
    }
    if (width <= 0 || height <= 0) {
        info.problem = "corrupt BMP: invalid image size in the header";
        return info;
    }
    if ((declaredSize != 0 && src.size() < declaredSize) || pixelOffset >= src.size()) {
        info.problem = "truncated BMP: the header announces " + sizeText(declaredSize) + " but the file has "
                       + sizeText(src.size());
        return info;
    }
    info.size = cv::Size(int(width), int(height));
    return info;
}

// TIFF: reads the size from the first image directory. Strip data is not
// checked here; libtiff refuses missing strips when decoding.
ImageFileInfo inspectTiff(ByteSource& src, bool littleEndian)
{
    ImageFileInfo info;
    info.format = "tiff";
    auto u16 = [&](const unsigned char* p) { return littleEndian ? littleEndian16(p) : bigEndian16(p); };
    auto u32 = [&](const unsigned char* p) { return littleEndian ? littleEndian32(p) : bigEndian32(p); };
    unsigned char header[8];
    unsigned char countBytes[2];
    if (!src.read(0, 8, header) || !src.read(u32(header + 4), 2, countBytes)) {
        info.problem = "truncated TIFF: the image directory lies beyond the end of the file";
        return info;
    }
    const std::uint64_t directory = u32(header + 4);
    const std::uint16_t entryCount = u16(countBytes);
    std::vector<unsigned char> entries(std::size_t(entryCount) * 12);
    if (!src.read(directory + 2, entries.size(), entries.data())) {
        info.problem = "truncated TIFF: the file ends inside its image directory";
        return info;
    }
    int width = 0;
    int height = 0;
    for (std::size_t i = 0; i < entryCount; ++i) {
        const unsigned char* entry = entries.data() + i * 12;
        const std::uint16_t tag = u16(entry);
        const std::uint16_t type = u16(entry + 2);
        const std::uint32_t value = type == 3 ? u16(entry + 8) : u32(entry + 8); // SHORT or LONG
        if (type != 3 && type != 4)
            continue;
        if (tag == 256)
            width = int(std::min<std::uint32_t>(value, INT_MAX));
        else if (tag == 257)
            height = int(std::min<std::uint32_t>(value, INT_MAX));
    }
    if (width <= 0 || height <= 0) {
        info.problem = "corrupt TIFF: the image directory has no valid width and height";
        return info;
    }
    info.size = cv::Size(width, height);
    return info;
}

// WebP: the RIFF container states its length, which catches truncation.
ImageFileInfo inspectWebp(ByteSource& src)
{
    ImageFileInfo info;
    info.format = "webp";
    unsigned char header[12];
    if (!src.read(0, sizeof header, header)) {
        info.problem = "truncated WebP: the file ends inside its header";
        return info;
    }
    const std::uint64_t declared = std::uint64_t(littleEndian32(header + 4)) + 8;
    if (src.size() < declared)
        info.problem = "truncated WebP: the header announces " + sizeText(declared) + " but the file has "
                       + sizeText(src.size());
    return info;
}

// PNM (P1..P6): parses the text header; for the binary variants the pixel
// data length follows from it, which catches truncation.
ImageFileInfo inspectPnm(ByteSource& src, char variant)
{
    ImageFileInfo info;
    info.format = "pnm";
    const std::size_t headerLength = std::size_t(std::min<std::uint64_t>(src.size(), 1024));
    std::vector<unsigned char> text(headerLength);
    src.read(0, headerLength, text.data());
    const int tokensNeeded = (variant == '1' || variant == '4') ? 3 : 4; // magic, width, height[, maxval]
    std::vector<long long> numbers;
    std::size_t pos = 2;
    while (int(numbers.size()) + 1 < tokensNeeded && pos < text.size()) {
        const unsigned char c = text[pos];
        if (c == '#') {
            while (pos < text.size() && text[pos] != '\n')
                ++pos;
        } else if (std::isspace(c)) {
            ++pos;
        } else if (std::isdigit(c)) {
            long long value = 0;
            while (pos < text.size() && std::isdigit(text[pos]) && value < INT_MAX)
                value = value * 10 + (text[pos++] - '0');
            numbers.push_back(value);
        } else {
            break;
        }
    }
    if (int(numbers.size()) + 1 < tokensNeeded || numbers[0] <= 0 || numbers[1] <= 0 || numbers[0] >= INT_MAX
        || numbers[1] >= INT_MAX) {
        info.problem = "corrupt PNM: the header has no valid width and height";
        return info;
    }
    info.size = cv::Size(int(numbers[0]), int(numbers[1]));
    if (variant >= '4') {
        const std::uint64_t dataStart = pos + 1; // one whitespace byte ends the header
        const std::uint64_t width = std::uint64_t(numbers[0]);
        const std::uint64_t height = std::uint64_t(numbers[1]);
        const std::uint64_t bytesPerSample = (variant != '4' && numbers[2] > 255) ? 2 : 1;
        const std::uint64_t dataLength = variant == '4'   ? (width + 7) / 8 * height
                                         : variant == '5' ? width * height * bytesPerSample
                                                          : width * height * 3 * bytesPerSample;
        if (src.size() < dataStart + dataLength)
            info.problem = "truncated PNM: the header announces " + sizeText(dataLength) + " of pixels but the file has "
                           + sizeText(src.size());
    }
    return info;
}

bool looksLikeText(const unsigned char* bytes, std::size_t count)
{
    return std::all_of(bytes, bytes + count, [](unsigned char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7F);
    });
}

ImageFileInfo inspectSource(ByteSource& src)
{
    ImageFileInfo info;
    if (src.size() == 0) {
        info.problem = "file is empty (0 bytes)";
        return info;
    }
    unsigned char magic[16] = {};
    const std::size_t magicLength = std::size_t(std::min<std::uint64_t>(src.size(), sizeof magic));
    src.read(0, magicLength, magic);
    auto startsWith = [&](std::initializer_list<unsigned char> signature) {
        return magicLength >= signature.size() && std::equal(signature.begin(), signature.end(), magic);
    };
    if (startsWith({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}))
        return inspectPng(src);
    if (startsWith({0xFF, 0xD8, 0xFF}))
        return inspectJpeg(src);
    if (startsWith({'B', 'M'}) && magicLength >= 14)
        return inspectBmp(src);
    if (startsWith({'I', 'I', 42, 0}))
        return inspectTiff(src, true);
    if (startsWith({'M', 'M', 0, 42}))
        return inspectTiff(src, false);
    if (startsWith({'R', 'I', 'F', 'F'}) && magicLength >= 12 && std::equal(magic + 8, magic + 12, "WEBP"))
        return inspectWebp(src);
    if (magicLength >= 3 && magic[0] == 'P' && magic[1] >= '1' && magic[1] <= '6' && std::isspace(magic[2]))
        return inspectPnm(src, char(magic[1]));
    if (startsWith({'G', 'I', 'F', '8'}))
        info.problem = "GIF images are not supported; convert it to PNG";
    else if (looksLikeText(magic, magicLength))
        info.problem = "not an image file: it contains text";
    else
        info.problem = "not an image file: its content is not PNG, JPEG, BMP, TIFF, WebP or PNM data";
    return info;
}

// The checks every path goes through before its bytes are read, so that a
// missing file, a folder and an empty file each get their own message.
void requireReadableFile(const std::string& path)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status))
        throw Error::forFile(path, "file does not exist");
    if (fs::is_directory(status))
        throw Error::forFile(path, "is a folder, not an image file");
    if (!fs::is_regular_file(status))
        throw Error::forFile(path, "is not a regular file");
}

// Reads, checks and decodes a file with its bit depth and channels unchanged.
cv::Mat decodeUnchanged(const std::string& path)
{
    requireReadableFile(path);
    const std::vector<char> bytes = readFileBytes(path);
    MemorySource source(bytes);
    const ImageFileInfo info = inspectSource(source);
    if (!info.problem.empty())
        throw Error::forFile(path, info.problem);
    if (bytes.size() > std::size_t(INT_MAX))
        throw Error::forFile(path, "image file is too large to decode (" + sizeText(bytes.size()) + ")");
    cv::Mat image;
    try {
        // IMREAD_UNCHANGED keeps 16-bit data and alpha, and OpenCV applies no
        // EXIF orientation with it: pixels stay in the order the sensor stored them.
        const cv::Mat buffer(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
        image = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
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

ImageFileInfo inspectImageFile(const std::string& path)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    ImageFileInfo info;
    if (!fs::exists(status)) {
        info.problem = "file does not exist";
        return info;
    }
    if (fs::is_directory(status)) {
        info.problem = "is a folder, not an image file";
        return info;
    }
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec || !fs::is_regular_file(status)) {
        info.problem = "is not a readable regular file";
        return info;
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        info.problem = "cannot be opened for reading";
        return info;
    }
    FileSource source(stream, size);
    return inspectSource(source);
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

cv::Mat loadImageRgb(const std::string& path)
{
    const cv::Mat image = toEightBit(path, decodeUnchanged(path));
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
    return rgb;
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
