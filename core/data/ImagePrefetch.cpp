#include "data/ImagePrefetch.h"

#include "common/Error.h"
#include "data/ImageIO.h"

#include <algorithm>

namespace dl {

ImagePrefetcher::ImagePrefetcher(std::vector<std::string> files, std::size_t depth, Decoder decode)
    : files_(std::move(files)), depth_(std::max<std::size_t>(1, depth)),
      decode_(decode ? std::move(decode) : Decoder([](const std::string& path) { return loadImageRgbAtLeast(path, {}); }))
{
    worker_ = std::thread([this] { work(); });
}

ImagePrefetcher::~ImagePrefetcher()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void ImagePrefetcher::work()
{
    for (const std::string& file : files_) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || ready_.size() < depth_; });
            if (stopping_)
                return;
        }
        Decoded decoded;
        try {
            decoded.image = decode_(file);
        } catch (...) {
            // Handed to the caller with this image, which decides what a bad file means.
            decoded.error = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            ready_.push_back(std::move(decoded));
        }
        changed_.notify_all();
    }
}

DecodedImage ImagePrefetcher::next()
{
    std::unique_lock<std::mutex> lock(mutex_);
    if (taken_ >= files_.size())
        throw Error("image prefetch: all " + std::to_string(files_.size()) + " images were taken already");
    changed_.wait(lock, [this] { return !ready_.empty(); });
    Decoded decoded = std::move(ready_.front());
    ready_.pop_front();
    ++taken_;
    lock.unlock();
    changed_.notify_all();
    if (decoded.error)
        std::rethrow_exception(decoded.error);
    return decoded.image;
}

} // namespace dl
