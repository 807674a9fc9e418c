"""One pass over every page for what links and user HTML may do.

Modules check the URLs they make from user data (:mod:`homepage.urls`), but links
also come from Markdown, raw HTML in pages, al-folio's HTML fields and other
extensions. Here, once for the whole site:

- a link or image whose URL is ``javascript:``, ``vbscript:`` or ``data:`` is
  refused with a warning (``homepage.url``) naming its file and line; the link's
  text stays. Markdown links to such URLs are left as text by markdown-it; they
  warn too, so the owner learns why the link is not one.
- al-folio's HTML fields (``subtitle``/``description``, ``profile.more_info``/
  ``address``) keep their markup but lose what would run or load code:
  ``<script>``, ``<iframe>``, ``<object>``..., ``on*`` event attributes
  (``homepage.html``).
- every external link on a page (``http(s)://``) carries ``rel="noopener"``,
  however it was written (Markdown, raw HTML, a node's own visitor).

The checks run when a page is read (so news items copied into lists are already
clean) and again when it is resolved (links made at that stage, e.g. by
sphinxcontrib-bibtex); ``rel`` is added to the page body's HTML just before it
is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .diagnostics import warn
from .urls import url_scheme

#: Schemes a browser may run or render as a page of its own.
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data"})
#: Attributes whose value is a URL (``srcset`` is a list of them).
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "longdesc",
     "lowsrc", "dynsrc", "codebase", "srcset", "ping"}
)
#: Elements that run or embed code; removed from al-folio's HTML fields with everything inside them.
SCRIPT_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
                             "link", "noscript", "template"})
#: Of those, the ones that have no end tag.
_VOID = frozenset({"embed", "base", "meta", "link", "frame"})
#: Marks a raw node holding one of al-folio's HTML fields: the value is the front matter key.
HTML_FIELD = "homepage_html_field"

# markdown-it leaves "[text](javascript:...)" as literal text: the only trace of the refused link.
#: Called with a sentence and the warning's subtype for each thing removed.
Report = Callable[[str, str], None]

_REFUSED_MARKDOWN_LINK = re.compile(r"\]\(\s*<?\s*((?:java|vb)script|data)\s*:", re.I)


def is_dangerous_url(url: str) -> bool:
    """True for ``javascript:``, ``vbscript:`` and ``data:`` URLs, however they are spelt."""
    return url_scheme(url) in DANGEROUS_SCHEMES


def _is_external(url: str) -> bool:
    return url_scheme(url) in ("http", "https") or url.strip().startswith("//")


def _dangerous_in(name: str, value: str | None) -> bool:
    if value is None or name not in URL_ATTRIBUTES:
        return False
    if name == "srcset":
        return any(is_dangerous_url(candidate.split()[0]) for candidate in value.split(",") if candidate.split())
    return is_dangerous_url(value)


# -- Rewriting HTML ------------------------------------------------------------------------------


class _Rewriter(HTMLParser):
    """Collects edits of an HTML fragment as (start, end, replacement) spans of the original text.

    Only the tags that change are rebuilt; everything else is kept byte for byte.
    """

    def __init__(self, text: str, report: Report | None, strip_scripts: bool, add_noopener: bool):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.report = report
        self.strip_scripts = strip_scripts
        self.add_noopener = add_noopener
        self.edits: list[tuple[int, int, str]] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._removing: tuple[str, int, int] | None = None  # (tag, start offset, depth)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _tag_end(self, start: int) -> int:
        raw = self.get_starttag_text()
        return start + len(raw) if raw else self.text.find(">", start) + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        start = self._offset()
        end = self._tag_end(start)
        if self._removing is not None:
            name, begin, depth = self._removing
            if tag == name and not closed:
                self._removing = (name, begin, depth + 1)
            return
        if self.strip_scripts and tag in SCRIPT_ELEMENTS:
            self._say(f"removed <{tag}> (it would run or embed code)", "html")
            if closed or tag in _VOID:
                self.edits.append((start, end, ""))
            else:
                self._removing = (tag, start, 1)
            return
        kept: list[tuple[str, str | None]] = []
        changed = False
        for name, value in attrs:
            if _dangerous_in(name, value):
                self._say(f"refused the {name} {value!r} of <{tag}> ({url_scheme(value)}: URLs can run code)", "url")
                changed = True
                continue
            if self.strip_scripts and (name.startswith("on") or name == "srcdoc"):
                self._say(f"removed the {name} attribute of <{tag}> (it would run code)", "html")
                changed = True
                continue
            kept.append((name, value))
        if self.add_noopener and tag in ("a", "area"):
            href = dict(kept).get("href")
            if href is not None and _is_external(href):
                rel = dict(kept).get("rel") or ""
                if "noopener" not in rel.lower().split():
                    kept = [(n, v) for n, v in kept if n != "rel"] + [("rel", f"{rel} noopener".strip())]
                    changed = True
        if changed:
            self.edits.append((start, end, _start_tag(tag, kept, closed)))

    def handle_endtag(self, tag: str) -> None:
        if self._removing is None:
            return
        name, begin, depth = self._removing
        if tag != name:
            return
        if depth > 1:
            self._removing = (name, begin, depth - 1)
            return
        start = self._offset()
        self.edits.append((begin, self.text.find(">", start) + 1, ""))
        self._removing = None

    def _say(self, message: str, subtype: str) -> None:
        if self.report is not None:
            self.report(message, subtype)

    def rewritten(self) -> str:
        self.feed(self.text)
        self.close()
        if self._removing is not None:  # never closed: everything after it goes
            self.edits.append((self._removing[1], len(self.text), ""))
        if not self.edits:
            return self.text
        parts, position = [], 0
        for start, end, replacement in sorted(self.edits):
            if start < position:
                continue  # inside a span already removed
            parts.append(self.text[position:start])
            parts.append(replacement)
            position = end
        parts.append(self.text[position:])
        return "".join(parts)


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{tag}{written}{' /' if closed else ''}>"


def clean_html(text: str, report: Report | None = None, *, field: bool = False) -> str:
    """``text`` without dangerous URLs; with ``field`` (al-folio's HTML fields) also without scripts.

    ``report`` is called once per thing removed, with a sentence and a warning subtype (``url``, ``html``).
    """
    return _Rewriter(text, report, strip_scripts=field, add_noopener=False).rewritten()


def add_noopener(text: str, report: Report | None = None) -> str:
    """``text`` with ``rel="noopener"`` on every external ``<a>`` and ``<area>`` (and no dangerous URL)."""
    return _Rewriter(text, report, strip_scripts=False, add_noopener=True).rewritten()


# -- The doctree pass -------------------------------------------------------------------------------


def _refuse_link(reference: nodes.reference) -> None:
    uri = reference["refuri"]
    warn(f"refused the link {uri!r} ({url_scheme(uri)}: URLs can run code); its text is kept", "url", reference)
    reference.replace_self(nodes.inline("", "", *reference.children))


def check_doctree(doctree: nodes.Node, markdown_text: bool = True) -> None:
    """Refuse dangerous URLs in links, images and raw HTML; strip scripts from al-folio's HTML fields.

    ``markdown_text``: also look for Markdown links that markdown-it left as text.
    """
    for reference in list(doctree.findall(nodes.reference)):
        if is_dangerous_url(reference.get("refuri") or ""):
            _refuse_link(reference)
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if is_dangerous_url(uri):
            warn(f"refused the image {uri[:40]!r} ({url_scheme(uri)}: URLs are not served by the site)", "url", image)
            alt = image.get("alt", "")
            image.replace_self(nodes.inline(alt, alt))
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        field = raw.get(HTML_FIELD)
        prefix = f"front matter {field!r}: " if field else ""

        def report(message: str, subtype: str, raw: nodes.raw = raw, prefix: str = prefix) -> None:
            warn(prefix + message, subtype, raw)

        text = raw.astext()
        cleaned = clean_html(text, report, field=bool(field))
        if cleaned != text:
            raw.children[:] = [nodes.Text(cleaned)]
    if not markdown_text:
        return
    for text in list(doctree.findall(nodes.Text)):
        if isinstance(text.parent, (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)):
            continue
        match = _REFUSED_MARKDOWN_LINK.search(text.astext())
        if match:
            warn(
                f"the Markdown link to a {match.group(1).lower()}: URL is not made a link (it could run code); "
                "it shows as text",
                "url",
                text.parent,
            )


def _on_read(app: Sphinx, doctree: nodes.document) -> None:
    check_doctree(doctree)


def _on_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # What was there when the page was read is clean by now: this finds what was added since (bibliographies).
    check_doctree(doctree, markdown_text=False)


def _noopener_in_body(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    body = context.get("body")
    if not isinstance(body, str) or not body:
        return

    def report(message: str, subtype: str) -> None:
        # Only HTML that a node's own visitor wrote can still hold one; it has no line of its own.
        warn(message, subtype, pagename if pagename in app.env.found_docs else None)

    context["body"] = add_noopener(body, report)


def setup_safehtml(app: Sphinx) -> None:
    # Late: after the profile card, news and every other extension's doctree-read handlers.
    app.connect("doctree-read", _on_read, priority=900)
    app.connect("doctree-resolved", _on_resolved, priority=950)
    app.connect("html-page-context", _noopener_in_body, priority=900)
