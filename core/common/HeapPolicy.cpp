#include "common/HeapPolicy.h"

#include "common/Log.h"

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace dl {

void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    if (std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr || std::getenv("MALLOC_TRIM_THRESHOLD_") != nullptr
        || std::getenv("GLIBC_TUNABLES") != nullptr)
        return;
    // Both together: a fixed mmap threshold alone keeps trimming, and a trim
    // threshold alone fixes the mmap threshold at 128 KB (measured: each alone
    // is slower than glibc's adaptive default).
    constexpr int kLargestHeapBuffer = 32 * 1024 * 1024; // glibc's upper limit for this setting
    constexpr int kFreeMemoryKept = 256 * 1024 * 1024;
    if (mallopt(M_MMAP_THRESHOLD, kLargestHeapBuffer) != 1 || mallopt(M_TRIM_THRESHOLD, kFreeMemoryKept) != 1)
        logWarning("could not adjust the C library's memory reuse; large buffers are returned to the system "
                   "after each use");
#endif
}

} // namespace dl
