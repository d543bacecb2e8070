#!/usr/bin/env bash
# "Do labelled defects help, and with which settings?" — chosen by a protocol that never
# looks at the test split, then reported on it.
#
#   installer/labelled-defects-protocol.sh OUTDIR
#
# 1. Choose: every candidate setting (PROTOCOL_CANDIDATES, words of KEY=VALUE[,KEY=VALUE])
#    is cross-validated inside the training split (`defectlens-cli crossvalidate`: K folds
#    over the normal training images, the labelled defects held out in turn; the test
#    images are never read) for each of PROTOCOL_CV_SEEDS. The candidate with the best
#    mean (CV image AUROC + CV AU-PRO) wins; ties go to the earlier candidate.
#    PROTOCOL_SWEEP ("KEY=V1,V2,..."; several words for a grid) adds values of parameters
#    that only scoring reads (`defectlens-cli methods` lists them as scoring_parameters):
#    each candidate's fold models are trained once and scored with every value
#    (`crossvalidate --sweep`), and every candidate-value pair competes.
# 2. Report: the winner is fitted with 0, 1 and N labels (REPORT_LABELS) and several model
#    seeds (REPORT_SEEDS) and tested on the test split; the table gives means and spreads
#    (min..max). REPORT_BASELINE=1 also reports the first candidate (the baseline),
#    REPORT_ALL=1 every candidate (for the record: the choice never sees these numbers).
#    REPORT_SPLIT_SEEDS ("default") repeats the report over train/test splits (--seed).
#
#    Every row is tested on the same images: the test split without the most labelled
#    defects any row or the choice uses (N labels are the first N of one fixed order per
#    split seed, so the sets are nested). A row with fewer labels thus never scores the
#    defects the choice saw, and all rows are compared on one test set.
#
# Methods that do not learn from labelled defects (DSKD, PatchCore; CSE with
# labelled_share=0) use them only to measure: report them with REPORT_LABELS set to
# PROTOCOL_LABELS. DMAD and CSE train on the folds' other labels.
#
# Environment: DEFECTLENS_CLI (default build/app/defectlens-cli), DEFECTLENS_SHARED
# (default ../shared), PROTOCOL_METHOD (dmad), PROTOCOL_DATASET (tile | bottle; tile),
# PROTOCOL_LABELS (labelled defects for the choice; 10), PROTOCOL_FOLDS (5),
# PROTOCOL_CANDIDATES ("transplants_per_label=0 transplants_per_label=20"; a value with
# commas is fine: taps=["features.6","features.13"],pool=1),
# PROTOCOL_CV_SEEDS ("0 1"), PROTOCOL_SWEEP (none), PROTOCOL_DRAW (proportional | round-robin:
# how the labelled defects spread over the defect types, `--labelled-draw`; proportional),
# PROTOCOL_TRAINING_LABELS (all: each fold model trains on every label outside its fold;
# M: on only M of them, `crossvalidate --training-labels M`, which asks how a setting does
# for a model with few labels while all held-out labels are scored),
# REPORT_LABELS ("0 1 10"), REPORT_SEEDS ("0 1 2").
# The draw: the held-out labelled defects stand for the defects the test split (and the
# line) will show, so by default they follow the types' frequencies (proportional). With
# one label of each type in turn (round-robin) a rare type weighs as much as a common one:
# on Magnetic Tile DSKD's smoothing CV put 16 px first that way and 4 px, the test split's
# order, with the proportional draw (DSKD README, "A wider smoothing on surfaces").
# Round-robin answers "N labels of each kind" questions; it was the default until
# 2026-12-07, and commands recorded before then reproduce with PROTOCOL_DRAW=round-robin.
# Finished runs found in OUTDIR are reused, so an interrupted protocol resumes.
# Cost with DMAD on Magnetic Tile, two cores: ~3 min per cross-validation, ~1 min per
# reported fit + test; the defaults take about 20 minutes.
# shellcheck source=installer/study-setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/study-setup.sh" protocol "$@"
method="${PROTOCOL_METHOD:-dmad}"
labels="${PROTOCOL_LABELS:-10}"
folds="${PROTOCOL_FOLDS:-5}"
read -r -a candidates <<< "${PROTOCOL_CANDIDATES:-transplants_per_label=0 transplants_per_label=20}"
read -r -a sweeps <<< "${PROTOCOL_SWEEP:-}"
sweep_args=()
draw=(--labelled-draw "${PROTOCOL_DRAW:-proportional}")
for s in "${sweeps[@]}"; do sweep_args+=(--sweep "$s"); done
training_labels=()
[[ -n "${PROTOCOL_TRAINING_LABELS:-}" && "${PROTOCOL_TRAINING_LABELS}" != all ]] \
  && training_labels=(--training-labels "$PROTOCOL_TRAINING_LABELS")

case "${PROTOCOL_DATASET:-tile}" in
  bottle) data=(--data "$shared/data/mvtec_bottle") ;;
  tile) data=(--data "$shared/data/magnetic_tile" --format maskfolder --normal-class MT_Free --test-fraction 0.3) ;;
  *) echo "protocol: unknown PROTOCOL_DATASET '${PROTOCOL_DATASET}' (tile or bottle)" >&2; exit 2 ;;
esac

param_args() { # "a=1,b=2" -> --param a=1 --param b=2; a comma inside a value (taps=["x","y"]) stays
  python3 -c 'import re, sys
for kv in re.split(r",(?=[a-z_]+=)", sys.argv[1]):
    print("--param"); print(kv)' "$1"
}

# 1. Choose by cross-validation inside the training split.
for c in "${!candidates[@]}"; do
  mapfile -t params < <(param_args "${candidates[$c]}")
  for seed in ${PROTOCOL_CV_SEEDS:-0 1}; do
    name="cv-c$c-s$seed"
    [[ -f "$out/$name.json" ]] && continue
    echo "== cross-validating ${candidates[$c]} (model seed $seed)"
    "$cli" crossvalidate --method "$method" "${data[@]}" --labelled-defects "$labels" "${draw[@]}" --folds "$folds" \
      "${training_labels[@]}" "${params[@]}" "${sweep_args[@]}" --param seed="$seed" --quiet --json "$out/$name.json" >"$out/$name.log" 2>&1
  done
done
# Each candidate, or with a sweep each candidate-value pair (written as the candidate
# with ",KEY=VALUE" appended), and its CV score; the last line printed is the winner.
choice_lines="$(python3 - "$out" "${candidates[@]}" <<'PY'
import glob, json, os, sys
out, candidates = sys.argv[1], sys.argv[2:]
print("cross-validation inside the training split (mean over model seeds):", file=sys.stderr)
print(f"{'candidate':<44} {'image AUROC':>11} {'pixel AUROC':>11} {'AU-PRO':>7} {'criterion':>9}", file=sys.stderr)
def setting(candidate, scoring):
    extra = ",".join(f"{k}={json.dumps(v)}" for k, v in scoring.items())
    return ",".join(part for part in (candidate, extra) if part)
expanded = {} # setting -> the CV means over model seeds
for c, name in enumerate(candidates):
    paths = sorted(glob.glob(os.path.join(out, f"cv-c{c}-s*.json")))
    if not paths: expanded.setdefault(name, []) # a failed cross-validation: scores 0, keeps its place
    for p in paths:
        report = json.load(open(p))
        for variant in report.get("sweep", [report]):
            expanded.setdefault(setting(name, variant.get("scoring_params", {})), []).append(variant["mean"])
best, best_score = None, None
for name, runs in expanded.items():
    mean = lambda k: sum(r[k] for r in runs if r[k] is not None) / max(1, sum(r[k] is not None for r in runs))
    score = mean("image_auroc") + mean("aupro")
    print(f"{name:<44} {mean('image_auroc'):11.3f} {mean('pixel_auroc'):11.3f} {mean('aupro'):7.3f} {score:9.3f}",
          file=sys.stderr)
    if best_score is None or score > best_score + 1e-9:
        best, best_score = name, score
for name in expanded: print(name)
print(list(expanded).index(best))
PY
)"
mapfile -t choice <<< "$choice_lines"
winner="${choice[-1]}"
candidates=("${choice[@]:0:${#choice[@]}-1}")
echo "chosen: ${candidates[$winner]}"

# 2. Report on the test split.
report=("$winner")
if [[ "${REPORT_ALL:-0}" == 1 ]]; then report=("${!candidates[@]}")
elif [[ "${REPORT_BASELINE:-0}" == 1 && "$winner" != 0 ]]; then report=(0 "$winner"); fi
test_labels="$labels"
for n in ${REPORT_LABELS:-0 1 10}; do
  if (( n > test_labels )); then test_labels="$n"; fi
done
for c in "${report[@]}"; do
  mapfile -t params < <(param_args "${candidates[$c]}")
  for n in ${REPORT_LABELS:-0 1 10}; do
    for split in ${REPORT_SPLIT_SEEDS:-default}; do
      split_args=() tag=""
      [[ "$split" != default ]] && split_args=(--seed "$split") tag="-p$split"
      for seed in ${REPORT_SEEDS:-0 1 2}; do
        name="test-c$c-l$n$tag-s$seed"
        [[ -f "$out/$name.json" ]] && continue
        echo "== ${candidates[$c]}, $n labels, split seed $split, model seed $seed"
        "$cli" fit --method "$method" "${data[@]}" "${split_args[@]}" --labelled-defects "$n" "${draw[@]}" "${params[@]}" \
          --param seed="$seed" --no-db --out "$out/$name.dlm" >"$out/$name.fit.log" 2>&1
        "$cli" test --model "$out/$name.dlm" "${data[@]}" "${split_args[@]}" --labelled-defects "$test_labels" "${draw[@]}" --no-db \
          --json "$out/$name.json" >"$out/$name.test.log" 2>&1
        rm -f "$out/$name.dlm"
      done
    done
  done
done
python3 - "$out" "$winner" "${candidates[@]}" <<'PY'
import glob, json, os, re, sys
out, winner, candidates = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print("test split without the labelled defects of any row (image AUROC / pixel AUROC / AU-PRO: mean, "
      "min..max over split and model seeds):")
rows = {}
per_type = {} # each defect type's image AUROC against the good images (test --json's defect_types)
for path in glob.glob(os.path.join(out, "test-c*-l*-s*.json")):
    c, n = map(int, re.match(r"test-c(\d+)-l(\d+)(?:-p\d+)?-s\d+\.json", os.path.basename(path)).groups())
    report = json.load(open(path))
    rows.setdefault((c, n), []).append(report["mean"])
    for category in report["categories"].values():
        for t, m in category.get("defect_types", {}).items():
            if m["image_auroc"] is not None:
                per_type.setdefault((c, n), {}).setdefault(t, []).append(m["image_auroc"])
for (c, n) in sorted(rows):
    runs = rows[(c, n)]
    cells = []
    for k in ("image_auroc", "pixel_auroc", "aupro"):
        v = [r[k] for r in runs]
        cells.append(f"{sum(v) / len(v):.3f} ({min(v):.3f}..{max(v):.3f})")
    tag = "chosen" if c == winner else "not chosen"
    print(f"{candidates[c]:<36} {tag:<10} {n:>3} labels, {len(runs)} seeds: " + " / ".join(cells))
# Which kinds of defect the labels help.
if per_type:
    print("per defect type (image AUROC against the good images, mean over the runs):")
    for (c, n) in sorted(per_type):
        types = per_type[(c, n)]
        print(f"{candidates[c]:<36} {n:>3} labels: "
              + ", ".join(f"{t} {sum(v) / len(v):.3f}" for t, v in sorted(types.items())))
PY
