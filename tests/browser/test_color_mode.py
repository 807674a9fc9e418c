"""Dark and light mode: the visitor's system setting is followed, the switch overrides it, and the choice is
remembered on reload and on the other pages."""

from __future__ import annotations

import re

import pytest

from browser.survey import VIEWPORTS

OTHER_MODE = {"light": "dark", "dark": "light"}


def relative_luminance(css_color: str) -> float:
    """WCAG relative luminance of an "rgb(r, g, b)" / "rgba(...)" colour: 0 is black, 1 is white."""
    red, green, blue = (int(part) / 255 for part in re.findall(r"[\d.]+", css_color)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def shown_mode(page) -> str:
    """The mode the page is drawn in, judged from its background: "dark" or "light"."""
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return "dark" if relative_luminance(background) < 0.2 else "light"


def switch_mode(page, mode: str) -> None:
    """Choose ``mode`` in the theme's colour-mode menu, as a visitor would (from the menu drawer on phones)."""
    switcher = page.locator(".theme-switch-button:visible")
    if switcher.count() == 0:
        page.locator(".primary-toggle:visible").click()
    switcher.first.click()
    page.locator(f'.theme-change-button[data-mode="{mode}"]:visible').click()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("system_mode", ["light", "dark"])
def test_site_follows_the_system_setting(open_site, viewport, system_mode):
    visit = open_site(viewport, system_mode)
    visit.goto("index.html")
    assert visit.page.evaluate("document.documentElement.dataset.theme") == system_mode
    assert shown_mode(visit.page) == system_mode


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("system_mode", ["light", "dark"])
def test_switch_overrides_the_system_and_is_remembered(open_site, viewport, system_mode):
    chosen = OTHER_MODE[system_mode]
    visit = open_site(viewport, system_mode)
    visit.goto("index.html")
    switch_mode(visit.page, chosen)
    assert visit.page.evaluate("document.documentElement.dataset.theme") == chosen
    assert shown_mode(visit.page) == chosen
    visit.page.reload()
    assert shown_mode(visit.page) == chosen, "the choice is lost on reload"
    visit.goto("papers/index.html")
    assert shown_mode(visit.page) == chosen, "the choice is lost on another page"
    switch_mode(visit.page, "auto")
    assert shown_mode(visit.page) == system_mode
    assert visit.problems == {"console errors": [], "failed requests": [], "requests to other hosts": []}
