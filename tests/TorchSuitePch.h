// Precompiled header of the suites that reach LibTorch through engine headers.
// tests/CMakeLists.txt compiles it once (dl_test_torch_pch) and the suites listed
// there reuse it: without it each of them parsed these headers again, ~15 s apiece.
#pragma once
#include <torch/torch.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <QtTest>
