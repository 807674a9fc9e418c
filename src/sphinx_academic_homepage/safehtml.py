"""One pass over every page for what links and user HTML may do.

Modules check the URLs they make from user data (:mod:`.urls`), but links and HTML also come
from Markdown, raw HTML in pages, al-folio's HTML fields and other extensions. Here, once for the whole
site:

- raw HTML written by the user goes through :func:`sphinx_academic_homepage.sanitiser.sanitise` when the page is read
  (so news items copied into lists are already clean): al-folio's HTML fields (``subtitle``/
  ``description``, ``profile.more_info``/``address``, marked :data:`HTML_FIELD` by the profile card)
  with the field policy, balanced; the raw HTML blocks and inline tags of Markdown with the body policy,
  piece by piece. What is taken out of one piece gives one warning (``homepage.html``) at its line.
- a Markdown link or image whose URL is ``javascript:``, ``vbscript:`` or ``data:`` is refused with a
  warning (``homepage.url``); the link's text stays. Markdown links to such URLs are left as text by
  markdown-it; they warn too, so the owner learns why the link is not one. A Markdown image from
  another host becomes a link to it (``homepage.url``): pages load nothing from other hosts.
- every external link on a page (``http(s)://``) carries ``rel="noopener"``, however it was written
  (Markdown, raw HTML, a node's own visitor).

Raw nodes that extensions add later (sphinx-design's icons, written by their code, not by the user) are
left alone. Links are checked again when the page is resolved (links made at that stage, e.g. by
sphinxcontrib-bibtex); ``rel`` is added to the page body's HTML just before it is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from . import sanitiser
from .diagnostics import warn
from .priorities import PRIORITY
from .urls import url_scheme

#: Schemes a browser may run or render as a page of its own.
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data"})
#: Attributes whose value is a URL (``srcset`` is a list of them).
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "longdesc",
     "lowsrc", "dynsrc", "codebase", "srcset", "ping"}
)
#: Marks a raw node holding one of al-folio's HTML fields: the value is the front matter key.
HTML_FIELD = "homepage_html_field"

#: Called with a sentence and the warning's subtype for each thing refused.
Report = Callable[[str, str], None]

# markdown-it leaves "[text](javascript:...)" as literal text: the only trace of the refused link.
_REFUSED_MARKDOWN_LINK = re.compile(r"\]\(\s*<?\s*((?:java|vb)script|data)\s*:", re.I)


def is_dangerous_url(url: str) -> bool:
    """True for ``javascript:``, ``vbscript:`` and ``data:`` URLs, however they are spelt."""
    return url_scheme(url) in DANGEROUS_SCHEMES


def _dangerous_in(name: str, value: str | None) -> bool:
    if value is None or name not in URL_ATTRIBUTES:
        return False
    if name == "srcset":
        return any(is_dangerous_url(url) for url in sanitiser.srcset_urls(value))
    return is_dangerous_url(value)


# -- rel="noopener" on the written page ------------------------------------------------------------

# A start tag of the body Sphinx wrote. Every writer of the body (docutils, the extensions' visitors, the
# sanitiser for user HTML) escapes "<" and ">" in text and attribute values, so a tag runs from "<name" to
# the next ">"; stopping at "<" keeps the search linear on any input.
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ATTRIBUTE = re.compile(r"""([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for match in _ATTRIBUTE.finditer(text):
        name, *values = match.groups()
        value = next((value for value in values if value is not None), None)
        found.append((name.lower(), None if value is None else unescape(value)))
    return found


def add_noopener(text: str, report: Report | None = None) -> str:
    """``text`` with ``rel="noopener"`` on every external ``<a>`` and ``<area>`` (and no dangerous URL)."""

    def rewrite(match: re.Match) -> str:
        tag, written = match.group(1).lower(), match.group(2) or ""
        if "=" not in written:
            return match.group(0)
        # A URL can run code only with a scheme, whose ":" is written as it is or as a character reference; only a
        # link or an area gets rel. Most tags of a page (a thousand entries' div, span, li) are neither.
        if tag not in ("a", "area") and ":" not in written and "&" not in written:
            return match.group(0)
        attrs = _attributes(written)
        kept = []
        for name, value in attrs:
            if _dangerous_in(name, value):
                if report is not None:
                    report(f"refused the {name} {value!r} of <{tag}> ({url_scheme(value)}: URLs can run code)", "url")
                continue
            kept.append((name, value))
        if tag in ("a", "area"):
            kept = sanitiser.with_noopener(kept)
        if kept == attrs:
            return match.group(0)
        closed = " /" if written.rstrip().endswith("/") else ""
        return f"<{tag}" + "".join(f" {n}" if v is None else f' {n}="{escape(v)}"' for n, v in kept) + f"{closed}>"

    return _START_TAG.sub(rewrite, text)


# -- The doctree pass -------------------------------------------------------------------------------


def _refuse_link(reference: nodes.reference) -> None:
    uri = reference["refuri"]
    warn(f"refused the link {uri!r} ({url_scheme(uri)}: URLs can run code); its text is kept", "url", reference)
    reference.replace_self(nodes.inline("", "", *reference.children))


def sanitise_raw(raw: nodes.raw) -> tuple[str, ...]:
    """Rewrite one raw HTML node of the user's with the sanitiser; what it took out, to be said once."""
    field = raw.get(HTML_FIELD)
    policy = sanitiser.FIELD if field else sanitiser.BODY
    result = sanitiser.sanitise(raw.astext(), policy, balanced=bool(field))
    raw.children[:] = [nodes.Text(result.html)]
    return result.removed


def _remote_image_as_link(image: nodes.image) -> None:
    uri = image["uri"]
    warn(
        f"the image {uri[:80]!r} is on another host; it is shown as a link to it (pages load nothing from other hosts)",
        "url",
        image,
    )
    text = image.get("alt") or uri
    link = nodes.reference(text, text, refuri=uri, classes=["homepage-remote"])
    if isinstance(image.parent, nodes.TextElement):
        image.replace_self(link)
    else:
        image.replace_self(nodes.paragraph("", "", link))


def check_links(doctree: nodes.Node, read: bool = True) -> None:
    """Refuse dangerous URLs in links and images; when the page is ``read``, also make images from other
    hosts links and look for refused Markdown links that markdown-it left as text."""
    for reference in list(doctree.findall(nodes.reference)):
        if is_dangerous_url(reference.get("refuri") or ""):
            _refuse_link(reference)
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if is_dangerous_url(uri):
            warn(f"refused the image {uri[:40]!r} ({url_scheme(uri)}: URLs are not served by the site)", "url", image)
            alt = image.get("alt", "")
            image.replace_self(nodes.inline(alt, alt))
        elif read and sanitiser.is_remote(uri):
            _remote_image_as_link(image)
    if not read:
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


def sanitise_raw_html(doctree: nodes.Node) -> None:
    """Every raw HTML node of a page just read: the user's (extensions' raw nodes come later).

    markdown-it makes a raw node of each inline tag, so a paragraph's tags are one piece of bad input to the
    reader: one warning per paragraph (per block for HTML blocks, per field for front matter).
    """
    removed: dict[nodes.Node, tuple[nodes.raw, dict[str, None]]] = {}
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        phrases = sanitise_raw(raw)
        if phrases:
            inline = isinstance(raw.parent, nodes.TextElement) and not raw.get(HTML_FIELD)
            first, said = removed.setdefault(raw.parent if inline else raw, (raw, {}))
            said.update(dict.fromkeys(phrases))
    for raw, said in removed.values():
        field = raw.get(HTML_FIELD)
        prefix = f"front matter {field!r}: " if field else "raw HTML: "
        warn(prefix + sanitiser.Sanitised("", tuple(said)).summary(), "html", raw)


def _on_read_links(app: Sphinx, doctree: nodes.document) -> None:
    # Early: before Sphinx's image collector looks for the files of images that are no longer images.
    check_links(doctree)


def _on_read_html(app: Sphinx, doctree: nodes.document) -> None:
    sanitise_raw_html(doctree)


def _on_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # What was there when the page was read is clean by now: this finds what was added since (bibliographies).
    check_links(doctree, read=False)


def _noopener_in_body(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    body = context.get("body")
    if not isinstance(body, str) or not body:
        return

    def report(message: str, subtype: str) -> None:
        # Only HTML that a node's own visitor wrote can still hold one; it has no line of its own.
        warn(message, subtype, pagename if pagename in app.env.found_docs else None)

    context["body"] = add_noopener(body, report)


def _guard_myst_html_images() -> None:
    """Make myst-parser's ``html_image`` fall back to raw HTML (then sanitised) where it would raise.

    With ``html_image`` on, an ``<img>`` of a Markdown page becomes an image directive; an ``<img src>``
    with no value (a hostile page has them) makes myst-parser 4 raise AttributeError and the build stop.
    """
    from myst_parser.mdit_to_docutils import base, html_to_nodes

    convert = html_to_nodes.html_to_nodes
    if getattr(base.html_to_nodes, "homepage_guard", False):
        return

    def guarded(text: str, line_number: int, renderer) -> list[nodes.Element]:
        try:
            return convert(text, line_number, renderer)
        except (AttributeError, TypeError, ValueError):
            return html_to_nodes.default_html(text, renderer.document["source"], line_number)

    guarded.homepage_guard = True  # type: ignore[attr-defined]
    base.html_to_nodes = guarded


def setup_safehtml(app: Sphinx) -> None:
    _guard_myst_html_images()
    app.connect("doctree-read", _on_read_links, priority=PRIORITY.drop_unsafe_links)
    app.connect("doctree-read", _on_read_html, priority=PRIORITY.sanitise_raw_html)
    app.connect("doctree-resolved", _on_resolved, priority=PRIORITY.check_resolved_links)
    app.connect("html-page-context", _noopener_in_body, priority=PRIORITY.noopener_in_body)
