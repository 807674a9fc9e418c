"""The Content-Security-Policy in Chromium: no page of the real site breaks it, the theme works under it, and it
stops a script that a page's content carries (homepage.csp)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from browser.compressed_server import serve
from browser.conftest import page_with
from browser.survey import HAS_POLICY, MODES, VIEWPORTS, WATCH_VIOLATIONS, Visit
from browser.test_color_mode import shown_mode, switch_mode

NO_PROBLEMS = {"console errors": [], "failed requests": [], "requests to other hosts": []}


def watched(visit: Visit) -> Visit:
    visit.page.add_init_script(WATCH_VIOLATIONS)
    return visit


def violations(visit: Visit) -> list[str]:
    return visit.page.evaluate("window.__violations")


def has_policy(visit: Visit) -> bool:
    return visit.page.evaluate(HAS_POLICY)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_page_of_the_site_breaks_its_policy(site_survey, viewport, mode):
    """Every page visited in this viewport and mode (``browser/survey.py``: the pages that share their folder's
    template are visited on a laptop in light mode only; their HTML holds the policy, test_clean_load.py)."""
    reports = site_survey[viewport, mode]
    assert [path for path, report in reports.items() if not report.has_policy] == []
    assert {path: report.csp_violations for path, report in reports.items() if report.csp_violations} == {}
    assert {path: report.problems for path, report in reports.items() if report.problems != NO_PROBLEMS} == {}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_colour_switch_works_and_is_remembered(open_site, viewport):
    visit = watched(open_site(viewport, "light"))
    visit.goto("index.html")
    switch_mode(visit.page, "dark")
    assert shown_mode(visit.page) == "dark"
    visit.page.reload()
    assert shown_mode(visit.page) == "dark", "the theme's inline mode script did not run"
    assert violations(visit) == [] and visit.problems == NO_PROBLEMS


def test_the_search_page_finds_a_word(open_site):
    visit = watched(open_site("wide"))
    visit.goto("search.html?q=grokking")
    visit.page.locator("#search-results li a").first.wait_for()
    hits = visit.page.locator("#search-results li a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert any(href.split("?")[0].split("#")[0] == "index.html" for href in hits), hits
    assert violations(visit) == [] and visit.problems == NO_PROBLEMS


def test_the_bibtex_toggle_opens_closes_and_copies(open_site, site, site_pages):
    path = page_with(site, site_pages, "details.homepage-pub__bibtex", "a BibTeX toggle")
    visit = watched(open_site("wide", permissions=["clipboard-read", "clipboard-write"]))
    visit.goto(path)
    page = visit.page
    details = page.locator("details.homepage-pub__bibtex").first
    details.locator("summary").first.click()
    assert details.evaluate("(element) => element.open")
    bibtex = details.locator("pre").first.inner_text().strip()
    page.evaluate("navigator.clipboard.writeText('')")
    details.locator("button.homepage-pub__copy").first.click()
    page.wait_for_function("navigator.clipboard.readText().then((text) => text.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()").strip() == bibtex
    details.locator("summary").first.click()
    assert not details.evaluate("(element) => element.open")
    assert violations(visit) == [] and visit.problems == NO_PROBLEMS


def test_the_phone_menu_opens(open_site):
    visit = watched(open_site("phone"))
    visit.goto("index.html")
    visit.page.locator(".primary-toggle:visible").click()
    visit.page.locator("#pst-primary-sidebar-modal[open]").wait_for(state="visible")
    assert violations(visit) == [] and visit.problems == NO_PROBLEMS


# -- The policy bites ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csp_sites(built_root) -> Iterator[dict[bool, str]]:
    """tests/roots/test-csp served with its policy (True, the default) and without (False): base URLs."""
    with ExitStack() as servers:
        urls = {}
        for policy in (True, False):
            result = built_root("csp") if policy else built_root("csp", homepage_csp=False)
            assert result.warnings == []
            urls[policy] = servers.enter_context(serve(Path(result.outdir)))
        yield urls


def test_a_script_in_a_pages_content_is_blocked(open_site, csp_sites):
    visit = watched(open_site("wide", base_url=csp_sites[True]))
    visit.goto("injected.html", wait_until="networkidle")
    assert visit.page.evaluate("window.__pwned") is None
    # The content's script and handler, and the script in the page's title that the navigation shows.
    assert {seen.split()[0] for seen in violations(visit)} == {"script-src-attr", "script-src-elem"}
    # The page's own scripts still ran: the theme set its mode.
    assert visit.page.evaluate("document.documentElement.dataset.mode") == "auto"


def test_without_the_policy_the_same_page_runs_them(open_site, csp_sites):
    """The injected script and handler are live: what blocks them above is the policy."""
    visit = watched(open_site("wide", base_url=csp_sites[False]))
    visit.goto("injected.html", wait_until="networkidle")
    assert not has_policy(visit)
    assert visit.page.evaluate("window.__pwned") == "onerror"  # the scripts ran first, then the handler


def test_a_script_the_site_adds_runs(open_site, csp_sites):
    visit = watched(open_site("wide", base_url=csp_sites[True]))
    visit.goto("own.html", wait_until="networkidle")
    assert visit.page.evaluate("window.__own") == "ran"
    # Only the title's script, which every page's navigation shows, was stopped.
    assert visit.page.evaluate("window.__pwned") is None
    assert {seen.split()[0] for seen in violations(visit)} == {"script-src-elem"}
