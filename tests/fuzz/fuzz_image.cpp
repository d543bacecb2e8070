// Image decoding and validation (core/data/ImageIO): header inspection, the
// pixel limit, full decoding to RGB and to a mask. Any input may be refused
// with dl::Error; nothing may crash, leak, hang or read out of bounds.
#include "FuzzSupport.h"
#include "common/Error.h"
#include "data/ImageIO.h"

#include <sys/stat.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // A lower limit than the default keeps each run fast; the check is the same code.
    static const bool configured = (dl::setMaxImagePixels(4'000'000), true);
    (void)configured;
    static const std::string folder = [] {
        const std::string f = dlfuzz::scratchFolder();
        ::mkdir(f.c_str(), 0700);
        return f;
    }();
    const std::string path = folder + "/input.img";
    if (!dlfuzz::writeScratch(path, data, size))
        return 0;
    dl::inspectImageFile(path);
    try {
        const cv::Mat rgb = dl::loadImageRgb(path);
        if (rgb.type() != CV_8UC3)
            __builtin_trap(); // the documented contract
    } catch (const dl::Error&) {
    }
    try {
        const cv::Mat mask = dl::loadMask(path);
        if (mask.type() != CV_8UC1)
            __builtin_trap();
    } catch (const dl::Error&) {
    }
    return 0;
}
