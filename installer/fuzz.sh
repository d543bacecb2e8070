#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang-14 with ASan + UBSan) and runs
# each for a number of executions from its committed seed corpus.
#
#   installer/fuzz.sh [-runs=N] [TARGET...]     (default: -runs=100000, every target)
#   installer/fuzz.sh --build-only              builds the targets without running them
#
# A crash, leak, timeout or sanitizer report stops the script with the target's
# status and leaves the reproducer (crash-*, leak-*, timeout-*) in build-fuzz/.
# The corpus grown during a run stays in build-fuzz/corpus/<target>; only the
# small seeds under tests/fuzz/corpus are committed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="-runs=100000"
targets=()
build_only=0
for arg in "$@"; do
  case "$arg" in
    -runs=*) runs="$arg" ;;
    --build-only) build_only=1 ;;
    *) targets+=("$arg") ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_image fuzz_visa_csv fuzz_importers fuzz_bundle fuzz_onnx fuzz_sdas_bundle)

command -v clang++-14 >/dev/null || { echo "fuzz: clang++-14 is missing (Debian packages clang-14 libclang-rt-14-dev)" >&2; exit 2; }
build="$root/build-fuzz"
# ccache must accept the precompiled LibTorch header of fuzz_sdas_bundle (as in build.sh).
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc)" >/dev/null
[[ $build_only -eq 1 ]] && exit 0

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  seeds="$root/tests/fuzz/corpus/${target#fuzz_}"
  start=$(date +%s)
  # -timeout: one input taking >10 s counts as a hang; -rss_limit_mb: as a memory blow-up.
  (cd "$build" && "./$target" "$runs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" "$seeds" \
     > "$build/$target.log" 2>&1) || { echo "fuzz: $target FAILED (log: $build/$target.log)" >&2; tail -30 "$build/$target.log" >&2; exit 1; }
  executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/$target.log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $target: $executed executions, 0 crashes/leaks/timeouts, $(( $(date +%s) - start )) s"
done
