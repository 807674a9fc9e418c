"""A static file server that compresses text the way real hosts do (gzip), on 127.0.0.1.

Read the Docs, GitHub Pages and Netlify all send HTML, CSS, JavaScript, SVG and JSON
gzip-compressed; served raw, the theme's 380 KB stylesheet alone costs Lighthouse
twenty points on a phone. The browser tests and ``benchmarks/lighthouse.py`` measure
the site the way visitors receive it, so both serve it through this module.
"""

from __future__ import annotations

import functools
import gzip
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Types worth compressing; images and fonts (PNG, WebP, WOFF2) are compressed already.
COMPRESSIBLE_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class CompressingHandler(SimpleHTTPRequestHandler):
    """Serves a directory; gzips compressible files for clients that accept it."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".woff2": "font/woff2",
        ".webp": "image/webp",
        ".avif": "image/avif",
        ".svg": "image/svg+xml",
        ".ico": "image/x-icon",
    }

    def send_head(self):  # noqa: D102 - SimpleHTTPRequestHandler's hook, overridden for gzip
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            index = path / "index.html"
            if not self.path.split("?", 1)[0].endswith("/") or not index.is_file():
                return super().send_head()  # redirect to "dir/" or 404, as the base class does
            path = index
        content_type = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts_gzip or not content_type.startswith(COMPRESSIBLE_TYPES):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _BytesFile(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # tests and benchmarks print their own results; a line per request is noise


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    # mtime_ns is part of the cache key so a rebuilt file is compressed again.
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


class _BytesFile:
    """What ``send_head`` returns: something ``copyfile`` can read and ``close``."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data

    def close(self) -> None:
        self._data = b""


class QuietServer(ThreadingHTTPServer):
    """A browser drops connections it no longer needs (a tab closed or navigated away mid-download): that is no
    error of the server's, so it prints no traceback for it; any other error it prints as usual."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yield its base URL, ending in "/"."""
    handler = functools.partial(CompressingHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="compressed-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
