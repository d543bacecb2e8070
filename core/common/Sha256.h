#pragma once
// SHA-256 (FIPS 180-4) for bundle checksums, backbone identity and image
// content hashes. Plain C++ so the core needs no crypto library.
#include <cstddef>
#include <cstdint>
#include <string>

namespace dl {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(const std::string& s) { update(s.data(), s.size()); }
    std::string hexDigest(); // finalises; object must not be updated afterwards

    static std::string ofBytes(const void* data, std::size_t size);
    static std::string ofFile(const std::string& path); // throws dl::Error

private:
    void transform(const std::uint8_t* block);
    std::uint32_t state_[8];
    std::uint64_t bitLength_ = 0;
    std::uint8_t buffer_[64];
    std::size_t bufferSize_ = 0;
};

} // namespace dl
