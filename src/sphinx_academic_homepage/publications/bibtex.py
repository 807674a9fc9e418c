"""The BibTeX a visitor copies: re-written from the parsed entry, without the site's display fields.

al-folio filters the entry's source text with regular expressions, which leaks multi-line display
fields and deletes lines that merely start like one. Writing the entry again from pybtex's parse
cannot do either: every field is one value, and a display field is dropped by name.
"""

from __future__ import annotations

from collections.abc import Iterable

from pybtex.database import Entry

#: Fields that configure the site, not the paper (al-folio's ``filtered_bibtex_keywords`` and ours).
DISPLAY_FIELDS = frozenset(
    {
        "abbr",
        "abstract",
        "additional_info",
        "altmetric",
        "annotation",
        "arxiv",
        "award",
        "award_name",
        "bibtex_show",
        "blog",
        "code",
        "dimensions",
        "google_scholar_id",
        "html",
        "inspirehep_id",
        "keywords",
        "max_author_limit",
        "pdf",
        "poster",
        "preview",
        "selected",
        "slides",
        "supp",
        "video",
        "website",
    }
)


def serialise(entry: Entry, key: str, hidden_fields: Iterable[str] = DISPLAY_FIELDS) -> str:
    """The entry as BibTeX: persons right after the title, other fields in file order, aligned.

    Values are written in braces as pybtex read them; pybtex only accepts values whose braces balance,
    so the braces written here always balance too.
    """
    hidden = {name.lower() for name in hidden_fields}
    fields: list[tuple[str, str]] = []
    # pybtex keeps names apart from the other fields (its person roles are author and editor).
    persons = [
        (role.lower(), " and ".join(str(person) for person in people)) for role, people in entry.persons.items()
    ]
    inserted = False
    for name, value in entry.fields.items():
        if name.lower() in hidden:
            continue
        fields.append((name.lower(), value))
        if name.lower() == "title" and not inserted:
            fields.extend(persons)
            inserted = True
    if not inserted:
        fields[0:0] = persons
    width = max((len(name) for name, _ in fields), default=0)
    lines = [f"@{entry.original_type}{{{key},"]
    lines += [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines)
