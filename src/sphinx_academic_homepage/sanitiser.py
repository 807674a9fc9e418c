"""User HTML reduced to an allow-list, read as a browser reads it.

Every feature that puts HTML written by someone else into a page (al-folio's HTML fields in the front
matter, raw HTML in Markdown pages and news items, and later posts and imported pages) passes it through
:func:`sanitise` with one of two policies:

- :data:`FIELD`: one value pasted from elsewhere (``profile.more_info``, ``subtitle``): inline markup,
  paragraphs and links.
- :data:`BODY`: the owner's own Markdown: layout HTML as well (div, figure, table, details, picture, the
  site's own images, video and audio).

How it is safe. The input is read by justhtml's HTML5 tokenizer (:func:`justhtml.stream`), which follows
the specification's tokenizer states as a browser does: raw text in ``<script>``/``<style>``/
``<textarea>``..., comments that end at ``<!-->`` or ``--!>``, CDATA only inside SVG/MathML, entity
decoding in text and attribute values. Nothing of the input is passed through: every token that is kept is
written anew here, element and attribute names from the allow-list, text and attribute values escaped
(``&``, ``<``, ``>``, and ``"`` in double-quoted values). The output therefore holds only allow-listed
HTML elements, none of which moves a tokenizer out of its data state (no script, style, textarea, title,
xmp, iframe, noembed, noframes, noscript, plaintext, template, no svg or math), no comment and no CDATA;
every ``<`` of text is ``&lt;``. Whatever context a browser reads it in, it sees exactly the tokens written
here, so no parse of it can differ from ours (no "mutation"), and the tree builder's own moves (foster
parenting out of tables, ``<select>`` re-parenting) can only rearrange those tokens, never make new ones.

What is removed, each listed in the result so the caller gives one warning per piece of HTML:

- elements that run, embed or restyle: removed with their content (:data:`REMOVED_WITH_CONTENT`);
- elements not on the list (``<font>``, ``<center>``, custom elements): the tags go, the content stays;
- ``on*`` handlers, ``name`` (it can shadow document properties), attributes not on the list, an ``id``
  that names a property of ``document`` or of a form (``dom_names.txt``, asked of Chromium by
  ``scripts/make_dom_names.py``: the rule DOMPurify applies), a ``style`` using anything beyond plain
  properties (``url(``, ``expression``, ``@import``, escapes...);
- URLs other than relative ones, ``http(s):``, ``mailto:`` and ``tel:``, read as the browser reads them
  (entities decoded, tab and newline dropped, control characters and spaces trimmed).

Nothing on a page may contact another host until the visitor asks: an image, video or audio from another
host becomes a link to it (listed), and in bodies an ``<iframe>`` of another host (a talk's video) becomes a
link of class ``homepage-embed`` (not listed: it is the supported way to embed a video).

Pieces: a field is one value, so :func:`sanitise` with ``balanced=True`` drops end tags that match nothing
and closes what is still open. Raw HTML in Markdown comes in pieces (one per HTML block, one per inline
tag) and a wrapper opened in one (``<details>``, ``<div class="row">``) is closed in another, so with
``balanced=False`` allowed end tags are kept as they come.

Work is bounded: one pass over the input, whose length is capped by the policy (the whole value is refused
above it).

This module knows nothing of Sphinx; :mod:`.safehtml` applies it to the pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from .urls import url_scheme

#: Schemes a link in user HTML may use (besides relative URLs).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

#: Elements that run code, embed other documents, restyle the page, hold forms or switch the tokenizer
#: out of its data state: removed together with everything inside them.
REMOVED_WITH_CONTENT = frozenset(
    {
        "script", "style", "link", "meta", "base", "title",
        "iframe", "frame", "frameset", "object", "embed", "applet", "param", "portal", "fencedframe",
        "noscript", "noembed", "noframes", "template", "xmp", "plaintext", "textarea",
        "form", "input", "button", "select", "option", "optgroup", "datalist", "output", "keygen",
        "svg", "math", "canvas", "dialog", "slot",
    }
)
#: Elements that have no content and no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param",
     "source", "track", "wbr"}
)
# Attributes that hold one URL.
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite"})
# Attributes whose URL the browser fetches as the page loads.
_LOADED_ATTRIBUTES = frozenset({"src", "poster", "srcset"})
#: Media that become a link to their file when it is on another host.
MEDIA = {"img": "Image", "video": "Video", "audio": "Audio"}

# CSS that can fetch, run or reach outside the declaration; anything else in a style attribute is plain.
_UNSAFE_CSS = re.compile(r"url\s*\(|image(-set)?\s*\(|expression|@import|\\|behavior|binding|javascript:|<|/\*", re.I)
# What the URL parser ignores: C0 controls and spaces at either end, tab and newlines anywhere.
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SPACES = " \t\n\r\f"


def _load_dom_names() -> frozenset[str]:
    text = (Path(__file__).with_name("dom_names.txt")).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


#: Names an ``id`` may not take: the properties of ``document`` and of a form, lower-cased.
DOM_NAMES = _load_dom_names()


@dataclass(frozen=True)
class Policy:
    """What one kind of user HTML may hold."""

    name: str
    #: Elements kept (with the attributes below).
    elements: frozenset[str]
    #: Attributes any kept element may carry (``aria-*`` when ``aria`` is true).
    attributes: frozenset[str]
    #: Further attributes per element.
    element_attributes: dict[str, frozenset[str]]
    #: The longest input taken, in characters; longer input is refused whole.
    max_length: int
    aria: bool = False
    #: An ``<iframe>`` of another host becomes a link to it.
    embeds: bool = False


_PHRASING = frozenset(
    {"a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small", "code", "kbd", "abbr", "mark", "q", "cite",
     "span", "br", "p"}
)

FIELD = Policy(
    name="field",
    elements=_PHRASING,
    # al-folio's own about pages put colours in a span (``<span style="color: #808080">[at]</span>``).
    attributes=frozenset({"class", "title", "lang", "dir", "style"}),
    element_attributes={"a": frozenset({"href", "rel", "target"}), "q": frozenset({"cite"})},
    max_length=64 * 1024,
)

_ALIGN = frozenset({"align"})
_MEDIA_ATTRIBUTES = frozenset({"src", "controls", "autoplay", "muted", "loop", "preload", "width", "height"})

BODY = Policy(
    name="body",
    elements=_PHRASING
    | frozenset(
        {"div", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
         "samp", "var", "dfn", "time", "del", "ins", "wbr", "bdi", "bdo", "ruby", "rt", "rp", "address", "section",
         "article", "aside", "header", "footer", "figure", "figcaption", "table", "caption", "thead", "tbody",
         "tfoot", "tr", "th", "td", "colgroup", "col", "details", "summary", "picture", "source", "img", "video",
         "audio", "track"}
    ),
    attributes=frozenset({"class", "id", "title", "lang", "dir", "style", "role", "hidden"}),
    element_attributes={
        "a": frozenset({"href", "rel", "target", "hreflang", "download"}),
        "img": frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "align"}),
        "source": frozenset({"src", "srcset", "sizes", "media", "type"}),
        "video": _MEDIA_ATTRIBUTES | {"poster", "playsinline"},
        "audio": _MEDIA_ATTRIBUTES,
        "track": frozenset({"src", "kind", "srclang", "label", "default"}),
        "td": frozenset({"colspan", "rowspan", "headers", "align", "valign"}),
        "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "align", "valign"}),
        "col": frozenset({"span", "width"}),
        "colgroup": frozenset({"span", "width"}),
        "ol": frozenset({"start", "reversed", "type"}),
        "li": frozenset({"value"}),
        "details": frozenset({"open"}),
        "time": frozenset({"datetime"}),
        "del": frozenset({"cite", "datetime"}),
        "ins": frozenset({"cite", "datetime"}),
        "blockquote": frozenset({"cite"}),
        "q": frozenset({"cite"}),
        "table": _ALIGN,
        "div": _ALIGN,
        "p": _ALIGN,
        **{f"h{level}": _ALIGN for level in range(1, 7)},
    },
    max_length=256 * 1024,
    aria=True,
    embeds=True,
)


class Sanitised(NamedTuple):
    """The HTML that is safe to write, and what was taken out of it (short phrases, in order, once each)."""

    html: str
    removed: tuple[str, ...]

    def summary(self, limit: int = 8) -> str:
        """``removed <script>, the onerror attribute of <img>`` (the first ``limit`` phrases)."""
        shown = list(self.removed[:limit])
        if len(self.removed) > limit:
            shown.append(f"and {len(self.removed) - limit} more")
        return "removed " + ", ".join(shown)


def _tokens(html: str) -> Iterator[tuple[str, Any]]:
    # The tokenizer is imported when first used: a build that reads no HTML (a no-op one) never loads it.
    from justhtml import stream

    return stream(html)


def sanitise(html: str, policy: Policy, *, balanced: bool) -> Sanitised:
    """``html`` with only what ``policy`` allows, written anew; ``balanced`` closes every element it opens."""
    if len(html) > policy.max_length:
        return Sanitised("", (f"all of it ({len(html) // 1024} KB, more than the {policy.max_length // 1024} KB allowed)",))
    writer = _Writer(policy, balanced)
    for kind, data in _tokens(html):
        if kind == "start":
            writer.start(*data)
        elif kind == "end":
            writer.end(data)
        elif kind == "text":
            writer.text(data)
        # Comments and doctypes are left out without a word: al-folio pages are full of comments.
    return writer.finish()


#: Elements that break the text into blocks or lines: a space stands for each of their tags in :func:`text_of`.
_BLOCK_BREAKS = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "pre", "section", "article", "aside", "header", "footer", "figure", "figcaption", "table", "tr", "td", "th",
     "caption", "details", "summary", "address"}
)


# What makes HTML other than its own text to a browser: tags, character references, and the carriage returns
# and NULs an HTML5 parser rewrites.
_NOT_PLAIN_TEXT = re.compile(r"[<&\r\0]")


def text_of(html: str) -> str:
    """The text a browser shows for sanitised ``html`` (tags left out, a space between blocks, entities decoded):
    for places that take no markup (a heading's anchor, a PDF, a meta description)."""
    if not _NOT_PLAIN_TEXT.search(html):
        return html.strip()  # no tag, no reference, nothing a parser rewrites: the text is what it reads
    parts = []
    for kind, data in _tokens(html):
        if kind == "text":
            parts.append(data)
        elif kind in ("start", "end") and (data[0] if kind == "start" else data) in _BLOCK_BREAKS:
            parts.append(" ")
    return "".join(parts).strip()


def browser_url(value: str) -> str:
    """``value`` as the URL parser reads it: control characters and spaces trimmed, tabs and newlines dropped."""
    return _URL_IGNORED.sub("", value.strip(_URL_ENDS))


def is_remote(url: str) -> bool:
    """True when fetching ``url`` would contact another host (``http(s):``, ``//host``, ``\\\\host``)."""
    url = browser_url(url)
    return url_scheme(url) in ("http", "https") or url.replace("\\", "/").startswith("//")


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` as the browser splits it (a URL ends at white space; a candidate at a comma)."""
    urls, position, end = [], 0, len(value)
    while position < end:
        while position < end and value[position] in _SPACES + ",":
            position += 1
        start = position
        while position < end and value[position] not in _SPACES:
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # descriptors ("2x", "480w"), up to the comma that is not inside parentheses
            depth = 0
            while position < end and not (value[position] == "," and depth == 0):
                depth += {"(": 1, ")": -1 if depth else 0}.get(value[position], 0)
                position += 1
        if url:
            urls.append(url)
    return urls


def _url_allowed(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme == "" or scheme in LINK_SCHEMES


def _host(url: str) -> str:
    try:
        return urlsplit(url.replace("\\", "/")).hostname or "another site"
    except ValueError:
        return "another site"


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("\0", "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _short(name: str) -> str:
    return name if len(name) <= 30 else name[:30] + "…"


class _Writer:
    """Writes the kept tokens of one stream; remembers what it removed."""

    def __init__(self, policy: Policy, balanced: bool) -> None:
        self.policy = policy
        self.balanced = balanced
        self.out: list[str] = []
        self.removed: dict[str, None] = {}
        self.open: list[str] = []  # elements written and not yet closed (``balanced`` only)
        self.open_count: Counter[str] = Counter()  # the same, by name: an end tag is looked up in constant time
        self.skipping: str | None = None  # the element whose content is being left out
        self.skip_depth = 0

    def say(self, phrase: str) -> None:
        self.removed.setdefault(phrase, None)

    # -- tokens --

    def start(self, name: str, attrs: dict[str, str | None]) -> None:
        if self.skipping is not None:
            if name == self.skipping:
                self.skip_depth += 1
                return
            if not (self.skipping in ("svg", "math") and _breaks_out_of_foreign_content(name, attrs)):
                return
            self.skipping = None  # the browser closes the <svg>/<math> here: what follows is HTML again
        if name == "iframe" and self.policy.embeds and is_remote(attrs.get("src") or ""):
            src = browser_url(attrs["src"] or "")
            self._link(src, attrs.get("title") or f"Video on {_host(src)}", "homepage-embed")
            self._skip(name)
            return
        if name in REMOVED_WITH_CONTENT:
            self.say(f"<{name}>")
            if name not in VOID:
                self._skip(name)
            return
        if name not in self.policy.elements:
            self.say(f"<{name}>" if name in VOID else f"<{_short(name)}> (its content is kept)")
            return
        if name in MEDIA and is_remote(attrs.get("src") or ""):
            src = browser_url(attrs["src"] or "")
            self.say(f"the {MEDIA[name].lower()} from {_host(src)} (shown as a link to it)")
            self._link(src, attrs.get("alt") or attrs.get("title") or f"{MEDIA[name]} on {_host(src)}", "homepage-remote")
            if name not in VOID:
                self._skip(name)
            return
        if name in ("source", "track") and is_remote(attrs.get("src") or ""):
            self.say(f"the <{name}> from {_host(attrs.get('src') or '')}")
            return
        kept = self._attributes(name, attrs) if attrs else ()
        self.out.append(f"<{name}" + "".join([f' {key}="{_escape(value, True)}"' for key, value in kept]) + ">")
        if self.balanced and name not in VOID:
            self.open.append(name)
            self.open_count[name] += 1

    def end(self, name: str) -> None:
        if self.skipping is not None:
            if name == self.skipping:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skipping = None
            return
        if name not in self.policy.elements or name in VOID:
            return
        if not self.balanced:
            self.out.append(f"</{name}>")
            return
        if not self.open_count[name]:
            return  # closes nothing this value opened: it would close an element of the page
        while self.open:
            closed = self.open.pop()
            self.open_count[closed] -= 1
            self.out.append(f"</{closed}>")
            if closed == name:
                break

    def text(self, data: str) -> None:
        if self.skipping is None:
            self.out.append(_escape(data))

    def finish(self) -> Sanitised:
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return Sanitised("".join(self.out), tuple(self.removed))

    # -- helpers --

    def _skip(self, name: str) -> None:
        self.skipping, self.skip_depth = name, 1

    def _link(self, href: str, text: str, css_class: str) -> None:
        self.out.append(f'<a class="{css_class}" href="{_escape(href, True)}" rel="noopener">{_escape(text)}</a>')

    def _attributes(self, element: str, attrs: dict[str, str | None]) -> list[tuple[str, str]]:
        allowed = self.policy.attributes | self.policy.element_attributes.get(element, frozenset())
        kept: list[tuple[str, str]] = []
        for name, value in attrs.items():
            value = (value or "").replace("\0", "")
            if name.startswith("on"):
                self.say(f"the {_short(name)} attribute of <{element}>")
            elif name not in allowed and not (self.policy.aria and name.startswith("aria-")):
                self.say(f"the {_short(name)} attribute of <{element}>")
            elif name in _URL_ATTRIBUTES or name == "srcset":
                url = self._url(element, name, value)
                if url is not None:
                    kept.append((name, url))
            elif name == "id" and value.lower() in DOM_NAMES:
                self.say(f"the id {_short(value)!r} of <{element}> (a name scripts read from document)")
            elif name == "style" and _UNSAFE_CSS.search(value):
                self.say(f"the style of <{element}> (only plain CSS properties are allowed)")
            else:
                kept.append((name, value))
        if element == "a":
            kept = with_noopener(kept)
        return kept

    def _url(self, element: str, attribute: str, value: str) -> str | None:
        """The URL to write, or None (and a phrase said) when it may not be used."""
        urls = srcset_urls(value) if attribute == "srcset" else [browser_url(value)]
        for url in urls:
            if not _url_allowed(url):
                scheme = url_scheme(url)
                self.say(f"the {scheme}: URL in <{element} {attribute}>")
                return None
            if attribute in _LOADED_ATTRIBUTES and (is_remote(url) or url_scheme(url)):
                self.say(f"the {attribute} of <{element}> from {_host(url)} (pages load nothing from other hosts)")
                return None
        return urls[0] if attribute != "srcset" else value.strip()


def _breaks_out_of_foreign_content(name: str, attrs: dict[str, str | None]) -> bool:
    if name == "font":
        return any(key in attrs for key in ("color", "face", "size"))
    from justhtml.core.constants import FOREIGN_BREAKOUT_ELEMENTS

    return name in FOREIGN_BREAKOUT_ELEMENTS


def with_noopener(attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """A link's attributes with ``rel="noopener"`` if it leads to another host: a page opened from it in a new
    tab cannot reach back to this one through ``window.opener``."""
    values = dict(attrs)
    if not is_remote(values.get("href") or ""):
        return attrs
    rel = values.get("rel") or ""
    if "noopener" in rel.lower().split():
        return attrs
    return [(key, value) for key, value in attrs if key != "rel"] + [("rel", f"{rel} noopener".strip())]
