#pragma once
// Methods by name. The engine knows only this interface; the list of built-in
// methods lives with the methods (core/methods/Registry.cpp, which defines
// instance()), so nothing in engine/ includes a method. Each method folder
// provides a register function (static libraries would drop self-registration).
#include "engine/Detector.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dl {

struct MethodDescription {
    std::string name;        // CLI/GUI identifier, e.g. "patchcore"
    std::string title;       // human-readable
    std::string summary;
    bool semiSupervised = false;            // uses labelled defects
    // A semi-supervised method's one sentence on what labelled defects train in it, for
    // the people choosing a method (the training panel shows it).
    EngineText labelUse;
    // The parameter that sets how much labelled defects count in training, where 0 turns
    // them off (CSE's and RealNet's labelled_share); empty: semiSupervised decides alone.
    std::string labelShareParam;
    bool warmStarts = false;                // reuses a parent model's state when retrained (Detector::warmStart)
    nlohmann::json defaultParams = nlohmann::json::object();
    // Values for keys a saved bundle lacks because it was written before the key existed,
    // where the new default would change what an old model computes (its threshold was
    // calibrated on the old behaviour). Applied when a bundle is loaded, never at fit.
    nlohmann::json bundleFallbacks = nlohmann::json::object();
    // Parameters read only when images are scored (map smoothing, the image score's
    // reduction): a trained model scores with other values of them without training
    // again (rescoredDetector; crossvalidate --sweep). A key belongs here only if fit
    // never reads it.
    std::vector<std::string> scoringParams;
    std::function<std::unique_ptr<Detector>(const nlohmann::json& params)> create;
};

// The registry entry of a method whose detector is built from the merged parameters
// and whose default set is `Params::defaults()` (the <Name>Params of its folder).
template <typename DetectorType, typename Params>
MethodDescription methodEntry(std::string name, std::string title, std::string summary, bool semiSupervised = false)
{
    MethodDescription d;
    d.name = std::move(name);
    d.title = std::move(title);
    d.summary = std::move(summary);
    d.semiSupervised = semiSupervised;
    d.defaultParams = Params::defaults();
    d.create = [](const nlohmann::json& params) { return std::make_unique<DetectorType>(params); };
    return d;
}

class DetectorRegistry {
public:
    static DetectorRegistry& instance(); // the built-in methods, registered on first use (methods/Registry.cpp)
    void add(MethodDescription description);
    std::vector<MethodDescription> methods() const;
    const MethodDescription& describe(const std::string& name) const; // throws dl::Error
    // Whether a fit of `name` with `params` (overrides of its defaults) trains on labelled
    // defects, e.g. RealNet only with labelled_share > 0.
    bool learnsFromLabels(const std::string& name, const nlohmann::json& params) const;
    // `params` for a fit that is meant to learn from labels (a retrain with annotations):
    // where its labelShareParam turns them off, that key is dropped, so the method's default
    // share applies. A parent model trained with labels off would otherwise hand its 0 on.
    nlohmann::json withLabelsLearned(const std::string& name, nlohmann::json params) const;
    // Creates a detector; params override the defaults; unknown keys are an error.
    std::unique_ptr<Detector> create(const std::string& name, const nlohmann::json& params = {}) const;

private:
    std::vector<MethodDescription> methods_;
};

} // namespace dl
