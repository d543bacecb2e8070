#include "engine/ModelBundle.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Sha256.h"

#include <cstring>
#include <limits>

namespace dl {
namespace {

constexpr char kMagic[8] = {'D', 'L', 'M', 'B', 'N', 'D', 'L', '\n'};
constexpr std::size_t kAlignment = 64;
constexpr std::size_t kChecksumHexSize = 64;

std::size_t dtypeSize(const std::string& dtype)
{
    if (dtype == "f32" || dtype == "i32") return 4;
    if (dtype == "i64") return 8;
    if (dtype == "u8" || dtype == "blob") return 1;
    throw Error("unknown bundle dtype '" + dtype + "'");
}

std::int64_t elementCount(const std::vector<std::int64_t>& shape)
{
    std::int64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

void appendU32(std::string& s, std::uint32_t v) { for (int i = 0; i < 4; ++i) s.push_back(char((v >> (8 * i)) & 0xff)); }
void appendU64(std::string& s, std::uint64_t v) { for (int i = 0; i < 8; ++i) s.push_back(char((v >> (8 * i)) & 0xff)); }
std::uint64_t readLE(const std::string& s, std::size_t at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= std::uint64_t(std::uint8_t(s[at + std::size_t(i)])) << (8 * i);
    return v;
}

} // namespace

void ModelBundle::putFloats(const std::string& name, const std::vector<std::int64_t>& shape, const float* data)
{
    BundleEntry e{"f32", shape, std::string(reinterpret_cast<const char*>(data), std::size_t(elementCount(shape)) * 4)};
    entries_[name] = std::move(e);
}

void ModelBundle::putInt64s(const std::string& name, const std::vector<std::int64_t>& shape, const std::int64_t* data)
{
    BundleEntry e{"i64", shape, std::string(reinterpret_cast<const char*>(data), std::size_t(elementCount(shape)) * 8)};
    entries_[name] = std::move(e);
}

void ModelBundle::putBlob(const std::string& name, std::string bytes)
{
    entries_[name] = BundleEntry{"blob", {}, std::move(bytes)};
}

const BundleEntry& ModelBundle::entry(const std::string& name) const
{
    auto it = entries_.find(name);
    if (it == entries_.end())
        throw Error("model bundle has no entry '" + name + "' (incomplete or from another method)");
    return it->second;
}

std::string ModelBundle::headerText(const std::string& key, const std::string& fallback) const
{
    const auto it = header.find(key);
    if (it == header.end())
        return fallback;
    if (!it->is_string())
        throw Error("model bundle header's '" + key + "' is not text (damaged, or not written by DefectLens)");
    return it->get<std::string>();
}

std::vector<float> ModelBundle::floats(const std::string& name, std::vector<std::int64_t>* shape) const
{
    const BundleEntry& e = entry(name);
    if (e.dtype != "f32")
        throw Error("model bundle entry '" + name + "' has dtype " + e.dtype + ", expected f32");
    std::vector<float> out(e.bytes.size() / 4);
    std::memcpy(out.data(), e.bytes.data(), out.size() * 4);
    if (shape) *shape = e.shape;
    return out;
}

std::string ModelBundle::serialize() const
{
    // Directory of entries with offsets relative to the start of the data section.
    nlohmann::json full = header;
    nlohmann::json directory = nlohmann::json::array();
    std::uint64_t offset = 0;
    for (const auto& [name, e] : entries_) {
        directory.push_back({{"name", name}, {"dtype", e.dtype}, {"shape", e.shape},
                             {"offset", offset}, {"size", e.bytes.size()}});
        offset += e.bytes.size();
        offset = (offset + kAlignment - 1) / kAlignment * kAlignment;
    }
    full["entries"] = directory;
    full["format_version"] = kBundleFormatVersion;
    const std::string headerText = full.dump();

    std::string out(kMagic, sizeof(kMagic));
    appendU32(out, kBundleFormatVersion);
    appendU32(out, 0); // reserved flags
    appendU64(out, headerText.size());
    out += headerText;
    out.resize((out.size() + kAlignment - 1) / kAlignment * kAlignment, '\0');
    const std::size_t dataStart = out.size();
    for (const auto& [name, e] : entries_) {
        (void)name;
        out += e.bytes;
        out.resize(dataStart + (out.size() - dataStart + kAlignment - 1) / kAlignment * kAlignment, '\0');
    }
    out += Sha256::ofBytes(out.data(), out.size());
    return out;
}

void ModelBundle::save(const std::string& path) const
{
    removeTemporariesOfEndedWriters(path); // left by a fit that was killed while saving
    writeFileAtomically(path, serialize());
}

ModelBundle ModelBundle::parse(const std::string& bytes, const std::string& source)
{
    const std::size_t fixed = sizeof(kMagic) + 16;
    if (bytes.size() < fixed + kChecksumHexSize || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
        throw Error::forFile(source, "is not a DefectLens model bundle (.dlm): bad magic or too short");
    const std::uint32_t version = std::uint32_t(readLE(bytes, 8, 4));
    if (version == 0)
        throw Error::forFile(source, "bundle format version 0 is invalid");
    if (version > kBundleFormatVersion)
        throw Error::forFile(source, "bundle format version " + std::to_string(version)
                                         + " is newer than this DefectLens supports (" + std::to_string(kBundleFormatVersion) + ")");
    const std::size_t body = bytes.size() - kChecksumHexSize;
    const std::string recorded = bytes.substr(body);
    if (Sha256::ofBytes(bytes.data(), body) != recorded)
        throw Error::forFile(source, "model bundle is corrupt (checksum mismatch)");
    const std::uint64_t headerSize = readLE(bytes, 16, 8);
    if (headerSize > body - fixed)
        throw Error::forFile(source, "model bundle header size is out of range");
    ModelBundle bundle;
    try {
        bundle.header = nlohmann::json::parse(bytes.substr(fixed, headerSize));
    } catch (const nlohmann::json::exception& e) {
        throw Error::forFile(source, std::string("model bundle header is not valid JSON: ") + e.what());
    }
    std::size_t dataStart = (fixed + headerSize + kAlignment - 1) / kAlignment * kAlignment;
    // Entries are stored one after another (serialize()); overlapping ones would let a
    // small file expand into many copies of its bytes.
    std::uint64_t previousEnd = 0;
    try {
        for (const auto& d : bundle.header.at("entries")) {
            BundleEntry e;
            const std::string name = d.at("name").get<std::string>();
            e.dtype = d.at("dtype").get<std::string>();
            // JSON numbers may be floats (6.4e30) or negative: converting those
            // to integers is undefined behaviour, so they are refused first.
            auto wholeNumber = [&](const nlohmann::json& value, const char* what) {
                if (!value.is_number_unsigned())
                    throw Error::forFile(source, "entry '" + name + "': " + what + " must be a whole number >= 0, got "
                                                     + value.dump());
                return value.get<std::uint64_t>();
            };
            const nlohmann::json& shape = d.at("shape");
            if (!shape.is_array())
                throw Error::forFile(source, "entry '" + name + "': shape must be a list of dimensions");
            std::uint64_t elements = 1;
            bool overflow = false;
            for (const nlohmann::json& dim : shape) {
                const std::uint64_t extent = wholeNumber(dim, "a dimension");
                if (extent > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                    throw Error::forFile(source, "entry '" + name + "' has a dimension out of range");
                overflow = overflow || (extent != 0 && elements > std::numeric_limits<std::uint64_t>::max() / extent);
                elements *= extent;
                e.shape.push_back(std::int64_t(extent));
            }
            const std::uint64_t offset = wholeNumber(d.at("offset"), "offset");
            const std::uint64_t size = wholeNumber(d.at("size"), "size");
            if (dataStart > body || offset > body - dataStart || size > body - dataStart - offset)
                throw Error::forFile(source, "entry '" + name + "' lies outside the file");
            if (offset < previousEnd)
                throw Error::forFile(source, "entry '" + name + "' overlaps the entry before it");
            previousEnd = offset + size;
            if (e.dtype != "f32" && e.dtype != "i32" && e.dtype != "i64" && e.dtype != "u8" && e.dtype != "blob")
                throw Error::forFile(source, "entry '" + name + "' has unknown dtype '" + e.dtype + "'");
            if (e.dtype != "blob"
                && (overflow || elements > std::numeric_limits<std::uint64_t>::max() / dtypeSize(e.dtype)
                    || elements * dtypeSize(e.dtype) != size))
                throw Error::forFile(source, "entry '" + name + "' size does not match its shape");
            e.bytes = bytes.substr(dataStart + offset, size);
            bundle.entries_[name] = std::move(e);
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error::forFile(source, std::string("model bundle directory is malformed: ") + e.what());
    }
    bundle.header.erase("entries");
    bundle.header["checksum_sha256"] = recorded;
    return bundle;
}

ModelBundle ModelBundle::load(const std::string& path)
{
    std::vector<char> bytes = readFileBytes(path);
    return parse(std::string(bytes.begin(), bytes.end()), path);
}

std::string ModelBundle::fileChecksum(const std::string& path)
{
    return load(path).header.at("checksum_sha256").get<std::string>();
}

} // namespace dl
