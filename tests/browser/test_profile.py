"""The profile card on the home page: the owner's name as the heading, the photo right of the bio on a
laptop and above it on a phone, shown as taken in both colour modes.

Read through the card's markup (``div.homepage-profile``, ``img.homepage-profile__photo``); a build without
the card fails, naming the selector.
"""

from __future__ import annotations

import runpy

import pytest

from browser.conftest import page_with
from browser.survey import MODES, VIEWPORTS
from conftest import PROJECT_ROOT

PROFILE = "div.homepage-profile"
PHOTO = "img.homepage-profile__photo"

# The photo's box, and the line boxes of the bio: the first paragraph of the page's text after the card.
_PHOTO_AND_BIO = """([profileSelector, photoSelector]) => {
  const box = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width});
  const card = document.querySelector(profileSelector);
  const photo = card.querySelector(photoSelector);
  const bio = [...document.querySelectorAll("article p")].find((p) =>
    !card.contains(p) && !p.closest(".homepage-subtitle") && !p.classList.contains("homepage-subtitle")
    && (card.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING) && p.innerText.trim());
  const range = document.createRange();
  range.selectNodeContents(bio);
  return {photo: box(photo.getBoundingClientRect()), bio: box(bio.getBoundingClientRect()),
          lines: [...range.getClientRects()].map(box), column: box(document.querySelector("article").getBoundingClientRect())};
}"""


def _home_with_profile(site, site_pages) -> str:
    return page_with(site, site_pages, f"{PROFILE} {PHOTO}", "no profile card")


def test_home_heading_is_the_owners_name(site, site_pages):
    path = _home_with_profile(site, site_pages)
    owner = runpy.run_path(str(PROJECT_ROOT / "conf.py"))["author"]
    headings = site.page(path).select("article h1")
    for permalink in [link for h1 in headings for link in h1.select("a.headerlink")]:
        permalink.decompose()  # the "#" permalink Sphinx puts after each heading
    assert [h1.get_text(" ", strip=True) for h1 in headings] == [owner]


@pytest.mark.parametrize("mode", MODES)
def test_photo_sits_right_of_the_bio_on_a_laptop(site, site_pages, open_site, mode):
    path = _home_with_profile(site, site_pages)
    visit = open_site("wide", mode)
    visit.goto(path)
    layout = visit.page.evaluate(_PHOTO_AND_BIO, [PROFILE, PHOTO])
    photo = layout["photo"]
    assert photo["left"] > (layout["column"]["left"] + layout["column"]["right"]) / 2, "the photo is not on the right"
    beside = [line for line in layout["lines"] if line["bottom"] > photo["top"] and line["top"] < photo["bottom"]]
    assert beside, "the bio does not start beside the photo"
    assert all(line["right"] <= photo["left"] for line in beside), "the bio runs under the photo"


@pytest.mark.parametrize("mode", MODES)
def test_photo_sits_above_the_bio_on_a_phone(site, site_pages, open_site, mode):
    path = _home_with_profile(site, site_pages)
    visit = open_site("phone", mode)
    visit.goto(path)
    layout = visit.page.evaluate(_PHOTO_AND_BIO, [PROFILE, PHOTO])
    assert layout["photo"]["bottom"] <= layout["bio"]["top"], "the photo is not above the bio"
    assert layout["photo"]["width"] >= 0.5 * layout["column"]["width"], "the photo is a thumbnail on a phone"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_photo_is_loaded_and_shown_as_taken(site, site_pages, open_site, viewport, mode):
    """Loaded, and not dimmed: the theme darkens every image in dark mode."""
    path = _home_with_profile(site, site_pages)
    visit = open_site(viewport, mode)
    visit.goto(path, wait_until="networkidle")
    state = visit.page.locator(PHOTO).first.evaluate(
        "(img) => ({complete: img.complete, natural: img.naturalWidth, filter: getComputedStyle(img).filter})"
    )
    assert state["complete"] and state["natural"] > 0, "the photo did not load"
    assert state["filter"] == "none"
