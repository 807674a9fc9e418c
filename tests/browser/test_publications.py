"""Publication entries: abstract and BibTeX open and close in place with the mouse and the keyboard, and the
copy button puts the BibTeX on the clipboard.

On the real site's pages when an entry there has what is tested; the owner's bibliography has no abstracts,
so abstracts are tested on a small site in the same theme (``tests/roots/test-browser-abstracts``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from browser.compressed_server import serve
from browser.survey import VIEWPORTS
from buildutil import ROOTS, Build, build

PUB = ".homepage-pub"


@dataclass
class Target:
    """The page, the entry and the server of a test."""

    path: str
    entry_id: str
    base_url: str


@pytest.fixture(scope="session")
def abstracts_site_url(tmp_path_factory) -> Iterator[tuple[Build, str]]:
    # Built in place: its conf.py finds the site's favicon relative to itself.
    builddir = tmp_path_factory.mktemp("abstracts")
    built = build(ROOTS / "test-browser-abstracts", builddir, confoverrides={"nitpicky": True})
    assert built.warnings == []
    with serve(built.outdir) as url:
        yield built, url


def _target(site, site_pages, site_url, abstracts_site_url, kind: str) -> Target:
    """The first entry with ``details.homepage-pub__<kind>`` on the real site, else on the abstracts site."""
    selector = f"{PUB} details.homepage-pub__{kind}"
    abstracts_site, abstracts_url = abstracts_site_url
    candidates = [(site, path, site_url) for path in site_pages] + [(abstracts_site, "index.html", abstracts_url)]
    for built, path, base_url in candidates:
        details = built.page(path).select_one(selector)
        if details is not None:
            entry = details.find_parent(class_="homepage-pub")
            assert entry.get("id"), "a publication entry has no id to link to"
            return Target(path, entry["id"], base_url)
    raise AssertionError(f"no page has {selector!r}, not even tests/roots/test-browser-abstracts")


def _is_open(details) -> bool:
    return details.evaluate("(element) => element.open")


@pytest.mark.parametrize("kind", ["abstract", "bibtex"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_details_open_and_close_with_the_mouse_in_place(site, site_pages, site_url, abstracts_site_url, open_site, viewport, kind):
    target = _target(site, site_pages, site_url, abstracts_site_url, kind)
    path, entry_id = target.path, target.entry_id
    visit = open_site(viewport, base_url=target.base_url)
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
def test_details_open_and_close_with_the_keyboard(site, site_pages, site_url, abstracts_site_url, open_site, kind):
    target = _target(site, site_pages, site_url, abstracts_site_url, kind)
    path, entry_id = target.path, target.entry_id
    visit = open_site("wide", base_url=target.base_url)
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
def test_copy_button_copies_the_bibtex(site, site_pages, site_url, abstracts_site_url, open_site, viewport):
    target = _target(site, site_pages, site_url, abstracts_site_url, "bibtex")
    path, entry_id = target.path, target.entry_id
    assert target.base_url == site_url, "the owner's entries show their BibTeX"
    assert site.page(path).select_one(f'[id="{entry_id}"] button.homepage-pub__copy') is not None
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
