#!/usr/bin/env bash
# Subject lookup over HTTP with keep-alive: `gongxin serve` answering
# GET /api/v1/subjects/{code} (public view: publicity decided per record, masking, JSON
# built per request from the store) beside nginx serving the very same JSON documents as
# static files, in the same run, each loaded by wrk with the same connections, threads,
# duration and list of codes. Prints a Markdown table of requests/s and latency
# percentiles (median of RUNS runs) and the ratio ours/peer (> 1: we are faster).
#
# The data is `gongxin demo` (generated subjects, ingested through the real path).
#
# Usage: bench/http.sh BUILD_DIR
# Environment: BENCH_HTTP_SUBJECTS=100000, BENCH_HTTP_CODES=2000, BENCH_HTTP_SECONDS=10,
#              BENCH_HTTP_CONNECTIONS=32, BENCH_RUNS=3, BENCH_SEED=20261101.
set -euo pipefail

BUILD_DIR=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$ROOT/$BUILD_DIR ;; esac
GONGXIN=$BUILD_DIR/src/cli/gongxin
OUT=$ROOT/bench/out/http
SUBJECTS=${BENCH_HTTP_SUBJECTS:-100000}
CODES=${BENCH_HTTP_CODES:-2000}
SECONDS_PER_RUN=${BENCH_HTTP_SECONDS:-10}
CONNECTIONS=${BENCH_HTTP_CONNECTIONS:-32}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-20261101}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

for tool in "$GONGXIN" wrk curl "$NGINX"; do
  command -v "$tool" >/dev/null || { echo "bench/http.sh: $tool not found" >&2; exit 2; }
done
rm -rf "$OUT" && mkdir -p "$OUT/www/api/v1/subjects" "$OUT/nginx"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# 1. The platform: gongxin demo with its default 4 request threads (they overlap waits on the
#    store; the machine has 2 cores, shared with wrk and nginx).
GX_PORT=$(free_port)
echo "== http: gongxin demo with $SUBJECTS subjects on port $GX_PORT" >&2
"$GONGXIN" demo --data "$OUT/demo" --subjects "$SUBJECTS" --seed "$SEED" --port "$GX_PORT" \
  --threads 4 --access-log off --quiet >"$OUT/demo.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do [ -f "$OUT/demo/demo.json" ] && break; sleep 0.5; done
[ -f "$OUT/demo/demo.json" ] || { echo "bench/http.sh: the demo did not start" >&2; cat "$OUT/demo.log" >&2; exit 1; }
BASE=http://127.0.0.1:$GX_PORT

# 2. The codes looked up: organisations (the public sees no natural person's archive).
awk -F, 'NR > 1 && $2 != "natural_person" {print $1}' "$OUT/demo/files/subjects.csv" |
  awk -v n="$CODES" 'NR % 7 == 3 && c < n {print; c++}' >"$OUT/codes.txt"
found=0
while read -r code; do
  if curl -sf "$BASE/api/v1/subjects/$code" -o "$OUT/www/api/v1/subjects/$code"; then
    found=$((found + 1))
  else
    rm -f "$OUT/www/api/v1/subjects/$code"
  fi
done <"$OUT/codes.txt"
ls "$OUT/www/api/v1/subjects" >"$OUT/codes.txt"
echo "== http: $found documents, $(du -sh "$OUT/www" | cut -f1) in all" >&2

# 3. The peer: nginx serving the same documents as files, 2 workers, keep-alive.
NG_PORT=$(free_port)
cat >"$OUT/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  keepalive_timeout 60;
  default_type application/json;
  client_body_temp_path $OUT/nginx/tmp;
  proxy_temp_path $OUT/nginx/tmp;
  fastcgi_temp_path $OUT/nginx/tmp;
  uwsgi_temp_path $OUT/nginx/tmp;
  scgi_temp_path $OUT/nginx/tmp;
  server { listen 127.0.0.1:$NG_PORT; root $OUT/www; }
}
CONF
mkdir -p "$OUT/nginx/tmp"
"$NGINX" -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" 2>"$OUT/nginx/stderr.log" &
pids+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NG_PORT/api/v1/subjects/$(head -1 "$OUT/codes.txt")" -o /dev/null && break; sleep 0.1; done
cmp <(curl -s "$BASE/api/v1/subjects/$(head -1 "$OUT/codes.txt")") \
    <(curl -s "http://127.0.0.1:$NG_PORT/api/v1/subjects/$(head -1 "$OUT/codes.txt")") ||
  { echo "bench/http.sh: nginx and gongxin disagree on a document" >&2; exit 1; }

# 4. wrk: every request a different code, round robin.
cat >"$OUT/paths.lua" <<LUA
local codes = {}
for line in io.lines("$OUT/codes.txt") do codes[#codes + 1] = line end
local i = 0
request = function()
  i = i % #codes + 1
  return wrk.format("GET", "/api/v1/subjects/" .. codes[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %.3f\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
LUA
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
run() {  # run NAME URL → lines "rps p50 p90 p99 errors"
  for r in $(seq 1 "$RUNS"); do
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$OUT/paths.lua" "$2" |
      awk '/^RESULT/ {print $7, $4, $5, $6, $3}'
  done >"$OUT/$1.runs"
  echo "== http: $1: $(tr '\n' ';' <"$OUT/$1.runs")" >&2
}
load_start=$(cut -d' ' -f1 /proc/loadavg)
run gongxin "$BASE"
run nginx "http://127.0.0.1:$NG_PORT"
load_end=$(cut -d' ' -f1 /proc/loadavg)

col() { awk -v c="$2" '{print $c}' "$OUT/$1.runs" | median; }
errors() { awk '{s += $5} END {print s + 0}' "$OUT/$1.runs"; }
g_rps=$(col gongxin 1); n_rps=$(col nginx 1)
echo "| server | documents | requests/s | p50 ms | p90 ms | p99 ms | errors | ours/peer (rps) | load avg (start-end) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf "| gongxin serve (public view, SQLite, %s subjects) | %s | %.0f | %.2f | %.2f | %.2f | %s | %.2f | %s-%s |\n" \
  "$SUBJECTS" "$found" "$g_rps" "$(col gongxin 2)" "$(col gongxin 3)" "$(col gongxin 4)" "$(errors gongxin)" \
  "$(awk -v a="$g_rps" -v b="$n_rps" 'BEGIN {print a / b}')" "$load_start" "$load_end"
printf "| nginx (the same JSON as static files) | %s | %.0f | %.2f | %.2f | %.2f | %s | 1.00 | %s-%s |\n" \
  "$found" "$n_rps" "$(col nginx 2)" "$(col nginx 3)" "$(col nginx 4)" "$(errors nginx)" "$load_start" "$load_end"
echo
echo "wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s, every request a different code of $found, median of $RUNS runs; gongxin with 1 I/O and 4 request threads, nginx with 2 workers; wrk, server and peer share the machine's $(nproc) cores."
