#include "data/Importers.h"

#include "common/Error.h"
#include "data/ImageIO.h"
#include "data/ImportSupport.h"

#include <algorithm>
#include <system_error>
#include <map>
#include <random>

namespace dl {

using namespace importsupport;

namespace {

bool holdsImageMaskPairs(const fs::path& folder)
{
    for (const ImageWithMask& pair : pairImagesWithMasks(listImagesIn(folder).images))
        if (!pair.mask.empty())
            return true;
    return false;
}

} // namespace

namespace importsupport {

void importFolder(Dataset& dataset)
{
    const fs::path root(dataset.root);
    const FolderImages listing = listImagesRecursive(root);
    const std::vector<fs::path>& images = listing.images;
    skipUnusable(dataset, listing);
    if (images.empty())
        throw Error::forFile(dataset.root, "folder contains no image files (looked for .png, .jpg, .jpeg, .bmp, .tif, "
                                           ".tiff, .webp, .pbm, .pgm, .ppm, .pnm in all subfolders)");
    const std::string category =
        dataset.options.category.empty() ? root.filename().string() : dataset.options.category;
    // A plain folder is a set of defect-free training images (normal-only training).
    std::vector<Sample> found;
    for (const fs::path& image : images) {
        Sample sample;
        sample.path = image.string();
        sample.relativePath = relativeTo(image, root);
        sample.category = category;
        sample.split = Split::Train;
        sample.label = 0;
        sample.defectType = "good";
        found.push_back(std::move(sample));
    }
    admitSamples(dataset, found, dataset.options.validateImages);
}

} // namespace importsupport

DatasetFormat detectDatasetFormat(const std::string& rootText)
{
    const fs::path root = resolveRoot(rootText);
    if (isFolder(root / "train" / "good"))
        return DatasetFormat::MvTec;
    if (isFile(root / "split_csv" / "1cls.csv"))
        return DatasetFormat::Visa;
    // Importing a broken MVTec tree as a plain folder would silently train on
    // its defect images, so a half MVTec layout is an error, not a folder.
    if (isFolder(root / "train") && (isFolder(root / "test") || isFolder(root / "ground_truth")))
        throw Error::forFile((root / "train").string(),
                             "looks like an MVTec AD dataset but has no train/good folder of defect-free images");
    for (const fs::path& folder : listSubfolders(root)) {
        if (isFolder(folder / "Imgs") || holdsImageMaskPairs(folder))
            return DatasetFormat::MaskFolder;
    }
    return DatasetFormat::Folder;
}

Dataset importDataset(const std::string& root, const DatasetOptions& options)
{
    Dataset dataset;
    dataset.root = resolveRoot(root).string();
    dataset.format = options.format == DatasetFormat::Auto ? detectDatasetFormat(dataset.root) : options.format;
    dataset.options = options;
    dataset.options.format = dataset.format;
    switch (dataset.format) {
    case DatasetFormat::MvTec:
        importMvTec(dataset);
        break;
    case DatasetFormat::MaskFolder:
        importMaskFolder(dataset);
        break;
    case DatasetFormat::Visa:
        importVisa(dataset);
        break;
    case DatasetFormat::Folder:
    case DatasetFormat::Auto: // unreachable: resolved above
        importFolder(dataset);
        break;
    }
    sortSamples(dataset.samples);
    if (dataset.samples.empty()) {
        std::string detail;
        if (!dataset.skipped.empty())
            detail = " (first: " + dataset.skipped.front().path + ": " + dataset.skipped.front().reason + ")";
        throw Error::forFile(dataset.root, "no usable images: all " + std::to_string(dataset.skipped.size())
                                               + " files found were skipped" + detail);
    }
    return dataset;
}

std::vector<std::string> listImageFiles(const std::string& dirOrFile)
{
    if (dirOrFile.empty())
        throw Error("no image file or folder was given");
    const fs::path path = fs::absolute(fs::path(dirOrFile)).lexically_normal();
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
        if (ec == std::errc::too_many_symbolic_link_levels)
            throw Error::forFile(dirOrFile, "is a symbolic link loop (it leads back to itself)");
        std::error_code linkError;
        if (fs::is_symlink(fs::symlink_status(path, linkError)))
            throw Error::forFile(dirOrFile, "is a symbolic link to a file that does not exist");
        throw Error::forFile(dirOrFile, "does not exist");
    }
    if (!fs::is_directory(status))
        return {path.string()}; // an explicit file is taken as given; decoding reports non-images
    std::vector<std::string> files;
    const FolderImages listing = listImagesRecursive(path);
    for (const fs::path& image : listing.images)
        files.push_back(image.string());
    // A FIFO or link loop named like an image is listed, so scoring reports it
    // (by name, with the problem) instead of leaving it out without a word.
    for (const SkippedFile& entry : listing.unusable)
        if (hasImageExtension(entry.path))
            files.push_back(entry.path);
    if (files.empty())
        throw Error::forFile(dirOrFile, "folder contains no image files (.png, .jpg, .jpeg, .bmp, .tif, .tiff, "
                                        ".webp, .pbm, .pgm, .ppm, .pnm)");
    return files;
}

void moveNamedDefectsToTrain(Dataset& dataset, const std::vector<std::string>& relativePaths)
{
    std::map<std::string, Sample*> testDefects;
    for (Sample& sample : dataset.samples)
        if (sample.split == Split::Test && sample.label == 1 && !sample.maskPath.empty())
            testDefects[sample.relativePath] = &sample;
    for (const std::string& path : relativePaths) {
        const auto found = testDefects.find(path);
        if (found == testDefects.end())
            throw Error::forFile(dataset.root + "/" + path,
                                 "is not a defect image with a mask in the test split, so it cannot be a labelled "
                                 "training defect");
        found->second->split = Split::Train;
    }
}

void moveLabelledDefectsToTrain(Dataset& dataset, int count, unsigned seed, LabelledDraw draw)
{
    if (count < 0)
        throw Error("the number of labelled defect images to train on cannot be negative (" + std::to_string(count)
                    + ")");
    // Groups keyed by category and defect type; std::map keeps them in a fixed order.
    std::map<std::string, std::vector<Sample*>> byDefectType;
    std::size_t available = 0;
    for (Sample& sample : dataset.samples) {
        if (sample.split == Split::Test && sample.label == 1 && !sample.maskPath.empty()) {
            byDefectType[sample.category + '\n' + sample.defectType].push_back(&sample);
            ++available;
        }
    }
    if (available < std::size_t(count)) {
        const std::string problem = "cannot move " + std::to_string(count)
                                    + " labelled defect images to training: the test split holds only "
                                    + std::to_string(available) + " defect images with masks";
        throw dataset.root.empty() ? Error(problem) : Error::forFile(dataset.root, problem);
    }
    std::mt19937 rng(seed);
    std::vector<std::vector<Sample*>> groups;
    for (auto& [key, samples] : byDefectType) {
        std::sort(samples.begin(), samples.end(),
                  [](const Sample* a, const Sample* b) { return a->relativePath < b->relativePath; });
        seededShuffle(samples, rng);
        groups.push_back(samples);
    }
    if (draw == LabelledDraw::Proportional) {
        // The k-th image goes to the type furthest below its share of k images, so
        // every prefix of the order is as close to the types' proportions as whole
        // images allow (and the sets of smaller counts are nested in larger ones).
        std::vector<std::size_t> taken(groups.size(), 0);
        for (int k = 0; k < count; ++k) {
            std::size_t best = groups.size();
            double bestDeficit = 0;
            for (std::size_t g = 0; g < groups.size(); ++g) {
                if (taken[g] == groups[g].size()) continue;
                const double deficit = double(groups[g].size()) * double(k + 1) / double(available) - double(taken[g]);
                if (best == groups.size() || deficit > bestDeficit + 1e-12) {
                    best = g;
                    bestDeficit = deficit;
                }
            }
            groups[best][taken[best]++]->split = Split::Train;
        }
        return;
    }
    // Round-robin over the defect types, so that every type is represented
    // before any type gets a second image.
    int moved = 0;
    for (std::size_t round = 0; moved < count; ++round) {
        for (const std::vector<Sample*>& group : groups) {
            if (moved == count)
                break;
            if (round < group.size()) {
                group[round]->split = Split::Train;
                ++moved;
            }
        }
    }
}

} // namespace dl
