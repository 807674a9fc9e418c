"""sphinxcontrib-bibtex's ``cite`` domain, extended with the publications our lists show.

Why a subclass (registered with ``add_domain(..., override=True)``) rather than a second domain:
``{cite}`` is sphinxcontrib-bibtex's role and resolves through this domain, so this is where a citation
can learn that its entry is shown on the papers page. What the subclass keeps:

- **The publications** (lower-case key -> :class:`.model.Publication`), put here by :mod:`.loader` on
  ``builder-inited`` together with sphinxcontrib-bibtex's own parsed data, so that it never parses again.
- **Where lists show each entry**, per page (``clear_doc`` and ``merge_domaindata`` keep it right under
  ``-j`` and incremental builds), and what each page's lists asked for (:mod:`.selection`), so that a .bib edit
  reads again only the pages whose lists would choose otherwise, and writes again the pages that show an entry
  whose model changed. Lists themselves are expanded when a page is written, so a no-op
  rebuild does no bibliography work, where sphinxcontrib-bibtex 2.7.0 re-formats every entry a
  ``bibliography`` lists on every build (``env-updated``).
- **{cite} to a listed entry** links to it on ``homepage_publications_page`` (or the first page that
  lists it), with the author-year text of ``bibtex_reference_style`` and the entry as tooltip; no
  citation nodes, so no "duplicate citation" warnings however many lists show an entry.
- **Pages that only {cite}** are written again when the publications or the pages that list them change
  (``env-updated``): sphinxcontrib-bibtex 2.7.0 leaves them stale.

Pinned to sphinxcontrib-bibtex 2.7.0, whose ``resolve_xref`` it replaces.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import docutils.nodes
import pybtex.plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from ..config import homepage_config
from ..diagnostics import warn
from .model import Publication

PINNED_BIBTEX_VERSION = "2.7.0"


class PublicationsDomain(BibtexDomain):
    """The ``cite`` domain, knowing the publications and where lists show them."""

    # A distinct version: an environment pickled with the plain domain is discarded, not misread; the last
    # number is raised when the stored publications would be read differently (and their warnings given again).
    data_version = BibtexDomain.data_version * 1000 + 6
    initial_data = {
        **BibtexDomain.initial_data,
        # lower-case key -> Publication, in file order
        "publications": {},
        # what the publications were read from (a .loader.Signature), compared only: when it changes,
        # pages that cite are written again
        "source": None,
        # the loader's models of the entries, kept with the environment (a .loader.ModelCache)
        "model_cache": None,
        # docname -> {lower-case key: anchor} for every entry a page lists
        "shown": {},
        # docname -> [(.selection.ListQuery, its .selection.list_shape when the page was read)] for every list
        "lists": {},
        # lower-case key -> (docname, anchor) that {cite} links to; computed in env_updated
        "targets": {},
        "cite_state": None,
    }

    #: set on builder-inited: whether the publications were read again in this run
    refreshed = False
    #: set on builder-inited: the lower-case keys whose model changed in this run (None: take every entry as changed)
    changed_keys: frozenset[str] | None = None

    @property
    def publications(self) -> dict[str, Publication]:
        return self.data["publications"]

    @property
    def shown(self) -> dict[str, dict[str, str]]:
        return self.data["shown"]

    @property
    def lists(self) -> dict[str, list[tuple[Any, tuple[Any, ...]]]]:
        return self.data["lists"]

    def note_shown(self, docname: str, key: str, anchor: str) -> None:
        self.shown.setdefault(docname, {}).setdefault(key.lower(), anchor)

    def note_list(self, docname: str, query: Any, shape: tuple[Any, ...]) -> None:
        self.lists.setdefault(docname, []).append((query, shape))

    def clear_doc(self, docname: str) -> None:
        super().clear_doc(docname)
        self.shown.pop(docname, None)
        self.lists.pop(docname, None)

    def merge_domaindata(self, docnames: Any, otherdata: dict[str, Any]) -> None:
        super().merge_domaindata(docnames, otherdata)
        for docname in docnames:
            for name in ("shown", "lists"):
                if docname in otherdata[name]:
                    self.data[name][docname] = otherdata[name][docname]

    def pages_showing_changes(self) -> set[str]:
        """The pages whose lists show an entry whose model changed in this run (every listing page when unknown)."""
        if not self.refreshed:
            return set()
        if self.changed_keys is None:
            return set(self.shown)
        return {docname for docname, keys in self.shown.items() if not self.changed_keys.isdisjoint(keys)}

    # -- where {cite} points ----------------------------------------------------------------------

    def _targets(self) -> dict[str, tuple[str, str]]:
        preferred = homepage_config(self.env).publications_page
        targets: dict[str, tuple[str, str]] = {}
        for docname in sorted(self.shown, key=lambda name: (name != preferred, name)):
            for key, anchor in self.shown[docname].items():
                targets.setdefault(key, (docname, anchor))
        return targets

    def env_updated(self) -> Iterable[str]:
        updated = list(super().env_updated())
        # Read as they were (their lists choose the same entries), written again: an entry they show changed.
        updated.extend(sorted(self.pages_showing_changes() & self.env.found_docs - set(updated)))
        self.data["targets"] = self._targets()
        state = (self.data["source"], tuple(sorted(self.data["targets"].items())))
        if state != self.data["cite_state"]:
            self.data["cite_state"] = state
            # Their links and tooltips depend on the .bib and on the pages that list entries.
            updated.extend(sorted({ref.docname for ref in self.citation_refs} - set(updated)))
        return updated

    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Any,
        typ: str,
        target: str,
        node: Any,
        contnode: docutils.nodes.Element,
    ) -> docutils.nodes.Element:
        """Each key: a ``bibliography`` citation on this page, else the entry where a publications list
        shows it (the papers page first), else a ``bibliography`` citation on another page."""
        targets = list(parse_citation_targets(target))
        references = []
        citations = [
            citation
            for citation in self.citations
            if self.bibliographies[citation.bibliography_key].list_ == "citation"
        ]
        for citation_target in targets:
            key = citation_target.key
            matches = [citation for citation in citations if citation.key == key]
            matches.sort(key=lambda citation: citation.bibliography_key.docname != fromdocname)
            publication = self.publications.get(key.lower())
            shown_at = self.data["targets"].get(key.lower())
            local = bool(matches) and matches[0].bibliography_key.docname == fromdocname
            if publication is not None and shown_at is not None and not local:
                todocname, citation_id = shown_at
                entry = self.bibdata.data.entries[publication.key]
                formatted = FormattedEntry(publication.key, Text(publication.plain_summary()), publication.key)
                tooltip = publication.plain_summary()
            elif matches:
                citation = matches[0]
                tooltip = (
                    citation.tooltip_entry.text.render(_plaintext()).replace("\\url ", "")
                    if citation.tooltip_entry
                    else None
                )
                todocname, citation_id, entry, formatted = (
                    citation.bibliography_key.docname,
                    citation.citation_id,
                    citation.entry,
                    citation.formatted_entry,
                )
            else:
                if key in self.bibdata.data.entries:
                    message = f"cites {key!r}, which no publications list shows; not linked"
                else:
                    message = f"cites {key!r}, which is not in the bibliography"
                warn(message, "cite", node)
                continue
            references.append(
                (
                    entry,
                    formatted,
                    SphinxReferenceInfo(
                        builder=builder,
                        fromdocname=fromdocname,
                        todocname=todocname,
                        citation_id=citation_id,
                        title=tooltip,
                        pre_text=citation_target.pre,
                        post_text=citation_target.post,
                    ),
                )
            )
        result = docutils.nodes.inline(rawsource=target, classes=["bibtex-citation"])
        if references:
            result += format_references(self.reference_style, typ, references).render(self.backend)
        else:
            result += docutils.nodes.Text(target)
        return result

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # type: ignore[override]
        keys = [key.strip().lower() for key in target.split(",")]
        known = {citation.key.lower() for citation in self.citations} | set(self.data["targets"])
        if any(key in known for key in keys):
            return [("p", self.resolve_xref(env, fromdocname, builder, "p", target, node, contnode))]
        return []


@functools.cache
def _plaintext() -> Any:
    """How sphinxcontrib-bibtex turns a formatted entry into a tooltip (found once needed: pybtex looks its
    plugins up among every installed package's entry points)."""
    return pybtex.plugin.find_plugin("pybtex.backends", "plaintext")()
