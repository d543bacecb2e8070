// Precompiled header of the GUI suites (tests/CMakeLists.txt, dl_test_gui_pch): Qt's
// widget and test headers, compiled once instead of once per suite.
#pragma once
#include <QtTest>
#include <QtWidgets>
