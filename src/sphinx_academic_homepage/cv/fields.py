"""Reading a CV file's values: each one checked, and a value that is not what its place needs warned at its line.

Every reader of a CV format reads through a :class:`Fields`, so all formats report bad values with the same
words, each warning ``homepage.cv`` at the CV file's line of the value it is about.

Text values may hold inline HTML, as al-folio's CV layout writes them out unescaped (``<a href=...>``,
``<b>``, ``<u>``), and RenderCV's values Markdown (``**bold**``, ``*italic*``, ``[text](url)``, code spans),
which is made HTML first: each is read through the sanitiser's field policy, and what it takes out (a script,
a handler, a ``javascript:`` URL) warns ``homepage.html`` at the value's line. Text values are therefore safe
HTML from here on (:func:`~sphinx_academic_homepage.sanitiser.text_of` gives their text).
"""

from __future__ import annotations

import datetime
import functools
import re
import reprlib
from collections.abc import Iterable, Iterator
from typing import Any

from markdown_it import MarkdownIt

from .. import sanitiser
from ..diagnostics import warn
from ..yamlfile import LineDict, LineList
from .model import Item

#: How deep the CV's lists may nest (an item's ``contents`` holding items with their own ``contents``...).
#: al-folio's CVs use two levels; Sphinx saves each page's tree recursively, and a list nested a hundred
#: deep would exceed Python's recursion limit and stop the build.
MAX_DEPTH = 8

# Values of these types are shown as text; anything else (a list, a mapping, a set, bytes) where text is
# expected warns and is left out, rather than shown as Python would print it (a set's order changes between runs).
TEXT_TYPES = (str, int, float, datetime.date)

# A value with none of these is text that is already HTML as written.
_MARKUP = re.compile(r"[<>&]")
# ...and, where values are Markdown, text that Markdown leaves as it is.
_MARKDOWN = re.compile(r"[<>&*_`\[\\]")


@functools.cache
def _inline_markdown() -> MarkdownIt:
    """RenderCV's Markdown: one line of emphasis, links and code spans (HTML in it is the sanitiser's to read).
    Made when a CV first needs it: a build that reads no CV does not pay for the parser's set-up."""
    return MarkdownIt("zero", {"html": True}).enable(["emphasis", "link", "backticks", "escape", "entity", "html_inline"])


# Warnings quote what they refuse, but never more than a line of it, however large or deep it is.
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 60, 60
_SHORT.maxdict = _SHORT.maxlist = _SHORT.maxset = _SHORT.maxtuple = 4


def describe(value: Any) -> str:
    """A value as a warning quotes it: bounded in size and depth, and the same on every run (sets sorted)."""
    return _SHORT.repr(value)


def blank(value: Any) -> bool:
    """Missing, or text with nothing in it."""
    return value is None or (isinstance(value, TEXT_TYPES) and not str(value).strip())


class Fields:
    """The values of one CV file, read with warnings that name the file and the line."""

    def __init__(self, display_path: str, markdown: bool = False) -> None:
        self.display_path = display_path
        #: Text values are Markdown (RenderCV's), not HTML (al-folio's older format).
        self.markdown = markdown

    def warn(self, message: str, container: Any, key: Any = None) -> None:
        warn(message, "cv", self.where(container, key))

    def where(self, container: Any, key: Any = None) -> str:
        """``path:line`` of ``container[key]`` (a mapping's value or a list's item), or of the container itself."""
        line = getattr(container, "line", 1)
        if isinstance(container, LineDict):
            line = container.lines.get(key, line)
        elif isinstance(container, LineList) and isinstance(key, int) and key < len(container.lines):
            line = container.lines[key]
        return f"{self.display_path}:{line}"

    def text(self, mapping: dict, key: str) -> str:
        """``mapping[key]`` as text; ``""`` when absent, or (after a warning) when it is not text."""
        value = mapping.get(key)
        if value is None:
            return ""
        if isinstance(value, TEXT_TYPES):
            return self.markup(value, mapping, key)
        self.warn(f"CV field {key!r} should be text, not {describe(value)}; left out", mapping, key)
        return ""

    def markup(self, value: Any, container: Any, key: Any = None) -> str:
        """A text value as safe HTML (its markup through the field policy); what is taken out warns at its line."""
        text = str(value).strip()
        if not (_MARKDOWN if self.markdown else _MARKUP).search(text):
            return text
        if self.markdown:
            text = _inline_markdown().renderInline(text)
        result = sanitiser.sanitise(text, sanitiser.FIELD, balanced=True)
        if result.removed:
            what = f"CV field {key!r}" if isinstance(key, str) else "CV item"
            warn(f"{what}: {result.summary()}", "html", self.where(container, key))
        return result.html

    def heading(self, entry: dict, key: str, needs: str) -> str:
        """The text an entry is known by (``name``, ``title``); "" after one warning when it has none."""
        text = self.text(entry, key)
        if not text and blank(entry.get(key)):  # a value that is not text has had its warning
            self.warn(f"{needs}, not {describe(entry)}; left out", entry)
        return text

    def list(self, mapping: dict, key: str) -> list:
        """``mapping[key]`` as a list; ``[]`` when absent or empty, or (after a warning) when it is not a list."""
        value = mapping.get(key)
        if isinstance(value, list):
            return value
        if value not in (None, ""):
            self.warn(f"CV field {key!r} should be a list, not {describe(value)}; left out", mapping, key)
        return []

    def texts(self, mapping: dict, key: str) -> tuple[Item, ...]:
        """``mapping[key]``, a list of text, as items; a text alone is a list of one (as Liquid reads it)."""
        value = mapping.get(key)
        if isinstance(value, TEXT_TYPES):
            return (Item(self.markup(value, mapping, key)),) if str(value).strip() else ()
        return self.items(self.list(mapping, key))

    def mappings(self, contents: list, kind: str, needs: str) -> Iterator[tuple[int, dict]]:
        """Each mapping of a list with its index; anything else warns (at its own line) and is left out."""
        for index, entry in enumerate(contents):
            if isinstance(entry, dict):
                yield index, entry
            else:
                self.warn(f"a {kind} entry should be a mapping ({needs}), not {describe(entry)}; left out", contents, index)

    def unshown(self, mapping: dict, known: Iterable[str], what: str) -> None:
        """One warning for each key of ``mapping`` that the CV has no place for."""
        known = set(known)
        for key in mapping:
            if key not in known:
                self.warn(f"{what} field {key!r} is not shown on the CV; left out", mapping, key)

    def items(self, items: list, depth: int = 1) -> tuple[Item, ...]:
        """al-folio's ``description``/``items``: text, or ``{title, contents}`` for a nested list."""
        read = []
        for index, item in enumerate(items):
            if isinstance(item, dict):
                contents = self.list(item, "contents")
                children: tuple[Item, ...] = ()
                if contents and depth + 1 >= MAX_DEPTH:
                    self.warn(
                        f"the CV's lists nest more than {MAX_DEPTH} deep here; the deeper items are left out",
                        item,
                        "contents",
                    )
                elif contents:
                    children = self.items(contents, depth + 1)
                read.append(Item(self.text(item, "title"), heading=True, children=children))
            elif isinstance(item, TEXT_TYPES):
                read.append(Item(self.markup(item, items, index)))
            else:
                self.warn(
                    f"a CV item should be text or a title with contents, not {describe(item)}; left out", items, index
                )
        return tuple(read)
