#include "workflow/SdasFit.h"

#include "common/FileUtil.h"
#include "workflow/DatasetRecording.h"
#include "workflow/RecordedRun.h"

namespace dl::workflow {

SdasFitOutcome fitSdasAndRecord(WorkRecorder& recorder, const SdasFitJob& job, const ProgressContext& progress)
{
    requireWritableOutput(job.outputPath); // before training, not after
    RecordedRun run(recorder, RunKind::Fit, job.runParams);
    return run.complete([&] {
        for (const Dataset* d : job.datasets)
            registerDataset(recorder, *d);
        SdasFitOutcome outcome;
        outcome.fit = trainSdasModel(sdasFitInput(job.datasets), job.params, job.outputPath, progress);
        if (recorder.enabled()) {
            ModelEntry model;
            model.method = kSdasMethod;
            model.categories = outcome.fit.categories;
            model.bundlePath = job.outputPath;
            model.bundleChecksum = outcome.fit.checksum;
            model.metrics = {{"kind", "synthesis"},
                             {"fit_seconds", outcome.fit.seconds},
                             {"iterations", outcome.fit.iterations}};
            outcome.modelId = recorder.addModel(model);
            run.linkModel(outcome.modelId);
        }
        return outcome;
    });
}

} // namespace dl::workflow
