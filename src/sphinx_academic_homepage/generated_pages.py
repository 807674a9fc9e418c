"""Pages the build makes itself, without a source document: the news page, a page per paper.

A module describes such a page as a :class:`GeneratedPage` (its name, title, content as nodes, head entries,
template and extra context, and what it is made from) and hands a function that lists them to
:func:`add_generated_pages`; this module renders each one and gives it to the HTML builder, which writes it
through the theme like any other page (``html-collect-pages``).

Sphinx renders nodes for the page being written: its HTML translator reads, from the builder, where that page's
images and downloads are and its section and figure numbers, which ``write_doc()`` sets for a document. A
generated page has no document, so :func:`render_content` sets them for it: the only module of the extension
that sets the builder's attributes. Everything else goes through the builder's public methods.

``GeneratedPage.inputs`` names what the page is made from (a paper's entry, the news items). A page whose
inputs did not change since the build that wrote it is left as it is (its file keeps its bytes and its date)
unless the build writes every document, as Sphinx does when what every page shows changed (a setting, a
template, the theme): a build after which nothing changed writes no generated page, and one that edits a
post writes the few whose lists show it. A digest of the inputs is kept on the
environment, taken on ``env-updated``: Sphinx saves the environment before it writes pages, and not at all when
no document was read. The digest of a page no source lists any more (a deleted post, an entry gone from the
.bib) is dropped then too, so the record holds the site's pages and no more.
"""

from __future__ import annotations

import hashlib
import html
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import new_document
from sphinx.util.osutil import relative_uri

from .buildstate import build_state
from .docstore import SiteRecord
from .head import HeadEntry, add_head_entries
from .priorities import PRIORITY

#: Page name -> the digest of the inputs it was last written from (:func:`input_digest`).
GENERATED_PAGE_INPUTS = SiteRecord("homepage_generated_page_inputs")


@dataclass(frozen=True)
class GeneratedPage:
    """A page of the built site that no source document stands for."""

    #: The page name, as a document's (``papers/key``): the page is written to ``<name>.html``.
    name: str
    #: The page's title, plain text (escaped when written).
    title: str
    #: The page's body, as nodes, rendered as if they were on this page; or what makes them, called only when the
    #: page is written (a build that finds the page's inputs unchanged does not make its nodes).
    content: nodes.Element | Callable[[], nodes.Element]
    #: What goes in the page's ``<head>`` besides what every page gets; or what makes it, called only when the page
    #: is written (then ``inputs`` must name all it is made from).
    head: tuple[HeadEntry, ...] | Callable[[], tuple[HeadEntry, ...]] = ()
    #: Template context besides title and body (read by the templates and other handlers); or what makes it, called
    #: only when the page is written (then ``inputs`` must name all it is made from).
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    template: str = "page.html"
    #: Whether the content holds references and lists to resolve (Sphinx's post-transforms): they cost as much
    #: per page as a small document's, so pages built from plain nodes leave them out.
    resolve: bool = True
    #: What the page is made from, besides the site's settings and theme; equal inputs make an equal page.
    inputs: tuple[Any, ...] = ()
    #: Whether the sitemap lists the page (a redirect page stands for another and is not listed).
    in_sitemap: bool = True


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


def page_nodes(page: GeneratedPage) -> nodes.Element:
    """The body of ``page`` as nodes, made now if the page says what makes them."""
    return page.content if isinstance(page.content, nodes.Element) else page.content()


def _made(part: Any) -> Any:
    """A part of a page (its head, its context), made now if the page says what makes it."""
    return part() if callable(part) else part


def page_context(app: Sphinx, page: GeneratedPage) -> dict[str, Any]:
    """The template context of ``page``: its title, rendered body and head entries, no source or page outline."""
    context: dict[str, Any] = {
        "title": html.escape(page.title),
        "body": render_content(app, page.name, page_nodes(page), resolve=page.resolve),
        "meta": {},
        "display_toc": False,
        "toc": "",
        "sourcename": "",
        **_made(page.context),
    }
    add_head_entries(context, *_made(page.head))
    return context


def input_digest(page: GeneratedPage) -> str:
    """A digest of what ``page`` is made from: equal for two builds that would make the same page. A head or context
    given as what makes it is not made for this: the page's ``inputs`` stand for it."""
    context = None if callable(page.context) else sorted(page.context.items())
    head = None if callable(page.head) else page.head
    made_of = (page.name, page.title, page.template, context, head, page.resolve, page.inputs)
    return hashlib.sha256(repr(made_of).encode("utf-8")).hexdigest()


def _count_documents_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    build_state(app).documents_read = len(docnames)


def _note_writing(app: Sphinx, builder: Any) -> None:
    build_state(app).writing_documents = True


def _note_document_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # Every document written is resolved first, in the main process (with -j too).
    state = build_state(app)
    if state.writing_documents and docname in app.env.found_docs:
        state.documents_written.add(docname)


def _every_document_written(app: Sphinx) -> bool:
    """Whether this build wrote every document: then what every page shows (its navigation, the theme, the settings)
    may have changed, and a generated page is written whatever its inputs."""
    written = build_state(app).documents_written
    return bool(written) and app.env.found_docs <= written


def _is_current(app: Sphinx, page: GeneratedPage) -> bool:
    """Whether the page on disk is the one this build would write, in a build that left some document unwritten:
    its inputs are those it was written from, and it is there."""
    # os.path, not pathlib: asked of a thousand paper pages on every build.
    return page.name in build_state(app).unchanged_pages and os.path.isfile(app.builder.get_outfilename(page.name))


def add_generated_pages(app: Sphinx, source: PageSource) -> None:
    """Have the pages ``source(app)`` lists written with the site's pages, by HTML builders; a page whose inputs
    did not change since the build that wrote it, in a build that writes no document, is left as it is."""

    def pages(app: Sphinx) -> list[GeneratedPage]:
        # Made once a build (a page per paper is a doctree each): when the inputs are noted, then written.
        made = build_state(app).made_pages
        if source not in made:
            made[source] = list(source(app))
        return made[source]

    def note_inputs(app: Sphinx, env: BuildEnvironment) -> list[str]:
        # Now, before Sphinx saves the environment (it does before it writes, and not when nothing was read).
        if app.builder.format != "html":
            return []
        digests = GENERATED_PAGE_INPUTS.get(env) or {}
        current = {page.name: input_digest(page) for page in pages(app)}
        unchanged = {name for name, digest in current.items() if digests.get(name) == digest}
        state = build_state(app)
        state.unchanged_pages |= unchanged
        state.inputs_noted |= current.keys()
        GENERATED_PAGE_INPUTS.set(env, digests | current)
        # New digests with no document read (what a page is made from changed outside the sources, or how it is
        # digested did): one document written has Sphinx save them, else every later build would write these pages.
        return [app.config.root_doc] if len(unchanged) < len(current) and not state.documents_read else []

    def collect(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        if app.builder.format != "html":
            return
        state = build_state(app)
        every_document_written = _every_document_written(app)
        for page in pages(app):
            (state.generated_pages if page.in_sitemap else state.unlisted_pages).add(page.name)
            if every_document_written or not _is_current(app, page):
                yield page.name, page_context(app, page), page.template

    app.connect("env-updated", note_inputs)
    app.connect("html-collect-pages", collect)


def _prune_inputs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Each page source notes its own pages' inputs; once all did, what none of them listed belongs to no page.
    digests = GENERATED_PAGE_INPUTS.get(env) or {}
    state = build_state(app)
    if app.builder.format != "html" or not digests.keys() - state.inputs_noted:
        return []
    GENERATED_PAGE_INPUTS.set(env, {name: digest for name, digest in digests.items() if name in state.inputs_noted})
    # As for new digests: with no document read, one written has Sphinx save the environment.
    return [] if state.documents_read else [app.config.root_doc]


def setup_generated_pages(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _count_documents_read, priority=PRIORITY.count_documents_read)
    app.connect("env-updated", _prune_inputs, priority=PRIORITY.prune_generated_page_inputs)
    app.connect("write-started", _note_writing)
    app.connect("doctree-resolved", _note_document_written)
