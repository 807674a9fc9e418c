"""``python -m sphinx_academic_homepage.sitemaker``: make a new site, blank or from an al-folio site.

    new-site DEST              a blank starter with placeholders to edit
    import-alfolio SRC DEST    an al-folio site's content, moved into this layout

DEST must be new or empty, and outside any Sphinx project (a folder with a ``conf.py``), whose next build
would read its pages. A mistake in the command (a missing argument, such a DEST, a SRC that is not an al-folio
site) is said in one line, with exit status 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from .frame import DestinationInsideASite, DestinationNotEmpty, require_empty, require_outside_sites
from .pins import NotInstalled
from .starter import new_site

PROGRAM = "python -m sphinx_academic_homepage.sitemaker"
USAGE = f"usage: {PROGRAM} new-site DEST | import-alfolio SRC DEST"


class _OneLineParser(argparse.ArgumentParser):
    """Says a mistake in one line (argparse's own way prints the usage and the error on two)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROGRAM}: {message} ({USAGE})\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog=PROGRAM, description="Make a new academic homepage.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{new-site,import-alfolio}")
    blank = commands.add_parser("new-site", help="a blank starter with placeholders to edit")
    blank.add_argument("dest", metavar="DEST", type=Path)
    moved = commands.add_parser("import-alfolio", help="an al-folio site's content, moved into this layout")
    moved.add_argument("src", metavar="SRC", type=Path)
    moved.add_argument("dest", metavar="DEST", type=Path)
    return parser


def _import_alfolio(src: Path, dest: Path) -> str:
    try:
        from .alfolio import NotAnAlfolioSite, import_alfolio
    except ImportError:
        raise SystemExit(f"{PROGRAM}: import-alfolio is not in this version of sphinx-academic-homepage") from None
    try:
        import_alfolio(src, dest)
    except NotAnAlfolioSite as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    return f"Moved {src} into {dest}; {dest / 'MIGRATION.md'} lists what was carried, changed and left out."


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        require_empty(arguments.dest)
        require_outside_sites(arguments.dest)
        if arguments.command == "new-site":
            new_site(arguments.dest)
            done = f"Wrote a new site into {arguments.dest}: edit its pages, then run make html there."
        else:
            done = _import_alfolio(arguments.src, arguments.dest)
    except (DestinationNotEmpty, DestinationInsideASite) as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 2
    except NotInstalled as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 1
    print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
