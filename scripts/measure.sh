#!/usr/bin/env bash
# Browser measurements reported in the README (not tests): commit-to-paint latency of the
# grid, DOM size and memory, on the example plan and on the generated 200,000-cell plan.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
cargo build -q --bin rollplan
bash scripts/build.sh >/dev/null
PORT=${MEASURE_PORT:-8766}
python3 scripts/static_server.py dist "$PORT" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break
  sleep 0.1
done
ROLLPLAN_URL="http://127.0.0.1:$PORT/" node scripts/measure-grid.mjs
