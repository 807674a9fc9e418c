"""The blog's posts grouped as its archives group them: by year, by tag and by category.

Names whose archive addresses are alike (``ML`` and ``ml``, see :func:`~.posts.archive_docname`) make one
group, named as first written.
"""

from __future__ import annotations

from typing import NamedTuple

from .posts import Post, archive_docname

#: The kinds of archive, in the order they are listed.
KINDS = ("year", "category", "tag")


class Group(NamedTuple):
    kind: str
    name: str
    #: Its posts, in the order given (newest first).
    posts: tuple[Post, ...]


def _names(kind: str, post: Post) -> tuple[str, ...]:
    if kind == "year":
        return (str(post.date.year),)
    return post.tags if kind == "tag" else post.categories


def archive_groups(every: list[Post]) -> dict[str, Group]:
    """Archive page name -> its group, for every year, category and tag of ``every``, kind by kind."""
    found: dict[str, tuple[str, str, list[Post]]] = {}
    for kind in KINDS:
        for post in every:
            for name in _names(kind, post):
                listed = found.setdefault(archive_docname(kind, name), (kind, name, []))[2]
                # Two of a post's names with one address ("C++" and "c") list it once.
                if not listed or listed[-1] is not post:
                    listed.append(post)
    return {pagename: Group(kind, name, tuple(listed)) for pagename, (kind, name, listed) in found.items()}
