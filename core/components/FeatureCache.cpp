#include "components/FeatureCache.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Log.h"
#include "common/Sha256.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace dl {
namespace {
constexpr char kMagic[8] = {'D', 'L', 'F', 'C', 'A', 'C', 'H', '1'};
}

FeatureCache::FeatureCache(std::string extractorIdentity, const std::string& directory)
    : identity_(std::move(extractorIdentity))
{
    if (!directory.empty()) {
        directory_ = directory;
    } else if (const char* env = std::getenv("DEFECTLENS_CACHE_DIR"); env && *env) {
        directory_ = env;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        directory_ = std::string(home) + "/.cache/DefectLens/features";
    } else {
        enabled_ = false;
        return;
    }
    try {
        makeDirectories(directory_);
    } catch (const Error& e) {
        logWarning(DL_TR("Engine", "feature cache disabled: %1"), e.what());
        enabled_ = false;
    }
}

std::string FeatureCache::entryPath(const std::string& imagePath) const
{
    // Content hash + extractor identity: any change to either gives a new entry.
    const std::string material = Sha256::ofFile(imagePath) + "|" + identity_;
    const std::string key = Sha256::ofBytes(material.data(), material.size());
    return directory_ + "/" + key.substr(0, 2) + "/" + key + ".bin";
}

std::optional<std::vector<float>> FeatureCache::load(const std::string& imagePath, std::int64_t expectedCount)
{
    if (!enabled_)
        return std::nullopt;
    const std::string path = entryPath(imagePath);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    char magic[8];
    std::int64_t count = 0;
    in.read(magic, 8);
    in.read(reinterpret_cast<char*>(&count), sizeof(count));
    if (!in || std::memcmp(magic, kMagic, 8) != 0 || count != expectedCount)
        return std::nullopt; // stale or foreign entry: recompute
    std::vector<float> values(static_cast<std::size_t>(count));
    in.read(reinterpret_cast<char*>(values.data()), std::streamsize(values.size() * sizeof(float)));
    if (!in)
        return std::nullopt;
    return values;
}

void FeatureCache::store(const std::string& imagePath, const std::vector<float>& values)
{
    if (!enabled_)
        return;
    std::string bytes(kMagic, 8);
    const std::int64_t count = std::int64_t(values.size());
    bytes.append(reinterpret_cast<const char*>(&count), sizeof(count));
    bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
    try {
        writeFileAtomically(entryPath(imagePath), bytes);
    } catch (const Error& e) {
        logWarning(DL_TR("Engine", "feature cache write skipped: %1"), e.what());
    }
}

} // namespace dl
