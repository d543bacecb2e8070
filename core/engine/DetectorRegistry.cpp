#include "engine/DetectorRegistry.h"

#include "common/Error.h"

namespace dl {

void DetectorRegistry::add(MethodDescription description)
{
    methods_.push_back(std::move(description));
}

std::vector<MethodDescription> DetectorRegistry::methods() const { return methods_; }

bool DetectorRegistry::learnsFromLabels(const std::string& name, const nlohmann::json& params) const
{
    const MethodDescription& d = describe(name);
    if (d.labelShareParam.empty())
        return d.semiSupervised;
    const nlohmann::json& given = params.is_object() && params.contains(d.labelShareParam) ? params : d.defaultParams;
    const nlohmann::json share = given.value(d.labelShareParam, nlohmann::json());
    // A value that is not a number is refused with its key when the detector is made.
    return share.is_number() ? share.get<double>() > 0.0 : d.semiSupervised;
}

nlohmann::json DetectorRegistry::withLabelsLearned(const std::string& name, nlohmann::json params) const
{
    const MethodDescription& d = describe(name);
    if (!d.labelShareParam.empty() && params.is_object() && !learnsFromLabels(name, params))
        params.erase(d.labelShareParam);
    return params;
}

const MethodDescription& DetectorRegistry::describe(const std::string& name) const
{
    std::string known;
    for (const auto& m : methods_) {
        if (m.name == name)
            return m;
        known += (known.empty() ? "" : ", ") + m.name;
    }
    throw Error("unknown method '" + name + "' (available: " + known + ")");
}

std::unique_ptr<Detector> DetectorRegistry::create(const std::string& name, const nlohmann::json& params) const
{
    const MethodDescription& d = describe(name);
    nlohmann::json merged = d.defaultParams;
    if (params.is_object()) {
        for (auto it = params.begin(); it != params.end(); ++it) {
            if (!merged.contains(it.key())) {
                std::string known;
                for (auto k = merged.begin(); k != merged.end(); ++k) known += (known.empty() ? "" : ", ") + k.key();
                throw Error("method '" + name + "' has no parameter '" + it.key() + "' (parameters: " + known + ")");
            }
            merged[it.key()] = it.value();
        }
    }
    std::unique_ptr<Detector> detector;
    try {
        detector = d.create(merged);
    } catch (const nlohmann::json::exception& e) {
        throw Error("method '" + name + "' parameters are invalid: " + e.what() + " (given: " + merged.dump() + ")");
    }
    detector->info().method = name;
    detector->info().params = merged;
    return detector;
}

} // namespace dl
