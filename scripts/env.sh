# Sourced by the other scripts: puts the project's pinned tools first on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Serves dist/ on 127.0.0.1:$1 in the background until the calling script exits.
serve_dist_in_background() {
  python3 "$ROOT/scripts/static_server.py" "$ROOT/dist" "$1" >/dev/null 2>&1 &
  local server=$!
  trap "kill $server 2>/dev/null || true" EXIT
  for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$1/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the static server did not start on port $1" >&2
  return 1
}
