"""Publication entries: abstract and BibTeX open and close in place with the mouse and the keyboard, and the
copy button puts the BibTeX on the clipboard.

Written against the shared markup contract (``.homepage-pub``, ``details.homepage-pub__abstract`` /
``details.homepage-pub__bibtex``, ``button.homepage-pub__copy``); skipped, with the selector it waits for,
while the build has no such entries.
"""

from __future__ import annotations

import pytest

from browser.conftest import VIEWPORTS, page_with

PUB = ".homepage-pub"


def _entry_with(site, site_pages, kind: str) -> tuple[str, str]:
    """A page and the id of its first entry that has ``details.homepage-pub__<kind>``."""
    selector = f"{PUB} details.homepage-pub__{kind}"
    path = page_with(site, site_pages, selector, f"no publication entries with {'an' if kind == 'abstract' else 'a'} {kind}")
    entry = site.page(path).select_one(selector).find_parent(class_="homepage-pub")
    assert entry.get("id"), "a publication entry has no id to link to"
    return path, entry["id"]


def _is_open(details) -> bool:
    return details.evaluate("(element) => element.open")


@pytest.mark.parametrize("kind", ["abstract", "bibtex"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_details_open_and_close_with_the_mouse_in_place(site, site_pages, open_site, viewport, kind):
    path, entry_id = _entry_with(site, site_pages, kind)
    visit = open_site(viewport)
    visit.goto(path)
    page = visit.page
    page.evaluate("window.stillTheSamePage = true")
    details = page.locator(f'[id="{entry_id}"] details.homepage-pub__{kind}').first
    summary = details.locator("summary").first
    body = details.locator(":scope > :not(summary)").first
    assert not _is_open(details) and not body.is_visible(), "starts closed"
    summary.click()
    assert _is_open(details) and body.is_visible()
    box = body.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], "the opened text sticks out"
    summary.click()
    assert not _is_open(details) and not body.is_visible()
    assert page.evaluate("window.stillTheSamePage === true"), "the page reloaded"
    assert visit.problems == {"console errors": [], "failed requests": [], "requests to other hosts": []}


@pytest.mark.parametrize("kind", ["abstract", "bibtex"])
def test_details_open_and_close_with_the_keyboard(site, site_pages, open_site, kind):
    path, entry_id = _entry_with(site, site_pages, kind)
    visit = open_site("wide")
    visit.goto(path)
    page = visit.page
    details = page.locator(f'[id="{entry_id}"] details.homepage-pub__{kind}').first
    summary = details.locator("summary").first
    # Reached with Tab from the element before it, as a keyboard user would.
    page.evaluate(
        """(element) => { const all = [...document.querySelectorAll('a[href], button, summary, [tabindex]')];
                         const before = all[all.indexOf(element) - 1]; before && before.focus(); }""",
        summary.element_handle(),
    )
    page.keyboard.press("Tab")
    assert summary.evaluate("(element) => element === document.activeElement"), "Tab does not reach the summary"
    page.keyboard.press("Enter")
    assert _is_open(details)
    page.keyboard.press("Enter")
    assert not _is_open(details)
    page.keyboard.press("Space")
    assert _is_open(details)
    page.keyboard.press("Space")
    assert not _is_open(details)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_copy_button_copies_the_bibtex(site, site_pages, open_site, viewport):
    path, entry_id = _entry_with(site, site_pages, "bibtex")
    if site.page(path).select_one(f'[id="{entry_id}"] button.homepage-pub__copy') is None:
        pytest.skip("no copy button (button.homepage-pub__copy) in this build yet")
    visit = open_site(viewport, permissions=["clipboard-read", "clipboard-write"])
    visit.goto(path)
    page = visit.page
    details = page.locator(f'[id="{entry_id}"] details.homepage-pub__bibtex').first
    details.locator("summary").first.click()
    bibtex = details.locator("pre").first.inner_text().strip()
    assert bibtex.startswith("@") and bibtex.endswith("}"), bibtex
    page.evaluate("navigator.clipboard.writeText('')")
    details.locator("button.homepage-pub__copy").first.click()
    page.wait_for_function("navigator.clipboard.readText().then((text) => text.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()").strip() == bibtex
    assert visit.problems == {"console errors": [], "failed requests": [], "requests to other hosts": []}
