"""al-folio's ``page`` layout: the front matter's ``title`` is the page's heading, its ``description`` under it.

al-folio's pages (``layout: page``) have no heading of their own: the layout writes ``title`` as the ``<h1>``
and ``description`` as a line under it, and the body's headings often start at ``###``. Read as they are, such a
page would take its first heading (or nothing: "<no title>") as its title, and MyST would warn that its headings
do not start at H1. So, when the body has no H1 of its own, the blank line after the front matter becomes
``# <title>`` and the body's headings move up so that the highest is ``##`` (the outline keeps no gap, as screen
readers expect); every other line stays where it was, so warnings keep their line numbers. A body without that
blank line keeps its text and its headings as written. The description, for any ``layout: page`` page, is a
paragraph under the page's heading.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from .frontmatter import body_start, front_matter
from .priorities import PRIORITY

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Markdown's punctuation, escaped in a title so that it is read as text.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$&:])")


def _headings(lines: list[str]) -> list[tuple[int, int]]:
    """(index, level) of each ATX heading outside fenced code; level 1 for a setext ``===`` underline."""
    found = []
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
        elif heading := _ATX_HEADING.match(line):
            found.append((index, len(heading.group(1))))
        elif index and _SETEXT_H1.match(line) and lines[index - 1].strip():
            found.append((index, 1))
    return found


def titled_source(text: str, title: str) -> str | None:
    """``text`` with ``title`` as its H1 and its headings moved up under it, or None when it cannot be (an H1 of
    its own, no blank line after the front matter)."""
    start = body_start(text)
    if start is None:
        return None
    body = text[start:].split("\n")
    if not body or body[0].strip():
        return None
    headings = _headings(body)
    if any(level == 1 for _index, level in headings):
        return None
    shift = min((level for _index, level in headings), default=2) - 2
    for index, level in headings:
        body[index] = body[index].replace("#" * level, "#" * (level - shift), 1)
    body[0] = "# " + _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(title.split()))
    return text[:start] + "\n".join(body)


def _page_layout(app: Sphinx, docname: str, source: list[str]) -> None:
    page = front_matter(app.env, docname)
    title = page.get("title")
    if page.get("layout") != "page" or not isinstance(title, str) or not title.strip():
        return
    titled = titled_source(source[0], title)
    if titled is not None:
        source[0] = titled


def _description_under_title(app: Sphinx, doctree: nodes.document) -> None:
    page = front_matter(app.env, app.env.docname)
    description = page.get("description")
    if page.get("layout") != "page" or not isinstance(description, str) or not description.strip():
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    section.insert(1, nodes.paragraph(description, description.strip(), classes=["homepage-page-description"]))


def setup_page_layout(app: Sphinx) -> None:
    app.connect("source-read", _page_layout, priority=PRIORITY.page_layout_title)
    app.connect("doctree-read", _description_under_title)
