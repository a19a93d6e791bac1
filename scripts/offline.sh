#!/usr/bin/env bash
# Writes into the built sw.js the files it keeps for offline use (every file of the build but
# itself) and a version: a digest of their names and contents, so each build that changes
# anything is a new version and an unchanged one is not.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:-dist}"
python3 - "$dir" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]
files, digest = [], hashlib.sha256()
for name in sorted(os.listdir(root)):
    path = os.path.join(root, name)
    if name == "sw.js" or not os.path.isfile(path):
        continue
    files.append("/" + name)
    digest.update(name.encode() + b"\0")
    with open(path, "rb") as f:
        digest.update(f.read())
sw = os.path.join(root, "sw.js")
text = open(sw, encoding="utf-8").read()
for marker in ("__ROLLPLAN_VERSION__", "__ROLLPLAN_FILES__"):
    if text.count(marker) != 1:
        sys.exit(f"offline: {sw} should hold {marker} once")
if "/index.html" not in files:
    sys.exit("offline: the build has no index.html")
text = text.replace("__ROLLPLAN_VERSION__", digest.hexdigest()[:16])
text = text.replace("__ROLLPLAN_FILES__", json.dumps(files))
open(sw, "w", encoding="utf-8").write(text)
PY
