// MVTec AD layout: train/good/*, test/<type>/*, ground_truth/<type>/<name>_mask.png.
#include "common/Error.h"
#include "data/ImportSupport.h"

namespace dl::importsupport {

namespace {

const char* const kNotAnImageReason = "not an image type the importer reads; ignored";

// The image files of one class folder; an empty class folder is an error
// because it almost always means a copy went wrong.
std::vector<fs::path> classFolderImages(Dataset& dataset, const fs::path& folder)
{
    FolderImages listing = listImagesIn(folder);
    if (listing.images.empty())
        throw Error::forFile(folder.string(), "class folder contains no images");
    skipFiles(dataset, listing.others, kNotAnImageReason);
    skipUnusable(dataset, listing);
    return listing.images;
}

} // namespace

void importMvTec(Dataset& dataset)
{
    const fs::path root(dataset.root);
    const std::string category =
        dataset.options.category.empty() ? root.filename().string() : dataset.options.category;
    const fs::path trainGood = root / "train" / "good";
    if (!isFolder(trainGood))
        throw Error::forFile(trainGood.string(), "folder is missing: an MVTec AD dataset keeps its defect-free "
                                                 "training images in train/good");

    std::vector<Sample> found;
    auto makeSample = [&](const fs::path& image, Split split, int label, const std::string& defectType) {
        Sample sample;
        sample.path = image.string();
        sample.relativePath = relativeTo(image, root);
        sample.category = category;
        sample.split = split;
        sample.label = label;
        sample.defectType = defectType;
        return sample;
    };

    for (const fs::path& image : classFolderImages(dataset, trainGood))
        found.push_back(makeSample(image, Split::Train, 0, "good"));

    const fs::path testRoot = root / "test";
    if (isFolder(testRoot)) { // a training-only copy without test/ is allowed
        for (const fs::path& typeFolder : listSubfolders(testRoot)) {
            const std::string defectType = typeFolder.filename().string();
            const bool normal = defectType == "good";
            for (const fs::path& image : classFolderImages(dataset, typeFolder)) {
                Sample sample = makeSample(image, Split::Test, normal ? 0 : 1, defectType);
                if (!normal) {
                    const std::string maskName = image.stem().string() + "_mask.png";
                    const fs::path mask = root / "ground_truth" / defectType / maskName;
                    if (!isFile(mask)) {
                        dataset.skipped.push_back({sample.path, "defect image has no ground-truth mask (expected "
                                                                    + relativeTo(mask, root) + ")"});
                        continue;
                    }
                    sample.maskPath = mask.string();
                }
                found.push_back(std::move(sample));
            }
        }
    }
    admitSamples(dataset, found, dataset.options.validateImages);
}

} // namespace dl::importsupport
