"""A listed entry's nodes and HTML, kept from the build that wrote its page to the next: an edit of one entry does
not have the post-transforms walk, nor the HTML writer write, a thousand.

A page that lists entries is written again whenever the bibliography changes. Its lists become nodes when it is
written (:mod:`.expand`, before every other post-transform), and every post-transform of Sphinx, the theme,
sphinx-design and this extension then walks every node of the page: on a page of a thousand entries that walk is
most of the page's cost, though it changes nothing in an entry that it did not change the last time. So an entry
whose nodes a build already made and post-transformed for this page is put in the page as a small stand-in
(:class:`kept_entry`), which :class:`PutBackKeptEntries` replaces by those nodes once the other post-transforms
are done; an entry made afresh is kept for the next build at the same point. Everything after the post-transforms
(the handlers of ``doctree-resolved`` and ``html-page-context``, the search index) sees the nodes it saw before;
each entry also carries the kinds of node it holds (:mod:`..node_kinds`), so that the handlers asking whether the page
shows a kind of node do not walk the entries.
The HTML writer then writes a kept entry (a :class:`.nodes.publication_item`) as the HTML it wrote for it last
time, when its list is written alike (:func:`visit_item`), and keeps the HTML of an entry it writes afresh. The
bytes written are those a clean build writes (``tests/test_bib_edit.py``).

What an entry's nodes are made from is its key: the page, the entry's anchor, the entry's model digest
(:func:`.loader.model_digests`), the list's options, the link to its paper page, and the build's settings (the
HTML builder's configuration and tag digests, the versions of docutils, Sphinx and every extension); a build whose
configuration changed keeps nothing of the last. Entries with a preview or a file of the site are always made
afresh: the builder copies those files for the pages that show them.

Kept beside the doctrees (like :mod:`..unused_css`'s record): entries are made when pages are written, after
Sphinx saved the environment. The file is read only by a build that writes a page with a list. With ``-j`` the
HTML is written in other processes: what they write is not kept, and is written afresh next time.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docutils
import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import CONFIG_OK

from ..buildstate import build_state
from ..node_kinds import HOLDS, Kinds, kinds_in
from ..transforms import BuilderPostTransform, add_builder_post_transform
from .loader import model_digests
from .model import Publication
from .nodes import publication_item

CACHE_NAME = "homepage-publication-entries.pickle"
_CACHE_VERSION = 3
#: The attribute of a :class:`.nodes.publication_item` that holds its :class:`KeptEntry` (never written out).
_KEPT = "homepage_kept"


class kept_entry(nodes.General, nodes.Element):
    """Where an entry's kept nodes go once the post-transforms are done (``key``: which)."""


@dataclass
class KeptEntry:
    """An entry as a build left it: its nodes (pickled), and the HTML they were written as, with the state of the
    HTML writer that wrote it (whether its list was compact: the same nodes write other HTML in another list)."""

    nodes: bytes
    #: the kinds of node the entry holds (:mod:`..node_kinds`), so that a page's handlers need not walk it
    kinds: Kinds = frozenset()
    html: str | None = None
    writer_state: tuple[Any, ...] | None = None
    #: where the entry's HTML starts in the writer's output, while it is written
    start: int = 0


@dataclass
class KeptEntries:
    """The entries the last build kept, and what this build makes and uses."""

    #: what every entry's nodes depend on besides the entry and the page
    settings: str
    #: page -> entry key -> the entry, as the last build kept it
    kept: dict[str, dict[str, KeptEntry]]
    #: lower-case key -> the model digest of every publication, for this build
    digests: dict[str, str]
    #: page -> entry key -> the entry: what this build's pages use (kept for the next)
    used: dict[str, dict[str, KeptEntry]] = field(default_factory=dict)
    #: (page, key, nodes) of each entry made afresh in the document being written: a document's post-transforms
    #: all run before the next document's
    made: list[tuple[str, str, nodes.Element]] = field(default_factory=list)


def _settings(app: Sphinx) -> str:
    build_info = getattr(app.builder, "build_info", None)
    made_of = (
        docutils.__version__,
        sphinx.__version__,
        # Every extension's version (the theme's too): an upgrade may change what a transform or the writer does.
        sorted((name, str(extension.version)) for name, extension in app.extensions.items()),
        app.builder.name,
        getattr(build_info, "config_hash", ""),
        getattr(build_info, "tags_hash", ""),
    )
    return hashlib.sha1(repr(made_of).encode("utf-8")).hexdigest()


def _load(path: Path, settings: str) -> dict[str, dict[str, KeptEntry]]:
    try:
        with path.open("rb") as file:
            record = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("version") != _CACHE_VERSION or record.get("settings") != settings:
        return {}
    return record["pages"]


def kept_entries(app: Sphinx) -> KeptEntries:
    """This build's kept entries, read on first use."""
    state = build_state(app)
    if state.kept_entries is None:
        settings = _settings(app)
        unchanged = app.env.config_status == CONFIG_OK
        kept = _load(Path(app.doctreedir) / CACHE_NAME, settings) if unchanged else {}
        state.kept_entries = KeptEntries(settings, kept, model_digests(app.env.get_domain("cite")))  # type: ignore[arg-type]
    return state.kept_entries


def _entry_key(
    entries: KeptEntries, docname: str, anchor: str, publication: Publication, options: Any, page_uri: str | None
) -> str | None:
    """What the entry's nodes on ``docname`` are made from, or None when they are always made afresh."""
    digest = entries.digests.get(publication.key.lower())
    if digest is None or publication.preview or any(link.local for link in publication.links):
        return None
    made_of = (entries.settings, docname, anchor, digest, repr(options), page_uri)
    return hashlib.sha1(repr(made_of).encode("utf-8")).hexdigest()


def kept_or_made(
    entries: KeptEntries,
    docname: str,
    options: Any,
    publication: Publication,
    anchor: str,
    page_uri: str | None,
    make: Callable[[], nodes.Element],
) -> nodes.Element:
    """A stand-in for the entry's kept nodes; else its nodes made by ``make``, to be kept once post-transformed."""
    key = _entry_key(entries, docname, anchor, publication, options, page_uri)
    if key is None:
        return make()
    if key in entries.kept.get(docname, {}):
        return kept_entry(key=key, docname=docname)
    item = make()
    entries.made.append((docname, key, item))
    return item


class _EntryPickler(pickle.Pickler):
    """Pickles an entry alone: the page it is in (its parent, the document every node may point to) is left out."""

    def __init__(self, file: io.BytesIO, item: nodes.Element) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.outside = {id(item.parent): "parent", id(item.document): "document"}

    def persistent_id(self, obj: Any) -> str | None:
        return self.outside.get(id(obj)) if isinstance(obj, nodes.Node) else None


class _EntryUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, document: nodes.document) -> None:
        super().__init__(io.BytesIO(data))
        self.document = document

    def persistent_load(self, name: str) -> Any:
        return self.document if name == "document" else None


def _pickled(item: nodes.Element) -> bytes:
    file = io.BytesIO()
    _EntryPickler(file, item).dump(item)
    return file.getvalue()


class PutBackKeptEntries(BuilderPostTransform):
    """The kept entries' nodes in place of their stand-ins; the entries made afresh kept."""

    # After every other post-transform.
    default_priority = 9000
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        state = build_state(self.sphinx_app)
        entries: KeptEntries | None = state.kept_entries
        if entries is None:
            return
        for docname, key, item in entries.made:
            item[_KEPT] = entries.used.setdefault(docname, {})[key] = KeptEntry(_pickled(item), kinds_in(item))
            item[HOLDS] = item[_KEPT].kinds
        entries.made.clear()
        for stand_in in list(self.document.findall(kept_entry)):
            docname, key = stand_in["docname"], stand_in["key"]
            last = entries.kept[docname][key]
            item = _EntryUnpickler(last.nodes, self.document).load()
            item[_KEPT] = entries.used.setdefault(docname, {})[key] = KeptEntry(
                last.nodes, last.kinds, last.html, last.writer_state
            )
            item[HOLDS] = last.kinds
            stand_in.replace_self(item)


def _writer_state(translator: Any) -> tuple[Any, ...]:
    return (type(translator).__name__, translator.compact_simple, translator.compact_p)


def visit_item(translator: Any, node: nodes.list_item) -> None:
    """A kept entry's HTML, when its list is written as the one it was kept from; else the entry written (and kept)."""
    kept: KeptEntry | None = node.get(_KEPT)
    if kept is not None and kept.html is not None and kept.writer_state == _writer_state(translator):
        translator.body.append(kept.html)
        raise nodes.SkipNode
    if kept is not None:
        kept.start = len(translator.body)
    translator.visit_list_item(node)


def depart_item(translator: Any, node: nodes.list_item) -> None:
    translator.depart_list_item(node)
    kept: KeptEntry | None = node.get(_KEPT)
    if kept is not None:
        kept.html = "".join(translator.body[kept.start :])
        kept.writer_state = _writer_state(translator)


def save_kept_entries(app: Sphinx, exception: Exception | None) -> None:
    entries: KeptEntries | None = build_state(app).kept_entries
    if exception is not None or entries is None:
        return
    pages = {name: kept for name, kept in entries.kept.items() if name in app.env.found_docs and name not in entries.used}
    record = {"version": _CACHE_VERSION, "settings": entries.settings, "pages": pages | entries.used}
    try:
        (Path(app.doctreedir) / CACHE_NAME).write_bytes(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # the entries are made afresh next time


def setup_kept_entries(app: Sphinx) -> None:
    app.add_node(publication_item, html=(visit_item, depart_item))
    add_builder_post_transform(app, PutBackKeptEntries)
    app.connect("build-finished", save_kept_entries)
