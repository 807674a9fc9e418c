"""A one-entry .bib edit (testroot bib-edit): the build after it parses and renders that entry only, reads no page
again (its lists choose the same entries), rewrites the pages that show it and that entry's paper page only, reports
the warnings of the entries below it at their new lines, and writes what a clean build of the edited site writes;
an edit that changes what a list chooses has its page read again, and also writes what a clean build writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pybtex.database.input.bibtex import Parser

from buildutil import app_warning_lines, build_app, copy_root
from sphinx_academic_homepage.publications import render

EDITED = "alpha2024"


def _files(outdir: Path) -> dict[str, tuple[int, bytes]]:
    return {
        path.relative_to(outdir).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in outdir.rglob("*")
        if path.is_file()
    }


def _edit(bib: Path, old: str = "{Alpha Results}", new: str = "{Alpha Results, Revised},\n  note     = {Two\nlines}") -> None:
    """By default the first entry's title changes and it gains two lines: every entry below it moves down."""
    text = bib.read_text(encoding="utf-8")
    assert old in text
    bib.write_text(text.replace(old, new), encoding="utf-8")
    later = bib.stat().st_mtime + 5  # newer than the last build, whatever the clock's resolution
    os.utime(bib, (later, later))


def _clean_build(srcdir: Path, tmp_path_factory) -> tuple[object, dict[str, tuple[int, bytes]]]:
    clean_srcdir = tmp_path_factory.mktemp("clean") / "site"
    shutil.copytree(srcdir, clean_srcdir, ignore=shutil.ignore_patterns("_build"))
    clean = build_app(clean_srcdir)
    return clean, _files(Path(clean.outdir))


def _differing(after: dict[str, tuple[int, bytes]], clean: dict[str, tuple[int, bytes]]) -> list[str]:
    assert set(after) == set(clean)
    return [name for name in after if after[name][1] != clean[name][1] and name != ".buildinfo"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The site built; its .bib edited and built again (what was parsed and rendered noted); a clean build of it."""
    srcdir = copy_root("bib-edit", tmp_path_factory.mktemp("edit"))
    first = build_app(srcdir)
    before = _files(Path(first.outdir))
    _edit(srcdir / "refs.bib")
    parsed: list[str] = []
    rendered: list[str] = []
    process_entry, render_publication = Parser.process_entry, render.render_publication

    def counted_entry(self, entry_type, key, fields):
        parsed.append(key)
        return process_entry(self, entry_type, key, fields)

    def counted_render(publication, *args, **kwargs):
        rendered.append(publication.key)
        return render_publication(publication, *args, **kwargs)

    Parser.process_entry, render.render_publication = counted_entry, counted_render
    try:
        again = build_app(srcdir)
    finally:
        Parser.process_entry, render.render_publication = process_entry, render_publication
    clean, clean_files = _clean_build(srcdir, tmp_path_factory)
    return {
        "first": first,
        "before": before,
        "again": again,
        "after": _files(Path(again.outdir)),
        "parsed": parsed,
        "rendered": rendered,
        "clean": clean,
        "clean_files": clean_files,
    }


def test_only_the_edited_entry_is_parsed_and_rendered(builds):
    assert builds["parsed"] == [EDITED]
    # Once per list that shows it (papers, selected papers); every other entry's nodes are the last build's.
    assert builds["rendered"] == [EDITED, EDITED]


def test_warnings_below_the_edit_move_with_their_entries(builds):
    first = app_warning_lines(builds["first"], Path(builds["first"].srcdir))
    again = app_warning_lines(builds["again"], Path(builds["again"].srcdir))
    clean = app_warning_lines(builds["clean"], Path(builds["clean"].srcdir))
    assert again == clean
    assert any("refs.bib:21:" in line and "gamma2019: author list has an empty name" in line for line in first)
    assert any("refs.bib:23:" in line and "gamma2019: author list has an empty name" in line for line in again)
    assert any("refs.bib:28:" in line and "delta2021: field 'title' given twice" in line for line in first)
    assert any("refs.bib:30:" in line and "delta2021: field 'title' given twice" in line for line in again)


def test_the_output_is_a_clean_builds(builds):
    after = builds["after"]
    assert _differing(after, builds["clean_files"]) == []
    assert b"Alpha Results, Revised" in after["papers.html"][1]


def test_no_page_is_read_again_and_the_pages_showing_the_entry_are_written_again(builds):
    # The lists choose the same entries in the same order: the pages are written again, not read again.
    assert "0 added, 0 changed, 0 removed" in builds["again"].status.getvalue()
    before, after = builds["before"], builds["after"]
    assert [name for name in ("index.html", "papers.html") if after[name][0] == before[name][0]] == []
    assert b"Alpha Results, Revised" in after["index.html"][1]
    # A page that neither lists nor cites an entry is left as it was.
    assert after["about.html"][0] == before["about.html"][0]


@pytest.mark.parametrize(
    ("old", "new", "reread"),
    [
        # A year groups the entry elsewhere and moves it up the papers page.
        ("year     = {2019}", "year     = {2025}", ["papers"]),
        # No longer selected: the home page's list chooses one entry fewer.
        ("year     = {2019},\n  selected = {true},", "year     = {2019},", ["index"]),
    ],
)
def test_an_edit_that_changes_what_a_list_chooses_reads_its_page_again(tmp_path_factory, old, new, reread):
    srcdir = copy_root("bib-edit", tmp_path_factory.mktemp("choice"))
    first = build_app(srcdir)
    doctrees = Path(first.doctreedir)
    before = {path.stem: path.stat().st_mtime_ns for path in doctrees.glob("*.doctree")}
    _edit(srcdir / "refs.bib", old, new)
    again = build_app(srcdir)
    # A page read again is stored again.
    assert sorted(name for name, mtime in before.items() if (doctrees / f"{name}.doctree").stat().st_mtime_ns != mtime) == reread
    _, clean_files = _clean_build(srcdir, tmp_path_factory)
    assert _differing(_files(Path(again.outdir)), clean_files) == []


def test_only_the_edited_entrys_paper_page_is_written_again(builds):
    before, after = builds["before"], builds["after"]
    paper_pages = sorted(name for name in before if name.startswith("papers/"))
    assert paper_pages == ["papers/alpha2024.html", "papers/beta2022.html", "papers/delta2021.html", "papers/gamma2019.html"]
    assert [name for name in paper_pages if after[name][0] != before[name][0]] == ["papers/alpha2024.html"]
