"""Lists of posts, as the blog's index, its archives and the home page show them, and the blog's index itself.

A post is listed as al-folio lists it: its title (linking to the post, or to its ``redirect``, marked when that
leaves the site), its description, its date and reading time as its page gives them (:mod:`.page`), and its
tags and categories, each linking to its archive page. Lists are nodes (a bullet list, ``<time>``, a
pagination ``<nav>``) rendered by the HTML builder, and are made for HTML builders only: their links are the
builder's addresses.

``blog/index`` lists every post, newest first, ``homepage_blog_per_page`` a page (``blog/page/2/index``
...), with the featured posts above the list on its first page. With no post there is no blog page. A
``blog/index`` document of the site's own takes the place of the generated pages.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..atom import feed_href
from ..config import homepage_config
from ..generated_pages import GeneratedPage, add_generated_pages
from ..head import Link
from ..htmlnodes import add_html_node
from ..navigation import add_navigation_page
from ..node_kinds import page_holds
from ..urls import is_external_url
from .groups import Group, archive_groups
from .page import iso_date, post_date, reading_minutes, shown_date, site_target
from .posts import BLOG_INDEX, Post, archive_docname, posts

#: The blog's Atom feed, as a page name (the file is ``blog/feed.xml``).
BLOG_FEED = "blog/feed"
#: What marks the blog's pages for their stylesheet and feed link (a generated page's context key).
BLOG_PAGE = "homepage_blog_page"


# -- Nodes ----------------------------------------------------------------------------------------------------------


class page_navigation(nodes.General, nodes.Element):  # noqa: N801
    """A ``<nav>`` named by its ``label`` (the pages of a list, the post before and after)."""


class page_link(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A link to one page of a list; the page being shown is marked ``aria-current="page"`` and not linked."""


def visit_page_navigation_html(self, node: page_navigation) -> None:
    self.body.append(self.starttag(node, "nav", "", **{"aria-label": node["label"]}))


def depart_page_navigation_html(self, node: page_navigation) -> None:
    self.body.append("</nav>\n")


def visit_page_link_html(self, node: page_link) -> None:
    if node.get("current"):
        self.body.append(self.starttag(node, "span", "", **{"aria-current": "page"}))
    else:
        self.body.append(self.starttag(node, "a", "", href=node["refuri"], **{"aria-label": node["label"]}))


def depart_page_link_html(self, node: page_link) -> None:
    self.body.append("</span>" if node.get("current") else "</a>")


# -- What a list shows of a post -----------------------------------------------------------------------------------


def page_uri(app: Sphinx, pagename: str, target: str) -> str:
    """The address of page ``target`` as a link on ``pagename``."""
    return app.builder.get_relative_uri(pagename, target)


def post_target(app: Sphinx, pagename: str, post: Post) -> tuple[str, bool]:
    """Where the post's title links from ``pagename``, and whether that leaves the site (al-folio follows ``redirect``)."""
    redirect = post.redirect
    if redirect and is_external_url(redirect):
        return redirect, True
    if redirect and redirect.startswith("/"):
        return site_target(app, pagename, redirect), False
    return page_uri(app, pagename, post.docname), False


def post_title_link(app: Sphinx, pagename: str, post: Post) -> nodes.reference:
    uri, external = post_target(app, pagename, post)
    link = nodes.reference(post.title, post.title, refuri=uri, internal=not external)
    if external:
        link["classes"] += ["external", "homepage-blog__external"]
        # blog.css shows an arrow after it; a screen reader says these words.
        link += nodes.inline("", " (external link)", classes=["visually-hidden"])
    return link


def date_node(app: Sphinx, post: Post, classes: Sequence[str] = ()) -> post_date:
    text = shown_date(app, post)
    return post_date(text, text, datetime=iso_date(post), classes=list(classes))


def _terms(app: Sphinx, pagename: str, post: Post) -> list[nodes.Node]:
    """Links to the post's tag and category archives."""
    found: list[nodes.Node] = []
    for kind, names, sign in (("category", post.categories, ""), ("tag", post.tags, "#")):
        for name in names:
            uri = page_uri(app, pagename, archive_docname(kind, name))
            classes = [f"homepage-blog__{kind}"]
            found.append(nodes.reference("", sign + name, refuri=uri, internal=True, classes=classes))
    return found


def post_item(app: Sphinx, pagename: str, post: Post) -> nodes.list_item:
    """One post of a list: title, description, then date, reading time, categories and tags."""
    item = nodes.list_item(classes=["homepage-blog__post"])
    item += nodes.paragraph("", "", post_title_link(app, pagename, post), classes=["homepage-blog__title"])
    if post.description:
        item += nodes.paragraph(post.description, post.description, classes=["homepage-blog__description"])
    about = nodes.paragraph(classes=["homepage-blog__meta"])
    about += date_node(app, post, ["homepage-blog__date"])
    minutes = reading_minutes(post)
    about += nodes.inline("", f"{minutes} min read", classes=["homepage-blog__reading-time"])
    terms = _terms(app, pagename, post)
    if terms:
        listed = nodes.inline(classes=["homepage-blog__terms"])
        for term in terms:
            listed += term
        about += listed
    item += about
    return item


def listed_as(posts_listed: Sequence[Post]) -> tuple[tuple[Any, ...], ...]:
    """What a list shows of each post (:func:`post_item`): a page listing posts is made from this, so an edit of a
    post's text that leaves its reading time as it was does not write the lists again."""
    return tuple(
        (post.docname, post.title, post.date, post.description, post.tags, post.categories, post.redirect,
         post.featured, reading_minutes(post))
        for post in posts_listed
    )


def post_list(app: Sphinx, pagename: str, listed: Sequence[Post], classes: Sequence[str] = ()) -> nodes.bullet_list:
    """The posts ``listed``, in their order, as shown on ``pagename``."""
    rows = nodes.bullet_list(classes=["homepage-blog__list", *classes])
    for post in listed:
        rows += post_item(app, pagename, post)
    return rows


# -- The index: pages of posts ----------------------------------------------------------------------------------------


def index_pagename(number: int) -> str:
    """The name of page ``number`` (from 1) of the blog's index, at al-folio's ``/blog/page/N/``."""
    return BLOG_INDEX if number == 1 else f"blog/page/{number}/index"


def pagination(app: Sphinx, pagename: str, current: int, count: int) -> page_navigation:
    """Links to every page of the index, the current one marked."""
    navigation = page_navigation(label="Blog pages", classes=["homepage-blog__pages"])
    rows = nodes.bullet_list(classes=["homepage-blog__page-list"])
    for number in range(1, count + 1):
        target = index_pagename(number)
        uri = page_uri(app, pagename, target)
        link = page_link("", str(number), refuri=uri, label=f"Page {number}", current=number == current)
        rows += nodes.list_item("", link)
    navigation += rows
    return navigation


def feed_paragraph(app: Sphinx, pagename: str) -> nodes.paragraph:
    feed = nodes.paragraph(classes=["homepage-blog__feed"])
    feed += nodes.Text("Follow the blog with its ")
    feed += nodes.reference("Atom feed", "Atom feed", refuri=feed_href(BLOG_FEED, pagename))
    feed += nodes.Text(".")
    return feed


def blog_head(pagename: str) -> tuple[Link, ...]:
    """The blog's feed, announced in the head of each of its pages."""
    return (Link("alternate", feed_href(BLOG_FEED, pagename), type="application/atom+xml", title="Blog"),)


def section(ids: str, title: str, *children: nodes.Node, classes: Sequence[str] = ()) -> nodes.section:
    names = [nodes.fully_normalize_name(title)]
    made = nodes.section(ids=[nodes.make_id(ids) or "section"], names=names, classes=list(classes))
    made += nodes.title(title, title)
    made.extend(children)
    return made


#: How the index's archive links name each kind, and the mark before a name.
_ARCHIVE_KINDS = {"year": ("years", ""), "category": ("categories", ""), "tag": ("tags", "#")}


def archive_navigation(app: Sphinx, pagename: str, groups: Mapping[str, Group]) -> page_navigation:
    """Links to every archive: years newest first, categories and tags by name."""
    navigation = page_navigation(label="Archives", classes=["homepage-blog__archives"])
    for kind, (heading, mark) in _ARCHIVE_KINDS.items():
        found = [(target, group.name) for target, group in groups.items() if group.kind == kind]
        if kind != "year":
            found.sort(key=lambda pair: (pair[1].casefold(), pair[1]))
        if not found:
            continue
        row = nodes.paragraph(classes=[f"homepage-blog__archives-{kind}"])
        row += nodes.inline("", f"{heading}:", classes=["homepage-blog__archives-heading"])
        for target, name in found:
            row += nodes.Text(" ")
            row += nodes.reference("", mark + name, refuri=page_uri(app, pagename, target), internal=True)
        navigation += row
    return navigation


def _index_body(
    app: Sphinx, pagename: str, title: str, page: tuple[int, int], shown: Sequence[Post], featured: Sequence[Post],
    groups: Mapping[str, Group],
) -> nodes.section:
    number, count = page
    body = section("blog", title, feed_paragraph(app, pagename))
    if groups:
        body += archive_navigation(app, pagename, groups)
    if featured:
        body += section("featured", "featured", post_list(app, pagename, featured, ["homepage-blog__featured"]))
        body += section("posts", "posts", post_list(app, pagename, shown))
    else:
        body += post_list(app, pagename, shown)
    if count > 1:
        body += pagination(app, pagename, number, count)
    return body


def _index_page(app: Sphinx, number: int, count: int, shown: Sequence[Post], featured: Sequence[Post]) -> GeneratedPage:
    pagename = index_pagename(number)
    title = "blog" if number == 1 else f"blog, page {number}"
    # The first page links the archives, besides each post's own terms.
    groups: Mapping[str, Group] = archive_groups(posts(app.env)) if number == 1 else {}
    return GeneratedPage(
        pagename,
        title,
        partial(_index_body, app, pagename, title, (number, count), shown, featured, groups),
        head=blog_head(pagename),
        context={BLOG_PAGE: True},
        resolve=False,
        inputs=(number, count, listed_as(shown), listed_as(featured), sorted((name, *group[:2]) for name, group in groups.items())),
    )


def index_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    """The index's pages: every post newest first, ``homepage_blog_per_page`` a page; the featured on the first."""
    if app.builder.format != "html" or BLOG_INDEX in app.env.found_docs:
        return
    every = posts(app.env)
    if not every:
        return
    per_page = homepage_config(app).blog_per_page
    count = math.ceil(len(every) / per_page)
    featured = [post for post in every if post.featured]
    for number in range(1, count + 1):
        shown = every[(number - 1) * per_page : number * per_page]
        yield _index_page(app, number, count, shown, featured if number == 1 else ())


def blog_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The lists' stylesheet on the pages that show posts."""
    if context.get(BLOG_PAGE) or page_holds(app, doctree, nodes.bullet_list, "homepage-blog__list"):
        app.add_css_file("blog.css")


def setup_listing(app: Sphinx) -> None:
    add_html_node(app, page_navigation, visit_page_navigation_html, depart_page_navigation_html)
    add_html_node(app, page_link, visit_page_link_html, depart_page_link_html)
    add_generated_pages(app, index_pages)
    # al-folio's navbar has "blog" once there is a post.
    add_navigation_page(app, BLOG_INDEX, "blog", lambda env: bool(posts(env)))
    app.connect("html-page-context", blog_assets)
