"""The .bib files read into publications on ``builder-inited``, and read again only when something changed.

What sphinxcontrib-bibtex 2.7.0 does not do, and a bibliography of hundreds of entries needs:

- **Parsing that cannot stop the build.** The files are read here, before sphinxcontrib-bibtex's own
  handler, with located warnings (:mod:`.bibfiles`, :mod:`.model`); a real bibliography that makes
  pybtex give up (a brace left open, a duplicate key) still builds. The parsed data is handed to
  sphinxcontrib-bibtex as its up-to-date cache (same files, same times), so it never parses again.
- **One signature.** :class:`Signature` names everything the publications are built from (encoding,
  files and their times, settings, the times of the previews and files folders); an equal signature
  keeps the last build's publications untouched.
- **One entry at a time.** When only the .bib files changed, only the entries whose text changed are
  parsed again (:mod:`.bibchunks`), and an entry whose fields did not change keeps its model and its
  problems (:class:`ModelCache`): editing one entry parses and models one entry.
- **Pages that list entries are read again only when their lists would choose otherwise** (``env-get-outdated``):
  when only some entries' text changed (the same keys in the same order, the same settings), a page is read again
  only if one of its lists would now show other entries, in another order or other year groups, or with other
  previews or local files (:func:`.selection.list_shape`); a page that shows a changed entry and is not read again
  is written again (:meth:`.domain.PublicationsDomain.env_updated`). Any other change reads every such page again.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pybtex.database import BibliographyData, Entry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from ..config import homepage_config
from ..diagnostics import warn
from ..sitedata import site_data
from .bibchunks import ChunkRecord, parse_bibfiles
from .bibfiles import ParsedFiles, Problem
from .bibtex import DISPLAY_FIELDS
from .domain import PublicationsDomain
from .model import ModelSettings, Publication, build_publication
from .names import owner_keys
from .selection import list_shape


@dataclass(frozen=True)
class Signature:
    """What the publications are built from: an equal signature, the same publications."""

    encoding: str
    #: every .bib file (resolved path) with its modification time, in ``bibtex_bibfiles`` order
    bibfiles: tuple[tuple[str, float], ...]
    settings: ModelSettings
    #: modification times of the previews and files folders: adding a file there changes an entry
    previews_time: float
    files_time: float

    def same_but_bibfiles(self, other: Signature | None) -> bool:
        """Only the .bib files differ, if anything: an unchanged entry's model still holds."""
        return other is not None and dataclasses.replace(other, bibfiles=self.bibfiles) == self


@dataclass(frozen=True)
class CachedModel:
    """An entry's model, kept with what it was built from and the problems found building it."""

    fingerprint: str
    publication: Publication | None
    #: (message, subtype), reported again whenever the entry is read
    problems: tuple[tuple[str, str], ...]


@dataclass
class ModelCache:
    """The models of the last read, by lower-case key, and the signature they were built under."""

    signature: Signature
    models: dict[str, CachedModel]
    #: Every problem reported when they were read: reported again by each build that keeps them, so that a
    #: strict build fails until the .bib is fixed, not only the build that read it.
    problems: tuple[Problem, ...] = ()
    #: what the read left of each entry's text, so that the next parses only the entries that changed
    chunks: ChunkRecord | None = None


def model_settings(app: Sphinx) -> ModelSettings:
    settings = homepage_config(app)
    data = site_data(app)
    return ModelSettings(
        srcdir=str(app.srcdir),
        owners=owner_keys(settings.author_names),
        preview_dir=settings.publication_previews,
        files_dir=settings.publication_files,
        hidden_fields=DISPLAY_FIELDS | settings.bibtex_hidden_fields,
        coauthors=data.coauthors,
        venues=data.venues,
    )


def signature_of(app: Sphinx, paths: list[Path]) -> Signature:
    settings = model_settings(app)
    return Signature(
        encoding=app.config.bibtex_encoding,
        bibfiles=tuple((str(path), get_mtime(path)) for path in paths),
        settings=settings,
        previews_time=_folder_time(Path(settings.srcdir, settings.preview_dir)),
        files_time=_folder_time(Path(settings.srcdir, settings.files_dir)),
    )


def _folder_time(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _fingerprint(entry: Entry, data: BibliographyData) -> str:
    """What an entry's model is built from: type, fields, names, and its crossref parent's fields."""
    parts: list[Any] = [entry.original_type, list(entry.fields.items())]
    parts.append([(role, [str(person) for person in people]) for role, people in entry.persons.items()])
    parent = data.entries.get(entry.fields.get("crossref", "")) if "crossref" in entry.fields else None
    if parent is not None:
        parts.append(list(parent.fields.items()))
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def model_digests(domain: PublicationsDomain) -> dict[str, str]:
    """Lower-case key -> what its publication was modelled from: the entry's fingerprint and the signature but for
    the .bib files' times. Equal digests, equal publications (where in the .bib each is aside), as the cache reuses a
    model on exactly these terms; far cheaper to take than a digest of the publication itself."""
    cache: ModelCache | None = domain.data["model_cache"]
    if cache is None:
        return {}
    signature = dataclasses.replace(cache.signature, bibfiles=())
    # A set's order changes from one process to the next: sorted, so the digest does not.
    settings = dataclasses.replace(signature.settings, hidden_fields=tuple(sorted(signature.settings.hidden_fields)))
    made_under = hashlib.sha1(repr(dataclasses.replace(signature, settings=settings)).encode("utf-8")).hexdigest()
    return {key: made_under + model.fingerprint for key, model in cache.models.items()}


def warnings_of(problems: list[Problem]) -> list[tuple[str, int, str, str]]:
    """(path, line, subtype, message) of each warning ``problems`` give: one per entry and kind of problem."""
    grouped: dict[tuple[str, int, str], list[Problem]] = {}
    for problem in problems:
        grouped.setdefault((problem.path, problem.entry_start, problem.subtype), []).append(problem)
    found = []
    for (path, _start, subtype), group in grouped.items():
        messages = "; ".join(dict.fromkeys(problem.message for problem in group))
        key = group[0].key
        found.append((path, group[0].line, subtype, f"{key}: {messages}" if key else messages))
    return found


def _report(problems: list[Problem]) -> None:
    for path, line, subtype, message in warnings_of(problems):
        warn(message, subtype, f"{path}:{line}")


def _model(
    key: str, path: Path, line: int, parsed: ParsedFiles, settings: ModelSettings, cache: dict[str, CachedModel]
) -> CachedModel:
    """The entry's model: the cached one when the entry did not change (moved to ``line``, perhaps)."""
    entry = parsed.data.entries[key]
    fingerprint = _fingerprint(entry, parsed.data)
    cached = cache.get(key.lower())
    if cached is None or cached.fingerprint != fingerprint:
        found: list[tuple[str, str]] = []
        publication = build_publication(
            key, entry, parsed.data, (str(path), line), settings, lambda *problem: found.append(problem)
        )
        return CachedModel(fingerprint, publication, tuple(found))
    publication = cached.publication
    if publication is not None and (publication.bibfile, publication.line) != (str(path), line):
        return dataclasses.replace(cached, publication=dataclasses.replace(publication, bibfile=str(path), line=line))
    return cached


def load_publications(app: Sphinx) -> None:
    """Parse the .bib files and model their entries, unless nothing they depend on changed."""
    domain = app.env.get_domain("cite")
    assert isinstance(domain, PublicationsDomain)
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    signature = signature_of(app, paths)
    previous: ModelCache | None = domain.data["model_cache"]
    if previous is not None and previous.signature == signature:
        _report(list(previous.problems))
        domain.refreshed = False
        return
    before = model_digests(domain) if signature.same_but_bibfiles(previous.signature if previous else None) else None
    keys_before = list(domain.publications)

    parsed, chunks = parse_bibfiles(paths, signature.encoding, previous.chunks if previous is not None else None)
    problems = list(parsed.problems)
    cache = previous.models if previous is not None and signature.same_but_bibfiles(previous.signature) else {}
    models: dict[str, CachedModel] = {}
    publications: dict[str, Publication] = {}
    for path, keys in parsed.keys.items():
        index = parsed.indexes.get(str(path))
        for key in keys:
            line = index.line_of(key) if index else 1
            model = models[key.lower()] = _model(key, path, line, parsed, signature.settings, cache)
            problems.extend(Problem(str(path), line, key, message, subtype) for message, subtype in model.problems)
            if model.publication is not None:
                publications[key.lower()] = model.publication
    problems.sort(key=lambda problem: (problem.path, problem.entry_start))  # stable: read errors first
    _report(problems)

    # sphinxcontrib-bibtex takes this as its up-to-date cache (same files, same times): no second parse.
    domain.data["bibdata"] = BibData(
        encoding=signature.encoding,
        bibfiles={path: BibFile(mtime=get_mtime(path), keys=parsed.keys[path]) for path in paths},
        data=parsed.data,
    )
    domain.data["publications"] = publications
    domain.data["source"] = signature
    domain.data["model_cache"] = ModelCache(signature, models, tuple(problems), chunks)
    domain.refreshed = True
    # Only some entries' text changed (same settings, same keys in the same order): those entries are the change.
    if before is not None and list(publications) == keys_before:
        after = model_digests(domain)
        domain.changed_keys = frozenset(key for key, digest in after.items() if before.get(key) != digest)
    else:
        domain.changed_keys = None


def reread_listing_pages(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """Pages that list publications, when the publications were read again and what the page's lists chose from
    them may differ (every such page when more than some entries' text changed)."""
    domain = env.get_domain("cite")
    if not isinstance(domain, PublicationsDomain) or not domain.refreshed:
        return []
    pages = (set(domain.shown) | set(domain.lists)) - added - changed - removed
    if domain.changed_keys is not None:
        publications = domain.publications
        pages = {
            docname
            for docname in pages
            if docname not in domain.lists
            or any(list_shape(query, publications) != shape for query, shape in domain.lists[docname])
        }
    return sorted(pages)
