"""The ``publications`` directive: list entries of the bibliography anywhere, filtered, grouped by year.

Its options are documented in the package docstring (:mod:`sphinx_academic_homepage.publications`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..diagnostics import warn
from ..sitefiles import note_file_dependency
from .domain import PublicationsDomain
from .filters import FilterError
from .model import Publication
from .nodes import publication_list
from .previews import register_preview
from .render import RenderOptions
from .selection import ListQuery, group_label, list_shape, missing_keys, select


def _heading_level(value: str) -> int:
    level = directives.positive_int(value)
    if not 2 <= level <= 6:
        raise ValueError("must be between 2 and 6")
    return level


#: What an id may hold for a link to it to work unescaped: letters, digits and the other characters a URL
#: fragment allows (RFC 3986), so DOI-like keys ("10.1145/3431379") keep theirs. A run of anything else
#: ("#" would end the fragment, "%" start an escape, quotes and "<" are markup) becomes "-".
_NOT_IN_ID = re.compile(r"[^\w\-.~!$&'()*+;=:@/?]+")


def unique_id(document: nodes.document, wanted: str) -> str:
    """``wanted`` made safe in a link, or ``wanted-2``, ``wanted-3``... when the page already has that id."""
    wanted = _NOT_IN_ID.sub("-", wanted).strip("-") or "entry"
    candidate = wanted
    number = 1
    while candidate in document.ids:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def publication_nodes(
    env: BuildEnvironment,
    document: nodes.document,
    publications: Sequence[Publication],
    options: RenderOptions,
    group_by_year: bool,
) -> list[nodes.Node]:
    """A :class:`publication_list` placeholder for these publications, in this order.

    What must be known when the page is read is settled here: each entry's unique anchor (noted for
    ``{cite}``), the year headings' ids, and the previews and local files the page uses (registered
    with Sphinx as its image and download collectors would). The entries themselves become nodes when
    the page is written (:class:`.expand.ExpandPublicationLists`): the stored doctree stays small, and
    Sphinx's read transforms do not walk thousands of entry nodes. The page is read again after a .bib edit
    only when what it settled here would change (:mod:`.selection`, :func:`.loader.reread_listing_pages`).
    """
    domain = env.get_domain("cite")
    assert isinstance(domain, PublicationsDomain)
    docname = env.docname
    placeholder = publication_list(docname=docname, groups=[], options=options, files={}, previews={})
    for publication in publications:
        label = group_label(publication, group_by_year)
        if not placeholder["groups"] or placeholder["groups"][-1][0] != label:
            heading_id = unique_id(document, f"year-{label.lower()}") if group_by_year else ""
            if heading_id:
                document.ids[heading_id] = placeholder
            placeholder["groups"].append((label, heading_id, []))
        anchor = unique_id(document, publication.key)
        document.ids[anchor] = placeholder
        domain.note_shown(docname, publication.key, anchor)
        placeholder["groups"][-1][2].append((publication.key, anchor))
        if publication.preview and publication.preview not in placeholder["previews"]:
            placeholder["previews"][publication.preview] = register_preview(env, publication.preview)
        for link in publication.links:
            if link.local and link.target not in placeholder["files"]:
                note_file_dependency(env, link.target)
                placeholder["files"][link.target] = env.dlfiles.add_file(docname, link.target).as_posix()
    return [placeholder]


def note_query(env: BuildEnvironment, query: ListQuery) -> None:
    """Record on the page being read what its list asked for and what that chose."""
    domain = env.get_domain("cite")
    assert isinstance(domain, PublicationsDomain)
    domain.note_list(env.docname, query, list_shape(query, domain.publications))


class PublicationsDirective(SphinxDirective):
    """``publications``: the entries of ``bibtex_bibfiles`` in al-folio's layout."""

    has_content = True
    option_spec = {
        "filter": directives.unchanged_required,
        "group-by": lambda value: directives.choice(value, ("year", "none")),
        "sort": lambda value: directives.choice(value, ("year", "file")),
        "limit": directives.positive_int,
        "max-authors": directives.positive_int,
        "heading-level": _heading_level,
        "bibtex": lambda value: directives.choice(value, ("show", "hide")),
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        domain = self.env.get_domain("cite")
        assert isinstance(domain, PublicationsDomain)
        location = (self.env.docname, self.lineno)
        keys = tuple(key for line in self.content for key in line.replace(",", " ").split())
        query = ListQuery(
            keys=keys,
            filter=self.options.get("filter"),
            order=self.options.get("sort", "file" if keys else "year"),
            limit=self.options.get("limit"),
            group_by_year=self.options.get("group-by", "none") == "year",
        )
        # Before anything is reported: what the list chose, and its warnings, depend on the publications.
        note_query(self.env, query)
        missing = missing_keys(query, domain.publications)
        for key in missing:
            warn(f"publications: no entry {key!r} in the bibliography", "publications", location)
        try:
            publications = select(query, domain.publications)
        except FilterError as error:
            warn(f"publications :filter: {error}; nothing listed", "publications", location)
            return []
        if not publications:
            if domain.publications and not missing:  # (a missing key was reported already)
                warn("publications: no entry matches; the list is empty", "publications", location)
            return []

        overrides = {"heading_level": self.options.get("heading-level", 2)}
        if "max-authors" in self.options:
            overrides["max_authors"] = self.options["max-authors"]
        if "bibtex" in self.options:
            overrides["bibtex_show"] = self.options["bibtex"] == "show"
        options = RenderOptions.from_config(self.config, **overrides)
        wrapper = nodes.container(classes=["homepage-publications", *self.options.get("class", [])])
        wrapper.extend(publication_nodes(self.env, self.state.document, publications, options, query.group_by_year))
        self.set_source_info(wrapper)
        return [wrapper]
