#!/usr/bin/env bash
# The engine's full recomputation of the 200,000-cell plan, timed in wasm: built as the app
# is (release profile, opt-level "z") and, for comparison, at opt-level 3; run in node.
# The native figures come from `cargo bench -p rollplan-core --bench engine`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo build -q --release -p rollplan-bench-wasm --target wasm32-unknown-unknown
cp target/wasm32-unknown-unknown/release/rollplan_bench_wasm.wasm target/engine-z.wasm
node scripts/engine-wasm.mjs target/engine-z.wasm
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build -q --release -p rollplan-bench-wasm \
  --target wasm32-unknown-unknown --target-dir target/opt3
node scripts/engine-wasm.mjs target/opt3/wasm32-unknown-unknown/release/rollplan_bench_wasm.wasm \
  'release at opt-level 3'
