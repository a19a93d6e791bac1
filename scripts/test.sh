#!/usr/bin/env bash
# One command: install what is missing, then run every check and test layer.
#   1. cargo fmt --check; clippy -D warnings, native and wasm32; the layers (no web crate
#      in the core's or the command line's dependency tree)
#   2. native cargo test: the core crate (model, engine, formats), the command line, and
#      the app rendered with Yew's server renderer
#   3. wasm-bindgen-test in headless Chromium (components mounted and clicked)
#   then a time-boxed mutation fuzz of every input path (crates/fuzz), with oracles
#   4. end to end: the release build served on 127.0.0.1, driven by playwright-core
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# The core is linted for wasm as the app uses it (its tests and benches are native only).
cargo clippy -p rollplan-app --all-targets --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p rollplan-core --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p rollplan-xlsx-worker --all-targets --target wasm32-unknown-unknown -- -D warnings
bash scripts/check-layers.sh

step "layer 1: native tests"
cargo test --workspace

step "fuzzing (time-boxed: ${FUZZ_SECONDS:-8} s per input path)"
cargo build -q --profile fuzz -p rollplan-fuzz
./target/fuzz/rollplan-fuzz --seconds "${FUZZ_SECONDS:-8}"

step "layer 2: in-browser tests (wasm-bindgen-test, headless Chromium)"
cargo test -p rollplan-app --target wasm32-unknown-unknown --test browser --test browser_storage --test browser_crash

step "layer 3: end to end (release build, Chromium, playwright-core)"
bash scripts/build.sh
PORT=${E2E_PORT:-8765}
serve_dist_in_background "$PORT"
ROLLPLAN_URL="http://127.0.0.1:$PORT/" node --test --test-concurrency=1 tests/e2e/
echo "screenshots: $ROOT/target/e2e/"
