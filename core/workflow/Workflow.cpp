#include "workflow/Workflow.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "data/ImagePrefetch.h"
#include "engine/ModelBundle.h"
#include "workflow/DatasetRecording.h"
#include "workflow/RecordedRun.h"

#include <chrono>
#include <map>

#include <cstdio>

namespace dl::workflow {

using json = nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

json metricValue(double v) { return v < 0 ? json(nullptr) : json(v); }

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void recordTrainedModel(WorkRecorder& recorder, RecordedRun& run, const FitJob& job, FitOutcome& outcome)
{
    if (!recorder.enabled())
        return;
    const Detector& detector = *outcome.detector;
    const ModelInfo& info = detector.info();
    ModelEntry model;
    model.method = info.method.empty() ? detector.method() : info.method;
    model.categories = info.categories;
    model.bundlePath = job.outputPath;
    model.bundleChecksum = outcome.checksum;
    const std::string& parentPath
        = job.request.parentModelPath.empty() ? job.retrainedModelPath : job.request.parentModelPath;
    if (!parentPath.empty())
        model.parentModelId = recorder.findModelByChecksum(ModelBundle::fileChecksum(parentPath));
    model.metrics = {{"threshold", info.threshold}, {"fit_seconds", outcome.seconds}};
    outcome.modelId = recorder.addModel(model);
    outcome.parentModelId = model.parentModelId.value_or(0);
    run.linkModel(outcome.modelId);
}

// Which stored image each evaluated sample is: dataset root -> relative path -> id.
class ImageIndex {
public:
    ImageIndex(WorkRecorder& recorder, const std::vector<const Dataset*>& datasets)
    {
        for (const Dataset* d : datasets) {
            ids_[d->root] = registerDataset(recorder, *d);
            for (const Sample& s : d->samples)
                rootOf_[&s] = d->root;
        }
    }
    std::optional<RecordId> idOf(const Sample* sample) const
    {
        auto root = rootOf_.find(sample);
        if (root == rootOf_.end())
            return std::nullopt;
        auto table = ids_.find(root->second);
        if (table == ids_.end())
            return std::nullopt;
        auto id = table->second.find(sample->relativePath);
        if (id == table->second.end())
            return std::nullopt;
        return id->second;
    }

private:
    std::map<const Sample*, std::string> rootOf_;
    std::map<std::string, std::map<std::string, RecordId>> ids_;
};

// Stores a run's results in batches as they are produced (every `every` results or
// `seconds`), so a kill loses at most one batch.
class ResultBatches {
public:
    ResultBatches(WorkRecorder& recorder, RecordId run, std::size_t every, double seconds)
        : recorder_(recorder), run_(run), every_(every), seconds_(seconds)
    {
    }
    void add(ResultEntry entry)
    {
        pending_.push_back(std::move(entry));
        if (pending_.size() >= every_ || secondsSince(lastCommit_) >= seconds_)
            commit();
    }
    void commit()
    {
        // Taken out first: a batch whose commit failed is not tried again.
        const std::vector<ResultEntry> batch = std::move(pending_);
        pending_.clear();
        lastCommit_ = Clock::now();
        if (!batch.empty())
            recorder_.addResults(run_, batch);
    }
    // After a cancel or a failure part way: what was scored is kept. A failure to
    // store it is logged, never thrown: it must not hide the reason work stopped.
    void commitAfterStop()
    {
        try {
            commit();
        } catch (const std::exception& e) {
            logWarning(DL_TR("Engine", "the results scored before the stop could not be stored: %1"), e.what());
        }
    }

private:
    WorkRecorder& recorder_;
    RecordId run_;
    std::size_t every_;
    double seconds_;
    std::vector<ResultEntry> pending_;
    Clock::time_point lastCommit_ = Clock::now();
};

ResultEntry resultOf(const EvaluatedImage& e, double threshold, const ImageIndex& images, const std::string& mapPath)
{
    ResultEntry r;
    r.imageId = images.idOf(e.sample);
    r.imagePath = e.sample->path;
    r.score = e.score;
    r.defect = e.score >= threshold;
    r.heatmapPath = mapPath;
    return r;
}

void recordModelMetrics(WorkRecorder& recorder, const EvaluateOutcome& outcome)
{
    if (outcome.modelId) {
        json metrics = metricsJson(outcome.report.mean);
        metrics.erase("n_images");
        metrics["test_images"] = outcome.report.mean.images;
        recorder.mergeModelMetrics(*outcome.modelId, metrics);
    }
}

PredictedFile predictFile(Detector& detector, const PredictJob& job, ImagePrefetcher& images, std::size_t index)
{
    PredictedFile outcome;
    const std::string& file = job.files[index];
    outcome.path = file;
    try {
        const DecodedImage image = images.next();
        const Prediction p = detector.predict(image.rgb);
        outcome.score = p.score;
        outcome.defect = p.score >= detector.info().threshold;
        // Overlays show the file at its own size, also where scoring decoded it reduced.
        if (job.saveOverlay)
            outcome.overlayPath = job.saveOverlay(file, image.reduced() ? loadImageRgb(file) : image.rgb, p);
    } catch (const Error& e) {
        // One bad file must not stop a batch: report it and go on.
        outcome.error = e.what();
        logWarning(e.what());
    }
    return outcome;
}

} // namespace

json metricsJson(const CategoryMetrics& m)
{
    json metrics = {{"image_auroc", metricValue(m.imageAuroc)}, {"pixel_auroc", metricValue(m.pixelAuroc)},
                    {"aupro", metricValue(m.aupro)}, {"f1_max", metricValue(m.f1Max)}, {"ap", metricValue(m.ap)},
                    {"n_images", m.images}};
    if (!m.defectTypes.empty()) {
        json types = json::object();
        for (const DefectTypeMetrics& t : m.defectTypes)
            types[t.defectType] = {{"image_auroc", metricValue(t.imageAuroc)},
                                   {"pixel_auroc", metricValue(t.pixelAuroc)},
                                   {"pixel_auroc_within_images", metricValue(t.pixelAurocWithinImages)},
                                   {"aupro", metricValue(t.aupro)},
                                   {"defect_pixel_share", metricValue(t.defectPixelShare)},
                                   {"n_images", t.images}};
        metrics["defect_types"] = types;
    }
    return metrics;
}

std::string trainingCheckpointPath(const std::string& outputPath)
{
    return outputPath + ".checkpoint";
}

FitOutcome fitAndRecord(WorkRecorder& recorder, const FitJob& job, const ProgressContext& progress)
{
    // Before minutes of training, not after: the bundle's folder exists and takes files
    // (epoch checkpoints go there too).
    requireWritableOutput(job.outputPath);
    RecordedRun run(recorder, RunKind::Fit, job.runParams);
    return run.complete([&] {
        for (const Dataset* d : job.request.datasets)
            registerDataset(recorder, *d);
        FitOutcome outcome;
        const auto start = Clock::now();
        outcome.detector = trainDetector(job.request, progress);
        outcome.seconds = secondsSince(start);
        outcome.detector->info().provenance["train_seconds_total"] = outcome.seconds;
        if (!job.savingStage.text.empty()) {
            // The last cancellation point: after it the new file appears complete or not at all.
            progress.checkCancelled();
            progress.report(1.0, job.savingStage);
        }
        outcome.checksum = saveDetector(*outcome.detector, job.outputPath);
        // The model is saved: its epochs' checkpoint has done its job.
        if (!job.request.checkpointPath.empty())
            std::remove(job.request.checkpointPath.c_str());
        recordTrainedModel(recorder, run, job, outcome);
        return outcome;
    });
}

EvaluateOutcome evaluateAndRecord(WorkRecorder& recorder, Detector& detector, const EvaluateJob& job,
                                  const ProgressContext& progress)
{
    RecordedRun run(recorder, RunKind::Test, job.runParams);
    EvaluateOutcome outcome;
    outcome.modelId = run.linkModelByChecksum(detector.info().provenance.value("bundle_sha256", ""));
    return run.complete([&] {
        const ImageIndex images(recorder, job.datasets);
        const double threshold = detector.info().threshold;
        ResultBatches results(recorder, run.id(), job.commitEvery, job.commitSeconds);
        auto onImage = [&](const EvaluatedImage& e, const cv::Mat& full) {
            results.add(resultOf(e, threshold, images, job.saveMap ? job.saveMap(e, full) : std::string()));
        };
        try {
            outcome.report = evaluateDetector(detector, job.datasets, progress, onImage, job.withCurves);
        } catch (const Error&) {
            results.commitAfterStop();
            throw;
        }
        results.commit();
        if (job.publish)
            job.publish(outcome.report);
        recordModelMetrics(recorder, outcome);
        return std::move(outcome);
    });
}

std::vector<PredictedFile> predictAndRecord(WorkRecorder& recorder, Detector& detector, const PredictJob& job)
{
    RecordedRun run(recorder, RunKind::Predict, job.runParams);
    run.linkModelByChecksum(detector.info().provenance.value("bundle_sha256", ""));
    return run.complete([&] {
        std::vector<PredictedFile> outcomes;
        ResultBatches results(recorder, run.id(), job.commitEvery, job.commitSeconds);
        std::size_t scored = 0;
        // The next file decodes on a worker while this one is scored.
        ImagePrefetcher images(job.files, 1, modelInputDecoder(detector.info()));
        try {
            for (std::size_t i = 0; i < job.files.size(); ++i) {
                job.progress.checkCancelled();
                job.progress.report(double(i) / double(job.files.size()),
                                    engineText(DL_TR("Engine", "scoring %1"), job.files[i]));
                if (job.onFile)
                    job.onFile(i);
                outcomes.push_back(predictFile(detector, job, images, i));
                const PredictedFile& p = outcomes.back();
                if (p.error.empty()) {
                    results.add({std::nullopt, p.path, *p.score, p.defect, p.overlayPath});
                    ++scored;
                }
            }
        } catch (const Error&) {
            results.commitAfterStop();
            throw;
        }
        if (job.publish)
            job.publish(outcomes);
        results.commit();
        const std::size_t failures = outcomes.size() - scored;
        if (failures > 0 && failures == outcomes.size())
            throw Error("no input image could be scored (" + std::to_string(failures) + " failed)");
        return outcomes;
    });
}

} // namespace dl::workflow
