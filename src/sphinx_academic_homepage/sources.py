"""Source files that are left out of the build, with a warning, before Sphinx reads them.

Sphinx takes every file under the source folder that has a source suffix, following symbolic links,
and stops with a traceback on a file that is not in the source encoding. These are left out here,
each with one warning, so that the build goes on and publishes nothing twice and nothing from elsewhere:

- a link to a folder of the site (``news/loop -> ..`` would make every page appear again at each level,
  40 levels deep) or to a folder elsewhere: added to ``exclude_patterns`` before Sphinx looks for pages,
  so it is never walked;
- a link to a file that is already a page of the site (the page stays under its own name), or to a
  file outside the source folder, which would publish a file of someone else's;
- a file that is not UTF-8 text (a page saved as Latin-1): the warning names its line and the first
  byte that is not.

A file left out is not in the site: it is looked at again, and warns again, on every build until fixed.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import Matcher

from .diagnostics import warn
from .priorities import PRIORITY


def _subtype(app: Sphinx, docname: str) -> str:
    from .news import is_news_item

    return "news" if is_news_item(app.config, docname) else "source"


def _not_decodable(path: Path, encoding: str) -> tuple[str, str] | None:
    """A ``path:line`` and message when the file is not text in ``encoding``."""
    data = path.read_bytes()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        return f"{path}:{line}", f"not UTF-8 text (byte 0x{byte:02x} on this line); the page is left out: save it as UTF-8"
    return None


def _escaped(path: str) -> str:
    """``path`` as an ``exclude_patterns`` entry matching only itself."""
    return "".join(f"[{character}]" if character in "*?[]" else character for character in path)


def _leave_out_folder_links(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir)
    real_srcdir = srcdir.resolve()
    excluded = Matcher([*config.exclude_patterns, *EXCLUDE_PATHS])
    for root, folders, _ in os.walk(srcdir):  # links are not followed: each is met once
        relative_root = Path(root).relative_to(srcdir)
        kept = []
        for folder in sorted(folders):
            path = Path(root, folder)
            relative = (relative_root / folder).as_posix()
            if excluded(relative):
                continue
            if not path.is_symlink():
                kept.append(folder)
                continue
            if path.resolve().is_relative_to(real_srcdir):
                message = "links to a folder of the site, whose pages are in it already; left out"
            else:
                message = "links to a folder outside the source folder; left out"
            warn(f"{relative} {message}", _subtype(app, relative))
            config.exclude_patterns.append(_escaped(relative))
        folders[:] = kept


def _leave_out_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    srcdir = Path(app.srcdir)
    real_srcdir = srcdir.resolve()
    by_file: dict[Path, list[str]] = defaultdict(list)
    for docname in sorted(env.found_docs):
        by_file[env.doc2path(docname).resolve()].append(docname)
    left_out: set[str] = set()
    for real, names in by_file.items():
        # The name that is no link is the file's own.
        own = min(names, key=lambda name: (env.doc2path(name).is_symlink(), name))
        for name in names:
            if name != own:
                shown = env.doc2path(name).relative_to(srcdir)
                warn(f"{shown} links to a page of the site, {own}; left out", _subtype(app, name))
                left_out.add(name)
        if not real.is_relative_to(real_srcdir):
            shown = env.doc2path(own).relative_to(srcdir)
            warn(f"{shown} is a link to a file outside the source folder; left out", _subtype(app, own))
            left_out.add(own)
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in docnames:
        problem = None if docname in left_out else _not_decodable(env.doc2path(docname), encoding)
        if problem is not None:
            where, message = problem
            warn(message, _subtype(app, docname), where)
            left_out.add(docname)
    docnames[:] = [docname for docname in docnames if docname not in left_out]
    env.found_docs.difference_update(left_out)


def setup_sources(app: Sphinx) -> None:
    app.connect("config-inited", _leave_out_folder_links)
    app.connect("env-before-read-docs", _leave_out_files, priority=PRIORITY.leave_out_unreadable)
