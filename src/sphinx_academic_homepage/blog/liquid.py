"""Liquid, as al-folio's posts use it, read with a tokenizer: tags ``{% ... %}`` and outputs ``{{ ... }}``.

Jekyll renders a post's Liquid before its Markdown, so this runs first, on the whole body, code blocks
included (``{% raw %}`` is how a post shows Liquid as text). What a tag becomes is decided by
:mod:`.source`; here the text is only cut into text and Liquid, and a tag's arguments read: words,
``key=value``, ``key="value with spaces"``, ``key='value'``.

The work is linear in the text: each opening is matched with the next closing of its kind, and once no
closing of a kind is left, no later opening of that kind is looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_OPENINGS = {"{%": "%}", "{{": "}}"}
_OPENING = re.compile(r"\{[%{]")
# One argument: an optional "key=" then a quoted value (which may hold spaces) or a run of other characters.
# Every alternative consumes at least one character, and none backtracks over another's text.
_ARGUMENT = re.compile(r"""\s*(?:(?P<key>[\w-]+)\s*=\s*)?(?P<value>"[^"]*"|'[^']*'|[^\s"'=]+|["'=])""")


@dataclass(frozen=True)
class Liquid:
    """One tag (``{% ... %}``, ``kind`` ``"tag"``) or output (``{{ ... }}``, ``kind`` ``"output"``) in a text."""

    kind: str
    markup: str  # what is between the braces, stripped, without Liquid's "-" whitespace control
    start: int  # offsets in the text
    end: int
    line: int  # 0-based line of ``start`` in the text

    @property
    def name(self) -> str:
        """A tag's name (``include``, ``highlight``, ``endraw``); an output's variable (``site.baseurl``)."""
        return self.markup.split(None, 1)[0] if self.markup else ""

    @property
    def rest(self) -> str:
        """What follows the name."""
        parts = self.markup.split(None, 1)
        return parts[1] if len(parts) > 1 else ""

    @property
    def written(self) -> str:
        """The tag as a message names it: ``{% include chart.liquid %}`` -> ``{% include %}``, an output whole."""
        return f"{{% {self.name} %}}" if self.kind == "tag" else f"{{{{ {self.markup} }}}}"


def liquid_in(text: str) -> Iterator[Liquid]:
    """The tags and outputs of ``text``, in order; an opening never closed is text."""
    position, line, counted = 0, 0, 0
    exhausted: set[str] = set()
    while len(exhausted) < len(_OPENINGS):
        found = _next_opening(text, position, exhausted)
        if found is None:
            return
        start, opening = found
        end = text.find(_OPENINGS[opening], start + 2)
        if end < 0:
            exhausted.add(opening)
            position = start + 2 if len(exhausted) < len(_OPENINGS) else len(text)
            continue
        line += text.count("\n", counted, start)
        counted = start
        markup = text[start + 2 : end].strip().strip("-").strip()
        yield Liquid("tag" if opening == "{%" else "output", markup, start, end + 2, line)
        position = end + 2


def _next_opening(text: str, position: int, exhausted: set[str]) -> tuple[int, str] | None:
    if not exhausted:
        match = _OPENING.search(text, position)
        return (match.start(), match.group()) if match else None
    (opening,) = set(_OPENINGS) - exhausted
    start = text.find(opening, position)
    return (start, opening) if start >= 0 else None


def arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """A tag's arguments: the words without a key, and ``key=value`` pairs (quotes removed), as written."""
    words: list[str] = []
    pairs: dict[str, str] = {}
    for match in _ARGUMENT.finditer(text):
        value = match["value"]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if match["key"] is not None:
            pairs[match["key"]] = value
        else:
            words.append(value)
    return words, pairs
