#pragma once
// The .dlm model bundle: one file holding everything needed to run a trained
// detector — a JSON header (method, backbone identity, preprocessing,
// thresholds, normalisation, provenance) and named binary tensors/blobs.
// Layout and guarantees are documented in docs/model-bundle.md.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dl {

inline constexpr std::uint32_t kBundleFormatVersion = 1;

struct BundleEntry {
    std::string dtype;                // "f32", "i64", "i32", "u8" or "blob"
    std::vector<std::int64_t> shape;  // empty for blobs
    std::string bytes;                // little-endian raw data
};

class ModelBundle {
public:
    nlohmann::json header = nlohmann::json::object();

    void putFloats(const std::string& name, const std::vector<std::int64_t>& shape, const float* data);
    void putInt64s(const std::string& name, const std::vector<std::int64_t>& shape, const std::int64_t* data);
    void putBlob(const std::string& name, std::string bytes);

    bool has(const std::string& name) const { return entries_.count(name) > 0; }
    const BundleEntry& entry(const std::string& name) const; // throws dl::Error when absent
    // Copies a float tensor out; checks the dtype and returns the shape through `shape`.
    std::vector<float> floats(const std::string& name, std::vector<std::int64_t>* shape = nullptr) const;
    const std::map<std::string, BundleEntry>& entries() const { return entries_; }
    // A text field of the header, `fallback` when absent; dl::Error when it holds
    // something else (a damaged or crafted header must not end the program).
    std::string headerText(const std::string& key, const std::string& fallback) const;

    // Serialises with a trailing SHA-256 and writes atomically (temp file + rename).
    void save(const std::string& path) const;
    std::string serialize() const;
    // Verifies magic, version and checksum; throws dl::Error naming the file.
    static ModelBundle load(const std::string& path);
    static ModelBundle parse(const std::string& bytes, const std::string& sourceName);
    // The checksum recorded in a bundle file (hex), after verifying it.
    static std::string fileChecksum(const std::string& path);

private:
    std::map<std::string, BundleEntry> entries_;
};

} // namespace dl
