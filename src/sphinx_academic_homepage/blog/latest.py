"""al-folio's ``latest_posts:`` front matter: the newest posts on a page (the home page), after its text.

``latest_posts: true`` or ``latest_posts: {enabled: true, limit: 3, scrollable: true}`` (al-folio's about
page) adds a "latest posts" section linking to the blog, listing the newest ``limit`` posts (al-folio: 3) by
date and title; a list longer than three scrolls when ``scrollable`` (al-folio's default). With no post there
is no section. The list is filled in when the page is written, so the page is written again, not read again,
when the posts change.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import is_positive_int
from ..diagnostics import warn
from ..docstore import DocumentStore, SiteRecord
from ..frontmatter import front_matter
from ..htmlnodes import add_html_node
from ..transforms import BuilderPostTransform, add_builder_post_transform
from .listing import date_node, page_uri, post_title_link
from .posts import BLOG_INDEX, posts

#: al-folio's defaults for ``latest_posts``.
DEFAULT_LIMIT = 3
#: A list of more posts than this scrolls (al-folio's "scrollable").
SCROLL_AFTER = 3
#: The pages that list the latest posts: written again when the posts change.
LATEST_HOSTS = DocumentStore("homepage_latest_posts_hosts", set)
#: What the lists showed when last written: the posts, newest first.
LISTED_POSTS = SiteRecord("homepage_latest_posts_listed")


class latest_posts(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where the latest posts go; filled in by :class:`FillLatestPosts` when the page is written."""


class latest_box(nodes.General, nodes.Element):  # noqa: N801
    """The list's container: a keyboard-reachable, named scroll region when it scrolls."""


def visit_latest_box_html(self, node: latest_box) -> None:
    attributes: dict[str, Any] = {"classes": ["homepage-blog__latest"]}
    if node.get("scrollable"):
        attributes["classes"].append("homepage-blog__latest--scrollable")
        attributes |= {"tabindex": "0", "role": "region", "aria-label": "Latest posts"}
    self.body.append(self.starttag(node, "div", "", **attributes))


def depart_latest_box_html(self, node: latest_box) -> None:
    self.body.append("</div>\n")


def _settings(env: BuildEnvironment, docname: str) -> tuple[bool, int, bool]:
    """Whether the page lists the latest posts, how many, and whether the list scrolls."""
    page = front_matter(env, docname)
    if not page.has("latest_posts"):
        return False, DEFAULT_LIMIT, True
    if not isinstance(page.get("latest_posts"), dict):
        return page.flag("latest_posts", False), DEFAULT_LIMIT, True
    limit = page.get("latest_posts.limit", DEFAULT_LIMIT)
    if not is_positive_int(limit):
        warn(
            f"latest_posts.limit should be a positive number, not {limit!r}; showing {DEFAULT_LIMIT}",
            "post",
            page.location("latest_posts.limit"),
        )
        limit = DEFAULT_LIMIT
    return page.flag("latest_posts.enabled", False), limit, page.flag("latest_posts.scrollable", True)


def _add_latest_posts(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    enabled, limit, scrollable = _settings(env, env.docname)
    if not enabled:
        return
    section = nodes.section(ids=["latest-posts"], names=["latest posts"], classes=["homepage-blog__latest-section"])
    section += nodes.title("latest posts", "latest posts")
    section += latest_posts(limit=limit, scrollable=scrollable)
    # After the page's text, in its top section when it has one (as the news list).
    top = doctree.next_node(nodes.section)
    (top if top is not None and top.parent is doctree else doctree).append(section)
    LATEST_HOSTS.of(env).add(env.docname)


def latest_rows(app: Sphinx, pagename: str, limit: int) -> nodes.bullet_list:
    rows = nodes.bullet_list(classes=["homepage-blog__list"])
    for post in posts(app.env)[:limit]:
        row = nodes.list_item(classes=["homepage-blog__post"])
        row += date_node(app, post, ["homepage-blog__date"])
        row += nodes.inline("", "", post_title_link(app, pagename, post), classes=["homepage-blog__title"])
        rows += row
    return rows


class FillLatestPosts(BuilderPostTransform):
    """Replace each ``latest_posts`` with the newest posts; remove its section when there are none."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(latest_posts))
        if not placeholders:
            return
        app = self.sphinx_app
        pagename = self.env.current_document.docname
        for placeholder in placeholders:
            section = placeholder.parent
            if app.builder.format != "html" or not posts(self.env):
                section.parent.remove(section)
                continue
            shown = latest_rows(app, pagename, placeholder["limit"])
            box = latest_box(scrollable=placeholder["scrollable"] and len(shown) > SCROLL_AFTER)
            box += shown
            placeholder.replace_self(box)
            title = section[0]
            del title[:]
            title += nodes.reference("latest posts", "latest posts", refuri=page_uri(app, pagename, BLOG_INDEX))


def _hosts_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages that list the latest posts, when the posts changed since they were written."""
    listed = tuple(posts(env))
    previous = LISTED_POSTS.set(env, listed)
    if previous is SiteRecord.MISSING or previous == listed:
        return []
    return sorted(LATEST_HOSTS.of(env) & env.found_docs)


def setup_latest(app: Sphinx) -> None:
    app.add_node(latest_posts)
    add_html_node(app, latest_box, visit_latest_box_html, depart_latest_box_html)
    app.connect("doctree-read", _add_latest_posts)
    add_builder_post_transform(app, FillLatestPosts)
    app.connect("env-get-updated", _hosts_to_write)
    LATEST_HOSTS.connect(app)
