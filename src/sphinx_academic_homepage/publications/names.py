"""Author names: shown as "First Last", marks (``*``, ``†``, ``‡``) split off, the site owner recognised.

al-folio matches the owner by a list of last names and a list of first names, after stripping marks with a
regular expression, and breaks when a mark sits on the first name or is written in LaTeX
(``Liu$^*$``). Here each name part is decoded first, marks are collected from every part, and the owner
is matched on the decoded, accent-free last name plus the first given name or its initial, so
"Lovelace, Ada", "Ada Lovelace", "A. Lovelace" and "Lovelace*, Ada" all match ``homepage_author_names = ["Ada Lovelace"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pybtex.database import Person

from ..sitedata import Coauthor, fold as _fold
from .latex import parse_latex, plain_text

#: Marks that flag equal contribution, corresponding authors and the like (al-folio's set, plus ⋆).
MARK_CHARACTERS = "*∗†‡§¶‖⋆"
_MARKS = re.compile(f"[{re.escape(MARK_CHARACTERS)}]+")
# Marks written in LaTeX math: $^*$, $^{\dagger}$, $\ddagger$...
_TEX_MARKS = {
    r"\dagger": "†",
    r"\dag": "†",
    r"\ddagger": "‡",
    r"\ddag": "‡",
    r"\ast": "∗",
    r"\star": "⋆",
    r"\S": "§",
    r"\P": "¶",
    r"\|": "‖",
}
_TEX_MARK = re.compile("|".join(re.escape(name) for name in sorted(_TEX_MARKS, key=len, reverse=True)))


@dataclass(frozen=True)
class Author:
    """One author as shown: the name without marks, the marks, and whether it is the site owner."""

    name: str
    marks: str = ""
    is_owner: bool = False
    #: The co-author's page (``coauthors.yml``); never the owner's, who is highlighted instead.
    url: str = ""

    @property
    def is_others(self) -> bool:
        return self.name == "et al."


def _part_text(part: str) -> tuple[str, str]:
    """A decoded name part and the marks found in it."""
    rich = parse_latex(part)
    pieces: list[str] = []
    for run in rich:
        if isinstance(run, tuple) and run[0] == "math":
            tex = _TEX_MARK.sub(lambda match: _TEX_MARKS[match.group(0)], run[1])
            pieces.append(re.sub(r"[\^{}\s]", "", tex))
        elif isinstance(run, tuple) and run[0] == "sup":
            pieces.append(plain_text(run[1]))
        else:
            pieces.append(plain_text((run,)))
    text = "".join(pieces)
    marks = "".join(_MARKS.findall(text))
    return _MARKS.sub("", text).strip(), marks


@dataclass(frozen=True)
class NameKey:
    """What identifies a person for highlighting: folded last name and first given name."""

    last: str
    first: str

    def matches(self, other: NameKey) -> bool:
        if self.last != other.last or not self.last:
            return False
        if not self.first or not other.first:
            return False
        if self.first == other.first:
            return True
        # An initial matches the full given name it abbreviates ("A." ~ "Ada").
        shorter, longer = sorted((self.first, other.first), key=len)
        return len(shorter) == 1 and longer.startswith(shorter)


def _given_names(person: Person) -> list[str]:
    return [*person.first_names, *person.middle_names]


def name_key(person: Person) -> NameKey:
    last = " ".join(_part_text(part)[0] for part in [*person.prelast_names, *person.last_names])
    given = _given_names(person)
    first = _part_text(given[0])[0] if given else ""
    # "Z.-M." and "Zi-Ming" share their first letter; a hyphenated initial counts as an initial.
    first_folded = _fold(first)
    if re.fullmatch(r"(\w\.?-?)+", first) and "." in first:
        first_folded = first_folded[:1]
    return NameKey(_fold(last), first_folded)


def owner_keys(names: list[str]) -> tuple[NameKey, ...]:
    """The configured owner names (``homepage_author_names``), parsed as BibTeX names."""
    return tuple(name_key(Person(name)) for name in names if name.strip())


def author(person: Person, owners: tuple[NameKey, ...], coauthors: tuple[Coauthor, ...] = ()) -> Author:
    """An author to show, "First Middle von Last, Jr", marks apart, owner flagged."""
    if [str(part) for part in person.last_names] == ["others"] and not _given_names(person):
        return Author("et al.")
    parts = [*_given_names(person), *person.prelast_names, *person.last_names]
    shown: list[str] = []
    marks = ""
    for part in parts:
        text, part_marks = _part_text(part)
        marks += part_marks
        if text:
            shown.append(text)
    name = " ".join(shown)
    if person.lineage_names:
        lineage = " ".join(_part_text(part)[0] for part in person.lineage_names)
        name = f"{name}, {lineage}"
    key = name_key(person)
    if any(key.matches(owner) for owner in owners):
        return Author(name=name, marks=marks, is_owner=True)
    return Author(name=name, marks=marks, url=coauthor_url(person, coauthors))


def coauthor_url(person: Person, coauthors: tuple[Coauthor, ...]) -> str:
    """The page ``coauthors.yml`` gives for ``person``: its last name and its given names as written there
    (al-folio's test, without case, accents, dots or spaces); "" when it lists them not."""
    if not coauthors:
        return ""
    last = _fold(" ".join(_part_text(part)[0] for part in [*person.prelast_names, *person.last_names]))
    given = _fold(" ".join(_part_text(part)[0] for part in _given_names(person)))
    return next((found.url for found in coauthors if found.last == last and given in found.firsts), "")
