// The one translation unit of the precompiled-header hosts in tests/CMakeLists.txt
// (dl_test_torch_pch, dl_test_gui_pch): CMake compiles each host's header for it,
// and the suites of that kind reuse the result.
