"""The CV as a PDF: the CV page's data and the selected papers of the bibliography, set by Typst.

A CV page whose front matter names ``cv_pdf: name.pdf``, with no file of that name in the static folder (a PDF
of the user's own wins), has the build write ``assets/pdf/name.pdf`` (al-folio's address), which the page
offers and a link to ``/assets/pdf/name.pdf`` anywhere reaches (:mod:`~sphinx_academic_homepage.pdflinks`).

The PDF is drawn by ``cv.typ`` from a JSON rendering of the :class:`~.model.CV` and the papers marked
``selected={true}`` (the owner's name in bold and underlined), with the owner's e-mail and profiles
(``homepage_social``) as links. Typst's own fonts have no CJK glyphs; the package ships a subset of Noto Sans CJK
SC (SIL Open Font License 1.1, ``fonts/OFL.txt``; ``scripts/make_cv_font_subset.py``), and CJK fonts installed
on the machine are looked at too. The PDF has no date of its own, so equal inputs make equal bytes.

It is written once the pages are read (``env-updated``), and only when what it is made from (the JSON, the
template, the font, Typst's version) differs from what it was last written from, or the file is gone: a build
after which nothing changed leaves it as it is. Without the ``typst`` package the CV page warns once and
offers no PDF, and links to the PDF go to the CV page instead.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import homepage_config
from ..diagnostics import warn
from ..docstore import DocumentStore, SiteRecord
from ..publications.domain import PublicationsDomain
from ..publications.latex import plain_text
from ..sanitiser import text_of
from ..social import social_links
from .html import link_target
from .model import CV, Entry, Group, Item, Pair, Section

TEMPLATE = Path(__file__).with_name("cv.typ")
FONTS = Path(__file__).with_name("fonts")

#: Page name -> the PDF it has the build write.
CV_PDFS = DocumentStore("homepage_cv_pdfs")
#: PDF path in the built site -> the digest of what it was last written from.
PDF_DIGESTS = SiteRecord("homepage_cv_pdf_digests")


@dataclass(frozen=True)
class CVPdf:
    #: Its path in the built site (``assets/pdf/name.pdf``).
    path: str
    cv: CV


def typst_available() -> bool:
    return importlib.util.find_spec("typst") is not None


def _items(items: tuple[Item, ...]) -> list[dict]:
    return [{"text": text_of(item.text), "heading": item.heading, "children": _items(item.children)} for item in items]


def _pair(pair: Pair) -> dict:
    value = text_of(pair.value)
    return {"name": text_of(pair.name), "value": value, "url": link_target(value) or ""}


def _entry(entry: Entry) -> dict:
    return {
        "title": text_of(entry.title), "date": text_of(entry.date), "institution": text_of(entry.institution),
        "department": text_of(entry.department), "location": text_of(entry.location),
        "url": link_target(text_of(entry.url)) or "" if entry.url else "",
        "lists": [_items(items) for items in entry.lists],
    }


def _group(group: Group) -> dict:
    return {"title": text_of(group.title), "items": _items(group.items)}


def section_data(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"title": text_of(section.title), "kind": section.kind, "pairs": [], "entries": [], "groups": [],
                            "items": []}
    if section.kind == "map":
        data["pairs"] = [_pair(pair) for pair in section.contents]
    elif section.kind == "time_table":
        data["entries"] = [_entry(entry) for entry in section.contents]
    elif section.kind == "nested_list":
        data["groups"] = [_group(group) for group in section.contents]
    else:
        data["items"] = _items(section.contents)
    return data


def selected_papers(env: BuildEnvironment) -> list[dict]:
    """The bibliography's entries marked ``selected={true}``, in file order, as the PDF lists them."""
    domain = env.get_domain("cite")
    if not isinstance(domain, PublicationsDomain):
        return []
    papers = []
    for publication in domain.publications.values():
        if not publication.selected:
            continue
        url = next((link.target for link in publication.links if not link.local and link_target(link.target)), "")
        papers.append({
            "title": plain_text(publication.title).strip(),
            "authors": [{"name": a.name, "marks": a.marks, "owner": a.is_owner} for a in publication.authors],
            "venue": plain_text(publication.venue).strip(" ."),
            "year": publication.year,
            "url": url,
        })
    return papers


def _contacts(app: Sphinx, cv: CV) -> list[dict]:
    """The e-mail address and the owner's profiles, each a link."""
    contacts = []
    if email := text_of(cv.value("Email", "E-mail")):
        contacts.append({"value": email, "url": link_target(email) or ""})
    for link in social_links(app.config):
        url = link_target(link.url.removeprefix("mailto:")) if link.url.startswith("mailto:") else link_target(link.url)
        if url and not link.on_site and all(contact["url"] != url for contact in contacts):
            contacts.append({"value": link.title, "url": url})
    return contacts


def pdf_data(app: Sphinx, record: CVPdf) -> dict[str, Any]:
    """What the template draws: every value text (the CV's HTML reduced to its text), so nothing of the data is
    read as Typst markup."""
    name = text_of(record.cv.value("Name", "Full Name")) or homepage_config(app).owner_name or app.config.author or ""
    return {
        "name": name,
        "title": f"{name} – Curriculum Vitae" if name else "Curriculum Vitae",
        "contacts": _contacts(app, record.cv),
        "sections": [section_data(section) for section in record.cv.sections
                     if not (section.kind == "map" and section.title == "General Information"
                             and {pair.name for pair in section.contents} <= {"Name", "Email"})],
        "papers_title": "Selected Publications",
        "papers": selected_papers(app.env),
    }


@cache
def _fixed_inputs() -> str:
    """The digest of what every CV PDF is made with: the template, the fonts, Typst's version."""
    digest = hashlib.sha256(TEMPLATE.read_bytes())
    for font in sorted(FONTS.glob("*.otf")):
        digest.update(font.read_bytes())
    digest.update(importlib.metadata.version("typst").encode())
    return digest.hexdigest()


def render_pdf(data: dict[str, Any]) -> bytes:
    import typst  # only a build that writes a CV PDF needs it

    return typst.compile(
        TEMPLATE.read_bytes(),
        sys_inputs={"cv": json.dumps(data, ensure_ascii=False)},
        font_paths=[str(FONTS)],
    )


def write_cv_pdfs(app: Sphinx, env: BuildEnvironment) -> None:
    """Write each CV PDF whose inputs changed since it was last written, or whose file is gone."""
    if app.builder.format != "html" or not typst_available():
        return
    digests = dict(PDF_DIGESTS.get(env) or {})
    for docname, record in sorted(CV_PDFS.of(env).items()):
        data = pdf_data(app, record)
        digest = hashlib.sha256((json.dumps(data, sort_keys=True) + _fixed_inputs()).encode()).hexdigest()
        target = Path(app.outdir, record.path)
        if digests.get(record.path) == digest and target.is_file():
            continue
        try:
            pdf = render_pdf(data)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
        except (OSError, RuntimeError) as error:  # typst.TypstError is a RuntimeError
            warn(f"the CV PDF {record.path} could not be written: {error}", "cv", docname)
            continue
        digests[record.path] = digest
    PDF_DIGESTS.set(env, digests)


def setup_cv_pdf(app: Sphinx) -> None:
    CV_PDFS.connect(app)
    app.connect("env-updated", write_cv_pdfs)
