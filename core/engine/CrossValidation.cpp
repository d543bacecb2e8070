#include "engine/CrossValidation.h"

#include "common/Error.h"
#include "components/TrainingSupport.h"
#include "metrics/Metrics.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>

namespace dl {
namespace {

using Clock = std::chrono::steady_clock;

// A defect image with a mask: what the folds hold out in turn and fold models train on.
bool isLabelledDefect(const Sample& s)
{
    return s.label == 1 && !s.maskPath.empty();
}

// Fold of every training sample (-1: not a training sample, never used), per dataset.
using FoldAssignment = std::vector<std::vector<int>>;

// Normal images dealt in a seeded order per category; labelled defects per category
// spread so that each fold holds as few of one type and as few defects as possible.
FoldAssignment assignFolds(const std::vector<const Dataset*>& datasets, int folds, unsigned seed)
{
    FoldAssignment fold(datasets.size());
    std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> normals;
    std::map<std::string, std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>>> defects;
    for (std::size_t d = 0; d < datasets.size(); ++d) {
        const auto& samples = datasets[d]->samples;
        fold[d].assign(samples.size(), -1);
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const Sample& s = samples[i];
            if (s.split != Split::Train) continue;
            if (isLabelledDefect(s)) defects[s.category][s.defectType].push_back({d, i});
            else if (s.label != 1) normals[s.category].push_back({d, i});
        }
    }
    std::mt19937 rng(seed);
    for (auto& [category, list] : normals) {
        seededShuffle(list, rng);
        for (std::size_t j = 0; j < list.size(); ++j) fold[list[j].first][list[j].second] = int(j % std::size_t(folds));
    }
    for (auto& [category, byType] : defects) {
        // Each image of a type goes to the least-filled fold that holds fewest of
        // that type, so a type's labels are held out in different folds (a fold then
        // measures a new instance of a labelled type, not an unseen type).
        std::vector<int> filled(std::size_t(folds), 0);
        for (auto& [type, list] : byType) {
            seededShuffle(list, rng);
            std::vector<int> ofType(std::size_t(folds), 0);
            for (const auto& [d, i] : list) {
                int best = 0;
                for (int f = 1; f < folds; ++f)
                    if (std::make_pair(ofType[std::size_t(f)], filled[std::size_t(f)])
                        < std::make_pair(ofType[std::size_t(best)], filled[std::size_t(best)]))
                        best = f;
                fold[d][i] = best;
                ++ofType[std::size_t(best)];
                ++filled[std::size_t(best)];
            }
        }
    }
    return fold;
}

// A copy of `dataset` in which the fold's samples are the test split, the other
// training samples stay training samples and the real test samples are dropped.
Dataset foldDataset(const Dataset& dataset, const std::vector<int>& foldOf, int fold, std::vector<std::size_t>& origin)
{
    Dataset copy = dataset;
    copy.samples.clear();
    origin.clear();
    for (std::size_t i = 0; i < dataset.samples.size(); ++i) {
        if (foldOf[i] < 0) continue;
        Sample s = dataset.samples[i];
        s.split = foldOf[i] == fold ? Split::Test : Split::Train;
        copy.samples.push_back(std::move(s));
        origin.push_back(i);
    }
    return copy;
}

// The fold assignment for one fold's model when it may train on only `trainingLabels`
// of the labelled defects outside the fold: a seeded choice of them stays, the rest
// become -1 (unused). The fold's own samples are untouched.
FoldAssignment limitTrainingLabels(const std::vector<const Dataset*>& datasets, FoldAssignment foldOf, int fold,
                                   int trainingLabels, unsigned seed)
{
    if (trainingLabels < 0) return foldOf;
    std::vector<std::pair<std::size_t, std::size_t>> outside;
    for (std::size_t d = 0; d < datasets.size(); ++d)
        for (std::size_t i = 0; i < foldOf[d].size(); ++i) {
            const Sample& s = datasets[d]->samples[i];
            if (foldOf[d][i] >= 0 && foldOf[d][i] != fold && isLabelledDefect(s))
                outside.push_back({d, i});
        }
    std::mt19937 rng(seed + 7919u * unsigned(fold + 1));
    seededShuffle(outside, rng);
    for (std::size_t j = std::size_t(trainingLabels); j < outside.size(); ++j)
        foldOf[outside[j].first][outside[j].second] = -1;
    return foldOf;
}

// `progress` with every stage shown as "fold N/K: <stage>".
ProgressContext inFold(const ProgressContext& progress, int fold, int folds)
{
    ProgressContext child = progress;
    if (progress.onProgress)
        child.onProgress = [parent = progress.onProgress, fold, folds](double f, const EngineText& stage) {
            parent(f, engineText(DL_TR("Engine", "fold %1/%2: %3"), fold, folds, stage));
        };
    return child;
}

double meanOfDefined(const std::vector<double>& values)
{
    double sum = 0;
    int n = 0;
    for (double v : values)
        if (v >= 0) {
            sum += v;
            ++n;
        }
    return n > 0 ? sum / n : -1.0;
}

int smallestNormalCount(const std::vector<const Dataset*>& datasets)
{
    std::map<std::string, int> count;
    for (const Dataset* d : datasets)
        for (const Sample* s : d->select(Split::Train))
            if (s->label != 1) ++count[s->category];
    int smallest = 0;
    for (const auto& [category, n] : count) smallest = smallest == 0 ? n : std::min(smallest, n);
    return smallest;
}

int labelledDefectCount(const std::vector<const Dataset*>& datasets)
{
    int n = 0;
    for (const Dataset* d : datasets)
        for (const Sample* s : d->select(Split::Train))
            if (isLabelledDefect(*s)) ++n;
    return n;
}

// Pools the fold models' normalised scores per category and averages the folds'
// pixel metrics.
void summarise(CrossValidationReport& report)
{
    std::map<std::string, std::pair<std::vector<float>, std::vector<std::uint8_t>>> pooled;
    std::map<std::string, std::vector<float>> normalScores;
    std::map<std::string, std::vector<float>> typeScores;
    for (const auto& image : report.images) {
        auto& [scores, labels] = pooled[image.sample->category];
        scores.push_back(image.normalised);
        labels.push_back(image.sample->label == 1 ? 1 : 0);
        if (image.sample->label == 1)
            typeScores[image.sample->category + "/" + image.sample->defectType].push_back(image.normalised);
        else
            normalScores[image.sample->category].push_back(image.normalised);
    }
    std::vector<double> imageAurocs, aps, f1s, pixelAurocs, aupros;
    for (const auto& [category, data] : pooled) {
        CategoryMetrics m;
        m.category = category;
        m.images = int(data.first.size());
        const bool both = std::count(data.second.begin(), data.second.end(), 1) > 0
            && std::count(data.second.begin(), data.second.end(), 0) > 0;
        if (both) {
            m.imageAuroc = auroc(data.first, data.second);
            m.ap = averagePrecision(data.first, data.second);
            m.f1Max = f1Max(data.first, data.second).f1;
        }
        std::vector<double> foldPixel, foldPro;
        for (const auto& fold : report.perFold)
            for (const auto& c : fold.categories)
                if (c.category == category) {
                    foldPixel.push_back(c.pixelAuroc);
                    foldPro.push_back(c.aupro);
                }
        m.pixelAuroc = meanOfDefined(foldPixel);
        m.aupro = meanOfDefined(foldPro);
        imageAurocs.push_back(m.imageAuroc);
        aps.push_back(m.ap);
        f1s.push_back(m.f1Max);
        pixelAurocs.push_back(m.pixelAuroc);
        aupros.push_back(m.aupro);
        report.categories.push_back(m);
    }
    report.mean.category = "mean";
    report.mean.images = int(report.images.size());
    report.mean.imageAuroc = meanOfDefined(imageAurocs);
    report.mean.ap = meanOfDefined(aps);
    report.mean.f1Max = meanOfDefined(f1s);
    report.mean.pixelAuroc = meanOfDefined(pixelAurocs);
    report.mean.aupro = meanOfDefined(aupros);
    for (const auto& [key, defectScores] : typeScores) {
        const std::string category = key.substr(0, key.rfind('/'));
        const auto& normal = normalScores[category];
        if (normal.empty()) continue;
        std::vector<float> scores = normal;
        std::vector<std::uint8_t> labels(normal.size(), 0);
        scores.insert(scores.end(), defectScores.begin(), defectScores.end());
        labels.insert(labels.end(), defectScores.size(), 1);
        report.defectTypeAuroc.push_back({key, auroc(scores, labels)});
    }
}

} // namespace

namespace {

std::vector<SweptCrossValidation> runFolds(const TrainRequest& request, int folds,
                                           const std::vector<nlohmann::json>& scoringVariants,
                                           const ProgressContext& progress, bool normalImagesOnly,
                                           int trainingLabels)
{
    if (request.datasets.empty())
        throw Error("no training data given (use --data PATH)");
    if (!request.parentModelPath.empty())
        throw Error("cross-validation trains every fold from scratch; a parent model (--parent) would carry the "
                    "held-out images' memories into the folds");
    if (folds < 2)
        throw Error("cross-validation needs at least 2 folds (got " + std::to_string(folds) + ")");
    if (!normalImagesOnly && labelledDefectCount(request.datasets) == 0)
        throw Error("cross-validation needs labelled defects in the training data (--labelled-defects N or "
                    "--labels-from-db): with normal images only there is nothing to rank");
    const int smallest = smallestNormalCount(request.datasets);
    if (smallest < 2)
        throw Error("cross-validation needs at least 2 normal training images per category");
    if (trainingLabels < -1)
        throw Error("the number of labelled defects a fold model trains on must be 0 or more (got "
                    + std::to_string(trainingLabels) + ")");
    for (const auto& variant : scoringVariants)
        checkScoringParameters(request.method, variant);
    folds = std::min(folds, smallest);

    const FoldAssignment foldOf = assignFolds(request.datasets, folds, request.seed);
    std::vector<SweptCrossValidation> sweep;
    for (const auto& variant : scoringVariants) {
        sweep.push_back({variant, {}});
        sweep.back().report.folds = folds;
    }
    const double variantShare = 0.15 / double(scoringVariants.size());
    for (int fold = 0; fold < folds; ++fold) {
        const double p0 = double(fold) / folds, p1 = double(fold + 1) / folds;
        const FoldAssignment foldModelOf
            = limitTrainingLabels(request.datasets, foldOf, fold, trainingLabels, request.seed);
        std::vector<Dataset> datasets;
        std::vector<std::vector<std::size_t>> origin(request.datasets.size());
        for (std::size_t d = 0; d < request.datasets.size(); ++d)
            datasets.push_back(foldDataset(*request.datasets[d], foldModelOf[d], fold, origin[d]));
        int trainingLabelCount = 0;
        std::map<std::string, int> trainingLabelTypes;
        for (const auto& d : datasets)
            for (const Sample& sample : d.samples)
                if (sample.split == Split::Train && isLabelledDefect(sample)) {
                    ++trainingLabelCount;
                    ++trainingLabelTypes[sample.category + "/" + sample.defectType];
                }
        TrainRequest foldRequest = request;
        foldRequest.datasets.clear();
        for (const auto& d : datasets) foldRequest.datasets.push_back(&d);

        const auto start = Clock::now();
        auto trained = trainDetector(foldRequest, inFold(progress.sub(p0, p0 + 0.85 * (p1 - p0)), fold + 1, folds));
        const double fitSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        for (std::size_t v = 0; v < sweep.size(); ++v) {
            const double v0 = p0 + (0.85 + variantShare * double(v)) * (p1 - p0);
            const ProgressContext scoring = inFold(progress.sub(v0, v0 + variantShare * (p1 - p0)), fold + 1, folds);
            std::unique_ptr<Detector> rescored;
            if (!sweep[v].scoringParams.empty())
                rescored = rescoredDetector(*trained, sweep[v].scoringParams, foldRequest, scoring.sub(0.0, 0.5));
            Detector& detector = rescored ? *rescored : *trained;
            CrossValidationFold summary;
            summary.fitSeconds = fitSeconds;
            summary.trainingLabels = trainingLabelCount;
            summary.trainingLabelTypes = trainingLabelTypes;
            const EvaluationReport evaluation = evaluateDetector(detector, foldRequest.datasets, scoring.sub(0.5, 1.0));
            summary.categories = evaluation.categories;

            const nlohmann::json& normalisation = detector.info().normalisation;
            const double mean = normalisation.value("image_score_mean", 0.0);
            const double stdev = std::max(1e-12, normalisation.value("image_score_std", 1.0));
            CrossValidationReport& report = sweep[v].report;
            for (const EvaluatedImage& e : evaluation.images) {
                // Map the fold dataset's sample back to the caller's.
                for (std::size_t d = 0; d < datasets.size(); ++d) {
                    const auto& samples = datasets[d].samples;
                    if (samples.empty() || e.sample < samples.data() || e.sample >= samples.data() + samples.size())
                        continue;
                    const Sample* original
                        = &request.datasets[d]->samples[origin[d][std::size_t(e.sample - samples.data())]];
                    report.images.push_back({original, fold, e.score, float((e.score - mean) / stdev)});
                    (original->label == 1 ? summary.defectImages : summary.normalImages)++;
                }
            }
            report.perFold.push_back(std::move(summary));
        }
    }
    for (auto& entry : sweep) summarise(entry.report);
    progress.report(1.0, DL_TR("Engine", "cross-validation done"));
    return sweep;
}

} // namespace

CrossValidationReport crossValidate(const TrainRequest& request, int folds, const ProgressContext& progress,
                                    bool normalImagesOnly, int trainingLabels)
{
    return runFolds(request, folds, {nlohmann::json::object()}, progress, normalImagesOnly, trainingLabels)
        .front()
        .report;
}

std::vector<SweptCrossValidation> crossValidateSweep(const TrainRequest& request, int folds,
                                                     const std::vector<nlohmann::json>& scoringVariants,
                                                     const ProgressContext& progress, int trainingLabels)
{
    if (scoringVariants.empty())
        throw Error("a cross-validation sweep needs at least one set of scoring parameters");
    return runFolds(request, folds, scoringVariants, progress, false, trainingLabels);
}

} // namespace dl
