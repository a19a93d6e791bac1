"""Serves a folder on 127.0.0.1: the right MIME type for .wasm, gzip for text and wasm when
the browser accepts it, and caching that suits trunk's output (file names that carry a
content hash never change; the page itself is revalidated). Used by serve.sh, the
end-to-end tests and the measurements: the release build is static files, so no dev server
is needed."""
import functools
import gzip
import http.server
import io
import os
import re
import sys

root, port = sys.argv[1], int(sys.argv[2])
COMPRESSED = {".html", ".js", ".css", ".wasm", ".json", ".webmanifest", ".svg"}
HASHED = re.compile(r"-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$")
_cache = {}  # path -> (mtime, gzip bytes)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self):
        name = self.path.split("?", 1)[0]
        if HASHED.search(name):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        ext = os.path.splitext(path)[1]
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and ext in COMPRESSED and os.path.isfile(path)):
            return super().send_head()
        mtime = os.path.getmtime(path)
        hit = _cache.get(path)
        if hit is None or hit[0] != mtime:
            with open(path, "rb") as f:
                hit = (mtime, gzip.compress(f.read(), compresslevel=9))
            _cache[path] = hit
        body = hit[1]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, fmt, *args):  # keep test output quiet
        pass


http.server.ThreadingHTTPServer.allow_reuse_address = True
server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", port), functools.partial(Handler, directory=root)
)
print(f"serving {root} on http://127.0.0.1:{port}/", flush=True)
server.serve_forever()
