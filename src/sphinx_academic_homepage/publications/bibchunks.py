"""Reading the .bib files again after an edit: only the entries whose text changed go through pybtex.

pybtex's parsing of names and fields is most of what reading a bibliography costs (a second at a thousand
entries), and an edit usually changes one entry. Each file is cut into chunks, one per entry: from an ``@`` that
starts a line to the next one (the text between entries goes with the entry before it). The last read left,
for each entry chunk's text, the entries pybtex made of it and the problems found in it (lines counted from the
chunk's first line). The next read parses the files with every unchanged entry chunk blanked out, line for line:
what is left (the changed entries, ``@string``, ``@preamble``, ``@comment`` and whatever text is not an entry)
parses as it does in the whole file, at the same lines, with the same macros defined before it. The unchanged
chunks' entries and problems come from the last read, moved to where their chunk now starts.

Whenever that might not give what parsing the whole files gives, the whole files are parsed, as always: a chunk
that is not an entry changed (a macro, the preamble), an entry opened with ``(``, an entry without a type, a
brace left open where the next entry starts, a ``crossref`` (an entry then depends on another), a key written
twice, a file that cannot be read, an entry chunk whose keys are not the entries pybtex made of it.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pybtex.database import BibliographyData, Entry

from .bibfiles import ENTRY_START, EMPTY_NAME, NOT_ENTRIES, LineIndex, ParsedFiles, Problem, parse_texts, read_files, starts_line


@dataclass(frozen=True)
class Chunk:
    """A piece of a .bib file: an entry with the text after it, or something else (``@string``, text before the
    first entry...)."""

    line: int
    text: str
    is_entry: bool
    #: "{" or "(": what opens the body ("" where the chunk starts with no ``@type``)
    opener: str
    #: whether no other ``@type{`` is in the chunk (one that does not start a line: ``} @string{...}``)
    alone: bool = True

    @cached_property
    def digest(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    def blank(self) -> str:
        """The chunk's lines, emptied: the lines after it keep their numbers."""
        return "\n" * self.text.count("\n")


def split_chunks(text: str) -> list[Chunk]:
    """``text`` cut before every ``@type{`` that starts a line; the text before the first one is a chunk too."""
    chunks: list[Chunk] = []
    begin, line, start, alone = 0, 1, None, True
    for match in ENTRY_START.finditer(text):
        if not starts_line(text, match.start()):
            alone = False
            continue
        chunks.append(_chunk(text[begin : match.start()], line, start, alone))
        line += text.count("\n", begin, match.start())
        begin, start, alone = match.start(), match, True
    chunks.append(_chunk(text[begin:], line, start, alone))
    return chunks


def _chunk(text: str, line: int, start: re.Match[str] | None, alone: bool) -> Chunk:
    if start is None:
        return Chunk(line, text, False, "", alone)
    entry_type = (start.group(1) or "").lower()
    return Chunk(line, text, bool(entry_type) and entry_type not in NOT_ENTRIES, start.group(2), alone)


@dataclass(frozen=True)
class ReadChunk:
    """What one entry chunk gave: its entries and its problems, their lines counted from the chunk's first (1)."""

    entries: tuple[tuple[str, Entry], ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ChunkRecord:
    """What the last read of the files left for the next."""

    encoding: str
    paths: tuple[str, ...]
    #: the text of every chunk that is not an entry, all files in order: when equal, the same macros and preamble
    others: tuple[str, ...]
    #: file -> an entry chunk's digest -> what it gave
    entries: dict[str, dict[str, ReadChunk]]


def _moved(problem: Problem, by: int) -> Problem:
    # An entry_line of 0 means "none"; every other line is 1 or more, in the file and in its chunk.
    return dataclasses.replace(problem, line=problem.line + by, entry_line=problem.entry_line and problem.entry_line + by)


def _chunkable(chunks: dict[Path, list[Chunk]], indexes: dict[str, LineIndex]) -> bool:
    """Whether every file cuts into chunks that parse alone as they do in the whole file."""
    keys: set[str] = set()
    for path, file_chunks in chunks.items():
        index = indexes[str(path)]
        if index.cuts or index.typeless or any(chunk.opener == "(" or not chunk.alone for chunk in file_chunks):
            return False
        if any(len(lines) > 1 or key in keys for key, lines in index.keys.items()):
            return False
        keys.update(index.keys)
        if any("crossref" in chunk.text.lower() for chunk in file_chunks if chunk.is_entry):
            return False
    return True


def _read_chunks(parsed: ParsedFiles, path: Path, chunks: list[Chunk]) -> list[ReadChunk | None]:
    """What each chunk of ``path`` gave in ``parsed`` (problems at their lines in the file); None for a chunk whose
    keys are not the entries pybtex made of it."""
    starts = [chunk.line for chunk in chunks]
    index = parsed.indexes[str(path)]
    entries: list[list[tuple[str, Entry]]] = [[] for _ in chunks]
    problems: list[list[Problem]] = [[] for _ in chunks]
    for key in parsed.keys[path]:
        entries[bisect.bisect_right(starts, index.line_of(key)) - 1].append((key, parsed.data.entries[key]))
    for problem in parsed.problems:
        if problem.path == str(path):
            problems[bisect.bisect_right(starts, problem.line) - 1].append(problem)
    expected: list[set[str]] = [set() for _ in chunks]
    for key, lines in index.keys.items():
        expected[bisect.bisect_right(starts, lines[0]) - 1].add(key)
    return [
        ReadChunk(tuple(found), tuple(problem_list)) if {key.lower() for key, _ in found} == keys else None
        for found, problem_list, keys in zip(entries, problems, expected)
    ]


def _record(parsed: ParsedFiles, encoding: str, chunks: dict[Path, list[Chunk]]) -> ChunkRecord | None:
    """What a read of every chunk in ``parsed`` leaves for the next read (None when unsure)."""
    entries: dict[str, dict[str, ReadChunk]] = {}
    for path, file_chunks in chunks.items():
        read = _read_chunks(parsed, path, file_chunks)
        if None in read:
            return None
        entries[str(path)] = {
            chunk.digest: ReadChunk(found.entries, tuple(_moved(problem, 1 - chunk.line) for problem in found.problems))
            for chunk, found in zip(file_chunks, read)
            if chunk.is_entry and found is not None
        }
    others = tuple(chunk.text for file_chunks in chunks.values() for chunk in file_chunks if not chunk.is_entry)
    return ChunkRecord(encoding, tuple(str(path) for path in chunks), others, entries)


def _assemble(
    chunks: dict[Path, list[Chunk]], read: dict[Path, list[ReadChunk]], indexes: dict[str, LineIndex], preamble: list[str]
) -> ParsedFiles:
    """The files' entries and problems in the order a parse of the whole files gives them."""
    data = BibliographyData()
    data.add_to_preamble(*preamble)
    keys: dict[Path, dict[str, None]] = {}
    problems: list[Problem] = []
    for path in chunks:
        keys[path] = {}
        for found in read[path]:
            for key, entry in found.entries:
                data.add_entry(key, entry)
                keys[path][key] = None
        # A file's empty names are reported after its other problems.
        file_problems = [problem for found in read[path] for problem in found.problems]
        problems += [problem for problem in file_problems if not problem.message.endswith(EMPTY_NAME)]
        problems += [problem for problem in file_problems if problem.message.endswith(EMPTY_NAME)]
    return ParsedFiles(data, keys, indexes, problems)


def _reparse(
    encoding: str, chunks: dict[Path, list[Chunk]], indexes: dict[str, LineIndex], record: ChunkRecord
) -> ParsedFiles | None:
    """The files parsed with their unchanged entry chunks taken from ``record`` (None when unsure)."""
    blanked: list[tuple[Path, str | None]] = [
        (
            path,
            "".join(
                chunk.blank() if chunk.is_entry and chunk.digest in record.entries[str(path)] else chunk.text
                for chunk in file_chunks
            ),
        )
        for path, file_chunks in chunks.items()
    ]
    partial = parse_texts(blanked, encoding, [], indexes)
    read: dict[Path, list[ReadChunk]] = {}
    for path, file_chunks in chunks.items():
        kept = record.entries[str(path)]
        read[path] = []
        for chunk, fresh in zip(file_chunks, _read_chunks(partial, path, file_chunks)):
            if chunk.is_entry and chunk.digest in kept:
                last = kept[chunk.digest]
                read[path].append(ReadChunk(last.entries, tuple(_moved(problem, chunk.line - 1) for problem in last.problems)))
            elif fresh is None:
                return None
            else:
                read[path].append(fresh)
    return _assemble(chunks, read, indexes, partial.data.preamble_list)


def parse_bibfiles(paths: list[Path], encoding: str, record: ChunkRecord | None) -> tuple[ParsedFiles, ChunkRecord | None]:
    """The files parsed (as :func:`.bibfiles.parse_files` parses them), reusing what ``record`` kept of unchanged
    entries; and what this read leaves for the next."""
    texts, problems = read_files(paths, encoding)
    if problems or len(set(paths)) < len(paths):
        return parse_texts(texts, encoding, problems), None
    chunks = {path: split_chunks(text or "") for path, text in texts}
    indexes = {str(path): LineIndex.scan(str(path), text or "") for path, text in texts}
    if not _chunkable(chunks, indexes):
        return parse_texts(texts, encoding, [], indexes), None
    others = tuple(chunk.text for file_chunks in chunks.values() for chunk in file_chunks if not chunk.is_entry)
    if record is not None and (record.encoding, record.paths, record.others) == (encoding, tuple(map(str, paths)), others):
        parsed = _reparse(encoding, chunks, indexes, record)
        if parsed is not None:
            return parsed, _record(parsed, encoding, chunks)
    parsed = parse_texts(texts, encoding, [], indexes)
    return parsed, _record(parsed, encoding, chunks)
