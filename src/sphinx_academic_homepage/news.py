"""al-folio's news: dated announcements, one Markdown file per item.

Each document in the news folder (``homepage_news_dir``, ``news/``) is one item,
with al-folio's front matter: ``date`` (required), ``inline`` and ``title``.

- An ``inline: true`` item is shown whole in the list (al-folio's one-liners).
  Any other item is listed by its title, linking to its own page.
- A page whose front matter has al-folio's ``news: true`` (or ``announcements:
  enabled: true``) shows the newest items after its body, under a "news" heading
  linking to the news page; ``announcements.limit`` and ``.scrollable`` (or the
  settings ``homepage_news_limit``, ``homepage_news_scrollable``) cap the list and
  put more than three items in a scroll box. ``{news}`` shows the list anywhere.
- ``news/index.html`` lists every item, newest first, and ``news/feed.xml`` is the
  Atom feed of the newest 50. A ``news/index`` page of the site's own takes the
  place of the generated one (it is the owner's writing); it warns if it does not
  list the news, since the items would then be listed nowhere in full.

An item cannot list the news itself (it would be shown inside itself, without
end): ``{news}`` or ``news: true`` in an item warns and shows nothing. A date that
leaves years 1 to 9999 once moved to UTC, like one without a date, leaves the item
out of the lists; control characters, which XML forbids in the feed, are removed.

With no items none of this appears, and nothing warns. Lists are filled in when a
page is written (a post-transform), so an inline item's links resolve from the
page that shows it; a page with a list is read again whenever an item changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective, new_document
from sphinx.util import logging
from sphinx.util.i18n import format_date

from .atom import NOT_XML, AtomEntry, AtomFeed, SiteFeed, add_site_feed, feed_href, write_atom_feed
from .config import homepage_config, is_positive_int
from .dates import parse_date as parse_news_date
from .diagnostics import warn
from .docstore import DocumentStore
from .frontmatter import FrontMatter, front_matter
from .generated_pages import GeneratedPage, add_generated_pages, render_content
from .head import Link, add_head_entries
from .htmlnodes import add_html_node
from .navigation import add_navigation_page
from .node_kinds import page_holds
from .page_layout import titled_source
from .priorities import PRIORITY
from .transforms import BuilderPostTransform, add_builder_post_transform

#: The feed carries the newest entries only, as Atom feeds usually do; the news page lists every item.
FEED_ENTRIES = 50
#: al-folio: "adds a vertical scroll bar if there are more than 3 news items"
SCROLL_AFTER = 3
#: Every dated item: docname -> :class:`NewsItem`.
NEWS_ITEMS = DocumentStore("homepage_news")
#: The pages that list news (``news: true`` or the directive): read again when an item changes.
NEWS_HOSTS = DocumentStore("homepage_news_hosts", set)


# -- Data ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsItem:
    docname: str
    date: datetime  # as written: naive, or aware with its own offset
    inline: bool
    title: str | None

    @property
    def sort_key(self) -> tuple[datetime, str]:
        moment = self.date.astimezone(UTC).replace(tzinfo=None) if self.date.tzinfo else self.date
        return (moment, self.docname)

    @property
    def iso_date(self) -> str:
        """RFC 3339, as Atom and ``<time datetime>`` want it; a date without offset is taken as UTC."""
        return self.date.isoformat() if self.date.tzinfo else self.date.isoformat() + "Z"


def in_utc_range(moment: datetime) -> bool:
    """Whether a date with an offset stays within years 1 to 9999 once moved to UTC (``0001-01-01 00:30+01:00`` does not)."""
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return False
    return True


def news_dir(config: Config) -> str:
    return homepage_config(config).news_dir


def is_news_item(config: Config, docname: str) -> bool:
    folder = news_dir(config)
    return bool(folder) and docname.startswith(folder + "/") and docname != f"{folder}/index"


def news_items(env: BuildEnvironment) -> list[NewsItem]:
    """Every dated item, newest first."""
    items = NEWS_ITEMS.of(env).values()
    return sorted(items, key=lambda item: item.sort_key, reverse=True)


def news_page(app: Sphinx) -> str:
    return f"{news_dir(app.config)}/index"


def display_date(app: Sphinx, item: NewsItem) -> str:
    # The date as its author wrote it, not moved to UTC.
    naive = item.date.replace(tzinfo=None)
    return format_date(homepage_config(app).news_date_format, date=naive, language=app.config.language)


# -- Nodes ---------------------------------------------------------------------------------------------------------


class news_list(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where a news list goes; filled in by :class:`FillNewsLists` when the page is written."""


class news_box(nodes.General, nodes.Element):  # noqa: N801
    """The list's container; a keyboard-focusable scroll region when it scrolls."""


class news_date(nodes.Inline, nodes.TextElement):  # noqa: N801
    """An item's date, as ``<time datetime="...">``."""


def visit_news_box_html(self, node: news_box) -> None:
    attributes = {"classes": ["homepage-news"]}
    if node.get("scrollable"):
        # A scroll box must be reachable by keyboard and named (axe: scrollable-region-focusable).
        attributes["classes"].append("homepage-news--scrollable")
        attributes |= {"tabindex": "0", "role": "region", "aria-label": "News"}
    self.body.append(self.starttag(node, "div", "", **attributes))


def depart_news_box_html(self, node: news_box) -> None:
    self.body.append("</div>\n")


def visit_news_date_html(self, node: news_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_news_date_html(self, node: news_date) -> None:
    self.body.append("</time>")


# -- Reading: items and the pages that list them --------------------------------------------------------------------


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]", re.M)


def _title_item_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """An item with a ``title`` and headings of its own gets the title as its H1, its headings moved up under it,
    as al-folio's post layout shows it: an item's body often starts at ``####``, which Jekyll takes as it is.
    Without headings, the item keeps its text as written (its heading is given when it is read)."""
    if not is_news_item(app.config, docname) or not _HEADING.search(source[0]):
        return
    title = front_matter(app.env, docname).get("title")
    if isinstance(title, str) and title.strip():
        titled = titled_source(source[0], title)
        if titled is not None:
            source[0] = titled


def _read_item(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if not is_news_item(app.config, docname):
        return
    # An item is reached from the lists, not from a toctree.
    env.metadata[docname]["orphan"] = True
    page = front_matter(env, docname)
    if not page.valid:
        return  # its front matter has warned already; without it, the item has no date
    when = parse_news_date(page.get("date"))
    if when is None or not in_utc_range(when):
        if when is not None:
            message = f"news item date '{page.get('date')}' is out of range (before year 1 or after 9999 in UTC)"
        elif page.has("date"):
            message = f"news item date {page.get('date')!r} is not a date (YYYY-MM-DD, optionally with a time)"
        else:
            message = "news item has no date"
        warn(f"{message}; left out of the news lists", "news", page.location("date"))
        return
    title = page.get("title")
    title = (NOT_XML.sub("", title).strip() if isinstance(title, str) else "") or None
    _drop_characters_xml_forbids(page, doctree)
    inline = page.flag("inline", False)
    item = NewsItem(docname, when, inline, title)
    NEWS_ITEMS.of(env)[docname] = item
    _give_item_page_a_heading(app, doctree, item)


def _drop_characters_xml_forbids(page: FrontMatter, doctree: nodes.document) -> None:
    """Remove the characters XML forbids from the item's text, which the feed carries; one warning, at the first."""
    where = None
    title = page.get("title")
    if isinstance(title, str) and NOT_XML.search(title):
        where, character = page.location("title"), NOT_XML.search(title).group()
    for text in list(doctree.findall(nodes.Text)):
        found = NOT_XML.search(text)
        if found is None:
            continue
        if where is None:
            line = next((node.line for node in _ancestors(text) if node.line), None)
            where, character = (page.docname, line), found.group()
        text.parent.replace(text, nodes.Text(NOT_XML.sub("", text)))
    if where is not None:
        warn(f"news item holds the control character U+{ord(character):04X}, which XML forbids; removed", "news", where)


def _ancestors(node: nodes.Node):
    while node is not None:
        yield node
        node = node.parent


def _give_item_page_a_heading(app: Sphinx, doctree: nodes.document, item: NewsItem) -> None:
    """al-folio's post layout: the title, then the date; an inline item has its date as heading."""
    shown = display_date(app, item)
    dated = nodes.paragraph(classes=["homepage-news__page-date"])
    dated += news_date(shown, shown, datetime=item.iso_date)
    section = doctree.next_node(nodes.section)
    if section is not None and section.parent is doctree:
        section.insert(1, dated)  # the page has its own heading
        return
    heading = item.title or shown
    section = nodes.section(
        ids=[nodes.make_id(f"news-{heading}") or "news-item"], names=[nodes.fully_normalize_name(heading)]
    )
    if item.title:
        section += nodes.title(heading, heading)
        section += dated
    else:
        section += nodes.title("", "", news_date(shown, shown, datetime=item.iso_date))
    # The front matter (docinfo) and what precedes it stay first, where Sphinx looks for them.
    start = doctree.first_child_not_matching_class((nodes.PreBibliographic, nodes.docinfo))
    start = len(doctree.children) if start is None else start
    body = doctree.children[start:]
    del doctree.children[start:]
    for child in body:
        section += child
    doctree += section


def _list_settings(app: Sphinx, docname: str) -> tuple[bool, int | None, bool]:
    """Whether the page shows news (al-folio's ``news`` or ``announcements.enabled``), its limit, and scrolling."""
    page = front_matter(app.env, docname)
    announcements = page.get("announcements")
    if isinstance(announcements, dict):
        enabled = page.flag("announcements.enabled", False)
    else:
        enabled = page.flag("news", False)
    settings = homepage_config(app)
    limit = settings.news_limit
    if page.has("announcements.limit"):
        value = page.get("announcements.limit")
        if value is None:
            limit = None  # al-folio: "leave blank to include all the news"
        elif is_positive_int(value):
            limit = value
        else:
            warn(
                f"announcements.limit should be a positive number, not {value!r}; showing {limit or 'all'}",
                "news",
                page.location("announcements.limit"),
            )
    scrollable = settings.news_scrollable
    if page.has("announcements.scrollable"):
        scrollable = page.flag("announcements.scrollable", scrollable)
    return enabled, limit, scrollable


def _add_front_page_news(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    enabled, limit, scrollable = _list_settings(app, env.docname)
    if not enabled:
        return
    if is_news_item(app.config, env.docname):
        page = front_matter(env, env.docname)
        key = "announcements.enabled" if page.has("announcements.enabled") else "news"
        warn(NEWS_IN_AN_ITEM, "news", page.location(key))
        return
    section = nodes.section(ids=["news"], names=["news"], classes=["homepage-news-section"])
    section += nodes.title("news", "news")
    section += news_list(limit=limit, scrollable=scrollable)
    # After the bio, as a subsection of the page's heading when it has one.
    top = doctree.next_node(nodes.section)
    (top if top is not None and top.parent is doctree else doctree).append(section)
    NEWS_HOSTS.of(env).add(env.docname)


#: An item shown in a list that shows the item would never end.
NEWS_IN_AN_ITEM = "a news item cannot list the news (it would be shown inside itself); no list here"


def _check_own_news_page(app: Sphinx, doctree: nodes.document) -> None:
    """The site's own ``news/index`` page replaces the generated one: it should list the news itself."""
    docname = app.env.docname
    if docname != news_page(app):
        return
    # Reached from the news heading of the lists, as the generated page is, not from a toctree.
    app.env.metadata[docname]["orphan"] = True
    if docname not in NEWS_HOSTS.of(app.env):
        warn(
            f"{docname} takes the place of the generated news page but lists no news; "
            "add the {news} directive to it, or remove it to get the generated page",
            "news",
            (docname, 1),
        )


class NewsDirective(SphinxDirective):
    """``{news}``: the news list, newest first; ``:limit:`` items at most, ``:scrollable:`` after three."""

    has_content = False
    option_spec = {"limit": directives.positive_int, "scrollable": directives.flag}

    def run(self) -> list[nodes.Node]:
        if is_news_item(self.config, self.env.docname):
            warn(NEWS_IN_AN_ITEM, "news", self.get_location())
            return []
        NEWS_HOSTS.of(self.env).add(self.env.docname)
        node = news_list(limit=self.options.get("limit"), scrollable="scrollable" in self.options)
        self.set_source_info(node)
        return [node]


# -- Writing: fill the lists ----------------------------------------------------------------------------------------


def items_content(env: BuildEnvironment, items: list[NewsItem], host: str) -> dict[str, list[nodes.Node]]:
    """The body of each item's page, without its heading and date, resolved as shown on ``host``.

    The items' links are resolved here, from ``host``, with logging off: a broken link
    is reported once, by the item's own page, not again by every list that shows it.
    All items are resolved in one pass: Sphinx's post-transforms cost as much per
    document as per node, and a list can show thousands of items.
    """
    scratch = new_document(host)
    boxes = {}
    for item in items:
        boxes[item.docname] = box = nodes.container()
        box.extend(_item_copies(env, item, host))
        scratch += box
    with logging.suppress_logging():
        env.apply_post_transforms(scratch, host)
    return {docname: list(box.children) for docname, box in boxes.items()}


def _item_copies(env: BuildEnvironment, item: NewsItem, host: str) -> list[nodes.Node]:
    """Copies of the item page's body, to be shown on ``host``."""
    doctree = env.get_doctree(item.docname)
    section = doctree.next_node(nodes.section)
    source = section if section is not None and section.parent is doctree else doctree
    copies = nodes.container()
    for child in source.children:
        if isinstance(child, nodes.title | nodes.docinfo | nodes.PreBibliographic):
            continue
        if "homepage-news__page-date" in child.get("classes", []):
            continue
        copies += child.deepcopy()
    for element in copies.findall(nodes.Element):
        # The item's anchors belong to its own page; a section keeps one of its own (the writer numbers
        # headings by their section's id), named after the item so that it is unique on the host too.
        ids = element["ids"]
        element["ids"] = [nodes.make_id(f"{item.docname}-{ids[0]}")] if ids and isinstance(element, nodes.section) else []
    for xref in copies.findall(addnodes.pending_xref):
        # MyST makes link targets absolute when it reads the item and builds the URI
        # from ``refdoc``: shown on another page, the link starts from that page.
        if xref.get("reftype") == "myst":
            xref["refdoc"] = host
    return list(copies.children)


def _item_title(env: BuildEnvironment, app: Sphinx, item: NewsItem) -> str:
    if item.title:
        return item.title
    heading = env.titles.get(item.docname)
    return heading.astext() if heading is not None and heading.astext() else display_date(app, item)


def build_news_rows(app: Sphinx, items: list[NewsItem], refdoc: str) -> nodes.bullet_list:
    """One list item per news item: its date, then its text (inline) or a link to its page."""
    env = app.env
    contents = items_content(env, [item for item in items if item.inline], refdoc)
    rows = nodes.bullet_list(classes=["homepage-news__list"])
    for item in items:
        row = nodes.list_item(classes=["homepage-news__item"])
        shown = display_date(app, item)
        row += news_date(shown, shown, datetime=item.iso_date, classes=["homepage-news__date"])
        text = nodes.container(classes=["homepage-news__text"])
        if item.inline:
            content = contents[item.docname]
            # al-folio strips the <p> of a one-paragraph item.
            if len(content) == 1 and isinstance(content[0], nodes.paragraph):
                inline = nodes.inline(classes=["homepage-news__inline"])
                inline.extend(content[0].children)
                content = [inline]
            text.extend(content)
        else:
            title = _item_title(env, app, item)
            link = addnodes.pending_xref(
                "",
                nodes.inline(title, title),
                refdomain="std",
                reftype="doc",
                reftarget="/" + item.docname,
                refexplicit=True,
                refwarn=True,
                refdoc=refdoc,
            )
            text += nodes.paragraph("", "", link, classes=["homepage-news__title"])
        row += text
        rows += row
    return rows


def _news_page_uri(app: Sphinx, fromdocname: str) -> str | None:
    if app.builder.format != "html":
        return None
    try:
        return app.builder.get_relative_uri(fromdocname, news_page(app))
    except NoUri:
        return None


class FillNewsLists(BuilderPostTransform):
    """Replace each ``news_list`` with the items, newest first; remove it (and its heading) when there are none."""

    # Before MyST's and Sphinx's reference resolvers (9, 10), so the items' links resolve from this page.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(news_list))
        if not placeholders:
            # Most documents: among them each item's copy that a list resolves, so no sorting here.
            return
        items = news_items(self.env)
        docname = self.env.current_document.docname
        for placeholder in placeholders:
            section = placeholder.parent if "homepage-news-section" in placeholder.parent.get("classes", []) else None
            if not items:
                (section or placeholder).parent.remove(section or placeholder)
                continue
            limit = placeholder.get("limit")
            shown = items[:limit] if limit else items
            box = news_box(scrollable=bool(placeholder.get("scrollable")) and len(shown) > SCROLL_AFTER)
            box += build_news_rows(self.sphinx_app, shown, docname)
            placeholder.replace_self(box)
            uri = _news_page_uri(self.sphinx_app, docname)
            if section is not None and uri:
                # al-folio's heading links to the page with every item.
                title = section[0]
                del title[:]
                title += nodes.reference("news", "news", refuri=uri, classes=["homepage-news-section__link"])


# -- The news page and the Atom feed --------------------------------------------------------------------------------


def _feed_href(app: Sphinx, pagename: str) -> str:
    return feed_href(f"{news_dir(app.config)}/feed", pagename)


def _news_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    """The news page (every item, newest first), unless the site has its own."""
    pagename = news_page(app)
    items = news_items(app.env)
    if not items or pagename in app.env.found_docs:
        return
    section = nodes.section(ids=["news"], names=["news"])
    section += nodes.title("News", "News")
    section += news_list(limit=None, scrollable=False)
    feed = nodes.paragraph(classes=["homepage-news__feed"])
    feed += nodes.Text("Follow the news with the ")
    feed += nodes.reference("Atom feed", "Atom feed", refuri=_feed_href(app, pagename))
    feed += nodes.Text(".")
    section += feed
    yield GeneratedPage(pagename, "News", section, context={"homepage_news_page": True}, inputs=tuple(items))


def _collect_feed(app: Sphinx) -> list:
    """Write the Atom feed when the site's pages are collected (it is a file, not a page)."""
    if app.builder.format == "html" and news_items(app.env):
        _write_feed(app)
    return []


def _write_feed(app: Sphinx) -> None:
    feed_name = f"{news_dir(app.config)}/feed"
    items = news_items(app.env)[:FEED_ENTRIES]
    contents = items_content(app.env, items, feed_name)
    entries = []
    for item in items:
        content = nodes.container()
        content.extend(contents[item.docname])
        # Atom wants a title: an inline item's is its text.
        title = " ".join(content.astext().split()) if item.inline else _item_title(app.env, app, item)
        html = render_content(app, feed_name, content)
        entries.append(AtomEntry(title, item.docname, item.iso_date, content=html))
    author = app.config.author or app.config.project
    feed = AtomFeed(feed_name, f"{app.config.project}: news", news_page(app), author, items[0].iso_date, entries)
    write_atom_feed(app, feed)


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The list's styles and the feed's ``<link rel=alternate>``, only on pages that show news."""
    shows_news = context.get("homepage_news_page") or page_holds(app, doctree, news_box)
    if not shows_news:
        return
    app.add_css_file("news.css")
    add_head_entries(context, Link("alternate", _feed_href(app, pagename), type="application/atom+xml", title="News"))


# -- Keeping lists current -----------------------------------------------------------------------------------------


def _outdated_hosts(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages that list news are read again when an item is added, edited or removed."""
    if not any(is_news_item(app.config, docname) for docname in added | changed | removed):
        return []
    return sorted(NEWS_HOSTS.of(env) - removed)


def _news_page_in_navigation(app: Sphinx) -> None:
    # The news page's name comes from a setting: known once the configuration is read.
    add_navigation_page(app, news_page(app), "news", lambda env: bool(news_items(env)), listed_only=True)


def setup_news(app: Sphinx) -> None:
    add_site_feed(app, SiteFeed(1, lambda config: f"{news_dir(config)}/feed", lambda env: bool(news_items(env))))
    app.add_node(news_list)
    app.connect("builder-inited", _news_page_in_navigation)
    add_html_node(app, news_box, visit_news_box_html, depart_news_box_html)
    add_html_node(app, news_date, visit_news_date_html, depart_news_date_html)
    app.add_directive("news", NewsDirective)
    app.connect("source-read", _title_item_page, priority=PRIORITY.page_layout_title)
    app.connect("doctree-read", _read_item, priority=PRIORITY.read_news_item)
    app.connect("doctree-read", _add_front_page_news, priority=PRIORITY.front_page_news)
    app.connect("doctree-read", _check_own_news_page, priority=PRIORITY.check_own_news_page)
    add_builder_post_transform(app, FillNewsLists)
    app.connect("env-get-outdated", _outdated_hosts)
    NEWS_ITEMS.connect(app)
    NEWS_HOSTS.connect(app)
    add_generated_pages(app, _news_pages)
    app.connect("html-collect-pages", _collect_feed)
    app.connect("html-page-context", _page_assets, priority=PRIORITY.give_head_entries)
