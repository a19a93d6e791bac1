#!/usr/bin/env bash
# Trunk's post-build hook: puts the first visit's page, rendered natively by Yew's server
# renderer (src/prerender.rs), into the built index.html, so the page paints before the wasm
# has arrived. The app hydrates it (takes its elements over) on a first visit; a returning
# visitor (a plan kept in this browser, or a share link) never sees it: index.html hides it
# before the first paint and the app renders their plan in its place.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
page="${TRUNK_STAGING_DIR:-dist}/index.html"
html=$(mktemp)
trap 'rm -f "$html"' EXIT
cargo run -q -p rollplan-app --bin rollplan-prerender >"$html"
python3 - "$page" "$html" <<'PY'
import re
import sys
page, html = sys.argv[1], sys.argv[2]
text = open(page, encoding="utf-8").read()
marker = '<div id="app" data-prerendered="first-visit" aria-hidden="true" inert></div>'
if text.count(marker) != 1:
    sys.exit(f"prerender: {page} should hold {marker!r} once")
shown = open(html, encoding="utf-8").read()
if 'class="app"' not in shown:
    sys.exit("prerender: the rendered page has no app")
text = text.replace(marker, marker[:-6] + shown + "</div>")
# The wasm is fetched after the page's first paint, not preloaded beside it: on a slow
# network it would otherwise share the bandwidth the page's own HTML and CSS need.
text, preloads = re.subn(r'<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>', "", text)
start = "const wasm = await init("
if preloads != 1 or text.count(start) != 1:
    sys.exit("prerender: trunk's loader is not the one expected (one wasm preload, one init)")
text = text.replace(start, (
    'if (!document.documentElement.classList.contains("returning"))\n'
    "  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n"
) + start)
open(page, "w", encoding="utf-8").write(text)
PY
