#include "workflow/DatasetRecording.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Sha256.h"
#include "data/ImageIO.h"

#include <opencv2/imgcodecs.hpp>

#include <filesystem>

namespace dl::workflow {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

DatasetEntry datasetEntry(const Dataset& d)
{
    return {fs::path(d.root).filename().string(), d.root, toString(d.format),
            json{{"category", d.options.category}, {"normal_class", d.options.normalClass},
                 {"test_fraction", d.options.testFraction}, {"seed", d.options.seed}}};
}

ImageEntry imageEntry(const Sample& s)
{
    ImageEntry image;
    image.path = s.path;
    image.relativePath = s.relativePath;
    image.contentHash = Sha256::ofFile(s.path);
    const ImageFileInfo info = inspectImageFile(s.path);
    image.width = info.size.width;
    image.height = info.size.height;
    image.split = toString(s.split);
    image.label = s.label;
    image.category = s.category;
    image.defectType = s.defectType;
    image.maskPath = s.maskPath;
    return image;
}

// Makes `sample` a labelled training defect with the annotation's mask, written
// once as a file; false when the mask is empty (a confirmed good part).
bool applyAnnotation(const AnnotationEntry& annotation, const fs::path& maskFolder, Sample& sample)
{
    const std::vector<uchar> png(annotation.maskPng.begin(), annotation.maskPng.end());
    const cv::Mat mask = cv::imdecode(png, cv::IMREAD_GRAYSCALE);
    if (mask.empty())
        throw Error("annotation " + std::to_string(annotation.id) + " of " + sample.path
                    + " in the database is not a readable PNG mask");
    if (cv::countNonZero(mask) == 0)
        return false;
    const std::string maskPath = (maskFolder / ("annotation_" + std::to_string(annotation.id) + ".png")).string();
    if (!fs::exists(maskPath))
        writeFileAtomically(maskPath, annotation.maskPng);
    sample.label = 1;
    sample.split = Split::Train;
    sample.maskPath = maskPath;
    if (sample.defectType.empty() || sample.defectType == "good")
        sample.defectType = "annotated";
    return true;
}

} // namespace

std::map<std::string, RecordId> registerDataset(WorkRecorder& recorder, const Dataset& d)
{
    if (!recorder.enabled())
        return {};
    const std::optional<RecordId> existing = recorder.findDataset(d.root);
    const RecordId datasetId = existing ? *existing : recorder.addDataset(datasetEntry(d));
    std::map<std::string, RecordId> ids = recorder.imagesOfDataset(datasetId);
    std::vector<ImageEntry> fresh;
    for (const Sample& s : d.samples)
        if (!ids.count(s.relativePath))
            fresh.push_back(imageEntry(s));
    if (!fresh.empty()) {
        const std::vector<RecordId> newIds = recorder.addImages(datasetId, fresh);
        for (std::size_t i = 0; i < fresh.size(); ++i)
            ids[fresh[i].relativePath] = newIds[i];
    }
    return ids;
}

int applyDatabaseLabels(WorkRecorder& recorder, Dataset& dataset)
{
    const std::optional<RecordId> datasetId = recorder.findDataset(dataset.root);
    if (!datasetId)
        return 0;
    std::map<std::string, Sample*> byPath;
    for (Sample& s : dataset.samples)
        byPath[s.relativePath] = &s;
    const fs::path maskFolder = recorder.annotationMaskFolder();
    int applied = 0;
    for (const AnnotationEntry& annotation : recorder.latestAnnotations(*datasetId)) {
        auto it = byPath.find(annotation.relativePath);
        if (it != byPath.end() && applyAnnotation(annotation, maskFolder, *it->second))
            ++applied;
    }
    return applied;
}

json describeDatasets(const std::vector<Dataset>& datasets)
{
    json data = json::array();
    for (const Dataset& d : datasets)
        data.push_back({{"path", d.root}, {"format", toString(d.format)}, {"categories", d.categories()}});
    return data;
}

std::vector<const Dataset*> pointersTo(const std::vector<Dataset>& datasets)
{
    std::vector<const Dataset*> out;
    for (const Dataset& d : datasets)
        out.push_back(&d);
    return out;
}

} // namespace dl::workflow
