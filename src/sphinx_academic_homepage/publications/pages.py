"""A page per paper, generated from the bibliography when the site is written (``papers/<key>.html``).

Google Scholar indexes a paper from a page of its own that carries Highwire Press tags
(``citation_title``, one ``citation_author`` per author, ``citation_publication_date``...), and search
engines read schema.org ``ScholarlyArticle`` JSON-LD; a list of fifty papers on one page gives them
neither. Every entry of :class:`.domain.PublicationsDomain` gets such a page: no source file per paper,
the page is added on ``html-collect-pages`` from the same :class:`.model.Publication` the lists show, and
rendered with the same nodes (:mod:`.render`). Every list entry links to it from its title.

Setting: ``homepage_paper_pages`` = the folder of the pages ("papers"; ``None`` or "" for no pages).
A key is used as the file name when it is made of letters, digits, ``.``, ``_`` and ``-``; other
characters become ``-``, and a name already taken (another key, a page of the site, ``index``) gets
``-2``, ``-3``... in file order, so every key has its own page whatever it contains.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import new_document

from ..buildstate import build_state
from ..config import homepage_config
from ..generated_pages import GeneratedPage, add_generated_pages
from ..head import HeadEntry, Meta, ScriptData
from ..meta import shorten
from ..priorities import PRIORITY
from ..urls import is_safe_url
from .domain import PublicationsDomain
from .latex import parse_latex, plain_text
from .loader import model_digests
from .model import Publication
from .nodes import publication_block, publication_code, publication_copy_button
from .render import RenderOptions, author_block, link_button, text_nodes, venue_line

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ARXIV_ABS = re.compile(r"^https?://arxiv\.org/(?:abs|pdf)/([^?#]+?)(?:\.pdf)?/?$", re.I)
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(.+)$", re.I)
_JOURNAL_TYPES = {"article", "periodical"}
_CONFERENCE_TYPES = {"inproceedings", "conference", "proceedings"}


def paper_folder(config: Any) -> str:
    return homepage_config(config).paper_pages


def page_names(publications: dict[str, Publication], folder: str, taken: set[str]) -> dict[str, str]:
    """Lower-case key -> page name (``folder/name``, no suffix), unique and safe as a file name."""
    names: dict[str, str] = {}
    used = {name.lower() for name in taken} | {f"{folder}/index".lower()}
    for lower_key, publication in publications.items():
        stem = _UNSAFE.sub("-", publication.key).strip(".-") or "paper"
        candidate, number = stem, 1
        while f"{folder}/{candidate}".lower() in used:
            number += 1
            candidate = f"{stem}-{number}"
        used.add(f"{folder}/{candidate}".lower())
        names[lower_key] = f"{folder}/{candidate}"
    return names


def paper_pages(app: Sphinx) -> dict[str, str]:
    """The page name of every publication, computed once per build (empty without the setting)."""
    state = build_state(app)
    if state.paper_pages is None:
        folder = paper_folder(app.config)
        domain = app.env.get_domain("cite")
        publications = getattr(domain, "publications", {})
        state.paper_pages = page_names(publications, folder, set(app.env.found_docs)) if folder else {}
    return state.paper_pages


def paper_uri(app: Sphinx, docname: str, key: str) -> str | None:
    """The link from ``docname`` to the page of ``key``, for HTML builders; None elsewhere."""
    if app.builder.format != "html" or app.builder.name in {"singlehtml"}:
        return None
    page = paper_pages(app).get(key.lower())
    return app.builder.get_relative_uri(docname, page) if page else None


# -- facts for the head --------------------------------------------------------------------------


def arxiv_id(publication: Publication) -> str:
    for link in publication.links:
        match = _ARXIV_ABS.match(link.target) if not link.local else None
        if match and link.label == "arXiv":
            return match.group(1)
    return ""


def doi(publication: Publication) -> str:
    for link in publication.links:
        match = _DOI_URL.match(link.target) if link.label == "DOI" and not link.local else None
        if match:
            return match.group(1)
    return ""


def _field_text(publication: Publication, *names: str) -> str:
    for name in names:
        value = publication.fields.get(name)
        if value:
            return plain_text(parse_latex(value)).strip()
    return ""


def pdf_url(publication: Publication, download_url: str | None) -> str:
    """A URL that serves the PDF itself: a local file, a link ending in .pdf, or arXiv's PDF when the
    ``pdf`` field names an arXiv page; an HTML landing page is not one (Scholar would index the wrong file)."""
    for link in publication.links:
        if link.label == "PDF" and link.local:
            return download_url or ""
    # The field as written: the model drops a PDF button that repeats the arXiv one.
    target = (publication.fields.get("pdf") or "").strip()
    if "://" not in target or not is_safe_url(target):
        return ""
    if urlsplit(target).path.lower().endswith(".pdf"):
        return target
    match = _ARXIV_ABS.match(target)
    return f"https://arxiv.org/pdf/{match.group(1)}" if match else ""


def highwire_tags(publication: Publication, pdf: str) -> list[tuple[str, str]]:
    tags = [("citation_title", plain_text(publication.title))]
    tags += [("citation_author", person.name) for person in publication.authors if not person.is_others]
    if publication.year:
        tags.append(("citation_publication_date", publication.year))
    if publication.type in _JOURNAL_TYPES:
        venue = _field_text(publication, "journal", "journaltitle")
        if venue:
            tags.append(("citation_journal_title", venue))
    elif publication.type in _CONFERENCE_TYPES:
        venue = _field_text(publication, "booktitle")
        if venue:
            tags.append(("citation_conference_title", venue))
    for tag, field_name in (("citation_volume", "volume"), ("citation_issue", "number"), ("citation_publisher", "publisher")):
        value = _field_text(publication, field_name)
        if value:
            tags.append((tag, value))
    pages = _field_text(publication, "pages")
    if pages:
        first, *last = re.split(r"\s*[-–—]+\s*", pages, maxsplit=1)
        tags.append(("citation_firstpage", first))
        if last and last[0]:
            tags.append(("citation_lastpage", last[0]))
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    if doi(publication):
        tags.append(("citation_doi", doi(publication)))
    if arxiv_id(publication):
        tags.append(("citation_arxiv_id", arxiv_id(publication)))
    return tags


def scholarly_article(publication: Publication, url: str, pdf: str) -> dict[str, Any]:
    title = plain_text(publication.title)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": title,
        "name": title,
        "url": url,
        "author": [{"@type": "Person", "name": person.name} for person in publication.authors if not person.is_others],
    }
    if publication.year:
        data["datePublished"] = publication.year
    venue = plain_text(publication.venue).removeprefix("In ").strip()
    if venue:
        kind = "Periodical" if publication.type in _JOURNAL_TYPES else "CreativeWork"
        data["isPartOf"] = {"@type": kind, "name": venue}
    if publication.abstract:
        data["abstract"] = plain_text(publication.abstract)
    identifiers = []
    if doi(publication):
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": doi(publication)})
    if arxiv_id(publication):
        identifiers.append({"@type": "PropertyValue", "propertyID": "arXiv", "value": arxiv_id(publication)})
    if identifiers:
        data["identifier"] = identifiers
    external = [link.target for link in publication.links if not link.local]
    if external:
        data["sameAs"] = external
    if pdf:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"}
    return data


def description(publication: Publication) -> str:
    """Title first (what a result page shows first), then venue and year, then authors."""
    venue = ", ".join(filter(None, [plain_text(publication.venue).strip(" .,"), publication.year]))
    names = ", ".join(person.name for person in publication.authors)
    parts = [plain_text(publication.title).strip(" ."), venue, names]
    return ". ".join(part for part in parts if part) + "."


def head_entries(publication: Publication, url: str, pdf: str, description: str) -> tuple[HeadEntry, ...]:
    return (
        Meta("description", description),
        *(Meta(name, value) for name, value in highwire_tags(publication, pdf)),
        ScriptData(scholarly_article(publication, url, pdf)),
    )


# -- the page ---------------------------------------------------------------------------------------


def _section(title: str, ids: str, *body: nodes.Node) -> nodes.section:
    return nodes.section("", nodes.title("", title), *body, ids=[ids], names=[ids])


def paper_doctree(app: Sphinx, publication: Publication, pagename: str, files: dict[str, str]) -> nodes.document:
    """The page's content as nodes: title, authors, venue, links, abstract, BibTeX."""
    document = new_document(pagename)
    options = RenderOptions.from_config(app.config, max_authors=None)
    section = nodes.section("", ids=["paper"], classes=["homepage-paper"])
    section += nodes.title("", "", *text_nodes(publication.title))
    if publication.authors:
        section += author_block(publication, options)
    venue = venue_line(publication)
    if venue is not None:
        section += venue
    if publication.annotation:
        section += nodes.paragraph("", "", *text_nodes(publication.annotation), classes=["homepage-pub__annotation"])
    if publication.note:
        section += nodes.paragraph("", "", *text_nodes(publication.note), classes=["homepage-pub__note"])
    links = [link_button(link, pagename, files) for link in publication.links if not link.local or link.target in files]
    if links:
        section += publication_block("", "", *links, classes=["homepage-pub__links"])
    if publication.award:
        section += _section(publication.award_name, "award", nodes.paragraph("", "", *text_nodes(publication.award)))
    if publication.abstract:
        section += _section("Abstract", "abstract", nodes.paragraph("", "", *text_nodes(publication.abstract)))
    if publication.bibtex and publication.bibtex_show is not False:
        code = publication_code("", code=publication.bibtex)
        copy = publication_copy_button("", "Copy", classes=["homepage-pub__copy"])
        section += _section("BibTeX", "bibtex", code, copy)
    document += section
    return document


def _download_files(app: Sphinx, publication: Publication) -> dict[str, str]:
    """Local files (pdf={file}) that a list registered for download: the paper page links to the same copy."""
    files = {}
    for link in publication.links:
        if link.local and link.target in app.env.dlfiles:
            files[link.target] = app.env.dlfiles[link.target][1]
    return files


def _paper_summary(publication: Publication) -> str:
    return shorten(plain_text(publication.abstract) or description(publication))


def _paper_context(publication: Publication) -> dict[str, Any]:
    return {"homepage_paper_summary": _paper_summary(publication)}


def _paper_head(app: Sphinx, publication: Publication, pagename: str, files: dict[str, str]) -> tuple[HeadEntry, ...]:
    base = (app.config.html_baseurl or "").rstrip("/")
    base = base + "/" if base else ""
    url = urljoin(base, app.builder.get_target_uri(pagename)) if base else app.builder.get_target_uri(pagename)
    local_pdf = next((files[link.target] for link in publication.links if link.local and link.label == "PDF" and link.target in files), None)
    download_url = (urljoin(base, "_downloads/" + local_pdf) if base else "") if local_pdf else None
    pdf = pdf_url(publication, download_url)
    return head_entries(publication, url, pdf, _paper_summary(publication))


def paper_pages_to_write(app: Sphinx) -> Iterator[GeneratedPage]:
    if app.builder.name == "singlehtml":
        return
    domain = app.env.get_domain("cite")
    publications: dict[str, Publication] = getattr(domain, "publications", {})
    # What each page shows is made only when it is written: a build that finds a page's inputs unchanged (every
    # page, in a no-op build) takes only these digests, not a thousand doctrees and heads. The page's address (the
    # site's address and the builder) is no input: a change to it has Sphinx write every page, these too.
    digests = model_digests(domain) if isinstance(domain, PublicationsDomain) else {}
    for lower_key, pagename in paper_pages(app).items():
        publication = publications[lower_key]
        files = _download_files(app, publication)
        yield GeneratedPage(
            pagename,
            plain_text(publication.title),
            partial(_paper_body, app, publication, pagename, files),
            head=partial(_paper_head, app, publication, pagename, files),
            context=partial(_paper_context, publication),
            # Plain nodes: no reference or list on the page to resolve.
            resolve=False,
            inputs=(digests.get(lower_key) or publication, publication.key, tuple(sorted(files.items()))),
        )


def _paper_body(app: Sphinx, publication: Publication, pagename: str, files: dict[str, str]) -> nodes.Element:
    return paper_doctree(app, publication, pagename, files)[0]


def add_open_graph(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """sphinxext-opengraph skips pages without a doctree (collected pages): give it one."""
    summary = context.get("homepage_paper_summary")
    if doctree is not None or summary is None or "sphinxext.opengraph" not in app.extensions:
        return
    from sphinxext.opengraph import get_tags

    # Its description is the first text of the doctree it is given: the same summary as the page's.
    paper = new_document(pagename)
    paper += nodes.paragraph("", summary)

    context["metatags"] += get_tags(
        context, paper, srcdir=app.srcdir, outdir=app.outdir, config=app.config, builder=app.builder, env=app.env
    )


def setup_paper_pages(app: Sphinx) -> None:
    add_generated_pages(app, paper_pages_to_write)
    app.connect("html-page-context", add_open_graph, priority=PRIORITY.paper_open_graph)
