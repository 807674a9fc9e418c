"""al-folio's data files about people, venues and code: ``coauthors.yml``, ``venues.yml``, ``repositories.yml``.

They are read from ``homepage_data_dir`` (al-folio's ``_data``), each once a build and with bounded work
(:mod:`.yamlfile`). A missing file is nothing to show; a file that is not valid YAML or not the shape al-folio
reads, or a row of it that cannot be used, gives one warning (``homepage.data``) at its line and is left out,
the rest of the file still used.

- ``coauthors.yml``: a last name (lower case) -> a list of ``{firstname: [...], url}``. An author whose last
  name and given names (as al-folio compares them, here without case, accents, dots or spaces) are listed is
  linked to the url (:mod:`.publications.model`).
- ``venues.yml``: an entry's ``abbr`` -> ``{url, color}``: the badge links to the url and takes the colour,
  through a class and a stylesheet of the site's own (:mod:`.venue_styles`), so no page needs a ``style``
  attribute under the Content-Security-Policy.
- ``repositories.yml``: ``github_users`` and ``github_repos`` lists, shown as links (:mod:`.repositories`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .buildstate import build_state
from .config import homepage_config
from .datafiles import NOT_READ, load_data_file
from .diagnostics import warn
from .urls import is_external_url, is_safe_url
from .yamlfile import LineDict, LineList

# A CSS colour that cannot end its declaration: #rgb(a) and #rrggbb(aa), a colour function of plain numbers,
# or a colour keyword.
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(?:rgba?|hsla?)\([\d.,%\s/]+\)|[a-zA-Z]{3,30}")
# GitHub's user and repository names.
_GITHUB_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
_GITHUB_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")


def fold(text: str) -> str:
    """A name as compared with another: lower-case letters without accents, hyphens, dots or spaces ("Jean-Luc"
    -> "jeanluc")."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if char.isalnum()).casefold()


@dataclass(frozen=True)
class Coauthor:
    """A co-author of ``coauthors.yml``: folded last name, the folded ways the given names are written, a URL."""

    last: str
    firsts: frozenset[str]
    url: str


@dataclass(frozen=True)
class Venue:
    """A venue of ``venues.yml``: the ``abbr`` it is named by, its URL and colour (each may be empty)."""

    abbr: str
    url: str = ""
    colour: str = ""


@dataclass(frozen=True)
class Repositories:
    users: tuple[str, ...] = ()
    repos: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteData:
    coauthors: tuple[Coauthor, ...] = ()
    venues: tuple[Venue, ...] = ()
    repositories: Repositories = Repositories()


class DataFile:
    """One data file: where it is, and how a warning points at a line of it."""

    def __init__(self, app: Sphinx, name: str) -> None:
        folder = homepage_config(app).data_dir
        self.path = Path(app.srcdir, folder, name) if folder else None
        self.site = (Path(app.srcdir).resolve(),)

    def at(self, line: int | None) -> str:
        return f"{self.path}:{line or 1}"

    def load(self) -> Any:
        """The file's data; None when it is missing or, after its warning, unreadable."""
        # A missing data file is al-folio's normal (no co-authors to link); a pipe or a device is no data file.
        if self.path is None or not self.path.is_file():
            return None
        data = load_data_file(
            self.path, str(self.path), noun="data file", subtype="data", consequence="it is not read", site=self.site
        )
        return None if data is NOT_READ else data

    def mapping(self, what: str) -> LineDict | None:
        """The file's data when it is a mapping (al-folio's shape for all three), else None after a warning."""
        data = self.load()
        if data is None or isinstance(data, LineDict):
            return data
        warn(f"the data file should be a mapping of {what}; it is not read", "data", self.at(1))
        return None


def _text_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _coauthor_rows(file: DataFile, last: Any, rows: Any, line: int) -> list[Coauthor]:
    if not isinstance(rows, list):
        rows = [rows]
    found = []
    for index, row in enumerate(rows):
        row_line = rows.lines[index] if isinstance(rows, LineList) else line
        firsts = _text_list(row.get("firstname")) if isinstance(row, dict) else None
        url = row.get("url") if isinstance(row, dict) else None
        if not isinstance(last, str) or not firsts or not isinstance(url, str) or not is_external_url(url):
            warn(
                f"a co-author of {last!r} should have firstname (a name or a list) and url (an http(s) address); "
                "this one is not linked",
                "data",
                file.at(row_line),
            )
            continue
        found.append(Coauthor(fold(last), frozenset(fold(first) for first in firsts), url))
    return found


def read_coauthors(app: Sphinx) -> tuple[Coauthor, ...]:
    file = DataFile(app, "coauthors.yml")
    data = file.mapping("last names to co-authors")
    if data is None:
        return ()
    found: list[Coauthor] = []
    for last, rows in data.items():
        found += _coauthor_rows(file, last, rows, data.lines.get(last, data.line))
    return tuple(found)


def _venue(file: DataFile, abbr: Any, row: Any, line: int) -> Venue | None:
    if not isinstance(abbr, str) or not isinstance(row, dict):
        warn(f"the venue {abbr!r} should be a mapping with url and color; it is left out", "data", file.at(line))
        return None
    url, colour = row.get("url", ""), row.get("color", "")
    lines = row.lines if isinstance(row, LineDict) else {}
    if not isinstance(url, str) or (url and not is_safe_url(url)):
        warn(f"the venue {abbr!r} has a url that is no link: {url!r}; its badge is not linked", "data", file.at(lines.get("url", line)))
        url = ""
    if not isinstance(colour, str) or (colour and not _COLOUR.fullmatch(colour.strip())):
        warn(
            f"the venue {abbr!r} has a color that is no CSS colour: {colour!r}; its badge keeps the site's",
            "data",
            file.at(lines.get("color", line)),
        )
        colour = ""
    return Venue(abbr, url.strip(), colour.strip())


def read_venues(app: Sphinx) -> tuple[Venue, ...]:
    file = DataFile(app, "venues.yml")
    data = file.mapping("abbreviations to venues")
    if data is None:
        return ()
    venues = (_venue(file, abbr, row, data.lines.get(abbr, data.line)) for abbr, row in data.items())
    return tuple(venue for venue in venues if venue is not None)


def _names(file: DataFile, data: LineDict, key: str, pattern: re.Pattern, what: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        warn(f"{key} should be a list; it is left out", "data", file.at(data.lines.get(key)))
        return ()
    names = []
    for index, name in enumerate(value):
        if isinstance(name, str) and pattern.fullmatch(name.strip()):
            names.append(name.strip())
        else:
            line = value.lines[index] if isinstance(value, LineList) else data.lines.get(key)
            warn(f"{key} entry {name!r} is not a GitHub {what}; it is left out", "data", file.at(line))
    return tuple(names)


def read_repositories(app: Sphinx) -> Repositories:
    file = DataFile(app, "repositories.yml")
    data = file.mapping("github_users and github_repos")
    if data is None:
        return Repositories()
    return Repositories(
        _names(file, data, "github_users", _GITHUB_USER, "user name"),
        _names(file, data, "github_repos", _GITHUB_REPO, "repository (owner/name)"),
    )


_READERS: dict[str, Callable[[Sphinx], Any]] = {
    "coauthors": read_coauthors,
    "venues": read_venues,
    "repositories": read_repositories,
}


def site_data(app: Sphinx) -> SiteData:
    """The three files' data, read (and warned about) once a build."""
    state = build_state(app)
    if state.site_data is None:
        state.site_data = SiteData(**{name: reader(app) for name, reader in _READERS.items()})
    return state.site_data
