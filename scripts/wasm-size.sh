#!/usr/bin/env bash
# Prints the release wasm sizes, raw and gzip (-9), as served from dist/: the app's (the
# first download) and the workbook worker's (fetched only when a workbook is used).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
[ -d dist ] || bash scripts/build.sh >/dev/null
for wasm in dist/rollplan-app-*_bg.wasm dist/rollplan-xlsx-worker_bg.wasm; do
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  printf '%s\n  raw:  %d bytes (%.0f KiB)\n  gzip: %d bytes (%.0f KiB)\n' "$wasm" "$raw" "$(echo "$raw/1024" | bc -l)" "$gz" "$(echo "$gz/1024" | bc -l)"
done
