"""Publications as docutils nodes, in al-folio's layout (``_layouts/bib.liquid``).

One entry is ``li.homepage-pub#<key>``: an aside with the ``abbr`` badge and the preview, then the title,
the authors (the owner in ``.homepage-pub__me``, marks as superscripts, "and N more authors" opening in
place), the annotation, the venue and date, the note, and one row of buttons in al-folio's order where
award, abstract and BibTeX are ``<details>`` that open below the row.

A list grouped by year shows its newest years as they are; once ``open_entries`` entries are on show, each
older year is a :class:`.nodes.publication_year`, collapsed under its heading, which says how many entries
it holds: a phone lays out only what it shows of a list of a thousand entries.

Entries are rendered when a page is written: the ``publications`` directive and the selected papers
leave a :class:`.nodes.publication_list` placeholder, which :class:`.expand.ExpandPublicationLists`
replaces with :func:`expand_list`. This module knows nodes and the model only; the link to an entry's
own page comes in as a function, so the paper pages (:mod:`.pages`) can render with these helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from docutils import nodes
from sphinx import addnodes

from ..config import homepage_config
from ..images import ResponsiveImage
from ..urls import is_safe_url
from ..venue_styles import venue_class
from .latex import Rich, links as rich_links, plain_text, rich_nodes
from .model import Link, Publication
from .names import Author
from .nodes import (
    publication_block,
    publication_code,
    publication_copy_button,
    publication_details,
    publication_heading,
    publication_item,
    publication_list,
    publication_summary,
    publication_year,
)
from .previews import preview_image


@dataclass(frozen=True)
class RenderOptions:
    #: show at most this many authors, then "and N more authors" (None: all)
    max_authors: int | None = None
    #: show the BibTeX of entries that do not say ``bibtex_show``
    bibtex_show: bool = True
    #: level of the year headings
    heading_level: int = 2

    @classmethod
    def from_config(cls, config: Any, **overrides: Any) -> RenderOptions:
        """The site's defaults (``homepage_max_author_limit``, ``homepage_bibtex_show``), then ``overrides``."""
        settings = homepage_config(config)
        defaults = {"max_authors": settings.max_author_limit, "bibtex_show": settings.bibtex_show}
        return cls(**(defaults | overrides))


def text_nodes(rich: Rich) -> list[nodes.Node]:
    return rich_nodes(rich, is_safe_url)


def _merged(parts: list[nodes.Node | str]) -> list[nodes.Node]:
    """Nodes for ``parts``, each run of plain strings joined once into one text node: an author list is one
    text node, not one per name, and 20,000 names take linear time."""
    children: list[nodes.Node] = []
    texts: list[str] = []
    for part in parts:
        if type(part) is str:
            texts.append(part)
            continue
        if texts:
            children.append(nodes.Text("".join(texts)))
            texts = []
        children.append(part)
    if texts:
        children.append(nodes.Text("".join(texts)))
    return children


def _add_author(parts: list[nodes.Node | str], person: Author) -> None:
    if person.is_others:
        parts.append(nodes.emphasis("", "et al."))
        return
    marks = [nodes.superscript("", person.marks)] if person.marks else []
    if person.is_owner:
        parts.append(nodes.emphasis("", "", nodes.Text(person.name), *marks, classes=["homepage-pub__me"]))
    elif person.url:
        parts += [nodes.reference("", person.name, refuri=person.url, classes=["homepage-pub__coauthor"]), *marks]
    else:
        parts += [person.name, *marks]


def _joined(people: list[Author], *, final_and: bool) -> list[nodes.Node | str]:
    """ "A", "A and B", "A, B, and C", "A, B, et al."; without ``final_and`` just commas (more names follow)."""
    parts: list[nodes.Node | str] = []
    for index, person in enumerate(people):
        if index:
            if final_and and index == len(people) - 1 and not person.is_others:
                parts.append(" and " if len(people) == 2 else ", and ")
            else:
                parts.append(", ")
        _add_author(parts, person)
    return parts


def _details(kind: str, label: str, *body: nodes.Node) -> publication_details:
    return publication_details("", publication_summary("", label), *body, classes=[f"homepage-pub__{kind}"])


def author_block(publication: Publication, options: RenderOptions) -> nodes.Element:
    people = list(publication.authors)
    limit = publication.max_authors or options.max_authors
    shown = len(people)
    if limit and len(people) > limit:
        # Never hide the owner behind "more authors": the list is his.
        owner_at = next((index for index, person in enumerate(people) if person.is_owner), -1)
        shown = max(limit, owner_at + 1)
    if shown >= len(people):
        parts = _joined(people, final_and=True)
        if publication.author_role == "editor":
            parts.append(" (editors)" if len(people) > 1 else " (editor)")
        return publication_block("", "", *_merged(parts), classes=["homepage-pub__authors"])
    hidden = people[shown:]
    parts = [*_joined(people[:shown], final_and=False), ", and "]
    more = _details(
        "more-authors",
        f"{len(hidden)} more author{'s' if len(hidden) > 1 else ''}",
        nodes.inline("", "", *_merged(_joined(hidden, final_and=True))),
    )
    return publication_block("", "", *_merged(parts), more, classes=["homepage-pub__authors"])


def link_button(link: Link, docname: str, files: dict[str, str]) -> nodes.Element:
    if link.local:
        return addnodes.download_reference(
            "",
            "",
            nodes.inline("", link.label),
            refdoc=docname,
            reftarget="/" + link.target,
            refexplicit=True,
            filename=files[link.target],
            classes=["homepage-pub__button"],
        )
    return nodes.reference("", link.label, refuri=link.target, internal=False, classes=["homepage-pub__button"])


def venue_line(publication: Publication) -> nodes.paragraph | None:
    date = " ".join(filter(None, [publication.month, publication.year]))
    children = text_nodes(publication.venue)
    if date:
        if plain_text(publication.venue).strip():
            children.append(nodes.Text(", "))
        children.append(nodes.Text(date))
    if not children:
        return None
    return nodes.paragraph("", "", *children, classes=["homepage-pub__venue"])


def render_publication(
    publication: Publication,
    anchor: str,
    docname: str,
    options: RenderOptions,
    files: dict[str, str],
    page_uri: str | None = None,
    previews: dict[str, ResponsiveImage | None] | None = None,
) -> publication_item:
    """The list item for one publication; ``anchor`` is its unique id on the page, ``page_uri`` the link
    to the paper's own page (:mod:`.pages`): its title, or a "Page" button when the title holds links;
    ``previews`` the copies of each preview the page registered (:func:`.previews.register_preview`)."""
    item = publication_item(ids=[anchor], classes=["homepage-pub"])
    aside = _aside(publication, (previews or {}).get(publication.preview))
    if aside.children:
        item += aside
        item["classes"].append("homepage-pub--with-aside")
    title_links = bool(page_uri) and not rich_links(publication.title)
    body = nodes.container(classes=["homepage-pub__body"])
    body += _title(publication, page_uri if title_links else None)
    if publication.authors:
        body += author_block(publication, options)
    if publication.annotation:
        body += nodes.paragraph("", "", *text_nodes(publication.annotation), classes=["homepage-pub__annotation"])
    venue = venue_line(publication)
    if venue is not None:
        body += venue
    if publication.note:
        body += nodes.paragraph("", "", *text_nodes(publication.note), classes=["homepage-pub__note"])
    actions = _actions(publication, docname, options, files)
    if page_uri and not title_links:
        actions.append(
            nodes.reference("", "Page", refuri=page_uri, internal=True, classes=["homepage-pub__button", "homepage-pub__page"])
        )
    if actions:
        body += publication_block("", "", *actions, classes=["homepage-pub__links"])
    item += body
    return item


def _badge(publication: Publication) -> nodes.Node:
    """The ``abbr`` badge; with its venue in ``venues.yml``, in the venue's colour and a link to its page."""
    classes = ["homepage-pub__badge"]
    venue = publication.venue_of_abbr
    if venue is not None and venue.colour:
        classes.append(venue_class(venue.abbr))
    badge = nodes.abbreviation("", publication.abbr, classes=classes, explanation=plain_text(publication.venue))
    if venue is not None and venue.url:
        return nodes.reference("", "", badge, refuri=venue.url, classes=["homepage-pub__venue"])
    return badge


def _aside(publication: Publication, preview: ResponsiveImage | None) -> nodes.container:
    """The ``abbr`` badge and the preview (empty when the entry has neither)."""
    aside = nodes.container(classes=["homepage-pub__aside"])
    if publication.abbr:
        aside += nodes.paragraph("", "", _badge(publication))
    if publication.preview:
        aside += preview_image(publication.preview, preview)
    return aside


def _title(publication: Publication, page_uri: str | None) -> nodes.paragraph:
    """The title, a link to the paper's page when ``page_uri`` is given."""
    title = text_nodes(publication.title)
    if page_uri:
        title = [nodes.reference("", "", *title, refuri=page_uri, internal=True, classes=["homepage-pub__page"])]
    return nodes.paragraph("", "", *title, classes=["homepage-pub__title"])


def _actions(publication: Publication, docname: str, options: RenderOptions, files: dict[str, str]) -> list[nodes.Node]:
    """The row of buttons in al-folio's order: award, Abs, arXiv, Bib, then the other links."""
    actions: list[nodes.Node] = []
    if publication.award:
        actions.append(
            _details("award", publication.award_name, nodes.paragraph("", "", *text_nodes(publication.award)))
        )
    if publication.abstract:
        actions.append(_details("abstract", "Abstract", nodes.paragraph("", "", *text_nodes(publication.abstract))))
    links = [link_button(link, docname, files) for link in publication.links]
    if links and publication.links[0].label == "arXiv":
        actions.append(links.pop(0))
    show_bibtex = publication.bibtex_show if publication.bibtex_show is not None else options.bibtex_show
    if show_bibtex and publication.bibtex:
        code = publication_code("", code=publication.bibtex)
        copy = publication_copy_button("", "Copy", classes=["homepage-pub__copy"])
        actions.append(_details("bibtex", "BibTeX", code, copy))
    return actions + links


def render_heading(text: str, anchor: str, options: RenderOptions) -> publication_heading:
    return publication_heading(
        "", text, level=options.heading_level, ids=[anchor], classes=["homepage-pubs__heading"]
    )


#: What puts an entry in a list: given the publication, its anchor, the link to its page and what renders it.
EntryMaker = Callable[[Publication, str, "str | None", Callable[[], nodes.Element]], nodes.Element]


def collapsed_year(heading: publication_heading, bullet_list: nodes.bullet_list) -> publication_year:
    """A year folded under its heading, which then says how many entries it holds."""
    count = len(bullet_list.children)
    heading += nodes.Text(" ")
    heading += nodes.inline("", f"{count} {'entry' if count == 1 else 'entries'}", classes=["homepage-pubs__count"])
    return publication_year("", heading, bullet_list, classes=["homepage-pubs__year"])


def expand_list(
    placeholder: publication_list,
    publications: dict[str, Publication],
    docname: str,
    page_uri: Callable[[str], str | None] = lambda key: None,
    entry: EntryMaker | None = None,
    open_entries: int = 0,
) -> list[nodes.Node]:
    """The year headings and ``ul.homepage-pubs`` lists a :class:`publication_list` stands for;
    ``page_uri(key)`` links an entry to its paper page; ``entry`` puts each entry in (None: rendered).
    Once ``open_entries`` entries are on show (0: never), the older years come collapsed (:func:`collapsed_year`)."""
    options: RenderOptions = placeholder["options"]
    result: list[nodes.Node] = []
    shown = 0
    for label, heading_id, items in placeholder["groups"]:
        heading = render_heading(label, heading_id, options) if heading_id else None
        bullet_list = nodes.bullet_list(classes=["homepage-pubs"])
        for key, anchor in items:
            publication = publications.get(key.lower())
            if publication is not None:  # the page is read again when its lists would choose other entries
                uri = page_uri(key)
                render = partial(
                    render_publication, publication, anchor, docname, options, placeholder["files"], uri, placeholder["previews"]
                )
                bullet_list += render() if entry is None else entry(publication, anchor, uri, render)
        if heading is None:
            result.append(bullet_list)
        elif open_entries and shown >= open_entries:
            result.append(collapsed_year(heading, bullet_list))
        else:
            result += [heading, bullet_list]
        shown += len(bullet_list.children)
    return result
