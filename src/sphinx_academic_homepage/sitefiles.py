"""Files a page names (a photo, a paper's PDF or preview, the CV's data): where they are looked for, and that
only the site's own are read or published.

The site's static folders are the owner's ``html_static_path``, as ``conf.py`` set it (:func:`static_folders`,
:func:`static_folder_names`): not the folders extensions add to it, whose files no page names.

A name written in a page or a .bib file may climb out of the site (``../../../etc/passwd``) or be a
symbolic link to anywhere; the build would copy that file into ``_downloads/`` or ``_images/`` and
publish it. Every path taken from a page is therefore checked here, once resolved (links followed, ``..``
collapsed): it must lie in one of the site's folders, the source folder or a static folder the owner
set in ``conf.py`` (``html_static_path``, which may be outside the source folder).

A name the file system rejects (over 255 bytes, a NUL) is a file that is not there, as for any
other missing file: the caller's "not found" warning, not an ``OSError`` out of the build.

A page that names a file depends on it (:func:`note_file_dependency`): the page is read again when the file
changes, and when a missing file appears. Sphinx itself counts a missing dependency as changed on every
build, which would read the page (and write every page that shows what it read) again and again while the
file stays missing; a missing file is therefore kept as awaited (:data:`AWAITED_FILES`) and the page is read
again only once the file is there.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .config import homepage_config
from .docstore import DocumentStore

#: Docname -> the files (absolute paths) it names that were missing when it was read.
AWAITED_FILES = DocumentStore("homepage_awaited_files")


class OutsideTheSite(Exception):
    """The path resolves outside every folder of the site; ``str()`` is the end of a sentence about it."""

    def __init__(self) -> None:
        super().__init__("leads out of the site's folders")


def static_folders_of(confdir: str | Path | None, static_path: Iterable[str]) -> tuple[Path, ...]:
    """The folders of ``static_path`` (``html_static_path``, relative to the folder of ``conf.py``)."""
    return tuple(Path(confdir or ".", folder) for folder in static_path)


def static_folders(env: BuildEnvironment) -> tuple[Path, ...]:
    """The owner's static folders."""
    settings = homepage_config(env)
    return static_folders_of(settings.confdir or env.srcdir, settings.site_static_path)


def static_folder_names(env: BuildEnvironment) -> tuple[str, ...]:
    """The owner's static folders inside the site, as a page names them (``_static``), in ``conf.py``'s order."""
    return tuple(
        Path(folder).as_posix().strip("/") for folder in homepage_config(env).site_static_path if not Path(folder).is_absolute()
    )


def site_folders(env: BuildEnvironment) -> tuple[Path, ...]:
    """The folders whose files a page may name: the source folder and the owner's static folders, resolved."""
    return tuple(Path(os.path.realpath(folder)) for folder in (Path(env.srcdir), *static_folders(env)))


def check_inside(path: str | Path, folders: tuple[Path, ...]) -> None:
    """Raise :class:`OutsideTheSite` unless ``path``, links followed, lies in one of ``folders``."""
    try:
        resolved = Path(os.path.realpath(path))
    except (OSError, ValueError):
        return  # a name the file system rejects names no file, outside or in
    if not any(resolved.is_relative_to(folder) for folder in folders):
        raise OutsideTheSite()


def site_file(path: str | Path, folders: tuple[Path, ...]) -> Path | None:
    """``path`` when it is a regular file of the site; None when there is none there (or not a regular file).

    Raises :class:`OutsideTheSite` when it is a file outside ``folders``. Only a regular file counts:
    reading a pipe or a device (``/dev/zero``) never ends.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
    except (OSError, ValueError):
        return None
    check_inside(path, folders)
    return Path(path)


def note_file_dependency(env: BuildEnvironment, path: str | Path) -> None:
    """The page being read depends on ``path`` (absolute, or relative to the source folder): it is read again
    when the file changes, or once it appears when it is missing now."""
    full = Path(env.srcdir, path)
    try:
        there = full.is_file()
    except (OSError, ValueError):
        there = False
    if there:
        env.note_dependency(full)
    else:
        AWAITED_FILES.of(env).setdefault(env.docname, set()).add(str(full))


def _pages_whose_file_appeared(app: Sphinx, env: BuildEnvironment, *changes: set[str]) -> list[str]:
    def appeared(path: str) -> bool:
        try:
            return os.path.isfile(path)
        except (OSError, ValueError):
            return False

    return [docname for docname, paths in AWAITED_FILES.of(env).items() if any(map(appeared, paths))]


def setup_sitefiles(app: Sphinx) -> None:
    AWAITED_FILES.connect(app)
    app.connect("env-get-outdated", _pages_whose_file_appeared)
