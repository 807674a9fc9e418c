"""Citation lists are lists of list items (docutils writes deprecated doc-biblioentry roles)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


@pytest.mark.sphinx("html", testroot="a11y")
def test_citations_are_list_items_of_their_list(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    lists = soup.select("div.citation-list")
    assert [tag.get("role") for tag in lists] == ["list", "list"]
    items = [[(child.get("id"), child.get("role"), child["class"]) for child in lst.find_all(recursive=False)]
             for lst in lists]
    assert items == [
        [("liu2022", "listitem", ["citation"]), ("liu2024", "listitem", ["citation"])],
        [("tegmark2020", "listitem", ["citation"])],
    ]
    assert soup.select('[role="doc-biblioentry"]') == []
    # The in-text citations still link to the entries.
    assert [a["href"] for a in soup.select("p a.reference.internal")] == ["#liu2022", "#liu2024", "#tegmark2020"]
    assert app.warning.getvalue() == ""


def test_real_bibliography_has_no_deprecated_role(site):
    papers = site.page("papers/index.html")
    assert papers.select('[role="doc-biblioentry"]') == []
    for citation_list in papers.select("div.citation-list"):
        assert {child.get("role") for child in citation_list.find_all(recursive=False)} == {"listitem"}
