"""Site navigation: the navbar's pages, declared once in ``conf.py``.

al-folio builds its navbar from page front matter; Sphinx builds it from the root
document's toctree. So that ``index.md`` can stay exactly the al-folio page it
came from, the toctree is added here from ``homepage_navigation`` instead of
being written into the page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def add_navigation_toctree(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    if env.docname != app.config.root_doc:
        return
    entries = []
    for docname in app.config.homepage_navigation:
        if docname not in env.found_docs:
            logger.warning(
                "homepage_navigation names %r, which is not a document",
                docname,
                type="homepage",
                subtype="config",
                location=(env.docname, None),
            )
            continue
        entries.append((None, docname))
    toctree = addnodes.toctree()
    toctree["parent"] = env.docname
    toctree["entries"] = entries
    toctree["includefiles"] = [docname for _, docname in entries]
    toctree["maxdepth"] = -1
    toctree["caption"] = None
    toctree["glob"] = False
    toctree["hidden"] = True
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = False
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += toctree
    doctree += wrapper


def setup_navigation(app: Sphinx) -> None:
    app.add_config_value("homepage_navigation", [], "env", types=[list])
    # Before Sphinx's toctree collector (priority 500) reads the root document.
    app.connect("doctree-read", add_navigation_toctree, priority=400)
