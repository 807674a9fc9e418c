"""RenderCV's YAML (al-folio's ``_data/cv.yml`` since 2026): ``cv:`` with the owner's details and ``sections:``.

``cv`` holds ``name``, ``headline``, ``location``, ``email``, ``phone``, ``website``, ``photo``,
``social_networks`` (``network``, ``username``) and ``sections``: a mapping of section titles to lists of
entries, all of one type, which RenderCV tells apart by their keys (as this reader does):

- education (``institution``, ``area``, ``degree``), experience (``company``, ``position``), normal (``name``)
  and publication (``title``, ``authors``, ``journal``, ``doi``, ``url``) entries: dated entries, each with
  ``date`` or ``start_date``/``end_date``, ``location``, ``summary`` and ``highlights``;
- one-line entries (``label``, ``details``): pairs;
- bullet (``bullet``), numbered (``number``) and reversed-numbered (``reversed_number``) entries: items;
- text entries: plain strings, paragraphs.

The owner's details become the CV's first section, "General Information", as al-folio's older format writes
them. RenderCV's ``design``, ``locale`` and ``settings`` describe RenderCV's own PDF, not the CV: not read.
"""

from __future__ import annotations

from typing import Any

from .fields import TEXT_TYPES, Fields, describe
from .model import Entry, Item, Pair, Section

#: The owner's details, in the order the page shows them, with the name each is shown under.
HEADER = {"name": "Name", "headline": "Headline", "location": "Location", "email": "Email", "phone": "Phone",
          "website": "Website"}
#: Keys of the file beside ``cv`` that belong to RenderCV's own rendering.
RENDERING_KEYS = ("design", "locale", "settings", "rendercv_settings")

#: A social network's profile address, from its username.
PROFILE_URLS = {
    "linkedin": "https://linkedin.com/in/{}",
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "instagram": "https://instagram.com/{}",
    "orcid": "https://orcid.org/{}",
    "google scholar": "https://scholar.google.com/citations?user={}",
    "researchgate": "https://researchgate.net/profile/{}",
    "youtube": "https://youtube.com/@{}",
    "x": "https://x.com/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "telegram": "https://t.me/{}",
    "leetcode": "https://leetcode.com/u/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "imdb": "https://imdb.com/name/{}",
}

# Entry types by the key that marks them, most specific first, and each one's fields.
_DATED = ("date", "start_date", "end_date", "location", "summary", "highlights")
ENTRY_TYPES = {
    "education": (("institution", "area"), ("institution", "area", "degree", *_DATED)),
    "experience": (("company", "position"), ("company", "position", *_DATED)),
    "publication": (("title", "authors"), ("title", "authors", "journal", "doi", "url", "date", "summary")),
    "one-line": (("label", "details"), ("label", "details")),
    "bullet": (("bullet",), ("bullet",)),
    "numbered": (("number",), ("number",)),
    "reversed-numbered": (("reversed_number",), ("reversed_number",)),
    "normal": (("name",), ("name", *_DATED)),
}
SECTION_KIND = {"education": "time_table", "experience": "time_table", "publication": "time_table",
                "normal": "time_table", "one-line": "map", "bullet": "list", "numbered": "numbered",
                "reversed-numbered": "reversed_numbered", "text": "text"}


def is_rendercv(data: Any) -> bool:
    return isinstance(data, dict) and "cv" in data


def entry_type(entry: Any) -> str | None:
    """RenderCV's type of an entry, told by its keys; None for an entry of no type."""
    if isinstance(entry, TEXT_TYPES):
        return "text"
    if isinstance(entry, dict):
        for name, (marks, _) in ENTRY_TYPES.items():
            if all(key in entry for key in marks):
                return name
    return None


def section_title(key: str) -> str:
    """RenderCV's title of a section: ``work_experience`` is shown as "Work Experience"."""
    if key != key.lower():
        return key
    return " ".join(word[:1].upper() + word[1:] for word in key.replace("_", " ").split())


def read_rendercv(data: dict, fields: Fields) -> tuple[Section, ...]:
    fields.unshown(data, ("cv", *RENDERING_KEYS), "RenderCV")
    cv = data["cv"]
    if not isinstance(cv, dict):
        fields.warn(f"the CV's 'cv' should be a mapping (name, email, sections...), not {describe(cv)}", data, "cv")
        return ()
    fields.unshown(cv, (*HEADER, "social_networks", "sections"), "RenderCV cv")
    general = [Pair(label, text) for key, label in HEADER.items() if (text := fields.text(cv, key))]
    general += _profiles(fields.list(cv, "social_networks"), fields)
    sections = [Section("General Information", "map", tuple(general))] if general else []
    written = cv.get("sections")
    if written is not None and not isinstance(written, dict):
        fields.warn(f"the CV's 'sections' should be a mapping of titles to entries, not {describe(written)}", cv,
                    "sections")
        written = {}
    for key, entries in (written or {}).items():
        if section := _section(written, key, entries, fields):
            sections.append(section)
    return tuple(sections)


def _profiles(networks: list, fields: Fields) -> list[Pair]:
    profiles = []
    for _, network in fields.mappings(networks, "RenderCV social network", "network, username"):
        fields.unshown(network, ("network", "username"), "RenderCV social network")
        name, username = fields.text(network, "network"), fields.text(network, "username")
        if not name or not username:
            fields.warn(f"a social network needs a network and a username, not {describe(network)}; left out", network)
            continue
        profiles.append(Pair(name, profile_url(name, username)))
    return profiles


def profile_url(network: str, username: str) -> str:
    """The address of a profile; the username itself for a network RenderCV does not know."""
    if network.casefold() == "mastodon" and username.count("@") == 2:
        user, host = username.lstrip("@").split("@")
        return f"https://{host}/@{user}"
    template = PROFILE_URLS.get(network.casefold())
    return template.replace("{}", username) if template else username


def _section(written: dict, key: Any, entries: Any, fields: Fields) -> Section | None:
    title = section_title(str(key))
    if isinstance(entries, TEXT_TYPES):
        entries = [entries]  # a text where a list is expected is a list of one
    if not isinstance(entries, list):
        fields.warn(f"CV section {title!r} should be a list of entries, not {describe(entries)}; left out", written, key)
        return None
    kinds = [entry_type(entry) for entry in entries]
    first = next((kind for kind in kinds if kind), None)
    contents = []
    for index, (entry, kind) in enumerate(zip(entries, kinds, strict=True)):
        if kind is None:
            fields.warn(f"a CV entry of section {title!r} is of no RenderCV type, not {describe(entry)}; left out",
                        entries, index)
        elif kind != first:
            fields.warn(f"CV section {title!r} holds {first} entries; this {kind} entry is left out", entries, index)
        elif kind == "text":
            contents.append(Item(fields.markup(entry, entries, index)))
        else:
            contents.append(_entry(entry, kind, fields))
    if first is None:
        return None
    return Section(fields.markup(title, written, key), SECTION_KIND[first], tuple(contents))


def dates(entry: dict, fields: Fields, start: str = "start_date", end: str = "end_date", date: str = "date") -> str:
    """An entry's dates as the data writes them: its ``date``, or ``start – end`` (an open end is "present")."""
    if text := fields.text(entry, date):
        return text
    first, last = fields.text(entry, start), fields.text(entry, end)
    if first:
        return f"{first} – {last or 'present'}"
    return last


def _entry(entry: dict, kind: str, fields: Fields) -> Entry | Pair | Item:
    fields.unshown(entry, ENTRY_TYPES[kind][1], f"RenderCV {kind} entry")
    if kind in ("bullet", "numbered", "reversed-numbered"):
        return Item(fields.text(entry, ENTRY_TYPES[kind][0][0]))
    if kind == "one-line":
        return Pair(fields.text(entry, "label"), fields.text(entry, "details"))
    details = tuple(items for items in (fields.texts(entry, "summary"), fields.texts(entry, "highlights")) if items)
    common = {"date": dates(entry, fields), "location": fields.text(entry, "location"), "lists": details}
    if kind == "education":
        degree, area = fields.text(entry, "degree"), fields.text(entry, "area")
        title = f"{degree} in {area}" if degree and area else degree or area
        return Entry(title=title, institution=fields.text(entry, "institution"), **common)
    if kind == "experience":
        return Entry(title=fields.text(entry, "position"), institution=fields.text(entry, "company"), **common)
    if kind == "publication":
        doi = fields.text(entry, "doi")
        authors = ", ".join(item.text for item in fields.texts(entry, "authors"))
        return Entry(title=fields.text(entry, "title"), institution=authors, department=fields.text(entry, "journal"),
                     url=f"https://doi.org/{doi}" if doi else fields.text(entry, "url"), **common)
    return Entry(title=fields.text(entry, "name"), **common)

