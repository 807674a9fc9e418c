"""What al-folio's Markdown and HTML become here, once their Liquid is gone: what a script drew, what another host
served and what the old sub-path prefixed, made into what this site shows.

al-folio loads scripts and other hosts' files into a page; this site does neither (its pages carry a
Content-Security-Policy). So, with a note for ``MIGRATION.md`` for each kind of change:

- ``<script>`` elements go (TikZJax's drawings, a chart's data);
- the tags of script-drawn custom elements (distill's ``<d-cite>``, ``<d-footnote>``) go, their text stays;
  ``data-*`` attributes (bootstrap-table's sorting and search) go;
- an ``<iframe>`` is a link to what it showed; a Markdown image from another host (inline or by reference) is a
  link to it;
- a fence in a language no highlighter here knows (``mermaid``, ``chartjs``: drawn by a script there) is text;
- links written with the old site's sub-path (``/al-folio/publications/``) start at the site's root.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from .migration import MigrationLog

_SCRIPT = re.compile(r"<script\b.*?</script\s*>\s*", re.S | re.I)
_CUSTOM_ELEMENT_TAG = re.compile(r"</?[a-z]+-[a-z-]+\b[^>]*>", re.I)
_DATA_ATTRIBUTE = re.compile(r"(<[a-zA-Z][^<>]*?)\s+data-[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]*))?")
_IFRAME = re.compile(r"<iframe\b[^>]*?\bsrc=[\"'](?P<src>[^\"']+)[\"'][^>]*>\s*(</iframe\s*>)?", re.I | re.S)
_REMOTE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>https?://[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")
_REFERENCE_IMAGE = re.compile(r"!\[[^\]]*\]\[(?P<ref>[^\]]+)\]")
_REMOTE_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:\s*<?https?://", re.M)
_FENCE = re.compile(r"^(?P<fence> {0,3}(?:`{3,}|~{3,}))[ \t]*(?P<language>[\w+#.-]+)(?P<rest>.*)$", re.M)

_ANOTHER_HOST = "a page here loads nothing from other hosts"


@dataclass(frozen=True)
class _Change:
    kind: str  # "changed" or "left out"
    note: str
    pattern: re.Pattern
    replacement: str | Callable[[re.Match], str]
    #: Replace again until nothing matches (a tag with several attributes to take out).
    repeat: bool = False


_CHANGES = (
    _Change("left out", "`<script>` elements: this site runs no script of a page", _SCRIPT, ""),
    _Change(
        "changed", "the tags of elements a script draws on al-folio (`<d-cite>`, ...) are taken out; their text stays",
        _CUSTOM_ELEMENT_TAG, "",
    ),
    _Change(
        "changed", "the `data-*` attributes of its HTML are taken out: a script reads them on al-folio",
        _DATA_ATTRIBUTE, r"\1", repeat=True,
    ),
    _Change(
        "changed", f"each `<iframe>` is a link to what it showed: {_ANOTHER_HOST}",
        _IFRAME, lambda match: f'<a href="{match["src"]}">{match["src"]}</a>',
    ),
    _Change(
        "changed", f"each image from another host is a link to it: {_ANOTHER_HOST}",
        _REMOTE_IMAGE, lambda match: f"[{match['alt'] or match['url']}]({match['url']}{match['title'] or ''})",
    ),
)


def _apply(change: _Change, text: str, source: str, log: MigrationLog) -> str:
    if not change.pattern.search(text):
        return text
    (log.changed if change.kind == "changed" else log.left_out)(source, change.note)
    text = change.pattern.sub(change.replacement, text)
    while change.repeat and change.pattern.search(text):
        text = change.pattern.sub(change.replacement, text)
    return text


def _without_remote_reference_images(text: str, source: str, log: MigrationLog) -> str:
    """``![alt][logo]`` whose ``[logo]:`` is on another host: a link to it, as inline ones are."""
    remote = {match["ref"].lower() for match in _REMOTE_DEFINITION.finditer(text)}

    def as_link(match: re.Match) -> str:
        return match.group(0)[1:] if match["ref"].lower() in remote else match.group(0)

    carried = _REFERENCE_IMAGE.sub(as_link, text)
    if carried != text:
        log.changed(source, f"each image from another host is a link to it: {_ANOTHER_HOST}")
    return carried


def _plain_unknown_languages(text: str, source: str, log: MigrationLog) -> str:
    def plain(match: re.Match) -> str:
        try:
            get_lexer_by_name(match["language"])
            return match.group(0)
        except ClassNotFound:
            log.changed(source, f"code in `{match['language']}` (a script draws it on al-folio) is shown as code")
            return f"{match['fence']}text{match['rest']}"

    return _FENCE.sub(plain, text)


def _without_base_path(text: str, base: str, source: str, log: MigrationLog) -> str:
    prefixed = re.compile(rf"(\]\(|href=[\"']){re.escape(base)}(?=/)")
    if base and prefixed.search(text):
        log.changed(source, f"links to `{base}/...` written as `/...`: the site's addresses start at its root here")
        text = prefixed.sub(r"\1", text)
    return text


def carried_markup(text: str, source: str, log: MigrationLog, base_path: str) -> str:
    """``text`` (Markdown and HTML of the file ``source``) as this site shows it; each kind of change noted in ``log``.

    ``base_path`` is the old site's sub-path (``/al-folio``), or ``""``.
    """
    text = _without_base_path(text, base_path, source, log)
    for change in _CHANGES:
        text = _apply(change, text, source, log)
    text = _without_remote_reference_images(text, source, log)
    return _plain_unknown_languages(text, source, log)
