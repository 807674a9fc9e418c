"""Reading .bib files without ever stopping the build, and knowing the line of every entry.

sphinxcontrib-bibtex parses in pybtex's strict mode: a duplicate key loses the rest of the file, and a
syntax error (a missing comma, an unbalanced brace) stops the whole build with a traceback. Here pybtex
runs with its errors captured, so it skips what it cannot read and goes on; every problem becomes a
:class:`Problem` located at the file and line of its entry. pybtex records no entry lines, so the file
is also scanned once for where each ``@type{key,`` starts. An empty name in a name list ("and and"),
which pybtex reads into the next name without a word, is left out here, and is a problem too.

An entry whose braces do not balance would take every entry after it into its last value (pybtex reads
to the brace that closes it, possibly the end of the file). The scan also notes each entry that is still
open where the next one starts on a line of its own; the file is parsed in pieces cut there, so that the
open entry alone loses what follows its unclosed brace.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex import textutils
from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, BibliographyDataError
from pybtex.database.input.bibtex import DuplicateField, Parser, UndefinedMacro
from pybtex.scanner import PrematureEOF, PybtexSyntaxError

# The type may be missing ("@{key,"): pybtex reports that, and the report belongs to this entry.
# The key is what pybtex reads as one (any character but blanks, "," and "}"), so every key has its line.
ENTRY_START = re.compile(r"@[ \t]*([A-Za-z][\w-]*)?[ \t\r\n]*([{(])[ \t\r\n]*([^\s,}]*)")
_BRACE = re.compile(r"[{}]")
NOT_ENTRIES = {"string", "preamble", "comment"}
_REPEATED = re.compile(r"repeated bibliography entry: (.*)")
_DUPLICATE_FIELD = re.compile(r"entry with key (.*) has a duplicate (\S+) field")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a .bib file: where, which entry (if known), and what."""

    path: str
    line: int
    key: str | None
    message: str
    subtype: str = "bibtex"
    #: the line where the entry the problem belongs to starts (problems are reported per entry)
    entry_line: int = 0

    @property
    def entry_start(self) -> int:
        return self.entry_line or self.line


@dataclass
class LineIndex:
    """Where entries start in one file: key -> lines of each occurrence, and a line -> entry lookup."""

    path: str
    keys: dict[str, list[int]] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)
    start_keys: list[str] = field(default_factory=list)
    #: Each entry that starts on a line of its own while the one before it is still open:
    #: (its line, its offset, the open one's line, the open one's key or None for @string and @preamble)
    cuts: list[tuple[int, int, int, str | None]] = field(default_factory=list)
    #: lines of entries written without a type ("@{key,")
    typeless: set[int] = field(default_factory=set)

    @classmethod
    def scan(cls, path: str, text: str) -> LineIndex:
        index = cls(path)
        line = 1
        last = 0
        # The "{" that opens the last entry seen at the start of a line (None for @comment and "(" bodies),
        # and that entry's line and key.
        opened: int | None = None
        opened_line, opened_key = 1, None
        for match in ENTRY_START.finditer(text):
            line += text.count("\n", last, match.start())
            last = match.start()
            entry_type = (match.group(1) or "").lower()
            if starts_line(text, match.start()):
                if opened is not None and not _closes(text, opened, match.start()):
                    index.cuts.append((line, match.start(), opened_line, opened_key))
                opened = match.start(2) if match.group(2) == "{" and entry_type != "comment" else None
                opened_line, opened_key = line, None if entry_type in NOT_ENTRIES else match.group(3)
            if entry_type in NOT_ENTRIES:
                continue
            if not entry_type:
                index.typeless.add(line)
            key = match.group(3)
            index.keys.setdefault(key.lower(), []).append(line)
            index.starts.append(line)
            index.start_keys.append(key)
        return index

    def line_of(self, key: str, occurrence: int = 0) -> int:
        lines = self.keys.get(key.lower(), [])
        if not lines:
            return 1
        return lines[min(occurrence, len(lines) - 1)]

    def entry_at(self, line: int) -> tuple[str | None, int]:
        """The key and first line of the entry that contains ``line``."""
        position = bisect.bisect_right(self.starts, line) - 1
        if position < 0:
            return None, line
        return self.start_keys[position], self.starts[position]


def starts_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return not text[line_start:position].strip()


def _closes(text: str, opened: int, end: int) -> bool:
    """Whether the brace at ``opened`` is closed before ``end`` (as BibTeX counts: every brace, escaped or not)."""
    depth = 0
    for brace in _BRACE.finditer(text, opened, end):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return True
    return False


@dataclass
class ParsedFiles:
    """The entries of every configured file, as one pybtex database, and what went wrong reading them."""

    data: BibliographyData
    #: file -> its keys, in file order (as sphinxcontrib-bibtex's ``BibFile.keys``)
    keys: dict[Path, dict[str, None]]
    indexes: dict[str, LineIndex]
    problems: list[Problem]


def without_empty_names(names: str) -> str | None:
    """A name list with its empty names left out ("Lovelace, Ada and and Babbage, Charles"), or None when it has none.

    pybtex splits at an "and" between spaces: of two in a row, the second becomes part of the next name
    ("and Tegmark, Max", shown "Max and Tegmark"); an "and" at either end stays in its name.
    """
    names = textutils.normalize_whitespace(names)
    kept: list[str] = []
    empty = False
    for name in split_name_list(names):
        words = name.split(" ")
        # A braced "{and}" or "{Barnes and Noble}" is text, not a separator: only a bare word counts.
        while words and words[0].lower() == "and":
            words.pop(0)
            empty = True
        while words and words[-1].lower() == "and":
            words.pop()
            empty = True
        if words:
            kept.append(" ".join(words))
    return " and ".join(kept) if empty else None


class _Parser(Parser):
    """pybtex's parser, which also leaves out the empty names of a name list, noting the entry and field."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        #: (entry key, field name) of each name list that had an empty name
        self.empty_names: list[tuple[str, str]] = []
        #: id of each error pybtex reported while making an entry (a name with too many commas...) -> its key
        self.entry_of: dict[int, str] = {}

    def process_entry(self, entry_type: str, key: str, fields: list) -> None:
        cleaned = []
        for field_name, value_list in fields:
            if field_name in self.person_fields:
                names = without_empty_names(self.flatten_value_list(value_list))
                if names is not None:
                    self.empty_names.append((key, field_name.lower()))
                    value_list = [names]
            cleaned.append((field_name, value_list))
        errors = pybtex.errors.captured_errors
        reported = len(errors) if errors is not None else 0
        super().process_entry(entry_type, key, cleaned)
        for error in (errors or [])[reported:]:
            self.entry_of[id(error)] = key


def _read(path: Path, encoding: str, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(str(path), 1, None, f"cannot read the bibliography: {error.strerror}"))
        return None
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        problems.append(Problem(str(path), 1, None, f"not valid {encoding}; undecodable bytes are replaced"))
        return raw.decode("utf-8", errors="replace")


def _problem(error: Exception, path: str, index: LineIndex, repeats: dict[str, int], entry_of: dict[int, str]) -> Problem:
    if isinstance(error, PybtexSyntaxError):
        line = error.lineno or 1
        key, start = index.entry_at(line)
        if isinstance(error, UndefinedMacro):
            message = f"undefined @string {error.args[0]!r}; the value is left empty"
        elif start in index.typeless and line == start:
            message = "no entry type after '@'; the entry is not shown"
        else:
            message = f"{error.error_type}: {error.args[0]}; the entry keeps only what was read before it"
        return Problem(path, line, key, message, entry_line=start)
    text = str(error)
    repeated = _REPEATED.fullmatch(text)
    if repeated:
        key = repeated.group(1)
        repeats[key.lower()] = repeats.get(key.lower(), 0) + 1
        line = index.line_of(key, repeats[key.lower()])
        return Problem(path, line, key, f"duplicate key {key!r}; this entry is ignored, the first one is kept")
    duplicate_field = _DUPLICATE_FIELD.fullmatch(text) if isinstance(error, DuplicateField) else None
    if duplicate_field:
        key = duplicate_field.group(1)
        field_name = duplicate_field.group(2)
        return Problem(path, index.line_of(key), key, f"field {field_name!r} given twice; the first is kept")
    key = entry_of.get(id(error))
    return Problem(path, index.line_of(key) if key else 1, key, text)


#: The end of the problem an empty name in a name list gives (told apart: they are reported after the file's others).
EMPTY_NAME = "list has an empty name ('and' twice in a row, or at an end); left out"


def read_files(paths: list[Path], encoding: str) -> tuple[list[tuple[Path, str | None]], list[Problem]]:
    """Each file with its text (None when it cannot be read), and the problems reading them."""
    texts: list[tuple[Path, str | None]] = []
    problems: list[Problem] = []
    for path in paths:
        texts.append((path, _read(path, encoding, problems) if path.is_file() else None))
        if not path.is_file():
            problems.append(Problem(str(path), 1, None, "bibliography file not found"))
    return texts, problems


def parse_files(paths: list[Path], encoding: str) -> ParsedFiles:
    """Parse ``paths`` in order with one parser, so ``@string`` macros carry from file to file."""
    texts, problems = read_files(paths, encoding)
    return parse_texts(texts, encoding, problems)


def parse_texts(
    texts: list[tuple[Path, str | None]], encoding: str, problems: list[Problem], indexes: dict[str, LineIndex] | None = None
) -> ParsedFiles:
    """Parse the text of each file in order with one parser; ``indexes``, when given, are where entries start in
    the files as written (the texts may have had entries blanked out, line for line: :mod:`.bibchunks`)."""
    parser = _Parser(encoding)
    keys: dict[Path, dict[str, None]] = {}
    found_indexes: dict[str, LineIndex] = {}
    problems = list(problems)
    known: set[str] = set()
    for path, text in texts:
        if text is None:
            keys[path] = {}
            continue
        index = found_indexes[str(path)] = (indexes or {}).get(str(path)) or LineIndex.scan(str(path), text)
        repeats: dict[str, int] = {}
        parser.filename = str(path)
        pieces = [(1, 0, 0, None), *index.cuts, (0, len(text), 0, None)]
        for (first_line, begin, _, _), (next_line, end, open_line, open_key) in zip(pieces, pieces[1:]):
            with pybtex.errors.capture() as errors:
                try:
                    parser.parse_string(text[begin:end])
                except (PybtexSyntaxError, BibliographyDataError) as error:  # raised outside pybtex's recovery
                    errors.append(error)
            for error in errors:
                if isinstance(error, PybtexSyntaxError):
                    error.lineno = (error.lineno or 1) + first_line - 1
                    if isinstance(error, PrematureEOF) and end < len(text):
                        message = f"a {{ is not closed before the next entry (line {next_line}); the entry keeps only what was read before it"
                        problems.append(Problem(str(path), open_line, open_key, message, entry_line=open_line))
                        continue
                problems.append(_problem(error, str(path), index, repeats, parser.entry_of))
            parser.entry_of.clear()
        problems.extend(
            Problem(str(path), index.line_of(key), key, f"{field_name} {EMPTY_NAME}") for key, field_name in parser.empty_names
        )
        parser.empty_names.clear()
        new_keys = [key for key in parser.data.entries.keys() if key.lower() not in known]
        known.update(key.lower() for key in new_keys)
        keys[path] = dict.fromkeys(new_keys)
    return ParsedFiles(parser.data, keys, found_indexes, problems)
