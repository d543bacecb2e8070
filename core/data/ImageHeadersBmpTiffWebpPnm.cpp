// BMP, TIFF, WebP and PNM inspectors (data/ImageHeaders.h)
#include "data/ImageHeaders.h"

#include <algorithm>
#include <cctype>
#include <climits>

namespace dl::imageheaders {
namespace {

// The inspection of a format whose fixed-size header comes first: `info` names
// the format, and its problem is set when the file ends inside the header.
ImageFileInfo readFixedHeader(ByteSource& src, const char* format, const char* formatTitle, unsigned char* header,
                              std::size_t count)
{
    ImageFileInfo info;
    info.format = format;
    if (!src.read(0, count, header))
        info.problem = std::string("truncated ") + formatTitle + ": the file ends inside its header";
    return info;
}

} // namespace

// BMP: the file header states the total file size, which catches truncation.
ImageFileInfo inspectBmp(ByteSource& src)
{
    unsigned char header[26];
    ImageFileInfo info = readFixedHeader(src, "bmp", "BMP", header, sizeof header);
    if (!info.problem.empty())
        return info;
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
    unsigned char header[12];
    ImageFileInfo info = readFixedHeader(src, "webp", "WebP", header, sizeof header);
    if (!info.problem.empty())
        return info;
    const std::uint64_t declared = std::uint64_t(littleEndian32(header + 4)) + 8;
    if (src.size() < declared)
        info.problem = "truncated WebP: the header announces " + sizeText(declared) + " but the file has "
                       + sizeText(src.size());
    if (!info.problem.empty())
        return info;
    // The first chunk states the canvas size: VP8X (extended) as 24-bit values
    // minus one, VP8L (lossless) as 14-bit values minus one after a signature
    // byte, VP8 (lossy) as 14-bit values in its key frame header.
    unsigned char chunk[30];
    if (!src.read(12, sizeof chunk, chunk))
        return info; // too short for a first chunk: the decoder reports it
    const std::string fourcc(reinterpret_cast<const char*>(chunk), 4);
    if (fourcc == "VP8X") {
        const int width = 1 + int(chunk[12] | chunk[13] << 8 | chunk[14] << 16);
        const int height = 1 + int(chunk[15] | chunk[16] << 8 | chunk[17] << 16);
        info.size = cv::Size(width, height);
    } else if (fourcc == "VP8L" && chunk[8] == 0x2f) {
        const std::uint32_t bits = littleEndian32(chunk + 9);
        info.size = cv::Size(1 + int(bits & 0x3fff), 1 + int((bits >> 14) & 0x3fff));
    } else if (fourcc == "VP8 " && chunk[11] == 0x9d && chunk[12] == 0x01 && chunk[13] == 0x2a) {
        info.size = cv::Size(int(littleEndian16(chunk + 14) & 0x3fff), int(littleEndian16(chunk + 16) & 0x3fff));
    }
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

} // namespace dl::imageheaders
