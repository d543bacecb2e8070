// The .dlm bundle reader (core/engine/ModelBundle). The input gets a valid
// SHA-256 trailer appended, so the fuzzer explores the header and entry
// directory instead of stopping at the checksum; a second call with the raw
// input checks the checksum path itself.
#include "common/Error.h"
#include "common/Sha256.h"
#include "engine/ModelBundle.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    for (const std::string& candidate : {bytes, bytes + dl::Sha256::ofBytes(bytes.data(), bytes.size())}) {
        try {
            const dl::ModelBundle bundle = dl::ModelBundle::parse(candidate, "fuzz.dlm");
            for (const auto& entry : bundle.entries())
                (void)entry.second.bytes.size();
        } catch (const dl::Error&) {
        }
    }
    return 0;
}
