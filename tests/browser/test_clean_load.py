"""Every page loads cleanly: no console error, no failed request, nothing fetched from another host."""

from __future__ import annotations

import re

import pytest

from browser.conftest import MODES, VIEWPORTS


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_loads_cleanly_from_this_host_only(open_site, site_pages, viewport, mode):
    visit = open_site(viewport, mode)
    for path in site_pages:
        # networkidle: late requests (fonts, deferred scripts, lazy images) are part of the page too.
        visit.goto(path, wait_until="networkidle")
    assert visit.problems == {"console errors": [], "failed requests": [], "requests to other hosts": []}


def test_icons_come_from_the_subset_font_only(open_site, site_pages):
    """The theme's icons are drawn from the 3 KB subset; the 110 KB Font Awesome fonts are never fetched."""
    visit = open_site("wide")
    for path in site_pages:
        visit.goto(path, wait_until="networkidle")
    fonts = sorted({url.rsplit("/", 1)[-1].split("?")[0] for url in visit.requests if ".woff2" in url})
    assert fonts == ["fa-solid-900-subset.woff2"]
    # And the glyphs really are in it: the browser reports the family loaded with nothing left to fetch.
    statuses = visit.page.evaluate(
        """[...document.fonts].filter((f) => f.family.includes("Font Awesome")).map((f) => [f.weight, f.status])"""
    )
    assert ["900", "loaded"] in statuses


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
