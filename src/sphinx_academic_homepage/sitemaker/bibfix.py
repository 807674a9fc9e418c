"""The bibliography as al-folio's jekyll-scholar read it, and what in it the new site warns about.

What has one certain reading on al-folio is written so that this site reads it the same, each a "changed"
note of MIGRATION.md with its line:

- a bare ``true`` (``selected = true``, ``bibtex_show = true``, ``altmetric = true``): jekyll-scholar takes the
  word; BibTeX takes an undefined ``@string``, left empty, and the entry would lose the flag. Written ``{true}``;
- a field given twice with the same value, on a line of its own: the second is taken out;
- a name of an author or editor list written ``Last, First,`` before ``and`` (``Yang, Shusheng, and Iyer,
  Adithya``): the comma after the given name is a slip, since no one means a name with an empty given name and
  the given name as "Jr"; it is taken out.

What has no certain reading (two different values, a missing author or year, authors separated by commas) is
left as it is: :func:`bibliography_warnings` gives the warnings the new site's build will give for it, which
MIGRATION.md lists with how to fix each.
"""

from __future__ import annotations

import re
from dataclasses import fields
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
    ("no author", "add `author = {...}`"),
    ("no year", "add `year = {...}`"),
    ("undefined @string", "define the `@string` or write the value in braces"),
    ("is not in assets/pdf/", "put the file in `assets/pdf/` (or link it by its URL)"),
    ("unknown entry type", "use a BibTeX entry type (`@misc`, `@article`...)"),
)


def _balanced(value: str) -> bool:
    return value.count("{") == value.count("}") and value.count('"') % 2 == 0


def _without_repeats(lines: list[str], first: int, notes: list[tuple[int, str]]) -> list[str]:
    """The lines of one entry (its first at line ``first``) without a field that repeats an earlier one's value."""
    seen: dict[str, str] = {}
    kept = []
    for offset, line in enumerate(lines):
        field_match = _ONE_LINE_FIELD.match(line)
        if field_match and _balanced(field_match.group(2)):
            name, value = field_match.group(1).lower(), field_match.group(2)
            if seen.get(name) == value:
                notes.append((first + offset, f"`{name}` given twice with the same value: once"))
                continue
            seen.setdefault(name, value)
        kept.append(line)
    return kept


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


def bibliography_warnings(bib: Path, srcdir: Path) -> list[tuple[int, str]]:
    """(line, message) of each warning the build of ``srcdir`` gives about its bibliography ``bib``."""
    defaults = {item.name: item.default for item in fields(HomepageConfig) if item.name.startswith("publication_")}
    settings = ModelSettings(str(srcdir), (), defaults["publication_previews"], defaults["publication_files"])
    parsed = parse_files([bib], "utf-8")
    problems = list(parsed.problems)
    index = parsed.indexes.get(str(bib))
    for key in parsed.keys.get(bib, {}):
        line = index.line_of(key) if index else 1
        found: list[tuple[str, str]] = []
        build_publication(key, parsed.data.entries[key], parsed.data, (str(bib), line), settings,
                          lambda *problem: found.append(problem))
        problems.extend(Problem(str(bib), line, key, message, subtype) for message, subtype in found)
    problems.sort(key=lambda problem: (problem.path, problem.entry_start))
    return [(line, f"{message} [homepage.{subtype}]") for _path, line, subtype, message in warnings_of(problems)]


def how_to_fix(message: str) -> str:
    return "; ".join(fix for part, fix in FIXES if part in message) or "see the message"
