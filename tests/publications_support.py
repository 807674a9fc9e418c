"""Helpers for the publication tests: build a scenario root in a temporary copy, read its pages."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).parent / "roots"


def copy_root(name: str, tmp_path: Path) -> Path:
    """A fresh copy of ``tests/roots/test-<name>``, so a test may edit its files."""
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build(srcdir: Path, buildername: str = "html", **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` (into ``srcdir/_build``); the app keeps its status and warnings."""
    app = SphinxTestApp(buildername, srcdir=srcdir, status=io.StringIO(), warning=io.StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def page(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def warning_lines(app, srcdir: Path | None = None) -> list[str]:
    """The build's warnings, one per line, with the source folder written as ``<src>``."""
    text = strip_colors(app.warning.getvalue())
    if srcdir is not None:
        text = text.replace(str(srcdir), "<src>")
    return [line for line in text.splitlines() if line.strip()]


def entry(soup: BeautifulSoup, anchor: str):
    found = soup.select_one(f'li.homepage-pub[id="{anchor}"]')
    assert found is not None, f"no entry {anchor!r} on the page"
    return found
