"""``MIGRATION.md``: what became of each file of the al-folio checkout, so nothing is lost without a word.

Each source file gets five lists: what was carried as it was, what was changed (and why), what was left out
(a layout, an include, a setting with no counterpart here), what the new site's build warns about, for the
owner to fix (a fault in the data that has no one certain reading), and what it shows as al-folio did, without
a warning, that is worth a look (an entry with no author or no year). Files are listed in sorted order and
the notes in the order they were made, so the same checkout always gives the same text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

#: The kinds of note, in the order the file lists them.
KINDS = ("carried", "changed", "left out", "to fix", "worth a look")


@dataclass
class MigrationLog:
    """Notes per source file: ``log.carried(path, what)``, ``log.changed(path, what)``, ``log.left_out(path, what)``."""

    notes: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def _add(self, source: str, kind: str, text: str) -> None:
        entries = self.notes[source][kind]
        if text not in entries:
            entries.append(text)

    def carried(self, source: str, text: str) -> None:
        self._add(source, "carried", text)

    def changed(self, source: str, text: str) -> None:
        self._add(source, "changed", text)

    def left_out(self, source: str, text: str) -> None:
        self._add(source, "left out", text)

    def to_fix(self, source: str, text: str) -> None:
        self._add(source, "to fix", text)

    def worth_a_look(self, source: str, text: str) -> None:
        self._add(source, "worth a look", text)

    def left_out_everywhere(self) -> list[tuple[str, str]]:
        """Every (source file, note) left out, in the file's order."""
        return [(source, text) for source in sorted(self.notes) for text in self.notes[source]["left out"]]

    def markdown(self, site_name: str) -> str:
        lines = [
            "# Migration from al-folio",
            "",
            f"What became of each file of {site_name}'s al-folio site. \"Carried\": here as it was there;",
            "\"changed\": here, changed as said; \"left out\": not here (this site has no counterpart),",
            "so that you can put it back by hand if you miss it; \"to fix\": a warning the build gives (and",
            "`make html` stops at) until you fix it, with how; \"worth a look\": shown as al-folio showed it,",
            "without a warning, but perhaps not what you meant.",
        ]
        for source in sorted(self.notes):
            lines += ["", f"## `{source}`", ""]
            for kind in KINDS:
                for text in self.notes[source][kind]:
                    lines.append(f"- {kind}: {text}")
        return "\n".join(lines) + "\n"
