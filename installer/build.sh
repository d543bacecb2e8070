#!/usr/bin/env bash
# Installs the Debian packages DefectLens needs (idempotent), then configures
# and builds it in ./build (Release, Ninja, ccache). Used by run-demo.sh and test.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash installer/setup-deps.sh

# ccache must accept the precompiled header of the torch-heavy core.
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
jobs="${DEFECTLENS_BUILD_JOBS:-$(nproc)}"

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release ${DEFECTLENS_CMAKE_ARGS:-}
cmake --build build -j"$jobs"
