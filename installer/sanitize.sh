#!/usr/bin/env bash
# Builds the test suites with AddressSanitizer + UndefinedBehaviorSanitizer in
# build-sanitize/ and runs them under CTest.
#
#   installer/sanitize.sh          the suites that do not load LibTorch (data,
#                                  metrics, synthesis, common, database): the CI set
#   installer/sanitize.sh --all    every suite (hours on two cores)
#   installer/sanitize.sh --build-only   builds the CI set without running it
#   installer/sanitize.sh --pattern      prints the CTest regex of the CI set
#                                  (installer/test.sh leaves these out of its plain run)
#
# Suppressions for third-party code live in installer/sanitizer-suppressions/,
# each with the reason.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-sanitize"
light=(tst_common tst_curves tst_metrics tst_imageio tst_importers tst_preprocess tst_realdata tst_synthesis tst_defecttransplant
       tst_folder_watch tst_mqtt_publisher
       tst_store tst_store_open tst_store_models tst_store_watch tst_store_copy tst_store_crash)
pattern="^($(IFS='|'; echo "${light[*]}"))\$"
if [[ "${1:-}" == --pattern ]]; then
  echo "$pattern"
  exit 0
fi
if [[ ! -f "$build/build.ninja" ]]; then
  # -O1 -g1: line numbers in the reports at a fraction of full debug information's build time.
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DDEFECTLENS_SANITIZE=address,undefined >/dev/null
fi
supp="$root/installer/sanitizer-suppressions"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
cd "$build"
if [[ "${1:-}" == --all ]]; then
  cmake --build . -j"$(nproc)"
  QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 3600 -j1
else
  cmake --build . -j"$(nproc)" --target "${light[@]}" dl_crash_writer
  [[ "${1:-}" == --build-only ]] && exit 0
  QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 1800 -j1 -R "$pattern"
fi
