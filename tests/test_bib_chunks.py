"""Reading a .bib again after an edit parses only the entries that changed, and gives what parsing the whole file
gives: the same entries in the same order, the same problems at the same lines (:mod:`.bibchunks`).

Every edit below is checked against a parse of the whole edited file, on the real bibliographies of the corpus and
on the test sites' bad ones; that the unchanged entries were not parsed is checked by counting pybtex's entries.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database.input.bibtex import Parser

from conftest import PROJECT_ROOT
from sphinx_academic_homepage.publications.bibchunks import parse_bibfiles, split_chunks
from sphinx_academic_homepage.publications.bibfiles import parse_files

CORPUS = Path("/work/shared/corpus")
BIBS = sorted(CORPUS.glob("*/**/*.bib")) + sorted((PROJECT_ROOT / "tests" / "roots").glob("test-*/*.bib"))


def _facts(parsed):
    """What a parse gives, comparable: each file's keys, each entry's type, fields and names, every problem."""
    entries = [
        (key, entry.original_type, list(entry.fields.items()), [(role, list(map(str, people))) for role, people in entry.persons.items()])
        for key, entry in parsed.data.entries.items()
    ]
    keys = {str(path): list(keys) for path, keys in parsed.keys.items()}
    return entries, keys, parsed.problems, parsed.data.preamble_list


def _first_entry_edits(text: str) -> dict[str, str]:
    """Edits of one entry: a title changed, lines added at its top (every entry below moves), an entry removed, one
    added at the end, a field broken."""
    title = re.search(r"title\s*=\s*[{\"]", text, re.I)
    edits = {"added at the end": text + "\n@misc{zz-new-entry,\n  title = {A new entry},\n  year = 2030\n}\n"}
    if title:
        edits["title edited"] = text[: title.end()] + "Edited " + text[title.end() :]
        edits["lines added"] = text[: title.start()] + "note = {one\nmore\nline},\n  " + text[title.start() :]
        edits["field broken"] = text[: title.start()] + "note = {unclosed\n,\n  " + text[title.start() :]
    starts = [match.start() for match in re.finditer(r"^@\w+\s*\{", text, re.M)]
    if len(starts) > 2:
        edits["second entry removed"] = text[: starts[1]] + text[starts[2] :]
    return edits


@pytest.fixture
def parses(monkeypatch):
    """Counts the entries pybtex makes."""
    made = []
    process = Parser.process_entry

    def counted(self, *args, **kwargs):
        made.append(args[1])
        return process(self, *args, **kwargs)

    monkeypatch.setattr(Parser, "process_entry", counted)
    return made


@pytest.mark.parametrize("bib", BIBS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_an_edited_bib_reads_as_a_whole_parse_reads_it(bib, tmp_path, parses):
    path = tmp_path / "refs.bib"
    original = bib.read_bytes()
    path.write_bytes(original)
    encoding = "latin-1" if bib.name == "latin1.bib" else "utf-8"
    first, record = parse_bibfiles([path], encoding, None)
    assert _facts(first) == _facts(parse_files([path], encoding))
    text = original.decode(encoding, errors="replace")
    for name, edited in _first_entry_edits(text).items():
        path.write_text(edited, encoding=encoding, errors="replace")
        parses.clear()
        again, _ = parse_bibfiles([path], encoding, record)
        made = len(parses)
        assert _facts(again) == _facts(parse_files([path], encoding)), name
        if record is not None and name == "title edited":
            assert made == 1, "only the edited entry is parsed"


def test_a_changed_macro_reads_the_whole_file(tmp_path, parses):
    path = tmp_path / "refs.bib"
    path.write_text('@string{venue = "Old Venue"}\n\n@article{a,\n  title = {A},\n  journal = venue\n}\n\n@article{b,\n  title = {B}\n}\n')
    _, record = parse_bibfiles([path], "utf-8", None)
    assert record is not None
    path.write_text(path.read_text().replace("Old Venue", "New Venue"))
    parses.clear()
    again, _ = parse_bibfiles([path], "utf-8", record)
    assert len(parses) == 2
    assert again.data.entries["a"].fields["journal"] == "New Venue"


def test_a_problem_below_an_edit_that_adds_lines_moves_with_its_entry(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@article{a,\n  title = {A}\n}\n\n@article{b,\n  title = {B},\n  title = {Again}\n}\n")
    first, record = parse_bibfiles([path], "utf-8", None)
    assert [(problem.line, problem.key) for problem in first.problems] == [(5, "b")]
    path.write_text(path.read_text().replace("title = {A}", "title = {A},\n  note = {two\nlines}"))
    again, _ = parse_bibfiles([path], "utf-8", record)
    assert [(problem.line, problem.key, problem.message) for problem in again.problems] == [
        (7, "b", "field 'title' given twice; the first is kept")
    ]


def test_chunks_are_cut_where_an_entry_starts_a_line():
    text = "% notes\n@string{x = {y}}\n@article{a, title = {A}} @misc{b, title={B}}\n  @book{c,\n title={C}}\n"
    chunks = split_chunks(text)
    assert [(chunk.line, chunk.is_entry, chunk.alone) for chunk in chunks] == [
        (1, False, True),
        (2, False, True),
        (3, True, False),
        (4, True, True),
    ]
    assert "".join(chunk.text for chunk in chunks) == text
