#!/usr/bin/env bash
# Database benchmark of issue "shared line database": `defectlens-cli db bench`
# once on a fresh SQLite file and once on a fresh database of a throwaway
# PostgreSQL server on this machine (installer/postgres-cluster.sh, default
# durability: fsync and synchronous commit on), then one summary line each.
#
#   installer/db-bench.sh [db bench options...]     (default: 4 writers x 2500
#       results, 100 promotion rounds, a 100000-result migration)
#
# Full JSON reports are left in $DB_BENCH_OUT (default: a temporary folder, printed).
# CLI: $DEFECTLENS_CLI, else build/app/defectlens-cli.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${DEFECTLENS_CLI:-$root/build/app/defectlens-cli}"
out="${DB_BENCH_OUT:-$(mktemp -d)}"
mkdir -p "$out"
cluster="$(mktemp -d /tmp/dl-db-bench-XXXXXX)"
trap 'bash "$root/installer/postgres-cluster.sh" stop "$cluster" || true; rm -rf "$cluster"' EXIT

server="$(bash "$root/installer/postgres-cluster.sh" start "$cluster")"
address="$(bash "$root/installer/postgres-cluster.sh" createdb "$cluster" line_bench | tail -n 1)"

"$cli" db bench --db "$out/line_bench.sqlite" --json "$out/sqlite.json" "$@" >/dev/null
"$cli" db bench --db "$address" --json "$out/postgresql.json" "$@" >/dev/null

summary() {
  node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const f = (x) => x === undefined ? "-" : (typeof x === "number" ? +x.toFixed(2) : x);
const c = r.concurrent_results, o = r.racing_overrides, p = r.promotion_race || {}, m = r.migrate || {};
console.log(`${r.engine.padEnd(10)} results ${f(c.rows_per_second)}/s p95 ${f(c.p95_ms)} ms lost ${c.rows_lost} | ` +
  `overrides ${f(o.rows_per_second)}/s p95 ${f(o.p95_ms)} ms lost ${o.overrides_lost} last-writer-wins ${o.last_writer_wins} | ` +
  `promotions ${f(p.rounds_with_exactly_one_active_model)}/${f(p.rounds)} one active, history ${f(p.history_complete)}, p95 ${f(p.p95_ms)} ms | ` +
  `migrate ${f(m.results_copied)} results in ${f(m.seconds)} s (${f(m.results_per_second)}/s) equal ${f(m.counts_equal)}, again ${f(m.second_copy_seconds)} s copied ${f(m.second_copy_rows_copied)}`);
' "$1"
}
echo "db-bench: machine $(nproc) cores; PostgreSQL at $server (fsync on); reports in $out"
summary "$out/sqlite.json"
summary "$out/postgresql.json"
