// SDAS synthesis bundles (core/methods/sdas/SdasGenerator): the torch side of the
// .dlm reader. The input gets a valid SHA-256 trailer (see fuzz_bundle), is parsed,
// and loaded as an SDAS generator: header parameters, categories, the network the
// header describes against the tensors the file holds, every tensor's shape and
// values. A bundle that loads is sampled once (one step, one image), so weights
// that pass the checks run through the network.
#include "common/Error.h"
#include "common/Sha256.h"
#include "engine/ModelBundle.h"
#include "methods/sdas/SdasGenerator.h"

#include <ATen/Parallel.h>

#include <string>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    at::set_num_threads(1); // one execution per core; no thread pool in the reports
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const dl::ModelBundle bundle =
            dl::ModelBundle::parse(bytes + dl::Sha256::ofBytes(bytes.data(), bytes.size()), "fuzz.dlm");
        const auto generator = dl::SdasGenerator::fromBundle(bundle, "fuzz.dlm");
        (void)generator->generate(1, 0.1, 0.1, 7, "", {}, 1);
    } catch (const dl::Error&) {
    }
    return 0;
}
