"""al-folio's pages read as al-folio shows them: ``layout: page`` titled by its front matter, links written as
addresses of the site (``/publications/``) reaching their pages, and an older config's ``twitter_username``."""

from __future__ import annotations

import pytest

from buildutil import ROOTS, build

from sphinx_academic_homepage.page_layout import titled_source
from sphinx_academic_homepage.site_addresses import normal_address


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(ROOTS / "test-alfolio-pages", tmp_path_factory.mktemp("alfolio-pages"), confoverrides={"nitpicky": True})


def test_only_an_address_that_names_no_page_warns(site):
    assert site.warnings == [
        "own.md:8: WARNING: 'myst' cross-reference target not found: '/nowhere/' [myst.xref_missing]"
    ]


def test_links_written_as_addresses_reach_their_pages(site):
    links = {a.get_text(): a["href"] for a in site.page("index.html").select("article a.reference")}
    assert links["publications"] == "pubs.html"  # by its permalink, whatever the file is called
    assert links["first term"] == "teaching/index.html#fall-1843"  # the fragment kept
    assert links["old address"] == "teaching/index.html"  # /teaching.html, the address of the folder's page
    assert links["home"] == "#"


def test_a_page_layout_is_titled_by_its_front_matter_and_its_headings_move_up(site):
    page = site.page("teaching/index.html")
    assert page.title.get_text().startswith("teaching")
    article = page.select_one("article")
    headings = [(h.name, h.get_text(strip=True).rstrip("#")) for h in article.select("h1, h2, h3, h4")]
    assert headings == [("h1", "teaching"), ("h2", "Fall 1843"), ("h3", "Week 1")]
    (description,) = article.select("p.homepage-page-description")
    assert description.get_text() == "Courses I teach." and description.find_previous("h1").get_text().startswith("teaching")


def test_a_page_without_headings_is_titled_too_and_one_with_its_own_h1_keeps_it(site):
    assert site.page("pubs.html").select_one("article h1").get_text(strip=True).rstrip("#") == "publications"
    own = site.page("own.html")
    assert [h.get_text(strip=True).rstrip("#") for h in own.select("article h1")] == ["A heading of its own"]
    assert own.select("p.homepage-page-description") == []  # no description in its front matter


def test_twitter_username_is_read_as_x(site):
    row = site.page("index.html").select_one("nav.homepage-social")
    assert [(a["href"], a.get_text(strip=True)) for a in row.select("a")] == [
        ("mailto:ada@example.org", "Email"),
        ("https://x.com/ada", "X (Twitter)"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: t\n---\n\n### A\n\n#### B\n", "---\ntitle: t\n---\n# T \\*1\\*\n## A\n\n### B\n"),
        # No blank line after the front matter: no line to put the title on, the text stays as written.
        ("---\ntitle: t\n---\n### A\n", None),
        # An H1 of its own, ATX or setext: the page is already titled.
        ("---\ntitle: t\n---\n\n# Own\n", None),
        ("---\ntitle: t\n---\n\nOwn\n===\n", None),
        # A heading sign inside fenced code is no heading.
        ("---\ntitle: t\n---\n\n```\n# not a heading\n```\n", "---\ntitle: t\n---\n# T \\*1\\*\n```\n# not a heading\n```\n"),
    ],
)
def test_titled_source_keeps_every_line_in_place(text, expected):
    titled = titled_source(text, "T  *1*")
    assert titled == expected
    if titled is not None:
        assert titled.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    ("address", "normal"),
    [("/", ""), ("/index.html", ""), ("/cv/", "cv"), ("/cv", "cv"), ("/cv.html", "cv"), ("/a/b/index.html", "a/b")],
)
def test_addresses_written_every_way_name_the_same_page(address, normal):
    assert normal_address(address) == normal
