"""Publication lists become entries when a page is written, each title linked to the paper's own page.

The placeholders (:class:`.nodes.publication_list`) are replaced by :func:`.render.expand_list` for every
builder; :mod:`.pages` says where each paper's page is. This module sits above both, so that the renderer
needs nothing of the pages that use it.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ..config import homepage_config
from ..transforms import BuilderPostTransform
from .kept_entries import kept_entries, kept_or_made
from .nodes import publication_list
from .pages import paper_uri
from .render import expand_list


class ExpandPublicationLists(BuilderPostTransform):
    """Entries become nodes when a page is written, for every builder."""

    # Before Sphinx resolves references (10) and the fallback for other builders (200).
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        app = self.sphinx_app
        publications = getattr(self.env.get_domain("cite"), "publications", {})
        # HTML builders keep an entry's nodes from one build to the next (:mod:`.kept_entries`).
        entries = kept_entries(app) if app.builder.format == "html" and publications else None
        open_entries = homepage_config(self.config).publications_open_entries
        for placeholder in list(self.document.findall(publication_list)):
            # The placeholder's own page: Sphinx may write several pages into one document (LaTeX).
            docname = placeholder["docname"]
            page_uri = partial(paper_uri, app, docname)
            keep = None if entries is None else partial(kept_or_made, entries, docname, placeholder["options"])
            placeholder.replace_self(
                expand_list(placeholder, publications, docname, page_uri, keep, open_entries=open_entries)
            )
