"""The blog's archives, as jekyll-archives makes them for al-folio: a page per year, tag and category.

Each lists its posts newest first, at :func:`~.posts.archive_docname`'s address (``blog/2026/``,
``blog/tag/<name>/``, ``blog/category/<name>/``); names whose addresses are alike share one page
(:mod:`.groups`). A year, tag or category without a post has no page; the blog's index links every one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from docutils import nodes
from sphinx.application import Sphinx

from ..generated_pages import GeneratedPage, add_generated_pages
from .groups import archive_groups
from .listing import BLOG_PAGE, blog_head, feed_paragraph, listed_as, post_list, section
from .posts import Post, posts

#: Kind -> what its page says of its posts, after the name.
_ABOUT = {
    "year": "an archive of posts from this year",
    "tag": "an archive of posts with this tag",
    "category": "an archive of posts in this category",
}


def _archive_body(app: Sphinx, pagename: str, kind: str, name: str, listed: Sequence[Post]) -> nodes.section:
    about = nodes.paragraph(_ABOUT[kind], _ABOUT[kind], classes=["homepage-blog__archive-about"])
    return section(f"{kind}-{name}", name, about, post_list(app, pagename, listed), feed_paragraph(app, pagename))


def archive_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    if app.builder.format != "html":
        return
    for pagename, (kind, name, listed) in sorted(archive_groups(posts(app.env)).items()):
        if pagename in app.env.found_docs:
            continue  # a page of the site's own (or a post) already answers there
        yield GeneratedPage(
            pagename,
            name,
            partial(_archive_body, app, pagename, kind, name, listed),
            head=blog_head(pagename),
            context={BLOG_PAGE: True},
            resolve=False,
            inputs=(kind, name, listed_as(listed)),
        )


def setup_archives(app: Sphinx) -> None:
    add_generated_pages(app, archive_pages)
