"""Browser fixtures: the real site served compressed on 127.0.0.1, and Debian's Chromium driven by Playwright.

One build of the run (the ``site`` fixture), and on each worker one server and one browser, serve every
browser test. The checks that read every page read one visit of each (``site_survey``, made on the one worker
that runs them all: ``conftest.ONE_WORKER``); a test that acts on a page (clicks, types, switches the mode)
opens its own context (viewport, colour scheme, storage) so tests cannot leak state into each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from browser.compressed_server import serve
from browser.survey import PageReport, Visit, open_visit, survey
from conftest import CHROMIUM  # noqa: F401 - the browser fixture itself is in tests/conftest.py


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    """The base URL ("http://127.0.0.1:<port>/") of the real site, served gzip-compressed."""
    with serve(site.outdir) as url:
        yield url


@pytest.fixture(scope="session")
def site_pages(site) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root ("index.html", "papers/index.html")."""
    outdir = Path(site.outdir)
    pages = [
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if not path.relative_to(outdir).parts[0].startswith(("_", "."))
    ]
    return sorted(pages, key=lambda page: (page != "index.html", page))


@pytest.fixture
def open_site(browser, site_url) -> Iterator[Callable[..., Visit]]:
    """``open_site(viewport="wide"|"phone", mode="light"|"dark", base_url=None, **context_options)`` -> a fresh
    :class:`Visit` of the real site (or of the site served at ``base_url``).

    ``mode`` is the visitor's system preference (prefers-color-scheme): the site's default mode is "auto".
    """
    contexts = []

    def open_(viewport: str = "wide", mode: str = "light", base_url: str | None = None, **context_options) -> Visit:
        visit = open_visit(browser, base_url or site_url, viewport, mode, **context_options)
        contexts.append(visit.page.context)
        return visit

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def site_survey(browser, site_url, site_pages) -> dict[tuple[str, str], dict[str, PageReport]]:
    """Every page of the real site visited once per viewport and mode: ``{(viewport, mode): {path: report}}``."""
    return survey(browser, site_url, site_pages)


def page_with(site, site_pages: list[str], selector: str, what: str) -> str:
    """The first built page holding ``selector``; fails, naming ``what`` is missing, when none does."""
    for path in site_pages:
        if site.page(path).select_one(selector) is not None:
            return path
    raise AssertionError(f"{what} in this build (no page has {selector!r})")
