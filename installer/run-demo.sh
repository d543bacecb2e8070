#!/usr/bin/env bash
# The main job on the embedded defaults: set up, build, then train PatchCore on
# MVTec "bottle" from ../shared (or on generated sample data where it is absent),
# evaluate it, score the test images with heatmap overlays and benchmark it.
# Everything lands in ./out/, runs and results in ./out/defectlens.sqlite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash installer/build.sh

cli="$root/build/app/defectlens-cli"
out="$root/out"
mkdir -p "$out"
db="$out/defectlens.sqlite"

if [ -d "$root/../shared/data/mvtec_bottle/train/good" ]; then
  data="$root/../shared/data/mvtec_bottle"
else
  echo "../shared/data is absent: generating a sample dataset in $out/sample-data"
  "$cli" make-sample --out "$out/sample-data"
  data="$out/sample-data"
fi

"$cli" fit --method patchcore --data "$data" --out "$out/model.dlm" --db "$db"
"$cli" test --model "$out/model.dlm" --data "$data" --json "$out/test.json" --maps-dir "$out/maps" --db "$db"
"$cli" predict --model "$out/model.dlm" --input "$data/test" --json "$out/predict.json" --overlay-dir "$out/overlays" --db "$db" --quiet
"$cli" benchmark --model "$out/model.dlm" --data "$data" --json "$out/benchmark.json" --db "$db" --quiet
echo
echo "Done. Metrics: $out/test.json  overlays: $out/overlays  database: $db"
echo "Open the workstation with: $root/build/app/defectlens --model $out/model.dlm --dataset $data"
