#include "workflow/ThresholdStudy.h"

#include "common/Error.h"
#include "engine/ModelBundle.h"

namespace dl::workflow {

using json = nlohmann::json;

ThresholdStudy studyThreshold(const std::string& modelPath, const std::string& weightsPath,
                              const std::vector<const Dataset*>& datasets, int folds, unsigned seed,
                              const ProgressContext& progress)
{
    std::unique_ptr<Detector> detector = loadDetector(modelPath, weightsPath);
    const ModelBundle bundle = ModelBundle::load(modelPath);
    ThresholdStudy study;
    study.method = bundle.headerText("method", "");
    study.categories = detector->info().categories;
    study.currentThreshold = detector->info().threshold;
    study.currentSource = detector->info().thresholdSource;

    TrainRequest request;
    request.method = study.method;
    request.params = bundle.header.value("params", json::object());
    request.backbone.architecture = bundle.header.at("backbone").value("architecture", std::string("mobilenetv2"));
    request.backbone.weightsPath = detector->info().backbone.weightsPath;
    request.datasets = datasets;
    request.unified = study.categories.size() > 1;
    request.seed = seed;
    study.normal = crossValidatedNormalScores(request, detector->info(), folds, progress.sub(0.0, 0.85));

    std::vector<const Sample*> tests;
    for (const Dataset* d : datasets)
        for (const Sample* s : d->select(Split::Test))
            tests.push_back(s);
    const ProgressContext scoring = progress.sub(0.85, 1.0);
    for (std::size_t i = 0; i < tests.size(); ++i) {
        scoring.checkCancelled();
        scoring.report(double(i) / double(tests.size()), DL_TR("Engine", "scoring the test split"));
        const double score = predictFile(*detector, tests[i]->path).score;
        if (tests[i]->label == 1)
            study.testDefectScores.push_back(score);
        else if (tests[i]->label == 0)
            study.testNormalScores.push_back(score);
    }
    return study;
}

AdjustedModel saveWithThreshold(WorkRecorder& recorder, const std::string& sourcePath, const std::string& outputPath,
                                const FalseRejectEstimate& chosen, double target, int folds)
{
    ModelBundle bundle = ModelBundle::load(sourcePath);
    const std::string sourceChecksum = bundle.headerText("checksum_sha256", "");
    bundle.header["threshold"] = {{"value", chosen.threshold}, {"source", "target-false-reject"},
                                  {"target_false_reject_rate", target},
                                  {"estimated_false_reject_rate", chosen.rate},
                                  {"interval_95", {chosen.low, chosen.high}},
                                  {"cross_validated_normal_images", chosen.normalImages},
                                  {"folds", folds}};
    bundle.header["provenance"]["threshold_adjusted_from"] = sourceChecksum;
    bundle.save(outputPath);
    AdjustedModel adjusted;
    adjusted.checksum = ModelBundle::fileChecksum(outputPath);
    if (!recorder.enabled())
        return adjusted;
    ModelEntry entry;
    entry.method = bundle.headerText("method", "");
    entry.categories = bundle.header.value("categories", std::vector<std::string>{});
    entry.bundlePath = outputPath;
    entry.bundleChecksum = adjusted.checksum;
    entry.parentModelId = recorder.findModelByChecksum(sourceChecksum);
    entry.metrics = {{"threshold", chosen.threshold}, {"estimated_false_reject_rate", chosen.rate},
                     {"target_false_reject_rate", target}};
    adjusted.modelId = recorder.addModel(entry);
    return adjusted;
}

} // namespace dl::workflow
