"""Pages the build makes itself, without a source document: the news page, a page per paper.

A module describes such a page as a :class:`GeneratedPage` (its name, title, content as nodes, head entries,
template and extra context, and what it is made from) and hands a function that lists them to
:func:`add_generated_pages`; this module renders each one and gives it to the HTML builder, which writes it
through the theme like any other page (``html-collect-pages``).

Sphinx renders nodes for the page being written: its HTML translator reads, from the builder, where that page's
images and downloads are and its section and figure numbers, which ``write_doc()`` sets for a document. A
generated page has no document, so :func:`render_content` sets them for it: the only module of the extension
that sets the builder's attributes. Everything else goes through the builder's public methods.

``GeneratedPage.inputs`` names what the page is made from (a paper's entry, the news items), so that a page
whose inputs did not change since the last build can be left as it is, by this module alone. A digest of them kept
on the environment has to be taken on ``env-updated``: Sphinx saves the environment before it writes pages, and
not at all when no document was read.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import new_document
from sphinx.util.osutil import relative_uri

from .head import HeadEntry, add_head_entries


@dataclass(frozen=True)
class GeneratedPage:
    """A page of the built site that no source document stands for."""

    #: The page name, as a document's (``papers/key``): the page is written to ``<name>.html``.
    name: str
    #: The page's title, plain text (escaped when written).
    title: str
    #: The page's body, as nodes: rendered as if they were on this page.
    content: nodes.Element
    #: What goes in the page's ``<head>`` besides what every page gets.
    head: tuple[HeadEntry, ...] = ()
    #: Template context besides title and body (read by the templates and other handlers).
    context: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    template: str = "page.html"
    #: Whether the content holds references and lists to resolve (Sphinx's post-transforms): they cost as much
    #: per page as a small document's, so pages built from plain nodes leave them out.
    resolve: bool = True
    #: What the page is made from, besides the site's settings and theme; equal inputs make an equal page.
    inputs: tuple[Any, ...] = ()


PageSource = Callable[[Sphinx], Iterable[GeneratedPage]]


def render_content(app: Sphinx, pagename: str, content: nodes.Element, *, resolve: bool = True) -> str:
    """The HTML of ``content`` as shown on ``pagename`` (a generated page, or a file such as the news feed)."""
    builder = app.builder
    document = new_document(pagename)
    document += content
    if resolve:
        app.env.apply_post_transforms(document, pagename)
    builder.post_process_images(document)
    # What write_doc() sets for a document and the translator reads: a generated page has no section or figure
    # numbers, and its images and downloads are reached from its own folder.
    builder.secnumbers = {}
    builder.fignumbers = {}
    builder.current_docname = pagename
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), builder.imagedir)
    builder.dlpath = relative_uri(builder.get_target_uri(pagename), "_downloads")
    return builder.render_partial(document[0])["fragment"]


def page_context(app: Sphinx, page: GeneratedPage) -> dict[str, Any]:
    """The template context of ``page``: its title, rendered body and head entries, no source or page outline."""
    context: dict[str, Any] = {
        "title": html.escape(page.title),
        "body": render_content(app, page.name, page.content, resolve=page.resolve),
        "meta": {},
        "display_toc": False,
        "toc": "",
        "sourcename": "",
        **page.context,
    }
    add_head_entries(context, *page.head)
    return context


def add_generated_pages(app: Sphinx, source: PageSource) -> None:
    """Have the pages ``source(app)`` lists written with the site's pages, by HTML builders."""

    def collect(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        if app.builder.format != "html":
            return
        for page in source(app):
            yield page.name, page_context(app, page), page.template

    app.connect("html-collect-pages", collect)
