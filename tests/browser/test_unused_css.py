"""Trimming the stylesheets (homepage.unused_css) changes nothing a visitor can see.

Each page is opened twice in Chromium from the same server: once as built (the session's ``site_survey``), once
with the trimmed stylesheets swapped, by request interception, for the untrimmed ones: the same build's, kept
just before they were trimmed (``conftest.UNTRIMMED``), which are what ``homepage_trim_css = False`` publishes.
Every element's computed style, and its ``::before``/``::after`` when they draw, must be identical: in both
colour modes, at phone and desktop widths, and with the menus, tooltips and dialogs the theme's scripts open.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from browser.survey import STYLE_COMPARED, open_visit, style_compared_pages, style_digests_of, visit_together
from conftest import UNTRIMMED
from sphinx_academic_homepage.unused_css import TRIMMED_STYLESHEETS

# Every page rendered twice.
pytestmark = pytest.mark.slow

_STYLE_OF = """([index, pseudo]) => {
  const style = getComputedStyle(document.querySelectorAll("*")[index], pseudo || null);
  const values = {};
  for (let i = 0; i < style.length; i++) values[style[i]] = style.getPropertyValue(style[i]);
  return values;
}"""


@pytest.fixture(scope="session")
def untrimmed_stylesheets(site) -> dict[str, bytes]:
    """The real site's stylesheets before trimming, by path under ``_static``; each differs from the one served."""
    kept = site.outdir.parent / UNTRIMMED
    untrimmed = {name: (kept / name).read_bytes() for name in TRIMMED_STYLESHEETS if (kept / name).is_file()}
    assert "styles/pydata-sphinx-theme.css" in untrimmed
    served = site.outdir / "_static"
    assert [name for name, body in untrimmed.items() if (served / name).read_bytes() == body] == []
    return untrimmed


def _routed(visit, replacements: dict[str, bytes]) -> list[str]:
    """Make ``visit``'s requests for the trimmed stylesheets get ``replacements`` instead; the names it served."""
    served: list[str] = []

    def fulfil_with(name: str, body: bytes) -> Callable:
        def fulfil(route) -> None:
            served.append(name)
            route.fulfill(status=200, body=body, headers={"Content-Type": "text/css; charset=utf-8"})

        return fulfil

    for name, body in replacements.items():
        visit.page.route(f"**/_static/{name}*", fulfil_with(name, body))
    return served


def _open(open_site, viewport: str, mode: str, replacements: dict[str, bytes] | None):
    """A tab whose requests for the trimmed stylesheets get ``replacements`` instead (when given)."""
    visit = open_site(viewport, mode, reduced_motion="reduce")
    return visit, _routed(visit, replacements or {})


def _first_difference(trimmed, untrimmed, ours: list[str], theirs: list[str]) -> str:
    if len(ours) != len(theirs):
        return f"{len(ours)} styled boxes against {len(theirs)}"
    for mine, other in zip(ours, theirs):
        if mine != other:
            index, name = int(mine.split()[0]), mine.split()[1]
            pseudo = "::" + name.split("::")[1] if "::" in name else ""
            a = trimmed.page.evaluate(_STYLE_OF, [index, pseudo])
            b = untrimmed.page.evaluate(_STYLE_OF, [index, pseudo])
            changed = {key: (a.get(key), b.get(key)) for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)}
            return f"{name}: {dict(list(changed.items())[:6])}"
    return ""


def _same_styles(open_site, untrimmed_stylesheets, viewport, mode, path, action: Callable | None = None) -> None:
    trimmed, _ = _open(open_site, viewport, mode, None)
    untrimmed, served = _open(open_site, viewport, mode, untrimmed_stylesheets)
    # Both tabs load at once (their network waits overlap), then each is acted on as a visitor would.
    for visit in (trimmed, untrimmed):
        response = visit.page.goto(visit.base_url + path, wait_until="commit")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    for visit in (trimmed, untrimmed):
        visit.page.wait_for_load_state("load")
        visit.page.evaluate("document.fonts.ready.then(() => true)")
        if action is not None:
            action(visit.page)
    ours, theirs = style_digests_of(trimmed.page), style_digests_of(untrimmed.page)
    assert "styles/pydata-sphinx-theme.css" in served, "the untrimmed stylesheet was never requested"
    difference = _first_difference(trimmed, untrimmed, ours, theirs)
    assert difference == "", f"{path} ({viewport}, {mode}): {difference}"
    trimmed.page.context.close()
    untrimmed.page.context.close()


@pytest.fixture(scope="session")
def untrimmed_digests(browser, site_url, site_pages, untrimmed_stylesheets) -> dict[tuple[str, str], dict[str, list[str]]]:
    """The style digests of the pages that ``site_survey`` took them of, untrimmed: ``{(viewport, mode): {path: digests}}``."""
    visits = {key: open_visit(browser, site_url, *key, reduced_motion="reduce") for key in STYLE_COMPARED}
    served = {key: _routed(visit, untrimmed_stylesheets) for key, visit in visits.items()}
    try:
        digests = visit_together(visits, style_compared_pages(site_pages), lambda key, visit, path: style_digests_of(visit.page, settled=True))
    finally:
        for visit in visits.values():
            visit.page.context.close()
    assert all("styles/pydata-sphinx-theme.css" in names for names in served.values()), "the untrimmed stylesheet was never requested"
    return digests


@pytest.mark.parametrize(("viewport", "mode"), STYLE_COMPARED)
def test_every_page_looks_the_same_trimmed(site_survey, untrimmed_digests, open_site, untrimmed_stylesheets, site_pages, viewport, mode):
    pages = style_compared_pages(site_pages)
    assert {"index.html", "research/index.html", "papers/index.html", "about/index.html", "search.html", "404.html"} <= set(pages)
    for path in pages:
        ours, theirs = site_survey[viewport, mode][path].style_digests, untrimmed_digests[viewport, mode][path]
        if ours != theirs:
            # Both again, side by side, to name the properties that differ.
            _same_styles(open_site, untrimmed_stylesheets, viewport, mode, path)
            first = next((mine for mine, other in zip(ours, theirs) if mine != other), f"{len(ours)} against {len(theirs)} boxes")
            raise AssertionError(f"{path} ({viewport}, {mode}): {first} differs (not when loaded again)")


def _click(selector: str, then: str) -> Callable:
    def act(page) -> None:
        page.locator(selector).filter(visible=True).first.click(timeout=5_000)
        page.wait_for_selector(then, state="visible", timeout=5_000)

    return act


def _hover(selector: str, then: str) -> Callable:
    def act(page) -> None:
        page.locator(selector).filter(visible=True).first.hover(timeout=5_000)
        page.wait_for_selector(then, state="visible", timeout=5_000)

    return act


def _scroll_down_and_back_a_little(page) -> None:
    # The theme shows its back-to-top button to a reader who, far down a page, turns back up.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(200)
    page.evaluate("window.scrollBy(0, -300)")
    page.wait_for_selector("#pst-back-to-top", state="visible", timeout=5_000)


STATES = {
    "phone sidebar open": ("phone", "light", "index.html", _click(".primary-toggle", "#pst-primary-sidebar-modal[open]")),
    "colour menu open": ("wide", "light", "index.html", _click(".theme-switch-button", ".dropdown-menu.show")),
    "search tooltip": ("wide", "dark", "index.html", _hover(".search-button__button", ".tooltip.show")),
    "search dialog open": ("wide", "light", "research/index.html", _click(".search-button__button", "#pst-search-dialog[open]")),
    "BibTeX open": ("wide", "dark", "papers/index.html", _click(".homepage-pub__bibtex > summary", ".homepage-pub__bibtex[open] pre")),
    "back to top shown": ("phone", "dark", "papers/index.html", _scroll_down_and_back_a_little),
}


@pytest.mark.parametrize("state", STATES)
def test_what_scripts_open_looks_the_same_trimmed(open_site, untrimmed_stylesheets, state):
    viewport, mode, path, action = STATES[state]
    _same_styles(open_site, untrimmed_stylesheets, viewport, mode, path, action)


def test_the_comparison_sees_a_missing_rule(open_site, untrimmed_stylesheets):
    """A stylesheet that lost a rule the page needs is caught: the check above can fail."""
    broken = dict(untrimmed_stylesheets)
    broken["styles/pydata-sphinx-theme.css"] = untrimmed_stylesheets["styles/pydata-sphinx-theme.css"].replace(
        b".bd-main{", b".bd-gone{", 1
    )
    assert broken["styles/pydata-sphinx-theme.css"] != untrimmed_stylesheets["styles/pydata-sphinx-theme.css"]
    with pytest.raises(AssertionError, match=r"index\.html \(wide, light\)"):
        _same_styles(open_site, broken, "wide", "light", "index.html")
