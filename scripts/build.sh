#!/usr/bin/env bash
# Release build of the web app into dist/ (wasm-opt -Oz via trunk).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release "$@"
