"""Nodes of the extension's own that only HTML draws: other builders (text, LaTeX, man, Texinfo) write their
children as if the node were not there, instead of stopping with Sphinx's "unknown node" error."""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx


def _children_only(self, node: nodes.Element) -> None:
    pass


def add_html_node(app: Sphinx, node: type[nodes.Element], visit: Callable, depart: Callable | None) -> None:
    """Register ``node``, written by ``visit``/``depart`` in HTML; every other builder writes only its children."""
    other = (_children_only, _children_only)
    app.add_node(node, html=(visit, depart), latex=other, text=other, man=other, texinfo=other)
