"""Where lists appear: the directive's options, selected papers, {cite}, and misuse (testroots pub-lists, pub-bad)."""

from __future__ import annotations

import pytest

from buildutil import app_page, app_warning_lines, build_app, copy_root, entry


def _ids(soup, scope: str = "") -> list[str]:
    return [li["id"] for li in soup.select(f"{scope} li.homepage-pub".strip())]


def test_no_warnings_although_entries_appear_on_several_pages(lists_site):
    # alpha2024 is selected, on the papers page, in three theme lists and cited: no duplicate-citation warning.
    assert app_warning_lines(lists_site) == []


def test_papers_page_groups_every_entry_by_year_newest_first(lists_site):
    soup = app_page(lists_site, "papers")
    headings = soup.select("h2.homepage-pubs__heading")
    assert [(h.get_text(), h["id"]) for h in headings] == [
        ("2024", "year-2024"),
        ("2022", "year-2022"),
        ("2021", "year-2021"),
        ("2019", "year-2019"),
    ]
    assert [[li["id"] for li in h.find_next_sibling("ul").select("li")] for h in headings] == [
        ["alpha2024"],
        ["beta2022"],
        ["alpha2021"],
        ["gamma2019"],
    ]


def test_selected_papers_follow_the_bio_in_file_order_under_a_linked_heading(lists_site):
    soup = app_page(lists_site, "index")
    block = soup.select_one("div.homepage-selected-papers")
    bio = soup.find("p", string="A short bio.")
    assert bio is not None and bio.find_next("div", class_="homepage-selected-papers") is block
    heading = block.find("h2")
    assert heading["id"] == "selected-publications"
    assert heading.get_text(strip=True) == "selected publications" and heading.a["href"] == "papers.html"
    assert _ids(block) == ["gamma2019", "alpha2024"]  # file order, not year order


def test_filters_keys_and_duplicate_anchors(lists_site):
    soup = app_page(lists_site, "themes")
    lists = soup.select("div.homepage-publications")
    assert [_ids(block) for block in lists] == [
        ["alpha2024", "alpha2021"],  # keywords=alpha
        ["alpha2024-2", "alpha2021-2"],  # type=article year>=2021
        ["gamma2019", "alpha2024-3"],  # keys, in the order given
        ["alpha2024-4"],  # :limit: 1
    ]


def test_display_options(lists_site):
    latest = app_page(lists_site, "themes").select_one("div.homepage-publications.latest")
    heading = latest.find("h3", class_="homepage-pubs__heading")
    assert heading.get_text() == "2024" and heading["id"] == "year-2024"
    item = latest.select_one("li.homepage-pub")
    assert item.select("details.homepage-pub__bibtex") == []
    more = item.select_one("details.homepage-pub__more-authors")
    assert more.summary.get_text() == "1 more author"


def test_cite_links_to_the_entry_on_the_papers_page(lists_site):
    soup = app_page(lists_site, "cited")
    links = soup.select("span.bibtex-citation a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Liu and Doe, 2024", "papers.html#alpha2024"),
        ("2022", "papers.html#beta2022"),
    ]
    assert links[0]["title"] == "Ziming Liu, Jane Doe. Alpha Results. Journal of Alpha. 2024."
    assert soup.select_one("span.bibtex-citation:nth-of-type(2)").get_text() == "Roe and Liu [2022]"
    # The anchors exist on the target page.
    papers = app_page(lists_site, "papers")
    assert entry(papers, "alpha2024") and entry(papers, "beta2022")


def test_misused_directives_and_citations_warn_at_their_line(tmp_path):
    srcdir = copy_root("pub-bad", tmp_path)
    app = build_app(srcdir)
    directive_warnings = [line for line in app_warning_lines(app, srcdir) if "directives.md" in line]
    assert directive_warnings == [
        "<src>/directives.md:3: WARNING: publications :filter: 'year>=recent' compares with 'recent', which is not a number; nothing listed [homepage.publications]",
        "<src>/directives.md:7: WARNING: publications: no entry matches; the list is empty [homepage.publications]",
        "<src>/directives.md:11: WARNING: publications: no entry 'nosuchkey' in the bibliography [homepage.publications]",
        "<src>/directives.md:15: WARNING: cites 'nosuchkey', which is not in the bibliography [homepage.cite]",
        "<src>/directives.md:15: WARNING: cites 'notitle', which no publications list shows; not linked [homepage.cite]",
    ]
    soup = app_page(app, "directives")
    assert _ids(soup) == ["good2"]


def test_a_bare_bibliography_still_works_beside_the_lists(tmp_path):
    """sphinxcontrib-bibtex's own directive keeps working; {cite} on its page links to its citation."""
    srcdir = copy_root("pub-lists", tmp_path)
    (srcdir / "bare.md").write_text(
        '# Bare\n\nSee {cite:p}`beta2022`.\n\n```{bibliography}\n:filter: key == "beta2022"\n```\n', encoding="utf-8"
    )
    app = build_app(srcdir, confoverrides={"homepage_navigation": ["papers", "themes", "cited", "notes", "more", "bare"]})
    assert app_warning_lines(app) == []
    soup = app_page(app, "bare")
    citation = soup.select_one('div.citation, [role="doc-biblioentry"]')
    assert citation is not None and "Beta methods" in citation.get_text()  # (its style lower-cases titles)
    link = soup.select_one("span.bibtex-citation a")
    assert link["href"] == "#" + citation["id"]
    # Elsewhere, {cite} still links to the papers page.
    assert app_page(app, "cited").select("span.bibtex-citation a")[1]["href"] == "papers.html#beta2022"
