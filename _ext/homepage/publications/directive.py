"""The ``publications`` directive: list entries of the bibliography anywhere, filtered, grouped by year.

Its options are documented in the package docstring (:mod:`homepage.publications`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..diagnostics import warn
from .domain import PublicationsDomain
from .filters import FilterError, parse_filter
from .model import Publication
from .render import RenderOptions, render_heading, render_publication


def _heading_level(value: str) -> int:
    level = directives.positive_int(value)
    if not 2 <= level <= 6:
        raise ValueError("must be between 2 and 6")
    return level


def unique_id(document: nodes.document, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... when the page already has that id."""
    candidate = wanted
    number = 1
    while candidate in document.ids:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def sort_publications(publications: list[Publication], order: str) -> list[Publication]:
    """``year``: newest first, file order within a year, undated last; ``file``: as written."""
    if order == "file":
        return list(publications)
    return sorted(publications, key=lambda publication: -(publication.year_number or -10**6))


def publication_nodes(
    env: BuildEnvironment,
    document: nodes.document,
    publications: Sequence[Publication],
    options: RenderOptions,
    group_by_year: bool,
) -> list[nodes.Node]:
    """The list (or year headings and lists), each entry with a unique anchor noted for ``{cite}``."""
    domain = env.get_domain("cite")
    assert isinstance(domain, PublicationsDomain)
    for path in domain.bibdata.bibfiles:
        if Path(path).is_file():
            env.note_dependency(str(path))
    docname = env.docname
    result: list[nodes.Node] = []
    current_group: str | None = None
    bullet_list: nodes.bullet_list | None = None
    for publication in publications:
        label = (publication.year or "Undated") if group_by_year else ""
        if bullet_list is None or label != current_group:
            if group_by_year:
                heading = render_heading(label, unique_id(document, f"year-{label.lower()}"), options)
                document.ids[heading["ids"][0]] = heading
                result.append(heading)
            bullet_list = nodes.bullet_list(classes=["homepage-pubs"])
            result.append(bullet_list)
            current_group = label
        anchor = unique_id(document, publication.key)
        item = render_publication(publication, anchor, docname, options)
        document.ids[anchor] = item
        domain.note_shown(docname, publication.key, anchor)
        bullet_list += item
    return result


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
        publications = list(domain.publications.values())

        keys = [key for line in self.content for key in line.replace(",", " ").split()]
        if keys:
            chosen = []
            for key in keys:
                publication = domain.publications.get(key.lower())
                if publication is None:
                    warn(f"publications: no entry {key!r} in the bibliography", "publications", location)
                else:
                    chosen.append(publication)
            publications = chosen
        if "filter" in self.options:
            try:
                predicate = parse_filter(self.options["filter"])
            except FilterError as error:
                warn(f"publications :filter: {error}; nothing listed", "publications", location)
                return []
            publications = [publication for publication in publications if predicate(publication.fields)]

        order = self.options.get("sort", "file" if keys else "year")
        publications = sort_publications(publications, order)
        if "limit" in self.options:
            publications = publications[: self.options["limit"]]
        if not publications:
            if domain.publications or keys:
                warn("publications: no entry matches; the list is empty", "publications", location)
            return []

        show_bibtex = self.config.homepage_bibtex_show
        if "bibtex" in self.options:
            show_bibtex = self.options["bibtex"] == "show"
        options = RenderOptions(
            max_authors=self.options.get("max-authors", self.config.homepage_max_author_limit),
            bibtex_show=show_bibtex,
            heading_level=self.options.get("heading-level", 2),
        )
        group_by_year = self.options.get("group-by", "none") == "year"
        wrapper = nodes.container(classes=["homepage-publications", *self.options.get("class", [])])
        wrapper.extend(publication_nodes(self.env, self.state.document, publications, options, group_by_year))
        self.set_source_info(wrapper)
        return [wrapper]
