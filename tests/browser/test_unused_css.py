"""Trimming the stylesheets (homepage.unused_css) changes nothing a visitor can see.

Each page is opened twice in Chromium from the same server: once as built, once with the trimmed stylesheets
swapped, by request interception, for the untrimmed ones of a second build (``homepage_trim_css = False``).
Every element's computed style, and its ``::before``/``::after`` when they draw, must be identical: in both
colour modes, at phone and desktop widths, and with the menus, tooltips and dialogs the theme's scripts open.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sphinx_academic_homepage.unused_css import TRIMMED_STYLESHEETS

# The real site built again untrimmed, and every page rendered twice.
pytestmark = pytest.mark.slow

# One digest per element (and per drawn pseudo-element), in document order: comparing ~1,000 elements'
# 400 properties each as text would move megabytes per page.
_STYLE_DIGESTS = """() => {
  const fnv = (text) => { let h = 0x811c9dc5; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); } return (h >>> 0).toString(16); };
  const digests = [];
  document.querySelectorAll("*").forEach((element, index) => {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && (style.content === "none" || style.content === "normal")) continue;
      // Sorted: Chromium lists custom properties in no fixed order.
      const names = Array.from(style).sort();
      let text = "";
      for (const name of names) text += name + ":" + style.getPropertyValue(name) + ";";
      digests.push(`${index} ${element.tagName.toLowerCase()}${pseudo || ""} ${fnv(text)}`);
    }
  });
  return digests;
}"""

_STYLE_OF = """([index, pseudo]) => {
  const style = getComputedStyle(document.querySelectorAll("*")[index], pseudo || null);
  const values = {};
  for (let i = 0; i < style.length; i++) values[style[i]] = style.getPropertyValue(style[i]);
  return values;
}"""


@pytest.fixture(scope="session")
def untrimmed_stylesheets(real_site) -> dict[str, bytes]:
    """The stylesheets of the real site built with ``homepage_trim_css = False``, by path under ``_static``."""
    untrimmed = real_site(homepage_trim_css=False)
    assert untrimmed.warnings == ""
    static = untrimmed.outdir / "_static"
    return {name: (static / name).read_bytes() for name in TRIMMED_STYLESHEETS if (static / name).is_file()}


def _open(open_site, viewport: str, mode: str, replacements: dict[str, bytes] | None):
    """A tab whose requests for the trimmed stylesheets get ``replacements`` instead (when given)."""
    visit = open_site(viewport, mode, reduced_motion="reduce")
    served: list[str] = []

    def fulfil_with(name: str, body: bytes) -> Callable:
        def fulfil(route) -> None:
            served.append(name)
            route.fulfill(status=200, body=body, headers={"Content-Type": "text/css; charset=utf-8"})

        return fulfil

    for name, body in (replacements or {}).items():
        visit.page.route(f"**/_static/{name}*", fulfil_with(name, body))
    return visit, served


def _digests(visit) -> list[str]:
    visit.page.wait_for_timeout(300)  # let the theme's scripts finish what a click started
    return visit.page.evaluate(_STYLE_DIGESTS)


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


def _pages(site_pages: list[str]) -> list[str]:
    """The top-level pages, search and 404, and one page of each other kind (a paper, a news item)."""
    chosen = [page for page in site_pages if page.count("/") == 0 or page.endswith("/index.html") and page.count("/") == 1]
    for folder in ("papers/", "news/"):
        chosen += [page for page in site_pages if page.startswith(folder) and not page.endswith("/index.html")][:1]
    return chosen


def _same_styles(open_site, untrimmed_stylesheets, viewport, mode, path, action: Callable | None = None) -> None:
    trimmed, _ = _open(open_site, viewport, mode, None)
    untrimmed, served = _open(open_site, viewport, mode, untrimmed_stylesheets)
    for visit in (trimmed, untrimmed):
        visit.goto(path)
        if action is not None:
            action(visit.page)
    ours, theirs = _digests(trimmed), _digests(untrimmed)
    assert "styles/pydata-sphinx-theme.css" in served, "the untrimmed stylesheet was never requested"
    difference = _first_difference(trimmed, untrimmed, ours, theirs)
    assert difference == "", f"{path} ({viewport}, {mode}): {difference}"
    trimmed.page.context.close()
    untrimmed.page.context.close()


@pytest.mark.parametrize(("viewport", "mode"), [("phone", "light"), ("wide", "dark")])
def test_every_page_looks_the_same_trimmed(open_site, untrimmed_stylesheets, site_pages, viewport, mode):
    pages = _pages(site_pages)
    assert {"index.html", "research/index.html", "papers/index.html", "about/index.html", "search.html", "404.html"} <= set(pages)
    for path in pages:
        _same_styles(open_site, untrimmed_stylesheets, viewport, mode, path)


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
