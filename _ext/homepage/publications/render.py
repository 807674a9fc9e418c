"""Publications as docutils nodes, in al-folio's layout (``_layouts/bib.liquid``).

One entry is ``li.homepage-pub#<key>``: an aside with the ``abbr`` badge and the preview, then the title,
the authors (the owner in ``.homepage-pub__me``, marks as superscripts, "and N more authors" opening in
place), the annotation, the venue and date, the note, and one row of buttons in al-folio's order where
award, abstract and BibTeX are ``<details>`` that open below the row.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from ..urls import is_safe_url
from .latex import Rich, plain_text, rich_nodes
from .model import Publication
from .names import Author
from .nodes import (
    publication_copy_button,
    publication_details,
    publication_heading,
    publication_summary,
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


def _rich(rich: Rich) -> list[nodes.Node]:
    return rich_nodes(rich, is_safe_url)


def _author_nodes(person: Author) -> list[nodes.Node]:
    if person.is_others:
        return [nodes.emphasis("", "et al.")]
    children: list[nodes.Node] = [nodes.Text(person.name)]
    if person.marks:
        children.append(nodes.superscript("", person.marks))
    if person.is_owner:
        return [nodes.emphasis("", "", *children, classes=["homepage-pub__me"])]
    return children


def _joined(people: list[Author], *, final_and: bool) -> list[nodes.Node]:
    """ "A", "A and B", "A, B, and C", "A, B, et al."; without ``final_and`` just commas (more names follow)."""
    result: list[nodes.Node] = []
    for index, person in enumerate(people):
        if index:
            if person.is_others:
                result.append(nodes.Text(", "))
            elif final_and and index == len(people) - 1:
                result.append(nodes.Text(" and " if len(people) == 2 else ", and "))
            else:
                result.append(nodes.Text(", "))
        result.extend(_author_nodes(person))
    return result


def _details(kind: str, label: str, *body: nodes.Node) -> publication_details:
    return publication_details(
        "", publication_summary("", label), *body, classes=[f"homepage-pub__{kind}"]
    )


def _authors(publication: Publication, options: RenderOptions) -> nodes.Element:
    people = list(publication.authors)
    limit = publication.max_authors or options.max_authors
    block = nodes.container(classes=["homepage-pub__authors"])
    if limit and len(people) > limit:
        # Never hide the owner behind "more authors": the list is his.
        owner_at = next((index for index, person in enumerate(people) if person.is_owner), -1)
        shown = max(limit, owner_at + 1)
    else:
        shown = len(people)
    if shown >= len(people):
        line = nodes.inline("", "", *_joined(people, final_and=True))
        if publication.author_role == "editor" and people:
            line += nodes.Text(" (editors)" if len(people) > 1 else " (editor)")
        block += line
        return block
    hidden = people[shown:]
    block += nodes.inline("", "", *_joined(people[:shown], final_and=False), nodes.Text(", and "))
    count = len(hidden)
    block += _details(
        "more-authors",
        f"{count} more author{'s' if count > 1 else ''}",
        nodes.inline("", "", *_joined(hidden, final_and=True)),
    )
    return block


def _link_node(link, docname: str) -> nodes.Element:
    if link.local:
        reference: nodes.Element = addnodes.download_reference(
            "", "", nodes.inline("", link.label), refdoc=docname, reftarget="/" + link.target, refexplicit=True
        )
    else:
        reference = nodes.reference("", link.label, refuri=link.target, internal=False)
    reference["classes"].append("homepage-pub__button")
    return nodes.inline("", "", reference, classes=["homepage-pub__link"])


def _venue_line(publication: Publication) -> nodes.paragraph | None:
    date = " ".join(filter(None, [publication.month, publication.year]))
    children = _rich(publication.venue)
    if date:
        if plain_text(publication.venue).strip():
            children.append(nodes.Text(", "))
        children.append(nodes.Text(date))
    if not children:
        return None
    return nodes.paragraph("", "", *children, classes=["homepage-pub__venue"])


def render_publication(
    publication: Publication, anchor: str, docname: str, options: RenderOptions
) -> nodes.list_item:
    """The list item for one publication; ``anchor`` is its unique id on the page."""
    item = nodes.list_item(ids=[anchor], classes=["homepage-pub"])

    aside = nodes.container(classes=["homepage-pub__aside"])
    if publication.abbr:
        badge = nodes.abbreviation(
            "", publication.abbr, classes=["homepage-pub__badge"], explanation=plain_text(publication.venue)
        )
        aside += nodes.paragraph("", "", badge)
    if publication.preview:
        aside += preview_image(publication.preview)
    if aside.children:
        item += aside
        item["classes"].append("homepage-pub--with-aside")

    body = nodes.container(classes=["homepage-pub__body"])
    item += body
    body += nodes.paragraph("", "", *_rich(publication.title), classes=["homepage-pub__title"])
    if publication.authors:
        body += _authors(publication, options)
    if publication.annotation:
        body += nodes.paragraph("", "", *_rich(publication.annotation), classes=["homepage-pub__annotation"])
    venue = _venue_line(publication)
    if venue is not None:
        body += venue
    if publication.note:
        body += nodes.paragraph("", "", *_rich(publication.note), classes=["homepage-pub__note"])

    actions: list[nodes.Node] = []
    if publication.award:
        actions.append(
            _details("award", publication.award_name, nodes.paragraph("", "", *_rich(publication.award)))
        )
    if publication.abstract:
        actions.append(_details("abstract", "Abstract", nodes.paragraph("", "", *_rich(publication.abstract))))
    links = [_link_node(link, docname) for link in publication.links]
    # al-folio's order: award, Abs, arXiv, Bib, then the other links.
    if links and publication.links[0].label == "arXiv":
        actions.append(links.pop(0))
    show_bibtex = publication.bibtex_show if publication.bibtex_show is not None else options.bibtex_show
    if show_bibtex and publication.bibtex:
        code = nodes.literal_block(publication.bibtex, publication.bibtex, language="none")
        actions.append(_details("bibtex", "BibTeX", code, publication_copy_button("", "Copy", classes=["homepage-pub__copy"])))
    actions.extend(links)
    if actions:
        body += nodes.container("", *actions, classes=["homepage-pub__links"])
    return item


def render_heading(text: str, anchor: str, options: RenderOptions) -> publication_heading:
    return publication_heading(
        "", text, level=options.heading_level, ids=[anchor], classes=["homepage-pubs__heading"]
    )
