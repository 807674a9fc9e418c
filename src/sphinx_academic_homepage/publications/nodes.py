"""The few nodes docutils lacks for a publication list, with HTML visitors and a fallback elsewhere.

- :class:`publication_list`: where a list goes, until the page is written (see :mod:`.render`).
- :class:`publication_item`: an entry of the list, a ``list_item`` (other builders write it as one).
- :class:`publication_details` / :class:`publication_summary`: ``<details>``/``<summary>``, so abstract,
  BibTeX and award open in place, with the keyboard, without a script.
- :class:`publication_copy_button`: the copy-BibTeX button, ``hidden`` until the script that makes it
  work has loaded.
- :class:`publication_block`: a ``<div>`` holding inline content and ``<details>`` side by side (the
  authors with "and N more authors", the row of buttons); a text element, so links sit in it directly.
- :class:`publication_code`: the BibTeX as ``<pre>``, escaped, kept out of the search index and of
  Pygments (one formatter per block costs seconds on a long list, and BibTeX needs no colours).
- :class:`publication_heading`: a year heading (``<h2>``...) inside a list, outside the section tree.
- :class:`publication_year`: a year of a long list, collapsed: ``<details>`` whose ``<summary>`` is the year's
  heading, so the page lays out only the years on show, and find-in-page and links to an entry still reach
  the others (Chromium opens a ``<details>`` for both; ``publications.js`` does it for the rest).
- :class:`publication_math`: ``$...$`` in a title, written as MathML at build time: no MathJax from a
  CDN, no request to a third-party host.
- :class:`publication_preview`: a preview as ``<picture>`` with its AVIF and WebP copies (:mod:`.previews`).

Builders other than HTML get standard docutils nodes instead (:class:`DegradeForOtherBuilders`).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..images import picture_html
from ..mathml import mathml_or_source
from ..transforms import BuilderPostTransform, add_builder_post_transform

logger = logging.getLogger(__name__)


class publication_details(nodes.General, nodes.Element):
    """``<details>``; its first child is a :class:`publication_summary`."""


class publication_summary(nodes.TextElement):
    """``<summary>``: the button that opens the details."""


class publication_copy_button(nodes.General, nodes.Inline, nodes.TextElement):
    """A button that copies the text of the ``<pre>`` before it."""


class publication_preview(nodes.General, nodes.Element):
    """A paper's preview as ``<picture>``: ``image`` (a :class:`..images.ResponsiveImage`) shown at
    ``sizes``; other builders show the file ``uri`` itself (:func:`plain_preview`)."""


def plain_preview(uri: str) -> nodes.image:
    """A preview as the file itself, which Sphinx copies to ``_images/``.

    ``uri`` and ``candidates`` are what Sphinx's image collector would have set; the builder then maps
    the file to its copy. The alt text is empty on purpose: the title next to the image says what it shows.
    """
    return nodes.image(uri=uri, candidates={"*": uri}, alt="", loading="lazy", classes=["homepage-pub__preview"])


class publication_list(nodes.General, nodes.Element):
    """Where a list of publications goes: ``groups`` of (label, heading id, [(key, anchor)]),
    render ``options``, the download names of local ``files`` and the copies of ``previews`` (source
    path -> :class:`..images.ResponsiveImage`, None for the file itself); expanded when the page is written."""


class publication_item(nodes.list_item):
    """An entry of a list: ``<li>``, whose HTML a build may keep for the next (:mod:`.kept_entries`)."""


class publication_block(nodes.General, nodes.TextElement):
    """A ``<div>`` of inline content, possibly with :class:`publication_details` among it."""


class publication_code(nodes.General, nodes.Element):
    """Preformatted text held in the ``code`` attribute (so search does not index it)."""


class publication_heading(nodes.General, nodes.TextElement):
    """A heading of a given ``level`` that is not a section (not in the table of contents)."""


class publication_year(nodes.General, nodes.Element):
    """A collapsed year: its :class:`publication_heading`, then its list."""


class publication_math(nodes.Inline, nodes.TextElement):
    """Inline math, ``latex`` holding the TeX source."""


def _html_element(tag: str, suffix: str = "\n", **attributes: str) -> tuple[Callable, Callable]:
    """The visitor pair writing a node as ``<tag>`` (with its ids, classes and ``attributes``) around
    its children; ``suffix`` follows the start tag (no line break inside inline content)."""

    def visit(self: Any, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, suffix, **attributes))

    def depart(self: Any, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>\n")

    return visit, depart


def _visit_code(self: Any, node: publication_code) -> None:
    self.body.append(self.starttag(node, "pre", "") + escape(node["code"], quote=False) + "</pre>\n")
    raise nodes.SkipNode


def _visit_preview(self: Any, node: publication_preview) -> None:
    attributes = 'class="homepage-pub__preview" alt="" loading="lazy" decoding="async"'
    self.body.append(picture_html(node["image"], self.builder.imgpath + "/", node["sizes"], attributes))
    raise nodes.SkipNode


def _visit_heading(self: Any, node: publication_heading) -> None:
    self.body.append(self.starttag(node, f"h{node['level']}", ""))


def _depart_heading(self: Any, node: publication_heading) -> None:
    self.body.append(f"</h{node['level']}>\n")


def _visit_year(self: Any, node: publication_year) -> None:
    # The heading is the summary's only content, as HTML allows; the list follows, collapsed with it.
    heading, *rest = node.children
    self.body.append(self.starttag(node, "details", "\n") + "<summary>")
    heading.walkabout(self)
    self.body.append("</summary>\n")
    for child in rest:
        child.walkabout(self)
    self.body.append("</details>\n")
    raise nodes.SkipNode


def _visit_math(self: Any, node: publication_math) -> None:
    # Shown as its source when it cannot be converted; the title stays readable.
    self.body.append(mathml_or_source(node["latex"], css_class="homepage-pub__tex"))
    raise nodes.SkipNode


class DegradeForOtherBuilders(BuilderPostTransform):
    """For LaTeX, text, man...: the same content with standard nodes (details open, no button)."""

    default_priority = 200

    def is_supported(self) -> bool:
        return self.sphinx_app.builder.format != "html"

    def run(self, **kwargs: Any) -> None:
        for year in list(self.document.findall(publication_year)):
            year.replace_self(_year_in_full(year))
        for button in list(self.document.findall(publication_copy_button)):
            button.parent.remove(button)
        for math in list(self.document.findall(publication_math)):
            math.replace_self(nodes.math(math["latex"], math["latex"]))
        for summary in list(self.document.findall(publication_summary)):
            summary.replace_self(nodes.paragraph("", "", nodes.strong("", "", *summary.children)))
        for code in list(self.document.findall(publication_code)):
            code.replace_self(nodes.literal_block(code["code"], code["code"]))
        for block in list(self.document.findall(publication_block)):
            block.replace_self(_as_paragraphs(block))
        for details in list(self.document.findall(publication_details)):
            container = nodes.container("", *details.children, classes=details["classes"])
            details.replace_self(container)
        for preview in list(self.document.findall(publication_preview)):
            preview.replace_self(plain_preview(preview["uri"]))
        for heading in list(self.document.findall(publication_heading)):
            heading.replace_self(nodes.rubric("", "", *heading.children, ids=heading["ids"]))


def _year_in_full(year: publication_year) -> list[nodes.Node]:
    """A folded year's heading and list, the heading without the count of entries (the list is there)."""
    heading = year[0]
    counts = [child for child in heading.children if isinstance(child, nodes.inline)]
    for count in counts:
        heading.remove(count)
    if isinstance(heading[-1], nodes.Text):
        heading[-1] = nodes.Text(heading[-1].rstrip())
    return year.children


def _as_paragraphs(block: publication_block) -> nodes.container:
    """The block's inline content in paragraphs, its block content (details) between them."""
    container = nodes.container(classes=block["classes"])
    paragraph: nodes.paragraph | None = None
    for child in list(block.children):
        block.remove(child)
        if isinstance(child, (nodes.Inline, nodes.Text)):
            if paragraph is None:
                paragraph = nodes.paragraph()
                container += paragraph
            paragraph += child
        else:
            paragraph = None
            container += child
    return container


def setup_nodes(app: Sphinx) -> None:
    app.add_node(publication_details, html=_html_element("details"))
    app.add_node(publication_summary, html=_html_element("summary", ""))
    app.add_node(publication_copy_button, html=_html_element("button", "", type="button", hidden="hidden"))
    app.add_node(publication_block, html=_html_element("div", ""))
    app.add_node(publication_code, html=(_visit_code, None))
    app.add_node(publication_heading, html=(_visit_heading, _depart_heading))
    app.add_node(publication_year, html=(_visit_year, None))
    app.add_node(publication_math, html=(_visit_math, None))
    app.add_node(publication_preview, html=(_visit_preview, None))
    add_builder_post_transform(app, DegradeForOtherBuilders)
