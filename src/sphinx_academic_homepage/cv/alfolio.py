"""al-folio's older ``_data/cv.yml``: a list of sections, each ``title``, ``type`` and ``contents``.

al-folio's four types:

- ``map``: ``name``/``value`` pairs (general information);
- ``time_table``: entries with ``title``, ``institution``, ``department``, ``location``, ``year`` and
  ``description``/``items`` (strings, or ``{title, contents}`` for a nested list);
- ``list``: strings;
- ``nested_list``: ``{title, items}``.
"""

from __future__ import annotations

from typing import Any

from ..yamlfile import LineList
from .fields import Fields, describe
from .model import Entry, Group, Pair, Section

SECTION_TYPES = ("map", "time_table", "list", "nested_list")


def checked_sections(data: list, fields: Fields) -> list[dict]:
    """The sections of an al-folio CV that have a title, a known type and a list of contents; others warn."""
    sections = []
    for index, section in enumerate(data):
        where = data if isinstance(data, LineList) else section
        if not isinstance(section, dict):
            fields.warn(
                f"a CV section should be a mapping with title, type and contents, not {describe(section)}", where, index
            )
            continue
        title, kind, contents = section.get("title"), section.get("type"), section.get("contents")
        if not isinstance(title, str) or not title.strip():
            fields.warn("a CV section has no title; left out", where, index)
        elif kind not in SECTION_TYPES:
            fields.warn(
                f"CV section {title!r} has type {kind!r}; expected one of {', '.join(SECTION_TYPES)}; left out",
                where,
                index,
            )
        elif not isinstance(contents, list):
            fields.warn(f"CV section {title!r} should have a list of contents; left out", where, index)
        else:
            sections.append(section)
    return sections


def read_alfolio(data: list, fields: Fields) -> tuple[Section, ...]:
    readers = {"map": _map, "time_table": _time_table, "list": _list, "nested_list": _nested_list}
    return tuple(
        Section(
            fields.markup(section["title"], section, "title"),
            section["type"],
            readers[section["type"]](section["contents"], fields),
        )
        for section in checked_sections(data, fields)
    )


def _map(contents: list, fields: Fields) -> tuple[Pair, ...]:
    pairs = []
    for _, entry in fields.mappings(contents, "map", "name, value"):
        if name := fields.heading(entry, "name", "a map entry needs a name and a value"):
            pairs.append(Pair(name, fields.text(entry, "value")))
    return tuple(pairs)


def _time_table(contents: list, fields: Fields) -> tuple[Entry, ...]:
    entries = []
    for _, entry in fields.mappings(contents, "time_table", "title, institution, year..."):
        texts = {key: fields.text(entry, key) for key in ("year", "title", "institution", "department", "location")}
        lists = tuple(items for key in ("description", "items") if (items := fields.items(fields.list(entry, key))))
        entries.append(Entry(
            title=texts["title"],
            date=texts["year"],
            institution=texts["institution"],
            department=texts["department"],
            location=texts["location"],
            lists=lists,
        ))
    return tuple(entries)


def _list(contents: list, fields: Fields) -> tuple[Any, ...]:
    return fields.items(contents, depth=0)


def _nested_list(contents: list, fields: Fields) -> tuple[Group, ...]:
    groups = []
    for _, group in fields.mappings(contents, "nested_list", "title, items"):
        if title := fields.heading(group, "title", "a nested_list entry needs a title and items"):
            groups.append(Group(title, fields.items(fields.list(group, "items"))))
    return tuple(groups)
