// Image + same-name mask folders (Magnetic Tile): root/<class>[/Imgs]/<name>.jpg
// with <name>.png beside it. The layout has no split, so one is drawn here.
#include "common/Error.h"
#include "data/ImportSupport.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace dl::importsupport {

void importMaskFolder(Dataset& dataset)
{
    const fs::path root(dataset.root);
    const DatasetOptions& options = dataset.options;
    if (!(options.testFraction >= 0.0 && options.testFraction <= 1.0)) {
        std::ostringstream value;
        value << options.testFraction;
        throw Error("the test fraction must be between 0 and 1, got " + value.str());
    }
    const std::vector<fs::path> classFolders = listSubfolders(root);
    std::vector<std::string> classNames;
    for (const fs::path& folder : classFolders)
        classNames.push_back(folder.filename().string());
    if (classFolders.empty())
        throw Error::forFile(dataset.root, "contains no class folders (expected one folder per class holding images "
                                           "with same-name .png masks, e.g. MT_Free/Imgs/*.jpg)");
    if (options.normalClass.empty())
        throw Error::forFile(dataset.root, "name the class folder that holds the defect-free images (normal class); "
                                           "available classes: "
                                               + joinNames(classNames));
    if (std::find(classNames.begin(), classNames.end(), options.normalClass) == classNames.end())
        throw Error::forFile(dataset.root, "normal class '" + options.normalClass
                                               + "' is not a class folder here; available classes: "
                                               + joinNames(classNames));
    const std::string category = options.category.empty() ? root.filename().string() : options.category;

    std::vector<Sample> normals;
    std::vector<Sample> defects;
    for (const fs::path& classFolder : classFolders) {
        const std::string className = classFolder.filename().string();
        const fs::path imageFolder = isFolder(classFolder / "Imgs") ? classFolder / "Imgs" : classFolder;
        const FolderImages listing = listImagesIn(imageFolder);
        const std::vector<ImageWithMask> pairs = pairImagesWithMasks(listing.images);
        if (pairs.empty())
            throw Error::forFile(imageFolder.string(), "class folder contains no images");
        skipFiles(dataset, listing.others, "not an image type the importer reads; ignored");
        skipUnusable(dataset, listing);
        const bool normal = className == options.normalClass;
        for (const ImageWithMask& pair : pairs) {
            Sample sample;
            sample.path = pair.image.string();
            sample.relativePath = relativeTo(pair.image, root);
            sample.category = category;
            sample.split = Split::Test;
            sample.label = normal ? 0 : 1;
            sample.defectType = normal ? "good" : className;
            if (normal) {
                // Defect-free by the user's word; their masks (all zero) carry nothing.
                normals.push_back(std::move(sample));
            } else if (pair.mask.empty()) {
                dataset.skipped.push_back({sample.path, "defect image has no same-name .png mask beside it"});
            } else {
                sample.maskPath = pair.mask.string();
                defects.push_back(std::move(sample));
            }
        }
    }

    // Split only the usable normal images, in sorted order, so that the draw
    // depends on the seed and the file names alone.
    const std::size_t firstNormal = dataset.samples.size();
    admitSamples(dataset, normals, options.validateImages);
    const auto normalBegin = dataset.samples.begin() + std::ptrdiff_t(firstNormal);
    std::sort(normalBegin, dataset.samples.end(),
              [](const Sample& a, const Sample& b) { return a.relativePath < b.relativePath; });
    const std::size_t normalCount = dataset.samples.size() - firstNormal;
    std::vector<std::size_t> order(normalCount);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::mt19937 rng(options.seed);
    seededShuffle(order, rng);
    const auto testCount = std::size_t(std::floor(options.testFraction * double(normalCount) + 0.5));
    for (std::size_t rank = 0; rank < normalCount; ++rank)
        dataset.samples[firstNormal + order[rank]].split = rank < testCount ? Split::Test : Split::Train;

    admitSamples(dataset, defects, options.validateImages); // every defect image is a test image
}

} // namespace dl::importsupport
