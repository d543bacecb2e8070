// PNG and JPEG inspectors (data/ImageHeaders.h), and the format dispatch.
#include "data/ImageHeaders.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace dl::imageheaders {

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

namespace {

bool isPngChunkType(const unsigned char* type)
{
    return std::all_of(type, type + 4, [](unsigned char c) { return std::isalpha(c) != 0; });
}

bool looksLikeText(const unsigned char* bytes, std::size_t count)
{
    return std::all_of(bytes, bytes + count, [](unsigned char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7F);
    });
}

} // namespace

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
            unsigned char frame[6]; // precision, height, width, components
            if (!src.read(offset + 4, 6, frame)) {
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
            info.channels = frame[5];
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

} // namespace dl::imageheaders
