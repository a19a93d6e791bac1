#!/usr/bin/env bash
# The layers hold: the core depends on no web crate, whatever the target (cargo tree over
# every target, dev-dependencies included); the workbook crate and the command line, on the
# machine's own target (the command line never builds for wasm; on wasm the workbook crate's
# zip dependency draws randomness through wasm-bindgen, which is why workbooks live outside
# the core); and the app is the only package with the web stack. Fails with the paths.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

web='^(yew|yew-macro|web-sys|js-sys|gloo|gloo-[a-z-]+|wasm-bindgen|wasm-bindgen-[a-z-]+)$'
status=0
for spec in "rollplan-core all" "rollplan-xlsx host" "rollplan-cli host"; do
  read -r pkg target <<<"$spec"
  if [ "$target" = host ]; then target=$(rustc -vV | sed -n 's/^host: //p'); fi
  names=$(cargo tree -q -p "$pkg" --target "$target" -e normal,build,dev --prefix none --format '{p}' \
    | awk '{print $1}' | sort -u)
  bad=$(grep -E "$web" <<<"$names" || true)
  if [ -n "$bad" ]; then
    echo "$pkg must not depend on web crates, but its tree has: $(echo $bad)" >&2
    cargo tree -q -p "$pkg" --target "$target" -e normal,build,dev -i "$(head -1 <<<"$bad")" >&2 || true
    status=1
  else
    echo "$pkg ($target): $(wc -l <<<"$names") crates in its tree, none of them a web crate"
  fi
done
# The app must still be the one that has them (a check that cannot pass vacuously).
if ! cargo tree -q -p rollplan-app --prefix none --format '{p}' | grep -qE '^yew '; then
  echo "rollplan-app no longer depends on yew: is this script checking the right packages?" >&2
  status=1
fi
exit $status
