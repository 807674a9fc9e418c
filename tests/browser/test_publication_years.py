"""Folded years of a long publication list in Chromium (testroot pub-years: 2024 and 2023 open, 2022, 2021 and
2020 folded): axe finds nothing wrong folded or open, the keyboard opens a year, a link to an entry or to a
year opens it, and nothing scrolls sideways on a phone with every year open.

The markup itself is ``tests/test_publications_years.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from browser.compressed_server import serve
from browser.survey import AXE_RESULTS, AXE_RUNS, AXE_SCRIPT, OVERFLOW, START_AXE, Visit, open_visit
from buildutil import ROOTS, build

FOLDED = "details.homepage-pubs__year"
CLEAN = {"console errors": [], "failed requests": [], "requests to other hosts": []}


@pytest.fixture(scope="module")
def years_url(tmp_path_factory) -> Iterator[str]:
    built = build(ROOTS / "test-pub-years", tmp_path_factory.mktemp("years"), confoverrides={"nitpicky": True})
    assert built.warnings == []
    with serve(built.outdir) as url:
        yield url


@pytest.fixture
def open_years(browser, years_url) -> Iterator[Callable[..., Visit]]:
    """``open_years(viewport, mode="light")``: a fresh visit of the testroot's site (not the real site's)."""
    contexts = []

    def open_(viewport: str, mode: str = "light") -> Visit:
        visit = open_visit(browser, years_url, viewport, mode)
        contexts.append(visit.page.context)
        return visit

    yield open_
    for context in contexts:
        context.close()


def _year(page, year: str):
    """The ``<details>`` folding ``year``."""
    return page.locator(f"{FOLDED}:has(> summary > #year-{year})")


def _is_open(details) -> bool:
    return details.evaluate("(element) => element.open")


def _axe(page, options: dict) -> list[str]:
    page.evaluate(AXE_SCRIPT)
    page.evaluate(START_AXE, options)
    return [f"{violation['id']}: {violation['nodes'][0]['target']}" for violation in page.evaluate(AXE_RESULTS)]


@pytest.mark.parametrize(("viewport", "mode"), AXE_RUNS)
def test_axe_finds_no_violation_with_years_folded_and_open(open_years, viewport, mode):
    visit = open_years(viewport, mode)
    visit.goto("papers.html")
    # One year opened, the others folded: one run of axe sees both, and, on a phone, whether a finger can tap
    # the opened year's buttons (target-size).
    _year(visit.page, "2022").locator(":scope > summary").click()
    assert _axe(visit.page, AXE_RUNS[viewport, mode]) == []
    assert visit.problems == CLEAN


def test_the_keyboard_reaches_a_folded_year_and_opens_and_closes_it(open_years):
    visit = open_years("wide")
    visit.goto("papers.html")
    page = visit.page
    year = _year(page, "2022")
    summary = year.locator(":scope > summary")
    entry = page.locator("#liu2022poisson")
    assert not _is_open(year) and not entry.is_visible()
    # Tab from the last control of the open year before it (its entry's BibTeX), as a keyboard user would come.
    page.locator("#liu2023omnigrok details.homepage-pub__bibtex > summary").focus()
    page.keyboard.press("Tab")
    assert summary.evaluate("(element) => element === document.activeElement"), "Tab does not reach the year"
    page.keyboard.press("Enter")
    assert _is_open(year) and entry.is_visible()
    page.keyboard.press("Enter")
    assert not _is_open(year) and not entry.is_visible()
    page.keyboard.press("Space")
    assert _is_open(year)
    assert visit.problems == CLEAN


def test_a_link_to_an_entry_or_a_year_opens_that_year(open_years):
    visit = open_years("phone")
    visit.goto("index.html")
    page = visit.page
    page.locator("a[href='papers.html#liu2022grokking']").click()  # a citation
    page.wait_for_url("**/papers.html#liu2022grokking")
    entry = page.locator("#liu2022grokking")
    entry.wait_for(state="visible")
    assert _is_open(_year(page, "2022")) and not _is_open(_year(page, "2021"))
    assert entry.evaluate("(element) => element.getBoundingClientRect().top < innerHeight"), "not scrolled to"
    # A link to a year, followed on the page itself (the address's fragment changes, the page stays).
    page.evaluate("location.hash = '#year-2021'")
    page.wait_for_function("() => document.querySelector('#year-2021').closest('details').open")
    assert page.locator("#liu2021machine").is_visible() and not _is_open(_year(page, "2020"))
    # A page opened at a year's address (from another page: the same page would only change its fragment).
    visit.goto("index.html")
    visit.goto("papers.html#year-2020")
    assert _is_open(_year(page, "2020")) and page.locator("#liu2020second").is_visible()
    assert visit.problems == CLEAN


def test_nothing_scrolls_sideways_on_a_phone_with_every_year_open(open_years):
    visit = open_years("phone")
    visit.goto("papers.html")
    page = visit.page
    assert page.evaluate(OVERFLOW) == 0
    page.evaluate(f"document.querySelectorAll('{FOLDED}').forEach((year) => {{ year.open = true; }})")
    page.locator("#liu2022grokking details.homepage-pub__bibtex summary").click()
    assert page.evaluate(OVERFLOW) == 0
    assert visit.problems == CLEAN
