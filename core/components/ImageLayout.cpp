#include "components/ImageLayout.h"

#include "backbone/Backbone.h"
#include "components/TensorConvert.h"

#include <algorithm>
#include <map>

namespace dl {

std::string layoutProbeTap(const FeatureExtractor& backbone)
{
    const std::vector<TapInfo> taps = backbone.taps();
    for (const TapInfo& t : taps)
        if (t.name == "features.13")
            return t.name;
    for (const TapInfo& t : taps)
        if (t.stride == 16)
            return t.name;
    return taps.empty() ? std::string("features.13") : taps.back().name;
}

double positionalShareOfVariance(FeatureExtractor& backbone, const PreprocessSpec& preprocess,
                                 const std::vector<Sample>& normal, const std::string& tap)
{
    std::map<std::string, std::vector<const Sample*>> byCategory;
    for (const Sample& s : normal)
        byCategory[s.category].push_back(&s);
    double smallest = 1.0;
    for (const auto& [category, samples] : byCategory) {
        if (samples.size() < 2)
            continue;
        // Up to 32 images spread over the category's list.
        const std::size_t count = std::min<std::size_t>(samples.size(), 32);
        std::vector<cv::Mat> images;
        for (std::size_t i = 0; i < count; ++i)
            images.push_back(preprocess.decode(samples[i * samples.size() / count]->path).rgb);
        torch::InferenceMode guard;
        torch::Tensor f = backbone.extract(imagesToTensor(images, preprocess), {tap}).front(); // [N,C,h,w]
        // The outermost cells see the convolutions' zero padding, which differs by position
        // on any image; only the inner cells speak for the images themselves.
        if (f.size(2) >= 6 && f.size(3) >= 6)
            f = f.slice(2, 1, f.size(2) - 1).slice(3, 1, f.size(3) - 1);
        const double total = f.transpose(0, 1).reshape({f.size(1), -1}).var(1, false).mean().item<double>();
        const double withinPosition = f.var(0, false).mean().item<double>();
        if (total > 0)
            smallest = std::min(smallest, std::clamp(1.0 - withinPosition / total, 0.0, 1.0));
    }
    return smallest;
}

} // namespace dl
