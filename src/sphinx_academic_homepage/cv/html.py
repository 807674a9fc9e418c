"""The CV model drawn as docutils nodes: real sections (heading, anchor, page contents), text as text.

Values are the sanitised HTML the readers made of them (:mod:`.fields`): a value without tags is a text node
(so Sphinx's typography applies, and other builders show it), one with tags is written as it is. A pair's value
that is an e-mail address or an http(s) address becomes a link, and an entry's title links to its page when the
data names one.
"""

from __future__ import annotations

import re

from docutils import nodes

from ..sanitiser import text_of
from ..urls import is_safe_url, url_scheme
from .model import CV, Entry, Group, Item, Pair, Section

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")

#: The class every CV section carries (the stylesheet, and the handler that adds it, look for it).
SECTION_CLASS = "homepage-cv__section"


def link_target(value: str) -> str | None:
    """The address a value links to: ``mailto:`` for an e-mail address, itself for a safe http(s) URL."""
    if _EMAIL.match(value):
        return f"mailto:{value}"
    if url_scheme(value) in ("http", "https") and is_safe_url(value):
        return value
    return None


def markup(html: str) -> nodes.Node:
    """A value's node: text as text (its entities decoded); HTML with tags (already sanitised) as raw HTML."""
    if "<" in html:
        return nodes.raw("", html, format="html")
    return nodes.Text(text_of(html) if "&" in html else html)


def _paragraph(html: str, css_class: str) -> nodes.paragraph:
    return nodes.paragraph("", "", markup(html), classes=[css_class])


def _value_node(value: str) -> nodes.Node:
    if "<" not in value and (target := link_target(text_of(value))):
        return nodes.reference("", text_of(value), refuri=target)
    return markup(value)


def cv_sections(cv: CV, document: nodes.document) -> list[nodes.section]:
    """The CV's sections as the page shows them; ``document`` notes their anchors."""
    return [_section(section, document) for section in cv.sections]


def _section(data: Section, document: nodes.document) -> nodes.section:
    section = nodes.section(classes=[SECTION_CLASS, f"{SECTION_CLASS}--{data.kind}"])
    section["names"].append(nodes.fully_normalize_name(text_of(data.title)))
    section += nodes.title("", "", markup(data.title))
    document.note_implicit_target(section, section)
    section += DRAW[data.kind](data.contents)
    return section


def _map(contents: tuple[Pair, ...]) -> nodes.definition_list:
    pairs = nodes.definition_list(classes=["homepage-cv__map"])
    for pair in contents:
        paragraph = nodes.paragraph()
        paragraph += _value_node(pair.value)
        pairs += nodes.definition_list_item("", nodes.term("", "", markup(pair.name)), nodes.definition("", paragraph))
    return pairs


def _time_table(contents: tuple[Entry, ...]) -> nodes.bullet_list:
    entries = nodes.bullet_list(classes=["homepage-cv__entries"])
    for entry in contents:
        item = nodes.list_item(classes=["homepage-cv__entry"])
        if entry.date:
            item += _paragraph(entry.date, "homepage-cv__year")
        details = nodes.container(classes=["homepage-cv__details"])
        if entry.title:
            heading = nodes.paragraph(classes=["homepage-cv__title"])
            title = nodes.strong("", "", markup(entry.title))
            # A title holding a link of its own is not put inside another.
            target = link_target(text_of(entry.url)) if entry.url and "<a" not in entry.title else None
            heading += nodes.reference("", "", title, refuri=target) if target else title
            details += heading
        for key in ("institution", "department", "location"):
            if text := getattr(entry, key):
                details += _paragraph(text, f"homepage-cv__{key}")
        for items in entry.lists:
            details += item_list(items, "homepage-cv__items")
        item += details
        entries += item
    return entries


def _nested_list(contents: tuple[Group, ...]) -> nodes.bullet_list:
    groups = nodes.bullet_list(classes=["homepage-cv__list"])
    for group in contents:
        item = nodes.list_item()
        heading = nodes.paragraph(classes=["homepage-cv__item-title"])
        heading += nodes.strong("", "", markup(group.title))
        item += heading
        if group.items:
            item += item_list(group.items, "homepage-cv__subitems")
        groups += item
    return groups


def item_list(items: tuple[Item, ...], css_class: str, ordered: bool = False) -> nodes.Element:
    if ordered:
        bullets: nodes.Element = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=[css_class])
    else:
        bullets = nodes.bullet_list(classes=[css_class])
    for item in items:
        entry = nodes.list_item()
        entry += _paragraph(item.text, "homepage-cv__item-title" if item.heading else "homepage-cv__item")
        if item.children:
            entry += item_list(item.children, "homepage-cv__subitems")
        bullets += entry
    return bullets


def _reversed(contents: tuple[Item, ...]) -> nodes.bullet_list:
    # Counting down, as RenderCV numbers them; an HTML list cannot count down in every browser, so the numbers
    # are written.
    numbered = tuple(Item(f"[{len(contents) - index}] {item.text}") for index, item in enumerate(contents))
    return item_list(numbered, "homepage-cv__list")


def _text(contents: tuple[Item, ...]) -> nodes.container:
    return nodes.container("", *(_paragraph(item.text, "homepage-cv__text") for item in contents),
                           classes=["homepage-cv__texts"])


DRAW = {
    "map": _map,
    "time_table": _time_table,
    "list": lambda contents: item_list(contents, "homepage-cv__list"),
    "nested_list": _nested_list,
    "numbered": lambda contents: item_list(contents, "homepage-cv__list", ordered=True),
    "reversed_numbered": _reversed,
    "text": _text,
}
