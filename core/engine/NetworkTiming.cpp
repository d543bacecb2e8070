#include "engine/NetworkTiming.h"

#include "backbone/BackboneLoader.h"
#include "components/TrainingSupport.h"
#include "engine/Detector.h"
#include "engine/Runtime.h"

#include <algorithm>
#include <functional>

namespace dl {

namespace {
double medianMsOf(int repeats, const std::function<void()>& run)
{
    for (int i = 0; i < 2; ++i) run();
    std::vector<double> ms;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        const auto start = SteadyClock::now();
        run();
        ms.push_back(1000.0 * secondsSince(start));
    }
    std::nth_element(ms.begin(), ms.begin() + std::ptrdiff_t(ms.size() / 2), ms.end());
    return ms[ms.size() / 2];
}

std::vector<std::string> tapsOf(const ModelInfo& info, const FeatureExtractor& backbone)
{
    for (const char* key : {"taps", "teacher_taps"}) {
        const auto found = info.params.find(key);
        if (found != info.params.end() && found->is_array() && !found->empty())
            return found->get<std::vector<std::string>>();
    }
    return backbone.defaultPatchTaps();
}
} // namespace

NetworkTiming timeBackbone(const ModelInfo& info, int repeats)
{
    auto backbone = loadBackbone(info.backbone, info.backboneSha256);
    const std::vector<std::string> taps = tapsOf(info, *backbone);
    const int height = info.preprocess.height, width = info.preprocess.width;
    torch::manual_seed(0);
    const torch::Tensor input = torch::randn({1, 3, height, width});
    NetworkTiming timing;
    timing.network = "backbone " + backbone->name() + " to";
    for (const auto& t : taps) timing.network += " " + t;
    timing.gflop = backbone->flops(taps, height, width) / 1e9;
    const bool wasFast = fastInferenceEnabled();
    setFastInference(false);
    timing.plainMs = medianMsOf(repeats, [&] { backbone->extract(input, taps); });
    setFastInference(true);
    timing.fastMs = medianMsOf(repeats, [&] { backbone->extract(input, taps); });
    setFastInference(wasFast);
    return timing;
}

double measuredPeakGflops()
{
    torch::InferenceMode guard;
    torch::manual_seed(0);
    const torch::Tensor a = torch::randn({1024, 1024}), b = torch::randn({1024, 1024});
    torch::Tensor c = torch::mm(a, b);
    double best = 0.0;
    for (int i = 0; i < 5; ++i) {
        const auto start = SteadyClock::now();
        torch::mm_out(c, a, b);
        best = std::max(best, 2.0 * 1024.0 * 1024.0 * 1024.0 / secondsSince(start) / 1e9);
    }
    return best;
}

} // namespace dl
