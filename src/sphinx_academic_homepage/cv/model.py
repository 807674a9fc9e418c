"""The CV as the page and the PDF draw it, whichever format held it.

Each reader (al-folio's ``cv.yml``, RenderCV, JSON Resume) turns its file into a :class:`CV`; the HTML and the
PDF are drawn from that alone, so the same facts look the same whichever format they were written in. Everything
here is checked text, as safe HTML (al-folio's CVs hold links and emphasis; :mod:`.fields`): a reader leaves out
(with a warning) what is not.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How a section's contents are drawn: pairs (``map``), dated entries (``time_table``), items (``list``),
#: titled groups of items (``nested_list``), numbered items counting up or down, and paragraphs (``text``).
SECTION_KINDS = ("map", "time_table", "list", "nested_list", "numbered", "reversed_numbered", "text")


@dataclass(frozen=True)
class Item:
    """A line of a list; a heading item (al-folio's ``{title, contents}``) holds a list of its own."""

    text: str
    heading: bool = False
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Pair:
    """A ``name: value`` line (general information, a one-line entry); the value may be an address."""

    name: str
    value: str


@dataclass(frozen=True)
class Entry:
    """A dated entry: a position, a degree, a paper, an award."""

    title: str = ""
    date: str = ""
    institution: str = ""
    department: str = ""
    location: str = ""
    #: The entry's web page, when the data names one (a paper's DOI, a project).
    url: str = ""
    #: Its lists of details (al-folio's ``description`` and ``items``; a summary and highlights).
    lists: tuple[tuple[Item, ...], ...] = ()


@dataclass(frozen=True)
class Group:
    """A titled list (al-folio's ``nested_list``; a skill and its keywords)."""

    title: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    kind: str
    #: Pairs for ``map``, entries for ``time_table``, groups for ``nested_list``, items otherwise.
    contents: tuple[Pair | Entry | Group | Item, ...] = ()


@dataclass(frozen=True)
class CV:
    sections: tuple[Section, ...] = ()

    def pairs(self) -> tuple[Pair, ...]:
        """The general information: the pairs of every ``map`` section."""
        return tuple(pair for section in self.sections if section.kind == "map" for pair in section.contents)

    def value(self, *names: str) -> str:
        """The first general-information value named one of ``names`` (any case); "" when there is none."""
        wanted = [name.casefold() for name in names]
        for name in wanted:
            for pair in self.pairs():
                if pair.name.casefold() == name and pair.value:
                    return pair.value
        return ""
