"""JSON Resume (al-folio's ``assets/json/resume.json``): ``basics`` and a list for each kind of entry.

``basics`` (``name``, ``label``, ``email``, ``phone``, ``url``, ``summary``, ``location``, ``profiles``) becomes the
CV's first section, "General Information", as al-folio's older format writes it; ``work``, ``volunteer``,
``education``, ``awards``, ``certificates``, ``publications`` and ``projects`` are dated entries; ``skills`` and
``interests`` titled lists of keywords; ``languages`` pairs; ``references`` entries. Sections come in the order
of the schema, each titled as al-folio titles it. ``meta`` describes the file, not the CV: not read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .fields import Fields, describe
from .model import Entry, Group, Pair, Section
from .rendercv import dates

SECTION_KEYS = ("work", "volunteer", "education", "awards", "certificates", "publications", "skills", "languages",
                "interests", "references", "projects")
BASICS = {"name": "Name", "label": "Label", "email": "Email", "phone": "Phone", "url": "Website",
          "summary": "Summary"}
LOCATION_KEYS = ("address", "postalCode", "city", "region", "countryCode")


def is_json_resume(data: Any) -> bool:
    return isinstance(data, dict) and any(key in data for key in ("basics", *SECTION_KEYS))


def read_json_resume(data: dict, fields: Fields) -> tuple[Section, ...]:
    fields.unshown(data, ("basics", *SECTION_KEYS, "meta", "$schema"), "JSON Resume")
    sections = []
    basics = data.get("basics")
    if basics is not None and not isinstance(basics, dict):
        fields.warn(f"the CV's 'basics' should be a mapping (name, email...), not {describe(basics)}; left out", data,
                    "basics")
    elif basics and (general := _basics(basics, fields)):
        sections.append(Section("General Information", "map", general))
    for key in SECTION_KEYS:
        if key not in data:
            continue
        kind, read, known = READERS[key]
        entries = fields.list(data, key)
        contents = []
        for _, entry in fields.mappings(entries, f"JSON Resume {key}", ", ".join(known[:3])):
            fields.unshown(entry, known, f"JSON Resume {key}")
            if (item := read(entry, fields)) is not None:
                contents.append(item)
        if contents:
            sections.append(Section(key.capitalize(), kind, tuple(contents)))
    return tuple(sections)


def _basics(basics: dict, fields: Fields) -> tuple[Pair, ...]:
    fields.unshown(basics, (*BASICS, "location", "profiles"), "JSON Resume basics")
    pairs = [Pair(label, text) for key, label in BASICS.items() if key != "summary" and (text := fields.text(basics, key))]
    location = basics.get("location")
    if isinstance(location, dict):
        fields.unshown(location, LOCATION_KEYS, "JSON Resume location")
        if place := ", ".join(text for key in LOCATION_KEYS if (text := fields.text(location, key))):
            pairs.append(Pair("Location", place))
    elif location is not None:
        fields.warn(f"CV field 'location' should be a mapping (city, region...), not {describe(location)}; left out",
                    basics, "location")
    for _, profile in fields.mappings(fields.list(basics, "profiles"), "JSON Resume profile", "network, username, url"):
        fields.unshown(profile, ("network", "username", "url"), "JSON Resume profile")
        network = fields.text(profile, "network")
        if network and (address := fields.text(profile, "url") or fields.text(profile, "username")):
            pairs.append(Pair(network, address))
    if summary := fields.text(basics, "summary"):
        pairs.append(Pair("Summary", summary))
    return tuple(pairs)


def _details(entry: dict, fields: Fields, *keys: str) -> tuple:
    return tuple(items for key in keys if (items := fields.texts(entry, key)))


def _work(entry: dict, fields: Fields) -> Entry:
    return Entry(title=fields.text(entry, "position"), date=dates(entry, fields, "startDate", "endDate"),
                 institution=fields.text(entry, "name"), location=fields.text(entry, "location"),
                 department=fields.text(entry, "description"), url=fields.text(entry, "url"),
                 lists=_details(entry, fields, "summary", "highlights"))


def _volunteer(entry: dict, fields: Fields) -> Entry:
    return Entry(title=fields.text(entry, "position"), date=dates(entry, fields, "startDate", "endDate"),
                 institution=fields.text(entry, "organization"), url=fields.text(entry, "url"),
                 lists=_details(entry, fields, "summary", "highlights"))


def _education(entry: dict, fields: Fields) -> Entry:
    degree, area = fields.text(entry, "studyType"), fields.text(entry, "area")
    score = fields.text(entry, "score")
    return Entry(title=f"{degree} in {area}" if degree and area else degree or area,
                 date=dates(entry, fields, "startDate", "endDate"), institution=fields.text(entry, "institution"),
                 department=f"Score: {score}" if score else "", url=fields.text(entry, "url"),
                 lists=_details(entry, fields, "courses"))


def _award(entry: dict, fields: Fields) -> Entry:
    return Entry(title=fields.text(entry, "title"), date=fields.text(entry, "date"),
                 institution=fields.text(entry, "awarder"), lists=_details(entry, fields, "summary"))


def _certificate(entry: dict, fields: Fields) -> Entry:
    return Entry(title=fields.text(entry, "name"), date=fields.text(entry, "date"),
                 institution=fields.text(entry, "issuer"), url=fields.text(entry, "url"))


def _publication(entry: dict, fields: Fields) -> Entry:
    return Entry(title=fields.text(entry, "name"), date=fields.text(entry, "releaseDate"),
                 institution=fields.text(entry, "publisher"), url=fields.text(entry, "url"),
                 lists=_details(entry, fields, "summary"))


def _project(entry: dict, fields: Fields) -> Entry:
    return Entry(title=fields.text(entry, "name"), date=dates(entry, fields, "startDate", "endDate"),
                 institution=fields.text(entry, "entity"), department=fields.text(entry, "type"),
                 url=fields.text(entry, "url"), lists=_details(entry, fields, "description", "highlights", "roles",
                                                               "keywords"))


def _reference(entry: dict, fields: Fields) -> Entry:
    return Entry(title=fields.text(entry, "name"), lists=_details(entry, fields, "reference"))


def _keywords(entry: dict, fields: Fields) -> Group | None:
    name, level = fields.text(entry, "name"), fields.text(entry, "level")
    title = f"{name} ({level})" if name and level else name or level
    return Group(title, fields.texts(entry, "keywords")) if title else None


def _language(entry: dict, fields: Fields) -> Pair | None:
    language = fields.text(entry, "language")
    return Pair(language, fields.text(entry, "fluency")) if language else None


_DATED = ("startDate", "endDate", "url", "summary", "highlights")
#: Each section: how it is drawn, how an entry is read, and the fields an entry may have.
READERS: dict[str, tuple[str, Callable[[dict, Fields], Any], tuple[str, ...]]] = {
    "work": ("time_table", _work, ("name", "position", "location", "description", *_DATED)),
    "volunteer": ("time_table", _volunteer, ("organization", "position", *_DATED)),
    "education": ("time_table", _education, ("institution", "area", "studyType", "startDate", "endDate", "score",
                                             "courses", "url")),
    "awards": ("time_table", _award, ("title", "date", "awarder", "summary")),
    "certificates": ("time_table", _certificate, ("name", "date", "issuer", "url")),
    "publications": ("time_table", _publication, ("name", "publisher", "releaseDate", "url", "summary")),
    "skills": ("nested_list", _keywords, ("name", "level", "keywords")),
    "languages": ("map", _language, ("language", "fluency")),
    "interests": ("nested_list", _keywords, ("name", "keywords")),
    "references": ("time_table", _reference, ("name", "reference")),
    "projects": ("time_table", _project, ("name", "description", "highlights", "keywords", "startDate", "endDate",
                                          "url", "roles", "entity", "type")),
}
