#include "common/LibrarySettings.h"

#include "common/Log.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

extern char** environ;

namespace dl {

namespace {
bool isSet(char* const* environment, const char* name)
{
    const std::size_t length = std::strlen(name);
    for (char* const* entry = environment; entry != nullptr && *entry != nullptr; ++entry)
        if (std::strncmp(*entry, name, length) == 0 && (*entry)[length] == '=')
            return true;
    return false;
}
} // namespace

std::vector<std::string> libraryEnvironmentAdditions(char* const* environment, OpenMpSpin spin,
                                                     const std::function<std::string()>& openBlasChoice,
                                                     const CpuVectorUnits& cpu)
{
    std::vector<std::string> additions;
    if (!isSet(environment, "OMP_WAIT_POLICY")) {
        additions.push_back("OMP_WAIT_POLICY=PASSIVE");
        // Passive alone puts a thread to sleep the moment its share is done, and the
        // futex wake-up before the next parallel region costs more than many regions
        // of a small network take: MobileNetV2 to features.13 at 256² ran in 5.7 ms
        // instead of 2.3 ms, `predict` over 498 bottle images took 6.1-6.8 s instead
        // of 4.3-4.4 s. Where other threads need the cores (watch's pipeline, the
        // GUI) the spin cost latency instead (watch at 10 images/s: p50 16 -> 20 ms),
        // so those programs ask for none (docs/architecture.md, "Idle threads sleep").
        if (spin == OpenMpSpin::Short && !isSet(environment, "GOMP_SPINCOUNT"))
            additions.push_back("GOMP_SPINCOUNT=1000");
    }
    if (!isSet(environment, "OPENBLAS_CORETYPE")) {
        const std::string better = betterOpenBlasKernel(openBlasChoice(), cpu);
        if (!better.empty())
            additions.push_back("OPENBLAS_CORETYPE=" + better);
    }
    return additions;
}

void restartBeforeLibrariesInitialise(char** argv, char** environment, OpenMpSpin spin)
{
    if (argv == nullptr || argv[0] == nullptr || environment == nullptr)
        return;
    const std::vector<std::string> additions = libraryEnvironmentAdditions(
        environment, spin, [] { return openBlasKernelOf(mappedOpenBlasFile()); }, cpuVectorUnits());
    if (additions.empty())
        return;
    std::vector<char*> started;
    for (char** entry = environment; *entry != nullptr; ++entry)
        started.push_back(*entry);
    for (const std::string& addition : additions)
        started.push_back(const_cast<char*>(addition.c_str()));
    started.push_back(nullptr);
    execve("/proc/self/exe", argv, started.data());
    // Still here: main's restartWithLibrarySettings tries once more and reports.
}

void restartWithLibrarySettings(char** argv, OpenMpSpin spin)
{
    if (argv == nullptr || argv[0] == nullptr)
        return;
    const std::vector<std::string> additions =
        libraryEnvironmentAdditions(environ, spin, [] { return openBlasKernel(); }, cpuVectorUnits());
    if (additions.empty())
        return;
    for (const std::string& addition : additions) {
        const std::size_t equals = addition.find('=');
        setenv(addition.substr(0, equals).c_str(), addition.c_str() + equals + 1, 1);
    }
    execv("/proc/self/exe", argv);
    // Still here: the restart failed. Run on with the libraries' defaults.
    logWarning(std::string("could not restart with the OpenMP wait policy and OpenBLAS kernels set (")
               + std::strerror(errno) + "); idle OpenMP threads may spin on a busy machine, "
               "and matrix products may run on slower kernels");
}

} // namespace dl
