"""``[Name]()``: a link with no address, as al-folio's pages, news and posts write one for a co-author or a talk
that has no page (yet).

kramdown makes it a link to the page itself. MyST reads it as a reference to an empty target: a link to ``#``
and a ``myst.xref_missing`` warning, which fails a strict build. Here it is its words, unlinked, and no warning:
the page shows what its author wrote and loses nothing, and a site moved from al-folio does not fail its strict
build, nor bury its real warnings under one for each co-author, for what its old site showed as it meant to.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


def is_empty_link(node: nodes.Node) -> bool:
    """A Markdown link written with no address: MyST's reference to an empty target."""
    return (
        isinstance(node, addnodes.pending_xref)
        and node.get("reftype") == "myst"
        and not str(node.get("reftarget", "")).strip()
    )


class EmptyLinksAsText(SphinxTransform):
    """Each link with no address of a page read: its words."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        for link in list(self.document.findall(is_empty_link)):
            link.replace_self(nodes.inline("", "", *link.children))


def setup_empty_links(app: Sphinx) -> None:
    app.add_transform(EmptyLinksAsText)
