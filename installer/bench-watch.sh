#!/usr/bin/env bash
# Live-inspection benchmark: starts `defectlens-cli watch` on an empty folder
# with a fresh database, feeds it COUNT images at RATE images/s with
# installer/line-load.sh, and prints the watch's own measurements (latency from
# file written to result recorded: p50 / p95 / max; throughput; peak backlog)
# and whether every file written was recorded exactly once.
#
#   installer/bench-watch.sh MODEL.dlm SOURCE_DIR COUNT RATE [extra watch options...]
#
# e.g. installer/bench-watch.sh /tmp/pc.dlm /tmp/bottle256 200 10
# CLI: $DEFECTLENS_CLI, else build/app/defectlens-cli.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${DEFECTLENS_CLI:-$root/build/app/defectlens-cli}"
if [ $# -lt 4 ]; then
  echo "usage: $0 MODEL.dlm SOURCE_DIR COUNT RATE [extra watch options...]" >&2
  exit 2
fi
model="$1"; source_dir="$2"; count="$3"; rate="$4"; shift 4
work="$(mktemp -d)"
trap 'kill "$watch_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/in"

"$cli" watch --model "$model" --input "$work/in" --db "$work/line.sqlite" --exit-when-idle 5 \
  --json "$work/summary.json" "$@" >"$work/lines.jsonl" 2>"$work/watch.log" &
watch_pid=$!
for _ in $(seq 1 600); do
  grep -q "^watching /" "$work/watch.log" 2>/dev/null && break
  if ! kill -0 "$watch_pid" 2>/dev/null; then cat "$work/watch.log" >&2; exit 1; fi
  sleep 0.2
done
bash "$root/installer/line-load.sh" "$source_dir" "$work/in" "$count" "$rate"
wait "$watch_pid"

distinct=$(grep -o '"path":"[^"]*"' "$work/lines.jsonl" | sort -u | wc -l)
lines=$(wc -l <"$work/lines.jsonl")
journal="n/a (sqlite3 not installed)"
if command -v sqlite3 >/dev/null; then
  journal=$(sqlite3 "$work/line.sqlite" "SELECT COUNT(*) || ' journal entries, ' || COUNT(DISTINCT path) || ' distinct files, ' || (SELECT COUNT(*) FROM results) || ' results' FROM watched_files")
fi
echo "bench-watch: $count written at $rate/s; $lines lines printed for $distinct distinct files; database: $journal"
python3 - "$work/summary.json" <<'EOF' 2>/dev/null || cat "$work/summary.json"
import json, sys
s = json.load(open(sys.argv[1]))
l = s["latency_written_to_recorded"]
print("bench-watch: scored %d, failed %d, latency p50 %.1f ms, p95 %.1f ms, max %.1f ms; "
      "%.1f images/s seen by the line, %.1f images/s while busy; peak backlog %d; %d network calls"
      % (s["scored"], s["failed"], l.get("p50_ms", 0), l.get("p95_ms", 0), l.get("max_ms", 0),
         l.get("live_images_per_second", 0), s["images_per_busy_second"], s["peak_backlog"], s["network_calls"]))
EOF
