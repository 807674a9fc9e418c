"""al-folio's projects: a page each at /projects/<name>/, and cards by display_categories and importance."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from PIL import Image

from buildutil import build, copy_root, stylesheets


def _site(tmp_path_factory, name: str) -> Path:
    srcdir = copy_root("projects", tmp_path_factory.mktemp(name))
    (srcdir / "assets" / "img").mkdir(parents=True)
    Image.new("RGB", (800, 600), (30, 90, 160)).save(srcdir / "assets" / "img" / "engine.png")
    return srcdir


@pytest.fixture(scope="module")
def kept_page(tmp_path_factory):
    """The site kept al-folio's projects page (``permalink: /projects/``): the cards go on it."""
    srcdir = _site(tmp_path_factory, "projects")
    first = build(srcdir, srcdir / "_build")
    kept = tmp_path_factory.mktemp("first") / "html"
    first = dataclasses.replace(first, outdir=Path(shutil.copytree(first.outdir, kept)))
    # A project's importance edited: the next build writes the projects page again, in the new order.
    notes = srcdir / "_projects" / "2_notes.md"
    notes.write_text(notes.read_text(encoding="utf-8").replace("importance: 1", "importance: 5"), encoding="utf-8")
    second = build(srcdir, srcdir / "_build", freshenv=False)
    return first, second


@pytest.fixture(scope="module")
def made_page(tmp_path_factory):
    """No projects page of the site's own: the build makes one, linked from the navbar."""
    srcdir = _site(tmp_path_factory, "projects-made")
    (srcdir / "work.md").unlink()
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('homepage_navigation = ["work"]', ""), encoding="utf-8")
    return build(srcdir, srcdir / "_build")


def _titles(soup, section_id: str) -> list[str]:
    return [p.get_text(strip=True) for p in soup.select(f"section#{section_id} .homepage-project__title")]


def test_each_project_is_a_page_at_its_al_folio_address(kept_page):
    first, _ = kept_page
    page = first.page("projects/1_engine/index.html")
    assert page.select_one("article h1").get_text(strip=True).rstrip("#") == "Analytical Engine"
    assert page.select_one("p.homepage-page-description").get_text() == "A machine that computes anything"
    # Its Liquid figure is a picture of the site's, with its copies.
    assert page.select_one("article figure picture img")["src"].startswith("../../_images/engine-")
    # Styled as a post is (al-folio's rows of figures), by the posts' stylesheet.
    assert "homepage-post" in page.select_one("article section")["class"]
    assert "blog.css" in stylesheets(first.outdir, "projects/1_engine/index.html")
    # Written as an al-folio address, a link to it reaches it.
    links = [a["href"] for a in first.page("index.html").select("article a.reference")]
    assert links == ["projects/1_engine/index.html"]


def test_the_cards_go_on_the_kept_page_by_display_categories_then_importance(kept_page):
    first, second = kept_page
    page = first.page("work.html")
    assert _titles(page, "category-work") == ["Notes", "Analytical Engine"]
    assert _titles(page, "category-fun") == ["Poetical Science"]
    # A category display_categories does not name is not lost: it comes after.
    assert _titles(page, "category-other") == ["Flyology"]
    assert _titles(second.page("work.html"), "category-work") == ["Analytical Engine", "Notes"]
    # The old address /projects/ sends readers to that page.
    refresh = first.page("projects/index.html").find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=../work.html"


def test_a_card_shows_its_picture_copies_its_link_and_repository(kept_page):
    first, _ = kept_page
    page = first.page("work.html")
    engine = page.select("section#category-work .homepage-project")[1]
    img = engine.select_one("picture img.homepage-project__image")
    assert img["src"].startswith("_images/engine-") and img["src"].endswith("-720w.webp")
    assert (first.outdir / img["src"]).is_file()
    assert engine.select_one(".homepage-project__title a")["href"] == "projects/1_engine/index.html"
    assert engine.select_one(".homepage-project__github a")["href"] == "https://github.com/adalovelace/analytical-engine"
    # redirect: the card links there; a redirect that is no http(s) address is left out.
    poetry = page.select_one("section#category-fun .homepage-project__title a")
    assert poetry["href"] == "https://example.org/poetry"
    flying = page.select_one("section#category-other .homepage-project__title a")
    assert flying["href"] == "projects/4_flying/index.html"
    assert "projects.css" in stylesheets(first.outdir, "work.html")


def test_each_bad_value_warns_once_at_its_line(kept_page):
    first, second = kept_page
    expected = [
        "_projects/3_poetry.md:5: WARNING: project img '/assets/img/missing.png' is not a file of the site; no picture "
        "shown [homepage.project]",
        "_projects/3_poetry.md:6: WARNING: project importance should be a number, not 'high'; the card goes last "
        "[homepage.project]",
        "_projects/4_flying.md:6: WARNING: project redirect 'javascript:alert(1)' should be an http(s) address; left "
        "out [homepage.project]",
    ]
    assert first.warnings == expected
    # The next build, which reads only the edited project, still fails a strict build.
    assert sorted(second.warnings) == expected


def test_without_a_page_of_its_own_the_build_makes_the_cards_page_in_the_navbar(made_page):
    page = made_page.page("projects/index.html")
    # No display_categories: one list by importance (none last), then title.
    titles = [p.get_text(strip=True) for p in page.select("article .homepage-project__title")]
    assert titles == ["Notes", "Analytical Engine", "Flyology", "Poetical Science"]
    assert page.select_one("article .homepage-project__title a")["href"] == "2_notes/index.html"
    navbar = {a.get_text(strip=True): a["href"] for a in made_page.page("index.html").select("nav a.nav-link")}
    assert navbar["projects"] == "projects/index.html"
    assert made_page.warnings[:1] == [
        "_projects/3_poetry.md:5: WARNING: project img '/assets/img/missing.png' is not a file of the site; no picture "
        "shown [homepage.project]"
    ]
