"""One way to report bad input: a located warning typed ``homepage.<subtype>``.

Every module reports through :func:`warn`, so users can silence any class of
problem with ``suppress_warnings = ["homepage.<subtype>"]`` and every message
points at the file and line (or the BibTeX key) that caused it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_academic_homepage")

# A string literal of one line of Python, in single or double quotes (escapes are not read: a line's
# strings only serve to find where an entry is written).
_QUOTED = re.compile(r"""(["'])(.*?)\1""")

#: The warning type; the subtype names the kind of problem (``frontmatter``, ``social``, ``image``, ``bibtex``, ...).
WARNING_TYPE = "homepage"


def warn(message: str, subtype: str, location: Any = None) -> None:
    """Log one warning of type ``homepage.<subtype>``.

    ``location`` is what Sphinx accepts: a node, a docname, ``(docname, lineno)``,
    or a ``"path:line"`` string for files that are not documents (a .bib file).
    """
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)


class ConfLines:
    """Lines of ``conf.py`` where a setting or an entry is written, so a warning can point at it.

    Locations are ``"path:line"`` strings; None (no location) when the text is not in ``conf.py``
    (a value given with ``-D``), since Sphinx would read a bare path as a document name.
    """

    def __init__(self, confdir: str | Path | None) -> None:
        self.path = Path(confdir, "conf.py") if confdir else None
        try:
            self.lines = self.path.read_text(encoding="utf-8").splitlines() if self.path else []
        except OSError:
            self.lines = []
        # Both read once and kept: every entry of a long setting asks for them (see _quoted_strings).
        self._settings: dict[str, str | None] = {}
        self._quoted: dict[str, list[int]] | None = None

    def setting(self, name: str) -> str | None:
        """Where ``name = ...`` is assigned."""
        if name not in self._settings:
            assigned = re.compile(rf"{re.escape(name)}\s*=")
            self._settings[name] = next(
                (f"{self.path}:{index + 1}" for index, line in enumerate(self.lines) if assigned.match(line)), None
            )
        return self._settings[name]

    def entry(self, setting: str, *needles: str) -> str | None:
        """Where an entry of ``setting`` (a dict or list) is written: the first of ``needles`` found quoted
        after the setting's line; the setting's own line when none is."""
        where = self.setting(setting)
        start = int(where.rsplit(":", 1)[1]) - 1 if where else 0
        for needle in needles:
            found = self.find(start, needle, quoted=True)
            if found is not None:
                return f"{self.path}:{found + 1}"
        return where

    def find(self, start: int, text: str, quoted: bool = False) -> int | None:
        """The index of the first line from ``start`` holding ``text`` (as a quoted string if ``quoted``)."""
        if quoted:
            found = self._quoted_strings().get(text, [])
            position = bisect_left(found, start)
            return found[position] if position < len(found) else None
        for index in range(start, len(self.lines)):
            if text in self.lines[index]:
                return index
        return None

    def _quoted_strings(self) -> dict[str, list[int]]:
        """Each string written in quotes in ``conf.py`` -> the indexes of the lines holding it, in order.

        Read once: a setting of N entries, each located by a search of the file, would cost N times its length.
        """
        if self._quoted is None:
            self._quoted = {}
            for index, line in enumerate(self.lines):
                for match in _QUOTED.finditer(line):
                    lines = self._quoted.setdefault(match.group(2), [])
                    if not lines or lines[-1] != index:
                        lines.append(index)
        return self._quoted
