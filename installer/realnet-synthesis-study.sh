#!/usr/bin/env bash
# "Does SDAS earn its cost?": RealNet with synthesis=dtd, sdas and both, on MVTec bottle
# and Magnetic Tile, over several seeds; prints a table of means and spreads (min..max)
# of image AUROC, pixel AUROC and AU-PRO on each test split.
#
#   installer/realnet-synthesis-study.sh OUTDIR
#
# One SDAS model per dataset is trained first (fit --method sdas, SDAS_MINUTES each) and
# reused by every sdas/both run; finished fits and tests found in OUTDIR are reused, so an
# interrupted study resumes. Environment: DEFECTLENS_CLI (default build/app/defectlens-cli),
# DEFECTLENS_SHARED (default ../shared), STUDY_DATASETS (default "bottle tile"),
# STUDY_SYNTHESES (default "dtd sdas both"), STUDY_SEEDS (default "0 1 2"),
# SDAS_MINUTES (default 60), REALNET_PARAMS (extra --param words for every RealNet fit).
# Cost on two cores: 60 min per SDAS model and, on an idle machine, ~9 min per RealNet bottle
# fit and ~14 min per tile fit (each ended by the 200-epoch cap; the 25-min budget is the
# ceiling), so the full default study takes about 5.5 hours; run it on an idle machine.
# shellcheck source=installer/study-setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/study-setup.sh" study "$@"

data_args() {
  case "$1" in
    bottle) echo "--data $shared/data/mvtec_bottle" ;;
    tile) echo "--data $shared/data/magnetic_tile --format maskfolder --normal-class MT_Free --test-fraction 0.3 --seed 0" ;;
    *) echo "study: unknown dataset '$1' (bottle or tile)" >&2; exit 2 ;;
  esac
}

for dataset in ${STUDY_DATASETS:-bottle tile}; do
  # shellcheck disable=SC2046
  set -- $(data_args "$dataset")
  sdas="$out/sdas-$dataset.dlm"
  if [[ " ${STUDY_SYNTHESES:-dtd sdas both} " =~ \ (sdas|both)\  ]] && [[ ! -f "$sdas" ]]; then
    echo "== SDAS on $dataset (${SDAS_MINUTES:-60} min)"
    "$cli" fit --method sdas "$@" --no-db --out "$sdas" --param max_minutes="${SDAS_MINUTES:-60}" >"$out/sdas-$dataset.log" 2>&1
  fi
  for synthesis in ${STUDY_SYNTHESES:-dtd sdas both}; do
    for seed in ${STUDY_SEEDS:-0 1 2}; do
      name="realnet-$dataset-$synthesis-s$seed"
      [[ -f "$out/$name.json" ]] && continue
      params=(--param seed="$seed" --param synthesis="$synthesis")
      [[ "$synthesis" != dtd ]] && params+=(--param sdas_model="$sdas")
      for p in ${REALNET_PARAMS:-}; do params+=(--param "$p"); done
      echo "== $name"
      "$cli" fit --method realnet "$@" --no-db --out "$out/$name.dlm" "${params[@]}" >"$out/$name.fit.log" 2>&1
      "$cli" test --model "$out/$name.dlm" "$@" --no-db --json "$out/$name.json" >"$out/$name.test.log" 2>&1
    done
  done
done

python3 - "$out" <<'PY'
import glob, json, os, re, sys
rows = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "realnet-*-s*.json"))):
    m = re.match(r"realnet-(\w+)-(\w+)-s(\d+)\.json", os.path.basename(path))
    if not m:
        continue
    mean = json.load(open(path))["mean"]
    rows.setdefault((m.group(1), m.group(2)), []).append(
        [mean.get("image_auroc"), mean.get("pixel_auroc"), mean.get("aupro")])
def cell(values):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    return f"{sum(values) / len(values):.3f} ({min(values):.3f}–{max(values):.3f})"
print("| dataset | synthesis | seeds | image AUROC | pixel AUROC | AU-PRO |")
print("|---|---|---|---|---|---|")
for (dataset, synthesis), runs in sorted(rows.items()):
    columns = list(zip(*runs))
    print(f"| {dataset} | {synthesis} | {len(runs)} | " + " | ".join(cell(c) for c in columns) + " |")
PY
