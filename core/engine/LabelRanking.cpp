#include "engine/LabelRanking.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/ImagePrefetch.h"

#include <algorithm>
#include <cmath>

namespace dl {

std::vector<LabelCandidate> rankForLabelling(Detector& detector, const std::vector<const Sample*>& samples,
                                             const std::set<std::string>& overriddenPaths,
                                             const ProgressContext& progress)
{
    const ModelInfo& info = detector.info();
    // The spread of normal scores makes distances comparable across methods;
    // a model without it (an old bundle) falls back to the threshold's scale.
    double spread = info.normalisation.value("image_score_std", 0.0);
    if (!(spread > 0.0))
        spread = std::max(1e-6, std::abs(info.threshold) * 0.1);
    std::vector<std::string> paths;
    for (const Sample* s : samples)
        paths.push_back(s->path);
    ImagePrefetcher images(paths, 2);
    std::vector<LabelCandidate> ranked;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        progress.checkCancelled();
        progress.report(double(i) / double(std::max<std::size_t>(1, samples.size())), "ranking images for labelling");
        LabelCandidate c;
        c.sample = samples[i];
        try {
            c.score = detector.predict(images.next()).score;
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            logWarning(std::string("left out of the labelling queue: ") + e.what());
            continue;
        }
        c.distance = std::abs(c.score - info.threshold) / spread;
        c.overridden = overriddenPaths.count(samples[i]->path) != 0;
        ranked.push_back(c);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const LabelCandidate& a, const LabelCandidate& b) {
        if (a.overridden != b.overridden)
            return a.overridden;
        return a.distance < b.distance;
    });
    progress.report(1.0, "ranking images for labelling");
    return ranked;
}

} // namespace dl
