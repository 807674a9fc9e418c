"""A long list grouped by year: its newest years open, the older ones folded under their headings (testroot
pub-years, ``homepage_publications_open_entries = 3``), and other builders given every year in full.

What a reader does with a folded year (a click, the keyboard, a link into it) is tested in a browser
(``tests/browser/test_publication_years.py``).
"""

from __future__ import annotations

import re
import pytest
from docutils import nodes

from buildutil import ROOTS, Build, build

from sphinx_academic_homepage.publications.model import Publication
from sphinx_academic_homepage.publications.nodes import publication_heading, publication_list, publication_year
from sphinx_academic_homepage.publications.render import RenderOptions, expand_list

#: The testroot's entries by year, newest first, in file order within a year.
YEARS = {
    "2024": ["liu2024kan", "liu2024second"],
    "2023": ["liu2023omnigrok"],
    "2022": ["liu2022poisson", "liu2022grokking", "liu2022third"],
    "2021": ["liu2021machine"],
    "2020": ["liu2020first", "liu2020second"],
}


@pytest.fixture(scope="module")
def years_site(tmp_path_factory) -> Build:
    built = build(ROOTS / "test-pub-years", tmp_path_factory.mktemp("years"), confoverrides={"nitpicky": True})
    assert built.warnings == []
    return built


def test_the_newest_years_are_open_until_three_entries_show_and_each_older_year_is_folded(years_site):
    listing = years_site.page("papers.html").select_one("div.homepage-publications")
    shape = [
        (child.name, child.get("id") or child.select_one("summary > h2")["id"])
        for child in listing.find_all(recursive=False)
        if child.name != "ul"
    ]
    # 2024 (2 entries) and 2023 (1) are open as any list's years are; 2022 starts with 3 entries on show.
    assert shape == [("h2", "year-2024"), ("h2", "year-2023"), ("details", "year-2022"), ("details", "year-2021"),
                     ("details", "year-2020")]
    for year in ("2024", "2023"):
        heading = listing.select_one(f"h2#year-{year}")
        assert heading.get_text() == year and heading.find_next_sibling().name == "ul"
    for year in ("2022", "2021", "2020"):
        folded = listing.select_one(f"h2#year-{year}").find_parent("details")
        assert folded["class"] == ["homepage-pubs__year"] and not folded.has_attr("open")
        summary = folded.find("summary")
        # The heading is the summary's one element, as HTML allows, and says how many entries are folded.
        assert [child.name for child in summary.children if child.name] == ["h2"]
        count = len(YEARS[year])
        assert summary.h2.get_text() == f"{year} {count} {'entry' if count == 1 else 'entries'}"
        assert [item["id"] for item in folded.select(":scope > ul.homepage-pubs > li.homepage-pub")] == YEARS[year]
    # Every entry once, in order, the folded ones with all they have (the abstract, the BibTeX).
    assert [item["id"] for item in listing.select("li.homepage-pub")] == [key for keys in YEARS.values() for key in keys]
    folded_entry = listing.select_one("details.homepage-pubs__year li#liu2022grokking")
    assert folded_entry.select_one("details.homepage-pub__abstract") is not None
    assert folded_entry.select_one("details.homepage-pub__bibtex pre").get_text().startswith("@inproceedings{liu2022grokking")


def test_the_citing_page_links_into_the_folded_year_and_loads_the_script_that_opens_it(years_site):
    index = years_site.page("index.html")
    assert index.select_one("a[href='papers.html#liu2022grokking']") is not None
    scripts = [script["src"].split("?")[0] for script in years_site.page("papers.html").select("script[src]")]
    assert "_static/publications.js" in scripts


def test_other_builders_get_every_year_in_full_without_the_count(tmp_path):
    built = build(ROOTS / "test-pub-years", tmp_path, buildername="text")
    assert built.warnings == []
    text = (built.outdir / "papers.txt").read_text(encoding="utf-8")
    assert re.findall(r"^-\[ (.*) \]-$", text, re.M) == list(YEARS)  # Sphinx's text writer's rubrics
    assert "3 entries" not in text and "1 entry" not in text
    assert "Machine Learning Conservation Laws from Trajectories" in text
    assert "A test abstract in a folded year" in text


def _placeholder(years: dict[str, list[str]]) -> tuple[publication_list, dict[str, Publication]]:
    groups = [(year, f"year-{year}", [(key, key) for key in keys]) for year, keys in years.items()]
    publications = {
        key: Publication(key=key, bibfile="refs.bib", line=1, type="article", title=(key,), year=year)
        for year, keys in years.items()
        for key in keys
    }
    placeholder = publication_list(docname="papers", groups=groups, options=RenderOptions(), files={}, previews={})
    return placeholder, publications


def _shape(result: list[nodes.Node]) -> list[str]:
    """``"2024"`` for an open year's heading, ``"[2022]"`` for a folded year; the lists are left out."""
    return [
        f"[{node[0]['ids'][0][5:]}]" if isinstance(node, publication_year) else node["ids"][0][5:]
        for node in result
        if isinstance(node, (publication_heading, publication_year))
    ]


@pytest.mark.parametrize(
    ("open_entries", "expected"),
    [
        (0, ["2024", "2023", "2022", "2021", "2020"]),  # 0: every year open
        (1, ["2024", "[2023]", "[2022]", "[2021]", "[2020]"]),  # the newest year is always open
        (3, ["2024", "2023", "[2022]", "[2021]", "[2020]"]),
        (4, ["2024", "2023", "2022", "[2021]", "[2020]"]),  # a year is never cut: 2022 opens whole
        (9, ["2024", "2023", "2022", "2021", "2020"]),  # as many as the list: nothing folded
    ],
)
def test_how_many_entries_open_decides_which_years_fold(open_entries, expected):
    placeholder, publications = _placeholder(YEARS)
    assert _shape(expand_list(placeholder, publications, "papers", open_entries=open_entries)) == expected
