#include "backbone/BackboneLoader.h"

#include "backbone/MobileNetV2.h"
#include "backbone/TorchScriptBackbone.h"
#include "common/Error.h"
#include "common/Sha256.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <unistd.h>

namespace dl {
namespace fs = std::filesystem;

std::string locateDefaultBackboneWeights()
{
    std::vector<fs::path> candidates;
    if (const char* file = std::getenv("DEFECTLENS_WEIGHTS"); file && *file)
        candidates.emplace_back(file);
    if (const char* dir = std::getenv("DEFECTLENS_MODELS_DIR"); dir && *dir)
        candidates.push_back(fs::path(dir) / kMobileNetV2Int8FileName);
    if (const char* home = std::getenv("HOME"); home && *home)
        candidates.push_back(fs::path(home) / ".local/share/DefectLens/models" / kMobileNetV2Int8FileName);
    candidates.push_back(fs::path("/usr/share/defectlens/models") / kMobileNetV2Int8FileName);
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    for (fs::path p = cwd; !p.empty(); p = p.parent_path()) {
        candidates.push_back(p / "../shared/models" / kMobileNetV2Int8FileName);
        if (p == p.parent_path()) break;
    }
    char exe[4096];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (fs::path p = fs::path(exe).parent_path(); !p.empty(); p = p.parent_path()) {
            candidates.push_back(p / "../shared/models" / kMobileNetV2Int8FileName);
            if (p == p.parent_path()) break;
        }
    }
    std::string looked;
    for (const auto& c : candidates) {
        if (fs::is_regular_file(c, ec))
            return fs::weakly_canonical(c, ec).string();
        looked += "\n  " + c.lexically_normal().string();
    }
    throw Error("backbone weights '" + std::string(kMobileNetV2Int8FileName)
                + "' not found; set DEFECTLENS_WEIGHTS or --weights to the file. Looked in:" + looked);
}

std::shared_ptr<FeatureExtractor> loadBackbone(const BackboneSpec& spec, const std::string& expectedSha256)
{
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<FeatureExtractor>> cache;

    if (spec.architecture == "torchscript" && spec.weightsPath.empty())
        throw Error("a torchscript backbone needs its module file (--weights FILE.pt)");
    const std::string path = spec.weightsPath.empty() ? locateDefaultBackboneWeights() : spec.weightsPath;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error::forFile(path, "backbone weights file does not exist");
    const std::string key = spec.architecture + "|" + fs::weakly_canonical(path, ec).string();

    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end())
        if (auto alive = it->second.lock()) {
            if (!expectedSha256.empty() && alive->weightsSha256() != expectedSha256)
                throw Error::forFile(path, "backbone weights have sha256 " + alive->weightsSha256()
                                               + " but the model was trained with " + expectedSha256);
            return alive;
        }

    std::shared_ptr<FeatureExtractor> backbone;
    if (spec.architecture == "mobilenetv2") {
        ImportedConvNet imported = importOnnxConvNet(path);
        if (spec.weightsPath.empty() && imported.sha256 != kMobileNetV2Int8Sha256)
            throw Error::forFile(path, "sha256 " + imported.sha256 + " does not match the expected "
                                           + std::string(kMobileNetV2Int8Sha256) + " (corrupt or different file)");
        backbone = std::make_shared<MobileNetV2>(imported);
    } else if (spec.architecture == "torchscript") {
        backbone = std::make_shared<TorchScriptBackbone>(path);
    } else {
        throw Error("unknown backbone architecture '" + spec.architecture + "' (known: mobilenetv2, torchscript)");
    }
    if (!expectedSha256.empty() && backbone->weightsSha256() != expectedSha256)
        throw Error::forFile(path, "backbone weights have sha256 " + backbone->weightsSha256()
                                       + " but the model was trained with " + expectedSha256);
    cache[key] = backbone;
    return backbone;
}

} // namespace dl
