#!/usr/bin/env bash
# Ingest benchmark: generated penalty files (100k and 1M rows, fixed seed) through
#   (a) gongxin ingest --validate-only         read + validate, store nothing
#   (b) gongxin ingest into a fresh platform   read + validate + store, versioned
#   (d) gongxin ingest of the same file again  every row unchanged (idempotent re-send)
#   (c) sqlite3 .import into a fresh database  the peer: one table with the CSV's
#       columns, all TEXT, no checks, no history
# each RUNS times (default 3); prints a Markdown table of medians, rows/s and the
# ratio ours/peer (peer time / our time: > 1 means we are faster).
#
# A file over the batch limit (512 MiB; 1M penalty rows are about 650 MB) is handed
# in as parts of PART_ROWS rows, as a department would have to: every job gets the
# same parts in one command (gongxin: one batch per part; sqlite3: one .import each).
#
# Usage: bench/ingest.sh BUILD_DIR
# Environment: BENCH_SIZES="100000 1000000", BENCH_RUNS=3, BENCH_SEED=20261101,
#              BENCH_PART_ROWS=500000.
set -euo pipefail

BUILD_DIR=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$ROOT/$BUILD_DIR ;; esac
GONGXIN=$BUILD_DIR/src/cli/gongxin
OUT=$ROOT/bench/out/ingest
SIZES=${BENCH_SIZES:-100000 1000000}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-20261101}
PART_ROWS=${BENCH_PART_ROWS:-500000}

for tool in "$GONGXIN" sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench/ingest.sh: $tool not found" >&2; exit 2; }
done
mkdir -p "$OUT"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.3f", b - a}'; }
# Median of the numbers on stdin.
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# The sum of a field over gongxin's JSON summary lines (one per batch): total KEY < out
total() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" | awk '{s += $1} END {print s + 0}'; }
load() { cut -d' ' -f1 /proc/loadavg; }
label() { awk -v n="$1" 'BEGIN {print (n >= 1000000 && n % 1000000 == 0) ? n / 1000000 "M" : (n >= 1000 && n % 1000 == 0) ? n / 1000 "k" : n}'; }
# expect WHAT ACTUAL WANTED: stop when a run did not do the job it is timed for.
expect() {
  if [ "$2" != "$3" ]; then
    echo "bench/ingest.sh: $1 is $2, expected $3" >&2
    exit 1
  fi
}

TABLE=$OUT/results.md
{
  echo "| rows | job | median s | rows/s | ours/peer | runs (s) | load avg (start-end) |"
  echo "| ---: | --- | ---: | ---: | ---: | --- | --- |"
} >"$TABLE"

for n in $SIZES; do
  name=$(label "$n")
  dir=$OUT/penalty-$name
  # The file depends only on the generator (in the binary), the catalog and the
  # arguments: made again only when one of them changed.
  stamp="$(sha256sum "$GONGXIN" | cut -c1-16) $(cat "$ROOT"/catalog/*/* 2>/dev/null | sha256sum | cut -c1-16) $n $SEED $PART_ROWS"
  if [ -f "$dir/penalty.csv" ] && [ "$(cat "$dir.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "== ingest: $n penalty rows (seed $SEED) already made: $(cat "$dir.gen.json")" >&2
  else
    echo "== ingest: generating $n penalty rows (seed $SEED)" >&2
    rm -rf "$dir" "$dir.stamp"
    t0=$(now)
    "$GONGXIN" gen --out "$dir" --only penalty --records "$n" --seed "$SEED" --quiet >"$dir.gen.json"
    echo "   generated in $(since "$t0") s (load $(load)): $(cat "$dir.gen.json")" >&2
    expect "lines of penalty.csv" "$(wc -l <"$dir/penalty.csv")" $((n + 1))
    if [ "$n" -gt "$PART_ROWS" ]; then
      # Generated values never hold line breaks: lines are records.
      tail -n +2 "$dir/penalty.csv" | split -l "$PART_ROWS" -d -a 2 \
        --filter="{ head -1 '$dir/penalty.csv'; cat; } > \$FILE.csv" - "$dir/part-"
      rm "$dir/penalty.csv"
      : >"$dir/penalty.csv"  # marks the folder as made; the parts are the data
    fi
    echo "$stamp" >"$dir.stamp"
  fi
  if [ -s "$dir/penalty.csv" ]; then files=("$dir/penalty.csv"); else files=("$dir"/part-*.csv); fi
  source=$(awk -F, '$1 == "penalty" {print $2}' "$dir/sources.csv")
  columns=$(head -1 "${files[0]}" | tr -d '\r' | awk -F, '{for (i = 1; i <= NF; i++) printf "%s\"%s\" TEXT", (i > 1 ? ", " : ""), $i}')
  imports=()
  for f in "${files[@]}"; do imports+=(".import --skip 1 $f penalty"); done
  [ ${#files[@]} -gt 1 ] && echo "   handed in as ${#files[@]} files of at most $PART_ROWS rows (batch limit 512 MiB)" >&2

  declare -A times=()
  for job in validate store reingest sqlite; do times[$job]=""; done
  load_start=$(load)
  for run in $(seq "$RUNS"); do
    # (a) validate only
    t0=$(now)
    "$GONGXIN" ingest --validate-only --class penalty --source "$source" "${files[@]}" >"$OUT/a.json"
    times[validate]+="$(since "$t0") "
    expect "validate-only rows" "$(total rows <"$OUT/a.json")" "$n"
    expect "validate-only rejected" "$(total rejected <"$OUT/a.json")" 0

    # (b) validate and store into a fresh platform; (d) the same files again
    rm -rf "$OUT/platform"
    "$GONGXIN" init --data "$OUT/platform" >/dev/null
    t0=$(now)
    "$GONGXIN" ingest --data "$OUT/platform" --class penalty --source "$source" "${files[@]}" >"$OUT/b.json"
    times[store]+="$(since "$t0") "
    expect "ingest accepted" "$(total accepted <"$OUT/b.json")" "$n"
    t0=$(now)
    "$GONGXIN" ingest --data "$OUT/platform" --class penalty --source "$source" "${files[@]}" >"$OUT/d.json"
    times[reingest]+="$(since "$t0") "
    expect "re-ingest unchanged" "$(total unchanged <"$OUT/d.json")" "$n"

    # (c) the peer
    rm -f "$OUT/peer.db"
    sqlite3 "$OUT/peer.db" "CREATE TABLE penalty($columns);"
    t0=$(now)
    sqlite3 "$OUT/peer.db" ".mode csv" "${imports[@]}"
    times[sqlite]+="$(since "$t0") "
    expect "sqlite3 rows" "$(sqlite3 "$OUT/peer.db" 'SELECT COUNT(*) FROM penalty')" "$n"

    last() { echo "${times[$1]}" | awk '{print $NF}'; }
    echo "   run $run (s): validate $(last validate), store $(last store), re-ingest $(last reingest), sqlite3 $(last sqlite); load $(load)" >&2
  done

  peer=$(echo "${times[sqlite]}" | tr ' ' '\n' | grep . | median)
  for job in validate store reingest sqlite; do
    case $job in
      validate) what="gongxin ingest --validate-only" ;;
      store) what="gongxin ingest, fresh platform" ;;
      reingest) what="gongxin ingest, same file again (all unchanged)" ;;
      sqlite) what="peer: sqlite3 .import (all TEXT)" ;;
    esac
    med=$(echo "${times[$job]}" | tr ' ' '\n' | grep . | median)
    awk -v n="$n" -v name="$name" -v what="$what" -v med="$med" -v peer="$peer" \
      -v runs="${times[$job]% }" -v l0="$load_start" -v l1="$(load)" \
      'BEGIN {printf "| %s | %s | %.2f | %.0f | %.2f | %s | %s-%s |\n", name, what, med, n / med, peer / med, runs, l0, l1}' >>"$TABLE"
  done
  unset times
done

echo
echo "### Ingest (penalty, seed $SEED, $RUNS runs each, median; ours/peer = peer time / our time)"
echo
cat "$TABLE"
