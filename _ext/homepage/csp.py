"""A Content-Security-Policy on every page, so that only the site's own scripts run.

The sanitiser (:mod:`.safehtml`) keeps scripts out of what the site's sources say; the policy is the second
wall, for whatever it misses: a browser runs an inline script only when the policy names the script's hash,
and it names the hashes of the scripts the page itself writes around its content, never of the content's.
GitHub Pages and Read the Docs cannot send headers, so the policy is a ``<meta http-equiv>``, written first
in ``<head>`` after ``<meta charset>``: a policy in a ``<meta>`` covers only what comes after it.

The policy of a page:

- ``default-src 'self'``: images, fonts, the search's requests, frames, media come from the site alone; the
  site asks no other host for anything, so nothing else is needed.
- ``script-src 'self'`` and the SHA-256 of each inline script of the page's own: the theme's colour-mode
  script, Sphinx's ``DOCUMENTATION_OPTIONS`` lines, the search page's. No ``'unsafe-inline'``, so an event
  handler attribute or a ``javascript:`` URL never runs; no ``'unsafe-eval'``. Data blocks (the JSON-LD
  ``<script type="application/ld+json">``) are not scripts and get no hash.
- ``style-src 'self'`` and the SHA-256 of each inline ``<style>`` of the page's own (the home page's
  navigation mark, the theme's ``<noscript>`` rule), so an injected ``<style>`` hides nothing and imports
  nothing. ``style-src-attr 'unsafe-inline'`` only on pages whose markup has ``style=""`` attributes
  (a figure's width): an attribute holds declarations only, and ``default-src`` keeps their ``url()`` home.
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``: no plugins, no ``<base>`` that would
  send every relative URL to another host, no form that posts elsewhere (none of these fall back to
  ``default-src``).

``frame-ancestors``, ``report-uri`` and ``sandbox`` are ignored in a ``<meta>`` and are not written.

"The page's own" is the page with its content taken out: the HTML the page's sources were turned into
(``body`` in the template context) is the only text a stranger's file can put on a page; everything around
it comes from the theme's templates, Sphinx and extensions. A script or style in the content gets no hash,
whoever wrote it; a site that needs a script adds it with ``html_js_files`` or ``app.add_js_file()``.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from justhtml import JustHTML
from sphinx.application import Sphinx
from sphinx.config import Config

from .diagnostics import ConfLines, warn

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

# A <script> or <style> element of a template, from its start tag to its end tag. Templates are the site's own,
# well-formed markup, so finding their elements needs no more; each one found is then parsed by an HTML5
# parser for its attributes and its text exactly as a browser reads them.
_OWN_ELEMENT = re.compile(r"""<(script|style)\b(?:"[^"]*"|'[^']*'|[^'">])*>.*?</\1\s*>""", re.I | re.S)
# Where a page may carry a style attribute: "style=" after a space, a slash or a quote (the ways an HTML
# tokenizer starts an attribute). Text that merely reads so only allows attributes where none are.
_STYLE_ATTRIBUTE = re.compile(r"""[\s/"']style\s*=""", re.I)
_HEAD_START = re.compile(r"<head\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.I)
_CHARSET_META = re.compile(r"""\s*<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*/?>""", re.I)
_CONTENT_PARTS = re.compile(r"<(?:script|style)\b", re.I)

#: The context key that marks a page (not an XML file rendered through the same templates) for a policy.
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


@lru_cache(maxsize=4096)
def _own_element(markup: str) -> tuple[str, str] | None:
    """``("script"|"style", hash source)`` for an element a template wrote; None for an external or data script.

    Most such elements repeat on every page (the theme's), so each is parsed once.
    """
    root = JustHTML(markup, sanitize=False, fragment=True).root
    element = next((node for node in root.children or () if node.name in ("script", "style")), None)
    if element is None:
        return None
    if element.name == "script" and ("src" in element.attrs or not runs_as_script(element.attrs)):
        return None
    text = "".join(child.data for child in element.children or () if child.name == "#text")
    return element.name, hash_source(text)


def own_inline_code(page: str, content: str) -> InlineCode:
    """The inline scripts and styles ``page`` writes itself, outside ``content`` (the HTML of its sources)."""
    chrome = page
    if content and _CONTENT_PARTS.search(content):
        if content in page:
            chrome = page.replace(content, "")
        else:
            # A template changed the content on its way into the page: where it lies is unknown, so only
            # what comes before <body> is the page's own.
            chrome = re.split(r"<body\b", page, maxsplit=1, flags=re.I)[0]
    code = InlineCode()
    for match in _OWN_ELEMENT.finditer(chrome):
        found = _own_element(match.group(0))
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


def with_policy(page: str, content: str = "") -> str:
    """``page`` with its Content-Security-Policy ``<meta>`` first in ``<head>`` after ``<meta charset>``.

    ``content`` is the HTML of the page's sources within it: its scripts and styles are not allowed.
    """
    head = _HEAD_START.search(page)
    if head is None:
        return page
    at = head.end()
    charset = _CHARSET_META.match(page, at)
    if charset is not None:
        at = charset.end()
    meta = (
        '<meta http-equiv="Content-Security-Policy" content="'
        f'{html.escape(policy(own_inline_code(page, content), bool(_STYLE_ATTRIBUTE.search(page))), quote=False)}" />'
    )
    return f"{page[:at]}\n    {meta}{page[at:]}"


# -- Build integration -------------------------------------------------------------


def _policy_on_pages(render: Callable[[str, dict[str, Any]], str]) -> Callable[[str, dict[str, Any]], str]:
    def render_page(template: str, context: dict[str, Any]) -> str:
        output = render(template, context)
        if not context.get(_PAGE_MARK):
            return output
        body = context.get("body")
        return with_policy(output, body if isinstance(body, str) else "")

    return render_page


def _wrap_renderer(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    # Embedded builders (EPUB, HTML Help) write books for readers, not pages for a web server.
    embedded = getattr(app.builder, "embedded", False)
    if not app.config.homepage_csp or app.builder.format != "html" or embedded or templates is None:
        return
    templates.render = _policy_on_pages(templates.render)


def _mark_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if templatename.endswith(".html"):
        context[_PAGE_MARK] = True


def _check_config(app: Sphinx, config: Config) -> None:
    if not isinstance(config.homepage_csp, bool):
        warn(
            f"homepage_csp must be True or False, not {config.homepage_csp!r}: pages get their "
            "Content-Security-Policy",
            "config",
            ConfLines(app.confdir).setting("homepage_csp"),
        )
        config.homepage_csp = True


def setup_csp(app: Sphinx) -> None:
    app.add_config_value("homepage_csp", True, "html")
    app.connect("config-inited", _check_config)
    app.connect("builder-inited", _wrap_renderer)
    app.connect("html-page-context", _mark_page)

