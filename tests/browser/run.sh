#!/usr/bin/env bash
# Browser test of the public portal (ctest: browser_portal).
#
# Usage: tests/browser/run.sh BUILD_DIR
#
# Starts the real platform with `BUILD_DIR/src/cli/gongxin demo` on a free port in a
# temporary data directory, waits for the demo.json it writes once it is serving,
# then drives Debian's chromium with playwright-core (portal.test.mjs) against it.
#
# Environment (all optional):
#   CHROMIUM        chromium binary (default /usr/bin/chromium)
#   OUT_DIR         where screenshots go (default BUILD_DIR/browser-portal)
#   DEMO_TIMEOUT    seconds to wait for the demo to serve (default 120)
#   KEEP_TMP=1      keep the temporary data directory
#   GONGXIN_WEB_DIR the portal's files (default: web/ of this tree)
set -euo pipefail

die() { echo "browser_portal: FAIL: $*" >&2; exit 1; }
log() { echo "browser_portal: $*" >&2; }

[ $# -ge 1 ] && [ -n "$1" ] || die "usage: tests/browser/run.sh BUILD_DIR"
BUILD_DIR=$(cd "$1" 2>/dev/null && pwd) || die "build directory '$1' does not exist"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN="$BUILD_DIR/src/cli/gongxin"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export OUT_DIR="${OUT_DIR:-$BUILD_DIR/browser-portal}"
DEMO_TIMEOUT="${DEMO_TIMEOUT:-120}"
# serve the portal files of this tree (the binary's default is the source tree's web/ too)
if [ -z "${GONGXIN_WEB_DIR:-}" ] && [ -d "$HERE/../../web" ]; then
  GONGXIN_WEB_DIR=$(cd "$HERE/../../web" && pwd)
  export GONGXIN_WEB_DIR
fi

[ -x "$BIN" ] || die "the gongxin binary is missing: $BIN (build the project first)"
command -v node >/dev/null 2>&1 || die "node is not installed (scripts/deps.sh installs it)"
command -v npm >/dev/null 2>&1 || die "npm is not installed (scripts/deps.sh installs it)"
[ -x "$CHROMIUM" ] || die "chromium is not installed at $CHROMIUM (scripts/deps.sh installs it)"

# --- playwright-core, from the committed package-lock.json -----------------------------
cd "$HERE"
if [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing playwright-core (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed in $HERE"
fi

# --- start the platform -----------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gongxin-browser.XXXXXX")
SERVER_PID=""
TEST_PID=""
SERVER_LOG="$TMP.server.log"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$TEST_PID" ] && kill -0 "$TEST_PID" 2>/dev/null; then
    kill -TERM "$TEST_PID" 2>/dev/null || true
    wait "$TEST_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server did not stop after SIGTERM in 10 s; sending SIGKILL"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$SERVER_LOG" ]; then
    echo "browser_portal: last lines of the server's output:" >&2
    tail -n 40 "$SERVER_LOG" >&2 || true
  fi
  if [ "${KEEP_TMP:-0}" = 1 ]; then
    log "kept $TMP"
  else
    rm -rf "$TMP" "$SERVER_LOG"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting $BIN demo (data in $TMP)"
"$BIN" demo --data "$TMP" --port 0 --subjects 3000 --seed 7 --quiet >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

# json_get FILE KEY.PATH -> the value, or an empty string when missing or null
json_get() {
  node -e '
    const data = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    let v = data;
    for (const k of process.argv[2].split(".")) v = (v == null ? undefined : v[k]);
    process.stdout.write(v == null ? "" : String(v));
  ' "$1" "$2"
}

DEMO_JSON="$TMP/demo.json"
deadline=$((SECONDS + DEMO_TIMEOUT))
URL=""
while :; do
  kill -0 "$SERVER_PID" 2>/dev/null || { wait "$SERVER_PID" && rc=0 || rc=$?; SERVER_PID=""; die "gongxin demo exited (status $rc) before it was serving"; }
  if [ -z "$URL" ] && [ -s "$DEMO_JSON" ]; then
    URL=$(json_get "$DEMO_JSON" url 2>/dev/null) || URL=""   # may be half-written: try again
  fi
  if [ -n "$URL" ] && node -e '
      fetch(process.argv[1], { signal: AbortSignal.timeout(2000) })
        .then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));
    ' "${URL%/}/healthz"; then
    break
  fi
  [ "$SECONDS" -lt "$deadline" ] || die "gongxin demo was not serving within ${DEMO_TIMEOUT} s (demo.json: $([ -s "$DEMO_JSON" ] && echo present || echo missing), url: ${URL:-none})"
  sleep 0.25
done

BASE_URL="${URL%/}"
EXAMPLE_CODE=$(json_get "$DEMO_JSON" example.code)
EXAMPLE_NAME=$(json_get "$DEMO_JSON" example.name)
OFFICE_KEY=$(json_get "$DEMO_JSON" keys.credit_office)
[ -n "$EXAMPLE_CODE" ] || die "demo.json has no example.code"
[ -n "$EXAMPLE_NAME" ] || die "demo.json has no example.name"
[ -n "$OFFICE_KEY" ] || die "demo.json has no keys.credit_office"
export BASE_URL EXAMPLE_CODE EXAMPLE_NAME OFFICE_KEY
log "serving at $BASE_URL; example $EXAMPLE_CODE $EXAMPLE_NAME"

# --- the browser test ---------------------------------------------------------------------
mkdir -p "$OUT_DIR"
# In the background so that a SIGTERM (e.g. ctest's timeout) runs the cleanup at once.
node --test --test-reporter=spec "$HERE/portal.test.mjs" &
TEST_PID=$!
if wait "$TEST_PID"; then
  TEST_PID=""
  log "passed (screenshots in $OUT_DIR)"
else
  rc=$?
  TEST_PID=""
  die "portal.test.mjs failed (status $rc; screenshots in $OUT_DIR)"
fi
