#!/usr/bin/env bash
# Browser measurements reported in the README (not tests): commit-to-paint latency of the
# grid, DOM size and memory, on the example plan and on the generated 200,000-cell plan.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
cargo build -q -p rollplan-cli --bin rollplan
bash scripts/build.sh >/dev/null
PORT=${MEASURE_PORT:-8766}
serve_dist_in_background "$PORT"
ROLLPLAN_URL="http://127.0.0.1:$PORT/" node scripts/measure-grid.mjs
