#pragma once
// On-disk cache of per-image feature arrays, keyed by the image's *content*
// hash plus the extractor's identity (never by file name: renamed or edited
// files must not alias). Lets DMAD retrain in seconds after new labels.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dl {

class FeatureCache {
public:
    // Directory: `directory` if non-empty, else $DEFECTLENS_CACHE_DIR, else
    // ~/.cache/DefectLens/features. An unusable directory disables the cache
    // (with a warning) rather than failing training.
    explicit FeatureCache(std::string extractorIdentity, const std::string& directory = {});

    std::optional<std::vector<float>> load(const std::string& imagePath, std::int64_t expectedCount);
    void store(const std::string& imagePath, const std::vector<float>& values);
    bool enabled() const { return enabled_; }

private:
    std::string entryPath(const std::string& imagePath) const;
    std::string identity_;
    std::string directory_;
    bool enabled_ = true;
};

} // namespace dl
