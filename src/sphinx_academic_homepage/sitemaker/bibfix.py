"""The bibliography as al-folio's jekyll-scholar read it, and what in it the new site warns about.

What has one certain reading on al-folio is written so that this site reads it the same, each a "changed"
note of MIGRATION.md with its line:

- a bare ``true`` (``selected = true``, ``bibtex_show = true``, ``altmetric = true``): jekyll-scholar takes the
  word; BibTeX takes an undefined ``@string``, left empty, and the entry would lose the flag. Written ``{true}``;
- a field given twice with the same value, on a line of its own: the second is taken out;
- a field given twice with two different values, each on a line of its own: al-folio's bibtex-ruby gathers an
  entry's fields in a hash, where a later value takes the place of an earlier one, so the last value is the
  one its pages showed (BibTeX keeps the first). The lines of the other values are taken out, each note
  naming the value kept and the value dropped;
- a name of an author or editor list written ``Last, First,`` before ``and`` (``Yang, Shusheng, and Iyer,
  Adithya``): the comma after the given name is a slip, since no one means a name with an empty given name and
  the given name as "Jr"; it is taken out.

What has no certain reading (authors separated by commas, an undefined ``@string``) is left as it is:
:func:`check_bibliography` gives the warnings the new site's build will give for it, which MIGRATION.md lists
with how to fix each, and the entries shown without an author or a year (as al-folio showed them, without a
warning), which it lists as worth a look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..config import HomepageConfig
from ..publications.bibfiles import Problem, parse_files
from ..publications.loader import warnings_of
from ..publications.model import ModelSettings, build_publication

# A flag given as the bare word, alone on its line: ``selected = true,``.
_BARE_TRUE = re.compile(r"^([ \t]*[A-Za-z][\w-]*[ \t]*=[ \t]*)true(?=[ \t]*,?[ \t\r]*$)", re.M)
_TRUE_DEFINED = re.compile(r"@string\s*[{(]\s*true\s*=", re.I)
_ENTRY_START = re.compile(r"^[ \t]*@", re.M)
# A field with its whole value on its line: ``year = {2023},``.
_ONE_LINE_FIELD = re.compile(r"^[ \t]*([A-Za-z][\w-]*)[ \t]*=[ \t]*(.*?)[ \t]*,?[ \t\r]*$")

# The names of a list, with the ``and`` between them kept: ``A, B and C, D``.
_NAME_SEPARATOR = re.compile(r"(\s+and\s+)")
_NAME_LISTS = frozenset({"author", "editor"})

#: What to do about each kind of warning that the import leaves: (part of the message, how to fix it).
FIXES = (
    ("given twice", "keep the value you mean and delete the other"),
    ("reads as one name", "separate the names with `and`"),
    ("undefined @string", "define the `@string` or write the value in braces"),
    ("is not in assets/pdf/", "put the file in `assets/pdf/` (or link it by its URL)"),
    ("unknown entry type", "use a BibTeX entry type (`@misc`, `@article`...)"),
)


def _balanced(value: str) -> bool:
    return value.count("{") == value.count("}") and value.count('"') % 2 == 0


def _one_line_fields(lines: list[str]) -> list[tuple[int, str, str]]:
    """(offset, lower-case name, value) of each field of an entry's lines written whole on its own line."""
    found = []
    for offset, line in enumerate(lines):
        field_match = _ONE_LINE_FIELD.match(line)
        if field_match and _balanced(field_match.group(2)):
            found.append((offset, field_match.group(1).lower(), field_match.group(2)))
    return found


def _without_repeats(lines: list[str], first: int, notes: list[tuple[int, str]]) -> list[str]:
    """The lines of one entry (its first at line ``first``) with each field given once, at its last value
    (on the first line that gives that value)."""
    written = _one_line_fields(lines)
    last = {name: value for _offset, name, value in written}
    kept_at: dict[str, int] = {}
    for offset, name, value in written:
        if value == last[name]:
            kept_at.setdefault(name, offset)
    dropped: set[int] = set()
    for offset, name, value in written:
        if offset == kept_at[name]:
            continue
        dropped.add(offset)
        if value == last[name]:
            notes.append((first + offset, f"`{name}` given twice with the same value: once"))
        else:
            notes.append((first + offset, f"`{name}` given twice: `{last[name]}` (line {first + kept_at[name]}) kept, "
                          f"`{value}` dropped, as al-folio's bibtex-ruby reads it (a later value replaces an earlier one)"))
    return [line for offset, line in enumerate(lines) if offset not in dropped]


def _without_stray_commas(line: str) -> str:
    """An author or editor line with the slip ``Last, First, and`` written ``Last, First and``."""
    parts = _NAME_SEPARATOR.split(line)
    for index in range(0, len(parts) - 1, 2):
        name = parts[index]  # the separator took the spaces around it
        if name.endswith(",") and name.count(",") == 2:
            parts[index] = name[:-1]
    return "".join(parts)


def _names_fixed(lines: list[str], first: int, notes: list[tuple[int, str]]) -> list[str]:
    fixed = []
    for offset, line in enumerate(lines):
        field_match = _ONE_LINE_FIELD.match(line)
        if field_match and field_match.group(1).lower() in _NAME_LISTS:
            written = _without_stray_commas(line)
            if written != line:
                notes.append((first + offset, f"`{field_match.group(1)}`: a comma after a given name before `and` "
                              "taken out (`Last, First, and` reads as an empty given name)"))
                line = written
        fixed.append(line)
    return fixed


def fix_bibliography(text: str) -> tuple[str, list[str]]:
    """``text`` as al-folio read it, and a note of each change (with its line in ``text``)."""
    notes: list[tuple[int, str]] = []
    if not _TRUE_DEFINED.search(text):
        for match in _BARE_TRUE.finditer(text):
            notes.append((text.count("\n", 0, match.start()) + 1, f"`{match.group(1).strip()} true` as `{{true}}`: "
                          "jekyll-scholar reads the word, BibTeX an undefined `@string`"))
        text = _BARE_TRUE.sub(r"\1{true}", text)
    lines = text.split("\n")
    starts = [text.count("\n", 0, match.start()) for match in _ENTRY_START.finditer(text)]
    kept = lines[: starts[0]] if starts else lines
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        kept += _without_repeats(_names_fixed(lines[start:end], start + 1, notes), start + 1, notes)
    return "\n".join(kept), [f"line {line}: {note}" for line, note in sorted(notes)]


@dataclass
class BibliographyCheck:
    """What the new site's build says about a bibliography, and what it shows without a word that is worth a look."""

    #: (line, message) of each warning
    warnings: list[tuple[int, str]] = field(default_factory=list)
    #: (line, note) of each entry shown without an author or a year
    worth_a_look: list[tuple[int, str]] = field(default_factory=list)


def check_bibliography(bib: Path, srcdir: Path) -> BibliographyCheck:
    """The warnings the build of ``srcdir`` gives about its bibliography ``bib``, and the entries it shows
    without an author or a year."""
    defaults = {item.name: item.default for item in fields(HomepageConfig) if item.name.startswith("publication_")}
    settings = ModelSettings(str(srcdir), (), defaults["publication_previews"], defaults["publication_files"])
    parsed = parse_files([bib], "utf-8")
    problems = list(parsed.problems)
    index = parsed.indexes.get(str(bib))
    check = BibliographyCheck()
    for key in parsed.keys.get(bib, {}):
        line = index.line_of(key) if index else 1
        found: list[tuple[str, str]] = []
        publication = build_publication(key, parsed.data.entries[key], parsed.data, (str(bib), line), settings,
                                        lambda *problem: found.append(problem))
        problems.extend(Problem(str(bib), line, key, message, subtype) for message, subtype in found)
        missing = publication.missing() if publication is not None else []
        if missing:
            check.worth_a_look.append((line, f"{key}: no {' and no '.join(missing)}; shown without, as al-folio shows it"))
    problems.sort(key=lambda problem: (problem.path, problem.entry_start))
    check.warnings = [(line, f"{message} [homepage.{subtype}]") for _path, line, subtype, message in warnings_of(problems)]
    return check


def how_to_fix(message: str) -> str:
    return "; ".join(fix for part, fix in FIXES if part in message) or "see the message"
