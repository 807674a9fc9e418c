"""Math written as MathML when the site is built: no script, no font and no request to another host.

Sphinx's default HTML math renderer is MathJax, a script from a CDN that typesets each formula in the
visitor's browser. Every browser of the last years draws MathML itself (MathML Core), so this renderer
writes each ``math`` and ``math_block`` node of the site as ``<math>`` with docutils' LaTeX-to-MathML
converter (:func:`docutils.utils.math.latex2mathml.tex2mathml`), the one that writes ``$...$`` in paper
titles too (:mod:`.publications.nodes`). It is the site's renderer whenever ``conf.py`` does not name one in
``html_math_renderer``; naming ``"mathjax"`` there brings MathJax back.

What is carried:

- inline math as ``<math>``, display math as ``<math display="block">`` in Sphinx's ``div.math``, each with
  its TeX source in ``alttext`` (read by assistive tools, copied by some browsers);
- rows separated by ``\\\\`` (``aligned``, or ``&``-aligned rows written straight in the block) as a table,
  like ``align*``; the environments MathJax reads at the top of a formula (``equation``, ``align``,
  ``gather``, ``multline`` and their starred forms) are unwrapped to their content, so a post written for
  MathJax keeps its formulas;
- numbers and links of equations that Sphinx or MyST label (``$$ ... $$ (label)``, ``{math}`` with
  ``:label:``, referred to with ``{eq}``), as Sphinx numbers them; ``\\tag{x}`` as the number ``(x)``;
  ``\\label{name}`` as the anchor ``#equation-name`` (MyST's ``amsmath`` numbers ``\\begin{equation}``; a
  ``$$`` block with a ``\\label`` gets no number, where MathJax would give it one); ``\\nonumber``/``\\notag`` dropped;
- symbols typed as themselves (``e^±p``, ``x → ∞``), as MathJax reads them: operators and identifiers, as their
  commands write them (a symbol docutils has no command for, such as ``°``, as text);
- a formula that is only ``\\eqref{name}`` or ``\\ref{name}``, as a link to the page's formula labelled
  ``name``, showing its number.

What is not: ``\\eqref``/``\\ref`` within a longer formula, and any command docutils does not know: such a
formula gives one ``homepage.math`` warning at its line, when the page is read, and is shown as its TeX source
in ``<code>``, so nothing of it is lost.

Display math gets a small stylesheet (``math.css``: a long formula scrolls inside its block instead of
widening a phone's page; the formula takes the keyboard's focus so that it can be scrolled without a mouse),
linked only from pages that show display math.
"""

from __future__ import annotations

import functools
import re
from html import escape
from typing import Any

from docutils import nodes
from docutils.utils.math import latex2mathml, tex2unichar
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number

from .diagnostics import warn
from .node_kinds import page_holds

#: The renderer's name, for ``html_math_renderer``.
RENDERER = "homepage_mathml"
#: Linked from the pages that show math.
STYLESHEET = "math.css"

# Environments that MathJax reads at the top of a formula and that only say "number this" or "align these rows":
# the rows themselves are what docutils converts.
_OUTER_ENVIRONMENT = re.compile(
    r"\\begin\{(equation|align|alignat|gather|multline|eqnarray|displaymath|flalign)(\*?)\}(?:\{\d+\})?"
    r"(?P<body>.*)\\end\{\1\2\}",
    re.S,
)
_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")
_TAG = re.compile(r"\\tag\*?\s*\{([^{}]*)\}")
_NO_NUMBER = re.compile(r"\\(?:nonumber|notag)\b")
# A formula that only refers to an equation, as MathJax reads it: $\eqref{name}$, $\ref{name}$.
_REFERENCE = re.compile(r"\\(?:eq)?ref\s*\{([^{}]+)\}")
# How MathML indents its elements: a line break and spaces between tags, never inside a token's text.
_INDENT = re.compile(r"\n\s*")
# A symbol typed as itself (``±``, ``≤``, ``→``), as MathJax and al-folio's readers take it: docutils knows it only
# by its command. Its command from docutils' own tables, then a space to end the command's name (``e^±p``).
_SYMBOL_COMMANDS = {
    symbol: f"\\{command} "
    for table in (tex2unichar.mathbin, tex2unichar.mathrel, tex2unichar.mathop, tex2unichar.mathord,
                  tex2unichar.mathopen, tex2unichar.mathclose, tex2unichar.mathpunct)
    for command, symbol in reversed(table.items())
}
_SYMBOL = re.compile(r"[^\x00-\x7f\w]")
_TEXT = re.compile(r"(\\text\s*\{[^{}]*\})")


class Formula:
    """One formula's TeX made ready for docutils: what it labels and tags, and the TeX left to convert."""

    def __init__(self, tex: str) -> None:
        self.source = tex
        body = tex.strip()
        outer = _OUTER_ENVIRONMENT.fullmatch(body)
        if outer:
            body = outer.group("body")
        self.labels = tuple(label.strip() for label in _LABEL.findall(body))
        tags = _TAG.findall(body)
        self.tag = tags[0].strip() if tags else None
        self.tex = _NO_NUMBER.sub("", _TAG.sub("", _LABEL.sub("", body))).strip()


@functools.lru_cache(maxsize=4096)
def convert(tex: str, display: bool = False) -> tuple[str | None, str | None]:
    """``(mathml, None)`` for TeX docutils converts, ``(None, why)`` for TeX it cannot.

    The MathML carries ``alttext`` with ``tex`` and no indentation. Cached: a formula is converted when its
    page is read (to warn) and again when it is written, and a paper title once per list that shows it.
    """
    formula = Formula(tex)
    try:
        mathml = _tex2mathml(formula.tex, display)
    except Exception as error:  # noqa: BLE001 - docutils raises MathError, SyntaxError and others on bad TeX
        return None, (str(error) or type(error).__name__).rstrip(".")
    return _INDENT.sub("", mathml).replace("<math ", f'<math alttext="{escape(tex.strip())}" ', 1), None


def _tex2mathml(tex: str, display: bool) -> str:
    """docutils' MathML of ``tex``; symbols typed as themselves that it does not read are given as its commands
    (or, with none, as text), only when it does not read them: inside ``\\text{}`` they are read as they are."""
    try:
        return latex2mathml.tex2mathml(tex, as_block=display)
    except latex2mathml.MathError as error:
        if not str(error).startswith("Unsupported character"):
            raise
    pieces = _TEXT.split(tex)  # odd pieces are \\text{...}, kept as they are
    pieces[::2] = [_SYMBOL.sub(_symbol_command, piece) for piece in pieces[::2]]
    return latex2mathml.tex2mathml("".join(pieces), as_block=display)


def _symbol_command(symbol: re.Match) -> str:
    return _SYMBOL_COMMANDS.get(symbol.group(), f"\\text{{{symbol.group()}}}")


def mathml_or_source(tex: str, display: bool = False, css_class: str = "homepage-tex") -> str:
    """The formula as MathML, or (when docutils cannot convert it) its TeX in ``<code>``, so nothing is lost."""
    mathml, _error = convert(tex, display)
    return mathml if mathml is not None else f'<code class="{css_class}">{escape(tex)}</code>'


def _display_parts(node: nodes.math_block) -> list[str]:
    # Sphinx's math directive separates equations of one block by blank lines; each is a formula of its own.
    return [part for part in node.astext().split("\n\n") if part.strip()]


# -- Writing ----------------------------------------------------------------------------------------------------


def _visit_inline(self: Any, node: nodes.math) -> None:
    reference = _REFERENCE.fullmatch(node.astext().strip())
    # No wrapping span: the theme draws span.math as a clipped flex box, made for MathJax's output.
    self.body.append(_equation_link(node, reference.group(1)) if reference else mathml_or_source(node.astext()))
    raise nodes.SkipNode


def _equation_link(node: nodes.math, label: str) -> str:
    """``$\\eqref{name}$``: a link to the display formula of the page that says ``\\label{name}``, with its number
    (its name where it has none); the name alone when no formula of the page has that label."""
    for block in node.document.findall(nodes.math_block) if node.document else ():
        if any(label.strip() in Formula(part).labels for part in _display_parts(block)):
            anchor = block["ids"][0] if block["ids"] else f"equation-{nodes.make_id(label)}"
            shown = block.get("number") or label
            return f'<a class="reference internal" href="#{escape(anchor)}">({escape(str(shown))})</a>'
    return f"({escape(label)})"


def _visit_block(self: Any, node: nodes.math_block) -> None:
    parts = _display_parts(node)
    formulas = [Formula(part) for part in parts]
    ids = [f"equation-{nodes.make_id(label)}" for formula in formulas for label in formula.labels if nodes.make_id(label)]
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight homepage-math"))
    # The anchors \label names, so that a link written for MathJax (#equation-name) still lands here.
    self.body.extend(f'<span id="{escape(anchor)}"></span>' for anchor in dict.fromkeys(ids) if anchor not in node["ids"])
    tag = next((formula.tag for formula in formulas if formula.tag), None)
    if node.get("number"):
        self.body.append(f'<span class="eqno">({escape(str(get_node_equation_number(self, node)))})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    elif tag:
        self.body.append(f'<span class="eqno">({escape(tag)})</span>')
    # A display formula scrolls sideways when wider than the column (a phone): focusable, so that keyboards can scroll it.
    blocks = (mathml_or_source(part, display=True).replace("<math ", '<math tabindex="0" ', 1) for part in parts)
    self.body.append("".join(blocks))
    self.body.append("</div>\n")
    raise nodes.SkipNode


# -- Reading: one warning per formula that cannot be converted ---------------------------------------------------


def _line_of(node: nodes.Node) -> nodes.Node:
    """The node itself, or its nearest ancestor that knows its line (MyST gives inline math none)."""
    current: nodes.Node | None = node
    while current is not None and current.line is None:
        current = current.parent
    return current or node


def check_formulas(app: Sphinx, doctree: nodes.document) -> None:
    """Warn, at its line, about each formula the MathML writer would show as TeX source."""
    if app.builder.format != "html" or app.builder.math_renderer_name != RENDERER:
        return
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        display = isinstance(node, nodes.math_block)
        for part in _display_parts(node) if display else [node.astext()]:
            if not display and _REFERENCE.fullmatch(part.strip()):
                continue
            _mathml, error = convert(part, display)
            if error is not None:
                shown = " ".join(part.split())
                shown = shown if len(shown) <= 60 else shown[:60] + "…"
                warn(f"the math “{shown}” cannot be written as MathML ({error}); its TeX source is shown", "math", _line_of(node))


def _default_renderer(app: Sphinx, config: Config) -> None:
    if not config.html_math_renderer:
        config.html_math_renderer = RENDERER


def _add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    # Only pages with display math pay for its styles.
    if app.builder.math_renderer_name == RENDERER and page_holds(app, doctree, nodes.math_block):
        app.add_css_file(STYLESHEET)


def setup_mathml(app: Sphinx) -> None:
    app.add_html_math_renderer(RENDERER, inline_renderers=(_visit_inline, None), block_renderers=(_visit_block, None))
    app.connect("config-inited", _default_renderer)
    app.connect("doctree-read", check_formulas)
    app.connect("html-page-context", _add_stylesheet)
