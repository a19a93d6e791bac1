#!/usr/bin/env bash
# The layers hold: the core and the command line depend on no web crate, whatever the
# target (cargo tree over every target, dev-dependencies included), and the app is the
# only package that does. Fails with the offending paths.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

web='^(yew|yew-macro|web-sys|js-sys|gloo|gloo-[a-z-]+|wasm-bindgen|wasm-bindgen-[a-z-]+)$'
status=0
for pkg in rollplan-core rollplan-cli; do
  names=$(cargo tree -q -p "$pkg" --target all -e normal,build,dev --prefix none --format '{p}' \
    | awk '{print $1}' | sort -u)
  bad=$(grep -E "$web" <<<"$names" || true)
  if [ -n "$bad" ]; then
    echo "$pkg must not depend on web crates, but its tree has: $(echo $bad)" >&2
    cargo tree -q -p "$pkg" --target all -e normal,build,dev -i "$(head -1 <<<"$bad")" >&2 || true
    status=1
  else
    echo "$pkg: $(wc -l <<<"$names") crates in its tree, none of them a web crate"
  fi
done
# The app must still be the one that has them (a check that cannot pass vacuously).
if ! cargo tree -q -p rollplan-app --prefix none --format '{p}' | grep -qE '^yew '; then
  echo "rollplan-app no longer depends on yew: is this script checking the right packages?" >&2
  status=1
fi
exit $status
