"""Social links: visible, named, and big enough to tap on a phone, in both colour modes.

Read through the links' markup (``nav.homepage-social``, ``a.homepage-social__link``, inline SVG icons); a
build without them fails, naming the selector.
"""

from __future__ import annotations

import pytest

from browser.conftest import page_with
from browser.survey import MODES, VIEWPORTS

SOCIAL = 'nav.homepage-social[aria-label="Social links"]'
LINK = "a.homepage-social__link"

# WCAG 2.2's minimum target size (2.5.8) and Lighthouse's tap-target check: 24 x 24 CSS pixels.
MIN_TARGET = 24


def test_icons_are_inline_svg_hidden_from_screen_readers(site, site_pages):
    path = page_with(site, site_pages, f"{SOCIAL} {LINK}", "no social links")
    links = site.page(path).select(f"{SOCIAL} {LINK}")
    for link in links:
        assert link.select("svg"), link
        assert all(svg.get("aria-hidden") == "true" for svg in link.select("svg")), link
        assert not link.select("img, i[class*='fa-']"), "icons are drawn inline, not fetched"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_links_are_visible_and_big_enough_to_tap(site, site_pages, open_site, viewport, mode):
    path = page_with(site, site_pages, f"{SOCIAL} {LINK}", "no social links")
    visit = open_site(viewport, mode)
    visit.goto(path)
    links = visit.page.locator(f"{SOCIAL} {LINK}")
    assert links.count() > 0
    width = visit.page.viewport_size["width"]
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        name = link.get_attribute("aria-label") or link.get_attribute("title") or link.inner_text()
        assert box is not None and link.is_visible(), f"{name!r} is hidden"
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, f"{name!r} is {box['width']}x{box['height']}"
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, f"{name!r} sticks out of the screen"
        icon_colour = link.locator("svg").first.evaluate("(svg) => getComputedStyle(svg).color")
        page_colour = visit.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert icon_colour != page_colour, f"{name!r}: icon drawn in the background colour"
