"""A post's source, turned from Jekyll's (Liquid, then kramdown) into the MyST that renders the same, when it is read.

Only posts and al-folio's projects are turned (``source-read``): the site's other pages are MyST already. The front matter stays as
written and every line stays on its line (see :mod:`.tags` and :mod:`.kramdown`). MyST then reads the post
with the syntax kramdown has and the site may not enable: ``dollarmath`` and ``amsmath`` (MathJax's math),
``deflist``, ``smartquotes`` and ``replacements`` (kramdown's typography). MyST takes its
settings from the environment while it parses a page, so a post is read with a copy of them that has these;
every other page with the site's own.

What the text cannot say on its lines is noted for the page and applied once it is read (``doctree-read``):
the code blocks whose lines are numbered (``{% highlight lang linenos %}``) and the classes that a line of
its own (``{: .block-tip }``) gives the block above it.
"""

from __future__ import annotations

import dataclasses
import weakref
from bisect import bisect_left
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx

from ..priorities import PRIORITY
from .discovery import FRONT_MATTER, address_docname, is_jekyll_page
from .kramdown import convert
from .tags import render

#: kramdown's syntax that MyST has as extensions.
POST_SYNTAX = frozenset({"dollarmath", "amsmath", "deflist", "smartquotes", "replacements"})

_NOTES = "homepage_post_notes"
# The site's own MyST settings and those posts are read with, per environment (made anew every build).
_SETTINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _site_links(app: Sphinx, docname: str):
    """The function that gives an address of the site (``/blog/2015/math/``, or with ``html_baseurl``'s host)
    the target reaching its page: the document's file in Markdown, a relative URL in HTML."""
    env = app.env
    baseurl = urlsplit(app.config.html_baseurl or "")

    def target(url: str, in_html: bool) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if not baseurl.netloc or parts.netloc != baseurl.netloc or parts.scheme not in ("http", "https"):
                return None
            path = parts.path.removeprefix(baseurl.path.rstrip("/"))
        elif url.startswith("/") and not url.startswith("//"):
            path = parts.path
        else:
            return None
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        for candidate in (address_docname(path), address_docname(path.rstrip("/") + "/")):
            if candidate and candidate in env.found_docs:
                env.note_dependency(env.doc2path(candidate))
                if in_html:
                    return app.builder.get_relative_uri(docname, candidate) + fragment
                return "/" + env.doc2path(candidate, False).as_posix() + fragment
        return None

    return target


def _keep_settings(app: Sphinx) -> None:
    site = getattr(app.env, "myst_config", None)
    if site is not None:
        posts = dataclasses.replace(site, enable_extensions=set(site.enable_extensions) | POST_SYNTAX)
        _SETTINGS[app.env] = (site, posts)


def _post_settings(app: Sphinx, docname: str) -> None:
    settings = _SETTINGS.get(app.env)
    if settings is not None:
        app.env.myst_config = settings[is_jekyll_page(app.env, docname)]


def read_post_source(app: Sphinx, docname: str, source: list[str]) -> None:
    _post_settings(app, docname)
    if not is_jekyll_page(app.env, docname):
        return
    text = source[0]
    front = FRONT_MATTER.match(text)
    head, body = (text[: front.end()], text[front.end() :]) if front else ("", text)
    first_line = head.count("\n") + 1
    rendered = render(app, docname, body, first_line)
    converted = convert(rendered.text.split("\n"), first_line, _site_links(app, docname))
    source[0] = head + "\n".join(converted.lines)
    app.env.current_document[_NOTES] = (rendered.numbered_code, converted.block_classes)


def apply_notes(app: Sphinx, doctree: nodes.document) -> None:
    notes = app.env.current_document.get(_NOTES)
    if not notes:
        return
    numbered_code, block_classes = notes
    for block in doctree.findall(nodes.literal_block):
        if block.line in numbered_code:
            block["linenos"] = True
    if block_classes:
        blocks = _page_blocks(doctree)
        starts = [start for start, _ in blocks]
        for line, classes in block_classes.items():
            # The block that starts last before the attribute list's line (the first of blocks starting together).
            position = bisect_left(starts, line) - 1
            if position >= 0:
                position = bisect_left(starts, starts[position])
                blocks[position][1]["classes"].extend(classes)


def _page_blocks(doctree: nodes.document) -> list[tuple[int, nodes.Element]]:
    """The blocks of the page's text (not those inside a blockquote or a list), by the line they start on."""
    blocks = []
    for node in doctree.findall(nodes.Body):
        if isinstance(node.parent, (nodes.section, nodes.document)):
            start = node.line or _first_line(node)
            if start is not None:
                blocks.append((start, node))
    blocks.sort(key=lambda block: block[0])
    return blocks


def _first_line(node: nodes.Node) -> int | None:
    for child in node.findall(nodes.Element):
        if child.line:
            return child.line
    return None


def setup_source(app: Sphinx) -> None:
    app.connect("source-read", read_post_source)
    app.connect("doctree-read", apply_notes)
    # After myst-parser's own handler (500), which makes the site's settings.
    app.connect("builder-inited", _keep_settings, priority=PRIORITY.post_syntax)
