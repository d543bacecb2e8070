#pragma once
// Structural checks of image files without decoding pixels: each format's
// header (and, where the format allows, its trailer or stated length) is read
// through a ByteSource, so the same checks run on a file on disk (import reads
// only headers and trailers) and on a buffer already in memory (decode reads the
// file once). Internal to core/data (ImageIO.cpp and the two inspector files).
#include "data/ImageIO.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dl::imageheaders {

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

// Reads an open file descriptor with pread; the caller owns the descriptor.
class FileSource : public ByteSource {
public:
    FileSource(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
    std::uint64_t size() const override { return size_; }
    bool read(std::uint64_t offset, std::size_t count, unsigned char* out) override;

private:
    int fd_;
    std::uint64_t size_;
};

std::uint32_t bigEndian32(const unsigned char* p);
std::uint16_t bigEndian16(const unsigned char* p);
std::uint32_t littleEndian32(const unsigned char* p);
std::uint16_t littleEndian16(const unsigned char* p);
std::string sizeText(std::uint64_t bytes);

// One inspector per format; each is given a source that starts with its signature.
ImageFileInfo inspectPng(ByteSource& src);
ImageFileInfo inspectJpeg(ByteSource& src);
ImageFileInfo inspectBmp(ByteSource& src);
ImageFileInfo inspectTiff(ByteSource& src, bool littleEndian);
ImageFileInfo inspectWebp(ByteSource& src);
ImageFileInfo inspectPnm(ByteSource& src, char variant);

// Recognises the format by its signature and runs its inspector.
ImageFileInfo inspectSource(ByteSource& src);

} // namespace dl::imageheaders
