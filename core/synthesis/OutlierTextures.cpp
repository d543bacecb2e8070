// locateOutlierTextures(): where the outlier textures for synthesis come from.
#include "synthesis/AnomalySynthesizer.h"

#include "common/Error.h"
#include "data/Importers.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#if defined(__linux__)
#include <unistd.h>
#endif

namespace dl {
namespace {
namespace fs = std::filesystem;

// Images of an explicitly configured folder; `what` says where the setting came from.
std::vector<std::string> imagesOfConfiguredFolder(const std::string& dir, const std::string& what)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error::forFile(dir, what + " is not an existing folder");
    std::vector<std::string> images;
    try {
        images = listImageFiles(dir);
    } catch (const Error&) {
        // listImageFiles' own message does not say what the folder was meant for.
        throw Error::forFile(dir, what + " contains no image files (expected textures such as DTD's .jpg files)");
    }
    return images;
}

// Images under `dir` when it is a folder holding any, else nothing.
std::vector<std::string> imagesIfAny(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return {};
    try {
        return listImageFiles(dir.string());
    } catch (const Error&) {
        return {}; // an empty candidate folder just means "look further"
    }
}

// `start` and each of its parents, nearest first.
std::vector<fs::path> selfAndParents(const fs::path& start)
{
    std::vector<fs::path> chain;
    for (fs::path p = start; !p.empty(); p = p.parent_path()) {
        chain.push_back(p);
        if (p == p.parent_path())
            break;
    }
    return chain;
}

fs::path executableFolder()
{
#if defined(__linux__)
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        return exe.parent_path();
#endif
    return {};
}

} // namespace

std::vector<std::string> locateOutlierTextures(const std::string& configuredDir)
{
    if (!configuredDir.empty())
        return imagesOfConfiguredFolder(configuredDir, "the outlier texture folder");
    if (const char* env = std::getenv("DEFECTLENS_TEXTURES_DIR"); env && *env)
        return imagesOfConfiguredFolder(env, "the outlier texture folder set by DEFECTLENS_TEXTURES_DIR");

    // The shared data folder sits beside the project checkout (and beside an installed tree's root).
    const fs::path dtd = fs::path("shared") / "data" / "dtd_subset";
    std::vector<fs::path> roots;
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (!ec)
        roots = selfAndParents(cwd);
    if (const fs::path exeDir = executableFolder(); !exeDir.empty())
        for (const fs::path& p : selfAndParents(exeDir))
            roots.push_back(p);
    // "<dir>/../shared" for every dir in a chain is "<parent>/shared" for every parent in it.
    for (const fs::path& root : roots)
        if (auto images = imagesIfAny(root / dtd); !images.empty())
            return images;

    // Debian-packaged fallbacks: three CC0 texture photos and GIMP's pattern tiles.
    std::vector<std::string> packaged;
    const fs::path skimageData = "/usr/lib/python3/dist-packages/skimage/data";
    for (const char* name : {"brick.png", "grass.png", "gravel.png"}) {
        const fs::path file = skimageData / name;
        if (fs::is_regular_file(file, ec))
            packaged.push_back(file.string());
    }
    for (const std::string& file : imagesIfAny("/usr/share/gimp/2.0/patterns"))
        packaged.push_back(file);
    std::sort(packaged.begin(), packaged.end());
    return packaged;
}

} // namespace dl
