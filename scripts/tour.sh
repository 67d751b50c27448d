#!/usr/bin/env bash
# A short tour of the gongxin command line (`make tour`): codes, catalog, generated data, ingest.
set -euo pipefail
GX=${1:-build/src/cli/gongxin}

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "gongxin $*"; "$GX" "$@" || true; }

echo "Gongxin (公信) — public credit information platform: a tour of the command line."
run --version
echo
echo "1. Check codes: unified social credit codes (GB 32100-2015) and citizen ID numbers (GB 11643-1999)."
run code check 914403001922038216 914403001922038217 91110000MA001ABCX5 11010519491231002X 440524188001010014 110101199003077735
echo
echo "2. Generate valid codes for a prefix and a division (Shenzhen enterprises; a Guangzhou-born citizen)."
run code gen --prefix 91 --division 440300 --count 3 --seed 7
run code gen --id --division 440106 --birth 1990-05-17 --count 2 --seed 7
echo
echo "3. The catalog of information classes the platform collects (rules are data under catalog/)."
run catalog list
echo
echo "4. One class in detail: the administrative penalty (行政处罚), field for field."
run catalog show penalty
echo
echo "5. Ingest (归集): generate realistic Guangdong data with some errors departments make,"
echo "   create a platform, and hand in every class's file as its department would."
DEMO=${GONGXIN_TOUR_DIR:-$(mktemp -d /tmp/gongxin-tour-XXXXXX)}
run gen --out "$DEMO/files" --subjects 5000 --seed 42 --dirty 0.03 --quiet
run init --data "$DEMO/platform"
tail -n +2 "$DEMO/files/sources.csv" | while IFS=, read -r cls src _; do
  run ingest --data "$DEMO/platform" --class "$cls" --source "$src" "$DEMO/files/$cls.csv"
done
echo
echo "6. Row-level feedback for the penalty batch (first lines of penalty.csv.feedback.csv):"
head -n 8 "$DEMO/files/penalty.csv.feedback.csv" | cut -c1-220
echo
echo "Everything is in $DEMO. Try: $GX --help, $GX code check --json CODE,"
echo "$GX catalog show license, $GX ingest --data $DEMO/platform --class penalty --source SOURCE FILE"
