"""A Content-Security-Policy on every page, so that only the site's own scripts run.

The sanitiser (:mod:`.safehtml`) keeps scripts out of what the site's sources say; the policy is the second
wall, for whatever it misses: a browser runs an inline script only when the policy names the script's hash,
and it names the hashes of the scripts the site's templates write, never of what a page shows.
GitHub Pages and Read the Docs cannot send headers, so the policy is a ``<meta http-equiv>``, written first
in ``<head>`` after ``<meta charset>``: a policy in a ``<meta>`` covers only what comes after it.

The policy of a page:

- ``default-src 'self'``: images, fonts, the search's requests, frames, media come from the site alone; the
  site asks no other host for anything, so no page can load anything from one.
- ``script-src 'self'`` and the SHA-256 of each inline script of the page's own: the theme's colour-mode
  script, Sphinx's ``DOCUMENTATION_OPTIONS`` lines, the search page's. No ``'unsafe-inline'``, so an event
  handler attribute or a ``javascript:`` URL never runs; no ``'unsafe-eval'``. Data blocks (the JSON-LD
  ``<script type="application/ld+json">``) are not scripts and get no hash.
- ``style-src 'self'`` and the SHA-256 of each inline ``<style>`` of the page's own (the theme's
  ``<noscript>`` rule), so an injected ``<style>`` hides nothing and imports nothing.
  ``style-src-attr 'unsafe-inline'`` only on pages whose markup has ``style=""`` attributes (a table's
  column widths): an attribute holds declarations only, and ``default-src`` keeps their ``url()`` home.
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``: no plugins, no ``<base>`` that would
  send every relative URL to another host, no form that posts elsewhere (none of these fall back to
  ``default-src``).

``frame-ancestors``, ``report-uri`` and ``sandbox`` are ignored in a ``<meta>`` and are not written.

"The page's own" scripts and styles are the ones the theme's templates and Sphinx's script list write: while
a build runs, every ``<script>`` and ``<style>`` tag in the templates' sources and every tag ``js_tag()`` writes
carries a mark with a secret made for the build, which is taken out again once the page is rendered (a
template compiles the mark as a call of a filter that knows the secret, so compiled templates can be kept).
Anything else on the page came from what the page shows (its body, the titles of other pages in its
navigation, its metadata) and gets no hash, whoever wrote it; a site that needs a script adds it with
``html_js_files`` or ``app.add_js_file()``.

Sphinx has no event after a page is rendered, and the page's scripts are only known then (the templates
write them), so the builder's template renderer is wrapped: each page gets its policy as it is written, in
the process that writes it (``-j`` too), and pages not written in a build are never touched.
``homepage_csp = False`` in ``conf.py`` turns the policy off.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jinja2.ext
import jinja2.runtime
from jinja2.lexer import (
    TOKEN_DATA,
    TOKEN_LPAREN,
    TOKEN_NAME,
    TOKEN_PIPE,
    TOKEN_RPAREN,
    TOKEN_STRING,
    TOKEN_TILDE,
    TOKEN_VARIABLE_BEGIN,
    TOKEN_VARIABLE_END,
    Token,
    TokenStream,
)
from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader

from .config import homepage_config
from .priorities import PRIORITY

#: The ``type`` values of scripts a browser runs (HTML's JavaScript MIME type essences, modules, import maps,
#: speculation rules: all governed by ``script-src``); any other type is a data block.
SCRIPT_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        "speculationrules",
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)

#: The attribute that marks a ``<script>`` or ``<style>`` tag as written by a template while a page renders.
OWN_MARK = "data-homepage-own"
# A <script> or <style> start tag's opening, in a template's source or in what js_tag() writes.
_TAG_OPENING = re.compile(r"<(?:script|style)(?=[\s/>])", re.I)
# A start tag marked as the site's own; the mark comes right after the tag's name. The build's secret is
# never written out, so no text from elsewhere can carry it.
_MARKED_TAG = r"<(script|style) {mark}=(\w+)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>"
_END_TAG = {"script": re.compile(r"</script[\s/>]", re.I), "style": re.compile(r"</style[\s/>]", re.I)}
# Where a page may carry a style attribute: "style=" after a space, a slash or a quote (the ways an HTML
# tokenizer starts an attribute). Text that merely reads so only allows attributes where none are.
_STYLE_ATTRIBUTE = re.compile(r"""[\s/"']style\s*=""", re.I)
_HEAD_START = re.compile(r"<head\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.I)
_CHARSET_META = re.compile(r"""\s*<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*/?>""", re.I)

#: The context key that marks a page for a policy (not an XML file rendered through the same templates).
_PAGE_MARK = "homepage_csp_page"


@dataclass
class InlineCode:
    """The inline scripts and styles of a page that its policy allows, by their CSP hash sources."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)

    def add(self, kind: str, source: str) -> None:
        found = self.scripts if kind == "script" else self.styles
        if source not in found:
            found.append(source)


def hash_source(text: str) -> str:
    """The CSP hash source (``'sha256-...'``) that allows an inline script or style whose text is ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def runs_as_script(attrs: dict[str, str | None]) -> bool:
    """Whether a ``<script>`` with these attributes is run by a browser (not a data block such as JSON-LD)."""
    script_type = attrs.get("type")
    if script_type is None:
        language = attrs.get("language")
        script_type = f"text/{language}" if language else ""
    return script_type.strip().lower() in SCRIPT_TYPES


def marked_opening(opening: str, secret: str) -> str:
    """A tag's opening (``<script``, ``<style``) with the mark made with ``secret``.

    The mark has no quotes, so it fits inside a quoted string of the template language too.
    """
    return f"{opening} {OWN_MARK}={secret}"


def mark_own(markup: str, secret: str) -> str:
    """``markup`` (a tag js_tag() wrote, a template's text) with each ``<script>``/``<style>`` tag marked."""
    return _TAG_OPENING.sub(lambda opening: marked_opening(opening.group(0), secret), markup)


# An element in the form the theme's templates and js_tag() write: lower-case names, double-quoted values with
# no character reference, text with no carriage return or NUL (which an HTML5 parser would rewrite). An HTML5
# parser reads such an element to the very names, values and text the pattern finds; any other form is parsed.
_PLAIN_ELEMENT = re.compile(r'<(script|style)((?:[ \t\n\f]+[a-z][a-z-]*(?:="[^"&\r\0]*")?)*)[ \t\n\f]*>([^\r\0]*)')
_PLAIN_ATTRIBUTE = re.compile(r'([a-z][a-z-]*)(?:="([^"]*)")?')


def _read_element(element: str) -> tuple[str, dict[str, str | None], str] | None:
    """The name, the attributes (the first of each name) and the text of a ``<script>``/``<style>`` element,
    as a browser reads them; None when there is no such element."""
    plain = _PLAIN_ELEMENT.fullmatch(element)
    if plain is not None:
        attrs: dict[str, str | None] = {}
        for name, value in _PLAIN_ATTRIBUTE.findall(plain.group(2)):
            attrs.setdefault(name, value)
        return plain.group(1), attrs, plain.group(3)
    # Imported here: most sites never write an element the pattern leaves to the parser.
    from justhtml import JustHTML

    root = JustHTML(element, sanitize=False, fragment=True).root
    node = next((child for child in root.children or () if child.name in ("script", "style")), None)
    if node is None:
        return None
    return node.name, node.attrs, "".join(child.data for child in node.children or () if child.name == "#text")


@lru_cache(maxsize=4096)
def _inline_code(element: str) -> tuple[str, str] | None:
    """``("script"|"style", hash source)`` for an element's markup; None for an external script or a data block.

    Read for the attributes and the text exactly as a browser reads them. Most own elements repeat on every
    page (the theme's), so each is read once.
    """
    found = _read_element(element)
    if found is None:
        return None
    name, attrs, text = found
    if name == "script" and ("src" in attrs or not runs_as_script(attrs)):
        return None
    return name, hash_source(text)


def own_inline_code(page: str, secret: str) -> InlineCode:
    """The inline scripts and styles of ``page`` whose tags carry the mark made with ``secret``.

    Each element ends at its first end tag, as a browser ends a script or style element; only the marked
    elements are looked at, so a page's content costs one pass however many tags it opens.
    """
    code = InlineCode()
    mark = f" {OWN_MARK}={secret}"
    for start in re.finditer(_MARKED_TAG.format(mark=OWN_MARK), page):
        if start.group(2) != secret:
            continue
        end = _END_TAG[start.group(1).lower()].search(page, start.end())
        if end is None:
            continue  # never closed: the browser runs nothing of it
        # Up to its end tag: the parser reads the text to the end of the string, as the browser to "</script".
        found = _inline_code(page[start.start() : end.start()].replace(mark, ""))
        if found is not None:
            code.add(*found)
    return code


def policy(code: InlineCode, style_attributes: bool) -> str:
    """The Content-Security-Policy of a page with the inline ``code`` of its own."""
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *code.scripts]),
        " ".join(["style-src 'self'", *code.styles]),
    ]
    if style_attributes:
        directives.append("style-src-attr 'unsafe-inline'")
    directives += ["object-src 'none'", "base-uri 'self'", "form-action 'self'"]
    return "; ".join(directives)


def with_policy(page: str, secret: str) -> str:
    """``page``, rendered with its own tags marked with ``secret``, without the marks and with its
    Content-Security-Policy ``<meta>`` first in ``<head>`` after ``<meta charset>``."""
    code = own_inline_code(page, secret)
    page = page.replace(f" {OWN_MARK}={secret}", "")
    head = _HEAD_START.search(page)
    if head is None:
        return page
    at = head.end()
    charset = _CHARSET_META.match(page, at)
    if charset is not None:
        at = charset.end()
    content = html.escape(policy(code, bool(_STYLE_ATTRIBUTE.search(page))), quote=False)
    return f'{page[:at]}\n    <meta http-equiv="Content-Security-Policy" content="{content}" />{page[at:]}'


# -- Build integration -------------------------------------------------------------


#: The template filter that gives a tag's opening its mark when a page renders.
MARK_FILTER = "homepage_own_mark"


def mark_filter(secret: str) -> Callable[..., str]:
    """The template filter :data:`MARK_FILTER` of a build whose secret is ``secret``."""

    # A filter that takes the context is never run while the template compiles (Jinja runs the others on
    # constant text then): the secret stays out of the compiled template.
    @jinja2.pass_context
    def mark(context: jinja2.runtime.Context, opening: str) -> str:
        return marked_opening(opening, secret)

    return mark


def _marked_openings(token: Token) -> Iterator[Token]:
    """The tokens of a template's text or string literal in which each tag opening is an expression,
    ``'<script'|homepage_own_mark``: the secret is never compiled into the template, so compiled templates
    can be kept from one build to the next (:mod:`.template_cache`) while every build has a secret of its own."""
    line = token.lineno
    pieces = _TAG_OPENING.split(token.value)
    openings = _TAG_OPENING.findall(token.value)
    if token.type == TOKEN_DATA:
        for text, opening in zip(pieces, openings):
            yield from (Token(line, TOKEN_DATA, text), Token(line, TOKEN_VARIABLE_BEGIN, "{{"))
            yield from (*_mark_call(line, opening), Token(line, TOKEN_VARIABLE_END, "}}"))
        yield Token(line, TOKEN_DATA, pieces[-1])
        return
    # A string literal becomes a parenthesised concatenation, which stands wherever the string stood.
    yield Token(line, TOKEN_LPAREN, "(")
    for text, opening in zip(pieces, openings):
        yield from (Token(line, TOKEN_STRING, text), Token(line, TOKEN_TILDE, "~"), *_mark_call(line, opening))
        yield Token(line, TOKEN_TILDE, "~")
    yield from (Token(line, TOKEN_STRING, pieces[-1]), Token(line, TOKEN_RPAREN, ")"))


def _mark_call(line: int, opening: str) -> tuple[Token, ...]:
    return (Token(line, TOKEN_STRING, opening), Token(line, TOKEN_PIPE, "|"), Token(line, TOKEN_NAME, MARK_FILTER))


class MarkOwnTags(jinja2.ext.Extension):
    """Marks the ``<script>`` and ``<style>`` tags of every template's text and string literals as the site's own."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        for token in stream:
            if token.type in (TOKEN_DATA, TOKEN_STRING) and _TAG_OPENING.search(token.value):
                yield from _marked_openings(token)
            else:
                yield token


class PagePolicies:
    """Gives each page the builder renders its policy: marks the own tags, then hashes them and removes the marks."""

    def __init__(self, app: Sphinx) -> None:
        # Made afresh for each build and never written out: what a page shows cannot guess it.
        self.secret = secrets.token_hex(16)
        templates = app.builder.templates
        templates.environment.filters[MARK_FILTER] = mark_filter(self.secret)
        templates.environment.add_extension(MarkOwnTags)
        self._render = templates.render
        templates.render = self.render
        app.connect("html-page-context", self.mark_scripts, priority=PRIORITY.mark_own_scripts)

    def mark_scripts(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        js_tag = context.get("js_tag")
        if templatename.endswith(".html") and callable(js_tag):
            context["js_tag"] = lambda js: mark_own(js_tag(js), self.secret)
            context[_PAGE_MARK] = True

    def render(self, template: str, context: dict[str, Any]) -> str:
        output = self._render(template, context)
        if not context.get(_PAGE_MARK):
            return output.replace(f" {OWN_MARK}={self.secret}", "")
        return with_policy(output, self.secret)


def _add_policies(app: Sphinx) -> None:
    # Embedded builders (EPUB, HTML Help) write books for readers, not pages for a web server. A site's own
    # template_bridge renders in ways the marks cannot follow.
    embedded = getattr(app.builder, "embedded", False)
    templates = getattr(app.builder, "templates", None)
    if homepage_config(app).csp and app.builder.format == "html" and not embedded:
        if isinstance(templates, BuiltinTemplateLoader):
            PagePolicies(app)


def setup_csp(app: Sphinx) -> None:
    app.connect("builder-inited", _add_policies)

