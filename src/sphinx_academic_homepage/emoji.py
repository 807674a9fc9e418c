"""Jekyll's jemoji: ``:smile:`` in the text of a page, a news item or a post is the emoji 😄.

al-folio turns jemoji on, so its sites write emoji as GitHub's shortcodes. Each ``:name:`` of a page's text whose
name is one of GitHub's (``gemoji.txt``, written by ``scripts/make_gemoji_table.py``) becomes the emoji itself, a
character of the text: jemoji draws an image from GitHub's servers instead, and pages here load nothing from
other hosts. Code (inline and blocks), math, comments and raw HTML say what they say; a ``:word:`` that names no
emoji is left as written, as jemoji leaves it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

# jemoji's pattern: a name of word characters, "+" and "-" between two colons.
_SHORTCODE = re.compile(r":([\w+-]+):")
# Text inside these is not prose (FixedTextElement: code blocks, math blocks, comments, raw HTML).
_NOT_PROSE = (nodes.FixedTextElement, nodes.literal, nodes.math)


@cache
def shortcodes() -> dict[str, str]:
    """GitHub's emoji names -> the emoji."""
    text = Path(__file__).with_name("gemoji.txt").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


def with_emoji(text: str) -> str:
    """``text`` with each shortcode of a known emoji replaced by the emoji."""
    table = shortcodes()
    return _SHORTCODE.sub(lambda match: table.get(match.group(1), match.group(0)), text)


def _in_prose(text: nodes.Text) -> bool:
    parent = text.parent
    while parent is not None:
        if isinstance(parent, _NOT_PROSE):
            return False
        parent = parent.parent
    return True


class EmojiShortcodes(SphinxTransform):
    """``:name:`` in the prose of a page read: the emoji."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if ":" not in text or not _in_prose(text):
                continue
            replaced = with_emoji(text.astext())
            if replaced != text.astext():
                text.parent.replace(text, nodes.Text(replaced))


def setup_emoji(app: Sphinx) -> None:
    app.add_transform(EmojiShortcodes)
