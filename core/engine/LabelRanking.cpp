#include "engine/LabelRanking.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/ImagePrefetch.h"

#include <algorithm>
#include <cmath>

namespace dl {

std::string rankByName(RankBy rankBy)
{
    return rankBy == RankBy::ThresholdAndBanks ? "threshold+banks" : "threshold";
}

RankBy parseRankBy(const std::string& name)
{
    if (name == "threshold")
        return RankBy::Threshold;
    if (name == "threshold+banks")
        return RankBy::ThresholdAndBanks;
    throw Error("unknown label ranking '" + name + "': use threshold or threshold+banks");
}

namespace {

// Orders `ranked` (overrides first, as before) by the sum of each image's place
// in two orders: nearest the threshold first, most bank disagreement first.
// Candidates without a disagreement keep their threshold place on both.
void mergeWithBankDisagreement(std::vector<LabelCandidate>& ranked)
{
    const std::size_t n = ranked.size();
    std::vector<std::size_t> byDisagreement(n);
    for (std::size_t i = 0; i < n; ++i)
        byDisagreement[i] = i;
    std::stable_sort(byDisagreement.begin(), byDisagreement.end(), [&](std::size_t a, std::size_t b) {
        const double da = ranked[a].bankDisagreement, db = ranked[b].bankDisagreement;
        if (std::isnan(da) || std::isnan(db))
            return !std::isnan(da) && std::isnan(db);
        return da > db;
    });
    std::vector<std::size_t> placeSum(n);
    for (std::size_t i = 0; i < n; ++i)
        placeSum[i] = std::isnan(ranked[i].bankDisagreement) ? 2 * i : i; // threshold place (input is in that order)
    for (std::size_t place = 0; place < n; ++place)
        if (!std::isnan(ranked[byDisagreement[place]].bankDisagreement))
            placeSum[byDisagreement[place]] += place;
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (ranked[a].overridden != ranked[b].overridden)
            return ranked[a].overridden;
        return placeSum[a] < placeSum[b];
    });
    std::vector<LabelCandidate> merged;
    merged.reserve(n);
    for (std::size_t i : order)
        merged.push_back(ranked[i]);
    ranked = std::move(merged);
}

} // namespace

std::vector<LabelCandidate> rankForLabelling(Detector& detector, const std::vector<const Sample*>& samples,
                                             const std::set<std::string>& overriddenPaths,
                                             const ProgressContext& progress, RankBy rankBy)
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
    ImagePrefetcher images(paths, 2, modelInputDecoder(info));
    std::vector<LabelCandidate> ranked;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        progress.checkCancelled();
        progress.report(double(i) / double(std::max<std::size_t>(1, samples.size())),
                        DL_TR("Engine", "ranking images for labelling"));
        LabelCandidate c;
        c.sample = samples[i];
        try {
            const Prediction p = detector.predict(images.next().rgb);
            c.score = p.score;
            c.bankDisagreement = p.bankDisagreement;
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            logWarning(DL_TR("Engine", "left out of the labelling queue: %1"), e.what());
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
    if (rankBy == RankBy::ThresholdAndBanks)
        mergeWithBankDisagreement(ranked);
    progress.report(1.0, DL_TR("Engine", "ranking images for labelling"));
    return ranked;
}

} // namespace dl
