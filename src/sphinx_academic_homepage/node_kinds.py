"""Whether the page being written holds a kind of node: one walk of its doctree for every handler that asks.

Handlers of ``html-page-context`` give a stylesheet only to the pages that show their nodes (the CV, a list of
posts, news, display math), and handlers of ``doctree-resolved`` look for the few nodes they act on (a row of
profiles, a link to a generated PDF). Each walking the whole doctree would cost, on a page that lists a thousand
entries, a walk of some 30,000 nodes per handler; here the page is walked without going into a subtree that says
what it holds (:data:`HOLDS`, set by :mod:`.publications.kept_entries` on each listed entry, whose nodes no
handler adds to), and once for all the ``html-page-context`` handlers (:func:`page_holds`).
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx

from .buildstate import build_state

#: The attribute of a node that holds :func:`kinds_in` of it (its subtree is then not walked).
HOLDS = "homepage_holds"

#: A node's class, and that class with each of the node's CSS classes.
Kinds = frozenset[type | tuple[type, str]]


def _kinds_of(node: nodes.Node) -> Iterable[type | tuple[type, str]]:
    kind = type(node)
    yield kind
    if isinstance(node, nodes.Element):
        for css_class in node.get("classes", ()):
            yield (kind, css_class)


def kinds_in(node: nodes.Node) -> Kinds:
    """The kinds of node in ``node``'s subtree, itself included; a subtree with :data:`HOLDS` is taken at its word."""
    found: set[type | tuple[type, str]] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, nodes.Element) and current is not node and HOLDS in current.attributes:
            found |= current[HOLDS]
            continue
        found.update(_kinds_of(current))
        if isinstance(current, nodes.Element):
            stack.extend(current.children)
    return frozenset(found)


def holds(doctree: nodes.Node, kind: type) -> bool:
    """Whether ``doctree`` holds a node of ``kind`` (a subclass too) now: for a handler of ``doctree-resolved``,
    while other handlers still change the doctree."""
    return any(isinstance(found, type) and issubclass(found, kind) for found in kinds_in(doctree))


def page_holds(app: Sphinx, doctree: nodes.Node | None, kind: type, css_class: str | None = None) -> bool:
    """Whether ``doctree`` holds a node of ``kind`` (a subclass too), with ``css_class`` when given. The kinds of
    the last doctree asked about are kept for the build: ``html-page-context`` handlers ask about the same page."""
    if doctree is None:
        return False
    state = build_state(app)
    if state.page_kinds is None or state.page_kinds[0] is not doctree:
        state.page_kinds = (doctree, kinds_in(doctree))
    kinds = state.page_kinds[1]
    if css_class is None:
        return any(isinstance(found, type) and issubclass(found, kind) for found in kinds)
    return any(isinstance(found, tuple) and found[1] == css_class and issubclass(found[0], kind) for found in kinds)
