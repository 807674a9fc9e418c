"""Third-party stylesheets without the rules that no page of the site can match.

pydata-sphinx-theme's stylesheet carries all of Bootstrap and Font Awesome's class dictionary: 64 KB
compressed, which a phone must download before it draws anything. This site uses a few hundred of its
5,000 rules. Once the site is built, the output's copies of the stylesheets in :data:`TRIMMED_STYLESHEETS`
lose every selector that names a class no page and no script can put on an element; every other rule
stays byte for byte as its authors wrote it. ``homepage_trim_css = False`` in ``conf.py`` turns this off.

Why that is safe:

- A selector is dropped only when one of its classes outside parentheses is unused: such a selector
  cannot match. Classes inside ``:not()``, ``:is()`` or ``:has()`` are never counted, nor are element
  names, ids, attributes or pseudo-classes (``[data-theme=dark]``, ``:hover``).
- "Used" is generous: every class attribute of every built page, every word (not only string literals)
  of every local script a page loads, and, for a string that ends in a dash (``"bs-"``, ``` `bs-${x}` ```),
  every class that starts with it, since scripts build names like ``bs-tooltip-top`` from parts. Data that a
  page carries as a script but never runs (JSON-LD, Sphinx's search index) is not read: no class comes from it,
  and a word edited in a page's text does not trim the stylesheets again.
- When a page loads a script from another host, which classes it adds cannot be known: nothing is trimmed.

The browser suite proves it on the real site: computed styles with and without trimming are identical
on every page, in both colour modes, at phone and desktop widths, with the menus and dialogs open
(``tests/browser/test_unused_css.py``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .config import homepage_config
from .icon_faces import REGULAR_CLASSES, code_points, subset_code_points, without_full_icon_fonts
from .priorities import PRIORITY

logger = logging.getLogger(__name__)

#: Stylesheets (paths under the output's ``_static``) that are trimmed; our own are written lean.
TRIMMED_STYLESHEETS = (
    "styles/pydata-sphinx-theme.css",
    "basic.css",
    "sphinx-design.min.css",
    "pygments.css",
)

#: At-rules whose block holds rules: trimmed inside, dropped when nothing is left. Others stay whole.
_GROUPING_AT_RULES = frozenset({"media", "supports", "container", "layer", "scope", "document"})

_CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_EVENT_ATTRIBUTE = re.compile(r"""\son[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']""", re.I)
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)([^>]*)>(.*?)</script\s*>", re.I | re.S)
# Data for search engines (JSON-LD), never run: its words (a paper's title and authors) are no class names.
# Scripts that are data too: Sphinx's search index holds every word of the site (an edited title would trim the
# stylesheets again); the classes of search results are in searchtools.js, which is read.
_DATA_SCRIPTS = frozenset({"searchindex.js"})
_DATA_SCRIPT = re.compile(r"""\btype\s*=\s*["']?application/ld\+json""", re.I)
_WORD = re.compile(r"[A-Za-z_-][\w-]*")
# A string literal, or the start of a template literal, that ends in a dash: a class name built from parts.
_PREFIX_LITERAL = re.compile(r"""["'`]([A-Za-z_-][\w-]*-)(?:["'`]|\$\{)""")


@dataclass
class ClassesInUse:
    """The class names that may be on an element of the built site."""

    names: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    #: A script whose classes cannot be known (another host's); empty when every script was read.
    unknowable: str = ""

    def __contains__(self, name: str) -> bool:
        return name in self.names or name.startswith(tuple(self.prefixes))

    def add_script(self, text: str) -> None:
        self.names.update(_WORD.findall(text))
        self.prefixes.update(_PREFIX_LITERAL.findall(text))


@dataclass(frozen=True)
class _PageClasses:
    """What one built page contributes to :class:`ClassesInUse`: its classes, its scripts' words (apart: pages share
    their classes, not their scripts, which name the page), the local scripts it loads (absolute paths), and
    another host's script it loads ("" when none)."""

    names: frozenset[str]
    prefixes: frozenset[str]
    scripts: tuple[str, ...]
    unknowable: str
    script_words: frozenset[str] = frozenset()

    def shared(self, pool: dict) -> _PageClasses:
        """The same, its parts taken from ``pool`` where an equal part is there (put there if not)."""
        parts = (self.names, self.prefixes, self.scripts, self.unknowable, self.script_words)
        return _PageClasses(*(pool.setdefault(part, part) for part in parts))


def _page_classes(page: Path, outdir: Path) -> _PageClasses:
    markup = page.read_text(encoding="utf-8", errors="replace")
    found = ClassesInUse()
    scripts: list[str] = []
    classes: set[str] = set()
    for match in _CLASS_ATTRIBUTE.finditer(markup):
        classes.update((match.group(1) or match.group(2) or match.group(3) or "").split())
    for match in _EVENT_ATTRIBUTE.finditer(markup):
        found.add_script(match.group(1) or match.group(2) or "")
    for attributes, body in _INLINE_SCRIPT.findall(markup):
        if not _DATA_SCRIPT.search(attributes):
            found.add_script(body)
    for src in _SCRIPT_SRC.findall(markup):
        if "{{" in src:
            continue  # a template shipped as a static file (the theme's webpack-macros.html), not a page
        if "://" in src or src.startswith("//"):
            found.unknowable = found.unknowable or f"{page.relative_to(outdir).as_posix()} loads {src}"
            continue
        path = src.split("?", 1)[0].split("#", 1)[0]
        if posixpath.basename(path) in _DATA_SCRIPTS:
            continue
        base = outdir if path.startswith("/") else page.parent
        scripts.append(posixpath.normpath(posixpath.join(base.as_posix(), path.lstrip("/"))))
    words = frozenset(found.names)
    return _PageClasses(frozenset(classes), frozenset(found.prefixes), tuple(scripts), found.unknowable, words)


def _html_pages(outdir: Path) -> list[str]:
    """The paths under ``outdir`` of its HTML pages, sorted (``os.walk``: pathlib's ``rglob`` and ``relative_to``
    cost more than reading the cache for a thousand pages)."""
    found = []
    for folder, _, files in os.walk(outdir):
        prefix = os.path.relpath(folder, outdir).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in files if name.endswith(".html"))
    return sorted(found)


def _signature(path: str) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size


def _script_classes(script: Path) -> _PageClasses:
    found = ClassesInUse()
    found.add_script(script.read_text(encoding="utf-8", errors="replace"))
    return _PageClasses(frozenset(found.names), frozenset(found.prefixes), (), "")


def classes_in_use(outdir: Path, known: dict[str, tuple] | None = None) -> ClassesInUse:
    """Every class the built pages in ``outdir`` carry or the scripts they load may add.

    ``known`` maps a page (its path under ``outdir``) or a script (its absolute path) to its size and date and what
    it was found to hold: a file with the same size and date is not read again, and ``known`` is brought up to date
    for the next build. Pages that hold the same (a thousand paper pages hold a few sets between them) share one
    record, so ``known`` stays small to keep and what is in use is the union of those few.
    """
    known = {} if known is None else known
    pool: dict = {}
    for _, found in known.values():
        found.shared(pool)
    seen: dict[str, _PageClasses] = {}

    def look(name: str, path: str, read: Callable[[], _PageClasses]) -> _PageClasses:
        signature = _signature(path)
        if name not in known or known[name][0] != signature:
            known[name] = (signature, read().shared(pool))
        seen[name] = known[name][1]
        return seen[name]

    # Paths as text, not pathlib's: a thousand pages are looked up on every build; a page is read only when changed.
    folder = os.fspath(outdir)
    for name in _html_pages(outdir):
        look(name, os.path.join(folder, name), lambda name=name: _page_classes(outdir / name, outdir))
    scripts = {script for found in list(seen.values()) for script in found.scripts}
    for script in sorted(map(Path, scripts)):
        if script.is_file():
            look(script.as_posix(), os.fspath(script), lambda script=script: _script_classes(script))
    for name in set(known) - set(seen):
        del known[name]
    in_use = ClassesInUse()
    for names in {id(part): part for found in seen.values() for part in (found.names, found.script_words)}.values():
        in_use.names |= names
    for prefixes in {id(found.prefixes): found.prefixes for found in seen.values()}.values():
        in_use.prefixes |= prefixes
    in_use.unknowable = next((found.unknowable for found in seen.values() if found.unknowable), "")
    return in_use


# -- Trimming ---------------------------------------------------------------------


def _required_classes(selector: list) -> Iterator[str]:
    """The classes an element must carry for ``selector`` to match: ``.name`` outside any parentheses.

    Function tokens (``:not(...)``, ``:is(...)``) and ``[...]`` arrive as single blocks, so classes inside
    them are never seen here.
    """
    after_dot = False
    for token in selector:
        if after_dot and token.type == "ident":
            yield token.value
        after_dot = token.type == "literal" and token.value == "."


@dataclass
class TrimReport:
    rules: int = 0
    dropped: int = 0


class _Source:
    """The stylesheet's text, to copy what is kept exactly as written.

    tinycss2 re-serialises some tokens differently from the source (``"\\f062"`` becomes the character
    itself), so kept rules are cut out of the text at the positions tinycss2 reports, never re-serialised.
    """

    def __init__(self, css: str) -> None:
        # The newlines and NULs tinycss2 normalises before it counts lines and columns.
        self.text = css.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", self.text)]

    def offset(self, token) -> int:
        return self.line_starts[token.source_line - 1] + token.source_column - 1


@dataclass
class _Item:
    """A rule, at-rule or comment at one level of the stylesheet, and where its text starts and ends."""

    tokens: list
    start: int
    end: int = 0

    @property
    def block(self):
        last = self.tokens[-1]
        return last if last.type == "{} block" else None


def _items(tokens: list, source: _Source, end: int) -> list[_Item]:
    """Split one level's component values into rules, at-rules and comments (CSS Syntax's rule grammar)."""
    items: list[_Item] = []
    current: _Item | None = None
    for token in tokens:
        if current is None:
            if token.type == "whitespace" or (token.type == "literal" and token.value == ";"):
                continue
            current = _Item([token], source.offset(token))
            items.append(current)
        else:
            current.tokens.append(token)
        first = current.tokens[0]
        if (
            first.type == "comment"
            or token.type == "{} block"
            or (first.type == "at-keyword" and token.type == "literal" and token.value == ";")
        ):
            current = None
    for item, following in zip(items, items[1:] + [None]):
        item.end = len(source.text[: following.start if following else end].rstrip())
    return items


def drop_unused_rules(css: str, in_use: ClassesInUse | Iterable[str]) -> tuple[str, TrimReport]:
    """``css`` without the selectors that need a class not ``in_use``, nor the rules left with none."""
    if not isinstance(in_use, ClassesInUse):
        in_use = ClassesInUse(names=set(in_use))
    import tinycss2  # imported when a stylesheet is trimmed, not by every build

    source = _Source(css)
    report = TrimReport()
    tokens = tinycss2.parse_component_value_list(source.text)
    return "".join(_trim(tokens, source, len(source.text), in_use, report)), report


def _trim(tokens: list, source: _Source, end: int, in_use: ClassesInUse, report: TrimReport) -> list[str]:
    """The kept parts of one level of the stylesheet, whose text ends at offset ``end``."""
    kept: list[str] = []
    for item in _items(tokens, source, end):
        first, block, text = item.tokens[0], item.block, source.text[item.start : item.end]
        if first.type == "comment":
            # Licence notices ("/*! ...") stay; the source map no longer matches the trimmed file.
            if first.value.startswith("!"):
                kept.append(text)
        elif first.type == "at-keyword":
            if block is not None and first.lower_value in _GROUPING_AT_RULES:
                opening = source.offset(block)
                closing = item.end - 1 if text.endswith("}") else item.end
                inner = _trim(block.content, source, closing, in_use, report)
                if inner:
                    kept.append(source.text[item.start : opening + 1] + "".join(inner) + "}")
            else:
                kept.append(text)  # @charset, @import, @font-face, @keyframes, @property...
        elif block is not None:
            kept.extend(_trim_rule(item, source, in_use, report))
        else:
            kept.append(text)  # not a rule: left for the browser to ignore, as it would have
    return kept


def _trim_rule(item: _Item, source: _Source, in_use: ClassesInUse, report: TrimReport) -> list[str]:
    report.rules += 1
    opening = source.offset(item.block)
    # The selectors, each with where its text ends (the comma after it, or the rule's "{").
    selectors: list[tuple[list, int]] = []
    current: list = []
    for token in item.tokens[:-1]:
        if token.type == "literal" and token.value == ",":
            selectors.append((current, source.offset(token)))
            current = []
        else:
            current.append(token)
    selectors.append((current, opening))
    live, start = [], item.start
    for selector, stop in selectors:
        if all(name in in_use for name in _required_classes(selector)):
            live.append(source.text[start:stop].strip())
        start = stop + 1
    if not live:
        report.dropped += 1
        return []
    return [",".join(live) + source.text[opening : item.end]]


# -- Build integration -------------------------------------------------------------


#: Beside the doctrees: what the last build found in each page and the stylesheets it trimmed. Worked out once the
#: pages are written, after Sphinx saved the environment (which it does not save at all when nothing was read).
CACHE_NAME = "homepage-trimmed-css.pickle"
_CACHE_VERSION = 5


@dataclass
class _Trimmed:
    """A stylesheet as the last build trimmed it: from which classes and which file, to what, and when."""

    classes: str
    source: str
    result: str
    text: str
    mtime_ns: int


def _digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _load_cache(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            cache = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    return cache if isinstance(cache, dict) and cache.get("version") == _CACHE_VERSION else {}


def _save_cache(path: Path, cache: dict) -> None:
    data = pickle.dumps(cache, pickle.HIGHEST_PROTOCOL)
    try:
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    except OSError:
        pass  # trimmed again next build, to the same bytes


def _trim_one(
    stylesheet: Path, in_use: ClassesInUse, classes: str, last: _Trimmed | None, drawn_elsewhere: set[int]
) -> _Trimmed:
    """Trim ``stylesheet`` unless the last build trimmed the same file for the same classes: then its result is put
    back with its date (Sphinx copies the untrimmed file over it on every build). The theme's full icon fonts go
    from it too when the subsets draw every glyph it and ``drawn_elsewhere`` name (``icon_faces.py``)."""
    css = stylesheet.read_text(encoding="utf-8")
    digest = _digest(css)
    if last is not None and last.classes == classes and digest in (last.source, last.result):
        if digest == last.source:
            stylesheet.write_text(last.text, encoding="utf-8")
        os.utime(stylesheet, ns=(last.mtime_ns, last.mtime_ns))
        return last
    trimmed, report = drop_unused_rules(css, in_use)
    regular = any(name in in_use for name in REGULAR_CLASSES)
    trimmed = without_full_icon_fonts(trimmed, code_points(trimmed) | drawn_elsewhere, regular)
    stylesheet.write_text(trimmed, encoding="utf-8")
    logger.verbose("homepage: %s: %d of %d rules kept", stylesheet.name, report.rules - report.dropped, report.rules)
    return _Trimmed(classes, digest, _digest(trimmed), trimmed, stylesheet.stat().st_mtime_ns)


def trim_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not homepage_config(app).trim_css:
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    stylesheets = [name for name in TRIMMED_STYLESHEETS if (static / name).is_file()]
    if not stylesheets:
        return  # another theme, no sphinx-design
    cache_path = Path(app.doctreedir) / CACHE_NAME
    cache = _load_cache(cache_path)
    pages = cache.get("pages", {})
    in_use = classes_in_use(outdir, pages)
    if in_use.unknowable:
        logger.info("homepage: stylesheets not trimmed: %s, whose classes cannot be known", in_use.unknowable)
    else:
        # The icon glyphs every stylesheet names, each but the one being trimmed as it was before trimming.
        drawn = {path.relative_to(static).as_posix(): code_points(path.read_text(encoding="utf-8", errors="replace"))
                 for path in sorted(static.rglob("*.css"))}
        icons = (sorted(set().union(*drawn.values())), sorted(subset_code_points()))
        classes = _digest(repr((sorted(in_use.names), sorted(in_use.prefixes), icons)))
        trimmed = cache.get("stylesheets", {})
        for name in stylesheets:
            elsewhere = set().union(*(points for other, points in drawn.items() if other != name))
            trimmed[name] = _trim_one(static / name, in_use, classes, trimmed.get(name), elsewhere)
        cache["stylesheets"] = trimmed
    _save_cache(cache_path, {**cache, "version": _CACHE_VERSION, "pages": pages})


def setup_unused_css(app: Sphinx) -> None:
    app.connect("build-finished", trim_stylesheets, priority=PRIORITY.trim_stylesheets)
