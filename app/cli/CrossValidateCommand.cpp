#include "cli/CrossValidateCommand.h"

#include "cli/Commands.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "engine/CrossValidation.h"
#include "engine/DetectorRegistry.h"
#include "workflow/DatasetRecording.h"
#include "workflow/Workflow.h"

#include <iostream>

namespace dl::cli {

namespace {

using json = nlohmann::json;

// --training-labels M, or "all" where each fold model trains on every label outside its fold.
json trainingLabelsJson(const CliOptions& o)
{
    return o.trainingLabels < 0 ? json("all") : json(o.trainingLabels);
}

json reportJson(const CliOptions& o, const CrossValidationReport& report)
{
    json categories = json::object();
    for (const auto& c : report.categories) categories[c.category] = workflow::metricsJson(c);
    json defectTypes = json::object();
    for (const auto& [type, value] : report.defectTypeAuroc) defectTypes[type] = value;
    json folds = json::array();
    for (const auto& f : report.perFold) {
        json perCategory = json::object();
        for (const auto& c : f.categories) perCategory[c.category] = workflow::metricsJson(c);
        folds.push_back({{"normal_images", f.normalImages}, {"defect_images", f.defectImages},
                         {"training_labels", f.trainingLabels}, {"training_label_types", f.trainingLabelTypes},
                         {"fit_seconds", f.fitSeconds},
                         {"categories", perCategory}});
    }
    return {{"method", o.method}, {"params", o.params}, {"data", datasetParams(o)},
            {"labelled_defects", o.labelledDefects}, {"training_labels", trainingLabelsJson(o)},
            {"folds", report.folds}, {"mean", workflow::metricsJson(report.mean)}, {"categories", categories},
            {"defect_types", defectTypes}, {"per_fold", folds}};
}

json imagesJson(const CrossValidationReport& report)
{
    json images = json::array();
    for (const auto& image : report.images)
        images.push_back({{"path", image.sample->relativePath}, {"category", image.sample->category},
                          {"label", image.sample->label == 1 ? 1 : 0}, {"defect_type", image.sample->defectType},
                          {"fold", image.fold}, {"score", image.score}, {"normalised_score", image.normalised}});
    return images;
}

// Every combination of the --sweep values, as scoring-parameter sets.
std::vector<json> sweepCombinations(const CliOptions& o)
{
    std::vector<json> combinations{json::object()};
    for (const auto& [key, values] : o.sweeps) {
        std::vector<json> next;
        for (const json& partial : combinations)
            for (const json& value : values) {
                json combination = partial;
                combination[key] = value;
                next.push_back(combination);
            }
        combinations = std::move(next);
    }
    return combinations;
}

} // namespace

int runCrossValidate(const CliOptions& o)
{
    std::vector<Dataset> datasets = importAll(o);
    if (o.labelledDefects > 0 && !DetectorRegistry::instance().learnsFromLabels(o.method, o.params))
        logWarning("method '" + o.method + "' does not train on labelled defects with these parameters; the held-out labels only measure it");
    if (o.labelsFromDb) {
        db::JobRecorder recording = openRecorder(o);
        applyDatabaseLabels(o, recording.recorder(), datasets);
    }
    TrainRequest request;
    request.method = o.method;
    request.params = o.params;
    request.backbone.architecture = o.backboneArchitecture;
    request.backbone.weightsPath = o.weightsPath;
    request.datasets = workflow::pointersTo(datasets);
    request.unified = o.unified;
    request.seed = o.labelSeed;
    if (o.sweeps.empty()) {
        const CrossValidationReport report = crossValidate(request, o.folds, stderrProgress(o), false, o.trainingLabels);
        json summary = reportJson(o, report);
        if (!o.jsonPath.empty()) {
            json full = summary;
            full["images"] = imagesJson(report);
            writeFileAtomically(o.jsonPath, full.dump(2) + "\n");
        }
        std::cout << summary.dump(2) << std::endl;
        return 0;
    }
    // A sweep: one report per combination, in the order the values were given.
    const std::vector<SweptCrossValidation> sweep
        = crossValidateSweep(request, o.folds, sweepCombinations(o), stderrProgress(o), o.trainingLabels);
    json summary = {{"method", o.method}, {"params", o.params}, {"data", datasetParams(o)},
                    {"labelled_defects", o.labelledDefects}, {"training_labels", trainingLabelsJson(o)},
                    {"folds", sweep.front().report.folds},
                    {"sweep", json::array()}};
    json full = summary;
    for (const auto& entry : sweep) {
        json variant = reportJson(o, entry.report);
        for (const char* shared : {"method", "params", "data", "labelled_defects", "training_labels", "folds"}) variant.erase(shared);
        variant["scoring_params"] = entry.scoringParams;
        summary["sweep"].push_back(variant);
        variant["images"] = imagesJson(entry.report);
        full["sweep"].push_back(variant);
    }
    if (!o.jsonPath.empty())
        writeFileAtomically(o.jsonPath, full.dump(2) + "\n");
    std::cout << summary.dump(2) << std::endl;
    return 0;
}

} // namespace dl::cli
