"""al-folio's ``selected_papers: true``: the entries marked ``selected={true}``, after the page's text.

As in al-folio's ``_layouts/about.liquid``: a "selected publications" heading linking to the papers page,
then the selected entries in file order. The page source stays as it was; the list is added when the page
is read (``doctree-read``), so it is part of the doctree and costs nothing on a no-op rebuild.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..config import homepage_config
from ..diagnostics import warn
from ..frontmatter import front_matter
from .directive import note_query, publication_nodes, unique_id
from .domain import PublicationsDomain
from .render import RenderOptions, render_heading
from .selection import ListQuery, select

#: al-folio's selected papers: the entries marked ``selected={true}``, in file order.
SELECTED = ListQuery(order="file", selected_only=True)


def add_selected_papers(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    page = front_matter(env, docname)
    if not page.flag("selected_papers"):
        return
    domain = env.get_domain("cite")
    assert isinstance(domain, PublicationsDomain)
    note_query(env, SELECTED)
    selected = select(SELECTED, domain.publications)
    if not selected:
        warn(
            "selected_papers is true, but no entry of the bibliography has selected={true}",
            "frontmatter",
            page.location("selected_papers"),
        )
        return

    options = RenderOptions.from_config(app.config)
    heading = render_heading("", unique_id(doctree, "selected-publications"), options)
    doctree.ids[heading["ids"][0]] = heading
    label = nodes.inline("", "selected publications")
    papers_page = homepage_config(app).publications_page
    if papers_page in env.found_docs and papers_page != docname:
        heading += addnodes.pending_xref(
            "",
            label,
            refdomain="std",
            reftype="doc",
            reftarget="/" + papers_page,
            refexplicit=True,
            refwarn=True,
            refdoc=docname,
        )
    else:
        heading += label
    block = nodes.container(classes=["homepage-publications", "homepage-selected-papers"])
    block += heading
    block.extend(publication_nodes(env, doctree, selected, options, group_by_year=False))
    # After the page's text: inside its title section when it has one, so the heading nests under it.
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    (sections[0] if len(sections) == 1 else doctree).append(block)


def setup_selected(app: Sphinx) -> None:
    app.connect("doctree-read", add_selected_papers)
