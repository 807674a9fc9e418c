"""The theme's full Font Awesome fonts, unnamed in the served stylesheet when the package's subsets draw every icon.

``static/icon-font.css`` serves the glyphs the theme and the extension draw from two small subsets
(``scripts/make_icon_font_subset.py``), each ``@font-face`` with a ``unicode-range`` of its glyphs, beside the
theme's own ``@font-face`` rules for its full fonts (112 KB, 108 KB and 18 KB), which have no range: they
cover every character. A browser takes a character from the subset when its range holds it, and from the
next face of the family that covers it whenever the subset cannot draw it: a subset whose download failed
(Chromium then fetches the full solid font for the menu's icon), a character outside the range drawn in the
icon family, even for a moment. Then 112 KB are downloaded for glyphs the site never shows. So, once the
stylesheets are trimmed (``unused_css.py``), a full font's rule is left out of the theme's stylesheet when every
Font Awesome glyph the served stylesheets name is in a subset: the subset draws each of them as before, and
nothing can fetch the full font. A site that names a glyph outside the subsets (a ``fa-rocket`` of its own)
keeps the theme's rules as they were.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

#: The package's subsets and their ranges.
SUBSET_STYLESHEET = Path(__file__).parent / "static" / "icon-font.css"

# Font Awesome's glyphs are in the Private Use Area; a stylesheet writes them raw or as "\f0c9" escapes.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\(e[0-9a-f]{3}|f[0-8][0-9a-f]{2})(?![0-9a-f])", re.I)
# The theme's rule for one of its full fonts, as its minified stylesheet writes it: no block inside.
_FULL_FONT_FACE = re.compile(
    r"@font-face\s*\{[^{}]*?url\(\s*[\"']?[^\"')]*/webfonts/(fa-(?:solid-900|regular-400|brands-400))\.woff2[^{}]*\}"
)
#: The classes that draw an icon from the regular font (weight 400 of the solid font's family), which has no subset.
REGULAR_CLASSES = ("fa-regular", "far")


def code_points(css: str) -> set[int]:
    """The Private Use Area characters ``css`` names: the Font Awesome glyphs it can draw."""
    matches = _PRIVATE_USE.finditer(css)
    return {ord(match.group(0)) if not match.group(1) else int(match.group(1), 16) for match in matches}


@functools.cache
def subset_code_points() -> frozenset[int]:
    """Every code point in the ``unicode-range`` of the package's subset fonts."""
    found: set[int] = set()
    css = SUBSET_STYLESHEET.read_text(encoding="utf-8")
    for declared in re.findall(r"unicode-range:\s*([^;}]+)", css):
        for part in declared.split(","):
            first, _, last = part.strip()[2:].partition("-")
            found.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(found)


def without_full_icon_fonts(css: str, drawn: set[int], regular_drawn: bool) -> str:
    """``css`` without the theme's ``@font-face`` rules for its full Font Awesome fonts, when every glyph in
    ``drawn`` (those the served stylesheets name, ``css``'s own included) is in a subset; else ``css`` as it is.

    The regular font has no subset: its rule stays when ``regular_drawn`` (a page or script may use one of the
    ``REGULAR_CLASSES``, or a rule of ``css`` draws with its shorthand).
    """
    if not drawn <= subset_code_points():
        return css
    regular_drawn = regular_drawn or "var(--fa-font-regular)" in css

    def drop(match: re.Match) -> str:
        return match.group(0) if match.group(1) == "fa-regular-400" and regular_drawn else ""

    return _FULL_FONT_FACE.sub(drop, css)
