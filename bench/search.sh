#!/usr/bin/env bash
# Subject search benchmark: our index (src/search) beside SQLite FTS5 (trigram) on the
# generator's registered names; latency percentiles and recall@10 per query kind.
# The names are generated once per size (gongxin gen --only registration, in process)
# and kept under bench/out/search/.
#
# Usage: bench/search.sh BUILD_DIR [search_bench options: --peer 0, --slowest K]
# Environment: BENCH_SEARCH_SUBJECTS=1000000, BENCH_SEARCH_QUERIES=2000.
set -euo pipefail

BUILD_DIR=${1:-build}
shift || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$ROOT/$BUILD_DIR ;; esac
BENCH=$BUILD_DIR/bench/search_bench
N=${BENCH_SEARCH_SUBJECTS:-1000000}
Q=${BENCH_SEARCH_QUERIES:-2000}
[ -x "$BENCH" ] || { echo "bench/search.sh: $BENCH not found (build target search_bench)" >&2; exit 2; }

DIR=$ROOT/bench/out/search/registration-$N
# Made again when the generator or the catalog changed: the stamp hashes the
# generator's, catalog's and core's libraries when the build has them (else the whole
# binary), so a change to the search library alone keeps the names.
gen_libs=("$BUILD_DIR"/src/generator/libgongxin_generator.a "$BUILD_DIR"/src/core/libgongxin_core.a
  "$BUILD_DIR"/src/catalog/libgongxin_catalog.a)
if [ -f "${gen_libs[0]}" ] && [ -f "${gen_libs[1]}" ] && [ -f "${gen_libs[2]}" ]; then
  gen_hash=$(cat "${gen_libs[@]}" | sha256sum | cut -c1-16)
else
  gen_hash=$(sha256sum "$BENCH" | cut -c1-16)
fi
stamp="$gen_hash $(cat "$ROOT"/catalog/*/* 2>/dev/null | sha256sum | cut -c1-16) $N"
if [ "$(cat "$DIR.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$DIR" "$DIR.stamp"
  mkdir -p "$DIR"
fi
"$BENCH" --dir "$DIR" --subjects "$N" --queries "$Q" "$@"
echo "$stamp" >"$DIR.stamp"
rm -f "$DIR"/peer-fts5.db "$DIR"/peer-fts5.db-wal "$DIR"/peer-fts5.db-shm
