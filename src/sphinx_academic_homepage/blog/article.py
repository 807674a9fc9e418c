"""Each post described as an article to search engines and link previews: schema.org ``BlogPosting`` JSON-LD
(headline, dates, author, address, description, keywords) and Open Graph's type ``article`` with
``article:published_time`` and its tags.

The address is the post's canonical one (``html_baseurl``), left out when the site has none. Open Graph's type
is handed to sphinxext-opengraph (which writes ``og:type`` from a page's ``og:`` fields) when it is loaded.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from sphinx.application import Sphinx

from ..head import Property, ScriptData, add_head_entries
from ..priorities import PRIORITY
from ..profile import owner_name
from ..seo import site_url
from .page import iso_date
from .posts import Post, post_of


def blog_posting(app: Sphinx, post: Post) -> dict[str, Any]:
    """schema.org ``BlogPosting`` for ``post``."""
    stamp = iso_date(post)
    author = owner_name(app.config) or app.config.project
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "datePublished": stamp,
        "dateModified": stamp,
        "author": {"@type": "Person", "name": author},
    }
    base = site_url(app)
    if base:
        data["url"] = urljoin(base, app.builder.get_target_uri(post.docname))
        data["mainEntityOfPage"] = data["url"]
        data["author"]["url"] = base
    if post.description:
        data["description"] = post.description
    if post.tags or post.categories:
        data["keywords"] = list(post.categories + post.tags)
    return data


def _describe_post(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    post = post_of(app.env, pagename)
    if post is None:
        return
    # A copy: the context's metadata is the environment's own record of the page.
    context["meta"] = {**(context.get("meta") or {}), "og:type": "article"}
    entries = [Property("article:published_time", iso_date(post))]
    entries += [Property("article:tag", tag) for tag in post.tags]
    add_head_entries(context, *entries, ScriptData(blog_posting(app, post)))


def setup_article(app: Sphinx) -> None:
    app.connect("html-page-context", _describe_post, priority=PRIORITY.give_head_entries)
