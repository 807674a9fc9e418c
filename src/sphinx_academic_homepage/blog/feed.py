"""The blog's Atom feed, ``blog/feed.xml``: the newest posts, each with its title, dates, description and terms.

The same feed is written at al-folio's address too, ``feed.xml`` (jekyll-feed's), where the readers of a site
moved from al-folio are subscribed: the same id and entries, its links relative to where it is. al-folio's
``rss_icon: true`` links that one (:func:`~sphinx_academic_homepage.atom.site_feed`).

An entry carries the post's description as its summary, not the whole post: a reader shows what the index
shows and links to the post, whose math and figures are the page's. The author is the site's owner. Every
post page and every page of the blog links the feed from its head (:mod:`.listing`, :func:`post_head`).
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from sphinx.application import Sphinx

from ..atom import AtomEntry, AtomFeed, SiteFeed, add_site_feed, write_atom_feed
from ..head import add_head_entries
from ..priorities import PRIORITY
from ..profile import owner_name
from .listing import BLOG_FEED, blog_head, iso_date
from .posts import BLOG_INDEX, Post, post_of, posts

#: The feed carries the newest posts only, as feeds usually do; the index lists every post.
FEED_ENTRIES = 20
#: al-folio's address of its feed, as a page name without suffix.
ALFOLIO_FEED = "feed"


def _entry(post: Post) -> AtomEntry:
    stamp = iso_date(post)
    return AtomEntry(
        post.title,
        post.docname,
        updated=stamp,
        published=stamp,
        summary=post.description,
        categories=post.categories + post.tags,
    )


def blog_feed(app: Sphinx) -> AtomFeed:
    newest = posts(app.env)[:FEED_ENTRIES]
    name = owner_name(app.config) or app.config.project
    updated = iso_date(newest[0]) if newest else ""
    return AtomFeed(BLOG_FEED, f"{name}: blog", BLOG_INDEX, name, updated, [_entry(post) for post in newest])


def _write_feed(app: Sphinx) -> list:
    # Written when the site's pages are collected: it is a file, not a page.
    if app.builder.format == "html":
        feed = blog_feed(app)
        write_atom_feed(app, feed)
        write_atom_feed(app, replace(feed, name=ALFOLIO_FEED, id_folder=f"{posixpath.dirname(BLOG_FEED)}/"))
    return []


def _link_feed_from_posts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if post_of(app.env, pagename) is not None:
        add_head_entries(context, *blog_head(pagename))


def setup_feed(app: Sphinx) -> None:
    add_site_feed(app, SiteFeed(0, lambda config: ALFOLIO_FEED, lambda env: bool(posts(env))))
    app.connect("html-collect-pages", _write_feed)
    app.connect("html-page-context", _link_feed_from_posts, priority=PRIORITY.give_head_entries)
