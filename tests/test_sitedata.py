"""al-folio's _data: co-authors linked in author lists, venue badges linked and coloured, a repositories page."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from buildutil import build, copy_root, stylesheets
from sphinx_academic_homepage.venue_styles import venue_class


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    srcdir = copy_root("sitedata", tmp_path_factory.mktemp("sitedata"))
    first = build(srcdir, srcdir / "_build")
    # The first build's pages as they were, before the second writes over them.
    kept = tmp_path_factory.mktemp("first") / "html"
    first = dataclasses.replace(first, outdir=Path(shutil.copytree(first.outdir, kept)))
    first_css = (first.outdir / "_static" / "homepage-venues.css").read_text(encoding="utf-8")
    # Edited between two builds: a file that is no YAML any more, a venue's new colour.
    (srcdir / "_data" / "coauthors.yml").write_text('"babbage": [unclosed\n', encoding="utf-8")
    venues = srcdir / "_data" / "venues.yml"
    venues.write_text(venues.read_text(encoding="utf-8").replace("#0076df", "rgb(10, 20, 30)"), encoding="utf-8")
    second = build(srcdir, srcdir / "_build", freshenv=False)
    return first, first_css, second


def _entry(build, key):
    return build.page("index.html").select_one(f'li.homepage-pub[id="{key}"]')


def test_a_listed_coauthor_links_to_their_page_and_the_owner_stays_highlighted(builds):
    first, _, _ = builds
    authors = _entry(first, "engine1843").select_one(".homepage-pub__authors")
    links = {a.get_text(): a["href"] for a in authors.find_all("a")}
    assert links == {
        "Charles Babbage": "https://en.wikipedia.org/wiki/Charles_Babbage",
        "L. F. Menabrea": "https://en.wikipedia.org/wiki/Luigi_Federico_Menabrea",
    }
    # The owner is in coauthors.yml too: highlighted, never linked; a row with an unsafe url links nobody.
    assert authors.select_one("em.homepage-pub__me").get_text() == "Ada Lovelace"
    assert "Mary Somerville" in authors.get_text()
    assert not _entry(first, "bernoulli1842").select_one(".homepage-pub__authors").find("a")


def test_a_venue_badge_links_to_the_venue_and_takes_its_colour_from_a_stylesheet(builds):
    first, first_css, _ = builds
    badge = _entry(first, "engine1843").select_one("abbr.homepage-pub__badge")
    assert badge.parent.name == "a" and badge.parent["href"] == "https://example.org/scientific-memoirs"
    assert venue_class("SciMem") in badge["class"]
    assert first_css == f".homepage-pub__badge.{venue_class('SciMem')} {{ background: #0076df; }}\n"
    page = first.page("index.html")
    assert "homepage-venues.css" in stylesheets(first.outdir, "index.html")
    # No style attribute anywhere, so the policy needs no 'unsafe-inline' for it.
    assert not page.find(style=True)
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "unsafe-inline" not in policy
    # A colour that would end its declaration is refused: the badge keeps the site's colour, and no link.
    plain = _entry(first, "bernoulli1842").select_one("abbr.homepage-pub__badge")
    assert plain["class"] == ["homepage-pub__badge"] and plain.parent.name == "p"


def test_the_repositories_page_links_profiles_and_repositories_and_loads_nothing_from_elsewhere(builds):
    first, _, _ = builds
    page = first.page("repositories/index.html")
    article = page.select_one("article")
    assert [a["href"] for a in article.select("ul a")] == [
        "https://github.com/adalovelace",
        "https://github.com/adalovelace/analytical-engine",
        "https://github.com/babbage/difference-engine",
    ]
    sources = [tag.get("src") for tag in page.find_all(["img", "script", "iframe"]) if tag.get("src")]
    assert all("//" not in source for source in sources)
    navbar = {a.get_text(strip=True): a["href"] for a in first.page("index.html").select("nav a.nav-link")}
    assert navbar["repositories"] == "repositories/index.html"
    # Written as al-folio's address of the page the build makes, a link reaches it.
    links = {a.get_text(): a["href"] for a in first.page("index.html").select("article a")}
    assert links["code"] == "repositories/index.html" and links["all of it"] == "repositories/index.html#top"


def test_each_bad_row_warns_once_at_its_line(builds):
    first, _, _ = builds
    assert first.warnings == [
        "_data/coauthors.yml:14: WARNING: a co-author of 'somerville' should have firstname (a name or a list) and "
        "url (an http(s) address); this one is not linked [homepage.data]",
        "_data/venues.yml:6: WARNING: the venue 'Plain' has a color that is no CSS colour: 'red; background-image: "
        "url(https://evil.example/x.png)'; its badge keeps the site's [homepage.data]",
        "_data/venues.yml:9: WARNING: the venue 'Bad' has a url that is no link: 'javascript:alert(1)'; its badge is "
        "not linked [homepage.data]",
        "_data/venues.yml:11: WARNING: the venue 'Broken' should be a mapping with url and color; it is left out "
        "[homepage.data]",
        "_data/repositories.yml:3: WARNING: github_users entry 'not a user!' is not a GitHub user name; it is left "
        "out [homepage.data]",
    ]


def test_an_edited_data_file_changes_the_next_build(builds):
    _, _, second = builds
    assert second.warnings[0] == (
        "_data/coauthors.yml:2: WARNING: the data file is not valid YAML: expected ',' or ']', but got '<stream end>'; "
        "it is not read [homepage.data]"
    )
    assert not _entry(second, "engine1843").select_one(".homepage-pub__authors").find("a")
    css = (second.outdir / "_static" / "homepage-venues.css").read_text(encoding="utf-8")
    assert css == f".homepage-pub__badge.{venue_class('SciMem')} {{ background: rgb(10, 20, 30); }}\n"
