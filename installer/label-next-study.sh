#!/usr/bin/env bash
# "Label next" study: does the ranked queue choose labels that teach DMAD more
# than labels chosen at random? On Magnetic Tile (../shared, the shared half),
# for each seed:
#   1. DMAD with no labels (the model an engineer starts from);
#   2. label-next ranks its test images; a simulated engineer walks the queue
#      and labels the first N defective images it meets (normal ones are
#      confirmed OK and skipped; how many were looked at is reported);
#   3. DMAD retrained with those N labelled defects, tested;
#   4. the same with the queue ranked by the threshold and DMAD's normal/abnormal
#      bank disagreement together (label-next --rank-by threshold+banks);
#   5. DMAD with N labelled defects drawn at random (the same seed), tested.
# Each row is tested on its own remaining test split (labelled images leave it);
# the "same images" line compares all four on the test images they share, so
# that removing the queue's hard (near-threshold) defects from the test split
# cannot flatter the queue.
#
#   installer/label-next-study.sh [N=10] [SEEDS="0 1 2"]
# Needs node (installed by setup-deps.sh) to read the JSON. About 20 minutes
# on 2 cores. CLI: $DEFECTLENS_CLI, else build/app/defectlens-cli.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${DEFECTLENS_CLI:-$root/build/app/defectlens-cli}"
labels="${1:-10}"
seeds="${SEEDS:-0 1 2}"
data="$root/../shared/data/magnetic_tile"
if [ ! -d "$data" ]; then
  echo "label-next-study: $data is absent" >&2
  exit 2
fi
work="${STUDY_DIR:-$(mktemp -d)}"
mkdir -p "$work"
echo "label-next-study: working in $work" >&2
json() { node -e "const d=require(process.argv[1]); console.log($2)" "$1"; }

printf '%-6s %-8s %-10s %-9s %-9s %-9s\n' seed labels examined image_auroc pixel_auroc aupro
for seed in $seeds; do
  common=(--data "$data" --format maskfolder --normal-class MT_Free --test-fraction 0.3 --seed "$seed" --no-db --quiet)
  "$cli" fit --method dmad "${common[@]}" --out "$work/base-$seed.dlm" >/dev/null
  "$cli" test --model "$work/base-$seed.dlm" "${common[@]}" --json "$work/base-$seed.json" >/dev/null
  for queue in queue banks; do
    rank_by=threshold
    [ "$queue" = banks ] && rank_by=threshold+banks
    "$cli" label-next --model "$work/base-$seed.dlm" "${common[@]}" --rank-by "$rank_by" \
      --json "$work/$queue-$seed.json" >/dev/null
    # The simulated engineer: the first N defective images of the queue.
    node -e '
      const q = require(process.argv[1]).queue; const n = +process.argv[2]; const fs = require("fs");
      let picked = [], examined = 0;
      for (const c of q) { examined++; if (c.known_label === 1) picked.push(c.relative_path); if (picked.length === n) break; }
      fs.writeFileSync(process.argv[3], picked.join("\n") + "\n"); fs.writeFileSync(process.argv[4], String(examined));
    ' "$work/$queue-$seed.json" "$labels" "$work/list-$queue-$seed.txt" "$work/examined-$queue-$seed.txt"
    "$cli" fit --method dmad "${common[@]}" --labelled-list "$work/list-$queue-$seed.txt" --out "$work/$queue-$seed.dlm" >/dev/null
    "$cli" test --model "$work/$queue-$seed.dlm" "${common[@]}" --labelled-list "$work/list-$queue-$seed.txt" \
      --json "$work/$queue-test-$seed.json" >/dev/null
  done
  "$cli" fit --method dmad "${common[@]}" --labelled-defects "$labels" --out "$work/random-$seed.dlm" >/dev/null
  "$cli" test --model "$work/random-$seed.dlm" "${common[@]}" --labelled-defects "$labels" \
    --json "$work/random-test-$seed.json" >/dev/null
  for row in "base:0:-:base-$seed.json" "queue:$labels:$(cat "$work/examined-queue-$seed.txt"):queue-test-$seed.json" \
             "banks:$labels:$(cat "$work/examined-banks-$seed.txt"):banks-test-$seed.json" \
             "random:$labels:$labels:random-test-$seed.json"; do
    IFS=: read -r name n examined file <<<"$row"
    metrics=$(json "$work/$file" 'd.mean.image_auroc.toFixed(4)+" "+d.mean.pixel_auroc.toFixed(4)+" "+d.mean.aupro.toFixed(4)')
    printf '%-6s %-8s %-10s %s\n' "$seed" "$name/$n" "$examined" "$metrics"
  done
  node -e '
    const files = process.argv.slice(1).map(f => require(f));
    const sets = files.map(d => new Set(d.images.map(i => i.path)));
    const common = [...sets[0]].filter(p => sets.every(s => s.has(p)));
    const auroc = d => {
      const byPath = new Map(d.images.map(i => [i.path, i])); const rows = common.map(p => byPath.get(p));
      const pos = rows.filter(r => r.label === 1).map(r => r.score), neg = rows.filter(r => r.label !== 1).map(r => r.score);
      let wins = 0; for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
      return (wins / (pos.length * neg.length)).toFixed(4);
    };
    console.log("       same " + common.length + " test images, image AUROC base / queue / banks / random: " + files.map(auroc).join(" / "));
  ' "$work/base-$seed.json" "$work/queue-test-$seed.json" "$work/banks-test-$seed.json" "$work/random-test-$seed.json"
done
