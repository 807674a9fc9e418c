"""What the extension adds to a page's ``<head>``: typed entries, written escaped in one place and one order.

A module that has something for the head (the page's description, a post's Open Graph dates, the news feed's
``<link rel=alternate>``, a paper's Highwire Press tags, schema.org JSON-LD) describes it as a :class:`Meta`,
:class:`Property`, :class:`Link` or :class:`ScriptData` and hands it to :func:`add_head_entries` while the
page's context is made; a page the build makes itself gives its entries with the page (:mod:`.generated_pages`). :func:`write_head_entries` then writes
them all into the theme's ``metatags``: metas first (the description first of them, as result pages read it),
then links, then data blocks, each kind in the order given. Values come from the user's files, so they are
escaped here and nowhere else.

The entries are written before sphinxext-opengraph reads ``metatags`` (it adds a description of its own
guess when it finds none). The Content-Security-Policy is not one of them: it must be the first element after
``<meta charset>`` and hash the page's inline scripts, so :mod:`.csp` inserts it once the page is rendered.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx

from .priorities import PRIORITY

#: The context key under which a page's entries wait to be written.
HEAD_ENTRIES = "homepage_head"

_META_NAME = re.compile(r"""<meta\s[^>]*name=["']([^"']+)["']""", re.I)


@dataclass(frozen=True)
class Meta:
    """``<meta name="..." content="...">``."""

    name: str
    content: str

    def markup(self) -> str:
        return f'<meta name="{_attribute(self.name)}" content="{_attribute(self.content)}" />'


@dataclass(frozen=True)
class Property:
    """``<meta property="..." content="...">``: Open Graph's form (``article:published_time``)."""

    property: str
    content: str

    def markup(self) -> str:
        return f'<meta property="{_attribute(self.property)}" content="{_attribute(self.content)}" />'


@dataclass(frozen=True)
class Link:
    """``<link rel="..." ...>``; ``type`` and ``title`` are left out when empty."""

    rel: str
    href: str
    type: str = ""
    title: str = ""

    def markup(self) -> str:
        attributes = [("rel", self.rel), ("type", self.type), ("title", self.title), ("href", self.href)]
        written = " ".join(f'{name}="{_attribute(value)}"' for name, value in attributes if value)
        return f"<link {written} />"


@dataclass(frozen=True)
class ScriptData:
    """A data block a browser does not run (schema.org JSON-LD): ``<script type="application/ld+json">``."""

    data: Any
    type: str = "application/ld+json"

    def markup(self) -> str:
        # ``<``, ``>`` and ``&`` escaped inside the JSON, so no value (a title with ``</script>``) ends the element.
        text = json.dumps(self.data, ensure_ascii=False, indent=None)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f'<script type="{_attribute(self.type)}">{text}</script>'


HeadEntry = Meta | Property | Link | ScriptData

#: The order of the kinds in ``<head>``.
_KIND_ORDER = {Meta: 0, Property: 0, Link: 1, ScriptData: 2}


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def add_head_entries(context: dict[str, Any], *entries: HeadEntry) -> None:
    """Give the page whose context this is ``entries`` for its ``<head>``."""
    context.setdefault(HEAD_ENTRIES, []).extend(entries)


def has_meta(context: dict[str, Any], name: str) -> bool:
    """Whether the page already has ``<meta name=name>``: written by Sphinx (a ``meta`` directive) or waiting here."""
    written = {found.lower() for found in _META_NAME.findall(context.get("metatags") or "")}
    waiting = {entry.name.lower() for entry in context.get(HEAD_ENTRIES, ()) if isinstance(entry, Meta)}
    return name.lower() in written | waiting


def head_markup(entries: list[HeadEntry]) -> str:
    """The entries' tags, one a line, in the head's order: the description, other metas, links, data blocks."""

    def place(entry: HeadEntry) -> tuple[int, int]:
        return (_KIND_ORDER[type(entry)], 0 if isinstance(entry, Meta) and entry.name == "description" else 1)

    return "".join(f"\n    {entry.markup()}" for entry in sorted(entries, key=place))


def write_head_entries(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    entries = context.pop(HEAD_ENTRIES, None)
    if entries:
        context["metatags"] = (context.get("metatags") or "") + head_markup(entries)


def setup_head(app: Sphinx) -> None:
    app.connect("html-page-context", write_head_entries, priority=PRIORITY.write_head)
