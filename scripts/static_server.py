"""Serves a folder on 127.0.0.1 with the right MIME type for .wasm. Used by serve.sh and
the end-to-end tests: the release build is static files, so no dev server is needed."""
import functools
import http.server
import sys

root, port = sys.argv[1], int(sys.argv[2])


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
    }

    def log_message(self, fmt, *args):  # keep test output quiet
        pass


http.server.ThreadingHTTPServer.allow_reuse_address = True
server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", port), functools.partial(Handler, directory=root)
)
print(f"serving {root} on http://127.0.0.1:{port}/", flush=True)
server.serve_forever()
