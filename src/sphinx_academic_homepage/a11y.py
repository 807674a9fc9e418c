"""Accessible citation lists.

docutils writes each citation as ``<div role="doc-biblioentry">`` inside ``<div role="list">``. The
DPUB-ARIA role ``doc-biblioentry`` is deprecated and is not a list item, so axe-core reports three
violations on every page with a bibliography: a list without list items (``aria-required-children``),
a role the element may not have (``aria-allowed-role``) and a deprecated role (``aria-deprecated-role``). Each citation is written as a ``listitem`` instead; the element, its id
(the target of ``{cite}`` links) and its classes stay as docutils writes them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

_DOCUTILS_ROLE = 'role="doc-biblioentry"'
_LIST_ITEM_ROLE = 'role="listitem"'


def visit_citation(translator: HTML5Translator, node: nodes.citation) -> None:
    HTML5Translator.visit_citation(translator, node)
    # The last chunk written is the citation's own start tag; the list wrapper, when any, comes before it.
    translator.body[-1] = translator.body[-1].replace(_DOCUTILS_ROLE, _LIST_ITEM_ROLE, 1)


def depart_citation(translator: HTML5Translator, node: nodes.citation) -> None:
    HTML5Translator.depart_citation(translator, node)


def setup_a11y(app: Sphinx) -> None:
    # Registered for the "html" format, so dirhtml and singlehtml get it too.
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
