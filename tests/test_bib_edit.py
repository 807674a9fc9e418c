"""A one-entry .bib edit (testroot bib-edit): the build after it parses and renders that entry only, rewrites that
entry's paper page only, reports the warnings of the entries below it at their new lines, and writes what a clean
build of the edited site writes."""

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


def _edit(bib: Path) -> None:
    """The first entry's title changes and it gains two lines: every entry below it moves down."""
    text = bib.read_text(encoding="utf-8").replace("{Alpha Results}", "{Alpha Results, Revised},\n  note     = {Two\nlines}")
    bib.write_text(text, encoding="utf-8")
    later = bib.stat().st_mtime + 5  # newer than the last build, whatever the clock's resolution
    os.utime(bib, (later, later))


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
    clean_srcdir = tmp_path_factory.mktemp("clean") / "site"
    shutil.copytree(srcdir, clean_srcdir, ignore=shutil.ignore_patterns("_build"))
    clean = build_app(clean_srcdir)
    return {
        "first": first,
        "before": before,
        "again": again,
        "after": _files(Path(again.outdir)),
        "parsed": parsed,
        "rendered": rendered,
        "clean": clean,
        "clean_files": _files(Path(clean.outdir)),
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
    after, clean = builds["after"], builds["clean_files"]
    assert set(after) == set(clean)
    assert [name for name in after if after[name][1] != clean[name][1] and name != ".buildinfo"] == []
    assert b"Alpha Results, Revised" in after["papers.html"][1]


def test_only_the_edited_entrys_paper_page_is_written_again(builds):
    before, after = builds["before"], builds["after"]
    paper_pages = sorted(name for name in before if name.startswith("papers/"))
    assert paper_pages == ["papers/alpha2024.html", "papers/beta2022.html", "papers/delta2021.html", "papers/gamma2019.html"]
    assert [name for name in paper_pages if after[name][0] != before[name][0]] == ["papers/alpha2024.html"]
