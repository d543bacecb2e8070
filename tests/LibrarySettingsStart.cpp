// Linked into the suites that run engine work (tests/CMakeLists.txt): each starts with
// the library settings of the program it stands for (core/common/LibrarySettings.h):
// the batch commands' short spin for the torch suites, none for the GUI suites
// (DL_TEST_GUI), as the GUI. Their matrix products then run on the same OpenBLAS
// kernels, and their idle OpenMP threads wait the same way.
#include "common/LibrarySettings.h"

#ifdef DL_TEST_GUI
DL_RESTART_BEFORE_LIBRARIES_INITIALISE([](int, char**) { return dl::OpenMpSpin::None; });
#else
DL_RESTART_BEFORE_LIBRARIES_INITIALISE([](int, char**) { return dl::OpenMpSpin::Short; });
#endif
