"""Search still works with its scripts on the search page only: the navbar's search box submits there."""

from __future__ import annotations

import pytest

from browser.survey import VIEWPORTS


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_from_any_page_finds_the_home_page(open_site, viewport):
    visit = open_site(viewport)
    visit.goto("research/index.html")
    page = visit.page
    assert page.evaluate("typeof Search") == "undefined", "the search tools load on every page again"
    if viewport == "wide":
        page.keyboard.press("Control+k")
    else:
        page.locator("button.search-button:visible, .search-button-field:visible").first.click()
    field = page.locator("#pst-search-dialog input[type=search]")
    field.wait_for(state="visible")
    field.fill("grokking")
    with page.expect_navigation():
        field.press("Enter")
    assert page.url.split("?")[0].endswith("/search.html")
    page.locator("#search-results li a").first.wait_for()
    hits = page.locator("#search-results li a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert any(href.split("?")[0].split("#")[0] == "index.html" for href in hits), hits
    assert visit.problems == {"console errors": [], "failed requests": [], "requests to other hosts": []}
