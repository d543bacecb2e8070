#pragma once
// Decodes the images of a list, in order, on one worker thread that keeps up
// to `depth` images ahead of the caller, so decoding overlaps the network
// (predict, benchmark). Memory stays bounded by `depth` decoded images.
#include "data/ImageIO.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dl {

class ImagePrefetcher {
public:
    using Decoder = std::function<DecodedImage(const std::string&)>;
    // `decode` defaults to a full decode (loadImageRgbAtLeast with no size); a model's
    // scoring passes its own (loadModelInput); depth >= 1.
    explicit ImagePrefetcher(std::vector<std::string> files, std::size_t depth = 1, Decoder decode = {});
    ~ImagePrefetcher(); // stops after the decode in flight
    ImagePrefetcher(const ImagePrefetcher&) = delete;
    ImagePrefetcher& operator=(const ImagePrefetcher&) = delete;

    // The next image of the list (the first call returns files[0]), or the
    // exception its decode threw (a dl::Error naming the file); decoding of the
    // others goes on either way. Throws dl::Error past the end of the list.
    DecodedImage next();

private:
    struct Decoded {
        DecodedImage image;
        std::exception_ptr error;
    };
    void work();

    const std::vector<std::string> files_;
    const std::size_t depth_;
    const Decoder decode_;
    std::size_t taken_ = 0;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Decoded> ready_;
    bool stopping_ = false;
    std::thread worker_;
};

} // namespace dl
