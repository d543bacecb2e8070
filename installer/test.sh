#!/usr/bin/env bash
# The test command: set up, build, run the whole CTest suite.
# Real-data tests read ../shared and skip with a message where it is absent.
#
# The torch-free suites run once, under AddressSanitizer + UndefinedBehaviorSanitizer
# (installer/sanitize.sh; `cd build && ctest` still runs them plain), and every
# libFuzzer target gets a smoke run. Those two runs use about one core each, so
# they run side by side once both are built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
phase_start=$SECONDS
phase() { echo "test: $1 took $((SECONDS - phase_start)) s" >&2; phase_start=$SECONDS; }
bash installer/build.sh
phase "set-up and build"
sanitized="$(bash installer/sanitize.sh --pattern)"
(cd build && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 900 -j1 -E "$sanitized")
phase "the plain suites"

bash installer/sanitize.sh --build-only
phase "the sanitized build"
bash installer/fuzz.sh --build-only
phase "the fuzz build"
fuzz_log="$(mktemp)"
# Smoke run (installer/fuzz.sh -runs=1000000 is the full run).
bash installer/fuzz.sh -runs=3000 >"$fuzz_log" 2>&1 &
fuzz_pid=$!
sanitize_status=0
bash installer/sanitize.sh || sanitize_status=$?
fuzz_status=0
wait "$fuzz_pid" || fuzz_status=$?
cat "$fuzz_log"
rm -f "$fuzz_log"
phase "the sanitized suites beside the fuzz smoke run"
if [[ $sanitize_status -ne 0 || $fuzz_status -ne 0 ]]; then
  echo "test: sanitized suites exit $sanitize_status, fuzz smoke run exit $fuzz_status" >&2
  exit 1
fi
