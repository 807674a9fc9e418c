"""A ``<meta name="description">`` on every page.

Search engines show it under the page's title, and Lighthouse's SEO score counts it. As in al-folio,
a page's ``description`` front matter says it; otherwise the page's first paragraph of body text does,
cut at a word before ~160 characters (what result pages show). A paragraph's raw HTML (an al-folio about page
often starts with an HTML block, ``<p align="justify">...``, or has ``<b>`` in its text) gives its text, never
its tags. Pages with neither (the search page) use
the home page's. Open Graph tags are sphinxext-opengraph's job; this module writes only this one tag.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .buildstate import build_state
from .diagnostics import warn
from .frontmatter import front_matter
from .head import Meta, add_head_entries, has_meta
from .priorities import PRIORITY
from .profile import is_about_page
from .sanitiser import text_of

#: Search result pages show about this many characters of a description.
MAX_DESCRIPTION_LENGTH = 160

_SPACES = re.compile(r"\s+")


def shorten(text: str, limit: int = MAX_DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (ending in "…" when cut)."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—(") + "…"


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


def _is_body_paragraph(node: nodes.Node) -> bool:
    """Text the author wrote at the top level of the page, a paragraph or an HTML block: not a list item, card,
    table, note or footnote, and not part of one of our components (profile card, subtitle...), whose classes
    start with "homepage-"."""
    if not isinstance(node, nodes.paragraph) and not _is_html(node):
        return False
    if not isinstance(node.parent, (nodes.document, nodes.section)):
        return False
    return not any(name.startswith("homepage-") for name in node.get("classes", []))


def _text(node: nodes.Node) -> str:
    """What a reader sees of ``node``: the text of its raw HTML (already sanitised), not the tags."""
    if _is_html(node):
        return text_of(node.astext())
    if isinstance(node, nodes.raw):
        return ""  # for another writer (LaTeX...)
    if isinstance(node, nodes.Text):
        return node.astext()
    return "".join(_text(child) for child in node.children)


def first_paragraph(doctree: nodes.document) -> str:
    for paragraph in doctree.findall(_is_body_paragraph):
        text = shorten(_text(paragraph))
        if text:
            return text
    return ""


def page_description(app: Sphinx, docname: str, doctree: nodes.document, *, report: bool = True) -> str:
    """The front matter's ``description``, else the first body paragraph; ``""`` when the page has neither.

    A ``description`` that is neither text nor empty warns (when ``report``) and the paragraph is used.
    """
    front = front_matter(app.env, docname)
    declared = front.get("description")
    if isinstance(declared, str) and declared.strip():
        return shorten(declared)
    # An empty description is al-folio's default for new pages and posts: nothing to report. On al-folio about
    # pages the profile module has already said that a description is not text.
    if declared not in (None, "") and report and not is_about_page(front):
        warn(
            f"front matter 'description' should be a non-empty text, not {declared!r}; using the first paragraph",
            "meta",
            front.location("description"),
        )
    return first_paragraph(doctree)


def _site_description(app: Sphinx) -> str:
    """The home page's description, for pages with no text of their own; computed once per build."""
    state = build_state(app)
    if state.site_description is None:
        root = app.config.root_doc
        state.site_description = ""
        if root in app.env.all_docs:
            # Its own page reports a bad description; do not report it again here.
            state.site_description = page_description(app, root, app.env.get_doctree(root), report=False)
    return state.site_description


def add_meta_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if has_meta(context, "description"):
        return  # the page set its own (a ``meta`` directive, MyST's html_meta, a generated page's)
    description = ""
    if doctree is not None and pagename in app.env.all_docs:
        description = page_description(app, pagename, doctree)
    description = description or _site_description(app)
    if description:
        add_head_entries(context, Meta("description", description))


def setup_meta(app: Sphinx) -> None:
    # Written before sphinxext-opengraph reads the head (see priorities.py): the front matter's description
    # then wins over its guess.
    app.connect("html-page-context", add_meta_description, priority=PRIORITY.give_head_entries)
