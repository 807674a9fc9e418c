"""Every local href/src in the built site points at a file that exists, and every #anchor at an element."""

from __future__ import annotations

import runpy
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT


def _local_references(html_file: Path):
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    for tag in soup.find_all(["a", "link", "img", "script", "source"]):
        for attribute in ("href", "src"):
            value = tag.get(attribute)
            if value:
                yield value
        for candidate in (tag.get("srcset") or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]


@cache
def _ids(html_file: Path) -> frozenset[str]:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    return frozenset(tag["id"] for tag in soup.find_all(id=True))


def broken_references(outdir: Path, site_path: str = "/") -> list[str]:
    """Local references that lead nowhere; ``site_path`` is where the site is served ("/" or "/en/latest/")."""
    broken = []
    for html_file in sorted(outdir.rglob("*.html")):
        if "_static" in html_file.relative_to(outdir).parts:
            continue  # the theme's Jinja macros, copied as they are; not a page
        for reference in _local_references(html_file):
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc:
                continue  # external: make linkcheck's business
            path = unquote(parts.path)
            if path.startswith(site_path):
                target = outdir / path[len(site_path):]  # root-relative, as on the 404 page
            elif path:
                target = (html_file.parent / path).resolve()
            else:
                target = html_file
            if target.is_dir():
                target = target / "index.html"
            where = f"{html_file.relative_to(outdir)} -> {reference}"
            if not target.exists():
                broken.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                broken.append(f"{where}: no such anchor")
    return broken


def test_every_local_reference_resolves(site):
    assert len(list(site.outdir.rglob("*.html"))) >= 5
    site_path = urlsplit(runpy.run_path(str(PROJECT_ROOT / "conf.py"))["html_baseurl"]).path or "/"
    assert broken_references(site.outdir, site_path) == []


def test_checker_reports_missing_files_and_anchors(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#there">ok</a><a href="b.html#nowhere">bad anchor</a>'
        '<a href="missing.html">bad file</a><img src="img.png" srcset="img.png 1x, gone.webp 2x">'
        '<a href="https://example.org/x">external</a><a href="#self">self</a><p id="self"></p>'
        '<a href="/site/b.html">root-relative</a><a href="/site/gone.html">root-relative, missing</a>'
    )
    (tmp_path / "b.html").write_text('<h1 id="there">B</h1>')
    (tmp_path / "img.png").write_bytes(b"")
    assert broken_references(tmp_path, "/site/") == [
        "a.html -> b.html#nowhere: no such anchor",
        "a.html -> missing.html: no such file",
        "a.html -> gone.webp: no such file",
        "a.html -> /site/gone.html: no such file",
    ]
