#!/usr/bin/env bash
# Prints the release wasm size, raw and gzip (-9), as it is served from dist/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
[ -d dist ] || bash scripts/build.sh >/dev/null
wasm=$(ls dist/*.wasm | head -1)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'release wasm: %s\n  raw:  %d bytes (%.0f KiB)\n  gzip: %d bytes (%.0f KiB)\n' "$wasm" "$raw" "$(echo "$raw/1024" | bc -l)" "$gz" "$(echo "$gz/1024" | bc -l)"
