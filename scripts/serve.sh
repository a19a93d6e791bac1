#!/usr/bin/env bash
# One command: install what is missing, build the release app, serve it on
# http://127.0.0.1:8080 (it opens on the example plan).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
echo "Rollplan: http://127.0.0.1:${PORT:-8080}/  (Ctrl+C to stop)"
exec python3 "$ROOT/scripts/static_server.py" "$ROOT/dist" "${PORT:-8080}"
