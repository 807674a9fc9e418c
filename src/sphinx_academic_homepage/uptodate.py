"""Run a Sphinx build only when one of its inputs changed since its last successful build, as Make would.

``make html`` runs::

    python -m sphinx_academic_homepage.uptodate [--force] _build/html -- sphinx-build -b html ... . _build/html

Sphinx, even when nothing changed, starts, imports its extensions, loads the environment and writes its search
and 404 pages: about two seconds. This module answers first, in a few hundredths of a second (it imports
neither Sphinx nor the rest of the package), whether any input of the output folder changed since the build
that made it; if none did, it says so in one line and the command is not run.

The inputs, everything the build reads or that decides what it writes:

- **The site's files and folders**: the path, size, modification and change time of every file, and every
  folder (so an added, deleted or renamed file or folder counts), followed through symbolic links as Sphinx
  follows them. Left out, because the build or tools write them and never read them as sources: the folder
  holding the output (``_build``: the doctrees, the other builders' outputs and this record live there) and
  the site's ``_build`` wherever the output goes,
  ``-d``'s doctree folder, version control's internals (``.git``), Python and tool caches (``__pycache__``,
  ``.pytest_cache``, ``.hypothesis``, ``.mypy_cache``, ``.ruff_cache``, ``.image-cache``), ``node_modules``,
  any virtual environment (a folder with ``pyvenv.cfg``) or marked cache (``CACHEDIR.TAG``), and editors'
  droppings (``*~``, ``.*.swp``, ``.#*``, ``#*#``, ``.DS_Store``). Files Sphinx excludes (``tests/``,
  ``README.md``) still count: reading ``exclude_patterns`` means running ``conf.py``; a needless build is the
  safe mistake.
- **Files written in the last two seconds** before the snapshot (a clock tick of most file systems, FAT's two
  seconds included) could be written again without their times moving: their contents are digested too, now
  and at the next check ("racily clean" files, as git calls them).
- **The commit checked out** (``git log -1`` in the site, as :mod:`.lastupdated` asks it for the footer's
  date): a new commit with the same files rebuilds, since every page shows its date.
- **The Python and its packages**: the interpreter (version, path), each distribution installed where it
  imports from (``*.dist-info``/``*.egg-info``: name, version, and the times of its record, so a reinstall of the
  same version counts), ``.pth`` files, and this package's own source files wherever it is installed from (an
  editable install's ``src/``; a wheel's copy).
- **The command line**: the builder, ``SPHINXOPTS``, the source and output folders, word for word.
- **The environment variables a build reads**: ``SOURCE_DATE_EPOCH``, ``READTHEDOCS*``, ``SPHINX*``,
  ``DOCUTILSCONFIG``, ``PYTHON*``, ``LANG``, ``LANGUAGE``, ``LC_*``, ``TZ``, and every name ``conf.py`` reads
  through ``os.environ``/``os.getenv`` with a literal name.
- **The output folder**: still there and as the build left it (the path, size and times of each of its files,
  taken after the build; not digested, so a file edited there within the build's last two seconds goes
  unseen).

The snapshot of the inputs is taken **before** the command starts and kept (``.<output>.inputs.json`` beside
the output folder) only **after** it succeeds: a file edited while Sphinx runs is seen by the next check, and a
build that fails (a ``-W`` warning, an interrupt) leaves no record, so the next ``make html`` runs Sphinx again
and its warnings are given again (a build that succeeds with warnings, without ``-W``, is remembered like any
other). A check that cannot read something builds, and so does a command that asks for every page (``-E``,
``-a``). Not seen: files outside the site that ``conf.py`` names (a ``.bib`` elsewhere), and other editable
packages' sources: ``--force``
(``make html FORCE=1``) builds anyway, ``make clean`` starts afresh.

Read the Docs and CI build from a fresh checkout with ``sphinx-build`` or ``make test``: they never meet a
record, and are not affected.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

#: Raised when what the record holds changes shape: an older record then never matches.
RECORD_VERSION = 1
#: Folders that hold what tools write, never a source, wherever they are in the site.
CACHE_FOLDERS = frozenset({
    ".git", ".hg", ".svn", "__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache",
    ".image-cache", "node_modules", ".tox", ".nox",
})
#: A folder holding one of these is a virtual environment or a cache (https://bford.info/cachedir/).
FOLDER_MARKS = ("pyvenv.cfg", "CACHEDIR.TAG")
EDITOR_FILE = re.compile(r"(~|\.sw[a-p])$|^\.#|^#.*#$|^\.DS_Store$")
ENVIRONMENT_PREFIXES = ("SOURCE_DATE_EPOCH", "READTHEDOCS", "SPHINX", "DOCUTILSCONFIG", "PYTHON", "LANG", "LC_", "TZ")
#: ``os.environ["X"]``, ``os.environ.get("X")``, ``os.getenv("X")`` in conf.py.
ENVIRONMENT_READ = re.compile(r"""(?:environ(?:\.get)?\s*[\[(]|getenv\s*\()\s*['"]([^'"]+)['"]""")
#: A file modified this recently may be modified again within the same tick of the file system's clock.
RACY_NANOSECONDS = 2_000_000_000
#: What the build was run with besides its files: in the record, so that a stale record never matches.
COMMAND_KEY = "command"
#: sphinx-build's options that ask it to read or write everything: such a command always runs.
EVERYTHING_OPTIONS = frozenset({"-E", "-a", "--fresh-env", "--write-all"})
#: sphinx-build's short options that take no value, which may be written together (``-aE``).
FLAGS = frozenset("aEnNqQWTvPi")


def _file_key(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _digest_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _walk(folder: str, left_out: frozenset[str], seen: set[tuple[int, int]]) -> Iterator[tuple[str, object]]:
    """(path, what it is) for every folder and file below ``folder``, in a stable order, links followed once: a
    file's ``os.stat_result``, or a word for the others."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name in CACHE_FOLDERS or EDITOR_FILE.search(entry.name) or entry.path in left_out:
            continue
        try:
            info = entry.stat()
        except OSError:
            yield entry.path, "unreadable"  # a dangling link
            continue
        if stat.S_ISDIR(info.st_mode):
            if any(os.path.lexists(os.path.join(entry.path, mark)) for mark in FOLDER_MARKS):
                continue
            if (info.st_dev, info.st_ino) in seen:
                yield entry.path, "loop"
                continue
            seen.add((info.st_dev, info.st_ino))
            yield entry.path, "folder"
            yield from _walk(entry.path, left_out, seen)
        else:
            yield entry.path, info


def _listing(folder: str) -> list[object]:
    """Every folder and file below ``folder``, files by their size and times."""
    return [
        [path, _file_key(found) if isinstance(found, os.stat_result) else found]
        for path, found in _walk(folder, frozenset(), set())
    ]


class Snapshot:
    """The inputs of one build, as a digest, and the files whose contents went into it (the racy ones)."""

    def __init__(self, site: Path, output: Path, command: Sequence[str], hashed: Sequence[str] = ()) -> None:
        self.site = site
        self.output = output
        self.command = list(command)
        self.started = time.time_ns()
        #: Site files whose contents are digested: those the record names, and those modified just now.
        self.hashed: set[str] = set(hashed)
        self.parts: dict[str, object] = {}

    def take(self) -> Snapshot:
        self.parts = {
            "version": RECORD_VERSION,
            COMMAND_KEY: self.command,
            "files": self._site_files(),
            "commit": self._commit(),
            "python": [sys.version, sys.executable, sys.prefix],
            "packages": self._packages(),
            "environment": self._environment(),
        }
        return self

    def digest(self) -> str:
        text = json.dumps(self.parts, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _left_out(self) -> frozenset[str]:
        build_folder = self.output.parent
        left_out = {self.output, record_path(self.output), self.site / "_build"}
        # The folder of the output holds the doctrees and the other builders' outputs, unless it is the site.
        if build_folder != self.site and self.site in build_folder.parents:
            left_out.add(build_folder)
        left_out |= {Path(os.path.abspath(folder)) for folder in doctree_folders(self.command)}
        return frozenset(str(path) for path in left_out)

    def _site_files(self) -> list[object]:
        files = []
        prefix = len(str(self.site)) + 1
        for path, found in _walk(str(self.site), self._left_out(), set()):
            name = path[prefix:]
            if isinstance(found, os.stat_result):
                key: object = _file_key(found)
                if name in self.hashed or found.st_mtime_ns > self.started - RACY_NANOSECONDS:
                    self.hashed.add(name)
                    key = [*_file_key(found), _digest_of(path)]
            else:
                key = found
            files.append([name, key])
        return files

    def _commit(self) -> str | None:
        try:
            result = subprocess.run(
                ["git", "log", "-1", "--format=%H"], cwd=self.site, capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    def _packages(self) -> list[object]:
        found: list[object] = []
        for entry in sys.path:
            folder = Path(os.path.abspath(entry or "."))
            if folder == self.site or not folder.is_dir():
                continue
            with os.scandir(folder) as scan:
                for item in sorted(scan, key=lambda item: item.name):
                    if item.name.endswith((".dist-info", ".egg-info", ".pth")):
                        found.append([item.path, _file_key(item.stat())])
        package = Path(__file__).resolve().parent
        if self.site not in package.parents:
            found += _listing(str(package))
        return found

    def _environment(self) -> dict[str, str]:
        conf = self.site / "conf.py"
        settings = conf.read_text(encoding="utf-8", errors="replace") if conf.is_file() else ""
        named = set(ENVIRONMENT_READ.findall(settings))
        return {
            name: value for name, value in os.environ.items() if name.startswith(ENVIRONMENT_PREFIXES) or name in named
        }


def doctree_folders(command: Sequence[str]) -> list[str]:
    """The folders ``-d``/``--doctree-dir`` name in a sphinx-build command line."""
    folders = []
    for index, word in enumerate(command):
        if word in ("-d", "--doctree-dir") and index + 1 < len(command):
            folders.append(command[index + 1])
        elif word.startswith("--doctree-dir="):
            folders.append(word.partition("=")[2])
        elif word.startswith("-d") and len(word) > 2 and not word.startswith("--"):
            folders.append(word[2:])
    return folders


def asks_for_everything(command: Sequence[str]) -> bool:
    """Whether the command line asks Sphinx to read or write every page (``-E``, ``-a``, ``-aE``, ...)."""
    return any(
        word in EVERYTHING_OPTIONS
        or (word[:1] == "-" and word[1:2] != "-" and set(word[1:]) <= FLAGS and set(word[1:]) & {"a", "E"})
        for word in command
    )


def record_path(output: Path) -> Path:
    """Where the inputs of ``output``'s last successful build are kept: beside it, never in what is published."""
    return output.parent / f".{output.name}.inputs.json"


def output_listing(output: Path) -> str:
    """A digest of the output folder's files as they are now; empty when it is missing."""
    if not output.is_dir():
        return ""
    text = json.dumps(_listing(str(output)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_record(output: Path) -> dict[str, object]:
    try:
        record = json.loads(record_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def is_up_to_date(site: Path, output: Path, command: Sequence[str]) -> bool:
    """Whether the record of ``output``'s last successful build names exactly the inputs there are now."""
    record = read_record(output)
    hashed = record.get("hashed")
    if not record or not isinstance(hashed, list) or not output.is_dir():
        return False
    snapshot = Snapshot(site, output, command, hashed).take()
    return record.get("inputs") == snapshot.digest() and record.get("output") == output_listing(output)


def keep_record(snapshot: Snapshot) -> None:
    """Write the record of a successful build: its inputs as they were when it started, its output as it is."""
    record = {"inputs": snapshot.digest(), "hashed": sorted(snapshot.hashed), "output": output_listing(snapshot.output)}
    path = record_path(snapshot.output)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(json.dumps(record), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)  # a folder that cannot be written to: the next make html builds again


def forget_record(output: Path) -> None:
    record_path(output).unlink(missing_ok=True)


def run(site: Path, output: Path, command: Sequence[str], force: bool = False) -> int:
    """Run ``command`` unless ``output`` is up to date; keep the record when it succeeds; its exit status."""
    site, output = Path(os.path.abspath(site)), Path(os.path.abspath(output))
    try:
        if not force and not asks_for_everything(command) and is_up_to_date(site, output, command):
            print(
                f"{os.path.relpath(output)}: no input changed since its last successful build, so Sphinx is not run "
                "(FORCE=1 builds anyway; make clean starts afresh)"
            )
            return 0
        snapshot: Snapshot | None = Snapshot(site, output, command).take()
    except Exception:  # noqa: BLE001 - a check that cannot tell must never stand in the build's way
        snapshot = None  # something could not be read: build, and remember nothing
    forget_record(output)
    try:
        status = subprocess.run(command).returncode
    except KeyboardInterrupt:
        return 130
    if status == 0 and snapshot is not None and output.is_dir():
        keep_record(snapshot)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sphinx_academic_homepage.uptodate",
        description="Run a Sphinx build only when an input changed since its last successful build.",
    )
    parser.add_argument("--force", action="store_true", help="build even when nothing changed")
    parser.add_argument("--site", type=Path, default=Path("."), help="the site's folder (default: here)")
    parser.add_argument("output", type=Path, help="the folder the command writes")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- and the build's command line")
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("name the build's command after --")
    try:
        return run(options.site, options.output, command, force=options.force)
    except KeyboardInterrupt:
        return 130  # stopped while checking: nothing was built, nothing is remembered


if __name__ == "__main__":
    sys.exit(main())
