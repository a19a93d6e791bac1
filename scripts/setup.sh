#!/usr/bin/env bash
# Installs everything Rollplan needs to build, serve and test, offline-safe and idempotent:
# every step checks first and does nothing when its tool is already at the pinned version.
# Versions are pinned to what ../shared/TOOLCHAIN.md verified on this kind of machine.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pin in Cargo.toml / Cargo.lock
TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for comp in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$comp"; then
    log "adding rustup component $comp"
    rustup component add "$comp"
  fi
done

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: its lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 7 minutes)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked --force
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# A real spreadsheet for the workbook tests: LibreOffice recalculates exported workbooks.
if ! command -v soffice >/dev/null 2>&1; then
  log "installing Debian's libreoffice-calc-nogui (a real spreadsheet for the workbook tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
fi

# Node tools (wasm-opt from binaryen, playwright-core) live in scripts/node_modules,
# pinned by scripts/package-lock.json. npm ci is skipped when the lock is already satisfied.
if [ ! -f scripts/node_modules/.package-lock.json ] \
   || ! cmp -s scripts/package-lock.json scripts/node_modules/.rollplan-lock; then
  log "installing node tools (binaryen, playwright-core, axe-core)"
  (cd scripts && npm ci --no-audit --no-fund --loglevel=error)
  cp scripts/package-lock.json scripts/node_modules/.rollplan-lock
fi

log "toolchain ready"
