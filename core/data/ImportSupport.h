#pragma once
// Internal helpers shared by the dataset importers (core/data/Import*.cpp).
// Not part of the public data API: include only from core/data/*.cpp.
#include "common/UniformRandom.h"
#include "data/Dataset.h"

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace dl::importsupport {

namespace fs = std::filesystem;

// The dataset root as an absolute, normalised path without a trailing slash.
// Throws dl::Error when it is empty, missing or not a folder.
fs::path resolveRoot(const std::string& root);

// Sorted, non-hidden entries of a folder; throws dl::Error naming it when unreadable.
std::vector<fs::path> listFolder(const fs::path& folder);
std::vector<fs::path> listSubfolders(const fs::path& folder);

struct FolderImages {
    std::vector<fs::path> images; // files with an image extension, sorted
    std::vector<fs::path> others;  // other regular files, sorted (listImagesIn only)
    // Entries that are neither regular files nor folders once links are
    // followed (FIFOs, sockets, devices, link loops, dangling links), with why.
    std::vector<SkippedFile> unusable;
};
FolderImages listImagesIn(const fs::path& folder); // not recursive
FolderImages listImagesRecursive(const fs::path& folder);

// True when `path`, with '..' and symbolic links resolved, lies below
// `resolvedRoot` (itself fs::canonical).
bool resolvesInside(const fs::path& path, const fs::path& resolvedRoot);

bool isFolder(const fs::path& path);
bool isFile(const fs::path& path);

std::string relativeTo(const fs::path& path, const fs::path& root); // '/'-separated
std::string lowerCase(std::string text);
std::string joinNames(const std::vector<std::string>& names);

// An image and its ground-truth mask found side by side in one folder.
struct ImageWithMask {
    fs::path image;
    fs::path mask; // empty when the image has no mask beside it
};
// Pairs the image files of one folder: "<name>.<ext>" takes "<name>.png" as its
// mask when <ext> is not png, otherwise "<name>_mask.png". Files taken as masks
// are not images. The result keeps the sorted order of `files`.
std::vector<ImageWithMask> pairImagesWithMasks(const std::vector<fs::path>& files);

// Checks the samples an importer found and moves the usable ones into
// dataset.samples, the others into dataset.skipped with the reason. A sample
// (or mask) that resolves outside the dataset root is refused. A sample's
// mask is always checked (headers only) for readability and for the same size
// as its image; images without a mask are probed only when `validateImages`.
void admitSamples(Dataset& dataset, std::vector<Sample>& found, bool validateImages);

// Lists `files` (usually non-image files in a class folder) as skipped with `reason`.
void skipFiles(Dataset& dataset, const std::vector<fs::path>& files, const std::string& reason);
// Lists a folder's unusable entries (FIFOs, link loops, ...) as skipped.
void skipUnusable(Dataset& dataset, const FolderImages& listing);

// Seeded Fisher-Yates over uniformBelow (common/UniformRandom.h), identical everywhere.
template <typename T>
void seededShuffle(std::vector<T>& items, std::mt19937& rng)
{
    for (std::size_t i = items.size(); i > 1; --i) { // Fisher-Yates, from the back
        const std::size_t j = uniformBelow(rng, std::uint32_t(i));
        std::swap(items[i - 1], items[j]);
    }
}

void sortSamples(std::vector<Sample>& samples);

// The per-format importers; `root` is resolved, options.format already set.
void importMvTec(Dataset& dataset);
void importMaskFolder(Dataset& dataset);
void importVisa(Dataset& dataset);
void importFolder(Dataset& dataset);

} // namespace dl::importsupport
