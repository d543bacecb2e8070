// Linked into every torch test suite: the suites start with the library settings the
// programs use (core/common/LibrarySettings.h), so their matrix products run on the
// same OpenBLAS kernels and their idle OpenMP threads wait the way the batch
// commands' do.
#include "common/LibrarySettings.h"

namespace {
void beforeLibrariesInitialise(int, char** argv, char** environment)
{
    dl::restartBeforeLibrariesInitialise(argv, environment, dl::OpenMpSpin::Short);
}
[[gnu::section(".preinit_array"), gnu::used]] void (*const preinitEntry)(int, char**, char**) = beforeLibrariesInitialise;
} // namespace
