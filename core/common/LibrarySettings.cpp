#include "common/LibrarySettings.h"

#include "common/BlasKernel.h"
#include "common/Log.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>

namespace dl {

namespace {
// True when it set something the libraries have to be restarted to see.
bool setOpenMpWaiting(OpenMpSpin spin)
{
    if (std::getenv("OMP_WAIT_POLICY") != nullptr || setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0)
        return false;
    // Passive alone puts a thread to sleep the moment its share is done, and the
    // futex wake-up before the next parallel region costs more than many regions
    // of a small network take: MobileNetV2 to features.13 at 256² ran in 5.7 ms
    // instead of 2.3 ms, `predict` over 498 bottle images took 6.1-6.8 s instead
    // of 4.3-4.4 s. Where other threads need the cores (watch's pipeline, the
    // GUI) the spin cost latency instead (watch at 10 images/s: p50 16 -> 20 ms),
    // so those programs ask for none (docs/architecture.md, "Idle threads sleep").
    if (spin == OpenMpSpin::Short && std::getenv("GOMP_SPINCOUNT") == nullptr)
        setenv("GOMP_SPINCOUNT", "1000", 1);
    return true;
}

bool setOpenBlasKernel()
{
    if (std::getenv("OPENBLAS_CORETYPE") != nullptr)
        return false;
    const std::string better = betterOpenBlasKernel(openBlasKernel(), cpuVectorUnits());
    return !better.empty() && setenv("OPENBLAS_CORETYPE", better.c_str(), 1) == 0;
}
} // namespace

void restartWithLibrarySettings(char** argv, OpenMpSpin spin)
{
    if (argv == nullptr || argv[0] == nullptr)
        return;
    const bool waiting = setOpenMpWaiting(spin);
    const bool kernels = setOpenBlasKernel();
    if (!waiting && !kernels)
        return;
    execv("/proc/self/exe", argv);
    // Still here: the restart failed. Run on with the libraries' defaults.
    logWarning(std::string("could not restart with the OpenMP wait policy and OpenBLAS kernels set (")
               + std::strerror(errno) + "); idle OpenMP threads may spin on a busy machine, "
               "and matrix products may run on slower kernels");
}

} // namespace dl
