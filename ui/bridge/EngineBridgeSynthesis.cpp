// EngineBridge's synthesis lane: the preview's SDAS generations. A job loads the
// SDAS model on its worker unless the previous job left the same one loaded, then
// generates the images (SdasGenerator honours cancellation between sampling steps).
#include "ui/bridge/EngineBridge.h"

#include "methods/sdas/SdasGenerator.h"
#include "ui/common/ImageConvert.h"

#include <QFile>

#include <chrono>

namespace dl::ui {

void EngineBridge::generateSynthesis(const SynthesisRequest& request)
{
    // The newest request wins: the running generation is cancelled, a waiting one dropped.
    synthesisLane_->cancel();
    const std::string loadStage = tr("Loading SDAS model %1").arg(request.modelPath).toStdString();
    const std::string generateStage = tr("Generating %n image(s)", nullptr, request.count).toStdString();
    synthesisLane_->enqueue({int(JobKind::Synthesize), tr("Synthesis preview"), [=]() -> Work {
        emit synthesisStarted(request);
        // The model the last job loaded, when it is the one asked for (read on the GUI thread).
        std::shared_ptr<const SdasGenerator> cached = generatorPath_ == request.modelPath ? generator_ : nullptr;
        const std::string path = QFile::encodeName(request.modelPath).toStdString();
        return [=](const ProgressContext& progress) -> Delivery {
            std::shared_ptr<const SdasGenerator> generator = cached;
            if (!generator) {
                progress.report(0.0, loadStage);
                generator = SdasGenerator::load(path);
                progress.checkCancelled();
            }
            progress.report(0.05, generateStage);
            const auto start = std::chrono::steady_clock::now();
            const std::vector<cv::Mat> images
                = generator->generate(request.count, request.strength, request.strength, request.seed,
                                      request.category.toStdString(), progress.sub(0.05, 1.0), request.steps);
            SynthesisResult result;
            result.request = request;
            result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            result.resolution = generator->resolution();
            for (const std::string& category : generator->categories())
                result.categories << QString::fromStdString(category);
            for (const cv::Mat& image : images)
                result.images << toQImage(image);
            return [this, generator, result] {
                generator_ = generator;
                generatorPath_ = result.request.modelPath;
                emit synthesisGenerated(result);
            };
        };
    }});
}

void EngineBridge::cancelSynthesis()
{
    synthesisLane_->cancel();
}

} // namespace dl::ui
