// The folder importers (MVTec, maskfolder, plain folder, and the automatic
// detection) on a dataset tree the input describes: one entry per line,
//   i PATH     a tiny valid PNG          m PATH   a tiny mask PNG
//   f PATH     garbage bytes             d PATH   an empty folder
//   l PATH>TARGET   a symbolic link (TARGET may point anywhere, also out of the tree)
// Paths are made relative and never leave the scratch tree when it is written;
// links are created last, so nothing is ever written through one. Any sample or
// mask the importers admit must lie inside the dataset root after resolving
// links: anything else is a crash. Errors (dl::Error) are fine.
#include "FuzzSupport.h"
#include "common/Error.h"
#include "data/Importers.h"

#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <sstream>
#include <system_error>
#include <vector>

namespace {
namespace fs = std::filesystem;

// True when `relative` stays inside the tree: not absolute, no "..", not empty.
bool staysInside(const fs::path& relative)
{
    if (relative.empty() || relative.is_absolute())
        return false;
    for (const auto& part : relative)
        if (part == "..")
            return false;
    return true;
}

bool inside(const fs::path& root, const std::string& path)
{
    std::error_code error;
    const fs::path resolved = fs::weakly_canonical(path, error);
    if (error)
        return true; // vanished or unreadable: nothing was read from outside
    const auto mismatch = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
    return mismatch.first == root.end();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static std::vector<uchar> png, mask;
    if (png.empty()) {
        cv::imencode(".png", cv::Mat(8, 8, CV_8UC3, cv::Scalar(10, 20, 30)), png);
        cv::imencode(".png", cv::Mat(8, 8, CV_8UC1, cv::Scalar(255)), mask);
    }
    const fs::path root = fs::path(dlfuzz::scratchFolder()) / "tree";
    std::error_code error;
    fs::remove_all(root, error); // never follows links
    fs::create_directories(root);

    std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
    std::string line;
    std::vector<std::pair<fs::path, std::string>> links;
    int entries = 0;
    while (std::getline(lines, line) && entries++ < 64) {
        if (line.size() < 3 || line[1] != ' ')
            continue;
        std::string rest = line.substr(2);
        std::string target;
        if (line[0] == 'l') {
            const auto arrow = rest.find('>');
            if (arrow == std::string::npos)
                continue;
            target = rest.substr(arrow + 1);
            rest = rest.substr(0, arrow);
        }
        const fs::path relative = fs::path(rest).lexically_normal();
        if (!staysInside(relative))
            continue;
        const fs::path where = root / relative;
        fs::create_directories(where.parent_path(), error);
        if (error)
            continue;
        switch (line[0]) {
        case 'i': dlfuzz::writeScratch(where.string(), png.data(), png.size()); break;
        case 'm': dlfuzz::writeScratch(where.string(), mask.data(), mask.size()); break;
        case 'f': dlfuzz::writeScratch(where.string(), reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()); break;
        case 'd': fs::create_directories(where, error); break;
        case 'l': links.emplace_back(where, target); break;
        default: break;
        }
    }
    for (const auto& [where, target] : links)
        fs::create_symlink(target, where, error);

    const fs::path canonicalRoot = fs::canonical(root);
    for (dl::DatasetFormat format : {dl::DatasetFormat::Auto, dl::DatasetFormat::MvTec, dl::DatasetFormat::MaskFolder,
                                     dl::DatasetFormat::Folder}) {
        dl::DatasetOptions options;
        options.format = format;
        if (format == dl::DatasetFormat::MaskFolder)
            options.normalClass = "good";
        try {
            const dl::Dataset dataset = dl::importDataset(root.string(), options);
            for (const dl::Sample& sample : dataset.samples)
                if (!inside(canonicalRoot, sample.path) || (!sample.maskPath.empty() && !inside(canonicalRoot, sample.maskPath)))
                    __builtin_trap(); // an image or mask out of the dataset root was admitted
        } catch (const dl::Error&) {
            // A refusal with a message is a correct answer to a strange tree.
        }
    }
    return 0;
}
