"""YAML written by others, read with bounded work: every YAML read of the extension goes through here.

YAML is small to write and can be huge to hold. A few lines of anchors and aliases ("billion laughs")
stand for a billion values; a mapping merged into itself through aliases fills gigabytes; a thousand
nested brackets overflow the parser's recursion; a data file may be a link to ``/dev/zero`` or a pipe
that never ends. Each of those takes the build down before any check of ours sees a value.

So a text is read only when it stays within :class:`Limits`: its length, how deep it nests, and how
many values it stands for once every alias is written out (counted on the node graph, each anchored
value once, before anything is built from it). An alias inside the value it names (a value that holds
itself) is refused too: nothing the site shows needs one. A refusal raises :class:`YAMLLimitError`, a
``yaml.MarkedYAMLError`` whose ``problem`` says what was too much and whose ``problem_mark`` says where,
so callers report it like any other YAML error.

Files are read by :func:`read_text`: regular files only, opened without waiting (a pipe), read no
further than the limit, decoded as UTF-8 with the line of the first byte that is not.
"""

from __future__ import annotations

import errno
import os
import stat
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Limits:
    #: Characters of YAML text.
    chars: int
    #: Levels of nested sequences and mappings.
    depth: int
    #: Values (scalars, sequences, mappings) the text stands for with every alias written out.
    nodes: int


#: A page's front matter: a few dozen keys in practice; room for a long ``more_info`` or a news item's text.
FRONT_MATTER_LIMITS = Limits(chars=128 * 1024, depth=50, nodes=10_000)
#: A data file of the site (``cv.yaml``): a CV of a long career is some tens of kilobytes.
DATA_FILE_LIMITS = Limits(chars=2 * 1024 * 1024, depth=200, nodes=200_000)


#: What PyYAML's safe loader raises besides YAMLError: ValueError for some scalars ("!!int abc"),
#: AttributeError for "!!timestamp" on a value that is no date, RecursionError for deep nesting.
YAML_LOAD_ERRORS = (yaml.YAMLError, ValueError, AttributeError, RecursionError)


class YAMLLimitError(yaml.MarkedYAMLError):
    """The text is valid YAML but more than :class:`Limits` allow; ``problem`` says what, ``problem_mark`` where."""


class UnreadableFile(OSError):
    """A data file that is not read (not a regular file, too large, not UTF-8); ``strerror`` says why."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(errno.EINVAL, reason)
        #: The 1-based line of the problem, when it has one (the first byte that is not UTF-8).
        self.line = line


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses to nest deeper than its limits, and keeps impossible dates as text.

    A date that does not exist (``2023-02-30``) raises a bare ValueError in PyYAML, which no YAML error
    handler catches; as text, the key's own check (a news item's date) reports it with its line.
    """

    def __init__(self, stream: str, limits: Limits = FRONT_MATTER_LIMITS) -> None:
        super().__init__(stream)
        self.limits = limits
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        # Composing recurses once per level: past the limit, stop before Python's own recursion limit does.
        self._depth += 1
        try:
            if self._depth > self.limits.depth:
                mark = self.peek_event().start_mark
                raise YAMLLimitError(problem=f"nests deeper than {self.limits.depth} levels", problem_mark=mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", BoundedLoader.construct_yaml_timestamp)

#: PyYAML's own safe loader, which rejects a date that does not exist (``2023-02-30``) where :class:`BoundedLoader`
#: keeps it as text.
PYYAML_DATES = yaml.SafeLoader


class LineDict(dict):
    """A YAML mapping that remembers the 1-based line it starts on, and the line of each value."""

    line = 0
    lines: dict[Any, int] = {}


class LineList(list):
    """A YAML list that remembers the 1-based line of each item."""

    lines: list[int] = []


class LineLoader(BoundedLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        # By each key as written: the fields read here are all text (a key of another kind has no line of its own).
        mapping.lines = {
            key_node.value: value_node.start_mark.line + 1
            for key_node, value_node in node.value
            if isinstance(key_node, yaml.ScalarNode)
        }
        return mapping

    def construct_line_sequence(self, node: yaml.SequenceNode) -> LineList:
        items = LineList(self.construct_sequence(node, deep=True))
        items.lines = [child.start_mark.line + 1 for child in node.value]
        return items


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, LineLoader.construct_line_sequence)


def unreadable_scalars(root: yaml.Node | None, loader_class: type[yaml.SafeLoader] = BoundedLoader) -> list[yaml.ScalarNode]:
    """The scalars of ``root`` that their tag's constructor (in ``loader_class``) rejects, in order.

    With :data:`PYYAML_DATES`, PyYAML's own safe loader, the impossible dates it would reject are among them.
    """
    loader = loader_class("")
    unreadable = []
    pending, seen = deque([root]), set()
    while pending:
        node = pending.popleft()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, AttributeError):
                unreadable.append(node)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return unreadable


def compose(text: str, limits: Limits, loader_class: type[BoundedLoader] = BoundedLoader) -> yaml.Node | None:
    """The node graph of ``text`` (None when it is empty), within ``limits``; raises ``yaml.YAMLError``."""
    if len(text) > limits.chars:
        raise YAMLLimitError(problem=f"is {len(text):,} characters long, more than the {limits.chars:,} allowed")
    loader = loader_class(text, limits)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    _check_expansion(root, limits.nodes)
    return root


def load(text: str, limits: Limits, loader_class: type[BoundedLoader] = BoundedLoader) -> Any:
    """The values of ``text`` built by ``loader_class``, within ``limits``; raises what YAML loading raises."""
    root = compose(text, limits, loader_class)
    if root is None:
        return None
    loader = loader_class("", limits)
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node | None, budget: int) -> None:
    """Refuse a graph that stands for more than ``budget`` values, or holds a value inside itself.

    Depth first, without recursion; each node's expanded size is computed once (an alias is the node
    it names, met again), so the check costs as much as the text, not as much as what it stands for.
    """
    if root is None:
        return
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    pending: list[tuple[yaml.Node, bool]] = [(root, False)]
    while pending:
        node, children_done = pending.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            if size > budget:
                raise YAMLLimitError(
                    problem=f"holds more than {budget:,} values, each alias counted as the value it stands for",
                    problem_mark=node.start_mark,
                )
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise YAMLLimitError(problem="has an alias inside the value it names", problem_mark=node.start_mark)
        open_nodes.add(key)
        pending.append((node, True))
        pending.extend((child, False) for child in _children(node) if id(child) not in sizes)


def read_text(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of the regular file ``path``, read no further than ``max_bytes``.

    Raises :class:`UnreadableFile` (an ``OSError``) for a device, a pipe or a folder, a file over the
    limit, or bytes that are not UTF-8; ``OSError`` when the file cannot be opened.
    """
    # Non-blocking: opening a pipe would otherwise wait for a writer that never comes.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise UnreadableFile("not a regular file (a device, a pipe or a folder)")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > max_bytes:
        raise UnreadableFile(f"larger than {max_bytes:,} bytes")
    data = b"".join(chunks)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(f"not UTF-8 text (byte {error.start:,}, line {line})", line) from None
