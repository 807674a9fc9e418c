"""Code blocks shown as al-folio shows them: code the highlighter cannot read is shown plain, without a warning.

al-folio's code blocks (fenced, or ``{% highlight lang %}``) go through Rouge, which shows text it cannot lex
as it is; kramdown's escapes (``\\*`` in C or JavaScript) are common in them. Pygments, asked to raise on an
error token, makes Sphinx warn and then highlight the block again, leniently. The block is marked ``force`` so
that Pygments is lenient at once: the page is the same, and a site that builds on al-folio builds strictly here.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def _lenient_highlighting(app: Sphinx, doctree: nodes.document) -> None:
    for block in doctree.findall(nodes.literal_block):
        block["force"] = True


def setup_code_blocks(app: Sphinx) -> None:
    app.connect("doctree-read", _lenient_highlighting)
