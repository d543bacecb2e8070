// Linked into the suites that run engine work (tests/CMakeLists.txt): each starts with
// the library settings of the program it stands for (core/common/LibrarySettings.h):
// the batch commands' short spin for the torch suites, none for the GUI suites
// (DL_TEST_GUI), as the GUI. Their matrix products then run on the same OpenBLAS
// kernels, and their idle OpenMP threads wait the same way.
#include "common/LibrarySettings.h"

namespace {
#ifdef DL_TEST_GUI
constexpr dl::OpenMpSpin kSpin = dl::OpenMpSpin::None;
#else
constexpr dl::OpenMpSpin kSpin = dl::OpenMpSpin::Short;
#endif

void beforeLibrariesInitialise(int, char** argv, char** environment)
{
    dl::restartBeforeLibrariesInitialise(argv, environment, kSpin);
}
[[gnu::section(".preinit_array"), gnu::used]] void (*const preinitEntry)(int, char**, char**) = beforeLibrariesInitialise;
} // namespace
