"""Every page loads cleanly: no console error, no failed request, nothing fetched from another host.

The pages visited in one viewport and mode only (``browser/survey.py``: the pages that share their folder's
template) are also read without a browser, where layout plays no part: they load exactly the stylesheets
and scripts of the page of their kind that is visited in every viewport and mode, and every file they name
is in the build, on this host.
"""

from __future__ import annotations

import re
from posixpath import dirname, normpath
from urllib.parse import urlsplit

import pytest

from browser.survey import MODES, VIEWPORTS, kind_pages

#: The elements whose attributes name a file the browser fetches with the page.
FETCHED = {"link": ("href",), "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
           "video": ("src", "poster"), "audio": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",)}
#: The kinds of <link> a browser fetches (a canonical or search link is only an address).
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_loads_cleanly_from_this_host_only(site_survey, viewport, mode):
    """Every page visited in this viewport and mode (``browser/survey.py``)."""
    problems = {}
    for path, report in site_survey[viewport, mode].items():
        if any(report.problems.values()):
            problems[path] = {kind: found for kind, found in report.problems.items() if found}
    assert problems == {}


def test_icons_come_from_the_subset_font_only(site_survey):
    """The theme's icons are drawn from the 3 KB subset; the 110 KB Font Awesome fonts are never fetched."""
    reports = site_survey["wide", "light"].values()
    fonts = sorted({url.rsplit("/", 1)[-1].split("?")[0] for report in reports for url in report.requests if ".woff2" in url})
    assert fonts == ["fa-solid-900-subset.woff2"]
    # And the glyphs really are in it: the browser reports the family loaded with nothing left to fetch.
    assert all(["900", "loaded"] in report.icon_fonts for report in reports), {
        report.path: report.icon_fonts for report in reports if ["900", "loaded"] not in report.icon_fonts
    }


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_visible_theme_icon_draws_a_glyph(open_site, viewport):
    """The icon rules the build keeps (homepage.unused_css) cover every icon the theme shows."""
    visit = open_site(viewport)
    visit.goto("index.html")
    icons = visit.page.evaluate(
        """() => [...document.querySelectorAll("[class*='fa-']")]
              .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
              .map((el) => [el.className, getComputedStyle(el, "::before").content])"""
    )
    assert icons, "no icon on the page to check"
    # content is the glyph in quotes, then Font Awesome's empty alternative text: '"\uf0c9" / ""'.
    blank = [name for name, content in icons if not re.match(r'^"[\ue000-\uf8ff]"', content)]
    assert blank == []


def _fetched(soup) -> list[str]:
    """The URLs of the files that ``soup``'s page makes a browser fetch, in document order."""
    urls = []
    for element in soup.find_all(list(FETCHED)):
        if element.name == "link" and not FETCHED_LINKS & set(element.get("rel") or []):
            continue
        for attribute in FETCHED[element.name]:
            value = element.get(attribute) or ""
            if attribute == "srcset":
                urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif value:
                urls.append(value)
    return urls


def _loads(soup) -> list[str]:
    """What a page's head makes the browser run and apply: its stylesheets, icons and scripts, in order."""
    return [url for url in _fetched(soup.head) if not url.startswith("data:")]


def test_pages_of_one_template_load_what_the_page_visited_every_way_loads(site, site_pages):
    """Viewport and mode act through the stylesheets and scripts: the pages visited on a laptop in light mode
    only load those of their folder's first page, and hold the policy as it does."""
    kinds, same_template = kind_pages(site_pages)
    assert same_template, "no page shares a template: the survey visits every page every way"
    first_of = {page.rpartition("/")[0]: page for page in kinds if "/" in page and not page.endswith("/index.html")}
    loads = {folder: _loads(site.page(page)) for folder, page in first_of.items()}
    differing = {}
    for path in same_template:
        page = site.page(path)
        if _loads(page) != loads[path.rpartition("/")[0]]:
            differing[path] = sorted(set(_loads(page)) ^ set(loads[path.rpartition("/")[0]]))
        if page.select_one('head > meta[http-equiv="Content-Security-Policy"]') is None:
            differing[path] = "no Content-Security-Policy"
    assert differing == {}


def test_every_file_a_page_names_is_in_the_build_on_this_host(site, site_pages):
    missing = []
    for path in site_pages:
        for url in _fetched(site.page(path)):
            parts = urlsplit(url)
            if parts.scheme == "data":
                continue
            if parts.scheme or parts.netloc:
                missing.append(f"{path}: {url} is on another host")
            elif not (site.outdir / normpath(f"{dirname(path) or '.'}/{parts.path}")).is_file():
                missing.append(f"{path}: {url} is not in the build")
    assert missing == []
