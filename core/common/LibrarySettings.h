#pragma once
// Settings that libraries read once, when they are loaded, before main runs: the
// mains set them and start the program once more (same process id, same
// arguments) so that the libraries see them. Values the user set are kept.
//
// OpenMP's idle threads and a busy machine. libgomp (LibTorch's and OpenBLAS's
// OpenMP) reads OMP_WAIT_POLICY. Its default lets a thread that finished its share
// spin for a while before it sleeps. DefectLens runs engine work on two lanes at
// once (the viewer and training) beside an image-decoding pool; on a machine that
// is busy anyway the spinning threads take the cores the working ones need, and a
// DMAD training that takes 23 s on an idle machine took 700 s. Passive waiting
// costs a few microseconds per parallel region and degrades gracefully under load.
//
// OpenBLAS's kernels: OPENBLAS_CORETYPE when its own detection fell back to kernels
// older than the CPU runs (BlasKernel.h).
//
// When to restart. From main, every library has initialised already, and starting
// again initialises LibTorch a second time (~0.6 s per run). So each main also
// registers restartBeforeLibrariesInitialise in its ELF preinit array, which the
// dynamic linker runs after mapping the libraries and before any of their
// initialisers; restarting from there costs a few milliseconds. Variables cannot
// simply be set there: the C library's initialiser, which runs later, resets the
// environment it reads to the one the program was started with.
// restartWithLibrarySettings in main remains the fallback where the early start
// could not act.
#include "common/BlasKernel.h"

#include <functional>
#include <string>
#include <vector>

namespace dl {

// How long an idle OpenMP thread spins before it sleeps, beside the passive policy.
enum class OpenMpSpin {
    None,  // sleep at once: programs that share the machine with other work (the
           // GUI's lanes, `watch` beside the line's own software)
    Short, // GOMP_SPINCOUNT=1000 (tens of microseconds): bridges the gaps between
           // one operation and the next when one job owns the machine (batch commands)
};

// What a start adds to `environment` (null-terminated "NAME=value" entries), as
// "NAME=value" strings: OMP_WAIT_POLICY=PASSIVE (and, for OpenMpSpin::Short,
// GOMP_SPINCOUNT) where the policy is unset, and OPENBLAS_CORETYPE where it is unset
// and the kernel set OpenBLAS chooses on its own (`openBlasChoice`, asked only then)
// is older than `cpu` runs. Empty: nothing to add.
std::vector<std::string> libraryEnvironmentAdditions(char* const* environment, OpenMpSpin spin,
                                                     const std::function<std::string()>& openBlasChoice,
                                                     const CpuVectorUnits& cpu);

// For the executable's preinit array: starts the program again (same arguments)
// with the additions, asking a private copy of the mapped OpenBLAS for its choice.
// Returns when nothing needs adding or the restart failed; it never reports, since
// nothing is initialised yet (main's fallback reports a failed restart).
void restartBeforeLibrariesInitialise(char** argv, char** environment, OpenMpSpin spin);

// Registers restartBeforeLibrariesInitialise in the executable's ELF preinit array,
// with the spin that `chooseSpin(argc, argv)` returns. Once per executable, in a
// source file of its own target (a static library's unused object is not linked).
#define DL_RESTART_BEFORE_LIBRARIES_INITIALISE(chooseSpin)                                                       \
    [[gnu::section(".preinit_array"), gnu::used]] static void (*const dlLibrarySettingsPreinit)(int, char**,      \
                                                                                               char**) =          \
        [](int argc, char** argv, char** environment) {                                                          \
            dl::restartBeforeLibrariesInitialise(argv, environment, chooseSpin(argc, argv));                      \
        }

// For main: the same additions, asking the process's own OpenBLAS; then runs this
// program again. Returns when nothing needed setting (the user's settings, or those
// of an earlier start) or the restart failed.
void restartWithLibrarySettings(char** argv, OpenMpSpin spin);

} // namespace dl
