"""al-folio front matter, read with its real types and line numbers.

myst-parser keeps front matter in ``env.metadata`` but flattens nested values
into JSON strings, turns booleans and null into the strings ``'True'`` and
``'null'``, and forgets where each key was written. Warnings about front matter
must name the line, so the YAML block is read again here, from the source, with
the line of every key.

State lives in ``env.homepage_front_matter`` (docname -> :class:`FrontMatter`),
purged and merged so parallel reads (``-j``) see the same thing as serial ones.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .diagnostics import warn
from .docstore import DocumentStore
from .yamlfile import FRONT_MATTER_LIMITS, PYYAML_DATES, YAML_LOAD_ERRORS, YAMLLimitError, compose, load, unreadable_scalars

#: Each Markdown page's front matter: docname -> :class:`FrontMatter`.
PAGE_FRONT_MATTER = DocumentStore("homepage_front_matter")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
# An opening "---" whose block is never closed: myst-parser then reads the YAML as the page's text.
_UNCLOSED_FRONT_MATTER = re.compile(r"\A(---[ \t]*)\r?\n(?=[ \t]*[\w\"'-]+[ \t]*:)")

_MISSING = object()


@dataclass
class FrontMatter:
    """The front matter of one page: values as YAML gives them, and the line of every key."""

    docname: str
    values: dict[str, Any] = field(default_factory=dict)
    #: "profile.image" -> 1-based line in the source file
    lines: dict[str, int] = field(default_factory=dict)
    #: False when the block is not a YAML mapping (after its warning).
    valid: bool = True

    def get(self, dotted_key: str, default: Any = None) -> Any:
        value: Any = self.values
        for part in dotted_key.split("."):
            if not isinstance(value, dict) or part not in value:
                return default
            value = value[part]
        return value

    def has(self, dotted_key: str) -> bool:
        return self.get(dotted_key, _MISSING) is not _MISSING

    def location(self, dotted_key: str | None = None) -> tuple[str, int | None]:
        """Where a key was written, as Sphinx's ``location``; its parent's line if it has none of its own."""
        key = dotted_key
        while key:
            if key in self.lines:
                return (self.docname, self.lines[key])
            key = key.rpartition(".")[0]
        return (self.docname, 1)

    def flag(self, dotted_key: str, default: bool = False) -> bool:
        """A boolean option (``social: true``); any other type warns once and counts as ``default``."""
        value = self.get(dotted_key, None)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        warn(
            f"front matter {dotted_key!r} should be true or false, not {value!r}; using {str(default).lower()}",
            "frontmatter",
            self.location(dotted_key),
        )
        return default

    def warn_unknown_keys(self, parent: str, known: Iterable[str], subtype: str = "frontmatter") -> None:
        """One warning per key of the ``parent`` mapping that is not in ``known``, naming the nearest known key."""
        mapping = self.get(parent)
        if not isinstance(mapping, dict):
            return
        known = list(known)
        for key in mapping:
            if key in known:
                continue
            dotted = f"{parent}.{key}"
            message = f"unknown front matter key {dotted!r} is ignored"
            nearest = nearest_key(str(key), known)
            if nearest:
                message += f"; did you mean '{parent}.{nearest}'?"
            warn(message, subtype, self.location(dotted))


def nearest_key(key: str, known: Iterable[str]) -> str | None:
    """The known key a typo most likely meant (``image_cicular`` -> ``image_circular``), if one is close enough."""
    matches = difflib.get_close_matches(key, list(known), n=1, cutoff=0.7)
    return matches[0] if matches else None


def _key_lines(
    node: yaml.Node, prefix: str, first_line: int, lines: dict[str, int], docname: str = "", inside: tuple = ()
) -> None:
    # An alias may name a mapping it is inside of ("a: &x {b: *x}"): each mapping is walked once per path.
    if not isinstance(node, yaml.MappingNode) or id(node) in inside:
        return
    inside = (*inside, id(node))
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        dotted = f"{prefix}{key_node.value}"
        line = first_line + key_node.start_mark.line
        if key_node.value in seen:
            # YAML keeps the last value silently; what was written first would be lost without a word.
            warn(
                f"front matter key {dotted!r} is written twice (lines {seen[key_node.value]} and {line}); "
                "the second one is used",
                "frontmatter",
                (docname, line),
            )
        seen[key_node.value] = line
        lines[dotted] = line
        _key_lines(value_node, f"{dotted}.", first_line, lines, docname, inside)


def parse_front_matter(docname: str, source: str) -> FrontMatter | None:
    """The front matter block at the top of ``source``, or None when the page has none.

    Invalid YAML warns (``homepage.frontmatter``) and gives an empty front matter.
    """
    match = _FRONT_MATTER.match(source)
    if not match:
        if _UNCLOSED_FRONT_MATTER.match(source):
            warn(
                "front matter opened by '---' on line 1 is never closed by a line '---'; "
                "the page is read without it",
                "frontmatter",
                (docname, 1),
            )
        return None
    text = match.group(1) or ""
    front = FrontMatter(docname)
    first_line = 2  # the YAML starts on the line after the opening "---"
    node = None
    try:
        node = compose(text, FRONT_MATTER_LIMITS)
        values = load(text, FRONT_MATTER_LIMITS)
    except YAMLLimitError as error:
        # Too much to read safely (an alias bomb, a block of megabytes): refused whole, before myst-parser
        # reads the same block without limits.
        line = first_line + error.problem_mark.line if error.problem_mark is not None else 1
        warn(f"front matter {error.problem}; the page is read without it", "frontmatter", (docname, line))
        front.valid = False
        return front
    except YAML_LOAD_ERRORS as error:
        # The construct that was left open (context) says more than the end of the text (problem).
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if mark is None and not isinstance(error, yaml.YAMLError):
            # A value its tag cannot read ("!!int two"): PyYAML does not say where; find it.
            scalars = unreadable_scalars(node)
            if scalars:
                scalar = scalars[0]
                mark = scalar.start_mark
                problem = f"{scalar.value!r} is not a valid {scalar.tag.rpartition(':')[2]}"
        line = first_line + mark.line if mark is not None else 1
        warn(f"front matter is not valid YAML: {problem}", "frontmatter", (docname, line))
        front.valid = False
        return front
    if values is None:
        return front
    if not isinstance(values, dict):
        warn("front matter should be a mapping of keys to values", "frontmatter", (docname, first_line))
        front.valid = False
        return front
    front.values = values
    _key_lines(node, "", first_line, front.lines, docname)
    return front


def body_start(source: str) -> int | None:
    """Where the text after the front matter block starts in ``source``; None without a closed block."""
    match = _FRONT_MATTER.match(source)
    return match.end() if match else None


def front_matter(env: BuildEnvironment, docname: str) -> FrontMatter:
    """The page's front matter (empty when it has none)."""
    return PAGE_FRONT_MATTER.of(env).get(docname) or FrontMatter(docname)


def _is_markdown(app: Sphinx, docname: str) -> bool:
    """Only Markdown has front matter; in reST a "---" overline starts a section title."""
    suffix = app.env.doc2path(docname).suffix
    return app.config.source_suffix.get(suffix) == "markdown"


def _read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    store = PAGE_FRONT_MATTER.of(app.env)
    markdown = _is_markdown(app, docname)
    parsed = parse_front_matter(docname, source[0]) if markdown else None
    if parsed is None:
        store.pop(docname, None)
    else:
        store[docname] = parsed
    if parsed is None:
        unclosed = _UNCLOSED_FRONT_MATTER.match(source[0]) if markdown else None
        if unclosed:
            # Warned once, on line 1. The opening "---" would reach docutils as a horizontal rule at the
            # top of the page, which it reports again ("may not begin with a transition"): that line is
            # left blank, so the text after it and its line numbers stay as written.
            source[0] = source[0][unclosed.end(1) :]
    elif not parsed.valid:
        # Warned once, with its line. myst-parser would warn again without one, and crashes on some
        # blocks (a "!!timestamp" that is no date raises AttributeError there): it gets the block emptied,
        # its lines kept so that the body's line numbers stay right.
        source[0] = _emptied_block(source[0])
    else:
        source[0] = _impossible_dates_quoted(source[0])


def _impossible_dates_quoted(source: str) -> str:
    """The source with each date of its front matter that does not exist (``2023-02-30``) written as quoted text.

    This module's loader keeps such a date as text, for the key's own check to report with its line
    (a news item's date); myst-parser's loader rejects the whole block ("Malformed YAML", line 1), a
    second warning for one mistake. Quoted, the date reaches myst-parser as the same text, and the
    rest of the block with it.
    """
    match = _FRONT_MATTER.match(source)
    if match is None or not match.group(1):
        return source
    text = match.group(1)
    try:
        root = compose(text, FRONT_MATTER_LIMITS)
    except YAML_LOAD_ERRORS:
        return source
    # Only dates are rejected here: any other unreadable scalar made the block invalid, and emptied.
    for scalar in sorted(unreadable_scalars(root, PYYAML_DATES), key=lambda node: -node.start_mark.index):
        quoted = "'" + scalar.value.replace("'", "''") + "'"
        text = text[: scalar.start_mark.index] + quoted + text[scalar.end_mark.index :]
    return source[: match.start(1)] + text + source[match.end(1) :]


def _emptied_block(source: str) -> str:
    """The source with its front matter replaced by an empty mapping, the body on the lines it was written on.

    The lines the block took are left blank after its closing ``---``, in the Markdown, not inside the
    block: YAML reads blank lines a character at a time (a minute for a block of ten megabytes).
    """
    match = _FRONT_MATTER.match(source)
    if match is None or not match.group(1):
        return source
    blank_lines = "\n" * (match.group(1).count("\n") - 1)
    return source[: match.start(1)] + "{}\n" + source[match.end(1) : match.end()] + blank_lines + source[match.end() :]


def setup_frontmatter(app: Sphinx) -> None:
    app.connect("source-read", _read_front_matter)
    PAGE_FRONT_MATTER.connect(app)
