"""make linkcheck's settings, proven offline: the linkcheck builder against a local HTTP server."""

from __future__ import annotations

import json
import re
import runpy
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import PROJECT_ROOT

SITE_CONF = runpy.run_path(str(PROJECT_ROOT / "conf.py"))
LINKCHECK_SETTINGS = {name: value for name, value in SITE_CONF.items() if name.startswith("linkcheck_")}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path == "/good.html":
            body = b'<html><body><h1 id="here">Here</h1></body></html>'
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/good.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(404)

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_site_ignores_hosts_that_block_robots():
    ignored = [re.compile(pattern) for pattern in SITE_CONF["linkcheck_ignore"]]

    def is_ignored(url):
        return any(pattern.match(url) for pattern in ignored)

    assert is_ignored("https://scholar.google.com/citations?user=QeXHxlIAAAAJ")
    assert is_ignored("https://x.com/zimingliu11")
    assert is_ignored("https://twitter.com/zimingliu11")
    assert is_ignored("https://www.linkedin.com/in/someone")
    assert not is_ignored("https://arxiv.org/abs/2404.19756")
    assert not is_ignored("https://github.com/kindxiaoming")
    assert not is_ignored("https://doi.org/10.1038/s41586-023-06221-2")


def test_linkcheck_builder_with_the_site_settings(make_app, rootdir, tmp_path, local_server):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-linkcheck", srcdir)
    page = srcdir / "index.md"
    page.write_text(page.read_text().replace("PORT", str(local_server)))
    settings = LINKCHECK_SETTINGS | {"linkcheck_timeout": 5, "linkcheck_retries": 1}
    app = make_app("linkcheck", srcdir=srcdir, confoverrides=settings)
    app.build()

    results = {}
    for line in (app.outdir / "output.json").read_text().splitlines():
        row = json.loads(line)
        results[row["uri"].replace(f":{local_server}", ":PORT")] = row
    base = "http://127.0.0.1:PORT"
    assert results[f"{base}/good.html"]["status"] == "working"
    assert results[f"{base}/good.html#here"]["status"] == "working"
    assert results[f"{base}/good.html#nowhere"]["status"] == "broken"
    assert "nowhere" in results[f"{base}/good.html#nowhere"]["info"]
    assert results[f"{base}/missing.html"]["status"] == "broken"
    assert "404" in results[f"{base}/missing.html"]["info"]
    assert results[f"{base}/moved"]["status"] == "redirected"
    assert results[f"{base}/moved"]["info"] == f"http://127.0.0.1:{local_server}/good.html"
    assert results["https://scholar.google.com/citations?user=QeXHxlIAAAAJ"]["status"] == "ignored"
