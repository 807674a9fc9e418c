"""What one build works out once and reads again while it writes, in one typed object per build.

What outlives a build (what was read from each document) belongs on the environment, which is pickled
(:mod:`.docstore`); what only the current build needs is kept here, reached through :func:`build_state`, so no
module keeps it as a private attribute of the application, its configuration or its builder. With ``-j`` each
writing process has its own copy, which is fine for what is kept here: each process works it out alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .priorities import PRIORITY


@dataclass
class BuildState:
    #: The component stylesheets served inside ``homepage.css``, in the order setup added them (:mod:`.assets`).
    stylesheets: list[str] = field(default_factory=list)
    #: Lower-case BibTeX key -> the page name of its paper page (:mod:`.publications.pages`); None: not yet known.
    paper_pages: dict[str, str] | None = None
    #: The home page's description, for pages without one (:mod:`.meta`); None: not yet known.
    site_description: str | None = None
    #: The output folder could not be written to: said once, the other files are only logged (:mod:`.output`).
    output_failed: bool = False
    #: Files every build writes again, by name in the output: (access time, modification time, digest) before
    #: this build wrote them (:mod:`.output`).
    rewritten_files: dict[str, tuple[int, int, str | None]] = field(default_factory=dict)
    #: The build before this one stopped before it finished (:mod:`.output`).
    previous_build_unfinished: bool = False
    #: How many documents this build reads: with none, Sphinx saves no environment (:mod:`.generated_pages`).
    documents_read: int = 0
    #: Sphinx has started writing documents; those written so far (:mod:`.generated_pages`).
    writing_documents: bool = False
    documents_written: set[str] = field(default_factory=set)
    #: Generated pages whose inputs are those they were last written from; every generated page of the build.
    unchanged_pages: set[str] = field(default_factory=set)
    generated_pages: set[str] = field(default_factory=set)
    #: Generated pages whose inputs this build noted, of every page source (:mod:`.generated_pages`).
    inputs_noted: set[str] = field(default_factory=set)
    #: Generated pages the sitemap does not list (redirect pages, :mod:`.redirects`).
    unlisted_pages: set[str] = field(default_factory=set)
    #: al-folio's data files, read once a build (:mod:`.sitedata`); None: not yet read.
    site_data: Any = None
    #: Each address of the site and the page it names (:mod:`.site_addresses`); None: not yet worked out.
    site_addresses: dict[str, str] | None = None
    #: Each page source's pages, made once a build when their inputs are noted and written from then on.
    made_pages: dict = field(default_factory=dict)
    #: The listed entries' nodes kept between builds (:mod:`.publications.kept_entries`); None: not yet read.
    kept_entries: Any = None
    #: The last doctree a handler asked about while its page was written, and the kinds of node it holds
    #: (:mod:`.node_kinds`); None: none yet.
    page_kinds: tuple[Any, frozenset] | None = None


_STATES: WeakKeyDictionary[Sphinx, BuildState] = WeakKeyDictionary()


def build_state(app: Sphinx) -> BuildState:
    """The state of the build ``app`` runs (made on first use)."""
    state = _STATES.get(app)
    if state is None:
        state = _STATES[app] = BuildState()
    return state


def _forget_what_was_read(app: Sphinx, env: BuildEnvironment) -> None:
    # The same application may build again (a test, sphinx-autobuild): what was worked out from the pages read
    # last time is worked out again.
    state = build_state(app)
    state.paper_pages = None
    state.site_description = None
    state.writing_documents = False
    state.documents_written = set()
    state.unchanged_pages = set()
    state.inputs_noted = set()
    state.generated_pages = set()
    state.unlisted_pages = set()
    state.made_pages = {}
    state.site_addresses = None
    state.kept_entries = None
    state.page_kinds = None


def setup_buildstate(app: Sphinx) -> None:
    app.connect("env-updated", _forget_what_was_read, priority=PRIORITY.forget_what_was_read)
