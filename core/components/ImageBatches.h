#pragma once
// Decoding a method's training images batch by batch, for the caches of frozen
// backbone features that CSE and DSKD build before training (the backbone never
// changes, so it runs once per image, not once per epoch). Torch-free.
#include "common/Progress.h"
#include "data/Dataset.h"

#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dl {

// Calls `consume(decoded, begin, end)` for each run of at most `batchSize` entries of
// `indices` (positions begin..end-1), the images of those samples decoded as RGB 8-bit
// with `atLeast` (loadImageRgbAtLeast: a model's PreprocessSpec::decodeAtLeast()).
// Checks for cancellation before each batch; reports the share of images started.
void forEachImageBatch(
    const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices, int batchSize, cv::Size atLeast,
    const ProgressContext& progress, const EngineText& stage,
    const std::function<void(std::vector<cv::Mat>& decoded, std::size_t begin, std::size_t end)>& consume);

} // namespace dl
