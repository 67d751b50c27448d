#!/usr/bin/env bash
# `make bench`: runs every benchmark of bench/ against its peer and prints a summary
# (Markdown tables of medians and ratios, with the machine and its load average).
# Results are also kept in bench/out/summary.md; docs/BENCHMARKS.md reports them.
#
# Usage: scripts/bench.sh BUILD_DIR
# Environment: BENCH_ONLY="ingest core search http" (the benchmarks to run);
#              BENCH_SIZES, BENCH_RUNS, BENCH_SEED, BENCH_PART_ROWS (bench/ingest.sh);
#              BENCH_MIN_TIME (seconds per core benchmark repetition, default 0.5);
#              BENCH_SEARCH_SUBJECTS (bench/search.sh); BENCH_HTTP_* (bench/http.sh).
set -euo pipefail

BUILD_DIR=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$ROOT/$BUILD_DIR ;; esac
OUT=$ROOT/bench/out
MIN_TIME=${BENCH_MIN_TIME:-0.5}
ONLY=" ${BENCH_ONLY:-ingest core search http} "
mkdir -p "$OUT"

machine() {
  echo "- machine: $(nproc) cores, $(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM"
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "- sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
}

start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. Ingest (end to end, through the command line).
ingest_table="(ingest not run)"
if [[ $ONLY == *" ingest "* ]]; then ingest_table=$("$ROOT/bench/ingest.sh" "$BUILD_DIR"); fi

# 2. Core rules (Google Benchmark): 5 repetitions, medians.
core_csv=$OUT/core.csv
core_table="(core not run)"
if [[ $ONLY == *" core "* ]]; then
  echo "== core: $BUILD_DIR/bench/core_bench (min time ${MIN_TIME}s x 5 repetitions)" >&2
  core_load_start=$(cut -d' ' -f1 /proc/loadavg)
  "$BUILD_DIR/bench/core_bench" --benchmark_min_time="$MIN_TIME" --benchmark_repetitions=5 \
    --benchmark_report_aggregates_only=true --benchmark_out="$core_csv" \
    --benchmark_out_format=csv >&2
  core_load="$core_load_start-$(cut -d' ' -f1 /proc/loadavg)"
  # Pairs BM_X_Ours with BM_X_Peer*: ours/peer = peer time / our time (> 1: we are faster).
  core_table=$(awk -F, -v load="$core_load" '
  /_median"?,/ {
    name = $1; gsub(/"/, "", name); sub(/^BM_/, "", name); sub(/_median$/, "", name)
    ns = $3; unit = $5
    if (unit == "us") ns *= 1000; else if (unit == "ms") ns *= 1e6
    n = split(name, part, "_"); who = part[n]; job = name; sub("_" who "$", "", job)
    if (!(job in seen)) { order[++jobs] = job; seen[job] = 1 }
    if (who == "Ours") ours[job] = ns; else { peer[job] = ns; peername[job] = who }
  }
  END {
    print "| job | ours ns/item | peer | peer ns/item | ours/peer | load avg (start-end) |"
    print "| --- | ---: | --- | ---: | ---: | --- |"
    for (i = 1; i <= jobs; i++) {
      j = order[i]
      printf "| %s | %.1f | %s | %.1f | %.2f | %s |\n", j, ours[j], peername[j], peer[j], peer[j] / ours[j], load
    }
  }' "$core_csv")
fi

# 3. Search: our index beside SQLite FTS5 (trigram), latency and recall at 10.
search_table="(search not run)"
if [[ $ONLY == *" search "* ]]; then search_table=$("$ROOT/bench/search.sh" "$BUILD_DIR"); fi

# 4. Subject lookup over HTTP: gongxin serve beside nginx serving the same JSON, with wrk.
http_table="(http not run)"
if [[ $ONLY == *" http "* ]]; then http_table=$("$ROOT/bench/http.sh" "$BUILD_DIR"); fi

{
  echo "## make bench, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  machine
  echo "- load average at start: $load_start; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- took $(($(date +%s) - start)) s"
  echo
  echo "$ingest_table"
  echo
  echo "### Core rules (Google Benchmark, median of 5 repetitions; ours/peer = peer time / our time)"
  echo
  echo "$core_table"
  echo
  echo "### Search (our index beside SQLite FTS5 trigram, same names and queries)"
  echo
  echo "$search_table"
  echo
  echo "### Subject lookup over HTTP (wrk, keep-alive; gongxin serve beside nginx with the same JSON)"
  echo
  echo "$http_table"
} | tee "$OUT/summary.md"
