"""Layout on a laptop (1280 px) and a phone (390 px), light and dark: nothing sticks out sideways and the
navbar title never overlaps the links and buttons beside it.

A page that shares its folder's template with a page checked in every viewport and mode is visited on a
laptop only (``browser/survey.py`` says why); its width at the phone's is measured in that visit, since its
own words are what could make it scroll sideways there.
"""

from __future__ import annotations

import pytest

from browser.survey import MODES, VIEWPORTS


def _overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_fits_the_screen_and_its_navbar(site_survey, viewport, mode):
    problems = []
    for path, report in site_survey[viewport, mode].items():
        if report.overflow > 0:
            problems.append(f"{path}: scrolls sideways, {report.overflow}px wider than the screen")
        header = report.header
        if header["title"]["w"] == 0:
            problems.append(f"{path}: no site title in the navbar")
        if header["titleClipped"]:
            problems.append(f"{path}: the site title is cut off")
        # Something to overlap with: the section links on a laptop, the menu and search buttons on a phone.
        if len(header["others"]) < (4 if viewport == "wide" else 2):
            problems.append(f"{path}: the navbar shows only {[other['label'] for other in header['others']]}")
        overlapping = [other["label"] for other in header["others"] if _overlap(header["title"], other)]
        if overlapping:
            problems.append(f"{path}: the title overlaps {overlapping}")
    if viewport == "phone":
        for path, report in site_survey["wide", "light"].items():
            if report.phone_overflow:
                problems.append(f"{path}: scrolls sideways at the phone's width, {report.phone_overflow}px wider")
    assert problems == []


def test_wide_navbar_shows_every_section(site, open_site):
    sections = [link.get_text(strip=True) for link in site.page("index.html").select("#pst-header .navbar-nav a.nav-link")]
    assert len(sections) >= 3
    visit = open_site("wide")
    visit.goto("index.html")
    # All of them in the bar itself, none folded into a "More" menu.
    assert visit.page.locator("#pst-header .navbar-nav a.nav-link:visible").all_inner_texts() == sections
