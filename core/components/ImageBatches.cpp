#include "components/ImageBatches.h"

#include "data/ImageIO.h"

#include <algorithm>

namespace dl {

void forEachImageBatch(
    const std::vector<Sample>& samples, const std::vector<std::int64_t>& indices, int batchSize, cv::Size atLeast,
    const ProgressContext& progress, const EngineText& stage,
    const std::function<void(std::vector<cv::Mat>& decoded, std::size_t begin, std::size_t end)>& consume)
{
    const std::size_t step = std::size_t(batchSize);
    for (std::size_t begin = 0; begin < indices.size(); begin += step) {
        progress.checkCancelled();
        progress.report(double(begin) / double(indices.size()), stage);
        const std::size_t end = std::min(indices.size(), begin + step);
        std::vector<cv::Mat> decoded;
        for (std::size_t i = begin; i < end; ++i)
            decoded.push_back(loadImageRgbAtLeast(samples[std::size_t(indices[i])].path, atLeast).rgb);
        consume(decoded, begin, end);
    }
}

} // namespace dl
