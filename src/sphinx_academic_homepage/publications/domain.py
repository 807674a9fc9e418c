"""sphinxcontrib-bibtex's ``cite`` domain, extended with the publications our lists show.

Why a subclass (registered with ``add_domain(..., override=True)``) rather than a second domain:
``{cite}`` is sphinxcontrib-bibtex's role and resolves through this domain, so this is where a citation
can learn that its entry is shown on the papers page. What the subclass adds:

- **Parsing that cannot stop the build.** The .bib files are read here on ``builder-inited``, before
  sphinxcontrib-bibtex's own handler, with located warnings (:mod:`.bibfiles`, :mod:`.model`); the
  parsed data is handed to sphinxcontrib-bibtex as its up-to-date cache, so it never parses again.
- **Speed.** Entries are modelled once per .bib change (and an entry whose text did not change keeps its
  model); a page records where its lists go and expands them when it is written. A no-op rebuild does no
  bibliography work at all, where sphinxcontrib-bibtex re-formats every listed entry on every build in
  ``env-updated`` (``../shared/notes/bibtex-speed.md``); pages that use our ``publications`` directive
  instead of ``bibliography`` create no work there.
- **{cite} to a listed entry** links to it on ``homepage_publications_page`` (or the first page that
  lists it), with the author-year text of ``bibtex_reference_style`` and the entry as tooltip; no
  citation nodes, so no "duplicate citation" warnings however many lists show an entry.
- **Correct incremental builds.** When the .bib (or what shows it) changes, pages that list entries are
  read again (``env-get-outdated``) and pages that only ``{cite}`` are written again (``env-updated``):
  sphinxcontrib-bibtex 2.7.0 leaves the latter stale.

Pinned to sphinxcontrib-bibtex 2.7.0, whose ``resolve_xref`` it replaces.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import docutils.nodes
import pybtex.plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from ..config import homepage_config
from ..diagnostics import warn
from .bibfiles import Problem, parse_files
from .model import ModelSettings, Publication, build_publication
from .bibtex import DISPLAY_FIELDS
from .names import owner_keys

PINNED_BIBTEX_VERSION = "2.7.0"


class PublicationsDomain(BibtexDomain):
    """The ``cite`` domain, knowing the publications and where lists show them."""

    # A distinct version: an environment pickled with the plain domain is discarded, not misread.
    data_version = BibtexDomain.data_version * 1000 + 2
    initial_data = {
        **BibtexDomain.initial_data,
        # lower-case key -> Publication, in file order
        "publications": {},
        # lower-case key -> CachedModel: models reused across .bib edits
        "models": {},
        # what the publications were built from: files, times, settings
        "signature": None,
        # docname -> {lower-case key: anchor} for every entry a page lists
        "shown": {},
        # lower-case key -> (docname, anchor) that {cite} links to; computed in env_updated
        "targets": {},
        "cite_state": None,
    }

    #: set on builder-inited: whether the publications were rebuilt in this run
    refreshed = False

    @property
    def publications(self) -> dict[str, Publication]:
        return self.data["publications"]

    @property
    def shown(self) -> dict[str, dict[str, str]]:
        return self.data["shown"]

    def note_shown(self, docname: str, key: str, anchor: str) -> None:
        self.shown.setdefault(docname, {}).setdefault(key.lower(), anchor)

    def clear_doc(self, docname: str) -> None:
        super().clear_doc(docname)
        self.shown.pop(docname, None)

    def merge_domaindata(self, docnames: Any, otherdata: dict[str, Any]) -> None:
        super().merge_domaindata(docnames, otherdata)
        for docname in docnames:
            if docname in otherdata["shown"]:
                self.shown[docname] = otherdata["shown"][docname]

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
        self.data["targets"] = self._targets()
        state = (self.data["signature"], tuple(sorted(self.data["targets"].items())))
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
                    citation.tooltip_entry.text.render(_PLAINTEXT).replace("\\url ", "")
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


# How sphinxcontrib-bibtex turns a formatted entry into a tooltip.
_PLAINTEXT = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")()


# -- reading the .bib files -----------------------------------------------------------------------


def _folder_time(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _settings(app: Sphinx) -> ModelSettings:
    settings = homepage_config(app)
    return ModelSettings(
        srcdir=str(app.srcdir),
        owners=owner_keys(settings.author_names),
        preview_dir=settings.publication_previews,
        files_dir=settings.publication_files,
        hidden_fields=DISPLAY_FIELDS | settings.bibtex_hidden_fields,
    )


class CachedModel(NamedTuple):
    """An entry's model, kept with what it was built from and the problems found building it."""

    fingerprint: str
    publication: Publication | None
    problems: tuple[tuple[str, str], ...]


def _fingerprint(entry: Any, data: Any) -> str:
    """What an entry's model is built from: type, fields, names, and its crossref parent's fields."""
    parts: list[Any] = [entry.original_type, list(entry.fields.items())]
    parts.append([(role, [str(person) for person in people]) for role, people in entry.persons.items()])
    parent = data.entries.get(entry.fields.get("crossref", "")) if "crossref" in entry.fields else None
    if parent is not None:
        parts.append(list(parent.fields.items()))
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def _report(problems: list[Problem]) -> None:
    """One warning per entry and kind of problem, at the entry's file and line."""
    grouped: dict[tuple[str, int, str], list[Problem]] = {}
    for problem in problems:
        grouped.setdefault((problem.path, problem.entry_start, problem.subtype), []).append(problem)
    for (path, _start, subtype), group in grouped.items():
        messages = "; ".join(dict.fromkeys(problem.message for problem in group))
        key = group[0].key
        warn(f"{key}: {messages}" if key else messages, subtype, f"{path}:{group[0].line}")


def load_publications(app: Sphinx) -> None:
    """Parse the .bib files and model their entries, unless nothing they depend on changed."""
    domain = app.env.get_domain("cite")
    assert isinstance(domain, PublicationsDomain)
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    encoding = app.config.bibtex_encoding
    settings = _settings(app)
    signature = (
        encoding,
        tuple((str(path), get_mtime(path)) for path in paths),
        settings,
        _folder_time(Path(settings.srcdir, settings.preview_dir)),
        _folder_time(Path(settings.srcdir, settings.files_dir)),
    )
    if domain.data["signature"] == signature:
        domain.refreshed = False
        return

    parsed = parse_files(paths, encoding)
    problems = list(parsed.problems)
    # Entries whose text did not change keep their model (and its problems, reported again) when only
    # the .bib files changed: editing one entry models one entry.
    previous = domain.data["signature"]
    same_context = previous is not None and (previous[0], *previous[2:]) == (signature[0], *signature[2:])
    cache: dict[str, CachedModel] = domain.data["models"] if same_context else {}
    models: dict[str, CachedModel] = {}
    publications: dict[str, Publication] = {}
    for path, keys in parsed.keys.items():
        index = parsed.indexes.get(str(path))
        for key in keys:
            entry = parsed.data.entries[key]
            line = index.line_of(key) if index else 1
            fingerprint = _fingerprint(entry, parsed.data)
            cached = cache.get(key.lower())
            if cached is not None and cached.fingerprint == fingerprint:
                publication, entry_problems = cached.publication, cached.problems
                if publication is not None and (publication.bibfile, publication.line) != (str(path), line):
                    publication = dataclasses.replace(publication, bibfile=str(path), line=line)
            else:
                found: list[tuple[str, str]] = []
                publication = build_publication(
                    key, entry, parsed.data, (str(path), line), settings, lambda *problem: found.append(problem)
                )
                entry_problems = tuple(found)
            problems.extend(Problem(str(path), line, key, message, subtype) for message, subtype in entry_problems)
            models[key.lower()] = CachedModel(fingerprint, publication, entry_problems)
            if publication is not None:
                publications[key.lower()] = publication
    problems.sort(key=lambda problem: (problem.path, problem.entry_start))  # stable: read errors first
    _report(problems)

    # sphinxcontrib-bibtex takes this as its up-to-date cache (same files, same times): no second parse.
    domain.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={path: BibFile(mtime=get_mtime(path), keys=parsed.keys[path]) for path in paths},
        data=parsed.data,
    )
    domain.data["publications"] = publications
    domain.data["models"] = models
    domain.data["signature"] = signature
    domain.refreshed = True


def reread_listing_pages(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """Pages that list publications, when the publications were rebuilt."""
    domain = env.get_domain("cite")
    if not isinstance(domain, PublicationsDomain) or not domain.refreshed:
        return []
    return sorted(set(domain.shown) - added - changed - removed)
