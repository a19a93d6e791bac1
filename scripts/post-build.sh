#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml), in order: the prerendered first page into index.html,
# then the service worker's list of files (it must see the final index.html).
set -euo pipefail
bash "$(dirname "$0")/prerender.sh"
bash "$(dirname "$0")/offline.sh"
