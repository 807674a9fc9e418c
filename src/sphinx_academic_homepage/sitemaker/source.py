"""An al-folio checkout, read without leaving it: files listed in a fixed order, links out of it left alone.

Everything the importer reads goes through :class:`SourceTree`. A path is only read when it resolves to a
place inside the checkout: a symbolic link that leads out of it (to ``/etc/passwd``, to another checkout)
is skipped and remembered, so the migration notes can say so. Folders are walked in sorted order so two
imports of the same checkout see the same files in the same order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..yamlfile import DATA_FILE_LIMITS, YAML_LOAD_ERRORS, UnreadableFile, load, read_text

#: The largest text file read (a page, a .bib, a data file); al-folio's largest demo file is far below it.
MAX_TEXT_BYTES = 8 * 1024 * 1024


@dataclass
class SourceTree:
    """The checkout at ``root``; paths given and returned are POSIX paths relative to it (``_pages/about.md``)."""

    root: Path
    #: Paths that are links leading out of the checkout (or to nothing), in the order they were met.
    skipped_links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()

    def _inside(self, relative: str) -> Path | None:
        """Where ``relative`` really is (links followed), if that is inside the checkout; else None.

        A link that leads out, or to nothing, is noted once, by the path that was asked for.
        """
        path = self.root / relative
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing, or a loop of links
            resolved = None
            if not path.is_symlink():
                return None
        if resolved is None or not resolved.is_relative_to(self.root):
            if relative not in self.skipped_links:
                self.skipped_links.append(relative)
            return None
        return resolved

    def entries(self) -> list[str]:
        """The names at the top of the checkout, sorted, hidden ones left out."""
        return sorted(path.name for path in self.root.iterdir() if not path.name.startswith("."))

    def is_file(self, relative: str) -> bool:
        path = self._inside(relative)
        return path is not None and path.is_file()

    def is_dir(self, relative: str) -> bool:
        path = self._inside(relative)
        return path is not None and path.is_dir()

    def path(self, relative: str) -> Path | None:
        """The file's own path, to copy it; None when it leads out of the checkout or is no file."""
        path = self._inside(relative)
        return path if path is not None and path.is_file() else None

    def files(self, folder: str, suffixes: tuple[str, ...] = ()) -> list[str]:
        """The files under ``folder`` (at any depth), sorted; hidden ones and links out of the checkout left out."""
        if not self.is_dir(folder):
            return []
        found = []
        for directory, subfolders, names in os.walk(self.root / folder):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            base = PurePosixPath(Path(directory).relative_to(self.root).as_posix())
            for name in list(subfolders):
                if (Path(directory) / name).is_symlink():
                    subfolders.remove(name)
                    # A link to a folder is not followed (its files are read where they are); one leading out is noted.
                    self._inside(str(base / name))
            for name in sorted(names):
                relative = str(base / name)
                if name.startswith(".") or (suffixes and not name.lower().endswith(suffixes)):
                    continue
                if self.is_file(relative):
                    found.append(relative)
        return found

    def text(self, relative: str) -> str | None:
        """The file's UTF-8 text; None when it is missing, not text, too large, or leads out of the checkout."""
        path = self.path(relative)
        if path is None:
            return None
        try:
            return read_text(path, MAX_TEXT_BYTES)
        except (UnreadableFile, OSError):
            return None

    def yaml(self, relative: str) -> Any:
        """The file's YAML values, read within the extension's limits; None when it cannot be read."""
        text = self.text(relative)
        if text is None:
            return None
        try:
            return load(text, DATA_FILE_LIMITS)
        except YAML_LOAD_ERRORS:
            return None
