"""Atom feeds (RFC 4287) of the site's dated pages: the news and the blog each describe theirs, this writes it.

A module gives an :class:`AtomFeed` (where it goes, its title, the page it is the feed of, its entries) and
:func:`write_atom_feed` writes it: whole or not at all (:mod:`.output`), and only when its bytes changed, so a
build after which nothing changed leaves the file and its date alone. Links are relative to the feed, under
``xml:base`` when the site has an address; ids are the pages' addresses then, else name-based UUIDs, stable
from build to build either way.
"""

from __future__ import annotations

import posixpath
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from weakref import WeakKeyDictionary
from xml.etree import ElementTree

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .output import write_output

ATOM_NS = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 forbids (C0 controls but tab, newline and carriage return; lone surrogates; U+FFFE/F):
#: one of them in a feed and no reader parses it.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class AtomEntry:
    title: str
    #: The entry's page, as a page name: its id and its ``rel=alternate`` link are made from it.
    pagename: str
    #: RFC 3339.
    updated: str
    published: str = ""
    #: HTML, as the page shows it (``type="html"``); or a plain-text summary.
    content: str = ""
    summary: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class AtomFeed:
    #: Where the feed goes in the output folder, as a page name without suffix (``news/feed``).
    name: str
    title: str
    #: The page the feed is the feed of.
    pagename: str
    author: str
    #: RFC 3339: when the newest entry changed.
    updated: str
    entries: Sequence[AtomEntry]
    #: The folder whose address is the feed's id, when not its own: a copy of a feed at another address is the
    #: same feed (``blog/`` for the blog's feed written at al-folio's ``feed.xml`` too).
    id_folder: str | None = None


class SiteFeed(NamedTuple):
    """A feed the build may write, offered as the site's feed (al-folio's ``rss_icon: true``)."""

    #: Lower first: the blog's feed (al-folio's ``feed.xml`` holds the posts), then the news'.
    rank: int
    #: The feed's page name (``blog/feed``), from the configuration.
    pagename: Callable[[Config], str]
    #: Whether this build writes it.
    written: Callable[[BuildEnvironment], bool]


_SITE_FEEDS: WeakKeyDictionary[Sphinx, list[SiteFeed]] = WeakKeyDictionary()


def add_site_feed(app: Sphinx, feed: SiteFeed) -> None:
    _SITE_FEEDS.setdefault(app, []).append(feed)


def site_feed(app: Sphinx) -> str | None:
    """The path of the site's feed in this build (``feed.xml``, the blog's), or None when it writes none."""
    for feed in sorted(_SITE_FEEDS.get(app, []), key=lambda feed: feed.rank):
        if feed.written(app.env):
            return f"{feed.pagename(app.config)}.xml"
    return None


def atom_id(app: Sphinx, path: str) -> str:
    """The id of ``path`` (a page's address in the built site): its URL, or a UUID made from the site and the path."""
    if app.config.html_baseurl:
        return posixpath.join(app.config.html_baseurl.rstrip("/") + "/", path)
    # Without a site address the ids still have to be stable and unique: name-based UUIDs.
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{app.config.project}/{path}"))


def feed_href(feed_name: str, pagename: str) -> str:
    """The feed's address as a link on ``pagename``."""
    return posixpath.relpath(f"{feed_name}.xml", posixpath.dirname(pagename) or ".")


def atom_bytes(app: Sphinx, feed: AtomFeed) -> bytes:
    """The feed as an XML document."""
    builder = app.builder
    folder = posixpath.dirname(feed.name)
    ElementTree.register_namespace("", ATOM_NS)

    def sub(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
        if text is not None:
            element.text = NOT_XML.sub("", text)
        return element

    root = ElementTree.Element(f"{{{ATOM_NS}}}feed")
    if app.config.html_baseurl:
        root.set("xml:base", app.config.html_baseurl.rstrip("/") + (f"/{folder}/" if folder else "/"))
    sub(root, "title", feed.title)
    own_folder = f"{folder}/" if folder else ""
    sub(root, "id", atom_id(app, own_folder if feed.id_folder is None else feed.id_folder))
    sub(root, "updated", feed.updated)
    sub(root, "link", rel="self", href=posixpath.basename(feed.name) + ".xml")
    sub(root, "link", rel="alternate", type="text/html", href=builder.get_relative_uri(feed.name, feed.pagename))
    sub(sub(root, "author"), "name", feed.author)
    for item in feed.entries:
        entry = sub(root, "entry")
        sub(entry, "title", item.title)
        sub(entry, "id", atom_id(app, builder.get_target_uri(item.pagename)))
        sub(entry, "updated", item.updated)
        if item.published:
            sub(entry, "published", item.published)
        sub(entry, "link", rel="alternate", type="text/html", href=builder.get_relative_uri(feed.name, item.pagename))
        for term in item.categories:
            sub(entry, "category", term=NOT_XML.sub("", term))
        if item.summary:
            sub(entry, "summary", item.summary)
        if item.content:
            sub(entry, "content", item.content, type="html")
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_atom_feed(app: Sphinx, feed: AtomFeed) -> None:
    """Write the feed, unless the file holds these bytes already; a feed without entries is not written."""
    if not feed.entries:
        return
    data = atom_bytes(app, feed)
    path = Path(app.builder.outdir) / f"{feed.name}.xml"
    if path.is_file() and path.read_bytes() == data:
        return
    write_output(app, path, data)
