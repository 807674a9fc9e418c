"""Incremental and parallel builds stay correct (testroot pub-lists).

Editing the .bib must update every page that shows or cites an entry without a clean build, including
pages that only use ``{cite}`` (sphinxcontrib-bibtex 2.7.0 leaves those stale); ``-j 2`` must give the
same pages as a serial build.
"""

from __future__ import annotations

import os
from pathlib import Path

from buildutil import app_page, app_warning_lines, build_app, copy_root, entry

PAGES = ["index", "papers", "themes", "cited", "notes", "more"]


def _touch_later(path: Path) -> None:
    """Make sure the edit is newer than the last build, whatever the clock's resolution."""
    later = os.stat(path).st_mtime + 5
    os.utime(path, (later, later))


def _body(app, docname: str) -> str:
    soup = app_page(app, docname)
    return str(soup.select_one("div.body") or soup.body)


def test_editing_the_bib_updates_every_page_that_shows_or_cites_an_entry(tmp_path):
    srcdir = copy_root("pub-lists", tmp_path)
    first = build_app(srcdir)
    assert app_warning_lines(first) == []
    outdir = Path(first.outdir)
    untouched_page = outdir / "notes.html"
    before = untouched_page.stat().st_mtime_ns

    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        .replace("{Alpha Results}", "{Alpha Results, Revised}")
        .replace("{Liu, Ziming and Doe, Jane}", "{Liu, Ziming and Poe, Edgar}"),
        encoding="utf-8",
    )
    _touch_later(bib)
    second = build_app(srcdir)
    assert app_warning_lines(second) == []
    for docname, anchor in [("papers", "alpha2024"), ("index", "alpha2024"), ("themes", "alpha2024-3")]:
        item = entry(app_page(second, docname), anchor)
        assert item.select_one(".homepage-pub__title").get_text() == "Alpha Results, Revised", docname
    # The page with only {cite}: new label and tooltip.
    link = app_page(second, "cited").select_one("span.bibtex-citation a")
    assert link.get_text() == "Liu and Poe, 2024"
    assert link["title"] == "Ziming Liu, Edgar Poe. Alpha Results, Revised. Journal of Alpha. 2024."
    # A page that neither shows nor cites an entry is not written again.
    assert untouched_page.stat().st_mtime_ns == before


def test_removing_an_entry_from_the_papers_page_moves_the_citation(tmp_path):
    srcdir = copy_root("pub-lists", tmp_path)
    build_app(srcdir)
    papers = srcdir / "papers.md"
    papers.write_text(papers.read_text(encoding="utf-8").replace(":group-by: year", ":filter: year<2024"), encoding="utf-8")
    _touch_later(papers)
    second = build_app(srcdir)
    assert app_warning_lines(second) == []
    # alpha2024 is no longer on the papers page: {cite} now links to the first page that lists it.
    assert app_page(second, "cited").select_one("span.bibtex-citation a")["href"] == "index.html#alpha2024"


def test_a_rebuild_with_nothing_changed_reads_and_writes_nothing(tmp_path):
    srcdir = copy_root("pub-lists", tmp_path)
    build_app(srcdir)
    again = build_app(srcdir)
    status = again.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in status
    assert "no targets are out of date" in status


def test_parallel_build_gives_the_same_pages(lists_site, tmp_path):
    serial = lists_site
    parallel = build_app(copy_root("pub-lists", tmp_path / "parallel"), parallel=2)
    assert app_warning_lines(parallel) == []
    for docname in PAGES:
        assert _body(parallel, docname) == _body(serial, docname), docname
    assert app_page(parallel, "cited").select_one("span.bibtex-citation a")["href"] == "papers.html#alpha2024"


def test_parallel_rebuild_after_a_bib_edit(tmp_path):
    srcdir = copy_root("pub-lists", tmp_path)
    build_app(srcdir, parallel=2)
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("{Beta Methods}", "{Beta Methods II}"), encoding="utf-8")
    _touch_later(bib)
    second = build_app(srcdir, parallel=2)
    assert entry(app_page(second, "papers"), "beta2022").select_one(".homepage-pub__title").get_text() == "Beta Methods II"
    assert "Beta Methods II" in app_page(second, "cited").select("span.bibtex-citation a")[1]["title"]
