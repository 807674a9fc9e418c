"""Every page loads cleanly: no console error, no failed request, nothing fetched from another host."""

from __future__ import annotations

import re

import pytest

from browser.survey import MODES, VIEWPORTS


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_loads_cleanly_from_this_host_only(site_survey, viewport, mode):
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
