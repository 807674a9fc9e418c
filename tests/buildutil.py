"""Building a scenario and reading what it gave: pages and exact warnings.

``build`` gives a :class:`Build` (its warnings one per line, paths relative to the source folder);
``build_app`` gives the Sphinx application itself, for tests that read its status or build again in place.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pybtex.errors
from bs4 import BeautifulSoup
from pybtex.database.input.bibtex import Parser
from sphinx.testing.util import SphinxTestApp

from conftest import PROJECT_ROOT

ROOTS = PROJECT_ROOT / "tests" / "roots"


@dataclass
class Build:
    srcdir: Path
    outdir: Path
    #: One line per warning, as Sphinx prints it, with the source folder's and the project's paths left out.
    warnings: list[str]
    status: str

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / name).read_text(encoding="utf-8"), "html.parser")

    def html(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    """What Sphinx printed, one line each, without colours or blank lines."""
    return [line for line in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() if line.strip()]


def warning_lines(text: str, srcdir: Path) -> list[str]:
    """Sphinx's warnings, one per line, with paths relative to ``srcdir`` (or to the project)."""
    return [line.replace(f"{srcdir}/", "").replace(f"{PROJECT_ROOT}/", "") for line in _lines(text)]


def build(
    srcdir: Path,
    builddir: Path,
    buildername: str = "html",
    parallel: int = 0,
    freshenv: bool = True,
    confoverrides: dict | None = None,
    setup=None,
) -> Build:
    """Build ``srcdir`` (a copy the test may change) and return its pages and warnings.

    ``setup(app)`` runs before the build (to connect a handler, for instance).
    """
    warnings, status = io.StringIO(), io.StringIO()
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=freshenv,
        parallel=parallel,
        confoverrides=confoverrides or {},
        status=status,
        warning=warnings,
    )
    try:
        if setup is not None:
            setup(app)
        app.build()
    finally:
        app.cleanup()
    return Build(srcdir, Path(app.outdir), warning_lines(warnings.getvalue(), srcdir), status.getvalue())


def copy_root(name: str, destination: Path) -> Path:
    """A copy of ``tests/roots/test-<name>`` that a test may add files to."""
    target = destination / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build_app(srcdir: Path, buildername: str = "html", **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` into ``srcdir/_build``; the app keeps its status and warnings (``app.warning``)."""
    app = SphinxTestApp(buildername, srcdir=srcdir, status=io.StringIO(), warning=io.StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def app_page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def app_warning_lines(app: SphinxTestApp, srcdir: Path | None = None) -> list[str]:
    """The app's warnings, one per line, with the source folder written as ``<src>``."""
    text = app.warning.getvalue()
    return _lines(text if srcdir is None else text.replace(str(srcdir), "<src>"))


#: The line that starts each component stylesheet inside the package's merged files (sphinx_academic_homepage.assets).
_COMPONENT = re.compile(r"^/\* ([\w.-]+\.css) \*/$", re.M)


def stylesheets(outdir: Path, page: str) -> list[str]:
    """The stylesheets ``page`` (a path in ``outdir``) links, by file name, in order; each of the package's files
    (``homepage.css``, ``homepage-<digest>.css``) followed by the component stylesheets whose rules it holds."""
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    names = []
    for link in soup.select('link[rel="stylesheet"]'):
        path = (outdir / page).parent / link["href"].split("?")[0]
        names.append(path.name)
        if path.name.startswith("homepage") and path.is_file():
            names += _COMPONENT.findall(path.read_text(encoding="utf-8"))
    return names


def entry(soup: BeautifulSoup, anchor: str):
    """The publication entry ``li#anchor`` of a page; fails, naming it, when the page has none."""
    found = soup.select_one(f'li.homepage-pub[id="{anchor}"]')
    assert found is not None, f"no entry {anchor!r} on the page"
    return found


def text_of(element) -> str:
    """The element's words, without the permalink signs of headings (``a.headerlink``)."""
    words = (
        text
        for text in element.find_all(string=True)
        if not any("headerlink" in (parent.get("class") or []) for parent in text.parents if parent.name == "a")
    )
    return " ".join(" ".join(words).split())


#: What a copy of the real site leaves out: tooling, caches and the tests themselves.
NOT_THE_SITE = (".venv", "_build", ".git", ".hypothesis", ".pytest_cache", "__pycache__", "node_modules", "tests", "benchmarks")


def copy_site(destination: Path) -> Path:
    """A copy of the real site (conf.py, pages, _ext, _static...) that a test may edit."""
    shutil.copytree(PROJECT_ROOT, destination, ignore=shutil.ignore_patterns(*NOT_THE_SITE))
    return destination


def titled_keys(paths) -> set[str]:
    """The keys of the entries pybtex reads with a title (their own or their crossref's): what a list must show.

    Shared by the corpus tests; pybtex's errors are captured, as the site's own reading captures them.
    """
    parser = Parser("utf-8-sig")
    with pybtex.errors.capture():
        for path in paths:
            parser.filename = str(path)
            parser.parse_string(path.read_text(encoding="utf-8-sig", errors="replace"))
    entries = parser.data.entries
    titled = set()
    for key, entry in entries.items():
        parent = entries.get(entry.fields.get("crossref", ""))
        if entry.fields.get("title") or (parent is not None and parent.fields.get("title")):
            titled.add(key)
    return titled


#: What an outer ``make`` passes its children: a site's own tests must not inherit it.
OUTER_MAKE = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")


def run_site_tests(site: Path) -> subprocess.CompletedProcess:
    """A made site's own ``make test``, run with this venv's Python: its pytest, its editable package."""
    environment = {name: value for name, value in os.environ.items() if name not in {"PYTHONPATH", *OUTER_MAKE}}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
        cwd=site, capture_output=True, text=True, timeout=300, env=environment,
    )
