"""Links at the end of each post to the post before and after it, in the blog's order (newest first): "previous"
is the older post, "next" the newer, as al-folio has them.

The links are added when a post is written, so a post whose neighbours changed (one was added, deleted,
retitled or redated) is written again, not read again: the neighbours each build sees are kept on the
environment and compared (``env-get-updated``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..docstore import SiteRecord
from .listing import page_navigation, page_uri
from .posts import post_of, posts

#: Post docname -> ((older docname, title) or None, (newer docname, title) or None), as last written.
NEIGHBOURS = SiteRecord("homepage_post_neighbours")

Neighbour = tuple[str, str] | None


def neighbours(env: BuildEnvironment) -> dict[str, tuple[Neighbour, Neighbour]]:
    """Each post's older and newer neighbour, by docname and title."""
    ordered = posts(env)

    def at(index: int) -> Neighbour:
        return (ordered[index].docname, ordered[index].title) if 0 <= index < len(ordered) else None

    return {post.docname: (at(index + 1), at(index - 1)) for index, post in enumerate(ordered)}


def _link(app: Sphinx, docname: str, neighbour: tuple[str, str], rel: str, word: str) -> nodes.paragraph:
    target, title = neighbour
    paragraph = nodes.paragraph(classes=[f"homepage-blog__{rel}"])
    paragraph += nodes.inline("", f"{word}: ", classes=["homepage-blog__neighbour-word"])
    paragraph += nodes.reference(title, title, refuri=page_uri(app, docname, target), internal=True)
    return paragraph


def _add_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or post_of(app.env, docname) is None:
        return
    older, newer = neighbours(app.env).get(docname, (None, None))
    if older is None and newer is None:
        return
    navigation = page_navigation(label="Posts", classes=["homepage-blog__neighbours"])
    if older is not None:
        navigation += _link(app, docname, older, "previous", "previous")
    if newer is not None:
        navigation += _link(app, docname, newer, "next", "next")
    doctree += navigation


def _posts_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The posts whose neighbours changed since they were written."""
    current = neighbours(env)
    previous = NEIGHBOURS.set(env, current)
    if previous is SiteRecord.MISSING:
        return []
    return sorted(docname for docname, pair in current.items() if previous.get(docname) != pair)


def setup_neighbours(app: Sphinx) -> None:
    app.connect("doctree-resolved", _add_links)
    app.connect("env-get-updated", _posts_to_write)
