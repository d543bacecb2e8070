#pragma once
// Validated image decoding through OpenCV. Every image entering the engine
// comes through here so that 8/16-bit, gray/RGB/RGBA inputs are normalised
// once and corrupt or truncated files fail with a clear dl::Error.
#include <opencv2/core.hpp>

#include <cstdint>
#include <string>

namespace dl {

// The most pixels (width x height, from the file's header) an image may have to
// be decoded; a larger one is refused before decoding, because a small
// compressed file can expand to gigabytes (a decompression bomb). The default,
// 100 million pixels (10000 x 10000, 300 MB as 8-bit RGB), covers line cameras;
// DEFECTLENS_MAX_IMAGE_PIXELS (read once, at the first decode) or
// setMaxImagePixels (the CLI's --max-image-pixels) changes it.
constexpr std::uint64_t kDefaultMaxImagePixels = 100'000'000;
std::uint64_t maxImagePixels();
void setMaxImagePixels(std::uint64_t pixels); // throws dl::Error for 0

// Decodes `path` to an 8-bit, 3-channel RGB image (CV_8UC3, RGB order).
// 16-bit data is scaled to 8 bits, gray is replicated, alpha is dropped.
// Throws dl::Error naming the file for missing, empty, non-image,
// corrupt or truncated files, and for images above maxImagePixels().
// Unicode paths work (decoded from memory).
cv::Mat loadImageRgb(const std::string& path);

// An image decoded for a model's input, and the size the file holds.
struct DecodedImage {
    cv::Mat rgb;        // CV_8UC3, RGB; smaller than fileSize when the JPEG decoder reduced it
    cv::Size fileSize;  // width x height as stored: what maps, masks and overlays are sized to
    bool reduced() const { return rgb.size() != fileSize; }
};

// loadImageRgb for a model whose input is `atLeast`: a JPEG at least twice that size
// in both dimensions is decoded at 1/2, 1/4 or 1/8 scale by the JPEG decoder itself
// (never below `atLeast`), a fraction of a full decode's cost; the model resizes to
// its input either way. Other formats, smaller JPEGs and an empty `atLeast` decode in
// full. Every path that feeds a model (training, calibration, test, predict, watch,
// the viewer) decodes through here with the same size (PreprocessSpec::decodeAtLeast),
// so an image's score never depends on the path that decoded it.
DecodedImage loadImageRgbAtLeast(const std::string& path, cv::Size atLeast);
// Decodes a ground-truth mask to CV_8UC1 with values {0,255}: any value > 0 is defect.
cv::Mat loadMask(const std::string& path);

// Cheap header/trailer check without a full decode (used at import time).
// Returns an empty string when the file looks like a complete image, else the problem.
std::string probeImageFile(const std::string& path);

// What a look at a file's header and trailer tells, without decoding pixels.
struct ImageFileInfo {
    std::string format;  // "png", "jpeg", "bmp", "tiff", "webp", "pnm"; empty when unrecognised
    cv::Size size;       // from the header; empty when the header is too short to state it
    int channels = 0;    // colour components where the header states them (JPEG), else 0
    std::string problem; // empty when the file looks like a complete image; never names the path
};
// probeImageFile() plus the format and header size (import compares image and mask sizes with it).
ImageFileInfo inspectImageFile(const std::string& path);

// True when the file name ends in an extension the importers treat as an image
// (.png .jpg .jpeg .bmp .tif .tiff .webp .pbm .pgm .ppm .pnm, case-insensitive).
bool hasImageExtension(const std::string& path);

// Writes a single-channel float32 map as a TIFF (for --maps-dir); creates parent folders.
void writeFloatTiff(const std::string& path, const cv::Mat& map32f);

// Writes an 8-bit image (PNG/JPEG by extension); throws dl::Error on failure.
// 3-channel input is RGB and 4-channel RGBA (the order loadImageRgb returns);
// 1-channel is gray. Parent folders are created; the file is replaced atomically.
void writeImage(const std::string& path, const cv::Mat& image);

} // namespace dl
