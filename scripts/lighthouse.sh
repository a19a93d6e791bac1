#!/usr/bin/env bash
# Lighthouse scores of the served release build, as reported in the README (a measurement,
# not a test). Runs Lighthouse 12 (pinned in scripts/lighthouse/) in Debian's Chromium,
# RUNS times (default 3) for each preset, mobile (simulated slow 4G, 4x CPU slowdown) and
# desktop, on a first visit (a clean profile: the example plan), and prints each run and the
# median performance score.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
if [ ! -f scripts/lighthouse/node_modules/.package-lock.json ] \
   || ! cmp -s scripts/lighthouse/package-lock.json scripts/lighthouse/node_modules/.rollplan-lock; then
  # npm install, not npm ci: a dependency of lighthouse asks for third-party-web "latest",
  # which npm ci refuses to match against the lock.
  (cd scripts/lighthouse && npm install --no-audit --no-fund --loglevel=error)
  cp scripts/lighthouse/package-lock.json scripts/lighthouse/node_modules/.rollplan-lock
fi
[ -n "${NOBUILD:-}" ] || bash scripts/build.sh >/dev/null
PORT=${LIGHTHOUSE_PORT:-8767}
serve_dist_in_background "$PORT"
out="$ROOT/target/lighthouse"
mkdir -p "$out"
export CHROME_PATH=/usr/bin/chromium
for preset in mobile desktop; do
  flags=()
  [ "$preset" = desktop ] && flags=(--preset=desktop)
  for run in $(seq 1 "${RUNS:-3}"); do
    scripts/lighthouse/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT/" --quiet "${flags[@]}" \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      --output=json --output-path="$out/$preset-$run.json" >/dev/null
  done
  node - "$out" "$preset" "${RUNS:-3}" <<'JS'
const [dir, preset, runs] = process.argv.slice(2);
const rows = [];
for (let i = 1; i <= +runs; i++) {
  const r = require(`${dir}/${preset}-${i}.json`);
  const s = (k) => Math.round(r.categories[k].score * 100);
  const a = (k) => r.audits[k].displayValue;
  rows.push(s('performance'));
  console.log(`${preset} run ${i}: performance ${s('performance')}, accessibility ${s('accessibility')}, ` +
    `best practices ${s('best-practices')} (FCP ${a('first-contentful-paint')}, LCP ${a('largest-contentful-paint')}, ` +
    `TBT ${a('total-blocking-time')}, CLS ${a('cumulative-layout-shift')}, SI ${a('speed-index')})`);
}
rows.sort((x, y) => x - y);
console.log(`${preset}: median performance ${rows[Math.floor(rows.length / 2)]} of ${runs} runs`);
JS
done
