"""Checks of a built site, for a site's own tests (``tests/test_site.py`` of a site the sitemaker wrote).

:func:`build` builds a site as ``make html`` does, every warning an error and every reference resolved, and
returns what the checks need. Each check returns what it found wrong, one line each, so that a test asserts
an empty list and a failure names every offender:

- :func:`untitled_pages`: every source page has its HTML page, with a ``<title>``;
- :func:`dead_links`: every link inside the site (``<a>``, ``<link>``, ``<script>``) names a file of the built
  site, and its ``#fragment`` an ``id`` of that page; addresses from the site's root (``/cv/``) are read
  under the path of ``html_baseurl``;
- :func:`missing_images`: every image (``src`` and each ``srcset`` candidate) is a file of the built site;
- :func:`unlisted_papers`: the publications page lists as many entries as pybtex reads from the .bib files.

Pages are parsed with the standard library's HTML parser: the checks need tags and attributes, not a tree.
Links to other sites, ``mailto:`` and ``data:`` addresses are not followed (``make linkcheck`` does that).
"""

from __future__ import annotations

import functools
import io
import re
import warnings as python_warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pybtex.database import parse_file
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .config import homepage_config

#: Folders of the output that hold the theme's and extensions' files, not pages.
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}
#: Attributes that name a file of the site, by tag.
LINKING = {"a": "href", "link": "href", "script": "src"}
#: The colour codes Sphinx puts around a warning when the tests run in a terminal.
TERMINAL_COLOUR = re.compile("\x1b\\[[0-9;]*m")


class BuildFailed(AssertionError):
    """The site did not build without a warning; the message holds the warnings."""


@dataclass(frozen=True)
class BuiltSite:
    html: Path  # the output folder
    pages: tuple[str, ...]  # the source pages' document names
    base_path: str  # the path of html_baseurl, "/" when there is none
    bibfiles: tuple[Path, ...]
    publications_page: str  # the document name of the page that lists the publications


def build(source: Path, work: Path) -> BuiltSite:
    """Build the site in ``source`` into ``work/html`` from scratch; raise :class:`BuildFailed` on any warning."""
    warnings = io.StringIO()
    # As sphinx-build does: the nodes, directives and roles the build registers are docutils' globals, put back
    # when it ends, so that a later build in the same process (a test's) starts as clean as this one.
    with patch_docutils(source), docutils_namespace(), python_warnings.catch_warnings():
        # The packages' deprecation notices are for their authors, not faults of the site.
        python_warnings.simplefilter("ignore", DeprecationWarning)
        python_warnings.simplefilter("ignore", PendingDeprecationWarning)
        app = Sphinx(
            str(source), str(source), str(work / "html"), str(work / "doctrees"), "html",
            confoverrides={"nitpicky": True}, status=None, warning=warnings, freshenv=True, keep_going=True,
        )
        app.build()
    if warnings.getvalue():
        raise BuildFailed(f"the site builds with warnings:\n{TERMINAL_COLOUR.sub('', warnings.getvalue())}")
    return BuiltSite(
        html=work / "html",
        pages=tuple(sorted(app.env.found_docs)),
        base_path=urlsplit(app.config.html_baseurl or "").path.rstrip("/") + "/",
        bibfiles=tuple(source / name for name in app.config.bibtex_bibfiles),
        publications_page=homepage_config(app).publications_page,
    )


# -- Reading the pages --------------------------------------------------------------------------------------------


class _PageReader(HTMLParser):
    """A page's title, its ids, the files it links to and the images it shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.in_title = False
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        if tag in LINKING and values.get(LINKING[tag]):
            self.links.append(values[LINKING[tag]])
        if tag == "img" and values.get("src"):
            self.images.append(values["src"])
        if tag in {"img", "source"} and values.get("srcset"):
            self.images += [candidate.split()[0] for candidate in values["srcset"].split(",") if candidate.strip()]
        self.in_title = self.in_title or tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = self.in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)


@functools.lru_cache(maxsize=4096)
def _read(path: Path, modified: int) -> _PageReader:
    reader = _PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def _page(path: Path) -> _PageReader:
    return _read(path, path.stat().st_mtime_ns)


def _html_pages(site: BuiltSite) -> list[Path]:
    return [
        path for path in sorted(site.html.rglob("*.html"))
        if not NOT_PAGES & set(path.relative_to(site.html).parts[:1])
    ]


def _file_of(site: BuiltSite, page: Path, path: str) -> Path | None:
    """The file of the built site a link's path names from ``page``; None when it leaves the site."""
    if path.startswith("/"):
        # From the site's root, which is html_baseurl's path where the site is served.
        root = site.base_path.rstrip("/")
        if path != root and not path.startswith(root + "/"):
            return None
        file = site.html / path.removeprefix(root).lstrip("/")
    else:
        file = page.parent / path
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.resolve().is_relative_to(site.html.resolve()) else None


def _target(site: BuiltSite, page: Path, address: str) -> tuple[Path | None, str] | None:
    """The file an address of ``page`` names (None if it names none) and its fragment; None for an address of
    another site."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    return (_file_of(site, page, path) if path else page), unquote(parts.fragment)


def _where(site: BuiltSite, page: Path) -> str:
    return page.relative_to(site.html).as_posix()


# -- The checks ---------------------------------------------------------------------------------------------------


def untitled_pages(site: BuiltSite) -> list[str]:
    problems = []
    for docname in site.pages:
        page = site.html / f"{docname}.html"
        if not page.is_file():
            problems.append(f"{docname}: no {docname}.html was written")
            continue
        title = " ".join("".join(_page(page).title).split())
        if not title or title.startswith("<no title>"):
            problems.append(f"{docname}.html: no title ({title!r})")
    return problems


def _link_problem(site: BuiltSite, page: Path, address: str) -> str | None:
    found = _target(site, page, address)
    if found is None:
        return None
    file, fragment = found
    if file is None or not file.is_file():
        return f"{_where(site, page)}: {address!r} names no file of the site"
    if fragment and file.suffix == ".html" and fragment not in _page(file).ids:
        return f"{_where(site, page)}: {address!r}: {_where(site, file)} has no id {fragment!r}"
    return None


def dead_links(site: BuiltSite) -> list[str]:
    problems = []
    for page in _html_pages(site):
        for address in _page(page).links:
            if address != "#" and (problem := _link_problem(site, page, address)):
                problems.append(problem)
    return problems


def missing_images(site: BuiltSite) -> list[str]:
    problems = []
    for page in _html_pages(site):
        for address in _page(page).images:
            found = _target(site, page, address)
            if found is not None and (found[0] is None or not found[0].is_file()):
                problems.append(f"{_where(site, page)}: image {address!r} is not in the site")
    return problems


def unlisted_papers(site: BuiltSite) -> list[str]:
    """The publications page's entries against the .bib files' (nothing to check without .bib files)."""
    if not site.bibfiles:
        return []
    in_files = sum(len(parse_file(str(path), "bibtex").entries) for path in site.bibfiles)
    page = site.html / f"{site.publications_page}.html"
    if not page.is_file():
        return [f"{site.publications_page}.html, the publications page, was not written"]
    listed = _EntryCounter()
    listed.feed(page.read_text(encoding="utf-8"))
    if listed.count != in_files:
        return [f"{_where(site, page)} lists {listed.count} entries; the .bib files hold {in_files}"]
    return []


class _EntryCounter(HTMLParser):
    """Counts the publication entries of a page (``li.homepage-pub``)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li" and "homepage-pub" in (dict(attrs).get("class") or "").split():
            self.count += 1
