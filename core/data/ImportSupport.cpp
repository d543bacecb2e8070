#include "data/ImportSupport.h"

#include "common/Error.h"
#include "data/ImageIO.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>
#include <map>

#include <sys/stat.h>

namespace dl::importsupport {

namespace {

bool isHidden(const fs::path& path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name[0] == '.'; // .DS_Store, ._resource forks, .git
}

// Why a folder entry that is neither a regular file nor a folder cannot be
// read (after following symbolic links).
std::string unusableEntryReason(const fs::path& entry)
{
    struct stat info {};
    if (::stat(entry.c_str(), &info) != 0) {
        if (errno == ELOOP)
            return "a symbolic link loop; skipped";
        if (errno == ENOENT)
            return "a symbolic link to a missing file; skipped";
        return std::string("cannot be read: ") + std::strerror(errno) + "; skipped";
    }
    if (S_ISFIFO(info.st_mode))
        return "a FIFO (named pipe), not a file; skipped";
    if (S_ISSOCK(info.st_mode))
        return "a socket, not a file; skipped";
    return "a device, not a file; skipped";
}

std::string sizeText(const cv::Size& size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

// Why a found sample cannot be used, or "" when it can.
std::string admissionProblem(const Sample& sample, const fs::path& resolvedRoot, bool validateImages)
{
    // A list file (VisA's csv) or a symbolic link can point anywhere; the
    // dataset is what lies below its root, and nothing else is ever opened.
    if (!resolvesInside(sample.path, resolvedRoot))
        return "refused: the image lies outside the dataset folder " + resolvedRoot.string()
               + " (after resolving '..' and symbolic links)";
    const bool hasMask = !sample.maskPath.empty();
    if (hasMask && !resolvesInside(sample.maskPath, resolvedRoot))
        return "refused: its mask " + sample.maskPath + " lies outside the dataset folder " + resolvedRoot.string()
               + " (after resolving '..' and symbolic links)";
    ImageFileInfo image;
    if (validateImages || hasMask) {
        image = inspectImageFile(sample.path);
        if (!image.problem.empty())
            return image.problem;
    }
    if (!hasMask)
        return {};
    const std::string maskName = fs::path(sample.maskPath).filename().string();
    const ImageFileInfo mask = inspectImageFile(sample.maskPath);
    if (!mask.problem.empty())
        return "mask " + maskName + ": " + mask.problem;
    cv::Size imageSize = image.size;
    cv::Size maskSize = mask.size;
    if (imageSize.empty() || maskSize.empty()) {
        // A format whose header does not state the size cheaply: decode when
        // validating, otherwise leave the size check to whoever loads the mask.
        if (!validateImages)
            return {};
        try {
            if (imageSize.empty())
                imageSize = loadImageRgb(sample.path).size();
            if (maskSize.empty())
                maskSize = loadMask(sample.maskPath).size();
        } catch (const Error& e) {
            return e.what(); // becomes the skip reason; the message names the file
        }
    }
    if (imageSize != maskSize)
        return "mask " + maskName + " is " + sizeText(maskSize) + " but the image is " + sizeText(imageSize);
    return {};
}

} // namespace

fs::path resolveRoot(const std::string& root)
{
    if (root.empty())
        throw Error("no dataset folder was given");
    fs::path path = fs::absolute(fs::path(root)).lexically_normal();
    if (path.filename().empty() && path.has_parent_path() && path != path.root_path())
        path = path.parent_path(); // "data/set/" -> "data/set"
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status))
        throw Error::forFile(path.string(), "dataset folder does not exist");
    if (!fs::is_directory(status))
        throw Error::forFile(path.string(), "is a file, not a dataset folder");
    return path;
}

std::vector<fs::path> listFolder(const fs::path& folder)
{
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec)
        throw Error::forFile(folder.string(), "cannot list folder: " + ec.message());
    std::vector<fs::path> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec)
            throw Error::forFile(folder.string(), "cannot list folder: " + ec.message());
        if (!isHidden(it->path()))
            entries.push_back(it->path());
    }
    if (ec)
        throw Error::forFile(folder.string(), "cannot list folder: " + ec.message());
    std::sort(entries.begin(), entries.end());
    return entries;
}

bool resolvesInside(const fs::path& path, const fs::path& resolvedRoot)
{
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(path, ec);
    if (ec)
        return false;
    const fs::path relative = resolved.lexically_relative(resolvedRoot);
    return !relative.empty() && *relative.begin() != ".." && relative.is_relative();
}

bool isFolder(const fs::path& path)
{
    std::error_code ec;
    return fs::is_directory(path, ec);
}

bool isFile(const fs::path& path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::vector<fs::path> listSubfolders(const fs::path& folder)
{
    std::vector<fs::path> folders;
    for (const fs::path& entry : listFolder(folder))
        if (isFolder(entry))
            folders.push_back(entry);
    return folders;
}

FolderImages listImagesIn(const fs::path& folder)
{
    FolderImages listing;
    for (const fs::path& entry : listFolder(folder)) {
        if (isFolder(entry))
            continue;
        if (!isFile(entry))
            listing.unusable.push_back({entry.string(), unusableEntryReason(entry)});
        else
            (hasImageExtension(entry.string()) ? listing.images : listing.others).push_back(entry);
    }
    return listing;
}

FolderImages listImagesRecursive(const fs::path& folder)
{
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, ec);
    if (ec)
        throw Error::forFile(folder.string(), "cannot list folder: " + ec.message());
    FolderImages listing;
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            throw Error::forFile(folder.string(), "cannot list folder: " + ec.message());
        if (isHidden(it->path())) {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (isFolder(it->path()))
            continue;
        if (!isFile(it->path()))
            listing.unusable.push_back({it->path().string(), unusableEntryReason(it->path())});
        else if (hasImageExtension(it->path().string()))
            listing.images.push_back(it->path());
    }
    if (ec)
        throw Error::forFile(folder.string(), "cannot list folder: " + ec.message());
    std::sort(listing.images.begin(), listing.images.end(), [&](const fs::path& a, const fs::path& b) {
        return relativeTo(a, folder) < relativeTo(b, folder);
    });
    return listing;
}

std::string relativeTo(const fs::path& path, const fs::path& root)
{
    return path.lexically_relative(root).generic_string();
}

std::string lowerCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::string joinNames(const std::vector<std::string>& names)
{
    std::string joined;
    for (const std::string& name : names)
        joined += (joined.empty() ? "" : ", ") + name;
    return joined.empty() ? "(none)" : joined;
}

void admitSamples(Dataset& dataset, std::vector<Sample>& found, bool validateImages)
{
    std::error_code ec;
    fs::path resolvedRoot = fs::canonical(dataset.root, ec);
    if (ec)
        throw Error::forFile(dataset.root, "cannot resolve the dataset folder: " + ec.message());
    for (Sample& sample : found) {
        const std::string problem = admissionProblem(sample, resolvedRoot, validateImages);
        if (problem.empty())
            dataset.samples.push_back(std::move(sample));
        else
            dataset.skipped.push_back({sample.path, problem});
    }
    found.clear();
}

void skipFiles(Dataset& dataset, const std::vector<fs::path>& files, const std::string& reason)
{
    for (const fs::path& file : files)
        dataset.skipped.push_back({file.string(), reason});
}

void skipUnusable(Dataset& dataset, const FolderImages& listing)
{
    dataset.skipped.insert(dataset.skipped.end(), listing.unusable.begin(), listing.unusable.end());
}

void sortSamples(std::vector<Sample>& samples)
{
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) {
        if (a.relativePath != b.relativePath)
            return a.relativePath < b.relativePath;
        return a.category < b.category;
    });
}

} // namespace dl::importsupport

namespace dl::importsupport {

std::vector<ImageWithMask> pairImagesWithMasks(const std::vector<fs::path>& files)
{
    // Look-up by file name, with the extension's case ignored (".PNG" masks occur).
    auto key = [](const fs::path& file) {
        return file.stem().string() + lowerCase(file.extension().string());
    };
    std::map<std::string, std::size_t> indexByKey;
    for (std::size_t i = 0; i < files.size(); ++i)
        indexByKey.emplace(key(files[i]), i);

    std::vector<fs::path> masks(files.size());
    std::vector<bool> isMask(files.size(), false);
    auto takeMask = [&](std::size_t image, const std::string& maskKey) {
        const auto found = indexByKey.find(maskKey);
        if (found == indexByKey.end() || found->second == image || isMask[found->second] || !masks[image].empty())
            return;
        masks[image] = files[found->second];
        isMask[found->second] = true;
    };
    // Same-name masks first ("a.jpg" + "a.png"), so that "a.png" is never taken as an image.
    for (std::size_t i = 0; i < files.size(); ++i)
        if (lowerCase(files[i].extension().string()) != ".png")
            takeMask(i, files[i].stem().string() + ".png");
    for (std::size_t i = 0; i < files.size(); ++i)
        if (!isMask[i])
            takeMask(i, files[i].stem().string() + "_mask.png");

    std::vector<ImageWithMask> pairs;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (!isMask[i])
            pairs.push_back({files[i], masks[i]});
    return pairs;
}

} // namespace dl::importsupport
