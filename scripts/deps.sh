#!/usr/bin/env bash
# Installs every Debian package Gongxin needs to build, test and run.
# Idempotent: when everything is present it only runs dpkg-query and exits.
# Works as root or through sudo. Usage: scripts/deps.sh
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build ccache g++ make pkg-config clang-format
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # text: ICU (NFKC, GB18030), OpenCC (traditional -> simplified), charset detection
  libicu-dev libopencc-dev opencc libuchardet-dev
  # config, CLI, logging, JSON
  libyaml-cpp-dev libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev libsimdjson-dev
  # embedded store and its peer in benchmarks
  libsqlite3-dev sqlite3
  # spreadsheets
  libzip-dev libexpat1-dev libxlsxwriter-dev
  # HTTP server (Boost.Beast, Asio), hashes of API keys
  libboost-dev libssl-dev
  # browser tests (playwright-core drives Debian's chromium); Chinese glyphs for pages and PDFs
  chromium fonts-noto-cjk
  # benchmark peers: load generator and static file server
  wrk nginx-light
)
# Node.js runs the browser tests; a machine may already have it from elsewhere
# (e.g. NodeSource, which bundles npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done" >&2
