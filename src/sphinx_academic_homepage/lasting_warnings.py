"""Warnings that fail every strict build until their cause is fixed, not only the build that found them.

Sphinx warns about a page while it reads it and while it writes it. A rebuild reads and writes only the pages
that changed, so it says nothing of the others: ``make html`` with ``-W`` fails once, and the next run passes with
the same fault still in the output. Here every warning given while a page is read, or while it is written, is
kept for that page (beside the doctrees, as the environment is not saved when nothing is read), forgotten when
the page is read again (everything) or written again (what writing found), and given again, word for word with
its type and location, by every build that leaves the page as it was. ``suppress_warnings`` applies to it as to
the first.

Only what belongs to a page is kept: a warning given while no page is read or written (a setting, a file checked
on every build) is given again by whatever gave it. Sources read through a cache that outlives the build (the
.bib files) report their cached problems themselves.
"""

from __future__ import annotations

import logging
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging
from sphinx.util.build_phase import BuildPhase

#: Beside the doctrees; a file of its own because Sphinx does not save the environment after writing.
MEMORY_NAME = "homepage-warnings.pickle"
_MEMORY_VERSION = 1
#: Set on a record once it is kept: Sphinx hands the same record to the handlers twice when it holds
#: warnings back while pages are read.
_SEEN = "_homepage_kept"
_LINE_SUFFIX = re.compile(r":\d+$")

logger = sphinx_logging.getLogger(__name__)
#: The memory of the build under way in this process, if any (see :func:`_record_with_page`).
_building: WarningMemory | None = None
_make_record = logging.getLogRecordFactory()  # the factory found when ours was set, which ours calls


def _record_with_page(*args, **kwargs) -> logging.LogRecord:
    """Every log record, stamped with the page being read or resolved when it was made.

    With ``-j``, worker processes read pages and hand their warnings to the main process afterwards, when no
    page is being read there any more; the stamp, made in the worker, says which page a warning came from.
    """
    record = _make_record(*args, **kwargs)
    if _building is not None:
        record.homepage_page = _building.current_page()
    return record


@dataclass(frozen=True)
class KeptWarning:
    message: str
    type: str | None
    subtype: str | None
    #: As Sphinx prints it: ``path:line``, ``path`` or None.
    location: str | None


@dataclass
class PageWarnings:
    read: list[KeptWarning] = field(default_factory=list)
    written: list[KeptWarning] = field(default_factory=list)


class WarningMemory(logging.Handler):
    """Keeps the warnings of each page of one application's builds and gives again those of untouched pages."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=logging.WARNING)
        self.app = app
        self.pages: dict[str, PageWarnings] = {}
        self.read_now: set[str] = set()
        self.written_now: set[str] = set()
        #: The source file of each page read or written in this build, to find the page a warning points into.
        self.sources: dict[str, str] = {}
        #: (location, message) of every warning given in this build: none is given twice.
        self.given: set[tuple[str | None, str]] = set()
        self.giving_again = False

    # -- a build's course ------------------------------------------------------------------------------------

    def start(self, app: Sphinx, *_args: object) -> list[str]:
        """``env-get-outdated``, the first event of every build's reading: listen, and load what was kept."""
        global _building
        _building = self
        self.pages = _load(self._path())
        self.read_now, self.written_now, self.given, self.sources = set(), set(), set(), {}
        sphinx_root = logging.getLogger(sphinx_logging.NAMESPACE)
        if self not in sphinx_root.handlers:
            # First, so that the record is seen as given, before Sphinx's handlers add the type to its text.
            sphinx_root.handlers.insert(0, self)
        return []

    def page_read(self, app: Sphinx, env: object, docname: str) -> None:
        """``env-purge-doc``: the page is read again (or deleted), so all it said is said again or gone."""
        self.pages.pop(docname, None)
        self.read_now.add(docname)

    def page_resolved(self, app: Sphinx, doctree: object, docname: str) -> None:
        """``doctree-resolved``: the page is about to be written."""
        self._writing(docname)

    def give_read_warnings_again(self, app: Sphinx, env: object) -> list[str]:
        """``env-updated``: what the pages not read again said when they were."""
        self._give_again(lambda docname, kept: [] if docname in self.read_now else kept.read)
        return []

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        """``build-finished``: what the pages not written again said when they were; keep it all for the next build."""
        global _building
        if _building is self:
            _building = None
        logging.getLogger(sphinx_logging.NAMESPACE).removeHandler(self)
        if exception is not None:
            return
        self._give_again(lambda docname, kept: [] if docname in self.written_now else kept.written)
        _save(self._path(), self.pages)

    # -- the records ----------------------------------------------------------------------------------------

    def emit(self, record: logging.LogRecord) -> None:
        if self.giving_again or getattr(record, _SEEN, False):
            return
        setattr(record, _SEEN, True)
        location = self._location(record)
        message = record.getMessage()
        self.given.add((location, message))
        docname = self._page_of(getattr(record, "homepage_page", ""), location)
        if docname is None:
            return
        kept = KeptWarning(message, getattr(record, "type", None), getattr(record, "subtype", None), location)
        if self._phase() == BuildPhase.READING:
            self.pages.setdefault(docname, PageWarnings()).read.append(kept)
        else:
            self._writing(docname)
            self.pages[docname].written.append(kept)

    def _writing(self, docname: str) -> None:
        if docname not in self.written_now:
            self.written_now.add(docname)
            self.pages.setdefault(docname, PageWarnings()).written = []
            self._note_source(docname)

    def _note_source(self, docname: str) -> None:
        # Not Project.path2doc, which may itself warn (a post's file name) while a warning is handled.
        self.sources[str(self.app.env.doc2path(docname))] = docname

    def _phase(self) -> BuildPhase | None:
        builder = getattr(self.app, "builder", None)
        return getattr(builder, "phase", None)

    def current_page(self) -> str:
        """The page being read, or resolved before it is written; empty between pages."""
        env = self.app.env
        return getattr(env.current_document, "docname", "") if env is not None else ""

    def _page_of(self, stamped: str, location: str | None) -> str | None:
        """The page a warning belongs to: the one being read or resolved when it was made, else the one it points
        into while that page is written (the HTML writer does not say which page it writes)."""
        phase = self._phase()
        if phase not in (BuildPhase.READING, BuildPhase.RESOLVING, BuildPhase.WRITING):
            return None
        page = stamped or self.current_page()
        if page:
            return page
        if not location or phase == BuildPhase.READING:
            return None
        docname = self.sources.get(_LINE_SUFFIX.sub("", location))
        return docname if docname in self.written_now else None

    def _location(self, record: logging.LogRecord) -> str | None:
        """Where Sphinx will say the warning is, worked out on a copy: Sphinx's own filters change the record."""
        copy = logging.makeLogRecord(record.__dict__)
        try:
            sphinx_logging.WarningLogRecordTranslator(self.app).filter(copy)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - a location Sphinx cannot translate is printed without one
            return None
        location = getattr(copy, "location", None)
        return str(location) if location else None

    def _give_again(self, which) -> None:
        env = self.app.env
        self.giving_again = True
        try:
            for docname in sorted(self.pages):
                if docname not in env.found_docs:
                    continue
                for kept in which(docname, self.pages[docname]):
                    if (kept.location, kept.message) in self.given:
                        continue
                    self.given.add((kept.location, kept.message))
                    logger.warning(kept.message, type=kept.type, subtype=kept.subtype, location=kept.location)
        finally:
            self.giving_again = False

    def _path(self) -> Path:
        return Path(self.app.doctreedir, MEMORY_NAME)


def _load(path: Path) -> dict[str, PageWarnings]:
    try:
        with path.open("rb") as file:
            kept = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    if not isinstance(kept, dict) or kept.get("version") != _MEMORY_VERSION:
        return {}
    return kept["pages"]


def _save(path: Path, pages: dict[str, PageWarnings]) -> None:
    data = pickle.dumps({"version": _MEMORY_VERSION, "pages": pages}, pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    except OSError:
        pass  # the next build finds nothing kept: it warns only of what it reads and writes, as Sphinx does


def setup_lasting_warnings(app: Sphinx) -> None:
    global _make_record
    if logging.getLogRecordFactory() is not _record_with_page:
        _make_record = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_record_with_page)
    memory = WarningMemory(app)
    app.connect("env-get-outdated", memory.start)
    app.connect("env-purge-doc", memory.page_read)
    app.connect("doctree-resolved", memory.page_resolved)
    app.connect("env-updated", memory.give_read_warnings_again)
    app.connect("build-finished", memory.finish)
