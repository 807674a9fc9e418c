"""The entry model: what one publication shows, decided once per .bib change, not on every build.

:func:`build_publication` reads a pybtex entry the way al-folio's ``_layouts/bib.liquid`` does (title,
authors with the owner and marks, venue line, badge, preview, buttons, award, abstract, BibTeX) and checks
it: every problem is reported once, located at the entry, and the entry keeps everything that is valid.
The result is a small picklable :class:`Publication` that the list directive renders into nodes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import BibliographyData, Entry, Person

from ..config import text_flag
from ..images import image_hazard
from ..sitedata import Coauthor, Venue
from ..sitefiles import OutsideTheSite, site_file
from ..typos import one_edit_apart
from ..urls import is_safe_url, url_scheme
from .bibtex import DISPLAY_FIELDS, serialise
from .latex import Rich, links, parse_latex, plain_text
from .names import Author, NameKey, author

#: BibTeX's standard entry types: what a type that is none of the known ones is compared with for a typo.
STANDARD_TYPES = frozenset(
    "article book booklet conference inbook incollection inproceedings manual mastersthesis misc phdthesis "
    "proceedings techreport unpublished".split()
)
#: Types in common use beyond BibTeX's: biblatex's types and aliases, and ``preprint``. al-folio shows any type,
#: so these are shown (like ``@misc`` where they have no rendering of their own) without a word.
COMMON_TYPES = frozenset(
    "online electronic www report thesis patent periodical collection mvbook mvcollection mvproceedings "
    "bookinbook suppbook suppcollection suppperiodical reference mvreference inreference dataset software set "
    "xdata artwork audio bibnote commentary image jurisdiction legislation legal letter movie music performance "
    "review standard video preprint".split()
)
KNOWN_TYPES = STANDARD_TYPES | COMMON_TYPES
#: Types whose entries normally have no author (editors at most), as in BibTeX's required fields.
_AUTHORLESS = {"proceedings", "mvproceedings", "periodical", "collection", "mvcollection", "reference", "mvreference", "set", "xdata"}
_PROCEEDINGS = {"inproceedings", "incollection", "conference", "inbook", "bookinbook", "inreference"}
_THESES = {"thesis", "mastersthesis", "phdthesis"}
#: biblatex's types that say what they are in a ``type`` field ("PhD thesis", "Technical report"), shown before
#: the institution.
_TYPED = {"thesis", "report"}
#: Types whose ``url`` is the work itself (a web page, a program, data): a "Website" button when the entry has
#: no ``website`` or ``html`` link of its own.
_ONLINE = {"online", "electronic", "www", "software", "dataset"}

#: The buttons, in al-folio's order (abstract, BibTeX and award open in place instead).
LINK_FIELDS = (
    ("arxiv", "arXiv"),
    ("doi", "DOI"),
    ("html", "HTML"),
    ("pdf", "PDF"),
    ("supp", "Supp"),
    ("video", "Video"),
    ("blog", "Blog"),
    ("code", "Code"),
    ("poster", "Poster"),
    ("slides", "Slides"),
    ("website", "Website"),
)
_LABELS = dict(LINK_FIELDS)
#: Fields that may name a file of the site instead of a URL (al-folio looks for them in assets/pdf).
_FILE_FIELDS = {"html", "pdf", "supp", "poster", "slides"}
_ARXIV_PREFIX = re.compile(r"^\s*arxiv\s*:\s*", re.I)
_DOI_PREFIX = re.compile(r"^\s*(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)


@dataclass(frozen=True)
class Link:
    label: str
    #: a URL, or for ``local`` links a path relative to the source directory
    target: str
    local: bool = False


@dataclass
class Publication:
    """One entry as the site shows it.

    Plain dataclasses (no ``slots``) here and in :mod:`.names`: they are pickled with the environment,
    and slotted dataclasses pickle through ``dataclasses.fields()`` for every object, which cost about
    a second per save and per load at 1,000 entries.
    """

    key: str
    bibfile: str
    line: int
    type: str
    title: Rich
    authors: tuple[Author, ...] = ()
    #: "author", or "editor" when an entry has only editors
    author_role: str = "author"
    #: journal, "In" booktitle, school...: al-folio's periodical line without the date
    venue: Rich = ()
    month: str = ""
    year: str = ""
    note: Rich = ()
    annotation: Rich = ()
    abstract: Rich = ()
    award: Rich = ()
    award_name: str = ""
    abbr: str = ""
    #: the ``abbr``'s venue in ``venues.yml`` (its link and colour), when it is there
    venue_of_abbr: Venue | None = None
    #: source-relative path of the preview image, when it exists
    preview: str = ""
    links: tuple[Link, ...] = ()
    selected: bool = False
    max_authors: int | None = None
    bibtex_show: bool | None = None
    bibtex: str = ""
    #: lower-case field name -> value as written (after @string expansion), for ``:filter:``
    #: (``keywords`` is read there, as a list)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def year_number(self) -> int | None:
        match = re.match(r"\d{1,4}", self.year)
        return int(match.group(0)) if match else None

    def missing(self) -> list[str]:
        """What a reader looks for that the entry lacks ("author", "year"): it is shown without, as al-folio
        shows it, and worth a look."""
        lacks = [] if self.authors or self.type in _AUTHORLESS else ["author"]
        return lacks + ([] if self.year else ["year"])

    def plain_summary(self) -> str:
        """One line for tooltips: authors, title, venue, year."""
        names = ", ".join(person.name for person in self.authors)
        parts = [names, plain_text(self.title), plain_text(self.venue), " ".join(filter(None, [self.month, self.year]))]
        return ". ".join(part.strip(" .,") for part in parts if part.strip(" .,")) + "."


@dataclass(frozen=True)
class ModelSettings:
    """What building a publication depends on besides the entry (part of the cache signature)."""

    srcdir: str
    owners: tuple[NameKey, ...]
    preview_dir: str
    files_dir: str
    hidden_fields: frozenset[str] = DISPLAY_FIELDS
    #: al-folio's ``coauthors.yml`` and ``venues.yml`` (:mod:`..sitedata`)
    coauthors: tuple[Coauthor, ...] = ()
    venues: tuple[Venue, ...] = ()


Report = Callable[[str, str], None]  # (message, subtype)


def _flag(value: str | None, name: str, report: Report) -> bool | None:
    text = (value or "").strip().strip("{}")
    if not text:  # absent, or left empty by an undefined @string (already reported)
        return None
    if (flag := text_flag(text)) is not None:
        return flag
    report(f"{name} should be true or false, not {value!r}; ignored", "bibtex")
    return None


def _field(entry: Entry, name: str, data: BibliographyData) -> str | None:
    """A field, looked up in the crossref'd parent (proceedings, books) when the entry has none."""
    value = entry.fields.get(name)
    if value is None and "crossref" in entry.fields:
        parent = data.entries.get(entry.fields["crossref"])
        if parent is not None:
            value = parent.fields.get(name)
    return value if value is None else value.strip()


def _venue(entry_type: str, entry: Entry, data: BibliographyData) -> Rich:
    def get(name: str) -> Rich:
        return parse_latex(_field(entry, name, data) or "")

    if entry_type == "article":
        main: Rich = get("journal") or get("journaltitle")
        prefix = ""
    elif entry_type in _PROCEEDINGS:
        main = get("booktitle")
        prefix = "In " if main else ""
    elif entry_type in _THESES:
        main = get("school") or get("institution")
        prefix = ""
    elif entry_type in {"techreport", "report"}:
        main = get("institution")
        prefix = ""
    else:
        main = get("howpublished") or get("publisher") or get("organization")
        prefix = ""
    if entry_type in _TYPED and get("type"):
        main = get("type") + ((", ", *main) if main else ())
    venue: list = []
    if main:
        venue.append(("em", ((prefix,) if prefix else ()) + main))
    location = get("location") or (get("address") if entry_type in _PROCEEDINGS else ())
    if location:
        venue += [", ", *location] if venue else list(location)
    additional = get("additional_info")
    if additional:
        venue += list(additional)
    return tuple(venue)


def _url(name: str, value: str, settings: ModelSettings, report: Report) -> Link | None:
    label = _LABELS[name]
    value = value.strip()
    if not value:
        return None
    if not is_safe_url(value):
        report(f"{name} link uses {url_scheme(value)}:, which is not allowed; the link is left out", "url")
        return None
    if name == "arxiv" and "://" not in value:
        return Link(label, "https://arxiv.org/abs/" + _ARXIV_PREFIX.sub("", value))
    if name == "doi" and ("://" not in value or _DOI_PREFIX.match(value)):
        return Link(label, "https://doi.org/" + _DOI_PREFIX.sub("", value))
    if name in _FILE_FIELDS and "://" not in value and not value.startswith(("/", "#", "mailto:")):
        path = Path(settings.srcdir, settings.files_dir, value)
        try:
            found = site_file(path, (Path(settings.srcdir).resolve(),))
        except OutsideTheSite as error:
            report(f"{name} file {value!r} {error}; the link is left out", "bibtex")
            return None
        if found is None:
            report(f"{name} file {value!r} is not in {settings.files_dir}/; the link is left out", "bibtex")
            return None
        return Link(label, path.relative_to(settings.srcdir).as_posix(), local=True)
    return Link(label, value)


def _preview(value: str, settings: ModelSettings, report: Report) -> str:
    value = value.strip()
    if "://" in value or value.startswith("//") or url_scheme(value):
        # An image from another host would be fetched by every visitor's browser.
        report(f"preview {value!r} is not a file of the site; remote images are not shown", "image")
        return ""
    folder = Path(settings.srcdir, settings.preview_dir)
    path = folder / value
    try:
        found = site_file(path, (Path(settings.srcdir).resolve(),))
    except OutsideTheSite as error:
        report(f"preview {value!r} {error}; no preview shown", "image")
        return ""
    # An SVG is published as it is (its scripts would run as the site's own); other pictures are decoded
    # by the build, and by visitors' browsers where Pillow cannot copy them (a decompression bomb).
    hazard = image_hazard(path) if found is not None else None
    if hazard:
        report(f"preview {value!r} {hazard}; no preview shown", "image")
        return ""
    if found is not None:
        return path.relative_to(settings.srcdir).as_posix()
    # Without the folder the site ships no previews at all (al-folio bibliographies name them anyway):
    # warning for each would be noise. With the folder, a missing file is a mistake worth a warning.
    if folder.is_dir():
        report(f"preview {value!r} is not in {settings.preview_dir}/; no preview shown", "image")
    return ""


def build_publication(
    key: str,
    entry: Entry,
    data: BibliographyData,
    location: tuple[str, int],
    settings: ModelSettings,
    report: Report,
) -> Publication | None:
    """The publication for one entry, or None when it has no title (nothing to show).

    Problems are reported in the order a reader meets them in the entry: type, title, authors, year,
    preview, links, flags, crossref."""
    entry_type = _entry_type(entry, report)
    title_text = _field(entry, "title", data)
    if not title_text:
        report("no title; the entry is not shown", "bibtex")
        return None
    # An entry with no author or no year is shown without them, as al-folio shows it: no warning.
    role = "author" if entry.persons.get("author") else "editor"
    people = entry.persons.get(role) or []
    _report_comma_separated_names(people, role, report)
    year = _year(entry, data)

    get = entry.fields.get
    publication = Publication(
        key=key,
        bibfile=location[0],
        line=location[1],
        type=entry_type,
        title=parse_latex(title_text),
        authors=tuple(author(person, settings.owners, settings.coauthors) for person in people),
        author_role=role,
        venue=_venue(entry_type, entry, data),
        month=plain_text(parse_latex(_field(entry, "month", data) or "")).capitalize(),
        year=plain_text(parse_latex(year)),
        note=parse_latex(get("note", "")),
        annotation=parse_latex(get("annotation", "")),
        abstract=parse_latex(get("abstract", "")),
        abbr=plain_text(parse_latex(get("abbr", ""))),
    )
    publication.venue_of_abbr = next((venue for venue in settings.venues if venue.abbr == publication.abbr), None)
    if get("award"):
        publication.award = parse_latex(get("award"))
        publication.award_name = plain_text(parse_latex(get("award_name", ""))) or "Awarded"
    if get("preview"):
        publication.preview = _preview(get("preview"), settings, report)
    publication.links = _links(entry, entry_type, settings, report)
    _report_unsafe_text_links(publication, report)
    publication.selected = bool(_flag(get("selected"), "selected", report))
    publication.bibtex_show = _flag(get("bibtex_show"), "bibtex_show", report)
    publication.max_authors = _max_authors(get("max_author_limit"), report)
    if "crossref" in entry.fields and entry.fields["crossref"] not in data.entries:
        report(f"crossref {entry.fields['crossref']!r} is not in the bibliography", "bibtex")
    publication.bibtex = serialise(entry, key, settings.hidden_fields)
    publication.fields = _filter_fields(entry, key, entry_type)
    return publication


#: What BibTeX's "Last, Jr, First" form holds in its middle part: Jr., Sr., III, 2nd...
_NAME_SUFFIX = re.compile(r"(?i)(jr|sr|junior|senior|[ivx]{1,5}|\d+(st|nd|rd|th))\.?")


def _report_comma_separated_names(people: list[Person], role: str, report: Report) -> None:
    """A name of three comma-separated parts whose middle is no suffix ("Lovelace, Ada, Babbage", or "A B, C D, E F"
    where names were separated by commas, not "and"): BibTeX reads it as one "Last, Jr, First" name."""
    for person in people:
        lineage = " ".join(person.lineage_names)
        if lineage and not _NAME_SUFFIX.fullmatch(lineage.replace(" ", "")):
            last = " ".join(person.prelast_names + person.last_names)
            written = ", ".join([last, lineage, " ".join(person.first_names + person.middle_names)])
            report(
                f"{role} {written!r} reads as one name, 'Last, Jr, First'; separate names with 'and', not commas",
                "bibtex",
            )


def _entry_type(entry: Entry, report: Report) -> str:
    entry_type = entry.type.lower()
    if entry_type in KNOWN_TYPES:
        return entry_type
    message = f"unknown entry type @{entry.original_type}; shown like @misc"
    meant = sorted(known for known in STANDARD_TYPES if one_edit_apart(entry_type, known))
    if meant:
        message += f"; did you mean @{meant[0]}?"
    report(message, "bibtex")
    return "misc"


def _year(entry: Entry, data: BibliographyData) -> str:
    year = _field(entry, "year", data) or ""
    if not year:
        date = _field(entry, "date", data) or ""  # biblatex writes the year in "date"
        year = date[:4] if re.match(r"\d{4}", date) else ""
    return year


def _links(entry: Entry, entry_type: str, settings: ModelSettings, report: Report) -> tuple[Link, ...]:
    """The buttons in al-folio's order, each target once."""
    get = entry.fields.get
    found: list[Link] = []
    for name, _label in LINK_FIELDS:
        value = get(name)
        if value is None and name == "arxiv" and (get("archiveprefix") or get("eprinttype") or "").lower() == "arxiv":
            value = get("eprint")
        if value is None and name == "website" and entry_type in _ONLINE and not get("html"):
            value = get("url")
        if value:
            link = _url(name, value, settings, report)
            # A PDF field that points at the arXiv page would repeat the arXiv button.
            if link is not None and all(link.target != other.target for other in found):
                found.append(link)
    return tuple(found)


def _report_unsafe_text_links(publication: Publication, report: Report) -> None:
    """``\\url`` and ``\\href`` in the text are shown as text when unsafe; say so once each."""
    texts = (publication.title, publication.venue, publication.note, publication.annotation)
    for text in (*texts, publication.abstract, publication.award):
        for url in links(text):
            if not is_safe_url(url):
                report(f"a \\url or \\href uses {url_scheme(url)}:, which is not allowed; shown as text", "url")


def _max_authors(value: str | None, report: Report) -> int | None:
    if value is None:
        return None
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    report(f"max_author_limit should be a positive number, not {value!r}; ignored", "bibtex")
    return None


def _filter_fields(entry: Entry, key: str, entry_type: str) -> dict[str, str]:
    """What ``:filter:`` compares: every field and name list by lower-case name, the type and the key."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    fields.update({role.lower(): " and ".join(map(str, persons)) for role, persons in entry.persons.items()})
    fields["type"] = entry_type
    fields["key"] = key
    return fields
