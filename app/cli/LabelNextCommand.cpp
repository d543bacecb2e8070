#include "cli/LabelNextCommand.h"

#include "cli/Commands.h"

#include "common/FileUtil.h"
#include "database/Store.h"
#include "engine/Engine.h"
#include "engine/LabelRanking.h"

#include <cmath>
#include <iostream>
#include <set>

namespace dl::cli {

int runLabelNext(const CliOptions& o)
{
    std::vector<Dataset> datasets = importAll(o);
    auto detector = loadDetector(o.modelPath, o.weightsPath, tilingOverride(o));
    // Operators' overrides, from the database unless --no-db.
    std::set<std::string> overridden;
    db::JobRecorder recording = openRecorder(o);
    if (db::Store* store = recording.store())
        for (const QString& path : store->overriddenImagePaths())
            overridden.insert(path.toStdString());
    std::vector<const Sample*> pool;
    for (const Dataset& d : datasets)
        for (const Sample* s : d.select(Split::Test))
            pool.push_back(s);
    const RankBy rankBy = o.rankBy.empty() ? kDefaultRankBy : parseRankBy(o.rankBy);
    const std::vector<LabelCandidate> ranked = rankForLabelling(*detector, pool, overridden, stderrProgress(o), rankBy);
    nlohmann::json queue = nlohmann::json::array();
    for (const LabelCandidate& c : ranked) {
        if (o.count > 0 && queue.size() >= std::size_t(o.count))
            break;
        queue.push_back({{"path", c.sample->path},
                         {"relative_path", c.sample->relativePath},
                         {"category", c.sample->category},
                         {"score", c.score},
                         {"distance_from_threshold", c.distance},
                         {"operator_override", c.overridden},
                         {"bank_disagreement", std::isnan(c.bankDisagreement) ? nlohmann::json(nullptr)
                                                                              : nlohmann::json(c.bankDisagreement)},
                         // What the dataset knows, for studies; a real queue has no labels yet.
                         {"known_label", c.sample->label}});
    }
    const nlohmann::json out = {{"model", o.modelPath},
                                {"method", detector->info().method},
                                {"threshold", detector->info().threshold},
                                {"rank_by", rankByName(rankBy)},
                                {"ranked", ranked.size()},
                                {"queue", queue}};
    if (!o.jsonPath.empty())
        writeFileAtomically(o.jsonPath, out.dump(2) + "\n");
    std::cout << out.dump(2) << std::endl;
    return 0;
}

} // namespace dl::cli
