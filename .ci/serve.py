#!/usr/bin/env python3
"""Serves the built site (dist/, or the folder given) on http://127.0.0.1:$PORT/ for `make serve`.

Python's http.server with the headers a host of the playground should send (README, "Hosting"):
the full page may be framed only by its own site (`Content-Security-Policy: frame-ancestors
'self'`, and `X-Frame-Options: SAMEORIGIN` for browsers without CSP's frame-ancestors); the
embed (`?embed=1`) is made to be framed by any docs page and gets neither. WebAssembly goes as
application/wasm, which WebAssembly.instantiateStreaming requires. Only the standard library.
"""

import http.server
import os
import sys
from functools import partial
from urllib.parse import parse_qsl, urlsplit

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".yaml": "text/plain; charset=utf-8",
}


def is_embed(query):
    """As web/src/page.rs reads it: `embed` present and not 0, false or no (the last one counts)."""
    values = [v for k, v in parse_qsl(query, keep_blank_values=True) if k == "embed"]
    return bool(values) and values[-1] not in ("0", "false", "no")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        if not is_embed(urlsplit(self.path).query):
            self.send_header("Content-Security-Policy", "frame-ancestors 'self'")
            self.send_header("X-Frame-Options", "SAMEORIGIN")
        super().end_headers()


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "dist")
    port = int(os.environ.get("PORT", "8080"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=root))
    print(f"==> serving {root} on http://127.0.0.1:{port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
