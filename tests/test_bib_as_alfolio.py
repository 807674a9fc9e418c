"""What al-folio shows without a word is shown so here (testroot bib-as-alfolio): entry types beyond BibTeX's, an
entry with no author, an entry with no year; a type that is a typo warns, naming the type it is one letter from.
And ``profile.title``, the line some al-folio forks show under the photo."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from buildutil import entry, text_of
from sphinx_academic_homepage.publications.model import COMMON_TYPES


@pytest.fixture(scope="module")
def built(built_root):
    return built_root("bib-as-alfolio")


def _venue(item) -> str:
    return text_of(item.select_one(".homepage-pub__venue"))


def test_only_a_type_no_one_uses_warns_and_a_typo_is_named(built):
    assert built.warnings == [
        "refs.bib:51: WARNING: typo: unknown entry type @artcle; shown like @misc; did you mean @article? [homepage.bibtex]",
        "refs.bib:58: WARNING: strange: unknown entry type @poster; shown like @misc [homepage.bibtex]",
        # Any other profile key keeps its warning.
        "index.md:7: WARNING: unknown front matter key 'profile.motto' is ignored [homepage.frontmatter]",
    ]
    assert {"preprint", "online", "software", "dataset", "thesis", "report", "patent", "www"} <= COMMON_TYPES


def test_types_beyond_bibtex_show_what_they_have(built):
    papers = built.page("papers/index.html")
    assert _venue(entry(papers, "preprint")) == "arXiv , 2024"
    assert [a["href"] for a in entry(papers, "preprint").select("a.homepage-pub__button")] == ["https://arxiv.org/abs/2404.15062"]
    # @online: its url is the work itself, a "Website" button.
    online = entry(papers, "online")
    assert _venue(online) == "Example Org , 2022"
    assert [(a.get_text(), a["href"]) for a in online.select("a.homepage-pub__button")] == [("Website", "https://example.org/page")]
    # @thesis: its type before the institution.
    assert _venue(entry(papers, "thesis")) == "PhD thesis, University of London , 2020"


def test_an_entry_with_no_author_has_no_author_line(built):
    papers = built.page("papers/index.html")
    review = entry(papers, "noauthor")
    assert review.select(".homepage-pub__authors") == []
    assert text_of(review.select_one(".homepage-pub__title")) == "Authorless Review" and _venue(review) == "Nature , 2023"
    assert text_of(entry(papers, "older").select_one(".homepage-pub__authors")) == "Ada Lovelace"


def test_an_entry_with_no_year_comes_last_as_in_al_folios_year_groups(built):
    """jekyll-scholar groups by the year's text, newest first: an entry without one has the empty text, which sorts
    after every year (its heading is empty there; here it says "Undated")."""
    papers = built.page("papers/index.html")
    headings = [text_of(heading) for heading in papers.select("h2.homepage-pubs__heading")]
    assert headings == ["2024", "2023", "2022", "2021", "2020", "2019", "Undated"]
    last = papers.select("ul.homepage-pubs")[-1]
    assert [item["id"] for item in last.select("li.homepage-pub")] == ["noyear"]
    assert _venue(entry(papers, "noyear")) == "Journal B"


def test_neither_is_left_out_of_any_list(built):
    for page in ("papers/index.html", "index.html", "research.html"):
        shown = [item["id"] for item in built.page(page).select("li.homepage-pub")]
        assert {"noyear", "noauthor"} <= set(shown), page
    assert [item["id"] for item in built.page("index.html").select("li.homepage-pub")] == ["noyear", "noauthor"]
    # Each has its paper page, which gives no date it does not have.
    undated = built.page("papers/noyear.html")
    assert undated.find("meta", attrs={"name": "citation_title"})["content"] == "Undated Paper"
    assert undated.find("meta", attrs={"name": "citation_publication_date"}) is None
    assert built.page("papers/noauthor.html").find("meta", attrs={"name": "citation_author"}) is None
    # The CV PDF lists both selected papers, the one with no author without an author line.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(built.outdir / "assets/pdf/ada-cv.pdf").pages).split())
    assert "1. Undated Paper Ada Lovelace. Journal B 2. Authorless Review. Nature, 2023" in text


def test_profile_title_is_a_line_of_text_under_the_photo(built):
    card = built.page("index.html").select_one("[role=main] div.homepage-profile")
    lines = [child for child in card.children if getattr(child, "name", None)]
    assert [(child.name, child["class"]) for child in lines] == [
        ("p", ["homepage-profile__title"]), ("div", ["homepage-profile__more-info"]),
    ]
    # Text, not HTML: the tags are shown as written.
    assert lines[0].get_text() == "PhD Student @ <b>Analytical</b> Engines" and lines[0].find("b") is None
