"""Write ``gemoji.txt``, the table of GitHub's emoji shortcodes (``:smile:`` -> 😄) that :mod:`.emoji` reads.

Jekyll's jemoji, which al-folio turns on, knows the names of GitHub's gemoji. The table is taken from the npm
package ``gemoji`` (Titus Wormer, MIT; its data is GitHub's gemoji, MIT): each emoji with every name it has.
Run it again to follow a newer release:

    cd "$(mktemp -d)" && npm pack gemoji@8.1.0 && tar xzf gemoji-8.1.0.tgz
    .venv/bin/python scripts/make_gemoji_table.py "$OLDPWD" "$PWD/package"

(the first argument is this repository). The package's licence is kept beside the table
(``licenses/gemoji-MIT.txt``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

VERSION = "8.1.0"
# One entry of the package's list: "emoji: '😀',\n    names: ['grinning'],"
_ENTRY = re.compile(r"emoji: '([^'\\]+)',\s*names: \[([^\]]*)\]")
_NAME = re.compile(r"'([^'\\]+)'")


def shortcodes(index_js: str) -> dict[str, str]:
    """Each name of the package's list -> its emoji, in the list's order."""
    table: dict[str, str] = {}
    for emoji, names in _ENTRY.findall(index_js):
        for name in _NAME.findall(names):
            table.setdefault(name, emoji)
    return table


def table_text(table: dict[str, str]) -> str:
    header = (
        "# GitHub's emoji shortcodes (gemoji): a name, a tab, its emoji; one a line.\n"
        f"# From the npm package gemoji {VERSION} (MIT, licenses/gemoji-MIT.txt), written by "
        "scripts/make_gemoji_table.py.\n"
    )
    return header + "".join(f"{name}\t{emoji}\n" for name, emoji in table.items())


def main(repository: Path, package: Path) -> None:
    if json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] != VERSION:
        raise SystemExit(f"expected gemoji {VERSION}")
    table = shortcodes((package / "index.js").read_text(encoding="utf-8"))
    if len(table) < 1800:
        raise SystemExit(f"only {len(table)} names were read: has the package's layout changed?")
    package_dir = repository / "src" / "sphinx_academic_homepage"
    (package_dir / "gemoji.txt").write_text(table_text(table), encoding="utf-8")
    (package_dir / "licenses" / "gemoji-MIT.txt").write_text(
        f"gemoji.txt is taken from the npm package gemoji {VERSION} (https://github.com/wooorm/gemoji), whose data\n"
        "is GitHub's gemoji (https://github.com/github/gemoji, under the MIT licence too).\n\n"
        + (package / "license").read_text(encoding="utf-8"),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
