"""The record of every post, which the blog's other parts (the index, archives, feed, neighbours) read.

A post is read like any page; once its doctree is read, its front matter and body give one :class:`Post`,
kept in a :class:`~sphinx_academic_homepage.docstore.DocumentStore` so that ``-j`` builds, incremental builds
and deleted posts keep it right. Front matter is read as Jekyll reads it: ``tags``/``categories`` as one word,
a space-separated string or a list; ``date`` as Ruby's YAML does (see :mod:`..dates`), else the file name's;
a missing title made from the slug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..dates import parse_date
from ..diagnostics import warn
from ..docstore import DocumentStore
from ..frontmatter import FrontMatter, front_matter
from ..priorities import PRIORITY
from .discovery import post_file

#: The blog's index page (the listing writes it).
BLOG_INDEX = "blog/index"

#: Every post read: docname -> :class:`Post`.
POSTS = DocumentStore("homepage_posts")

#: jekyll-archives' permalinks: ``/blog/:year/``, ``/blog/tag/:name/``, ``/blog/category/:name/``.
_ARCHIVES = {"year": "blog/{}/index", "tag": "blog/tag/{}/index", "category": "blog/category/{}/index"}

# Jekyll's slugify ("default" mode): every run of characters that are not letters or digits is one hyphen.
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Post:
    docname: str  # "blog/2026/physics-of-ai/index"
    source: str  # "_posts/2026-01-20-physics-of-ai.md" (srcdir-relative, posix)
    slug: str  # "physics-of-ai"
    title: str  # plain text
    date: datetime  # as Jekyll reads it; tz-aware when the front matter gives a zone
    description: str  # "" when empty
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    featured: bool
    thumbnail: str | None  # srcdir-relative path as written, leading "/" removed
    redirect: str | None  # external URL, or a site path ("/assets/pdf/x.pdf", "/blog/2015/math/")
    external_source: str | None
    words: int  # words of the body, for the reading time
    has_math: bool

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """The moment of the post (a date without offset taken as UTC), then its docname."""
        moment = self.date.astimezone(UTC).replace(tzinfo=None) if self.date.tzinfo else self.date
        return (moment, self.docname)


def posts(env: BuildEnvironment) -> list[Post]:
    """Every post, newest first (date descending, then docname)."""
    records = POSTS.of(env).values()
    by_docname = sorted(records, key=lambda post: post.docname)
    return sorted(by_docname, key=lambda post: post.sort_key[0], reverse=True)


def post_of(env: BuildEnvironment, docname: str) -> Post | None:
    """The post whose page ``docname`` is, or None."""
    return POSTS.of(env).get(docname)


def slugify(name: str) -> str:
    """A tag's or a category's name as a path segment, as Jekyll's ``slugify`` writes it (lower case)."""
    slug = _NOT_ALPHANUMERIC.sub("-", name).strip("-").lower()
    # A name of punctuation only still needs a segment of its own.
    return slug or "-".join(f"{ord(character):x}" for character in name) or "-"


def archive_docname(kind: str, name: str) -> str:
    """The docname of the archive page of a year, a tag or a category (``kind`` ``"year"``, ``"tag"``, ``"category"``)."""
    return _ARCHIVES[kind].format(slugify(str(name)))


# -- Reading a post -------------------------------------------------------------------------------------------------


def words_of(value: Any) -> tuple[str, ...]:
    """``tags``/``categories`` as Liquid reads them: a list's items, or the words of a string."""
    if value is None or isinstance(value, bool):
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(dict.fromkeys(str(item).strip() for item in value if item is not None and str(item).strip()))
    return tuple(dict.fromkeys(str(value).split()))


def _text(page: FrontMatter, key: str) -> str | None:
    value = page.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def _title_from_slug(slug: str) -> str:
    # Jekyll's own fallback: the slug's words, capitalised.
    return " ".join(word.capitalize() for word in slug.split("-") if word)


def _date(page: FrontMatter, file_date: datetime) -> datetime:
    if not page.has("date"):
        return file_date
    when = parse_date(page.get("date"))
    if when is None:
        warn(
            f"post date {page.get('date')!r} is not a date (YYYY-MM-DD, optionally with a time and offset); "
            f"using the file name's, {file_date:%Y-%m-%d}",
            "post",
            page.location("date"),
        )
        return file_date
    return when


def _count_words(doctree: nodes.document) -> int:
    # Code and math are read as text too; raw HTML is markup (figures, videos), not words.
    count = 0
    for node in doctree.findall(nodes.Text):
        if not isinstance(node.parent, nodes.raw):
            count += len(node.astext().split())
    return count


def read_post(env: BuildEnvironment, docname: str, doctree: nodes.document) -> Post | None:
    """The record of ``docname`` when it is a post, from its front matter (warning about bad values) and body."""
    found = post_file(env, docname)
    if found is None:
        return None
    page = front_matter(env, docname)
    thumbnail = _text(page, "thumbnail")
    return Post(
        docname=docname,
        source=found.source,
        slug=found.slug,
        title=_text(page, "title") or _title_from_slug(found.slug),
        date=_date(page, found.date),
        description=_text(page, "description") or "",
        tags=words_of(page.get("tags")),
        categories=words_of(page.get("categories", page.get("category"))),
        featured=page.get("featured") is True,
        thumbnail=thumbnail.lstrip("/") if thumbnail else None,
        redirect=_text(page, "redirect"),
        external_source=_text(page, "external_source"),
        words=_count_words(doctree),
        has_math=next(doctree.findall(lambda node: isinstance(node, (nodes.math, nodes.math_block))), None) is not None,
    )


def _record_post(app: Sphinx, doctree: nodes.document) -> None:
    post = read_post(app.env, app.env.docname, doctree)
    if post is not None:
        POSTS.of(app.env)[post.docname] = post
        # A post is reached from the blog's index and archives, not from a toctree.
        app.env.metadata[post.docname]["orphan"] = True


def setup_posts(app: Sphinx) -> None:
    # The record is made from the page as written (its words), before the post page adds its title and dates.
    app.connect("doctree-read", _record_post, priority=PRIORITY.record_post)
    POSTS.connect(app)
