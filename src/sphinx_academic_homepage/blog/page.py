"""A post's page as al-folio's post layout shows it: the title as the page's ``<h1>``, then the date
(``<time datetime>``), the reading time, and the tags and categories, each linking to its archive page; the
``description`` is the page's meta description (:mod:`..meta` reads it from the front matter).

- ``toc`` (``toc: {beginning: true}`` or ``toc: {sidebar: left}``): the theme's "on this page" list beside the
  post; without it, none, as on al-folio;
- ``redirect``: the page sends the reader on at once (``<meta http-equiv="refresh">``) and says where, with a
  link: a URL, or an address of the site (``/assets/pdf/x.pdf``, ``/blog/2015/math/``) as a relative URL;
- ``external_source``: a link to where the post was first published;
- code in a language no highlighter here knows (al-folio's ``mermaid``, ``chartjs``, ``typograms`` blocks,
  which a script draws there) is shown as code, with one ``homepage.post`` warning per language and post;
- ``blog.css`` (figures side by side in bootstrap's ``row``/``col`` divs, the coloured blockquotes) is linked
  from posts only.

The post's body headings start at ``##`` (the layout writes the title): MyST's warning that a document's
headings do not start at H1 is not given for posts.
"""

from __future__ import annotations

import functools
import html
import logging
import posixpath
import weakref
from datetime import datetime
from typing import Any

from docutils import nodes
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx.application import Sphinx
from sphinx.util.i18n import format_date

from ..config import homepage_config
from ..diagnostics import warn
from ..frontmatter import front_matter
from ..htmlnodes import add_html_node
from ..priorities import PRIORITY
from .discovery import address_docname, post_file
from .posts import Post, archive_docname, post_of

STYLESHEET = "blog.css"
#: The class of a post's top section, which blog.css styles under (al-folio's rows of figures, captions, blockquotes).
POST_CLASS = "homepage-post"
#: al-folio's reading time: words at 180 a minute, plus one.
WORDS_PER_MINUTE = 180
# Posts' environments, for the filter of MyST's heading warnings (which is given a docname only).
_ENVIRONMENTS: weakref.WeakSet = weakref.WeakSet()


class post_date(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A post's date, as ``<time datetime="...">``."""


def _visit_post_date(self, node: post_date) -> None:
    self.body.append(f'<time class="homepage-post__date" datetime="{html.escape(node["datetime"])}">')


def _depart_post_date(self, node: post_date) -> None:
    self.body.append("</time>")


def shown_date(app: Sphinx, post: Post) -> str:
    # The date as its author wrote it, not moved to UTC.
    naive = post.date.replace(tzinfo=None)
    return _formatted_date(homepage_config(app).blog_date_format, naive, app.config.language)


@functools.lru_cache(maxsize=4096)
def _formatted_date(pattern: str, moment: datetime, language: str | None) -> str:
    # Babel takes a millisecond a date, and a post is listed on several pages: each date is written once.
    return format_date(pattern, date=moment, language=language)


def reading_minutes(post: Post) -> int:
    return post.words // WORDS_PER_MINUTE + 1


def iso_date(post: Post) -> str:
    return post.date.isoformat() if post.date.tzinfo else post.date.isoformat() + "Z"


def _link(app: Sphinx, docname: str, target: str, text: str, classes: list[str]) -> nodes.reference:
    uri = app.builder.get_relative_uri(docname, target)
    return nodes.reference(text, text, refuri=uri, internal=True, classes=classes)


def _meta_line(app: Sphinx, post: Post) -> nodes.paragraph:
    line = nodes.paragraph(classes=["homepage-post__meta"])
    shown = shown_date(app, post)
    line += post_date(shown, shown, datetime=iso_date(post))
    line += nodes.Text(f" · {reading_minutes(post)} min read")
    for kind, names, mark in (("tag", post.tags, "#"), ("category", post.categories, "")):
        for position, name in enumerate(names):
            line += nodes.Text(" · " if position == 0 else " ")
            line += _link(app, post.docname, archive_docname(kind, name), f"{mark}{name}", [f"homepage-post__{kind}"])
    return line


def site_target(app: Sphinx, docname: str, address: str) -> str:
    """A redirect's target as the page links it: a URL as written, an address of the site relative to the page."""
    if not address.startswith("/") or address.startswith("//"):
        return address
    path, _, fragment = address.partition("#")
    target = address_docname(path)
    for candidate in (target, address_docname(path.rstrip("/") + "/")):
        if candidate and candidate in app.env.found_docs:
            return app.builder.get_relative_uri(docname, candidate) + (f"#{fragment}" if fragment else "")
    folder = posixpath.dirname(app.builder.get_target_uri(docname)) or "."
    return posixpath.relpath(path.lstrip("/") or ".", folder) + (f"#{fragment}" if fragment else "")


def _notes(app: Sphinx, post: Post) -> list[nodes.Node]:
    found = []
    if post.redirect:
        target = site_target(app, post.docname, post.redirect)
        note = nodes.paragraph(classes=["homepage-post__redirect"])
        note += nodes.Text("This post is at ")
        note += nodes.reference(target, target, refuri=target)
        found.append(note)
    if post.external_source:
        note = nodes.paragraph(classes=["homepage-post__source"])
        note += nodes.Text("First published at ")
        note += nodes.reference(post.external_source, post.external_source, refuri=post.external_source)
        found.append(note)
    return found


def _titled(doctree: nodes.document, post: Post, head: list[nodes.Node]) -> None:
    """The body in one section headed by the post's title, ``head`` right after the title."""
    section = nodes.section(ids=["post-title"], names=[nodes.fully_normalize_name(post.title)], classes=[POST_CLASS])
    section += nodes.title(post.title, post.title)
    section.extend(head)
    # The front matter (docinfo) and what precedes it stay first, where Sphinx looks for them.
    start = doctree.first_child_not_matching_class((nodes.PreBibliographic, nodes.docinfo))
    start = len(doctree.children) if start is None else start
    body = doctree.children[start:]
    del doctree.children[start:]
    section.extend(body)
    doctree += section


def _plain_unknown_languages(doctree: nodes.document, docname: str) -> None:
    warned: set[str] = set()
    for block in doctree.findall(nodes.literal_block):
        language = block.get("language", "")
        if not language or language in ("default", "text", "none"):
            continue
        try:
            get_lexer_by_name(language)
        except ClassNotFound:
            block["language"] = "text"
            if language not in warned:
                warned.add(language)
                warn(
                    f"code in {language!r} is drawn by a script on al-folio, which this site does not run; shown as code",
                    "post",
                    (docname, block.line),
                )


def _make_page(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if post_file(app.env, docname) is None:
        return
    _ENVIRONMENTS.add(app.env)
    post = post_of(app.env, docname)
    if post is None:
        return
    page = front_matter(app.env, docname)
    layout = page.get("layout")
    if layout not in (None, "post"):
        warn(f"al-folio's {layout!r} layout is not carried; shown as a post", "post", page.location("layout"))
    _plain_unknown_languages(doctree, docname)
    _titled(doctree, post, [_meta_line(app, post), *_notes(app, post)])
    if not page.get("toc"):
        # al-folio shows no contents beside a post unless its front matter asks.
        app.env.metadata[docname]["html_theme.sidebar_secondary.remove"] = "true"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    post = post_of(app.env, pagename)
    if post is None:
        return
    app.add_css_file(STYLESHEET)
    if front_matter(app.env, pagename).get("toc"):
        context["secondary_sidebar_items"] = ["page-toc.html"]
    if post.redirect:
        target = html.escape(site_target(app, pagename, post.redirect), quote=True)
        context["metatags"] = context.get("metatags", "") + f'\n<meta http-equiv="refresh" content="0; url={target}" />'


class _PostHeadingLevels(logging.Filter):
    """Drops MyST's "headings start at H2" for posts: the post layout's title is their H1."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "subtype", None) != "header":
            return True
        location = getattr(record, "location", None)
        docname = location[0] if isinstance(location, tuple) and location else None
        return not any(docname is not None and post_file(env, docname) is not None for env in _ENVIRONMENTS)


def setup_page(app: Sphinx) -> None:
    add_html_node(app, post_date, _visit_post_date, _depart_post_date)
    # Before the title collector (500), so that the post's title is the page's.
    app.connect("doctree-read", _make_page, priority=PRIORITY.post_page)
    # After pydata-sphinx-theme (500) made the page's secondary sidebar.
    app.connect("html-page-context", _page_context, priority=PRIORITY.post_sidebar)
    heading_warnings = logging.getLogger("sphinx.myst_parser.warnings_")
    if not any(isinstance(existing, _PostHeadingLevels) for existing in heading_warnings.filters):
        heading_warnings.addFilter(_PostHeadingLevels())
