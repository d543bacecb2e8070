# Sourced by the measurement scripts (realnet-synthesis-study.sh,
# labelled-defects-protocol.sh): `source installer/study-setup.sh NAME "$@"`.
# Sets root, out (the first argument, created), cli (DEFECTLENS_CLI, default
# build/app/defectlens-cli; must exist) and shared (DEFECTLENS_SHARED, default ../shared),
# and two OpenMP threads that do not spin, as every measurement in the READMEs used.
set -euo pipefail
study_name="$1"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-}"
[[ -n "$out" ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
cli="${DEFECTLENS_CLI:-$root/build/app/defectlens-cli}"
shared="${DEFECTLENS_SHARED:-$root/../shared}"
[[ -x "$cli" ]] || { echo "$study_name: no CLI at $cli (build first)" >&2; exit 2; }
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-1000}"
mkdir -p "$out"
