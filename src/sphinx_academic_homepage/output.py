"""Writing the built site: whole files, and a build that was stopped is finished by the next one.

The files the extension writes itself (the news feed, robots.txt, the sorted sitemap) are each written whole or not at all: under a temporary name beside it, then renamed over it, so a build
stopped half-way leaves the previous file or the new one, never a truncated one that a host would serve.
A temporary file that a killed build left behind is removed by the next build, before it could be
published. A file that cannot be written (a read-only output folder, a full disk) warns once per build,
naming it, and the build goes on: the pages Sphinx writes report their own failures.

A file written with the bytes it already has keeps its date: the extension's own files are then not written at
all, and those Sphinx and other extensions write again on every build whatever changed (the search page and its
index, the inventory, the 404 page, the sitemap, ...: :data:`REWRITTEN_EVERY_BUILD`) get their date back once
the build is over. A build after which nothing changed then leaves every file of the output as it was, so an
upload of the site (rsync, a CDN) sends nothing.

Sphinx saves what it read before it writes the pages, so after a build stopped while writing, the next one
would take the pages it never wrote (or wrote half) for current, and its search index, made from the pages
it writes, would lack them. A mark in the doctree folder, set when a build starts and removed when it
finishes, tells the next build to read and write every page again.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .buildstate import build_state
from .diagnostics import warn
from .priorities import PRIORITY

logger = logging.getLogger(__name__)

#: In the doctree folder while a build runs; still there when the next one starts if it was stopped.
UNFINISHED = "homepage-build-unfinished"
#: ``.<name>.<process id>.part``: how this module (and images.py) name a file being written.
PARTIAL = re.compile(r"\..+\.\d+\.part")
#: Files of the output that Sphinx, sphinx-notfound-page, sphinx-sitemap and sphinx.ext.githubpages write on
#: every build, whatever changed.
REWRITTEN_EVERY_BUILD = (
    "search.html", "genindex.html", "searchindex.js", "objects.inv", ".buildinfo", "_static/documentation_options.js",
    "_static/language_data.js", "404.html", "sitemap.xml", "robots.txt", ".nojekyll", "CNAME",
)


def partial_path(path: Path) -> Path:
    """Where ``path`` is written before it is renamed into place: a hidden name in the same folder."""
    return path.with_name(f".{path.name}.{os.getpid()}.part")


def write_output(app: Sphinx, path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` in the output folder in one step; False (after a warning) when it cannot be."""
    if _holds(path, data):
        return True  # its date stays
    partial = partial_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        _report(app, path, error)
        return False
    except BaseException:
        # Interrupted (Ctrl-C): nothing half-written stays behind.
        partial.unlink(missing_ok=True)
        raise
    return True


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _note_rewritten_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before anything is written: the date and digest of each file the build will write again anyway."""
    outdir = Path(app.outdir)
    before = build_state(app).rewritten_files
    before.clear()
    if app.builder.format != "html":
        return
    for name in REWRITTEN_EVERY_BUILD:
        path = outdir / name
        with contextlib.suppress(OSError):
            info = path.stat()
            before[name] = (info.st_atime_ns, info.st_mtime_ns, _digest(path))


def _give_back_dates(app: Sphinx, exception: Exception | None) -> None:
    """A file written again with the bytes it had gets the date it had."""
    if exception is not None:
        return
    outdir = Path(app.outdir)
    for name, (accessed, modified, digest) in build_state(app).rewritten_files.items():
        path = outdir / name
        with contextlib.suppress(OSError):
            if path.stat().st_mtime_ns != modified and digest is not None and _digest(path) == digest:
                os.utime(path, ns=(accessed, modified))


def writable(app: Sphinx, path: Path) -> bool:
    """Whether a file another extension writes at ``path`` can be; else False, after the build's one warning."""
    folder = path.parent if path.parent.is_dir() else Path(app.outdir)
    if path.is_dir():
        error: OSError = IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    elif not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        error = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    else:
        return True
    _report(app, path, error)
    return False


def _report(app: Sphinx, path: Path, error: OSError) -> None:
    shown = path.relative_to(app.outdir) if path.is_relative_to(app.outdir) else path
    reason = error.strerror or str(error)
    state = build_state(app)
    if state.output_failed:
        # One warning says the folder cannot be written; the other files add nothing to it.
        logger.verbose("homepage: cannot write %s in the output folder: %s", shown, reason)
        return
    state.output_failed = True
    warn(f"cannot write {shown} in the output folder {app.outdir}: {reason}; the site there is incomplete", "output")


def _remove_partial_files(app: Sphinx, exception: Exception | None) -> None:
    """Remove what a build killed mid-write left (``.<name>.<pid>.part``), so it is never published."""
    outdir = Path(app.outdir)
    if not outdir.is_dir():
        return
    for path in outdir.rglob(".*.part"):
        if PARTIAL.fullmatch(path.name) and path.is_file():
            try:
                path.unlink()
            except OSError:
                pass  # a read-only folder: already reported by the write that failed


def _mark_started(app: Sphinx) -> None:
    mark = Path(app.doctreedir) / UNFINISHED
    build_state(app).previous_build_unfinished = mark.exists()
    with contextlib.suppress(OSError):
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()


def _everything_after_a_stopped_build(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    state = build_state(app)
    unfinished, state.previous_build_unfinished = state.previous_build_unfinished, False
    if not unfinished or not env.all_docs:
        return []
    logger.info("homepage: the previous build did not finish; every page is read and written again")
    return sorted(env.found_docs)


def _mark_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        with contextlib.suppress(OSError):
            (Path(app.doctreedir) / UNFINISHED).unlink(missing_ok=True)


def setup_output(app: Sphinx) -> None:
    app.connect("builder-inited", _mark_started)
    app.connect("env-get-outdated", _everything_after_a_stopped_build)
    app.connect("env-before-read-docs", _note_rewritten_files)
    app.connect("build-finished", _give_back_dates, priority=PRIORITY.give_back_dates)
    app.connect("build-finished", _remove_partial_files, priority=PRIORITY.remove_partial_files)
    app.connect("build-finished", _mark_finished, priority=PRIORITY.mark_finished)
