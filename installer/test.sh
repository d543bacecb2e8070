#!/usr/bin/env bash
# The test command: set up, build, run the whole CTest suite.
# Real-data tests read ../shared and skip with a message where it is absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash installer/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 900 -j1
cd "$root"
# The torch-free suites again under AddressSanitizer + UndefinedBehaviorSanitizer
# (installer/sanitize.sh --all runs every suite that way; hours on two cores).
bash installer/sanitize.sh
# Smoke run of every libFuzzer target (installer/fuzz.sh -runs=1000000 is the full run).
bash installer/fuzz.sh -runs=3000
