#include "cli/SynthCommands.h"

#include "cli/Commands.h"
#include "common/Error.h"
#include "common/FileUtil.h"
#include "data/ImageIO.h"
#include "methods/sdas/SdasGenerator.h"
#include "methods/sdas/SdasNovelty.h"
#include "methods/sdas/SdasTraining.h"
#include "workflow/DatasetRecording.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace dl::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string categoryOf(const CliOptions& o, const SdasGenerator& generator)
{
    return o.category.empty() ? generator.categories().front() : o.category;
}

// --out: N images as DIR/sample_0000.png ...
int writeSamples(const CliOptions& o, const SdasGenerator& generator)
{
    const std::vector<cv::Mat> images = generator.generate(o.count, o.strengthMin, o.strengthMax, o.labelSeed,
                                                           o.category, stderrProgress(o), o.steps);
    makeDirectories(o.outPath);
    json files = json::array();
    for (std::size_t i = 0; i < images.size(); ++i) {
        cv::Mat image = images[i];
        if (o.size > 0 && o.size != image.cols) {
            cv::Mat resized;
            cv::resize(image, resized, cv::Size(o.size, o.size), 0, 0,
                       o.size < image.cols ? cv::INTER_AREA : cv::INTER_CUBIC);
            image = resized;
        }
        char name[32];
        std::snprintf(name, sizeof(name), "sample_%04zu.png", i);
        const std::string file = (fs::path(o.outPath) / name).string();
        writeImage(file, image);
        files.push_back(file);
    }
    std::cout << json({{"model", o.modelPath}, {"out", o.outPath}, {"count", images.size()},
                       {"strength", {{"min", o.strengthMin}, {"max", o.strengthMax}}}, {"seed", o.labelSeed},
                       {"category", categoryOf(o, generator)},
                       {"steps", o.steps}, {"size", o.size > 0 ? o.size : generator.resolution()},
                       {"files", files}}).dump(2)
              << std::endl;
    return 0;
}

// The normal training images of --data in the sampled category.
std::vector<std::string> trainingPaths(const CliOptions& o, const std::string& category)
{
    const std::vector<Dataset> datasets = importAll(o);
    const FitInput input = sdasFitInput(workflow::pointersTo(datasets)); // throws when there is no normal image
    std::vector<std::string> paths;
    for (const Sample& s : input.normal)
        if (s.category == category)
            paths.push_back(s.path);
    if (paths.empty()) {
        std::string known;
        for (const std::string& c : input.categories) known += (known.empty() ? "" : ", ") + c;
        throw Error("--data holds no normal training image of the category '" + category + "' (it holds: " + known
                    + "); choose the model's category with --category");
    }
    return paths;
}

json rowJson(const SdasNoveltyRow& row, bool withStrength)
{
    json out = {{"mean", row.mean}, {"stdev", row.stdev}, {"min", row.min}, {"max", row.max},
                {"count", row.distances.size()}, {"distances", row.distances}};
    if (withStrength)
        out["strength"] = row.strength;
    return out;
}

void printTable(const CliOptions& o, const SdasNovelty& n)
{
    std::printf("SDAS novelty of %s, category %s: %d samples per strength, seed %u\n", o.modelPath.c_str(),
                n.category.c_str(), o.count, o.labelSeed);
    std::printf("distance to the nearest of %d training images (MobileNetV2 %s, average-pooled, L2-normalised; "
                "images at %d px, upsampled to %d px)\n\n",
                n.trainingImages, n.tap.c_str(), n.resolution, n.embedSize);
    std::printf("%-26s %8s %8s %8s %8s %8s\n", "row", "mean", "stdev", "min", "max", "/ ref");
    const auto line = [&](const std::string& label, const SdasNoveltyRow& r) {
        std::printf("%-26s %8.4f %8.4f %8.4f %8.4f %8.2f\n", label.c_str(), r.mean, r.stdev, r.min, r.max,
                    n.reference.mean > 0 ? r.mean / n.reference.mean : 0.0);
    };
    line("training (leave-one-out)", n.reference);
    for (const SdasNoveltyRow& r : n.rows)
        line(sdasStrengthLabel(r.strength), r);
    std::fflush(stdout);
}

void writeSheet(const CliOptions& o, const std::vector<std::vector<cv::Mat>>& rows)
{
    std::vector<std::string> labels;
    for (double s : o.strengths)
        labels.push_back(sdasStrengthLabel(s));
    writeImage(o.gridPath, sdasSampleSheet(rows, labels, o.size));
}

// --measure-novelty (with --grid: the sheet of the same samples).
int measureNovelty(const CliOptions& o, const SdasGenerator& generator)
{
    if (o.backboneArchitecture != "mobilenetv2")
        throw Error("synth --measure-novelty embeds with MobileNetV2; --backbone " + o.backboneArchitecture
                    + " is not supported here");
    SdasNoveltyOptions options;
    options.strengths = o.strengths;
    options.count = o.count;
    options.seed = o.labelSeed;
    options.category = o.category;
    options.steps = o.steps;
    options.tap = o.tap;
    options.backbone.weightsPath = o.weightsPath;
    options.keepSamples = !o.gridPath.empty();
    const SdasNovelty n =
        measureSdasNovelty(generator, trainingPaths(o, categoryOf(o, generator)), options, stderrProgress(o));
    printTable(o, n);
    if (!o.jsonPath.empty()) {
        json rows = json::array();
        for (const SdasNoveltyRow& r : n.rows)
            rows.push_back(rowJson(r, true));
        const json out = {{"model", o.modelPath}, {"category", n.category}, {"seed", o.labelSeed},
                          {"count", o.count}, {"steps", o.steps}, {"tap", n.tap}, {"resolution", n.resolution},
                          {"embed_size", n.embedSize}, {"training_images", n.trainingImages},
                          {"reference", rowJson(n.reference, false)}, {"strengths", rows}};
        writeFileAtomically(o.jsonPath, out.dump(2) + "\n");
    }
    if (!o.gridPath.empty()) {
        std::vector<std::vector<cv::Mat>> rows;
        for (const SdasNoveltyRow& r : n.rows)
            rows.push_back(r.samples);
        writeSheet(o, rows);
    }
    return 0;
}

// --grid alone: count samples per strength, one row each.
int writeGrid(const CliOptions& o, const SdasGenerator& generator)
{
    const ProgressContext progress = stderrProgress(o);
    std::vector<std::vector<cv::Mat>> rows;
    for (std::size_t k = 0; k < o.strengths.size(); ++k) {
        const double s = o.strengths[k];
        rows.push_back(generator.generate(o.count, s, s, o.labelSeed, o.category,
                                          progress.sub(double(k) / o.strengths.size(),
                                                       double(k + 1) / o.strengths.size()),
                                          o.steps));
    }
    writeSheet(o, rows);
    std::cout << json({{"model", o.modelPath}, {"grid", o.gridPath}, {"strengths", o.strengths},
                       {"count", o.count}, {"seed", o.labelSeed}, {"category", categoryOf(o, generator)},
                       {"steps", o.steps}, {"size", o.size > 0 ? o.size : generator.resolution()}}).dump(2)
              << std::endl;
    return 0;
}

} // namespace

int runSynth(const CliOptions& o)
{
    const std::unique_ptr<SdasGenerator> generator = SdasGenerator::load(o.modelPath);
    if (o.measureNovelty)
        return measureNovelty(o, *generator);
    if (!o.gridPath.empty())
        return writeGrid(o, *generator);
    return writeSamples(o, *generator);
}

} // namespace dl::cli
